#!/bin/sh
# Debian `fortunes` and `fortunes-min` (NOT the -off packages) unpacked into .cache/fortunes/.
# Falls back to the installed files under /usr/share/games/fortunes after `apt-get install` if download fails.
set -e
cd "$(dirname "$0")"
mkdir -p .cache/fortunes-deb .cache/fortunes
cd .cache/fortunes-deb
apt-get download fortunes fortunes-min
for f in fortunes*_all.deb; do dpkg-deb -x "$f" x; done
cd ..
rm -rf fortunes
mkdir fortunes
# the %-separated text files (skip the .dat indexes and symlinks)
for f in fortunes-deb/x/usr/share/games/fortunes/*; do
  case "$f" in *.dat|*.u8) continue ;; esac
  [ -f "$f" ] && [ ! -L "$f" ] && cp "$f" fortunes/
done
cp fortunes-deb/x/usr/share/doc/fortunes-min/copyright fortunes/COPYRIGHT-fortunes-min 2>/dev/null || true
cp fortunes-deb/x/usr/share/doc/fortunes/copyright fortunes/COPYRIGHT-fortunes 2>/dev/null || true
ls fortunes | wc -l
