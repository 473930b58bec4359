#!/bin/sh
# Downloads the emoji images + metadata (npm emoji-datasource-google@16: Noto Emoji PNGs, Apache-2.0; package MIT)
# and the keywords (npm emojilib@4, MIT) into .cache/ (git-ignored), then unpacks them.
set -eu
cd "$(dirname "$0")"
mkdir -p .cache && cd .cache
[ -f emoji-datasource-google-16.0.0.tgz ] || npm pack emoji-datasource-google@16
[ -f emojilib-4.0.3.tgz ] || npm pack emojilib@4
mkdir -p google emojilib
tar -xzf emoji-datasource-google-16.0.0.tgz -C google
tar -xzf emojilib-4.0.3.tgz -C emojilib
ls google/package/img/google/64 | wc -l
