#!/usr/bin/env bash
# Runs every test: the UI's (Vitest, type checks, build) and the Rust workspace's (format,
# lints, unit, integration and end-to-end tests through WebDriver under Xvfb).
# Installs what is missing first (Debian 12). Works without a terminal (CI=true, no stdin).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

ensure_apt_packages "${BUILD_PACKAGES[@]}" "${E2E_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_tauri_driver
ensure_rage
ensure_jrnl
ensure_cargo_deny
ensure_node_modules

# The UI first: the Rust build embeds ui/dist.
build_ui
say "UI: unit tests (Vitest)"
(cd ui && npm test </dev/null)
say "UI: type checks (svelte-check, strict TypeScript)"
(cd ui && npm run check </dev/null)

say "Rust: formatting"
cargo fmt --all -- --check
say "Rust: dependencies (licences, bans, sources; deny.toml)"
# cargo-deny reads every locked crate offline: fetch them first (a fresh machine has none).
cargo fetch --locked
cargo deny --offline check --hide-inclusion-graph licenses bans sources
say "Rust: lints"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "Rust: tests (unit, integration, end-to-end)"
cargo test --workspace --locked </dev/null

say "All tests passed"
