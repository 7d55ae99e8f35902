#!/usr/bin/env bash
# Redraws the app icons under src-tauri/icons with ImageMagick (apt-get install imagemagick).
# The PNGs are committed; run this only to change the design: two overlapping circles, two
# people attuned to each other, on a calm green.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/icons"
convert -size 1024x1024 xc:none \
  -fill '#3f6f6a' -draw 'roundrectangle 64,64 960,960 200,200' \
  -fill 'rgba(246,241,232,0.92)' -draw 'circle 420,512 420,262' \
  -fill 'rgba(233,196,160,0.85)' -draw 'circle 604,512 604,262' \
  -resize 512x512 PNG32:icon.png
convert icon.png -resize 32x32 PNG32:32x32.png
convert icon.png -resize 128x128 PNG32:128x128.png
convert icon.png -resize 256x256 PNG32:128x128@2x.png
