#!/usr/bin/env bash
# Builds and opens Attune's window (the attune-desktop binary). Installs what is missing
# first (Debian 12). Arguments go to the app, e.g. `bash scripts/run.sh --vault /tmp/my-vault`.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

ensure_apt_packages "${BUILD_PACKAGES[@]}"
ensure_node_modules
build_ui

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "warning: no DISPLAY or WAYLAND_DISPLAY is set; the window may not open." >&2
  echo "         (Without a screen, try: xvfb-run -a bash scripts/run.sh)" >&2
fi

say "Starting Attune"
# A release build with the production features, as people get it: the web UI is served from
# inside the binary (custom-protocol), WebKit's inspector is off, and arithmetic overflow is
# not a panic. The tests keep the debug build (scripts/test.sh). The first build takes a while.
exec cargo run -p attune-desktop --release --features custom-protocol --locked -- "$@"
