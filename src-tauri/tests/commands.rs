//! The app's commands through Tauri's real IPC path (argument decoding, the access-control
//! list from `capabilities/main.json`, JSON results and errors), on the mock runtime: no
//! display needed, milliseconds per call apart from key derivation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

const PASSPHRASE: &str = "quiet kettle, blue door";

fn app(dir: &Path) -> App<MockRuntime> {
    attune_desktop::gui::with_commands(mock_builder(), dir.to_path_buf(), dir.join("config"))
        .build(attune_desktop::gui::context())
        .unwrap()
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    match app.get_webview_window(label) {
        Some(w) => w,
        None => WebviewWindowBuilder::new(app, label, Default::default())
            .build()
            .unwrap(),
    }
}

/// Invokes `cmd` as the UI does, returning the command's JSON result or error.
fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn code(result: Result<Value, Value>) -> String {
    let error = result.expect_err("the command should have failed");
    error["code"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_vault_is_created_locked_and_unlocked_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let app = app(&dir);
    let main = window(&app, "main");

    let status = invoke(&main, "vault_status", json!({})).unwrap();
    assert_eq!(
        status,
        json!({"exists": false, "unlocked": false, "path": dir.display().to_string()})
    );

    // Too short a passphrase is refused with its own code, and nothing is created.
    let refused = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": "short"}}),
    );
    assert_eq!(code(refused), "passphrase_rejected");
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["exists"],
        false
    );

    let created = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE, "name": "Robin"}}),
    )
    .unwrap();
    let recovery_key = created["recovery_key"].as_str().unwrap().to_owned();
    let groups: Vec<&str> = recovery_key.split('-').collect();
    assert_eq!(groups.len(), 14);
    assert!(groups.iter().all(|g| g.len() == 4));
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap(),
        json!({"exists": true, "unlocked": true, "path": dir.display().to_string()})
    );

    let again = invoke(
        &main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE}}),
    );
    assert_eq!(code(again), "vault_exists");

    assert_eq!(invoke(&main, "lock_vault", json!({})).unwrap(), Value::Null);
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        false
    );
    // Locking a locked vault is fine.
    assert_eq!(invoke(&main, "lock_vault", json!({})).unwrap(), Value::Null);

    let wrong = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": "not the passphrase", "method": "passphrase"}}),
    );
    let error = wrong.unwrap_err();
    assert_eq!(error["code"], "wrong_passphrase");
    assert!(error["message"].as_str().unwrap().contains("passphrase"));
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        false
    );

    let opened = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    assert_eq!(opened, json!({"reflections": 0, "damaged": 0}));
    invoke(&main, "lock_vault", json!({})).unwrap();

    let typo = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": "ABCD-EFGH", "method": "recovery_key"}}),
    );
    assert_eq!(code(typo), "recovery_key_invalid");

    let by_key = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": recovery_key.to_lowercase(), "method": "recovery_key"}}),
    )
    .unwrap();
    assert_eq!(by_key, json!({"reflections": 0, "damaged": 0}));
    assert_eq!(
        invoke(&main, "vault_status", json!({})).unwrap()["unlocked"],
        true
    );

    // While the window has it open, nobody else may open it (the CLI, say) ...
    let elsewhere = attune_core::Vault::unlock(&dir, attune_core::Unlock::Passphrase(PASSPHRASE));
    assert!(matches!(elsewhere, Err(attune_core::Error::VaultInUse(_))));
    // ... but the window itself may unlock again: the open vault is replaced.
    let again = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "passphrase"}}),
    )
    .unwrap();
    assert_eq!(again, json!({"reflections": 0, "damaged": 0}));
}

#[test]
fn only_the_main_window_may_call_the_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let other = window(&app, "other");
    let refused = invoke(&other, "vault_status", json!({}));
    let error = refused.expect_err("a window outside the capability called a command");
    assert!(error.to_string().contains("not allowed"), "{error}");
    let main = window(&app, "main");
    assert!(invoke(&main, "vault_status", json!({})).is_ok());
}

