//! The RSC a supervisor provides, through IPC: logged, listed beside the RSC received,
//! edited, deleted; a day ahead is refused naming the field.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, session, window};

fn provided(date: &str, minutes: u32, format: &str, who: &str) -> Value {
    json!({
        "date": date, "minutes": minutes, "format": format, "modality": null,
        "supervisee": who, "note": ""
    })
}

#[test]
fn rsc_provided_is_logged_beside_rsc_received_through_ipc() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let all = json!({"from": null, "to": null});
    assert_eq!(
        code(invoke(&main, "list_provided", json!({ "period": all }))),
        "locked"
    );
    created(&main);
    let save = |request: Value| invoke(&main, "save_provided", json!({ "request": request }));
    let first =
        save(json!({"draft": provided("2026-03-02", 60, "individual", " J.  R. ")})).unwrap();
    assert_eq!(first["supervisee"], "J. R.");
    let id = first["id"].as_str().unwrap().to_owned();
    save(json!({"draft": provided("2026-03-09", 90, "group", "Tuesday group")})).unwrap();
    invoke(
        &main,
        "save_session",
        json!({"request": {"draft": session("2026-03-03", 45, "individual", "Lucía Pérez")}}),
    )
    .unwrap();

    let log = invoke(&main, "list_provided", json!({ "period": all })).unwrap();
    assert_eq!(
        log["sessions"][0]["supervisee"], "Tuesday group",
        "newest first"
    );
    assert_eq!(log["provided"]["minutes"], 150);
    assert_eq!(log["provided"]["supervisees"], 2);
    assert_eq!(log["received_minutes"], 45);

    // Edited; a day ahead is refused, naming the field, and nothing changes.
    save(json!({"id": id, "draft": provided("2026-03-02", 75, "individual", "J. R.")})).unwrap();
    let ahead = (chrono::Local::now().date_naive() + chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    let err = save(json!({"draft": provided(&ahead, 60, "individual", "K. L.")})).unwrap_err();
    assert_eq!(err["field"], "date", "{err}");
    let log = invoke(&main, "list_provided", json!({ "period": all })).unwrap();
    assert_eq!(log["provided"]["minutes"], 165);

    invoke(&main, "delete_provided", json!({ "id": id })).unwrap();
    assert_eq!(
        code(invoke(&main, "delete_provided", json!({ "id": id }))),
        "not_found"
    );
    let period = json!({"from": "2026-03-05", "to": null});
    let log: Value = invoke(&main, "list_provided", json!({ "period": period })).unwrap();
    assert_eq!(log["provided"]["sessions"], 1);
    assert_eq!(log["received_sessions"], 0);
}
