//! Sync through the window's commands: a second computer opens the journal from the synced
//! folder (with clear refusals for a folder that is not one, a wrong passphrase, no name),
//! a reflection edited on both at once shows its kept version and either can be kept, and
//! the app syncs by itself (after an unlock, after a save, when the folder changes) and
//! tells the page, without keeping an unattended vault from locking.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use attune_core::{CreateOptions, KdfParams, ReflectionDraft, ReflectionKind, Vault};
use attune_desktop::gui::{SystemClock, Timing, SYNC_RAN};
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::{App, Listener};

use crate::{code, invoke, window, PASSPHRASE};

/// Automatic sync so slow that it never runs during a test.
const NEVER: Timing = Timing {
    tick: Duration::from_secs(3600),
    settle: Duration::from_secs(3600),
    folder_check: Duration::from_secs(3600),
};

/// Automatic sync that looks often.
const QUICK: Timing = Timing {
    tick: Duration::from_millis(50),
    settle: Duration::from_millis(200),
    folder_check: Duration::from_millis(300),
};

fn app_timed(dir: &Path, timing: Timing) -> App<MockRuntime> {
    attune_desktop::gui::with_commands_timed(
        mock_builder(),
        dir.to_path_buf(),
        dir.join("config"),
        Box::new(SystemClock),
        timing,
    )
    .build(attune_desktop::gui::context())
    .unwrap()
}

fn draft(title: &str, self_: &str) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        title: title.into(),
        family: "M.".into(),
        tags: Vec::new(),
        parent_infant: String::new(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: self_.into(),
        for_supervision: String::new(),
    }
}

/// The laptop: a journal with one reflection, mirrored into `folder`. Its reflection's id.
fn laptop(dir: &Path, folder: &Path) -> (Vault, String) {
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..Default::default()
    };
    let (mut v, _) = Vault::create(dir, PASSPHRASE, &options).unwrap();
    let id = v
        .journal_mut()
        .add(draft("Visit with M.", "I felt rushed."))
        .unwrap()
        .id;
    v.sync_enable(folder, "Agency laptop").unwrap();
    (v, id)
}

/// The laptop (see [`laptop`]) and the home computer's app, joined to the laptop's folder
/// as "Home computer", syncing only when told.
fn laptop_and_home(root: &Path) -> (Vault, String, App<MockRuntime>) {
    let folder = root.join("Sync");
    let (laptop, id) = laptop(&root.join("laptop"), &folder);
    let app = app_timed(&root.join("home"), NEVER);
    join(
        &window(&app, "main"),
        folder.to_str().unwrap(),
        PASSPHRASE,
        "Home computer",
    )
    .unwrap();
    (laptop, id, app)
}

fn join(
    main: &tauri::WebviewWindow<MockRuntime>,
    folder: &str,
    secret: &str,
    device: &str,
) -> Result<Value, Value> {
    invoke(
        main,
        "join_synced_folder",
        json!({"request": {"folder": folder, "secret": secret, "method": "passphrase", "device_name": device}}),
    )
}

