#!/usr/bin/env bash
# The SIGKILL soak (outside CI): a child process writes reflections and changes the
# passphrase, and is killed with SIGKILL N times (default 1000). After every kill the vault
# must open with the old or the new passphrase, with nothing damaged and every acknowledged
# reflection there. Prints the figure; record it in FUZZ-RESULTS.md (section "SIGKILL soak").
#
#   scripts/soak.sh [N]          ATTUNE_SOAK_SEED=... scripts/soak.sh [N]   (replay a seed)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

kills="${1:-1000}"
case "$kills" in
  '' | *[!0-9]*) echo "error: N must be a whole number of kills, not \"$kills\"" >&2; exit 2 ;;
esac
say "SIGKILL soak: $kills kills during reflection writes and passphrase changes"
ATTUNE_SOAK_KILLS="$kills" cargo test -p attune-core --locked --test soak -- \
  --ignored --exact sigkill_soak --nocapture </dev/null 2>&1 | grep -E '^(SOAK|soak seed|test |thread|round)' || {
  echo "error: the soak failed (see above)" >&2
  exit 1
}
