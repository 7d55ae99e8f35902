//! End-to-end: the real desktop app (`attune-desktop`), in a real window under Xvfb, driven
//! through WebDriver (tauri-driver in front of WebKitWebDriver) the way a person would use
//! it, one module per story. One test target, so that the stories link once.
//!
//! Screenshots of every screen go to `target/screenshots/`. These tests fail (never skip)
//! when Xvfb, WebKitWebDriver or tauri-driver is missing, or when the app has not been built:
//! `bash scripts/test.sh` installs them and `cargo test --workspace` builds it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backups;
mod dates;
mod desk;
mod duplicates;
mod exit;
mod forms;
mod hours;
mod hours_planned;
mod journal;
mod journal_files;
mod keys;
mod layout;
mod opened;
mod opener;
mod paging;
mod portfolio;
mod provided;
mod providers;
mod renewal;
mod settings;
mod sharing;
mod sync;
mod sync_keys;
mod window_state;
