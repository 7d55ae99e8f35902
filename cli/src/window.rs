//! `attune` with no command: the desktop window. It is its own program, `attune-desktop`,
//! installed beside `attune`; the command line starts it on the same vault and never loads
//! a web view itself, so that each command starts in milliseconds.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::error::{CliError, CliResult};

/// The desktop app's program name (without the platform's `.exe`).
const DESKTOP: &str = "attune-desktop";

/// The desktop app's file name on this platform.
fn file_name() -> String {
    format!("{DESKTOP}{}", std::env::consts::EXE_SUFFIX)
}

/// Where the desktop app is: beside this program (as installed, and as built by cargo),
/// else the first on `PATH`.
fn find() -> Option<PathBuf> {
    let name = file_name();
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(&name)))
        .filter(|p| p.is_file());
    beside.or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join(&name))
            .find(|p| p.is_file())
    })
}

/// Opens the desktop window on the vault in `vault`, and returns when it is closed with its
/// exit status. On Unix this process becomes the desktop app (nothing waits in between).
pub(crate) fn open(vault: &Path) -> CliResult<ExitCode> {
    let Some(desktop) = find() else {
        let beside = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|d| d.display().to_string()))
            .unwrap_or_else(|| "this program's folder".to_owned());
        return Err(CliError::Input(format!(
            "the desktop app ({}) is not installed: it is neither in {beside} nor on PATH. \
             Commands work without it (see `attune --help`)",
            file_name()
        )));
    };
    let mut command = Command::new(&desktop);
    command.arg("--vault").arg(vault);
    let failed = |e: std::io::Error| {
        CliError::Input(format!(
            "could not start the desktop app {}: {e}",
            desktop.display()
        ))
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Only returns if the program could not be started.
        Err(failed(command.exec()))
    }
    #[cfg(not(unix))]
    {
        let status = command.status().map_err(failed)?;
        Ok(match status.code() {
            Some(0) => ExitCode::SUCCESS,
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::FAILURE,
        })
    }
}
