#!/usr/bin/env bash
# Every file with translatable strings is in po/POTFILES.in, and every file
# listed there exists. Translatable means: a .ui file with translatable="yes",
# a .c file calling _(), N_(), C_() or NC_(), or a desktop/metainfo/schema
# file.
set -euo pipefail
cd "$1"

listed=$(sed 's/#.*//' po/POTFILES.in | awk 'NF { print $1 }' | sort -u)
status=0

for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done

needed=$( {
  grep -rl --include='*.ui' 'translatable="yes"' data src || true
  grep -rlE --include='*.c' '\b(N?C?_)\(' src || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} | sort -u)

for f in $needed; do
  grep -qx "$f" <<<"$listed" || { echo "$f has translatable strings but is missing from po/POTFILES.in"; status=1; }
done

[ $status = 0 ] && echo "po/POTFILES.in lists all $(wc -w <<<"$needed") translatable files"
exit $status
