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
/// The folder is its owner's alone (0700), and so are the files (0600: new ones through the
/// file-creation mask the app sets at start, old ones tightened here).
pub fn init(dir: &Path) {
    let appender = private_log_dir(dir)
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

/// Makes the log folder, or makes an existing one and its log files private.
fn private_log_dir(dir: &Path) -> attune_core::Result<()> {
    attune_core::files::make_private_dir(dir)?;
    attune_core::files::tighten_modes(dir, "attune")
}

#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_log_folder_and_its_files_are_the_owners_alone() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("logs");
        super::private_log_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        // As an older version left it.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let old = dir.join("attune.2026-01-01.log");
        std::fs::write(&old, b"app started").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        super::private_log_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&old), 0o600);
    }
}
