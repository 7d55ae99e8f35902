#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built on this machine, as a person would, and
# checks the installed app end to end; then removes it. Needs root (apt-get) and changes the
# machine's packages for its duration: run it on a build machine, not on one with Attune in
# use. Its output (the last run's) is summed up in docs/packaging.md.
#
#   1. `apt-get install ./Attune_….deb` pulls in what the package declares it needs;
#   2. the installed `attune --version` and a command-line round trip (two vaults, a contact
#      card each way, a reflection shared as a .attune-share file);
#   3. `xdg-mime` names Attune's desktop entry for each of its four file types, and
#      `desktop-file-validate` passes on the installed entry;
#   4. under Xvfb and a D-Bus session, the installed app starts on its unlock screen
#      (screenshot); `gio open` on the share file starts a second `attune-desktop`, which hands
#      the file to the first and exits: one process remains, and its unlock screen now says
#      which file it will receive (screenshot); after the unlock it is received (screenshot);
#   5. `apt-get remove attune` leaves nothing of the program and the journal untouched.
# Screenshots go to target/install-check/.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

deb=$(ls target/release/bundle/deb/Attune_*_amd64.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
  echo "error: no package in target/release/bundle/deb; run bash scripts/package.sh first" >&2
  exit 1
fi
ensure_apt_packages xvfb xauth xdotool imagemagick dbus xdg-utils desktop-file-utils libglib2.0-bin

shots="$ROOT/target/install-check"
rm -rf "$shots"
mkdir -p "$shots"
work=$(mktemp -d)
app_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

say "Installing $deb with apt-get"
as_root apt-get install -y "./$deb"
test -x /usr/bin/attune && test -x /usr/bin/attune-desktop
/usr/bin/attune --version
/usr/bin/attune-desktop --version

say "A command-line round trip with the installed attune"
pass="a calm evening passphrase"
export HOME="$work/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
sam="$work/sam"
ana="$XDG_DATA_HOME/attune" # the supervisor's is the default vault: the desktop entry opens it
printf '%s\n' "$pass" | attune --vault "$sam" --passphrase-stdin init --name "Sam Lee" >/dev/null
printf '%s\n' "$pass" | attune --vault "$ana" --passphrase-stdin init --name "Ana Ruiz" --role supervisor >/dev/null
printf '%s\n' "$pass" | attune --vault "$sam" --passphrase-stdin identity show --out "$work/sam.attune-card" >/dev/null
printf '%s\n' "$pass" | attune --vault "$ana" --passphrase-stdin identity show --out "$work/ana.attune-card" >/dev/null
printf '%s\n' "$pass" | attune --vault "$sam" --passphrase-stdin contact add "$work/ana.attune-card" >/dev/null
printf '%s\n' "$pass" | attune --vault "$sam" --passphrase-stdin contact verify "Ana Ruiz" >/dev/null
printf '%s\n' "$pass" | attune --vault "$ana" --passphrase-stdin contact add "$work/sam.attune-card" >/dev/null
printf '%s\n' "$pass" | attune --vault "$ana" --passphrase-stdin contact verify "Sam Lee" >/dev/null
id=$(printf '%s\n{"kind":"home_visit","date":"2026-03-02","title":"Bath time","family":"Rowan","self":"I felt rushed."}\n' "$pass" |
  attune --vault "$sam" --passphrase-stdin entry add --json -)
share="$work/from sam.attune-share"
printf '%s\n' "$pass" | attune --vault "$sam" --passphrase-stdin share --to "Ana Ruiz" --entries "$id" \
  --sections self --out "$share" >/dev/null
test -s "$share"
echo "shared reflection $id as $(basename "$share")"

say "File types: the package's MIME types open Attune"
for type in application/x-attune-share application/x-attune-attest application/x-attune-card application/x-attune-backup; do
  handler=$(xdg-mime query default "$type")
  echo "$type -> $handler"
  [ "$handler" = "Attune.desktop" ]
done
gio info -a standard::content-type "$share" | grep -q "standard::content-type: application/x-attune-share"
desktop-file-validate /usr/share/applications/Attune.desktop

say "The installed app under Xvfb, with a D-Bus session"
Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=:97
sleep 1
dbus-run-session -- bash -euo pipefail -c '
  shots=$1 share=$2 pass=$3
  started=$(date +%s%N)
  attune-desktop >/dev/null 2>&1 &
  app=$!
  for _ in $(seq 100); do xdotool search --name "^Attune$" >/dev/null 2>&1 && break; sleep 0.1; done
  sleep 2
  echo "cold start to a mapped window: $(( ($(date +%s%N) - started) / 1000000 )) ms (and 2 s more for the screenshot)"
  import -window root "$shots/1-unlock.png"
  # Hand the share to it the way a file manager does.
  gio open "$share"
  sleep 3
  # The installed program only (a test run on this machine may have its own builds running).
  running=0
  for p in $(pgrep -x attune-desktop || true); do
    [ "$(readlink "/proc/$p/exe")" = /usr/bin/attune-desktop ] && running=$((running + 1))
  done
  echo "attune-desktop processes after gio open: $running"
  [ "$running" = 1 ]
  kill -0 "$app"
  import -window root "$shots/2-unlock-with-the-share.png"
  xdotool search --name "^Attune$" windowactivate --sync 2>/dev/null || true
  xdotool type --delay 20 "$pass"
  xdotool key Return
  sleep 4
  import -window root "$shots/3-share-received.png"
  kill "$app"
  wait "$app" || true
' _ "$shots" "$share" "$pass"
printf '%s\n' "$pass" | attune --vault "$ana" --passphrase-stdin shared list --json >"$work/shared.json"
python3 -c 'import json,sys; people=json.load(open(sys.argv[1])); print(people); assert "Bath time" in json.dumps(people)' "$work/shared.json"

say "Removing the package"
as_root apt-get remove -y attune
! test -e /usr/bin/attune
! test -e /usr/bin/attune-desktop
! test -e /usr/share/applications/Attune.desktop
test -s "$ana/attune.vault"
say "Install check passed; screenshots in $shots"
