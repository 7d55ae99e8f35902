//! The commands of the RSC the user provides: the log of a period (beside the RSC received),
//! saving and deleting a session. A few lines each over `attune-core`.

use std::sync::Arc;

use attune_core::hours::Period;
use attune_core::provided::{ProvidedDraft, ProvidedSession};
use attune_core::views::{self, ProvidedLog};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use super::commands::{in_background, with_vault, AppState};
use super::ipc::CommandError;

/// Save a session of RSC provided (`save_provided`): a new one without `id`, else replace it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveProvidedRequest {
    /// The session to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its content.
    pub draft: ProvidedDraft,
}

/// The RSC provided in `period`, newest first, with totals and the RSC received beside.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_provided(
    state: State<'_, AppState>,
    period: Period,
) -> Result<ProvidedLog, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::provided_log(vault, period)))
}

/// Saves a session of RSC provided (a new one, or a new version of one).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_provided(
    state: State<'_, AppState>,
    request: SaveProvidedRequest,
) -> Result<ProvidedSession, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            Ok(match &request.id {
                Some(id) => vault.provided_mut().update(id, request.draft)?,
                None => vault.provided_mut().add(request.draft)?,
            })
        })
    })
    .await
}

/// Deletes a session of RSC provided and its key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_provided(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.provided_mut().delete(&id)?))).await
}
