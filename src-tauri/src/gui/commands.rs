//! The commands the window may call (each allowed one by one in `capabilities/main.json`).
//! Each is a few lines over `attune-core`. Key derivation takes about half a second, so the
//! commands that may run it work on a blocking thread and the window stays responsive.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use attune_core::{CreateOptions, Unlock, Vault};
use tauri::State;

use super::ipc::{
    CommandError, CreateVaultRequest, CreatedVault, UnlockMethod, UnlockRequest, UnlockedVault,
    VaultStatus,
};

/// The window's state: the vault directory, and the vault while it is unlocked.
#[derive(Debug)]
pub struct AppState {
    dir: PathBuf,
    vault: Arc<Mutex<Option<Vault>>>,
}

impl AppState {
    /// State for the vault in `dir`, locked.
    pub fn new(dir: PathBuf) -> Self {
        AppState {
            dir,
            vault: Arc::new(Mutex::new(None)),
        }
    }
}

/// The open vault, if any. A panic while it was held leaves nothing half-written in it (every
/// write is one SQLite transaction), so a poisoned lock is still usable.
fn open_vault(slot: &Mutex<Option<Vault>>) -> MutexGuard<'_, Option<Vault>> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs slow work (key derivation, closing the database) off the window's thread.
async fn in_background<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| CommandError::internal("the background task stopped unexpectedly"))?
}

/// Whether a vault exists and whether it is unlocked.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn vault_status(state: State<'_, AppState>) -> Result<VaultStatus, CommandError> {
    Ok(VaultStatus {
        exists: Vault::exists(&state.dir),
        unlocked: open_vault(&state.vault).is_some(),
        path: state.dir.display().to_string(),
    })
}

/// Creates the vault and leaves it unlocked; returns the recovery key to show once.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn create_vault(
    state: State<'_, AppState>,
    request: CreateVaultRequest,
) -> Result<CreatedVault, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        let options = CreateOptions {
            name: request.name.filter(|n| !n.trim().is_empty()),
            ..CreateOptions::default()
        };
        let (vault, recovery_key) = Vault::create(&dir, &request.passphrase, &options)?;
        *open_vault(&slot) = Some(vault);
        Ok(CreatedVault {
            recovery_key: recovery_key.to_display(),
        })
    })
    .await
}

/// Unlocks the vault with the passphrase or the recovery key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn unlock_vault(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> Result<UnlockedVault, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        let how = match request.method {
            UnlockMethod::Passphrase => Unlock::Passphrase(&request.secret),
            UnlockMethod::RecoveryKey => Unlock::RecoveryKey(&request.secret),
        };
        // Unlocking again replaces the open vault: lock the old one first (it holds the
        // vault's lock file until then).
        if let Some(old) = open_vault(&slot).take() {
            old.lock()?;
        }
        let vault = Vault::unlock(&dir, how)?;
        let opened = UnlockedVault {
            reflections: vault.journal().len(),
            damaged: vault.damaged().len(),
        };
        *open_vault(&slot) = Some(vault);
        Ok(opened)
    })
    .await
}

/// Locks the vault: closes the database and forgets every key and decrypted reflection.
/// Locking a locked vault does nothing.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn lock_vault(state: State<'_, AppState>) -> Result<(), CommandError> {
    let Some(vault) = open_vault(&state.vault).take() else {
        return Ok(());
    };
    in_background(move || Ok(vault.lock()?)).await
}
