#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README, for a fresh Debian 12 machine:
#   build-aux/dev.sh run [APP OPTIONS…]   install what is missing, build, run
#   build-aux/dev.sh test                 install what is missing, build, test
# Packages come from build-aux/debian-packages.txt, the one list there is.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local pkgs=() missing=() sudo=
  mapfile -t pkgs < <(sed 's/#.*//' build-aux/debian-packages.txt | awk 'NF { print $1 }')
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

# setup DIR [MESON OPTIONS…]: configure DIR once, reconfigure if options changed.
setup() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

# Prints "N passed, N failed, N skipped" for one or more meson test logs.
summarize() {
  python3 - "$@" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        result = json.loads(line).get('result')
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_packages
    setup _build
    say "Building"
    meson compile -C _build
    say "Starting FinPersona"
    exec meson devenv -C _build finpersona "$@"
    ;;
  test)
    install_packages
    status=0
    logs=()

    say "Building with warnings as errors"
    setup _build -Dwerror=true -Dbenchmark_size=small
    meson compile -C _build
    say "Running every suite"
    meson test -C _build --print-errorlogs --num-processes 2 || status=1
    logs+=(_build/meson-logs/testlog.json)

    say "Building with clang, AddressSanitizer and UndefinedBehaviorSanitizer, and the fuzz targets"
    CC=clang setup _build-asan -Dwerror=true -Db_sanitize=address,undefined \
      -Db_lundef=false -Dui_tests=true -Dbenchmarks=false -Dbuildtype=debug -Dfuzzing=true
    meson compile -C _build-asan
    say "Running the unit, integration and UI suites under the sanitizers"
    meson test -C _build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
      --suite unit --suite integration --suite ui || status=1
    logs+=(_build-asan/meson-logs/testlog.json)
    say "Fuzzing every parser for ${FP_FUZZ_SECONDS:-25} s each under the sanitizers"
    meson test -C _build-asan --print-errorlogs --num-processes 1 --suite fuzz \
      --logbase fuzzlog || status=1
    logs+=(_build-asan/meson-logs/fuzzlog.json)

    say "Running the benchmarks at small size (they prove they work; figures come from -Dbenchmark_size=full)"
    meson test -C _build --benchmark --print-errorlogs --num-processes 1 --logbase benchlog || status=1
    logs+=(_build/meson-logs/benchlog.json)

    summarize "${logs[@]}"
    exit $status
    ;;
  *)
    echo "Usage: build-aux/dev.sh run [APP OPTIONS…] | test" >&2
    exit 2
    ;;
esac
