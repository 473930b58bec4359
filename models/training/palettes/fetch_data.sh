#!/bin/sh
# Fetch the npm package nice-color-palettes (MIT) into .cache/ (git-ignored) with `npm pack` (no install, no
# scripts run) and unpack it. Usage: sh fetch_data.sh   (from any directory)
# Result: .cache/nice-color-palettes-4.0.0.tgz, .cache/package/{1000.json,LICENSE.md,package.json,...}
# The data set (dedupe + split) is then built by `python3 -m palettes.dataset --rebuild` (from models/training).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="$HERE/.cache"
VERSION=4.0.0
# sha256 of the tarball and of its 1000.json as used for the shipped model
TGZ_SHA256=4dec60c1efd64027ae00ecd9c8ed3df69c583e9916208f50452be2e606ba5fae
JSON_SHA256=d2e25dad731b23453aa31812be7a1120c3f515bf20563ef3066fd1fc9fa6a54d
mkdir -p "$CACHE"
cd "$CACHE"
TGZ="nice-color-palettes-$VERSION.tgz"
[ -f "$TGZ" ] || npm pack --loglevel=warn "nice-color-palettes@$VERSION" >/dev/null
echo "$TGZ_SHA256  $TGZ" | sha256sum -c -
rm -rf package
tar xzf "$TGZ"
echo "$JSON_SHA256  package/1000.json" | sha256sum -c -
grep -q "The MIT License" package/LICENSE.md && echo "licence: MIT (package/LICENSE.md)"
