//! Sessions and training logged, weighed against a rule set, listed and exported.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, session, window};

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

    // A day in the future (within a year) is accepted and warned about, naming the field.
    let soon = (chrono::Local::now().date_naive() + chrono::Days::new(30))
        .format("%Y-%m-%d")
        .to_string();
    let future = save(json!({"draft": session(&soon, 30, "individual", "Sam Okafor")})).unwrap();
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
        // More than a year ahead, or before 1900: a typo in the year.
        (
            session("2999-01-01", 30, "individual", "Sam Okafor"),
            "date:",
        ),
        (
            session("1899-12-31", 30, "individual", "Sam Okafor"),
            "date:",
        ),
        (
            session("2026-03-03", 60, "individual", "Lu\u{1b}]52;c;SGk=\u{7}cía"),
            "provider:",
        ),
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
    assert_eq!(dates, [soon.as_str(), "2026-04-06"]);
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
    // The list of topics of the shape before issue 16 still reads, as one part.
    assert_eq!(course["training"]["topic"], "dei");
    assert!(course["training"].get("topics").is_none());
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
    assert_eq!(entries[0]["topic"], "providing-rsc");

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
