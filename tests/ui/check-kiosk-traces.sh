#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-kiosk-traces.sh FINPERSONA SANDBOX
#
# Runs check-kiosk-traces.py with a /tmp and a /dev/shm of its own (a
# private mount namespace with fresh tmpfs on both), inside
# tests/fp-test-session with a display and a gnome-keyring: whatever is
# found there after the kiosk was used came from this test, not from
# other programs of the machine. Skips (77) where no namespace can be made.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "${FP_KIOSK_TRACES_PRIVATE:-}" != 1 ]; then
  export FP_KIOSK_TRACES_PRIVATE=1
  for how in "--mount" "--map-root-user --mount"; do
    # shellcheck disable=SC2086
    if unshare $how --propagation private true 2>/dev/null; then
      # shellcheck disable=SC2086
      exec unshare $how --propagation private -- "$0" "$@"
    fi
  done
  echo "check-kiosk-traces: no private mount namespace (unshare) here; skipped" >&2
  exit 77
fi

# A checkout or build tree under /tmp (a clone made there) stays reachable:
# the host's /tmp is kept aside and each top folder the test needs is bound
# back into the fresh one, and left out of the scan.
keep=()
for path in "$here" "$@" "${FP_BUILD_ROOT:-}" "${FP_SOURCE_ROOT:-}"; do
  case "$path" in
    /tmp/?*) top=/tmp/$(cut -d/ -f3 <<<"$path")
             [[ " ${keep[*]} " == *" $top "* ]] || keep+=("$top") ;;
  esac
done
if [ ${#keep[@]} -gt 0 ]; then
  mkdir -p /run/fp-kiosk-host-tmp
  mount --bind /tmp /run/fp-kiosk-host-tmp
fi
mount -t tmpfs -o mode=1777 fp-kiosk-tmp /tmp
for top in "${keep[@]}"; do
  mkdir -p "$top"
  mount --bind "/run/fp-kiosk-host-tmp/${top#/tmp/}" "$top"
done
export FP_KIOSK_TRACES_KEEP
FP_KIOSK_TRACES_KEEP=$(IFS=:; echo "${keep[*]}")
mount -t tmpfs -o mode=1777 fp-kiosk-shm /dev/shm
export TMPDIR=/tmp
exec "$here/../fp-test-session" --keyring --display --screen 2000x2000 -- \
  python3 "$here/check-kiosk-traces.py" "$@"
