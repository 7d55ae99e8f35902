//! Each delete command deletes only its own kind of record: an id of another kind (the
//! vault's identity, its settings, a session given to delete_reflection) is refused with
//! `not_found` naming the kind looked for, and nothing is deleted.

use serde_json::{json, Value};

use crate::{created, invoke, session, window};

#[test]
fn a_delete_command_refuses_ids_of_other_kinds_and_deletes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = crate::app(tmp.path());
    let main = window(&app, "main");
    created(&main);
    let identity = invoke(&main, "my_identity", json!({})).unwrap();

    let reflection = invoke(
        &main,
        "save_reflection",
        json!({"request": {"draft": {
            "kind": "note", "date": "2026-03-02", "title": "Kept", "family": "",
            "tags": [], "parent_infant": "Still here.", "practitioner_parent": "",
            "supervisor_practitioner": "", "self": "", "for_supervision": ""
        }}}),
    )
    .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let session_id = invoke(
        &main,
        "save_session",
        json!({"request": {"draft": session("2026-03-02", 60, "individual", "Lucía Pérez")}}),
    )
    .unwrap()["session"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let training_id = invoke(
        &main,
        "save_training",
        json!({"request": {"draft": {
            "date": "2026-02-10", "minutes": 60, "title": "Kept too",
            "organiser": "", "topics": [], "note": ""
        }}}),
    )
    .unwrap()["training"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let refused = |command: &str, id: &str, kind: &str| {
        let error = invoke(&main, command, json!({ "id": id })).unwrap_err();
        assert_eq!(error["code"], "not_found", "{command}({id}): {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(kind), "{command}({id}): {message}");
    };
    for id in ["identity", "profile", "settings", &session_id, &training_id] {
        refused("delete_reflection", id, "reflection");
    }
    // Prefixes are for the command line; the window deletes exact ids only.
    refused("delete_reflection", &reflection[..8], "reflection");
    for id in ["identity", "settings", &reflection, &training_id] {
        refused("delete_session", id, "session");
    }
    for id in ["identity", "settings", &reflection, &session_id] {
        refused("delete_training", id, "training");
    }

    // Nothing was deleted: each record is still there, the identity unchanged.
    invoke(&main, "get_reflection", json!({ "id": reflection })).unwrap();
    let sessions = invoke(
        &main,
        "list_sessions",
        json!({"request": {"period": {"from": null, "to": null}, "limit": 100}}),
    )
    .unwrap();
    assert!(sessions.to_string().contains(&session_id), "{sessions}");
    let training = invoke(&main, "list_training", json!({})).unwrap();
    assert_eq!(training.as_array().map(Vec::len), Some(1), "{training}");
    let after: Value = invoke(&main, "my_identity", json!({})).unwrap();
    assert_eq!(identity, after);

    // The right kind is still deleted.
    invoke(&main, "delete_reflection", json!({ "id": reflection })).unwrap();
    invoke(&main, "delete_session", json!({ "id": session_id })).unwrap();
    invoke(&main, "delete_training", json!({ "id": training_id })).unwrap();
}
