//! The providers' address book through IPC: each provider's credentials with the day they
//! began, read under today's names, deciding which sessions count.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, session, window};

#[test]
fn providers_credentials_with_dates_are_set_through_ipc_and_decide_what_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    assert_eq!(code(invoke(&main, "list_providers", json!({}))), "locked");
    created(&main);

    // Logged with "imhm-c": Lucía joins the address book with that credential, no date.
    for date in ["2024-06-03", "2025-06-02"] {
        invoke(
            &main,
            "save_session",
            json!({"request": {"draft": session(date, 60, "individual", "Lucía Pérez")}}),
        )
        .unwrap();
    }
    let view = invoke(&main, "list_providers", json!({})).unwrap();
    let lucia = &view["providers"][0];
    assert_eq!(lucia["name"], "Lucía Pérez");
    assert_eq!(
        lucia["credentials"],
        json!([{"credential": "IMHM-C", "since": null, "association": "", "endorsement_number": ""}])
    );
    assert_eq!(lucia["credential"], "IMHM-C");
    let catalogue = &view["catalogue"];
    assert!(catalogue["credential"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "IMHM-C" && c["title"] == "Infant Mental Health Mentor - Clinical"));
    assert!(catalogue["alias"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "Level IV-Clinical" && a["means"] == "IMHM-C"));

    let id = lucia["id"].as_str().unwrap().to_owned();
    let save = |request: Value| invoke(&main, "save_provider", json!({ "request": request }));
    let held = |credential: &str, since: &str, number: &str| {
        json!({"credential": credential, "since": since, "association": "MI-AIMH",
               "endorsement_number": number})
    };
    // An IMHS ("Level III" as older pages say) since 2019, an IMHM-C since 2025.
    let saved = save(
        json!({"id": id, "draft": {"name": "Lucía Pérez", "credentials": [
            held("IMHM-C", "2025-01-15", "222"),
            held("Level III", "2019-05-01", "111"),
        ]}}),
    )
    .unwrap();
    assert_eq!(saved["credentials"][0]["credential"], "IMHS");
    assert_eq!(saved["credentials"][1]["since"], "2025-01-15");

    // The 2024 session counts under IMHS, which an IMHM-C application does not accept.
    let progress = invoke(
        &main,
        "hours_progress",
        json!({"request": {"period": {"from": null, "to": null}, "rules": "imh-e/imhm-c"}}),
    )
    .unwrap();
    let requirement = &progress["requirement"];
    assert_eq!(requirement["counted_minutes"], 60);
    assert_eq!(
        requirement["not_counted"][0]["reason"],
        "credential_not_accepted"
    );
    assert_eq!(requirement["providers"][0]["credential"], "IMHM-C");

    // The log's provider list names the credential held today, to fill a new session.
    let log = invoke(
        &main,
        "list_sessions",
        json!({"request": {"period": {"from": null, "to": null}, "limit": 5}}),
    )
    .unwrap();
    assert_eq!(log["providers"][0]["credential"], "IMHM-C");
    assert_eq!(log["providers"][0]["endorsement_number"], "222");

    // Bad input names the field and the credential at fault, and saves nothing.
    for (bad, field, entry) in [
        (held("IMHM-C", "2999-01-01", ""), "since", 2),
        (held("IMHM-C; DROP", "2020-01-01", ""), "credential", 2),
    ] {
        let error = save(
            json!({"id": id, "draft": {"name": "Lucía Pérez", "credentials": [
                held("IMHS", "2019-05-01", "111"), bad
            ]}}),
        )
        .unwrap_err();
        assert_eq!(error["code"], "invalid_input", "{error}");
        assert_eq!(error["field"], field, "{error}");
        assert_eq!(error["entry"], entry, "{error}");
    }
    let unchanged = invoke(&main, "list_providers", json!({})).unwrap();
    assert_eq!(
        unchanged["providers"][0]["credentials"],
        saved["credentials"]
    );

    // A new provider; a name already there is refused.
    let ben = save(json!({"draft": {"name": "Ben Ode", "credentials": [
        {"credential": "ERS", "since": null, "association": "Infancy Onward", "endorsement_number": ""}
    ]}}))
    .unwrap();
    assert_eq!(ben["credentials"][0]["credential"], "ERS");
    let twice = save(json!({"draft": {"name": "ben  ode", "credentials": []}})).unwrap_err();
    assert_eq!(twice["field"], "name");

    // Deleting a provider leaves their sessions as logged.
    invoke(
        &main,
        "delete_provider",
        json!({"id": ben["id"].as_str().unwrap()}),
    )
    .unwrap();
    let after = invoke(&main, "list_providers", json!({})).unwrap();
    assert_eq!(after["providers"].as_array().unwrap().len(), 1);
    assert_eq!(
        code(invoke(&main, "delete_provider", json!({"id": "nope"}))),
        "not_found"
    );
    assert_eq!(log["total"], 2);
}
