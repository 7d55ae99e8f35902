//! The files this running app wrote where the person chose (exports, cards, share files):
//! the only files the window may ask it to open or show (`super::opener`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use attune_core::ErrorCode;

use super::ipc::CommandError;

/// The files this running app wrote where the person chose (exports, cards, share files),
/// keyed by the path as the window was given it. Kept in memory only, for this run.
#[derive(Debug, Default)]
pub struct WrittenFiles(Mutex<HashMap<String, PathBuf>>);

impl WrittenFiles {
    /// Notes that the app wrote `path`; returns the text the window gets for it (and may give
    /// back to open it).
    pub(super) fn remember(&self, path: &Path) -> String {
        let shown = path.display().to_string();
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(shown.clone(), path.to_path_buf());
        shown
    }

    /// The file the window named, if this app wrote it and it is still a file; else a
    /// refusal marked on the `path` field.
    pub(super) fn written(&self, shown: &str) -> Result<PathBuf, CommandError> {
        let known = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(shown)
            .cloned();
        let Some(path) = known else {
            return Err(CommandError::invalid(
                "path",
                format!("Attune opens only the files it saved since it started, and it did not save {shown}"),
            ));
        };
        // Not followed: a file replaced by a link since it was written is not ours any more.
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => Ok(path),
            _ => Err(CommandError {
                field: Some("path".to_owned()),
                ..CommandError::new(
                    ErrorCode::NotFound,
                    format!("{shown} is no longer there (moved or deleted since it was saved)"),
                )
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_files_this_app_wrote_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("hours.pdf");
        let theirs = dir.path().join("other.pdf");
        std::fs::write(&ours, b"%PDF").unwrap();
        std::fs::write(&theirs, b"%PDF").unwrap();
        let written = WrittenFiles::default();
        let shown = written.remember(&ours);
        assert_eq!(written.written(&shown).unwrap(), ours);

        let refusal = written.written(&theirs.display().to_string()).unwrap_err();
        assert_eq!(refusal.code, ErrorCode::InvalidInput);
        assert_eq!(refusal.field.as_deref(), Some("path"));
        // Not a way around the check: another spelling of the same file, a URL.
        for other in [
            format!("{}/./hours.pdf", dir.path().display()),
            format!("file://{}", ours.display()),
            "https://example.org".to_owned(),
        ] {
            assert_eq!(
                written.written(&other).unwrap_err().code,
                ErrorCode::InvalidInput
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_replaced_or_removed_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("hours.pdf");
        std::fs::write(&ours, b"%PDF").unwrap();
        let written = WrittenFiles::default();
        let shown = written.remember(&ours);
        std::fs::remove_file(&ours).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", &ours).unwrap();
        assert_eq!(
            written.written(&shown).unwrap_err().code,
            ErrorCode::NotFound
        );
        std::fs::remove_file(&ours).unwrap();
        assert_eq!(
            written.written(&shown).unwrap_err().code,
            ErrorCode::NotFound
        );
    }
}