#[test]
fn malformed_arguments_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    let refused = invoke(
        &main,
        "unlock_vault",
        json!({"request": {"secret": PASSPHRASE, "method": "fingerprint"}}),
    );
    let error = refused.unwrap_err();
    assert!(error.to_string().contains("unknown variant"), "{error}");
}

/// Creates the vault through IPC as the UI does (at the real key-derivation cost); returns
/// the recovery key.
fn created(main: &WebviewWindow<MockRuntime>) -> String {
    let created = invoke(
        main,
        "create_vault",
        json!({"request": {"passphrase": PASSPHRASE}}),
    )
    .unwrap();
    created["recovery_key"].as_str().unwrap().to_owned()
}

fn draft(title: &str, body: &str) -> Value {
    json!({
        "kind": "home_visit", "date": "2026-03-02", "title": title, "family": "Rowan",
        "tags": ["sleep"], "parent_infant": body, "practitioner_parent": "",
        "supervisor_practitioner": "", "self": "", "for_supervision": ""
    })
}

#[test]
fn reflections_are_written_searched_read_changed_and_deleted_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    created(&main);

    let saved = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": draft("Bath time with Lucía", "The baby turned towards her voice.")}}),
    )
    .unwrap();
    let id = saved["id"].as_str().unwrap().to_owned();
    assert_eq!(saved["self"], "");
    invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": draft("Another visit", "Nothing about baths.")}}),
    )
    .unwrap();

    // Search as the UI does: words marked, accents ignored, at most `limit` items.
    let query = |q: &str, limit: u32| {
        invoke(
            &main,
            "list_reflections",
            json!({"request": {"query": q, "filter": {}, "limit": limit}}),
        )
        .unwrap()
    };
    let page = query("lucia", 10);
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], id.as_str());
    assert_eq!(
        page["items"][0]["title"],
        json!([{"text": "Bath time with ", "mark": false}, {"text": "Lucía", "mark": true}])
    );
    let page = query("", 1);
    assert_eq!(page["total"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["excerpt"][0]["mark"], false);

    // Filters narrow the list.
    let filtered = invoke(
        &main,
        "list_reflections",
        json!({"request": {"query": "", "filter": {"kind": "supervision"}, "limit": 10}}),
    )
    .unwrap();
    assert_eq!(filtered["total"], 0);

    let facets = invoke(&main, "journal_facets", json!({})).unwrap();
    assert_eq!(facets["families"], json!([{"name": "Rowan", "count": 2}]));
    assert_eq!(facets["tags"], json!([{"name": "sleep", "count": 2}]));

    // A change is a new version of the same reflection.
    let mut changed = draft("Bath time", "Changed.");
    changed["self"] = json!("Tired, and moved.");
    let updated = invoke(
        &main,
        "save_reflection",
        json!({"request": {"id": id, "draft": changed}}),
    )
    .unwrap();
    assert_eq!(updated["id"], id.as_str());
    let read = invoke(&main, "get_reflection", json!({"id": id})).unwrap();
    assert_eq!(read["self"], "Tired, and moved.");
    assert_eq!(query("lucia", 10)["total"], 0);

    // Bad input names the field and saves nothing.
    let mut future = draft("x", "y");
    future["date"] = json!("2999-01-01");
    let refused = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": future}}),
    );
    let error = refused.unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().starts_with("date:"));
    // The field travels as data: the window marks it without reading the message.
    assert_eq!(error["field"], "date", "{error}");
    assert_eq!(
        (&error["line"], &error["column"]),
        (&json!(null), &json!(null))
    );
    assert_eq!(query("", 10)["total"], 2);

    invoke(&main, "delete_reflection", json!({"id": id})).unwrap();
    assert_eq!(
        code(invoke(&main, "get_reflection", json!({"id": id}))),
        "not_found"
    );
    assert_eq!(
        code(invoke(&main, "delete_reflection", json!({"id": id}))),
        "not_found"
    );
    assert_eq!(query("", 10)["total"], 1);

    // After lock, nothing of the journal is reachable.
    invoke(&main, "lock_vault", json!({})).unwrap();
    for (cmd, args) in [
        (
            "list_reflections",
            json!({"request": {"query": "", "filter": {}, "limit": 5}}),
        ),
        ("get_reflection", json!({"id": "anything"})),
        ("journal_facets", json!({})),
        ("get_settings", json!({})),
        ("new_recovery_key", json!({})),
    ] {
        assert_eq!(code(invoke(&main, cmd, args)), "locked", "{cmd}");
    }
}

