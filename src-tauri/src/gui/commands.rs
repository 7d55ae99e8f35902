//! The commands the window may call (each allowed one by one in `capabilities/main.json`).
//! Each is a few lines over `attune-core`. Key derivation takes about half a second, so the
//! commands that may run it work on a blocking thread and the window stays responsive.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use attune_core::backup::BackupReason;
use attune_core::views::{self, JournalFacets, JournalPage, JournalQuery};
use attune_core::{CreateOptions, Settings, Unlock, Vault};
use tauri::State;

use super::files;
use super::ipc::{
    Appearance, CommandError, CreateVaultRequest, EditedReflection, RecoveryKeyToShow,
    SaveReflectionRequest, StartData, UnlockMethod, UnlockRequest, UnlockedVault, VaultStatus,
};
use super::slot::{back_up_and_lock, Clock, VaultSlot};
use super::written::WrittenFiles;

/// The window's state: where the vault and the appearance settings live, and the vault while
/// it is unlocked.
#[derive(Debug)]
pub struct AppState {
    pub(super) dir: PathBuf,
    appearance_file: PathBuf,
    /// The vault while it is unlocked, and when it was last used (for the idle lock).
    pub vault: Arc<VaultSlot>,
    /// The files this run wrote where the person chose: the only ones it will open.
    pub(super) written: Arc<WrittenFiles>,
}

impl AppState {
    /// State for the vault in `dir`, locked, with the appearance settings in `config_dir`;
    /// the idle lock reads the time from `clock`.
    pub fn new(dir: PathBuf, config_dir: PathBuf, clock: Box<dyn Clock>) -> Self {
        AppState {
            dir,
            appearance_file: config_dir.join("appearance.json"),
            vault: Arc::new(VaultSlot::new(clock)),
            written: Arc::default(),
        }
    }
}

/// Runs `work` on the unlocked vault, or fails with `locked` (and counts as use of it).
pub(super) fn with_vault<T>(
    slot: &VaultSlot,
    work: impl FnOnce(&mut Vault) -> Result<T, CommandError>,
) -> Result<T, CommandError> {
    slot.with(work)
}

/// Runs slow work (key derivation, closing the database) off the window's thread.
pub(super) async fn in_background<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| CommandError::internal("the background task stopped unexpectedly"))?
}

impl AppState {
    fn status(&self) -> VaultStatus {
        VaultStatus {
            exists: Vault::exists(&self.dir),
            unlocked: self.vault.is_open(),
            path: self.dir.display().to_string(),
        }
    }

    /// What the first screen needs: the appearance and the vault's status.
    pub fn start_data(&self) -> StartData {
        StartData {
            appearance: files::read_appearance(&self.appearance_file),
            status: self.status(),
        }
    }
}

/// Whether a vault exists and whether it is unlocked.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn vault_status(state: State<'_, AppState>) -> Result<VaultStatus, CommandError> {
    Ok(state.status())
}

/// Creates the vault and leaves it unlocked; returns the recovery key to show once.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn create_vault(
    state: State<'_, AppState>,
    request: CreateVaultRequest,
) -> Result<RecoveryKeyToShow, CommandError> {
    let (dir, slot) = (state.dir.clone(), Arc::clone(&state.vault));
    in_background(move || {
        // The name goes on the vault's card: the person-name rule applies.
        let name = match request.name.filter(|n| !n.trim().is_empty()) {
            Some(n) => Some(
                attune_core::person_name::person_name("name", &n)
                    .map_err(attune_core::Error::from)?,
            ),
            None => None,
        };
        let options = CreateOptions {
            name,
            role: request.role.unwrap_or_default(),
            ..CreateOptions::default()
        };
        let (vault, recovery_key) = Vault::create(&dir, &request.passphrase, &options)?;
        slot.put(vault);
        Ok(RecoveryKeyToShow {
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
        if let Some(old) = slot.take() {
            back_up_and_lock(old, BackupReason::Lock)?;
        }
        let vault = Vault::unlock(&dir, how)?;
        let opened = opened(&vault);
        slot.put(vault);
        Ok(opened)
    })
    .await
}

/// What the window needs to know of a vault just opened, in counts.
pub(super) fn opened(vault: &Vault) -> UnlockedVault {
    UnlockedVault {
        reflections: vault.journal().len(),
        damaged: vault.damaged().len(),
        role: vault.profile().role,
        supervises: !vault.sharing().shared_reflections().is_empty()
            || !vault.sharing().shared_sessions().is_empty(),
    }
}

/// Locks the vault: closes the database and forgets every key and decrypted reflection.
/// Locking a locked vault does nothing.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn lock_vault(state: State<'_, AppState>) -> Result<(), CommandError> {
    let Some(vault) = state.vault.take() else {
        return Ok(());
    };
    in_background(move || Ok(back_up_and_lock(vault, BackupReason::Lock)?)).await
}

/// Someone is at the window (the page saw the keyboard or pointer): counts as use of the vault
/// for the app's idle lock, which otherwise counts only commands. Nothing else happens; a
/// locked vault stays locked.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn note_activity(state: State<'_, AppState>) {
    let _ = with_vault(&state.vault, |_| Ok(()));
}

