//! The journal's own files from Settings: the export (Markdown or JSON, unencrypted, so the
//! passphrase is asked again) and imports from other journals (read and previewed first,
//! then confirmed). Each is a few lines over `attune-core`'s export and import; files and
//! folders are chosen in native dialogs opened from Rust.

use std::fmt;
use std::sync::Arc;

use attune_core::backup::BackupReason;
use attune_core::export::{write_export, Form};
use attune_core::import::{read_path, Source};
use attune_core::journal::today;
use attune_core::vault::backups_dir;
use attune_core::ReflectionFilter;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_folder, ask_open, ask_save, FileKind};
use super::ipc::CommandError;

/// What the journal export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JournalFormat {
    /// One Markdown file per reflection, into a new folder.
    Markdown,
    /// One JSON file.
    Json,
}

/// Export the journal (`export_journal`): unencrypted, so the passphrase is asked again.
#[derive(Deserialize, TS)]
pub struct ExportJournalRequest {
    /// Markdown or JSON.
    pub format: JournalFormat,
    /// The passphrase, typed again.
    #[ts(type = "string")]
    pub passphrase: Zeroizing<String>,
}

impl fmt::Debug for ExportJournalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExportJournalRequest({:?}, ****)", self.format)
    }
}

/// What the journal export wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedJournal {
    /// The file (JSON) or the new folder (Markdown).
    pub path: String,
    /// How many reflections.
    pub reflections: u32,
}

/// Where an import comes from (`preview_import`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportFrom {
    /// `jrnl --export json`.
    Jrnl,
    /// Day One's JSON export (the zip, or its JSON file).
    Dayone,
    /// A decrypted Standard Notes backup.
    Standardnotes,
    /// A folder of Markdown files with front matter.
    Markdown,
    /// One Markdown file with front matter.
    MarkdownFile,
    /// Attune's own JSON export.
    Json,
}

/// What an import would do, before it is confirmed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    /// The file or folder read.
    pub path: String,
    /// How many reflections it would add.
    pub reflections: u32,
    /// How many entries were imported before, and are skipped.
    pub skipped: u32,
    /// The first and last day of what it would add.
    pub first: Option<String>,
    /// See `first`.
    pub last: Option<String>,
    /// The titles of the first few.
    pub titles: Vec<String>,
    /// What the source holds that reflections do not.
    pub dropped: Vec<String>,
}

/// What a confirmed import did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportDone {
    /// How many reflections were added.
    pub added: u32,
    /// How many entries were skipped (imported before).
    pub skipped: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Checks the passphrase, asks where, then writes the whole journal there, unencrypted.
/// Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn export_journal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportJournalRequest,
) -> Result<Option<ExportedJournal>, CommandError> {
    let (slot, written) = (Arc::clone(&state.vault), Arc::clone(&state.written));
    in_background(move || {
        with_vault(&slot, |v| Ok(v.check_passphrase(&request.passphrase)?))?;
        let name = format!("attune-journal-{}", today());
        let chosen = match request.format {
            JournalFormat::Json => ask_save(
                &app,
                "Export the journal",
                format!("{name}.json"),
                FileKind {
                    label: "JSON",
                    extensions: &["json"],
                },
            )?,
            // A new folder inside the one chosen, so that nothing mixes with other files.
            JournalFormat::Markdown => {
                ask_folder(&app, "Export the journal into a folder")?.map(|parent| {
                    let mut n = 1;
                    let mut dir = parent.join(&name);
                    while dir.exists() {
                        n += 1;
                        dir = parent.join(format!("{name}-{n}"));
                    }
                    dir
                })
            }
        };
        let Some(path) = chosen else {
            return Ok(None);
        };
        let form = match request.format {
            JournalFormat::Json => Form::Json,
            JournalFormat::Markdown => Form::Markdown,
        };
        let reflections = with_vault(&slot, |v| {
            let all = v.journal().list(&ReflectionFilter::default());
            Ok(count(write_export(&path, form, all)?))
        })?;
        tracing::info!(format = ?request.format, "journal exported");
        let path = match request.format {
            JournalFormat::Json => written.remember(&path),
            JournalFormat::Markdown => path.display().to_string(),
        };
        Ok(Some(ExportedJournal { path, reflections }))
    })
    .await
}

/// Asks for the file (or folder) to import, reads and checks all of it, and says what an
/// import would add; nothing is written until [`confirm_import`]. Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from: ImportFrom,
) -> Result<Option<ImportPreview>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let file = |label: &'static str, extensions: &'static [&'static str]| {
            ask_open(&app, "Import a journal", FileKind { label, extensions })
        };
        let (source, chosen) = match from {
            ImportFrom::Markdown => (
                Source::Markdown,
                ask_folder(&app, "Import a folder of Markdown files")?,
            ),
            ImportFrom::MarkdownFile => (
                Source::Markdown,
                file("Markdown file", &["md", "markdown", "txt"])?,
            ),
            ImportFrom::Jrnl => (Source::Jrnl, file("jrnl JSON export", &["json"])?),
            ImportFrom::Dayone => (Source::DayOne, file("Day One export", &["zip", "json"])?),
            ImportFrom::Standardnotes => (
                Source::StandardNotes,
                file("Standard Notes backup", &["txt", "json"])?,
            ),
            ImportFrom::Json => (
                Source::AttuneJson,
                file("Attune journal export", &["json"])?,
            ),
        };
        let Some(path) = chosen else {
            return Ok(None);
        };
        let incoming = read_path(&path, source, today())?;
        let would = with_vault(&slot, |v| {
            Ok(v.journal_mut().import(incoming.items.clone(), true)?)
        })?;
        let days = would.added.iter().map(|r| r.content.date);
        let preview = ImportPreview {
            path: path.display().to_string(),
            reflections: count(would.added.len()),
            skipped: count(would.skipped),
            first: days.clone().min().map(|d| d.to_string()),
            last: days.max().map(|d| d.to_string()),
            titles: would
                .added
                .iter()
                .take(5)
                .map(|r| r.content.title.clone())
                .collect(),
            dropped: incoming.dropped.clone(),
        };
        slot.hold_import(incoming);
        Ok(Some(preview))
    })
    .await
}

/// Imports what [`preview_import`] read, after a backup: all of it or none. What was read
/// is held beside the vault and goes when it locks.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn confirm_import(state: State<'_, AppState>) -> Result<ImportDone, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        let Some(incoming) = slot.take_import() else {
            return Err(CommandError::internal(
                "there is no import to confirm; choose the file again",
            ));
        };
        with_vault(&slot, |v| {
            v.back_up(&backups_dir(&dir), BackupReason::BeforeImport)?;
            let done = v.journal_mut().import(incoming.items, false)?;
            tracing::info!(added = done.added.len(), "journal import");
            Ok(ImportDone {
                added: count(done.added.len()),
                skipped: count(done.skipped),
            })
        })
    })
    .await
}
