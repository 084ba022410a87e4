#!/usr/bin/env bash
# Every language in po/LINGUAS compiles and is complete: each message of
# the current sources has a translation that is not fuzzy.
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
xgettext --from-code=UTF-8 --files-from=po/POTFILES.in --directory="$src" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --add-comments=Translators --output="$tmp/finpersona.pot" 2>"$tmp/xgettext.log" ||
  { cat "$tmp/xgettext.log"; exit 1; }

status=0
for lang in $(sed 's/#.*//' po/LINGUAS); do
  po="po/$lang.po"
  msgfmt --check --output-file=/dev/null "$po" || { echo "$po does not compile"; status=1; continue; }
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/finpersona.pot" --output-file="$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
    echo "$po is incomplete; update it with: msgmerge --update $po <new .pot>, then translate"
    LC_ALL=C msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid' | head -n 20
    status=1
  fi
done
exit $status
