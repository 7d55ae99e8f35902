//! Locking on every way out of the window that the process can see: the main window closing,
//! the app exiting, and SIGTERM, SIGINT and SIGHUP. Locking checkpoints and truncates the
//! WAL, so the old key slot and deleted rows do not stay behind in it, and releases the
//! vault's lock file.
//!
//! SIGKILL (and a power cut, or a crash) cannot be caught: then the WAL stays as it was
//! until the vault is next unlocked, and the OS releases the lock file with the process.

use tauri::{AppHandle, Manager, RunEvent, Runtime, WindowEvent};

use super::commands::AppState;

/// Locks the vault if it is open, logging how it went (never what is in it).
pub fn lock<R: Runtime>(app: &AppHandle<R>, why: &'static str) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    match state.vault.lock_now() {
        Ok(true) => tracing::info!(why, "vault locked on the way out"),
        Ok(false) => {}
        Err(e) => tracing::warn!(why, error = ?e.code(), "the vault did not close cleanly"),
    }
}

/// The app's run-loop events: lock when the main window is closing or destroyed, and when the
/// app is asked to exit and exits.
pub fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: &RunEvent) {
    match event {
        RunEvent::WindowEvent {
            label,
            event: WindowEvent::CloseRequested { .. } | WindowEvent::Destroyed,
            ..
        } if label == "main" => lock(app, "window closed"),
        RunEvent::ExitRequested { .. } => lock(app, "exit requested"),
        RunEvent::Exit => lock(app, "exit"),
        _ => {}
    }
}

/// Locks the vault and then exits the app on SIGTERM, SIGINT or SIGHUP (the lock first, in
/// case the run loop is too busy to exit promptly).
#[cfg(unix)]
pub fn on_signals<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    let app = app.clone();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                tracing::info!(signal, "signal received");
                lock(&app, "signal");
                app.exit(128 + signal);
            }
        })?;
    Ok(())
}

/// No signals to catch here; closing the window and exiting still lock.
#[cfg(not(unix))]
pub fn on_signals<R: Runtime>(_app: &AppHandle<R>) -> std::io::Result<()> {
    Ok(())
}
