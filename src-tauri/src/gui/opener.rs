//! Opening what the app itself made, with the system's own programs (the opener plugin's
//! Rust side; the window is granted none of its commands): a file this running app saved
//! ("Open", "Show in folder"), and the public page a rule set cites.
//!
//! The window names what to open, and it could be made to name anything: a path Attune never
//! wrote (a program, a file of someone else's), a URL to anywhere. So it can name only what
//! the app keeps here itself: the files it wrote since it started, by the exact text it
//! returned for each, and rule sets, by id; anything else is refused.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use attune_core::hours::rule_set;
use attune_core::ErrorCode;
use tauri::State;

use super::commands::{in_background, AppState};
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
    fn written(&self, shown: &str) -> Result<PathBuf, CommandError> {
        let known = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(shown)
            .cloned();
        let Some(path) = known else {
            return Err(refused(
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

fn refused(field: &str, message: String) -> CommandError {
    CommandError {
        field: Some(field.to_owned()),
        ..CommandError::new(ErrorCode::InvalidInput, message)
    }
}

fn could_not(what: &str, e: &tauri_plugin_opener::Error) -> CommandError {
    CommandError::new(ErrorCode::Storage, format!("could not {what}: {e}"))
}

/// Opens a file this app saved (`path` as the save command returned it) in the program the
/// system uses for its kind.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_saved_file(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    let file = state.written.written(&path)?;
    in_background(move || {
        tauri_plugin_opener::open_path(&file, None::<&str>)
            .map_err(|e| could_not("open the file", &e))
    })
    .await
}

/// Shows a file this app saved in the system's file manager, selected where the file
/// manager can do that, else by opening its folder.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn show_saved_file(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    let file = state.written.written(&path)?;
    in_background(move || {
        // Selecting the file goes through the desktop's file manager service (D-Bus on
        // Linux); without one, the folder alone is still what the person asked to see.
        tauri_plugin_opener::reveal_item_in_dir(&file).or_else(|e| {
            tracing::info!(error = %e, "no file manager to select the file in; opening its folder");
            let folder = file.parent().filter(|d| !d.as_os_str().is_empty());
            let folder = folder.ok_or_else(|| could_not("show the folder", &e))?;
            tauri_plugin_opener::open_path(folder, None::<&str>)
                .map_err(|e| could_not("show the folder", &e))
        })
    })
    .await
}

/// Opens the public page a rule set cites as its source in the system's browser. Only the
/// address in the rule sets built into the app: the window names a rule set, never a URL.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_rule_source(rule_set_id: String) -> Result<(), CommandError> {
    let url = source_url(&rule_set_id)?;
    in_background(move || {
        tauri_plugin_opener::open_url(&url, None::<&str>)
            .map_err(|e| could_not("open the page", &e))
    })
    .await
}

/// The https address a rule set cites (checked when the rule sets are read, and again here).
fn source_url(rule_set_id: &str) -> Result<String, CommandError> {
    let url = &rule_set(rule_set_id)?.source;
    let plain =
        url.starts_with("https://") && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !plain {
        return Err(refused(
            "rule_set_id",
            format!("the source of {rule_set_id} is not a web address Attune opens"),
        ));
    }
    Ok(url.clone())
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

    #[test]
    fn a_rule_set_source_is_its_https_page_and_nothing_else() {
        for set in attune_core::hours::rule_sets().unwrap() {
            assert_eq!(source_url(&set.id).unwrap(), set.source);
        }
        let unknown = source_url("https://example.org").unwrap_err();
        assert_eq!(unknown.code, ErrorCode::InvalidInput);
    }
}
