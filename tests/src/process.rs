//! The app as a process: finding the one started on a vault (tauri-driver's WebKitWebDriver
//! starts it, so its id is not ours to begin with), asking its window to close as a window
//! manager would, signalling it, and waiting for it to end.

use std::path::Path;
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt as _, EventMask};

use crate::driver::{POLL, WAIT};
use crate::page::xdotool;

/// The id of the `attune-desktop` process started with `--vault <vault>` (a temporary
/// directory no other process names).
pub fn app_on(vault: &Path) -> Pid {
    let wanted = vault.to_str().unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            let args: Vec<&[u8]> = cmdline.split(|b| *b == 0).collect();
            let is_app = args.first().is_some_and(|a| a.ends_with(b"attune-desktop"));
            let on_vault = args
                .windows(2)
                .any(|w| w[0] == b"--vault" && w[1] == wanted.as_bytes());
            if is_app && on_vault {
                return Pid::from_raw(pid).unwrap();
            }
        }
        assert!(
            Instant::now() < deadline,
            "no attune-desktop process on {wanted}"
        );
        std::thread::sleep(POLL);
    }
}

/// Whether the process has ended (gone, or a zombie its parent has not reaped yet).
pub fn ended(pid: Pid) -> bool {
    match std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())) {
        Err(_) => true,
        // `pid (name) state ...`: the state follows the last parenthesis.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}

/// Waits until the process has ended; fails if it never does.
pub fn wait_until_ended(pid: Pid, what: &str) {
    let deadline = Instant::now() + WAIT;
    while !ended(pid) {
        assert!(
            Instant::now() < deadline,
            "the app did not exit after {what}"
        );
        std::thread::sleep(POLL);
    }
}

/// Asks the window to close, as [`close_window`] does, until the process ends, and returns how
/// many requests that took. Under Xvfb with no window manager, on a loaded machine, the first
/// requests are sometimes not acted on: the app's log shows they never reached it (no
/// `CloseRequested`) while its main loop sat idle. Measured on two cores kept busy, 14 runs:
/// the window closed at the 1st request 4 times, the 2nd 4, the 3rd 5, the 6th once. A
/// person would press the close button again; so does this, every [`CLOSE_PATIENCE`], and
/// fails if the app has not ended after [`CLOSE_ATTEMPTS`] requests (a minute).
pub fn close_window_until_ended(display: &str, pid: Pid) -> usize {
    for attempt in 1..=CLOSE_ATTEMPTS {
        close_window(display);
        let deadline = Instant::now() + CLOSE_PATIENCE;
        while !ended(pid) && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        if ended(pid) {
            return attempt;
        }
        eprintln!("the window did not close after request {attempt}; asking again");
    }
    panic!("the app did not exit after {CLOSE_ATTEMPTS} requests to close its window");
}

/// How many times [`close_window_until_ended`] asks.
pub const CLOSE_ATTEMPTS: usize = 12;

/// How long [`close_window_until_ended`] waits after each request before asking again.
const CLOSE_PATIENCE: Duration = Duration::from_secs(5);

/// Sends a signal to the process.
pub fn signal(pid: Pid, signal: Signal) {
    rustix::process::kill_process(pid, signal).unwrap();
}

/// Asks the app's window (titled "Attune") on `display` to close, as a window manager's close
/// button does: a WM_DELETE_WINDOW message (there is no window manager under Xvfb).
pub fn close_window(display: &str) {
    let found = xdotool(display, &["search", "--onlyvisible", "--name", "^Attune$"]);
    let window: u32 = found
        .lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Attune window on {display}: {found:?}"));
    let (conn, _) = x11rb::connect(Some(display)).unwrap();
    let atom = |name: &[u8]| conn.intern_atom(false, name).unwrap().reply().unwrap().atom;
    let protocols = atom(b"WM_PROTOCOLS");
    let delete = atom(b"WM_DELETE_WINDOW");
    let event = ClientMessageEvent::new(
        32,
        window,
        protocols,
        [delete, x11rb::CURRENT_TIME, 0, 0, 0],
    );
    conn.send_event(false, window, EventMask::NO_EVENT, event)
        .unwrap();
    conn.flush().unwrap();
}
