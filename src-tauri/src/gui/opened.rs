//! Files handed to the app by the desktop rather than chosen in it: `attune-desktop FILE`
//! (a file manager or a mail program opening a share, an attestation, a contact card or a
//! backup), or a second launch handing its file to the window already open on the same
//! vault (one instance per vault, through the single-instance plugin). The file is held here
//! until the flow it belongs to asks for a file to open: that flow then takes it instead of
//! showing the open dialog ([`super::dialogs::ask_open`]). The page learns only its kind and
//! its name, and starts the flow after unlock; it never holds or hands over a path.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use attune_core::share::{ATTESTATION_EXTENSION, BUNDLE_EXTENSION};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

use super::ipc::CommandError;

/// The event the page hears when a second launch handed the window a file.
pub const FILE_OPENED: &str = "file-opened";

/// What a file handed to the app is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenedKind {
    /// Shared reflections (`.attune-share`): received on the Sharing page.
    Share,
    /// An attestation (`.attune-attest`): checked, and received by a practitioner.
    Attestation,
    /// A contact card (`.attune-card`): added to the contacts.
    Card,
    /// A backup (`.attune-backup`): restored from Settings, after the passphrase it had.
    Backup,
}

impl OpenedKind {
    /// The kind of `path`, by its extension; `None` for any other file.
    pub fn of(path: &Path) -> Option<OpenedKind> {
        match path.extension()?.to_str()? {
            BUNDLE_EXTENSION => Some(OpenedKind::Share),
            ATTESTATION_EXTENSION => Some(OpenedKind::Attestation),
            "attune-card" => Some(OpenedKind::Card),
            attune_core::backup::EXTENSION => Some(OpenedKind::Backup),
            _ => None,
        }
    }
}

/// A file handed to the app, as the page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenedFile {
    /// What it is.
    pub kind: OpenedKind,
    /// Its file name, to say what will be opened (not its folder).
    pub name: String,
}

/// The file handed to the app and not yet taken by its flow.
#[derive(Debug, Default)]
pub struct OpenedFiles(Mutex<Option<PathBuf>>);

impl OpenedFiles {
    fn held(&self) -> std::sync::MutexGuard<'_, Option<PathBuf>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Holds `path` (the last one handed over wins) if it is of a kind Attune opens;
    /// anything else is left alone and `None` returned.
    pub fn hold(&self, path: PathBuf) -> Option<OpenedFile> {
        let kind = OpenedKind::of(&path)?;
        let name = path.file_name()?.to_string_lossy().into_owned();
        *self.held() = Some(path);
        tracing::info!(kind = ?kind, "a file was handed to the app");
        Some(OpenedFile { kind, name })
    }

    /// The file held, if any.
    pub fn peek(&self) -> Option<OpenedFile> {
        let held = self.held();
        let path = held.as_ref()?;
        Some(OpenedFile {
            kind: OpenedKind::of(path)?,
            name: path.file_name()?.to_string_lossy().into_owned(),
        })
    }

    /// Takes the file held if its extension is one of `extensions` (the open dialog it
    /// stands in for would have offered it).
    pub fn take_matching(&self, extensions: &[&str]) -> Option<PathBuf> {
        let mut held = self.held();
        let matches = held
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|x| x.to_str())
            .is_some_and(|x| extensions.contains(&x));
        if matches {
            held.take()
        } else {
            None
        }
    }

    /// Forgets the file held.
    pub fn clear(&self) {
        *self.held() = None;
    }
}

/// The file handed to the app and not yet opened, if any.
#[tauri::command]
pub fn opened_file(opened: State<'_, OpenedFiles>) -> Option<OpenedFile> {
    opened.peek()
}

/// Forgets the file handed to the app (the person chose not to open it).
#[tauri::command]
pub fn dismiss_opened_file(opened: State<'_, OpenedFiles>) -> Result<(), CommandError> {
    opened.clear();
    Ok(())
}

/// A second launch on the same vault handed over its arguments: the file among them, if
/// any, is held and the page told; the window comes forward either way.
pub fn from_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let Ok(args) = <super::Args as clap::Parser>::try_parse_from(argv) else {
        tracing::warn!("a second launch passed arguments that do not parse; ignored");
        return;
    };
    let Some(file) = args.file else { return };
    let file = if file.is_absolute() {
        file
    } else {
        Path::new(&cwd).join(file)
    };
    if let Some(opened) = app.state::<OpenedFiles>().hold(file) {
        if let Err(e) = app.emit(FILE_OPENED, opened) {
            tracing::warn!(error = %e, "the page was not told of a file handed over");
        }
    }
}

/// The name the single-instance plugin registers for the vault in `vault_dir`: one
/// instance per vault, so that a second vault opens in a window of its own while a second
/// launch on the same vault hands over to the first.
pub fn instance_id(vault_dir: &Path) -> String {
    let dir = std::fs::canonicalize(vault_dir).unwrap_or_else(|_| vault_dir.to_path_buf());
    let digest = attune_core::backup::image_digest(dir.as_os_str().as_encoded_bytes());
    format!("org.attune.app.v{}", &digest[..16])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_held_by_kind_and_taken_only_by_its_flow() {
        let files = OpenedFiles::default();
        assert_eq!(files.hold(PathBuf::from("/tmp/notes.txt")), None);
        assert_eq!(files.peek(), None);
        let held = files
            .hold(PathBuf::from("/home/p/Downloads/from Sam.attune-share"))
            .unwrap();
        assert_eq!(held.kind, OpenedKind::Share);
        assert_eq!(held.name, "from Sam.attune-share");
        assert_eq!(files.peek(), Some(held));
        // The attestation check does not take a share; receiving does.
        assert_eq!(files.take_matching(&[ATTESTATION_EXTENSION]), None);
        assert_eq!(
            files.take_matching(&[BUNDLE_EXTENSION, ATTESTATION_EXTENSION]),
            Some(PathBuf::from("/home/p/Downloads/from Sam.attune-share"))
        );
        assert_eq!(files.peek(), None);
        for (name, kind) in [
            ("a.attune-attest", OpenedKind::Attestation),
            ("a.attune-card", OpenedKind::Card),
            ("a.attune-backup", OpenedKind::Backup),
        ] {
            assert_eq!(files.hold(PathBuf::from(name)).unwrap().kind, kind);
        }
        files.clear();
        assert_eq!(files.peek(), None);
    }

    #[test]
    fn one_instance_per_vault() {
        let a = instance_id(Path::new("/nonexistent/vault-a"));
        assert_eq!(a, instance_id(Path::new("/nonexistent/vault-a")));
        assert_ne!(a, instance_id(Path::new("/nonexistent/vault-b")));
        // A D-Bus well-known name: elements of letters, digits and underscores, none
        // starting with a digit.
        assert!(a
            .split('.')
            .all(|e| !e.is_empty() && !e.starts_with(|c: char| c.is_ascii_digit())));
    }
}
