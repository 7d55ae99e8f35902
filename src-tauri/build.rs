//! Tauri's build step: embeds the configuration, the icons and the access-control list.
//! The app manifest lists exactly the app's commands, so each gets an `allow-<command>`
//! permission that `capabilities/main.json` grants one by one.

/// Must match the commands registered in `src/gui/mod.rs` (`tauri::generate_handler!`).
const COMMANDS: &[&str] = &[
    "vault_status",
    "create_vault",
    "unlock_vault",
    "lock_vault",
    "note_activity",
    "list_reflections",
    "get_reflection",
    "save_reflection",
    "delete_reflection",
    "journal_facets",
    "get_settings",
    "save_settings",
    "change_passphrase",
    "reset_passphrase",
    "new_recovery_key",
    "save_recovery_key",
    "key_dates",
    "get_appearance",
    "set_appearance",
    "first_screen_painted",
    "about",
    "find_hints",
    "list_sessions",
    "check_session",
    "save_session",
    "delete_session",
    "list_training",
    "save_training",
    "delete_training",
    "list_rule_sets",
    "hours_progress",
    "list_associations",
    "hours_renewal",
    "export_hours",
    "backup_status",
    "back_up_now",
    "choose_backup_folder",
    "restore_from_backup",
    "portfolio_checklist",
    "save_portfolio_item",
    "delete_portfolio_item",
    "list_provided",
    "save_provided",
    "delete_provided",
    "list_providers",
    "save_provider",
    "delete_provider",
    "open_saved_file",
    "show_saved_file",
    "open_rule_source",
    "my_identity",
    "set_my_name",
    "save_my_card",
    "list_contacts",
    "add_contact",
    "add_contact_file",
    "verify_contact",
    "preview_share",
    "save_share",
    "receive_file",
    "shared_with_me",
    "add_comment",
    "reflection_comments",
    "comments_back",
    "mark_comments_read",
    "send_comments",
    "sign_attestation",
    "check_attestation",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; say why first.
        panic!("tauri build step failed: {e:#}");
    }
}
