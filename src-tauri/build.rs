//! Tauri's build step: embeds the configuration, the icons and the access-control list.
//! The app manifest lists exactly the app's commands, so each gets an `allow-<command>`
//! permission that `capabilities/main.json` grants one by one.

/// Must match the commands registered in `src/gui/mod.rs` (`tauri::generate_handler!`).
const COMMANDS: &[&str] = &[
    "vault_status",
    "create_vault",
    "unlock_vault",
    "lock_vault",
    "list_reflections",
    "get_reflection",
    "save_reflection",
    "delete_reflection",
    "journal_facets",
    "get_settings",
    "save_settings",
    "change_passphrase",
    "new_recovery_key",
    "save_recovery_key",
    "get_appearance",
    "set_appearance",
    "first_screen_painted",
    "find_hints",
    "list_sessions",
    "save_session",
    "delete_session",
    "list_training",
    "save_training",
    "delete_training",
    "list_rule_sets",
    "hours_progress",
    "export_hours",
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
    "send_comments",
    "sign_attestation",
    "check_attestation",
];

fn main() {
    link_speech_voice_first();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // A build script reports failure by panicking; say why first.
        panic!("tauri build step failed: {e:#}");
    }
}

/// Links the app with WebKitGTK's largest speech voice first, when WebKitGTK itself needs it
/// (Debian's and Ubuntu's do). The voice then comes near the front of the libraries the
/// dynamic linker searches, which saves each start about 17 ms of symbol lookups (see
/// `HELPERS_PRELOAD` in `src/gui/startup.rs`, which does the same for WebKit's helper
/// processes). Where WebKitGTK does not use the voice, or this cannot be told, nothing changes.
fn link_speech_voice_first() {
    const VOICE: &str = "libflite_cmu_time_awb.so.1";
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let output = |program: &str, args: &[&str]| -> Option<String> {
        let out = std::process::Command::new(program)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(libdir) = output("pkg-config", &["--variable=libdir", "webkit2gtk-4.1"]) else {
        return;
    };
    let webkit = std::path::Path::new(libdir.trim()).join("libwebkit2gtk-4.1.so");
    let Some(dynamic) = output("readelf", &["--dynamic", &webkit.to_string_lossy()]) else {
        return;
    };
    if dynamic.contains(&format!("Shared library: [{VOICE}]")) {
        // As a library of the app's own, even though the app calls nothing in it.
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--push-state,--no-as-needed,-l:{VOICE},--pop-state"
        );
    }
}
