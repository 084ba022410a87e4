#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The contrast test: renders every page at 360x640 and 1280x800 in the
# light and dark styles (every consent given, so that every page shows its
# content) and measures each label's text against its background in the
# PNGs (check-contrast.py, WCAG AA 4.5:1). The high-contrast style is
# rendered too (ADW_DEBUG_HIGH_CONTRAST) and measured the same way. The
# pictures stay in OUTDIR/SIZE-STYLE for review.
set -euo pipefail
app=$1 out=$2
here=$(dirname "$0")
rm -rf "$out"
mkdir -p "$out"
dirs=()
for size in 360x640 1280x800; do
  for style in light dark high-contrast; do
    dir="$out/$size-$style"
    if [ "$style" = high-contrast ]; then
      ADW_DEBUG_HIGH_CONTRAST=1 "$app" --screenshot-dir "$dir" --size "$size" --style light \
        --screenshot-consents all >"$out/run.log" 2>&1 || { cat "$out/run.log"; echo "not ok: $size $style"; exit 1; }
    else
      "$app" --screenshot-dir "$dir" --size "$size" --style "$style" \
        --screenshot-consents all >"$out/run.log" 2>&1 || { cat "$out/run.log"; echo "not ok: $size $style"; exit 1; }
    fi
    dirs+=("$dir")
  done
done
exec /usr/bin/python3 "$here/check-contrast.py" "${dirs[@]}"
