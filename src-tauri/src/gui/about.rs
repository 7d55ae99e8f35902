//! About Attune, for Settings: the version, where this window keeps the journal and writes
//! its logs (the real paths of the running app), and the licence.

use tauri::{AppHandle, Manager, Runtime, State};

use super::commands::AppState;
use super::ipc::{About, CommandError};

/// The licence of every crate of the workspace (`license` in the workspace's Cargo.toml).
const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// An SPDX licence expression in words, for people.
fn license_name(spdx: &str) -> &str {
    match spdx {
        "AGPL-3.0-or-later" => "GNU Affero General Public License, version 3 or later",
        other => other,
    }
}

/// The version, the journal's folder, the log folder and the licence.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn about<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<About, CommandError> {
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        vault_dir: state.dir.display().to_string(),
        // The folder logging was started in (`super::run`); without one, logging is off.
        log_dir: app
            .path()
            .app_log_dir()
            .ok()
            .map(|d| d.display().to_string()),
        license: LICENSE.to_owned(),
        license_name: license_name(LICENSE).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_is_named_in_words() {
        assert_eq!(LICENSE, "AGPL-3.0-or-later");
        assert_ne!(license_name(LICENSE), LICENSE, "say the licence in words");
    }
}
