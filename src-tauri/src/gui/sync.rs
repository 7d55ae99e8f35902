//! Sync through a folder the person already syncs (Syncthing, Nextcloud, Dropbox): turn it
//! on for this vault, see its state, and mirror then merge now. The work is core's
//! (`Vault::sync_enable`, `sync_now`); these are the window's few lines.

use std::sync::Arc;

use attune_core::views::{self, SyncView};
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::ask_folder;
use super::ipc::CommandError;

/// Whether this vault syncs, and how it stands.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn sync_status(state: State<'_, AppState>) -> Result<SyncView, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::sync_view(vault)?))
}

/// Asks for the synced folder, then mirrors this vault into it under `device_name`.
/// Nothing if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn enable_sync<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    device_name: String,
) -> Result<Option<SyncView>, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let Some(folder) = ask_folder(&app, "The folder your sync tool keeps on every device")?
        else {
            return Ok(None);
        };
        with_vault(&slot, |vault| {
            vault.sync_enable(&folder, &device_name)?;
            tracing::info!("sync enabled");
            Ok(Some(views::sync_view(vault)?))
        })
    })
    .await
}

/// Mirrors what changed here into the folder, then merges what the other devices wrote.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_now(state: State<'_, AppState>) -> Result<SyncView, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let done = vault.sync_now()?;
            tracing::info!(
                mirrored = done.mirrored,
                merged = done.merged,
                "synced from the window"
            );
            Ok(views::sync_view(vault)?)
        })
    })
    .await
}
