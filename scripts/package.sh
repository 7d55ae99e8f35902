#!/usr/bin/env bash
# Builds the release .deb and .rpm packages with the Tauri bundler (the Tauri CLI pinned in
# ui/package-lock.json) and checks them with the ecosystems' own tools: lintian,
# desktop-file-validate, rpm -qip. Installs what is missing first (Debian 12). Nothing is
# downloaded but from the package registries; AppImage is not built (its bundler fetches
# tools from elsewhere). The packages land in target/release/bundle/{deb,rpm}/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

ensure_apt_packages "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
ensure_node_modules
build_ui

say "Release build of the command line (installed as /usr/bin/attune beside the app)"
cargo build --release --locked -p attune-cli
mkdir -p target/completions
target/release/attune completions bash >target/completions/attune.bash
target/release/attune completions zsh >target/completions/_attune
target/release/attune completions fish >target/completions/attune.fish

say "Release build of the app and its packages (tauri build)"
rm -rf target/release/bundle/deb target/release/bundle/rpm
(cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --bundles deb,rpm -- --locked)

deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)

say "Checking the packages"
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
dpkg-deb -x "$deb" "$workdir/deb"
desktop-file-validate "$workdir"/deb/usr/share/applications/*.desktop
# The profile of the checks, and why each warning left is left, is in docs/packaging.md.
lintian --fail-on error --info "$deb" || true
rpm -qip "$rpm"
rpm -qlp "$rpm"

say "Packages"
ls -l "$deb" "$rpm"
