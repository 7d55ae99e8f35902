//! The native file dialogs, opened from Rust (the window is granted none of the dialog
//! plugin's commands): one function to ask where to save, one to ask what to open. Commands
//! call them on a blocking thread while the vault is not held, so that saving a reflection
//! or locking is never stuck behind an open dialog.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use super::ipc::CommandError;

/// What kind of file a dialog offers: its name for people ("PDF") and its extensions.
#[derive(Debug, Clone, Copy)]
pub(super) struct FileKind<'a> {
    pub label: &'a str,
    pub extensions: &'a [&'a str],
}

/// Asks where to save a file, suggesting `file_name`; `None` if the person cancelled.
pub(super) fn ask_save<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: String,
    kind: FileKind<'_>,
) -> Result<Option<PathBuf>, CommandError> {
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(kind.label, kind.extensions)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    chosen
        .into_path()
        .map(Some)
        .map_err(|_| CommandError::internal("the chosen place is not a local file"))
}

/// Asks which file to open; `None` if the person cancelled.
pub(super) fn ask_open<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    kind: FileKind<'_>,
) -> Result<Option<PathBuf>, CommandError> {
    // A file handed to the app by the desktop, of a kind this dialog offers, stands in for
    // the person's choice: they chose it in their file manager.
    if let Some(opened) = app.try_state::<super::opened::OpenedFiles>() {
        if let Some(path) = opened.take_matching(kind.extensions) {
            return Ok(Some(path));
        }
    }
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(kind.label, kind.extensions)
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    chosen
        .into_path()
        .map(Some)
        .map_err(|_| CommandError::internal("the chosen file is not a local file"))
}

/// Asks which folder to use; `None` if the person cancelled.
pub(super) fn ask_folder<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
) -> Result<Option<PathBuf>, CommandError> {
    let Some(chosen) = app.dialog().file().set_title(title).blocking_pick_folder() else {
        return Ok(None);
    };
    chosen
        .into_path()
        .map(Some)
        .map_err(|_| CommandError::internal("the chosen folder is not a local folder"))
}
