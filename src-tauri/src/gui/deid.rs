//! De-identification hints for the editor: the text being written, checked by core against
//! the patterns and the names to avoid in the unlocked vault's settings (which never cross
//! IPC for it).

use attune_core::share::deid::{self, Hint};
use tauri::State;

use super::commands::{with_vault, AppState};
use super::ipc::CommandError;

/// What in `text` could identify a family, sorted and never overlapping; offsets are UTF-16
/// code units into `text`, as the window slices.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn find_hints(state: State<'_, AppState>, text: String) -> Result<Vec<Hint>, CommandError> {
    with_vault(&state.vault, |vault| {
        Ok(deid::find_hints(&text, &vault.settings().names_to_avoid)?)
    })
}
