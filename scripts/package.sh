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
# The Debian changelog, compressed the reproducible way (no name, no time stamp).
mkdir -p target/packaging
gzip -9n <src-tauri/packaging/changelog >target/packaging/changelog.gz
# The manual pages, one folder the packages install whole: attune(1) and every command's
# own page from the command line's own definitions, attune-desktop(1) written by hand (it
# has one option and one argument).
rm -rf target/packaging/man1
target/release/attune manpage --dir target/packaging/man1 >/dev/null
gzip -9n target/packaging/man1/*.1
gzip -9n <src-tauri/packaging/attune-desktop.1 >target/packaging/man1/attune-desktop.1.gz

say "Release build of the app (tauri build, no bundle yet)"
(cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --no-bundle -- --locked)

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# Packages ship stripped binaries (the symbols are for debugging builds, not for users).
strip --strip-unneeded target/release/attune-desktop target/release/attune

say "Working out the package's dependencies (dpkg-shlibdeps)"
# The Debian way: every shared library the two binaries link against, with the version
# each needs, from the packages installed here. Tauri's own list (WebKitGTK, GTK) misses
# the C library and the rest.
mkdir -p "$workdir/shlibs/debian"
printf 'Source: attune\n\nPackage: attune\nArchitecture: any\n' >"$workdir/shlibs/debian/control"
depends=$(cd "$workdir/shlibs" && dpkg-shlibdeps -O \
  -e"$ROOT/target/release/attune-desktop" -e"$ROOT/target/release/attune" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
echo "Depends: $depends"
python3 - "$depends" >"$workdir/depends.json" <<'PY'
import json, sys
deps = [d.strip() for d in sys.argv[1].split(",") if d.strip()]
print(json.dumps({"bundle": {"linux": {"deb": {"depends": deps}}}}))
PY

say "Bundling the .deb and the .rpm (tauri bundle)"
rm -rf target/release/bundle/deb target/release/bundle/rpm
(cd src-tauri && ../ui/node_modules/.bin/tauri bundle --ci --bundles deb,rpm --config "$workdir/depends.json")

deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)

say "Checking the packages"
dpkg-deb -x "$deb" "$workdir/deb"
desktop-file-validate "$workdir"/deb/usr/share/applications/*.desktop
# Errors fail the build; the warnings left are explained in docs/packaging.md.
lintian --fail-on error --no-tag-display-limit "$deb"
# Every command's own manual page is in both (one stands for them all here; the command
# line's tests check that each page a page refers to is written).
test -f "$workdir/deb/usr/share/man/man1/attune-sync-join.1.gz"
rpm -qip "$rpm"
rpm -qlp "$rpm"
rpm -qlp "$rpm" | grep -qx /usr/share/man/man1/attune-sync-join.1.gz

say "Packages"
ls -l "$deb" "$rpm"
