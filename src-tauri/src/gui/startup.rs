//! What the app does to its own process before anything else starts, to start quickly:
//! environment settings that WebKitGTK and its helper processes read, and the process's start
//! time for the log. Everything here runs in `main`'s thread before any other thread exists,
//! so nothing reads the environment while it is changed.

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

/// The library that WebKitGTK's helper processes are asked to load first, when this WebKitGTK
/// uses it (Debian's and Ubuntu's do, for speech synthesis): one of flite's voices, whose
/// tables hold about 31,000 references to its own symbols. The dynamic linker looks each of
/// them up along the process's list of about 170 libraries, where the voice comes about 80th,
/// so at every start each process spends 15–35 ms of its loading there (measured with `perf`:
/// half of the time before `main`). Loaded first, the voice is found at the second step.
/// Every symbol still binds to the same library as before (compared with
/// `LD_DEBUG=bindings`): the voice defines no name that another library also defines.
///
/// The app's own binary gets the same order from its build (`build.rs` links the voice
/// first); its helpers, the web and network processes, are WebKit's and are started through
/// `LD_PRELOAD`. Measured under Xvfb: the web process loads in 45–51 ms instead of 80–95, the
/// network process in 45–50 instead of 57–63, and cold starts to the painted first screen,
/// 16 each way alternately, had medians of 459 ms with the preload and 507 ms without.
pub(super) const HELPERS_PRELOAD: &str = "libflite_cmu_time_awb.so.1";

/// Asks WebKitGTK's helper processes to load [`HELPERS_PRELOAD`] first, by `LD_PRELOAD`,
/// when this process has it loaded already (so the helpers, linked to the same WebKitGTK, load
/// it anyway; on a system without it, nothing changes). The library is named as the helpers'
/// own dependency names it, so the dynamic linker finds the same file the same way. Someone
/// who set `LD_PRELOAD` keeps theirs untouched. Returns what was set, for the log.
pub(super) fn preload_for_helpers() -> Option<&'static str> {
    if !cfg!(target_os = "linux") || std::env::var_os("LD_PRELOAD").is_some() {
        return None;
    }
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    if !maps_hold(&maps, HELPERS_PRELOAD) {
        return None;
    }
    std::env::set_var("LD_PRELOAD", HELPERS_PRELOAD);
    Some(HELPERS_PRELOAD)
}

/// Whether the text of `/proc/<pid>/maps` shows the shared library `soname` mapped. The maps
/// name the file itself, not the link the soname is: `libfoo.so.1` is mapped as `libfoo.so.1`
/// or as a file named `libfoo.so.` and a version (Debian's flite: `libflite_cmu_time_awb.so.1`
/// is `libflite_cmu_time_awb.so.2.2`).
fn maps_hold(maps: &str, soname: &str) -> bool {
    let Some(end) = soname.find(".so").map(|i| i + ".so".len()) else {
        return false;
    };
    let stem = &soname[..end];
    maps.lines().any(|line| {
        // address, permissions, offset, device, inode, then the path (which may be absent).
        let Some(path) = line.splitn(6, ' ').nth(5).map(str::trim_start) else {
            return false;
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        path.starts_with('/')
            && (name == stem || name.strip_prefix(stem).is_some_and(|v| v.starts_with('.')))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    const MAPS: &str = "\
55d0c0a00000-55d0c0a9b000 r--p 00000000 fe:01 1840306                    /work/target/release/attune
7f1fb0c00000-7f1fb0c21000 r--p 00000000 fe:01 264917                     /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f1fb0c21000-7f1fb0c22000 r-xp 00021000 fe:01 264917                     /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f1fb2000000-7f1fb2100000 r--p 00000000 fe:01 264900                     /usr/lib/x86_64-linux-gnu/libflite.so.1
7f1fb3000000-7f1fb3021000 rw-p 00000000 00:00 0 
7ffd6f9d1000-7ffd6f9f2000 rw-p 00000000 00:00 0                          [stack]
";

    #[test]
    fn a_mapped_library_is_found_under_its_soname_or_its_versioned_file_name() {
        assert!(maps_hold(MAPS, "libflite_cmu_time_awb.so.1"));
        assert!(maps_hold(MAPS, "libflite.so.1"));
    }

    #[test]
    fn a_library_that_is_not_mapped_or_only_named_alike_is_not_found() {
        assert!(!maps_hold(MAPS, "libflite_cmu_us_kal.so.1"));
        assert!(!maps_hold(MAPS, "libflite_cmu_time.so.1"));
        assert!(!maps_hold(MAPS, "cmu_time_awb.so.1"));
        assert!(!maps_hold(MAPS, "[stack]"));
        assert!(!maps_hold("", HELPERS_PRELOAD));
    }

    #[test]
    fn the_maps_of_this_process_are_read_the_same_way() {
        // This test binary links libc, mapped under its versioned or its plain name.
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        assert!(maps_hold(&maps, "libc.so.6"));
        assert!(!maps_hold(&maps, "libnot-a-library-of-this-process.so.1"));
    }
}
