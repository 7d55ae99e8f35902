#!/usr/bin/env bash
# The UI benchmark: cold start to the unlock screen painted, and keystroke to search results
# painted at 10,000 reflections, on the release build under Xvfb (tests/benches/ui.rs).
# Installs what is missing first, like the test command. Figures go to BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

ensure_apt_packages "${BUILD_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
ensure_tauri_driver
ensure_node_modules
build_ui
say "Building the app (release)"
# The benchmark runs target/release/attune-desktop: another package's binary, built here.
cargo build --release --locked -p attune-desktop
say "UI benchmark (release build)"
cargo bench -p attune-e2e --bench ui --locked
