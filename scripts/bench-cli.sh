#!/usr/bin/env bash
# The command line against a peer: the same 10,000 reflections as an Attune vault and as an
# encrypted jrnl 4.x journal, then `attune search WORD` against `jrnl -contains WORD`, each
# timed end to end (start, passphrase from standard input, key derivation, decrypting,
# searching, printing), in the same run, with hyperfine; peak memory with GNU time.
# Also `attune --version`: how long the command line takes to start at all.
# Usage: bash scripts/bench-cli.sh [WORD] (default: tersen, the vault benchmark's word).
# Environment: N (reflections, default 10000), RUNS (default 10). Figures go to BENCHMARKS.md.
#
# Nothing is tuned for the race: the vault is made with the default Argon2id cost (64 MiB,
# t=3, p=1) and every run derives the key again; jrnl runs with its own defaults (its
# encryption derives a key with PBKDF2-SHA256, 100,000 iterations, then Fernet).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

WORD="${1:-tersen}"
N="${N:-10000}"
RUNS="${RUNS:-10}"
PASS="benchmark passphrase, not a secret"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$TARGET/bench-cli"

ensure_apt_packages "${BUILD_PACKAGES[@]}" hyperfine time python3 python3-venv
mkdir -p "$WORK"

say "Building attune (release)"
cargo build --release --locked -p attune-cli </dev/null
ATTUNE="$TARGET/release/attune"

say "jrnl 4.x (PyPI, in a virtual environment)"
if [ ! -x "$WORK/venv/bin/jrnl" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet 'jrnl==4.*' </dev/null
fi
JRNL="$WORK/venv/bin/jrnl"
"$JRNL" --version | head -1

say "Making $N reflections, the same text for both (core/benches/prose)"
rm -rf "$WORK/journals"
printf '%s\n' "$PASS" |
  cargo bench --locked -p attune-core --bench peer_journal -- "$WORK/journals" "$N"

# jrnl's configuration and anything else it writes stay under a private home. Its password
# is read from standard input (it falls back to that without a terminal: setsid), and never
# stored in a keyring.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
rm -rf "$HOME"
mkdir -p "$XDG_CONFIG_HOME/jrnl"
cp "$WORK/journals/jrnl.txt" "$WORK/journals/jrnl.journal"
cat >"$XDG_CONFIG_HOME/jrnl/jrnl.yaml" <<EOF
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $WORK/journals/jrnl.journal
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
EOF
say "Encrypting the jrnl journal (jrnl --encrypt)"
printf '%s\n%s\nn\n' "$PASS" "$PASS" | setsid -w "$JRNL" --encrypt >/dev/null 2>&1
if ! head -c 6 "$WORK/journals/jrnl.journal" | grep -q '^JRNLv'; then
  echo "error: jrnl did not encrypt its journal" >&2
  exit 1
fi
rm "$WORK/journals/jrnl.txt"
printf '%s\n' "$PASS" >"$WORK/pass"

attune_search="$ATTUNE search $WORD --vault $WORK/journals/vault --passphrase-stdin <$WORK/pass >/dev/null"
jrnl_search="setsid -w $JRNL -contains $WORD <$WORK/pass >/dev/null 2>&1"
jrnl_short="setsid -w $JRNL -contains $WORD --short <$WORK/pass >/dev/null 2>&1"

say "What each finds"
attune_hits="$("$ATTUNE" search "$WORD" --vault "$WORK/journals/vault" --passphrase-stdin --json <"$WORK/pass" | grep -c '"id":')"
jrnl_hits="$(setsid -w "$JRNL" -contains "$WORD" --short <"$WORK/pass" 2>/dev/null | grep -c '^[0-9]')"
echo "attune search $WORD: $attune_hits reflections (words starting with \"$WORD\")"
echo "jrnl -contains $WORD: $jrnl_hits entries (\"$WORD\" anywhere in the text)"

say "attune --version"
hyperfine --shell=none --warmup 5 --runs 200 --export-json "$WORK/version.json" "$ATTUNE --version"

say "Search, end to end ($N reflections; $RUNS runs each, one command after the other)"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/search.json" \
  -n "attune search $WORD" "$attune_search" \
  -n "jrnl -contains $WORD" "$jrnl_search" \
  -n "jrnl -contains $WORD --short" "$jrnl_short"

# Peak memory: the largest resident set of the process (and, for jrnl, of Python), 3 runs.
peak() {
  local max=0 kb i
  for i in 1 2 3; do
    kb="$( { /usr/bin/time -v sh -c "$1" ; } 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}')"
    [ "$kb" -gt "$max" ] && max="$kb"
  done
  echo "$max"
}
say "Peak memory (largest of 3 runs)"
version_kb="$(peak "$ATTUNE --version >/dev/null")"
attune_kb="$(peak "$attune_search")"
jrnl_kb="$(peak "$jrnl_search")"

python3 - "$WORK/search.json" "$WORK/version.json" "$version_kb" "$attune_kb" "$jrnl_kb" <<'EOF'
import json, sys
search = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
version = json.load(open(sys.argv[2]))["results"][0]
version_kb, attune_kb, jrnl_kb = (int(x) for x in sys.argv[3:6])
names = list(search)
attune, jrnl, short = (search[n] for n in names)
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"attune --version: median {ms(version['median'])} (mean {ms(version['mean'])} ± {ms(version['stddev'])}), peak {version_kb / 1024:.1f} MiB")
for r in (attune, jrnl, short):
    print(f"{r['command']}: median {ms(r['median'])} (min {ms(r['min'])}, max {ms(r['max'])})")
print(f"ratio, jrnl -contains / attune search (medians): {jrnl['median'] / attune['median']:.1f}x")
print(f"ratio, jrnl -contains --short / attune search (medians): {short['median'] / attune['median']:.1f}x")
print(f"peak memory: attune search {attune_kb / 1024:.1f} MiB, jrnl -contains {jrnl_kb / 1024:.1f} MiB")
EOF
