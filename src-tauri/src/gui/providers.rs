//! The providers commands: the address book of supervisors and consultants, with the
//! credentials each has held and since when. A few lines each over `attune-core`.

use std::sync::Arc;

use attune_core::hours::{Provider, ProviderDraft};
use attune_core::views::{self, ProvidersView};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use super::commands::{in_background, with_vault, AppState};
use super::ipc::CommandError;

/// Save a provider (`save_provider`): a new one without `id`, else replace that one.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveProviderRequest {
    /// The provider to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Their name and credentials.
    pub draft: ProviderDraft,
}

/// Every provider with their credentials, and the credential names to choose from.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn list_providers(state: State<'_, AppState>) -> Result<ProvidersView, CommandError> {
    with_vault(&state.vault, |vault| Ok(views::providers_view(vault)?))
}

/// Saves a provider (a new one, or a new version of one); returns it as saved.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_provider(
    state: State<'_, AppState>,
    request: SaveProviderRequest,
) -> Result<Provider, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            Ok(match &request.id {
                Some(id) => vault.hours_mut().update_provider(id, request.draft)?,
                None => vault.hours_mut().add_provider(request.draft)?,
            })
        })
    })
    .await
}

/// Deletes a provider from the address book; their sessions stay as logged.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_provider(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.hours_mut().delete_provider(&id)?)))
        .await
}