/// Reflections matching a search and filters, best (or newest) first, with the searched words
/// marked; at most `limit` of them, and how many matched in all.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_reflections(
    state: State<'_, AppState>,
    request: JournalQuery,
) -> Result<JournalPage, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(views::journal_page(vault, &request))
    })
}

/// One whole reflection, to read or edit.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn get_reflection(
    state: State<'_, AppState>,
    id: String,
) -> Result<EditedReflection, CommandError> {
    with_vault(&state.vault, |vault| {
        let reflection = vault.journal().resolve(&id)?.clone();
        let version = vault.reflection_version(&reflection.id)?;
        Ok(EditedReflection {
            reflection,
            version,
        })
    })
}

/// Saves a reflection durably (a new one, or a new version of one); returns it as saved.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_reflection(
    state: State<'_, AppState>,
    request: SaveReflectionRequest,
) -> Result<EditedReflection, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            let from = request.started_from.as_deref();
            let reflection = match &request.id {
                Some(id) => vault.journal_mut().update_from(id, request.draft, from)?,
                None => vault.journal_mut().add(request.draft)?,
            };
            let version = vault.reflection_version(&reflection.id)?;
            Ok(EditedReflection {
                reflection,
                version,
            })
        })
    })
    .await
}

/// Deletes a reflection and destroys its key. Only a reflection's id is accepted.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_reflection(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.delete_reflection(&id)?))).await
}

/// The tags and family pseudonyms in use, for the filters and for suggestions while writing.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn journal_facets(state: State<'_, AppState>) -> Result<JournalFacets, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::journal_facets(vault)))
}

/// The settings kept in the vault.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    with_vault(&state.vault, |vault| Ok(vault.settings().clone()))
}

/// Validates and saves the settings kept in the vault; returns them as stored.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.save_settings(settings)?.clone())))
        .await
}

/// How the app looks (available while locked, so the unlock screen matches).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn get_appearance(state: State<'_, AppState>) -> Appearance {
    files::read_appearance(&state.appearance_file)
}

/// The page says when it painted its first screen (the unlock or create screen): logged with
/// how long the start took, so that a slow start shows in the log (the UI benchmark reads it
/// to time launches without WebDriver). Times only; the log never holds user content.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn first_screen_painted(
    painted_at_ms: f64,
    after_navigation_ms: f64,
) -> Result<(), CommandError> {
    let valid = |ms: f64| ms.is_finite() && ms >= 0.0;
    if !valid(painted_at_ms) {
        return Err(attune_core::Error::invalid(
            "painted_at_ms",
            "must be a time in milliseconds since 1970",
        )
        .into());
    }
    if !valid(after_navigation_ms) {
        return Err(attune_core::Error::invalid(
            "after_navigation_ms",
            "must be a duration in milliseconds",
        )
        .into());
    }
    let since_launch_ms = super::launched_at().map(|at| {
        painted_at_ms
            - at.duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs_f64()
                * 1000.0
    });
    tracing::info!(
        painted_at_ms,
        after_navigation_ms,
        since_launch_ms,
        "first screen painted"
    );
    Ok(())
}

/// Saves how the app looks.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_appearance(
    state: State<'_, AppState>,
    appearance: Appearance,
) -> Result<(), CommandError> {
    files::write_appearance(&state.appearance_file, appearance)
}
