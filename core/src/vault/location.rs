//! Where a vault lives when no directory is given: the one rule both shells (the command
//! line and the desktop window) follow after `--vault DIR` and `$ATTUNE_VAULT`.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The vault directory used when none is given: `attune` in the OS data directory
/// (`~/.local/share/attune` on Linux, `~/Library/Application Support/attune` on macOS,
/// `%APPDATA%\attune` on Windows). Fails on a system with no data directory (no home).
pub fn default_dir() -> Result<PathBuf> {
    dirs::data_dir().map(|d| d.join("attune")).ok_or_else(|| {
        Error::invalid(
            "--vault",
            "no data directory on this system; pass --vault DIR",
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn the_default_is_a_folder_named_attune_in_the_data_directory() {
        let dir = super::default_dir().unwrap();
        assert_eq!(dir.file_name().unwrap(), "attune");
        assert_eq!(dir.parent(), dirs::data_dir().as_deref());
    }
}