#[test]
fn settings_passphrase_recovery_key_and_appearance_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    let first_key = created(&main);

    assert_eq!(
        invoke(&main, "get_settings", json!({})).unwrap(),
        json!({"auto_lock_minutes": 10, "names_to_avoid": [], "rule_set": null})
    );
    let saved = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 3, "names_to_avoid": [" Lucía ", ""]}}),
    )
    .unwrap();
    assert_eq!(
        saved,
        json!({"auto_lock_minutes": 3, "names_to_avoid": ["Lucía"], "rule_set": null})
    );
    let refused = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 0, "names_to_avoid": []}}),
    );
    assert_eq!(code(refused), "invalid_input");
    assert_eq!(invoke(&main, "get_settings", json!({})).unwrap(), saved);

    let wrong_old = invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": "not it at all", "new": "a brand new passphrase"}}),
    );
    assert_eq!(code(wrong_old), "wrong_passphrase");
    invoke(
        &main,
        "change_passphrase",
        json!({"request": {"old": PASSPHRASE, "new": "a brand new passphrase"}}),
    )
    .unwrap();
    let second_key = invoke(&main, "new_recovery_key", json!({})).unwrap()["recovery_key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(first_key, second_key);

    invoke(&main, "lock_vault", json!({})).unwrap();
    let unlock = |secret: &str, method: &str| {
        invoke(
            &main,
            "unlock_vault",
            json!({"request": {"secret": secret, "method": method}}),
        )
    };
    assert_eq!(code(unlock(PASSPHRASE, "passphrase")), "wrong_passphrase");
    assert_eq!(
        code(unlock(&first_key, "recovery_key")),
        "wrong_recovery_key"
    );
    unlock(&second_key, "recovery_key").unwrap();
    invoke(&main, "lock_vault", json!({})).unwrap();
    unlock("a brand new passphrase", "passphrase").unwrap();
    assert_eq!(invoke(&main, "get_settings", json!({})).unwrap(), saved);

    // Appearance works while locked and survives a restart of the app.
    invoke(&main, "lock_vault", json!({})).unwrap();
    assert_eq!(
        invoke(&main, "get_appearance", json!({})).unwrap(),
        json!({"theme": "system", "text_size": "normal"})
    );
    let dark = json!({"theme": "dark", "text_size": "large"});
    invoke(&main, "set_appearance", json!({"appearance": dark})).unwrap();
    drop(main);
    drop(app);
    let app = self::app(tmp.path());
    let main = window(&app, "main");
    assert_eq!(invoke(&main, "get_appearance", json!({})).unwrap(), dark);
}

#[test]
fn hints_come_from_core_with_the_vaults_names_to_avoid() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let main = window(&app, "main");
    let text = "👶🏽 Lucía's mum: call 555-123-4567.";
    assert_eq!(
        code(invoke(&main, "find_hints", json!({"text": text}))),
        "locked"
    );
    created(&main);
    // Offsets are UTF-16 code units, as the window slices: the emoji counts 4.
    assert_eq!(
        invoke(&main, "find_hints", json!({"text": text})).unwrap(),
        json!([{"kind": "phone", "start": 23, "end": 35, "text": "555-123-4567", "key": "5551234567"}])
    );
    // The names to avoid are the vault's own; they are not sent with the text.
    invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 10, "names_to_avoid": ["Lucia"]}}),
    )
    .unwrap();
    let found = invoke(&main, "find_hints", json!({"text": text})).unwrap();
    assert_eq!(
        found[0],
        json!({"kind": "name", "start": 5, "end": 10, "text": "Lucía", "key": "lucia"})
    );
    assert_eq!(found.as_array().unwrap().len(), 2);
    assert_eq!(
        invoke(&main, "find_hints", json!({"text": ""})).unwrap(),
        json!([])
    );
}

