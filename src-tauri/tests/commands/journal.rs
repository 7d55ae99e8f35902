//! Reflections written, searched, read, changed and deleted; de-identification hints.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, window};

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
        (
            "new_recovery_key",
            json!({"request": {"passphrase": crate::PASSPHRASE}}),
        ),
    ] {
        assert_eq!(code(invoke(&main, cmd, args)), "locked", "{cmd}");
    }
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
        json!([{"kind": "phone", "start": 23, "end": 35, "text": "555-123-4567", "key": "5551234567", "date": null}])
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
        json!({"kind": "name", "start": 5, "end": 10, "text": "Lucía", "key": "lucia", "date": null})
    );
    assert_eq!(found.as_array().unwrap().len(), 2);
    assert_eq!(
        invoke(&main, "find_hints", json!({"text": ""})).unwrap(),
        json!([])
    );
}
