#!/bin/sh
# Download Debian font packages (Latin text faces) and extract them into .cache/ (git-ignored).
# Usage: sh fetch_data.sh            (from any directory)
# Result: .cache/debs/*.deb, .cache/pkgs/<package>/usr/share/fonts/**.{ttf,otf}
#         and .cache/pkgs/<package>/usr/share/doc/<package>/copyright (licence of each package).
# Packages that are unavailable are skipped. Which packages are actually USED (licence allow-list)
# is decided in packages.tsv / dataset.py, not here.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="$HERE/.cache"
mkdir -p "$CACHE/debs" "$CACHE/pkgs"
PKGS="$(grep -v '^#' "$HERE/packages.tsv" | cut -f1 | grep -v '^package$' | tr '\n' ' ')"
cd "$CACHE/debs"
ok=0; skipped=""
for p in $PKGS; do
  if ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null 2>&1; then
    ok=$((ok + 1))
  else
    skipped="$skipped $p"
  fi
done
for p in $PKGS; do
  f="$(ls "${p}"_*.deb 2>/dev/null | head -n1)"
  [ -n "$f" ] || continue
  rm -rf "$CACHE/pkgs/$p"
  dpkg-deb -x "$f" "$CACHE/pkgs/$p"
done
echo "packages: $ok downloaded; skipped:${skipped:- none}"
echo "font files: $(find "$CACHE/pkgs" \( -iname '*.ttf' -o -iname '*.otf' \) | wc -l)"
