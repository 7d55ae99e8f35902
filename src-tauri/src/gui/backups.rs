//! Backups from Settings: the newest backup and its age, "Back up now", the second folder,
//! and restoring a backup in place of the vault. Each is a few lines over
//! `attune-core`'s backups; the file and folder are chosen in native dialogs opened from
//! Rust.

use std::fmt;
use std::sync::Arc;

use attune_core::backup::BackupReason;
use attune_core::vault::{restore_backup, verify_backup, BackupStatus};
use attune_core::Unlock;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_folder, ask_open, FileKind};
use super::ipc::{CommandError, UnlockMethod};

/// A folder where an automatic backup failed, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FailedFolder {
    /// The folder.
    pub folder: String,
    /// What went wrong, in words.
    pub message: String,
}

/// What "Back up now" did (`back_up_now`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupDone {
    /// How many folders got a verified backup.
    pub written: u32,
    /// How many records each holds.
    pub records: u32,
    /// Where it failed.
    pub failed: Vec<FailedFolder>,
    /// The newest backup now.
    pub status: BackupStatus,
}

/// Restore a backup in place of the vault (`restore_from_backup`): the secret that was
/// current when the backup was taken. The file is chosen in a native dialog.
#[derive(Deserialize, TS)]
pub struct RestoreRequest {
    /// The passphrase or recovery key of the backup, as typed.
    #[ts(type = "string")]
    pub secret: Zeroizing<String>,
    /// Which of the two `secret` is.
    pub method: UnlockMethod,
}

impl fmt::Debug for RestoreRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RestoreRequest({:?}, ****)", self.method)
    }
}

/// What a restore did; the vault is locked after it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoredBackup {
    /// When the backup was taken (RFC 3339).
    pub taken_at: String,
    /// How many records it holds.
    pub records: u32,
    /// Where the vault it replaced was kept, as a backup.
    pub previous: Option<String>,
}

/// The newest backup of the vault, in its folder and the second one.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.backup_status()))).await
}

/// Takes a backup now into both folders, verified, and prunes the old ones.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<BackupDone, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let done = vault.auto_backup(BackupReason::Manual);
            tracing::info!(
                written = done.written.len(),
                failed = done.failed.len(),
                "backup taken from Settings"
            );
            Ok(BackupDone {
                written: u32::try_from(done.written.len()).unwrap_or(u32::MAX),
                records: done.written.first().map_or(0, |v| {
                    u32::try_from(v.manifest.record_count()).unwrap_or(u32::MAX)
                }),
                failed: failed_folders(done.failed),
                status: vault.backup_status(),
            })
        })
    })
    .await
}

/// What retiring the backups that open with an older secret did (`retire_older_backups`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct RetiredDone {
    /// How many were deleted.
    pub removed: u32,
    /// Files in the folders that do not read as a backup, left alone.
    pub left_unreadable: u32,
    /// Where the new backup failed, so nothing was deleted there.
    pub failed: Vec<FailedFolder>,
    /// The newest backup now.
    pub status: BackupStatus,
}

fn failed_folders(failed: Vec<(std::path::PathBuf, String)>) -> Vec<FailedFolder> {
    failed
        .into_iter()
        .map(|(folder, message)| FailedFolder {
            folder: folder.display().to_string(),
            message,
        })
        .collect()
}

/// For someone who changed their passphrase because it may be known: a new backup in each
/// folder first, then the backups that open with an older passphrase or recovery key go.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn retire_older_backups(state: State<'_, AppState>) -> Result<RetiredDone, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let done = vault.retire_older_backups()?;
            Ok(RetiredDone {
                removed: u32::try_from(done.removed).unwrap_or(u32::MAX),
                left_unreadable: u32::try_from(done.left_unreadable).unwrap_or(u32::MAX),
                failed: failed_folders(done.failed),
                status: vault.backup_status(),
            })
        })
    })
    .await
}

/// Asks for the second backup folder; the page saves it as the `backup_folder` setting.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn choose_backup_folder<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<String>, CommandError> {
    in_background(move || {
        Ok(ask_folder(&app, "A second folder for backups")?.map(|p| p.display().to_string()))
    })
    .await
}

/// Asks which backup to restore, verifies it with the secret given (the vault stays open
/// if it is wrong or the file is damaged), then locks the vault and restores the backup in
/// its place (the vault replaced is kept as a backup first). The vault is locked after.
/// Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn restore_from_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: RestoreRequest,
) -> Result<Option<RestoredBackup>, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        let Some(file) = ask_open(
            &app,
            "Restore a backup",
            FileKind {
                label: "Attune backups",
                extensions: &[attune_core::backup::EXTENSION],
            },
        )?
        else {
            return Ok(None);
        };
        let how = match request.method {
            UnlockMethod::Passphrase => Unlock::Passphrase(&request.secret),
            UnlockMethod::RecoveryKey => Unlock::RecoveryKey(&request.secret),
        };
        // Checked while the vault is still open: a wrong secret or a damaged file changes
        // nothing.
        verify_backup(&file, how)?;
        if let Some(vault) = slot.take() {
            vault.lock()?;
        }
        let restored = restore_backup(&file, how, &dir)?;
        tracing::info!("backup restored from Settings");
        let m = &restored.from.manifest;
        Ok(Some(RestoredBackup {
            taken_at: m.created_at.to_rfc3339(),
            records: u32::try_from(m.record_count()).unwrap_or(u32::MAX),
            previous: restored.previous.map(|p| p.display().to_string()),
        }))
    })
    .await
}
