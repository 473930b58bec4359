#!/bin/sh
# Downloads the training data into .cache/ (git-ignored) with `npm pack`, then unpacks it:
#   emoji-datasource-google@16   Noto Color Emoji PNGs (Apache-2.0) + emoji.json (MIT)
#   emoji-datasource-twitter@16  Twemoji PNGs (CC-BY 4.0) + the same emoji.json
#   emojilib@4                   keywords per emoji (MIT)
#   fluentui-emoji@1.3.0         Microsoft Fluent Emoji SVGs (MIT)
#   @tabler/icons@3.52.0         Tabler outline icons + tags (MIT)
#   lucide-static@1.87.0         Lucide icons + tags (ISC)
# and installs @resvg/resvg-js@2.6.2 (MPL-2.0, prebuilt) into .cache/resvg for render_svgs.cjs.
set -eu
cd "$(dirname "$0")"
mkdir -p .cache && cd .cache
[ -f emoji-datasource-google-16.0.0.tgz ] || npm pack emoji-datasource-google@16
[ -f emoji-datasource-twitter-16.0.0.tgz ] || npm pack emoji-datasource-twitter@16
[ -f emojilib-4.0.3.tgz ] || npm pack emojilib@4
[ -f fluentui-emoji-1.3.0.tgz ] || npm pack fluentui-emoji@1.3.0
[ -f tabler-icons-3.52.0.tgz ] || npm pack @tabler/icons@3.52.0
[ -f lucide-static-1.87.0.tgz ] || npm pack lucide-static@1.87.0
mkdir -p google twitter emojilib fluent tabler lucide
tar -xzf emoji-datasource-google-16.0.0.tgz -C google
tar -xzf emoji-datasource-twitter-16.0.0.tgz -C twitter
tar -xzf emojilib-4.0.3.tgz -C emojilib
tar -xzf fluentui-emoji-1.3.0.tgz -C fluent
tar -xzf tabler-icons-3.52.0.tgz -C tabler
tar -xzf lucide-static-1.87.0.tgz -C lucide
[ -d resvg/node_modules/@resvg/resvg-js ] || npm install --no-save --prefix resvg @resvg/resvg-js@2.6.2
ls google/package/img/google/64 | wc -l
