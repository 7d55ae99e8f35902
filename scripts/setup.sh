# Sourced by run.sh and test.sh: installs what is missing, and nothing that is already there.
# Works as root or through sudo, without a terminal (CI=true, no stdin).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: installed only when dpkg does not already list them as installed.
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# What building the app needs: WebKitGTK (with GTK and libsoup) and a C toolchain.
BUILD_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev)
# What the end-to-end tests add: WebKit's WebDriver, a virtual X display, xdotool to answer
# the native save dialog (a GTK window WebDriver cannot reach), and ImageMagick's import for
# screenshots of the window.
E2E_PACKAGES=(webkit2gtk-driver xvfb xauth xdotool imagemagick dbus)
# What the export tests read files back with: pdftotext (PDF), Python's csv module and
# LibreOffice Calc, headless (CSV). Syncthing: two real instances carry a synced journal
# between two vaults (cli/tests/cli/syncthing.rs).
TEST_PACKAGES=(poppler-utils python3 python3-venv libreoffice-calc-nogui syncthing)
# What scripts/package.sh checks the packages with.
PACKAGE_PACKAGES=(lintian rpm desktop-file-utils dpkg-dev binutils)

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js 20.19 or newer (with npm) is needed to build the UI; it is not installed." >&2
    exit 1
  fi
  local version
  version="$(node -p 'process.versions.node')"
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "error: Node.js $version is too old for Vite 7; install 20.19 or newer." >&2
    exit 1
  fi
}

# The UI's npm packages, exactly as package-lock.json says; re-installed when the lock changes.
ensure_node_modules() {
  ensure_node
  local stamp="$ROOT/ui/node_modules/.attune-lock.sha256" want
  want="$(sha256sum "$ROOT/ui/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "Installing the UI's npm packages (npm ci)"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund </dev/null)
  echo "$want" >"$stamp"
}

build_ui() {
  say "Building the UI (ui/dist)"
  (cd "$ROOT/ui" && npm run build </dev/null)
}

TAURI_DRIVER_VERSION=2.1.0

ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null 2>&1; then
    return 0
  fi
  say "Installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" </dev/null
}

RAGE_VERSION=0.12.1

# The age CLI in Rust: the sharing tests open a bundle's outer layer with it, to show that it
# is a plain age file. Installed from the crate registry, like tauri-driver.
ensure_rage() {
  if command -v rage >/dev/null 2>&1; then
    return 0
  fi
  say "Installing rage $RAGE_VERSION"
  cargo install rage --locked --version "$RAGE_VERSION" </dev/null
}

JRNL_VERSION=4.2

# jrnl, from PyPI: the import tests have the real jrnl write a journal and export it as JSON.
# Installed into a virtual environment under target/, never system-wide.
ensure_jrnl() {
  local venv="$ROOT/target/py-jrnl"
  if "$venv/bin/jrnl" --version 2>/dev/null | grep -q "v$JRNL_VERSION\$"; then
    return 0
  fi
  say "Installing jrnl $JRNL_VERSION (PyPI) into target/py-jrnl"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "jrnl==$JRNL_VERSION" </dev/null
}

CARGO_DENY_VERSION=0.20.2

# cargo-deny: the test command checks the dependencies' licences, bans and sources against
# deny.toml (offline). Installed from the crate registry, like tauri-driver.
ensure_cargo_deny() {
  if cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then
    return 0
  fi
  say "Installing cargo-deny $CARGO_DENY_VERSION"
  cargo install cargo-deny --locked --version "$CARGO_DENY_VERSION" </dev/null
}

# cargo-fuzz, for scripts/fuzz.sh only (not part of the test command or CI).
CARGO_FUZZ_VERSION=0.13.2

ensure_cargo_fuzz() {
  if cargo fuzz --version >/dev/null 2>&1; then
    return 0
  fi
  say "Installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" </dev/null
}
