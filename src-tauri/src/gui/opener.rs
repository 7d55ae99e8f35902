//! Opening what the app itself made, with the system's own programs (the opener plugin's
//! Rust side; the window is granted none of its commands): a file this running app saved
//! ("Open", "Show in folder"), and the public page a rule set cites.
//!
//! The window names what to open, and it could be made to name anything: a path Attune never
//! wrote (a program, a file of someone else's), a URL to anywhere. So it can name only what
//! the app keeps here itself: the files it wrote since it started, by the exact text it
//! returned for each, and rule sets, by id; anything else is refused.

use attune_core::hours::rule_set;
use attune_core::ErrorCode;
use tauri::State;

use super::commands::{in_background, AppState};
use super::ipc::CommandError;

fn could_not(what: &str, e: &tauri_plugin_opener::Error) -> CommandError {
    CommandError::new(ErrorCode::Storage, format!("could not {what}: {e}"))
}

/// Opens a file this app saved (`path` as the save command returned it) in the program the
/// system uses for its kind.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_saved_file(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    let file = state.written.written(&path)?;
    in_background(move || {
        tauri_plugin_opener::open_path(&file, None::<&str>)
            .map_err(|e| could_not("open the file", &e))
    })
    .await
}

/// Shows a file this app saved in the system's file manager, selected where the file
/// manager can do that, else by opening its folder.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn show_saved_file(state: State<'_, AppState>, path: String) -> Result<(), CommandError> {
    let file = state.written.written(&path)?;
    in_background(move || {
        // Selecting the file goes through the desktop's file manager service (D-Bus on
        // Linux); without one, the folder alone is still what the person asked to see.
        tauri_plugin_opener::reveal_item_in_dir(&file).or_else(|e| {
            tracing::info!(error = %e, "no file manager to select the file in; opening its folder");
            let folder = file.parent().filter(|d| !d.as_os_str().is_empty());
            let folder = folder.ok_or_else(|| could_not("show the folder", &e))?;
            tauri_plugin_opener::open_path(folder, None::<&str>)
                .map_err(|e| could_not("show the folder", &e))
        })
    })
    .await
}

/// Opens the public page a rule set cites as its source in the system's browser. Only the
/// address in the rule sets built into the app: the window names a rule set, never a URL.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_rule_source(rule_set_id: String) -> Result<(), CommandError> {
    let url = source_url(&rule_set_id)?;
    in_background(move || {
        tauri_plugin_opener::open_url(&url, None::<&str>)
            .map_err(|e| could_not("open the page", &e))
    })
    .await
}

/// The https address a rule set cites (checked when the rule sets are read, and again here).
fn source_url(rule_set_id: &str) -> Result<String, CommandError> {
    let url = &rule_set(rule_set_id)?.source;
    let plain =
        url.starts_with("https://") && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !plain {
        return Err(CommandError::invalid(
            "rule_set_id",
            format!("the source of {rule_set_id} is not a web address Attune opens"),
        ));
    }
    Ok(url.clone())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_set_source_is_its_https_page_and_nothing_else() {
        for set in attune_core::hours::rule_sets().unwrap() {
            assert_eq!(source_url(&set.id).unwrap(), set.source);
        }
        let unknown = source_url("https://example.org").unwrap_err();
        assert_eq!(unknown.code, ErrorCode::InvalidInput);
    }
}
