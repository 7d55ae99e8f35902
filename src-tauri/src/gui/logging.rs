//! Diagnostics to a daily-rotated file in the app's log directory, a week kept. Only what the
//! app did and error codes are logged, never user content: commands skip their arguments and
//! errors print only their code (see [`super::ipc::CommandError`]).

use std::path::Path;

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// Log files kept: one a day, a week.
const KEEP_FILES: usize = 7;

/// Starts logging into `dir`; on failure, says so on stderr and leaves logging off.
/// Lines are written synchronously: they are few, and none is lost when the app exits.
pub fn init(dir: &Path) {
    let appender = std::fs::create_dir_all(dir)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            RollingFileAppender::builder()
                .rotation(Rotation::DAILY)
                .filename_prefix("attune")
                .filename_suffix("log")
                .max_log_files(KEEP_FILES)
                .build(dir)
                .map_err(|e| e.to_string())
        });
    let appender = match appender {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "warning: cannot log to {}: {e}; logging is off",
                dir.display()
            );
            return;
        }
    };
    let filter = EnvFilter::try_from_env("ATTUNE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // An error here means a subscriber is already installed (a test harness): keep it.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(appender)
        .with_ansi(false)
        .try_init();
}
