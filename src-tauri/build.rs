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
    "retire_older_backups",
    "opened_file",
    "dismiss_opened_file",
    "choose_backup_folder",
    "restore_from_backup",
    "export_journal",
    "preview_import",
    "confirm_import",
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
    "set_provider_spellings",
    "sync_status",
    "enable_sync",
    "sync_now",
    "choose_sync_folder",
    "join_synced_folder",
    "reflections_with_revisions",
    "kept_revisions",
    "keep_version",
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
    "supervisees",
    "supervisee_page",
    "search_supervisee",
    "mark_shared",
    "add_supervisee_note",
    "delete_supervisee_note",
    "prepare_supervision",
    "edit_comment",
    "delete_comment",
    "sign_sessions",
    "save_issued_attestation",
];

fn main() {
    pack_relative_relocations();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; say why first.
        panic!("tauri build step failed: {e:#}");
    }
}

/// Links the binary with its relative relocations packed (`-z pack-relative-relocs`, DT_RELR):
/// the addresses a position-independent binary fixes up at start, 1.3 MB as a table of
/// 24-byte entries, become a bitmap of 22 KB. Address-space layout randomisation is
/// unchanged. Needs the GNU C library 2.36 or newer at run time (Debian 12, Ubuntu 24.04,
/// Fedora 37), which scripts/package.sh adds to the packages' dependencies.
fn pack_relative_relocations() {
    let var = |name| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