fn titles(main: &tauri::WebviewWindow<MockRuntime>) -> Vec<String> {
    let page = invoke(
        main,
        "list_reflections",
        json!({"request": {"query": "", "filter": {}, "limit": 50}}),
    )
    .unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["title"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn a_second_computer_opens_the_journal_from_the_folder_and_is_told_clearly_what_is_wrong() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let (laptop, _) = laptop(&tmp.path().join("laptop"), &folder);
    laptop.lock().unwrap();
    let home = tmp.path().join("home");
    let app = app_timed(&home, NEVER);
    let main = window(&app, "main");
    let f = folder.to_str().unwrap();

    let refused = |r: Result<Value, Value>| r.expect_err("the join should have been refused");
    let e = refused(join(&main, "", PASSPHRASE, "Home"));
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid_input"), Some("folder"))
    );
    let e = refused(join(&main, "Sync", PASSPHRASE, "Home"));
    assert_eq!(e["field"], "folder", "a relative path: {e}");
    let e = refused(join(
        &main,
        tmp.path().to_str().unwrap(),
        PASSPHRASE,
        "Home",
    ));
    assert_eq!(e["field"], "folder");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("not an Attune synced folder"),
        "{e}"
    );
    let e = refused(join(&main, f, "not the passphrase at all", "Home"));
    assert_eq!(e["code"], "wrong_passphrase");
    let e = refused(join(&main, f, PASSPHRASE, "  "));
    assert_eq!(e["field"], "device-name");
    let e = refused(invoke(
        &main,
        "join_synced_folder",
        json!({"request": {"folder": f, "secret": "ABCD", "method": "recovery_key", "device_name": "Home"}}),
    ));
    assert_eq!(e["code"], "recovery_key_invalid");
    assert!(!Vault::exists(&home), "a refused join left a vault behind");

    let opened = join(&main, f, PASSPHRASE, "Home computer").unwrap();
    assert_eq!(opened["reflections"], 1);
    let status = invoke(&main, "vault_status", json!({})).unwrap();
    assert_eq!(
        (status["exists"].as_bool(), status["unlocked"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(titles(&main), ["Visit with M."]);
    let sync = invoke(&main, "sync_status", json!({})).unwrap();
    assert_eq!(sync["device_name"], "Home computer");
    assert_eq!(sync["devices"][0]["name"], "Agency laptop");

    // Only where no journal is yet.
    assert_eq!(code(join(&main, f, PASSPHRASE, "Again")), "vault_exists");
}

#[test]
fn a_reflection_edited_on_both_computers_shows_the_other_version_and_either_can_be_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut laptop, id, app) = laptop_and_home(tmp.path());
    let main = window(&app, "main");
    let (heard, ran) = mpsc::channel::<Value>();
    app.listen_any(SYNC_RAN, move |event| {
        let _ = heard.send(serde_json::from_str(event.payload()).unwrap());
    });

    // Home edits and mirrors; the laptop, not having merged that, edits the same reflection.
    let home_draft = serde_json::to_value(draft("Visit with M.", "Written at home.")).unwrap();
    invoke(
        &main,
        "save_reflection",
        json!({"request": {"id": id, "draft": home_draft}}),
    )
    .unwrap();
    invoke(&main, "sync_now", json!({})).unwrap();
    let first = ran.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(
        (first["automatic"].as_bool(), first["mirrored"].as_u64()),
        (Some(false), Some(1))
    );
    laptop
        .journal_mut()
        .update(&id, draft("Visit with M.", "Written on the laptop."))
        .unwrap();
    laptop.sync_now().unwrap();
    assert_eq!(
        invoke(&main, "reflections_with_revisions", json!({})).unwrap(),
        json!([])
    );

    invoke(&main, "sync_now", json!({})).unwrap();
    let second = ran.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(second["merged"].as_u64().unwrap() > 0, "{second}");
    assert_eq!(second["view"]["conflicts_kept"], 1);
    assert_eq!(
        invoke(&main, "reflections_with_revisions", json!({})).unwrap(),
        json!([id])
    );
    // The laptop's edit came later, so it wins; home's own edit is the version kept.
    let now = invoke(&main, "get_reflection", json!({"id": id})).unwrap();
    assert_eq!(now["self"], "Written on the laptop.");
    let kept = invoke(&main, "kept_revisions", json!({"id": id})).unwrap();
    assert_eq!(kept.as_array().unwrap().len(), 1, "{kept}");
    assert_eq!(kept[0]["device"], "Home computer");
    assert_eq!(kept[0]["reflection"]["self"], "Written at home.");
    assert!(kept[0]["at"].as_str().unwrap().starts_with("20"));

    let e = invoke(
        &main,
        "keep_version",
        json!({"revisionId": "nope", "keep": "other"}),
    );
    assert_eq!(code(e), "not_found");
    let now = invoke(
        &main,
        "keep_version",
        json!({"revisionId": kept[0]["id"], "keep": "other"}),
    )
    .unwrap();
    assert_eq!(now["self"], "Written at home.");
    assert_eq!(
        invoke(&main, "kept_revisions", json!({"id": id})).unwrap(),
        json!([])
    );
    assert_eq!(
        invoke(&main, "reflections_with_revisions", json!({})).unwrap(),
        json!([])
    );

    // Once synced, the laptop holds the kept version and no revision either.
    invoke(&main, "sync_now", json!({})).unwrap();
    laptop.sync_now().unwrap();
    assert_eq!(
        laptop.journal().get(&id).unwrap().content.self_,
        "Written at home."
    );
    assert!(laptop.revisions(&id).unwrap().is_empty());
}

