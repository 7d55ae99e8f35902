//! About Attune, for Settings: the version, where this window keeps the journal and writes
//! its logs (the real paths of the running app), the licence, and that Attune is independent
//! of the associations whose Endorsement® requirements it tracks.

use tauri::{AppHandle, Manager, Runtime, State};

use super::commands::AppState;
use super::ipc::{About, CommandError};

/// The licence of every crate of the workspace (`license` in the workspace's Cargo.toml).
const LICENSE: &str = env!("CARGO_PKG_LICENSE");

/// Said wherever Attune introduces itself (About, the README): it names the associations'
/// marks as they use them, and is neither theirs nor endorsed by them.
const INDEPENDENCE: &str = "Attune is independent software: it is not affiliated with, \
    sponsored or endorsed by the Alliance for the Advancement of Infant Mental Health or the \
    Michigan Association for Infant Mental Health (MI-AIMH). Endorsement®, IMH-E® and ECMH-E® \
    are the associations' registered marks; Attune names them only to say which requirements \
    it helps you keep track of.";

/// An SPDX licence expression in words, for people.
fn license_name(spdx: &str) -> &str {
    match spdx {
        "AGPL-3.0-or-later" => "GNU Affero General Public License, version 3 or later",
        other => other,
    }
}

/// The version, the journal's folder, the log folder, the licence and the independence.
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
        independence: INDEPENDENCE.to_owned(),
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

    #[test]
    fn about_and_the_readme_say_attune_is_independent_of_the_associations() {
        let readme = include_str!("../../../README.md")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let about = INDEPENDENCE
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            readme.contains(&about),
            "the README says what About says:\n{about}"
        );
        for name in [
            "Alliance for the Advancement of Infant Mental Health",
            "MI-AIMH",
            "not affiliated",
            "Endorsement®",
            "IMH-E®",
            "ECMH-E®",
        ] {
            assert!(about.contains(name), "{name}");
        }
    }
}
