//! The desktop shell: one window showing the web UI from `ui/dist`, and the few commands it may
//! call. Every command is a few lines over `attune-core`; the UI reaches them only through
//! `ui/src/lib/api.ts`, with types generated from [`ipc`] into `ui/src/lib/bindings.ts`.

pub mod bindings;
mod commands;
mod files;
mod hours;
pub mod ipc;
mod logging;
mod share;

use std::path::PathBuf;
use std::process::ExitCode;

use tauri::{Manager, Runtime};

pub use commands::AppState;

/// The Tauri context: configuration, embedded UI assets, icons and the access-control list
/// (`tauri.conf.json`, `capabilities/`), all fixed at compile time.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Adds the app's state and commands to a builder. Shared by [`run`] and the command tests,
/// which use Tauri's mock runtime. `config_dir` holds the appearance settings.
pub fn with_commands<R: Runtime>(
    builder: tauri::Builder<R>,
    vault_dir: PathBuf,
    config_dir: PathBuf,
) -> tauri::Builder<R> {
    builder
        // Its Rust side only: the save dialog is opened by our own commands, and the window
        // is granted none of the plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(vault_dir, config_dir))
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::create_vault,
            commands::unlock_vault,
            commands::lock_vault,
            commands::list_reflections,
            commands::get_reflection,
            commands::save_reflection,
            commands::delete_reflection,
            commands::journal_facets,
            commands::get_settings,
            commands::save_settings,
            commands::change_passphrase,
            commands::new_recovery_key,
            commands::save_recovery_key,
            commands::get_appearance,
            commands::set_appearance,
            hours::list_sessions,
            hours::save_session,
            hours::delete_session,
            hours::list_training,
            hours::save_training,
            hours::delete_training,
            hours::list_rule_sets,
            hours::hours_progress,
            hours::export_hours,
            share::my_identity,
            share::set_my_name,
            share::save_my_card,
            share::list_contacts,
            share::add_contact,
            share::add_contact_file,
            share::verify_contact,
            share::preview_share,
            share::save_share,
            share::receive_file,
            share::shared_with_me,
            share::add_comment,
            share::reflection_comments,
            share::send_comments,
            share::sign_attestation,
            share::check_attestation,
        ])
}

/// Where the appearance settings live: the OS config directory (as Tauri's `app_config_dir`),
/// else beside the vault.
fn config_dir(vault_dir: &std::path::Path) -> PathBuf {
    dirs::config_dir()
        .map(|d| d.join("org.attune.app"))
        .unwrap_or_else(|| vault_dir.to_path_buf())
}

/// Opens the desktop window on the vault in `vault_dir` and runs until it is closed.
pub fn run(vault_dir: PathBuf) -> ExitCode {
    let config = config_dir(&vault_dir);
    let result = with_commands(tauri::Builder::default(), vault_dir, config)
        .setup(|app| {
            // Logging is a help, not a requirement: without a log directory the app still runs.
            match app.path().app_log_dir() {
                Ok(dir) => logging::init(&dir),
                Err(e) => eprintln!("warning: no log directory ({e}); logging is off"),
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "app started");
            Ok(())
        })
        .run(context());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            ExitCode::FAILURE
        }
    }
}
