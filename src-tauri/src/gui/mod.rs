//! The desktop shell: one window showing the web UI from `ui/dist`, and the few commands it may
//! call. Every command is a few lines over `attune-core`; the UI reaches them only through
//! `ui/src/lib/api.ts`, with types generated from [`ipc`] into `ui/src/lib/bindings.ts`.

mod about;
mod autosync;
mod backups;
pub mod bindings;
mod commands;
mod deid;
mod desk;
mod dialogs;
mod exit;
mod files;
mod hours;
pub mod ipc;
mod journal_files;
mod keys;
mod logging;
pub mod opened;
mod opener;
mod portfolio;
mod provided;
mod providers;
mod share;
pub mod slot;
mod startup;
mod sync;
mod written;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::SystemTime;

use tauri::{Manager, Runtime};

pub use autosync::Timing;
pub use commands::AppState;
pub use slot::{Clock, SystemClock};
pub use sync::SYNC_RAN;

/// Attune's desktop window (`attune` with no command starts it). The vault is `--vault DIR`,
/// else `$ATTUNE_VAULT`, else the OS data directory: the same rule as the command line's.
#[derive(Debug, clap::Parser)]
#[command(name = "attune-desktop", version, about, long_about = None)]
pub struct Args {
    /// The vault directory [default: the OS data directory, e.g. ~/.local/share/attune]
    #[arg(long, env = "ATTUNE_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// A file to open after unlocking: a share (.attune-share), an attestation
    /// (.attune-attest), a contact card (.attune-card) or a backup (.attune-backup)
    pub file: Option<PathBuf>,
}

impl Args {
    /// The vault directory these arguments name, or the default one.
    pub fn vault_dir(&self) -> attune_core::Result<PathBuf> {
        match &self.vault {
            Some(dir) => Ok(dir.clone()),
            None => attune_core::vault::default_dir(),
        }
    }
}

/// The Tauri context: configuration, embedded UI assets, icons and the access-control list
/// (`tauri.conf.json`, `capabilities/`), all fixed at compile time.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Adds the app's state, commands and idle lock to a builder. Shared by [`run`] and the
/// command tests, which use Tauri's mock runtime. `config_dir` holds the appearance settings.
pub fn with_commands<R: Runtime>(
    builder: tauri::Builder<R>,
    vault_dir: PathBuf,
    config_dir: PathBuf,
) -> tauri::Builder<R> {
    with_commands_and_clock(builder, vault_dir, config_dir, Box::new(SystemClock))
}

/// [`with_commands`], with the idle lock reading the time from `clock` (tests wind it).
pub fn with_commands_and_clock<R: Runtime>(
    builder: tauri::Builder<R>,
    vault_dir: PathBuf,
    config_dir: PathBuf,
    clock: Box<dyn Clock>,
) -> tauri::Builder<R> {
    with_commands_timed(builder, vault_dir, config_dir, clock, Timing::default())
}

/// [`with_commands_and_clock`], with automatic sync looking as often as `timing` says
/// (tests make it quick, or slow enough never to run).
pub fn with_commands_timed<R: Runtime>(
    builder: tauri::Builder<R>,
    vault_dir: PathBuf,
    config_dir: PathBuf,
    clock: Box<dyn Clock>,
    timing: Timing,
) -> tauri::Builder<R> {
    let state = AppState::new(vault_dir, config_dir, clock);
    builder
        // Its Rust side only: the save dialog is opened by our own commands, and the window
        // is granted none of the plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(slot::idle_lock(std::sync::Arc::clone(&state.vault)))
        .plugin(autosync::auto_sync(
            std::sync::Arc::clone(&state.vault),
            timing,
        ))
        .manage(state)
        // A file handed to the app (a share, an attestation, a card, a backup) not yet opened.
        .manage(opened::OpenedFiles::default())
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::create_vault,
            commands::unlock_vault,
            commands::lock_vault,
            commands::note_activity,
            commands::list_reflections,
            commands::get_reflection,
            commands::save_reflection,
            commands::delete_reflection,
            commands::journal_facets,
            commands::get_settings,
            commands::save_settings,
            keys::change_passphrase,
            keys::reset_passphrase,
            keys::new_recovery_key,
            keys::save_recovery_key,
            keys::key_dates,
            commands::get_appearance,
            commands::set_appearance,
            commands::first_screen_painted,
            about::about,
            deid::find_hints,
            hours::list_sessions,
            hours::check_session,
            hours::save_session,
            hours::delete_session,
            hours::list_training,
            hours::save_training,
            hours::delete_training,
            hours::list_rule_sets,
            hours::hours_progress,
            hours::list_associations,
            hours::hours_renewal,
            hours::export_hours,
            backups::backup_status,
            backups::back_up_now,
            backups::retire_older_backups,
            opened::opened_file,
            opened::dismiss_opened_file,
            backups::choose_backup_folder,
            sync::sync_status,
            sync::enable_sync,
            sync::sync_now,
            sync::choose_sync_folder,
            sync::join_synced_folder,
            sync::reflections_with_revisions,
            sync::kept_revisions,
            sync::keep_version,
            backups::restore_from_backup,
            journal_files::export_journal,
            journal_files::preview_import,
            journal_files::confirm_import,
            portfolio::portfolio_checklist,
            portfolio::save_portfolio_item,
            portfolio::delete_portfolio_item,
            provided::list_provided,
            provided::save_provided,
            provided::delete_provided,
            providers::list_providers,
            providers::save_provider,
            providers::delete_provider,
            opener::open_saved_file,
            opener::show_saved_file,
            opener::open_rule_source,
            share::my_identity,
            share::set_my_name,
            share::set_provider_spellings,
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
            share::comments_back,
            share::mark_comments_read,
            share::send_comments,
            share::sign_attestation,
            share::check_attestation,
            desk::supervisees,
            desk::supervisee_page,
            desk::search_supervisee,
            desk::mark_shared,
            desk::add_supervisee_note,
            desk::delete_supervisee_note,
            desk::prepare_supervision,
            desk::edit_comment,
            desk::delete_comment,
            desk::sign_sessions,
            desk::save_issued_attestation,
        ])
}

