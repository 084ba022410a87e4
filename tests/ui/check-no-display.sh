#!/usr/bin/env bash
# Without a display the app says so and exits at once instead of hanging;
# wrong options get a clear message and exit status 2.
set -uo pipefail
app=$1
out=$(env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 "$app" 2>&1); rc=$?
[ $rc = 1 ] || { echo "expected exit status 1 without a display, got $rc: $out"; exit 1; }
grep -q "needs a graphical display" <<<"$out" || { echo "no clear message: $out"; exit 1; }

out=$(env -u DISPLAY timeout 20 "$app" --screenshot-dir /tmp --size 12 2>&1); rc=$?
[ $rc = 2 ] || { echo "expected exit status 2 for a bad size, got $rc: $out"; exit 1; }
grep -q "is not a window size" <<<"$out" || { echo "no clear message: $out"; exit 1; }

out=$(env -u DISPLAY timeout 20 "$app" --style sepia 2>&1); rc=$?
[ $rc = 2 ] || { echo "expected exit status 2 for a bad style, got $rc: $out"; exit 1; }

out=$(env -u DISPLAY timeout 20 "$app" --headless no-such-command 2>&1); rc=$?
[ $rc = 2 ] || { echo "expected exit status 2 for an unknown command, got $rc: $out"; exit 1; }

out=$(env -u DISPLAY timeout 20 "$app" --headless help 2>&1); rc=$?
[ $rc = 0 ] || { echo "headless help failed without a display: $out"; exit 1; }
echo "ok"
