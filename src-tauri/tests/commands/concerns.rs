//! `check_session`: what the window asks before saving a session, from core, the same as the
//! command line refuses without a flag.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, session, window};

#[test]
fn check_session_names_a_same_day_similar_provider_a_long_session_and_a_date_ahead() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    let check = |request: Value| invoke(&main, "check_session", json!({ "request": request }));
    assert_eq!(
        code(check(
            json!({"draft": session("2026-03-02", 60, "individual", "Lucía Pérez")})
        )),
        "locked"
    );
    created(&main);
    let first = invoke(
        &main,
        "save_session",
        json!({"request": {"draft": session("2026-03-02", 60, "individual", "Lucía Pérez")}}),
    )
    .unwrap();
    let first_id = first["session"]["id"].as_str().unwrap().to_owned();

    // Nothing to ask: another day, another provider, three hours exactly.
    for quiet in [
        session("2026-03-03", 60, "individual", "Dr. Lucía Pérez"),
        session("2026-03-02", 60, "individual", "Sam Okafor"),
        session("2026-03-04", 180, "group", "Lucía Pérez"),
    ] {
        assert_eq!(check(json!({ "draft": quiet })).unwrap(), json!([]));
    }

    // "Dr." added, the same day: the other session as data, field and kind.
    let same_day =
        check(json!({"draft": session("2026-03-02", 90, "group", "Dr. Lucía Pérez")})).unwrap();
    assert_eq!(
        same_day,
        json!([{
            "field": "provider",
            "kind": {
                "type": "same_day", "date": "2026-03-02", "provider": "Lucía Pérez",
                "minutes": 60, "same_as": {"type": "logged", "id": first_id}
            },
            "place": null
        }])
    );

    // Every concern at once: a date ahead, a similar provider that day, over 3 h.
    let ahead = (chrono::Local::now().date_naive() + chrono::Days::new(5))
        .format("%Y-%m-%d")
        .to_string();
    invoke(
        &main,
        "save_session",
        json!({"request": {"draft": session(&ahead, 60, "individual", "Sam Supervisor")}}),
    )
    .unwrap();
    let all = check(json!({"draft": session(&ahead, 181, "individual", "Sam S.")})).unwrap();
    let kinds: Vec<(&str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["field"].as_str().unwrap(),
                c["kind"]["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("date", "planned"),
            ("provider", "same_day"),
            ("minutes", "long")
        ]
    );
    assert_eq!(
        all[2]["kind"],
        json!({"type": "long", "minutes": 181, "longest": 180})
    );

    // Editing the first session: not compared with itself; its day and provider unchanged
    // ask nothing, a length over 3 h does.
    let edit = |minutes: i64| {
        check(json!({"id": first_id, "draft": session("2026-03-02", minutes, "individual", "Lucía Pérez")}))
            .unwrap()
    };
    assert_eq!(edit(45), json!([]));
    assert_eq!(edit(200)[0]["field"], "minutes");

    // A draft that saving would refuse is refused here, naming the field; nothing is saved.
    let refused =
        check(json!({"draft": session("2026-03-02", 0, "individual", "Lucía Pérez")})).unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
    assert_eq!(refused["field"], "minutes");
    let log = invoke(
        &main,
        "list_sessions",
        json!({"request": {"period": {"from": null, "to": null}, "limit": 10}}),
    )
    .unwrap();
    assert_eq!(log["total"], 2);
}
