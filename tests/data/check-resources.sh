#!/usr/bin/env bash
# Every template in data/ui is compiled into the GResource bundle, and every
# file the bundle names exists.
set -euo pipefail
cd "$1/data"
manifest=io.github.finpersona.FinPersona.gresource.xml
status=0
for f in ui/*.ui; do
  grep -q ">$f</file>" "$manifest" || { echo "$f is not in $manifest"; status=1; }
done
for f in $(sed -n 's|.*>\(.*\)</file>.*|\1|p' "$manifest"); do
  [ -f "$f" ] || { echo "$manifest names $f, which does not exist"; status=1; }
done
exit $status
