#!/bin/sh
# Download the GIMP pattern packages from Debian and extract them into .cache/.
# Usage: sh fetch_data.sh            (from any directory)
# Result: models/training/texture/.cache/extracted/usr/share/gimp/2.0/patterns/**.pat
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="$HERE/.cache"
mkdir -p "$CACHE"
cd "$CACHE"
if ! ls gimp-data_*.deb >/dev/null 2>&1 || ! ls gimp-data-extras_*.deb >/dev/null 2>&1; then
  apt-get download gimp-data gimp-data-extras
fi
rm -rf extracted
for f in gimp-data_*.deb gimp-data-extras_*.deb; do
  dpkg-deb -x "$f" extracted
done
echo "patterns: $(find extracted -name '*.pat' | wc -l)"
echo "licenses: $CACHE/extracted/usr/share/doc/gimp-data/copyright $CACHE/extracted/usr/share/doc/gimp-data-extras/copyright"
