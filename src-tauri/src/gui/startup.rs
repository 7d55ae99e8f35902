//! What the app does to its own process before anything else starts: the one environment
//! setting WebKitGTK reads that makes it start and draw quickly without a GPU, and the
//! process's start time for the log. Everything here runs in `main`'s thread before any other
//! thread exists, so nothing reads the environment while it is changed.

use std::time::{Duration, SystemTime};

/// WebKitGTK draws pages through OpenGL by default (accelerated compositing). Without a GPU
/// driver (virtual machines, remote desktops, Mesa's software renderer) every frame is then
/// drawn by a software OpenGL on the CPU: measured here under Xvfb, the first screen took
/// 2.2–2.4 s (medians) instead of 0.58–0.63 s, and one keystroke in ten took 0.45–0.62 s or
/// more to paint instead of 51–56 ms. A journal of text forms gains nothing from compositing,
/// and turning it off also avoids the blank windows that some GPU drivers give WebKitGTK.
/// Someone who wants it back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0`; whatever they set is
/// left alone.
pub(super) fn without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

/// When this process started, from `/proc` (Linux): its age is the time since boot less its
/// start in clock ticks after boot, both to 10 ms, which is enough for a log line.
pub(super) fn process_start() -> Option<SystemTime> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces:
    // `starttime` is field 22 of the line, the command name field 2.
    let after_name = stat.rsplit_once(')')?.1;
    let started_ticks: u64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let up_seconds: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    // USER_HZ, fixed at 100 for user space on Linux.
    let started_seconds = started_ticks as f64 / 100.0;
    let age = Duration::try_from_secs_f64(up_seconds - started_seconds).ok()?;
    SystemTime::now().checked_sub(age)
}