/// The editor had the reflection open when sync brought the laptop's edit of it: its save
/// names the version it was written from, so the laptop's words are kept beside it.
#[test]
fn a_save_from_an_editor_opened_before_a_merge_keeps_the_merged_version() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut laptop, id, app) = laptop_and_home(tmp.path());
    let main = window(&app, "main");

    let opened = invoke(&main, "get_reflection", json!({"id": id})).unwrap();
    let version = opened["version"].as_str().unwrap().to_owned();
    laptop
        .journal_mut()
        .update(&id, draft("Visit with M.", "Written on the laptop."))
        .unwrap();
    laptop.sync_now().unwrap();
    invoke(&main, "sync_now", json!({})).unwrap();
    let merged = invoke(&main, "get_reflection", json!({"id": id})).unwrap();
    assert_eq!(merged["self"], "Written on the laptop.");
    assert_ne!(merged["version"], opened["version"]);

    let typed = serde_json::to_value(draft("Visit with M.", "Typed at home meanwhile.")).unwrap();
    let saved = invoke(
        &main,
        "save_reflection",
        json!({"request": {"id": id, "draft": typed, "started_from": version}}),
    )
    .unwrap();
    assert_eq!(saved["self"], "Typed at home meanwhile.");
    assert!(saved["version"].is_string(), "{saved}");
    let kept = invoke(&main, "kept_revisions", json!({"id": id})).unwrap();
    assert_eq!(kept.as_array().unwrap().len(), 1, "{kept}");
    assert_eq!(kept[0]["reflection"]["self"], "Written on the laptop.");

    // A version that is not one is refused, with the field named.
    let e = invoke(
        &main,
        "save_reflection",
        json!({"request": {"id": id, "draft": typed, "started_from": "nope"}}),
    )
    .unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid_input"), Some("version"))
    );
}

/// Waits for a `sync-ran` event that `pred` accepts.
fn until_ran(ran: &mpsc::Receiver<Value>, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match ran.recv_timeout(left) {
            Ok(event) if pred(&event) => return event,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no automatic sync {what}");
}

#[test]
fn the_app_syncs_by_itself_after_a_save_and_when_the_folder_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Sync");
    let (mut laptop, _) = laptop(&tmp.path().join("laptop"), &folder);
    let app = app_timed(&tmp.path().join("home"), QUICK);
    let main = window(&app, "main");
    let (heard, ran) = mpsc::channel::<Value>();
    app.listen_any(SYNC_RAN, move |event| {
        let _ = heard.send(serde_json::from_str(event.payload()).unwrap());
    });
    join(&main, folder.to_str().unwrap(), PASSPHRASE, "Home computer").unwrap();
    // Right after the unlock (here: the join).
    until_ran(&ran, "after the unlock", |e| e["automatic"] == true);

    // A save is mirrored by itself, and the laptop takes it in.
    let saved = serde_json::to_value(draft("Written at home", "x")).unwrap();
    invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": saved}}),
    )
    .unwrap();
    until_ran(&ran, "after a save", |e| {
        e["automatic"] == true && e["mirrored"] == 1
    });
    laptop.sync_now().unwrap();
    assert_eq!(laptop.journal().len(), 2);

    // The laptop writes; the app notices the folder changed and merges.
    laptop
        .journal_mut()
        .add(draft("Written on the laptop later", "y"))
        .unwrap();
    laptop.sync_now().unwrap();
    let merged = until_ran(&ran, "when the folder changed", |e| {
        e["automatic"] == true && e["merged"].as_u64() > Some(0)
    });
    assert!(merged["failure"].is_null());
    assert!(titles(&main).contains(&"Written on the laptop later".to_owned()));

    // A folder that goes away is a failure told to the page, tried again later, not a crash.
    laptop.lock().unwrap();
    // Nor is the folder made again where no sync tool carries it (a drive not connected).
    std::fs::rename(&folder, tmp.path().join("Sync (moved)")).unwrap();
    let saved = serde_json::to_value(draft("While the drive was away", "z")).unwrap();
    invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": saved}}),
    )
    .unwrap();
    let failed = until_ran(&ran, "failing", |e| !e["failure"].is_null());
    assert!(failed["view"].is_null());
    assert_eq!(failed["failure"]["field"], "folder", "{failed}");
    assert!(!folder.exists(), "the vanished folder was made again");
    std::fs::rename(tmp.path().join("Sync (moved)"), &folder).unwrap();
    until_ran(&ran, "working again", |e| {
        e["automatic"] == true && e["failure"].is_null() && e["mirrored"] == 1
    });
}

#[test]
fn the_folder_chooser_and_the_join_are_allowed_before_any_vault_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app_timed(tmp.path(), NEVER);
    let main = window(&app, "main");
    // Reaches the command (not refused by the access list): the folder is checked first.
    let e = join(&main, "", PASSPHRASE, "Home").unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    // The revisions of a locked vault: locked, as every vault command.
    assert_eq!(
        code(invoke(&main, "kept_revisions", json!({"id": "x"}))),
        "locked"
    );
    assert_eq!(
        code(invoke(&main, "reflections_with_revisions", json!({}))),
        "locked"
    );
}
