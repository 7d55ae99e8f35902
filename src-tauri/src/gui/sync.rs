//! Sync through a folder the person already syncs (Syncthing, Nextcloud, Dropbox): turn it
//! on for this vault, open a journal from such a folder on another computer, see how it
//! stands, mirror then merge now, and keep either version of a reflection two devices
//! edited at once. The work is core's (`Vault::sync_enable`, `sync_join`, `sync_now`,
//! `keep_version`); these are the window's few lines. Syncing by itself is [`super::autosync`].

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use attune_core::vault::KeepVersion;
use attune_core::views::{self, KeptRevisionView, SyncView};
use attune_core::{Unlock, Vault};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::commands::{in_background, opened, with_vault, AppState};
use super::dialogs::ask_folder;
use super::ipc::{CommandError, EditedReflection, UnlockMethod, UnlockedVault};

/// The event the page hears after a sync ran (by itself, or "Sync now"): what it merged,
/// how sync stands, or why it failed.
pub const SYNC_RAN: &str = "sync-ran";

/// The `sync-ran` event. When `merged` is more than nothing, what the window shows may be
/// out of date: it reads it again.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncRan {
    /// Whether the app synced by itself (after an unlock, a save, or a change in the folder).
    pub automatic: bool,
    /// Changes from other devices that changed something here.
    pub merged: u32,
    /// Changes of this device written into the folder.
    pub mirrored: u32,
    /// How sync stands now (absent when it failed).
    pub view: Option<SyncView>,
    /// Why it failed, when it did (shown calmly in Settings; the next try comes by itself).
    pub failure: Option<CommandError>,
}

/// Tells the page that a sync ran; a page that does not hear it misses nothing it cannot
/// read again.
pub(super) fn tell_page<R: Runtime>(app: &AppHandle<R>, ran: SyncRan) {
    if let Err(e) = app.emit(SYNC_RAN, ran) {
        tracing::warn!(error = %e, "the page was not told of a sync");
    }
}

/// Open the journal kept in a synced folder as this computer's journal
/// (`join_synced_folder`).
#[derive(Deserialize, TS)]
pub struct JoinSyncedFolderRequest {
    /// The synced folder, as chosen (or pasted): a full path.
    pub folder: String,
    /// The journal's passphrase or its recovery key, as typed.
    #[ts(type = "string")]
    pub secret: Zeroizing<String>,
    /// Which of the two `secret` is.
    pub method: UnlockMethod,
    /// How the other devices will name this one ("Home computer").
    pub device_name: String,
}

impl fmt::Debug for JoinSyncedFolderRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JoinSyncedFolderRequest({:?}, ****)", self.method)
    }
}

/// Which version of a reflection to keep (`keep_version`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeepWhich {
    /// The reflection as it stands; the other version goes.
    Current,
    /// The other version, which replaces it.
    Other,
}

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

/// Asks which synced folder holds the journal to open (from the first screen, while no
/// vault is open); its path, or `None` if cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn choose_sync_folder<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<String>, CommandError> {
    in_background(move || {
        let chosen = ask_folder(&app, "The synced folder that holds your journal")?;
        Ok(chosen.map(|p| p.display().to_string()))
    })
    .await
}

/// Makes this computer's journal from the one in a synced folder, opened with its
/// passphrase or recovery key, and leaves it unlocked. Only where no journal exists yet.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn join_synced_folder(
    state: State<'_, AppState>,
    request: JoinSyncedFolderRequest,
) -> Result<UnlockedVault, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        if Vault::exists(&dir) || slot.is_open() {
            return Err(attune_core::Error::VaultExists(dir.clone()).into());
        }
        let folder = PathBuf::from(request.folder.trim());
        if folder.as_os_str().is_empty() {
            return Err(CommandError::invalid(
                "folder",
                "choose the synced folder that holds your journal",
            ));
        }
        if !folder.is_absolute() {
            return Err(CommandError::invalid(
                "folder",
                "give the folder's full path, starting from the top (/home/…)",
            ));
        }
        if !folder.is_dir() {
            return Err(CommandError::invalid(
                "folder",
                format!("there is no folder at {}", folder.display()),
            ));
        }
        let how = match request.method {
            UnlockMethod::Passphrase => Unlock::Passphrase(&request.secret),
            UnlockMethod::RecoveryKey => Unlock::RecoveryKey(&request.secret),
        };
        let vault = Vault::sync_join(&dir, &folder, how, &request.device_name)?;
        tracing::info!(
            reflections = vault.journal().len(),
            "joined a journal from a synced folder"
        );
        let opened = opened(&vault);
        slot.put(vault);
        Ok(opened)
    })
    .await
}

/// Mirrors what changed here into the folder, then merges what the other devices wrote.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<SyncView, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        let (done, view) = with_vault(&slot, |vault| {
            let done = vault.sync_now()?;
            Ok((done, views::sync_view(vault)?))
        })?;
        tracing::info!(
            mirrored = done.mirrored,
            merged = done.merged,
            "synced from the window"
        );
        tell_page(
            &app,
            SyncRan {
                automatic: false,
                merged: count(done.merged),
                mirrored: count(done.mirrored),
                view: Some(view.clone()),
                failure: None,
            },
        );
        Ok(view)
    })
    .await
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The reflections that have a version kept beside them (another device edited them at the
/// same time): the journal list marks them.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn reflections_with_revisions(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    with_vault(
        &state.vault,
        |vault| Ok(vault.reflections_with_revisions()?),
    )
}

/// The versions of reflection `id` kept beside it, oldest first.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn kept_revisions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<KeptRevisionView>, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::kept_revisions(vault, &id)?))
}

/// Resolves a kept revision: keeps the reflection as it stands, or the other version. The
/// revision goes here, and on the other devices once synced. Returns the reflection as it
/// now is.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn keep_version(
    state: State<'_, AppState>,
    revision_id: String,
    keep: KeepWhich,
) -> Result<EditedReflection, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let keep = match keep {
                KeepWhich::Current => KeepVersion::Current,
                KeepWhich::Other => KeepVersion::Revision,
            };
            let reflection = vault.keep_version(&revision_id, keep)?;
            let version = vault.reflection_version(&reflection.id)?;
            Ok(EditedReflection {
                reflection,
                version,
            })
        })
    })
    .await
}
