//! The vault's ways in: changing the passphrase, making a new recovery key (both need the
//! current passphrase), a new passphrase after a recovery-key unlock (the key proves it),
//! saving the recovery key to a file, and when each was last set (read before unlocking, for
//! the unlock screen).

use std::sync::Arc;

use attune_core::{ErrorCode, KeyChange, KeyDates, Unlock, Vault};
use tauri::{AppHandle, Runtime, State};

use super::commands::{in_background, with_vault, AppState};
use super::dialogs::{ask_save, FileKind};
use super::files;
use super::ipc::{
    ChangePassphraseRequest, CommandError, NewRecoveryKeyRequest, RecoveryKeyToShow,
    ResetPassphraseRequest,
};

/// Changes the passphrase (the old one must be right; a wrong one is marked on `old`). Runs
/// the key derivation twice. Says whether the vault key was rotated too; when it was not,
/// the recovery key is of an older form and a new one completes the rotation.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    request: ChangePassphraseRequest,
) -> Result<KeyChange, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            vault
                .change_passphrase(&request.old, &request.new)
                .map_err(|e| CommandError::from(e).wrong_passphrase_in("old"))
        })
    })
    .await
}

/// Sets a new passphrase proven by the recovery key, for someone who unlocked with it because
/// they forgot theirs: the same change as [`change_passphrase`] (the old passphrase stops
/// working; the vault key rotates when it can). A wrong recovery key is marked on
/// `recovery_key`, a refused new passphrase on `new`; neither changes anything.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn reset_passphrase(
    state: State<'_, AppState>,
    request: ResetPassphraseRequest,
) -> Result<KeyChange, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            vault
                .change_passphrase_with(Unlock::RecoveryKey(&request.recovery_key), &request.new)
                .map_err(|e| {
                    let mut error = CommandError::from(e);
                    error.field = match error.code {
                        ErrorCode::WrongRecoveryKey | ErrorCode::RecoveryKeyInvalid => {
                            Some("recovery_key".to_owned())
                        }
                        ErrorCode::PassphraseRejected => Some("new".to_owned()),
                        _ => error.field,
                    };
                    error
                })
        })
    })
    .await
}

/// Makes a new recovery key (the old one stops working); returns it to show once. The
/// current passphrase must be right (a wrong one is marked on `passphrase`): whoever sits at
/// an unlocked window must not be able to replace the owner's paper key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn new_recovery_key(
    state: State<'_, AppState>,
    request: NewRecoveryKeyRequest,
) -> Result<RecoveryKeyToShow, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let key = vault
                .new_recovery_key(&request.passphrase)
                .map_err(|e| CommandError::from(e).wrong_passphrase_in("passphrase"))?;
            Ok(RecoveryKeyToShow {
                recovery_key: key.to_display(),
            })
        })
    })
    .await
}

/// When the passphrase was set and the recovery key made, where the vault records it
/// (available while locked: the unlock screen shows them). Nothing for a missing vault.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn key_dates(state: State<'_, AppState>) -> Result<KeyDates, CommandError> {
    let dir = state.dir.clone();
    in_background(move || {
        if !Vault::exists(&dir) {
            return Ok(KeyDates::default());
        }
        Ok(Vault::key_dates(&dir)?)
    })
    .await
}

/// Asks where to save the recovery key (a native save dialog) and writes it there as a small
/// text file. Returns the path, or nothing if the person cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_recovery_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    key: RecoveryKeyToShow,
) -> Result<Option<String>, CommandError> {
    let vault_dir = state.dir.clone();
    in_background(move || {
        let Some(path) = ask_save(
            &app,
            "Save the recovery key",
            "attune-recovery-key.txt".to_owned(),
            FileKind {
                label: "Text",
                extensions: &["txt"],
            },
        )?
        else {
            return Ok(None);
        };
        files::write_recovery_key(&path, &key.recovery_key, &vault_dir)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
