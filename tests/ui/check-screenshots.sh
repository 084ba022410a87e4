#!/usr/bin/env bash
# Renders every page at the kiosk and desktop sizes in the light and dark
# styles with `finpersona --screenshot-dir`, after the consent step answered
# with every purpose allowed and with none (`--screenshot-consents`), and
# checks that each PNG has the size asked for and is not blank. The files
# stay in OUTDIR/SIZE-STYLE-CONSENTS for review.
set -euo pipefail
app=$1 out=$2
rm -rf "$out"
status=0

# Strict options: an unknown purpose, one given twice, or consents without
# a screenshot run are refused with a sentence (exit 2), before anything
# starts.
for bad in "--screenshot-dir $out/bad --screenshot-consents personalisation" \
           "--screenshot-dir $out/bad --screenshot-consents genai,genai" \
           "--screenshot-consents all"; do
  set +e
  # shellcheck disable=SC2086
  message=$("$app" $bad 2>&1 >/dev/null)
  code=$?
  set -e
  if [ $code != 2 ] || [ -z "$message" ] || [ -e "$out/bad" ]; then
    echo "not ok: finpersona $bad exited $code: $message"; status=1
  else
    echo "ok: finpersona $bad: $message"
  fi
done
for size in 360x640 1280x800; do
  for style in light dark; do
   for consents in all none; do
    dir="$out/$size-$style-$consents"
    if ! "$app" --screenshot-dir "$dir" --size "$size" --style "$style" \
         --screenshot-consents "$consents" >"$out.log" 2>&1; then
      cat "$out.log"; echo "not ok: screenshots at $size $style with $consents consents failed"; status=1; continue
    fi
    python3 - "$dir" "$size" <<'PY' || status=1
import os, struct, sys, zlib
d, size = sys.argv[1], sys.argv[2]
w, h = map(int, size.split('x'))
files = sorted(f for f in os.listdir(d) if f.endswith('.png'))
assert files, f"no screenshot in {d}"
for f in files:
    data = open(os.path.join(d, f), 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', f"{f} is not a PNG"
    pw, ph = struct.unpack('>II', data[16:24])
    assert (pw, ph) == (w, h), f"{f} is {pw}x{ph}, expected {w}x{h}"
    # Not blank: the compressed image data of a one-colour page is tiny.
    idat = b''.join(data[i+8:i+8+struct.unpack('>I', data[i:i+4])[0]]
                    for i in range(8, len(data)) if data[i+4:i+8] == b'IDAT')
    raw = zlib.decompress(idat)
    assert len(set(raw[:: max(1, len(raw) // 20000)])) > 8, f"{f} looks blank"
    print(f"ok: {d}/{f} {pw}x{ph}")
PY
   done
  done
done

# German, from the build tree's translation (FP_LOCALEDIR), light, with
# every consent: the same pages, for the review of cut words and layouts.
for size in 360x640 1280x800; do
  dir="$out/$size-light-all-de"
  if ! LANGUAGE=de LC_ALL=de_DE.UTF-8 FP_LOCALEDIR="$FP_BUILD_ROOT/po" \
       "$app" --screenshot-dir "$dir" --size "$size" --style light \
       --screenshot-consents all >"$out.log" 2>&1; then
    cat "$out.log"; echo "not ok: German screenshots at $size failed"; status=1; continue
  fi
  if ! grep -q "Übersicht\|Datenschutz" "$dir"/*.text.json; then
    echo "not ok: the German screenshots at $size are not in German"; status=1
  else
    echo "ok: German screenshots at $size in $dir"
  fi
done
exit $status
