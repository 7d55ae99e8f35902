//! The portfolio commands: the checklist of an Endorsement® application's other parts, and
//! the items the user records for it. A few lines each over `attune-core`'s portfolio API.

use std::sync::Arc;

use attune_core::portfolio::{checklist, Checklist, PortfolioItem, PortfolioItemDraft};
use serde::Deserialize;
use tauri::State;
use ts_rs::TS;

use super::commands::{in_background, with_vault, AppState};
use super::ipc::CommandError;

/// Save a portfolio item (`save_portfolio_item`): a new one without `id`, else replace it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SavePortfolioItemRequest {
    /// The item to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its content.
    pub draft: PortfolioItemDraft,
}

/// The checklist for `category` (a rule-set id), or for the category chosen in the
/// settings when none is given, over the user's items.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn portfolio_checklist(
    state: State<'_, AppState>,
    category: Option<String>,
) -> Result<Checklist, CommandError> {
    with_vault(&state.vault, |vault| {
        let category = category.or_else(|| vault.settings().rule_set.clone());
        Ok(checklist(category.as_deref(), vault.portfolio().items())?)
    })
}

/// Saves a portfolio item (a new one, or a new version of one); returns it as stored.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_portfolio_item(
    state: State<'_, AppState>,
    request: SavePortfolioItemRequest,
) -> Result<PortfolioItem, CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || {
        with_vault(&slot, |vault| {
            Ok(match &request.id {
                Some(id) => vault.portfolio_mut().update(id, request.draft)?,
                None => vault.portfolio_mut().add(request.draft)?,
            })
        })
    })
    .await
}

/// Deletes a portfolio item and its key.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn delete_portfolio_item(
    state: State<'_, AppState>,
    id: String,
) -> Result<(), CommandError> {
    let slot = Arc::clone(&state.vault);
    in_background(move || with_vault(&slot, |vault| Ok(vault.portfolio_mut().delete(&id)?))).await
}
