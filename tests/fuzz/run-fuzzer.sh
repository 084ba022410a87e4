#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzzer.sh TARGET CORPUS MAX_LEN [DICT]: runs one libFuzzer target for
# FP_FUZZ_SECONDS (default 25) from a copy of its seed corpus (new inputs
# go to a temporary folder, never into the source tree), under the
# sanitizers it was built with; UBSan stops at the first report. A crash,
# a leak, a timeout or a sanitizer report fails, with the input saved next
# to the log in the build folder. Prints TAP.
set -uo pipefail

exe=$1 corpus=$2 max_len=$3 dict=${4:-}
name=$(basename "$exe")
seconds=${FP_FUZZ_SECONDS:-25}
out=$(dirname "$exe")/runs
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
      -print_final_stats=1 -artifact_prefix="$out/$name-")
[ -n "$dict" ] && args+=(-dict="$dict")

echo "1..1"
if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$exe" "${args[@]}" "$work" "$corpus" > "$out/$name.log" 2>&1; then
  runs=$(awk '/^stat::number_of_executed_units/ { print $2 }' "$out/$name.log")
  echo "ok 1 $name: ${runs:-?} inputs in ${seconds} s, no report"
else
  echo "not ok 1 $name: see $out/$name.log"
  tail -n 40 "$out/$name.log" | sed 's/^/# /'
  exit 1
fi