fn session(date: &str, minutes: i64, format: &str, provider: &str) -> Value {
    json!({
        "date": date, "minutes": minutes, "format": format, "modality": "virtual",
        "provider": provider, "credential": "imhm-c", "about_rsc_provided": false,
        "note": "", "reflections": []
    })
}

#[test]
fn hours_are_logged_weighed_and_listed_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let all = json!({"from": null, "to": null});
    let list = |limit: u32| {
        invoke(
            &main,
            "list_sessions",
            json!({"request": {"period": all, "limit": limit}}),
        )
    };
    assert_eq!(code(list(10)), "locked");
    // The rule sets are public figures: readable while locked.
    let rule_sets = invoke(&main, "list_rule_sets", json!({})).unwrap();
    let ids: Vec<&str> = rule_sets
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in ["imh-e/imhm-c", "ecmh-e/ecmhs", "renewal/annual"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    created(&main);

    let empty = list(10).unwrap();
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["last"], Value::Null);

    let save = |request: Value| invoke(&main, "save_session", json!({ "request": request }));
    let first =
        save(json!({"draft": session("2026-03-02", 90, "individual", " Lucía  Pérez ")})).unwrap();
    assert_eq!(first["warnings"], json!([]));
    assert_eq!(first["session"]["provider"], "Lucía Pérez");
    assert_eq!(first["session"]["credential"], "IMHM-C");
    let first_id = first["session"]["id"].as_str().unwrap().to_owned();
    save(json!({"draft": session("2026-04-06", 120, "group", "Lucía Pérez")})).unwrap();

    // A day in the future is accepted and warned about, naming the field.
    let future =
        save(json!({"draft": session("2999-01-01", 30, "individual", "Sam Okafor")})).unwrap();
    assert_eq!(future["warnings"][0]["field"], "date");
    let future_id = future["session"]["id"].as_str().unwrap().to_owned();

    // Bad input names the field and saves nothing.
    for (bad, field) in [
        (
            session("2026-03-03", 0, "individual", "Lucía Pérez"),
            "minutes:",
        ),
        (
            session("2026-03-03", 1441, "individual", "Lucía Pérez"),
            "minutes:",
        ),
        (session("2026-03-03", 60, "individual", "   "), "provider:"),
    ] {
        let error = save(json!({ "draft": bad })).unwrap_err();
        assert_eq!(error["code"], "invalid_input");
        assert!(
            error["message"].as_str().unwrap().starts_with(field),
            "{error}"
        );
        assert_eq!(
            error["field"].as_str().map(|f| format!("{f}:")).as_deref(),
            Some(field),
            "{error}"
        );
    }
    // A day that does not exist never reaches the command: argument decoding refuses it.
    let error = save(json!({"draft": session("2026-13-01", 60, "group", "X")})).unwrap_err();
    assert!(
        error.as_str().unwrap_or_default().contains("out of range"),
        "{error}"
    );

    // Newest first, a page at a time; totals over them all; the last session prefills.
    let log = list(2).unwrap();
    assert_eq!(log["total"], 3);
    assert_eq!(log["total_minutes"], 240);
    let dates: Vec<&str> = log["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2999-01-01", "2026-04-06"]);
    assert_eq!(
        log["sessions"][0]["attestation"],
        json!({"status": "not_attested"})
    );
    assert_eq!(log["last"]["provider"], "Sam Okafor");
    let providers: Vec<&str> = log["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(providers, ["Lucía Pérez", "Sam Okafor"]);

    // Edit and delete.
    let edited = save(
        json!({"id": first_id, "draft": session("2026-03-02", 60, "individual", "Lucía Pérez")}),
    )
    .unwrap();
    assert_eq!(edited["session"]["id"], first_id.as_str());
    invoke(&main, "delete_session", json!({ "id": future_id })).unwrap();
    assert_eq!(
        code(invoke(&main, "delete_session", json!({ "id": future_id }))),
        "not_found"
    );
    let log = list(10).unwrap();
    assert_eq!(log["total"], 2);
    assert_eq!(log["total_minutes"], 180);

    // Training.
    let training = |request: Value| invoke(&main, "save_training", json!({ "request": request }));
    let course = training(json!({"draft": {
        "date": "2026-02-10", "minutes": 360, "title": "Holding the baby in mind",
        "organiser": "MI-AIMH", "topics": ["dei", "dei"], "note": ""
    }}))
    .unwrap();
    assert_eq!(course["training"]["topics"], json!(["dei"]));
    let course_id = course["training"]["id"].as_str().unwrap().to_owned();
    let error = training(json!({"draft": {
        "date": "2026-02-10", "minutes": 60, "title": " ", "organiser": "", "topics": [], "note": ""
    }}))
    .unwrap_err();
    assert!(
        error["message"].as_str().unwrap().starts_with("title:"),
        "{error}"
    );
    training(json!({"id": course_id, "draft": {
        "date": "2026-02-10", "minutes": 300, "title": "Holding the baby in mind",
        "organiser": "MI-AIMH", "topics": ["dei", "providing-rsc"], "note": ""
    }}))
    .unwrap();
    let entries = invoke(&main, "list_training", json!({})).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 1);
    assert_eq!(entries[0]["minutes"], 300);

    // Progress toward a category: the contract's fields, summed exactly.
    let progress = invoke(
        &main,
        "hours_progress",
        json!({"request": {"period": all, "rules": "imh-e/imhm-c"}}),
    )
    .unwrap();
    assert_eq!(progress["total_minutes"], 180);
    assert_eq!(progress["individual_minutes"], 60);
    assert_eq!(progress["group_minutes"], 120);
    assert_eq!(progress["by_provider"][0]["provider"], "Lucía Pérez");
    assert_eq!(progress["by_month"].as_array().unwrap().len(), 2);
    let requirement = &progress["requirement"];
    assert_eq!(requirement["id"], "imh-e/imhm-c");
    assert_eq!(requirement["met"], false);
    assert!(requirement["counted_minutes"].as_u64().unwrap() <= 180);
    assert!(!requirement["shortfalls"].as_array().unwrap().is_empty());
    let totals_only = invoke(
        &main,
        "hours_progress",
        json!({"request": {"period": {"from": "2026-04-01", "to": null}, "rules": null}}),
    )
    .unwrap();
    assert_eq!(totals_only["total_minutes"], 120);
    assert!(totals_only.get("requirement").is_none());
    let unknown = invoke(
        &main,
        "hours_progress",
        json!({"request": {"period": all, "rules": "imh-e/nonsense"}}),
    );
    assert_eq!(code(unknown), "invalid_input");

    // The chosen category is kept, sealed, with the other settings.
    let saved = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 10, "names_to_avoid": [], "rule_set": "ecmh-e/ecmhs"}}),
    )
    .unwrap();
    assert_eq!(saved["rule_set"], "ecmh-e/ecmhs");
    let refused = invoke(
        &main,
        "save_settings",
        json!({"settings": {"auto_lock_minutes": 10, "names_to_avoid": [], "rule_set": "nope"}}),
    );
    assert_eq!(code(refused), "invalid_input");

    training(json!({"draft": {
        "date": "2026-02-11", "minutes": 30, "title": "Second", "organiser": "", "topics": [], "note": ""
    }}))
    .unwrap();
    invoke(&main, "delete_training", json!({ "id": course_id })).unwrap();
    let entries = invoke(&main, "list_training", json!({})).unwrap();
    assert_eq!(entries[0]["title"], "Second");

    invoke(&main, "lock_vault", json!({})).unwrap();
    for (cmd, args) in [
        ("list_training", json!({})),
        ("delete_session", json!({"id": first_id})),
        (
            "hours_progress",
            json!({"request": {"period": all, "rules": null}}),
        ),
    ] {
        assert_eq!(code(invoke(&main, cmd, args)), "locked", "{cmd}");
    }
}