/// Where the appearance settings live: the OS config directory (as Tauri's `app_config_dir`),
/// else beside the vault.
fn config_dir(vault_dir: &std::path::Path) -> PathBuf {
    dirs::config_dir()
        .map(|d| d.join("org.attune.app"))
        .unwrap_or_else(|| vault_dir.to_path_buf())
}

/// When this process started, as near as it can tell: its start time from the kernel where
/// there is one (which counts the loading of the libraries before `main`), else when the
/// window was asked for. For the log line that says how long the start took.
static LAUNCHED_AT: OnceLock<SystemTime> = OnceLock::new();

fn launched_at() -> Option<SystemTime> {
    LAUNCHED_AT.get().copied()
}

/// Opens the desktop window on the vault in `vault_dir` and runs until it is closed. The
/// vault is locked on the way out: the window closing, the app exiting, or a signal
/// (SIGTERM, SIGINT, SIGHUP); see [`exit`].
pub fn run(vault_dir: PathBuf, file: Option<PathBuf>) -> ExitCode {
    attune_core::files::keep_new_files_private();
    let _ = LAUNCHED_AT.set(startup::process_start().unwrap_or_else(SystemTime::now));
    startup::without_compositing();
    let config = config_dir(&vault_dir);
    // First: a second launch on the same vault hands its file to this one and exits before
    // anything else starts (without a D-Bus session, every launch runs on its own, and the
    // vault's lock still keeps a second one out of an open vault).
    let one_instance = tauri_plugin_single_instance::Builder::new()
        .dbus_id(opened::instance_id(&vault_dir))
        .callback(opened::from_second_launch)
        .build();
    let builder = tauri::Builder::default().plugin(one_instance).plugin(
        // Where the window was and how big, never what it showed.
        tauri_plugin_window_state::Builder::new()
            .with_state_flags(
                tauri_plugin_window_state::StateFlags::SIZE
                    | tauri_plugin_window_state::StateFlags::POSITION
                    | tauri_plugin_window_state::StateFlags::MAXIMIZED,
            )
            .build(),
    );
    let app = with_commands(builder, vault_dir, config)
        .setup(move |app| {
            if let Some(file) = file {
                let file = std::path::absolute(&file).unwrap_or(file);
                if app.state::<opened::OpenedFiles>().hold(file).is_none() {
                    tracing::warn!("the file given is not one Attune opens; ignored");
                }
            }
            // Logging is a help, not a requirement: without a log directory the app still runs.
            match app.path().app_log_dir() {
                Ok(dir) => logging::init(&dir),
                Err(e) => eprintln!("warning: no log directory ({e}); logging is off"),
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "app started");
            exit::on_signals(app.handle())?;
            open_main_window(app)?;
            Ok(())
        })
        .build(context());
    match app {
        Ok(app) => {
            app.run(|app, event| exit::on_run_event(app, &event));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the window could not be opened: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the main window (configured in `tauri.conf.json`, where it is not created by
/// itself) with what its first screen needs already in the page: `window.__ATTUNE_START__`,
/// set before any of the page's scripts run, so that the first screen is drawn at once
/// instead of after two commands' round trips.
fn open_main_window(app: &mut tauri::App) -> tauri::Result<()> {
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
    else {
        return Err(tauri::Error::WindowNotFound);
    };
    let start = app.state::<AppState>().start_data();
    // JSON is valid JavaScript. The property is read-only; nothing in it is a secret (the
    // commands give the same to the page).
    let json = serde_json::to_string(&start)?;
    let script = format!(
        "Object.defineProperty(window, '__ATTUNE_START__', {{ value: Object.freeze({json}) }});"
    );
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .initialization_script(script)
        .build()?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn the_vault_is_the_one_given_else_the_same_default_as_the_command_line() {
        let given = Args::try_parse_from(["attune-desktop", "--vault", "/some/vault"]).unwrap();
        assert_eq!(given.vault_dir().unwrap(), PathBuf::from("/some/vault"));
        let none = Args {
            vault: None,
            file: None,
        };
        assert_eq!(
            none.vault_dir().unwrap(),
            attune_core::vault::default_dir().unwrap()
        );
        assert!(Args::try_parse_from(["attune-desktop", "entry", "list"]).is_err());
        let file = Args::try_parse_from(["attune-desktop", "from Sam.attune-share"]).unwrap();
        assert_eq!(file.file, Some(PathBuf::from("from Sam.attune-share")));
    }
}
