#!/bin/sh
# Data for the texture VAE = the same 168 GIMP .pat patterns as the texture generator (Debian gimp-data +
# gimp-data-extras). They are downloaded and extracted once into models/training/texture/.cache/ by that
# model's fetch_data.sh, which this script calls (skipped when the patterns are already there).
# Usage: sh fetch_data.sh            (from any directory)
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
TEXTURE="$HERE/../texture"
PATTERNS="$TEXTURE/.cache/extracted/usr/share/gimp/2.0/patterns"
if [ -d "$PATTERNS" ] && [ "$(find "$PATTERNS" -name '*.pat' | wc -l)" -ge 168 ]; then
  echo "patterns already present: $(find "$PATTERNS" -name '*.pat' | wc -l) under models/training/texture/.cache/"
else
  sh "$TEXTURE/fetch_data.sh"
fi
cd "$HERE/.." && /usr/bin/python3 -m texture-vae.data 2>/dev/null   # usable patterns and the train / held-out split