/// The supervisor's vault, made with core beside the app's: her card as text.
fn supervisor(dir: &Path) -> String {
    let options = attune_core::CreateOptions {
        name: Some("Ana Ruiz".into()),
        role: attune_core::Role::Supervisor,
        ..Default::default()
    };
    let (mut vault, _) = attune_core::Vault::create(dir, PASSPHRASE, &options).unwrap();
    let card = vault.sharing_mut().my_card().unwrap().to_text();
    vault.lock().unwrap();
    card
}

#[test]
fn sharing_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let (p_dir, s_dir) = (
        tmp.path().join("practitioner"),
        tmp.path().join("supervisor"),
    );
    let s_card = supervisor(&s_dir);
    let p_app = app(&p_dir);
    let main = window(&p_app, "main");
    assert_eq!(code(invoke(&main, "my_identity", json!({}))), "locked");
    created(&main);

    // No name yet: a fingerprint but no card to give; a name makes the card.
    let me = invoke(&main, "my_identity", json!({})).unwrap();
    assert_eq!(me["name"], "");
    assert_eq!(me["card"], "");
    assert_eq!(me["role"], "practitioner");
    let fingerprint = me["fingerprint"].as_str().unwrap().to_owned();
    assert_eq!(fingerprint.split(' ').count(), 8, "{fingerprint}");
    let error = invoke(&main, "set_my_name", json!({"name": "   "})).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert!(error["message"].as_str().unwrap().starts_with("name:"));
    let me = invoke(&main, "set_my_name", json!({"name": "Sam Lee"})).unwrap();
    assert_eq!(me["name"], "Sam Lee");
    assert_eq!(me["fingerprint"], fingerprint.as_str());
    let my_card = me["card"].as_str().unwrap().to_owned();
    assert!(my_card.contains("BEGIN ATTUNE CONTACT CARD"), "{my_card}");

    // Her card, pasted with the e-mail around it: a contact, not verified yet.
    let pasted = format!("Hi Sam, here is my card:\n\n{s_card}\n\nBest, Ana");
    let added = invoke(&main, "add_contact", json!({"text": pasted})).unwrap();
    assert_eq!(added["new"], true);
    assert_eq!(added["contact"]["name"], "Ana Ruiz");
    assert_eq!(added["contact"]["role"], "supervisor");
    assert_eq!(added["contact"]["verified"], false);
    let ana = added["contact"]["fingerprint"].as_str().unwrap().to_owned();
    let again = invoke(&main, "add_contact", json!({"text": s_card})).unwrap();
    assert_eq!(again["new"], false);
    // My own card, and text that is no card, are refused with what is wrong.
    let own = invoke(&main, "add_contact", json!({"text": my_card})).unwrap_err();
    assert!(
        own["message"].as_str().unwrap().contains("your own card"),
        "{own}"
    );
    let junk = invoke(&main, "add_contact", json!({"text": "hello"})).unwrap_err();
    assert_eq!(junk["code"], "share_damaged", "{junk}");
    let contacts = invoke(&main, "list_contacts", json!({})).unwrap();
    assert_eq!(contacts.as_array().unwrap().len(), 1);

    // Something to share: a reflection and two sessions with her.
    let r = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": {
            "kind": "home_visit", "date": "2026-03-02", "title": "Bath time", "family": "Rowan",
            "tags": [], "parent_infant": "She held him close.",
            "practitioner_parent": "Call me on 555-867-5309.", "supervisor_practitioner": "",
            "self": "Tired.", "for_supervision": ""
        }}}),
    )
    .unwrap();
    let rid = r["id"].as_str().unwrap().to_owned();
    for (date, minutes) in [("2026-03-03", 60), ("2026-03-17", 90)] {
        invoke(
            &main,
            "save_session",
            json!({"request": {"draft": session(date, minutes, "individual", "Ana Ruiz")}}),
        )
        .unwrap();
    }
    let selection = |sections: Value, hours: Value| {
        json!({"selection": {
            "to": ana, "entries": [{"id": rid, "sections": sections}], "hours": hours
        }})
    };
    let march = json!({"from": "2026-03-01", "to": "2026-03-31"});

    // Not before her fingerprint is confirmed.
    let unverified = invoke(&main, "preview_share", selection(json!([]), Value::Null));
    let unverified = unverified.unwrap_err();
    assert!(
        unverified["message"]
            .as_str()
            .unwrap()
            .contains("not verified"),
        "{unverified}"
    );
    let verified = invoke(&main, "verify_contact", json!({"fingerprint": ana})).unwrap();
    assert_eq!(verified["verified"], true);

    // The preview holds exactly the chosen sections and the period's sessions.
    let preview = invoke(
        &main,
        "preview_share",
        selection(
            json!(["parent_infant", "practitioner_parent"]),
            march.clone(),
        ),
    )
    .unwrap();
    assert_eq!(preview["to"], "Ana Ruiz");
    let sections = &preview["reflections"][0]["sections"];
    assert_eq!(sections.as_array().unwrap().len(), 2, "{sections}");
    assert_eq!(sections[0]["section"], "parent_infant");
    assert_eq!(sections[0]["heading"], "Parent and infant");
    assert_eq!(sections[1]["text"], "Call me on 555-867-5309.");
    // Core's de-identification check of what would leave, offsets into the section's text.
    assert_eq!(
        preview["findings"],
        json!([{
            "reflection_id": rid, "reflection": "Bath time", "section": "practitioner_parent",
            "where": "You and the parent", "kind": "phone", "start": 11, "end": 23,
            "text": "555-867-5309", "key": "5558675309"
        }])
    );
    assert!(!preview.to_string().contains("Tired."));
    assert_eq!(preview["hours"]["minutes"], 150);
    assert_eq!(preview["hours"]["sessions"].as_array().unwrap().len(), 2);
    assert!(preview["hours"]["sessions"][0].get("note").is_none());
    // Every section: only those with text.
    let all = invoke(&main, "preview_share", selection(json!([]), Value::Null)).unwrap();
    assert_eq!(
        all["reflections"][0]["sections"].as_array().unwrap().len(),
        3
    );
    // Bad selections say what is wrong.
    for (bad, words) in [
        (
            selection(json!(["for_supervision"]), Value::Null),
            "no text in the sections chosen",
        ),
        (
            selection(json!([]), json!({"from": "2026-03-31", "to": "2026-03-01"})),
            "ends",
        ),
        (
            json!({"selection": {"to": ana, "entries": [], "hours": null}}),
            "nothing to share",
        ),
        (
            json!({"selection": {"to": "nobody", "entries": [{"id": rid, "sections": []}], "hours": null}}),
            "no contact",
        ),
    ] {
        let e = invoke(&main, "preview_share", bad).unwrap_err();
        assert!(
            e["message"].as_str().unwrap().contains(words),
            "{words}: {e}"
        );
    }
    let unknown = invoke(
        &main,
        "preview_share",
        selection(json!(["nonsense"]), Value::Null),
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("unknown variant"), "{unknown}");
    assert!(invoke(&main, "reflection_comments", json!({"id": rid}))
        .unwrap()
        .as_array()
        .unwrap()
        .is_empty());

    // The bundle itself (the window saves it through a dialog; here core makes it) goes to
    // the supervisor, whose window lists it under my name and takes her comment.
    invoke(&main, "lock_vault", json!({})).unwrap();
    let mut p =
        attune_core::Vault::unlock(&p_dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let request: attune_core::share::ShareRequest = serde_json::from_value(json!({
        "to": ana, "entries": [{"id": rid, "sections": ["parent_infant"]}], "hours": march
    }))
    .unwrap();
    let (bundle, _) = p.sharing_mut().create_share(&request).unwrap();
    p.lock().unwrap();

    let s_app = app(&s_dir);
    let s_main = window(&s_app, "main");
    let unlock = |w: &WebviewWindow<MockRuntime>| {
        invoke(
            w,
            "unlock_vault",
            json!({"request": {"method": "passphrase", "secret": PASSPHRASE}}),
        )
        .unwrap();
    };
    // Receiving goes through a dialog in the window; here core receives while the window
    // is locked, as another process would.
    let receive_in = |dir: &Path, bytes: &[u8]| {
        let mut v =
            attune_core::Vault::unlock(dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
        let got = v.sharing_mut().receive(bytes);
        v.lock().unwrap();
        got
    };
    unlock(&s_main);
    invoke(&s_main, "add_contact", json!({"text": my_card})).unwrap();
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    // From a contact not verified yet, the bundle is refused with its own code.
    let refused = receive_in(&s_dir, &bundle).unwrap_err();
    assert_eq!(
        refused.code(),
        attune_core::ErrorCode::ShareSenderUnverified
    );
    unlock(&s_main);
    invoke(
        &s_main,
        "verify_contact",
        json!({"fingerprint": fingerprint}),
    )
    .unwrap();
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    receive_in(&s_dir, &bundle).unwrap();
    unlock(&s_main);

    let shared = invoke(&s_main, "shared_with_me", json!({})).unwrap();
    let people = shared.as_array().unwrap();
    assert_eq!(people.len(), 1);
    let sam = &people[0];
    assert_eq!(sam["name"], "Sam Lee");
    assert_eq!(sam["fingerprint"], fingerprint.as_str());
    assert_eq!(sam["verified"], true);
    assert_eq!(sam["unsent_comments"], 0);
    let shared_reflection = &sam["reflections"][0];
    assert_eq!(shared_reflection["reflection"]["title"], "Bath time");
    assert_eq!(
        shared_reflection["reflection"]["sections"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(sam["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(sam["sessions"][0]["names_me"], true);
    assert_eq!(sam["sessions"][0]["date"], "2026-03-03");
    let shared_id = shared_reflection["shared_id"].as_str().unwrap().to_owned();
    let comment = |text: &str| {
        invoke(
            &s_main,
            "add_comment",
            json!({"request": {"shared_id": shared_id, "text": text}}),
        )
    };
    assert!(comment("  ").unwrap_err()["message"]
        .as_str()
        .unwrap()
        .starts_with("comment:"));
    let written = comment("What did holding him stir in you?").unwrap();
    assert_eq!(written["author"], "Ana Ruiz");
    assert_eq!(written["sent"], false);
    let shared = invoke(&s_main, "shared_with_me", json!({})).unwrap();
    assert_eq!(shared[0]["unsent_comments"], 1);
    assert_eq!(
        shared[0]["reflections"][0]["comments"][0]["text"],
        "What did holding him stir in you?"
    );

    // Her reply (saved through a dialog in the window) reaches the practitioner, whose
    // window shows the comment beside the reflection.
    invoke(&s_main, "lock_vault", json!({})).unwrap();
    let mut s =
        attune_core::Vault::unlock(&s_dir, attune_core::Unlock::Passphrase(PASSPHRASE)).unwrap();
    let (reply, _) = s.sharing_mut().create_reply(&fingerprint, false).unwrap();
    s.lock().unwrap();
    receive_in(&p_dir, &reply).unwrap();
    unlock(&main);
    let comments = invoke(&main, "reflection_comments", json!({"id": rid})).unwrap();
    assert_eq!(comments[0]["author"], "Ana Ruiz");
    assert_eq!(comments[0]["text"], "What did holding him stir in you?");

    invoke(&main, "lock_vault", json!({})).unwrap();
    for cmd in ["list_contacts", "shared_with_me", "my_identity"] {
        assert_eq!(code(invoke(&main, cmd, json!({}))), "locked", "{cmd}");
    }
}

#[test]
fn the_first_screen_is_reported_with_times_only() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let report = |at: Value, after: Value| {
        invoke(
            &main,
            "first_screen_painted",
            json!({"paintedAtMs": at, "afterNavigationMs": after}),
        )
    };
    // Allowed while locked: it is the first thing the page says.
    report(json!(1_795_000_000_123.5), json!(140.25)).unwrap();
    for (at, after, field) in [
        (json!(-1.0), json!(140.0), "painted_at_ms"),
        (
            json!(1_795_000_000_000.0),
            json!(-0.5),
            "after_navigation_ms",
        ),
    ] {
        let error = report(at, after).unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert!(
            error["message"].as_str().unwrap().contains(field),
            "the message names {field}: {error}"
        );
    }
    // Not numbers at all: refused when decoding, naming the argument.
    let error = report(json!("soon"), json!(1.0)).unwrap_err();
    assert!(error.to_string().contains("paintedAtMs"), "{error}");
}
