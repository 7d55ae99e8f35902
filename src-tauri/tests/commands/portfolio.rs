//! The application portfolio through IPC: the checklist for the chosen category, items
//! saved, edited, deleted; bad input names its field and saves nothing.

use serde_json::{json, Value};

use crate::{app, code, created, invoke, window};

fn reference(status: &str) -> Value {
    json!({
        "part": "reference", "title": "Sam Rivera", "status": status, "date": "2026-10-01",
        "rater_role": "rsc_provider", "known_months": 26, "note": ""
    })
}

#[test]
fn the_portfolio_checklist_follows_the_chosen_category_and_keeps_the_items() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    assert_eq!(
        code(invoke(&main, "portfolio_checklist", json!({}))),
        "locked"
    );
    created(&main);

    // No category chosen: the parts are listed, what is asked is left to the association.
    let none = invoke(&main, "portfolio_checklist", json!({})).unwrap();
    assert_eq!(none["category"], Value::Null);
    assert_eq!(none["parts"].as_array().unwrap().len(), 6);
    assert_eq!(none["parts"][3]["asked"]["text"], Value::Null);

    // The category chosen in the settings is the checklist's.
    let mut settings = invoke(&main, "get_settings", json!({})).unwrap();
    settings["rule_set"] = json!("imh-e/imhs");
    invoke(&main, "save_settings", json!({ "settings": settings })).unwrap();
    let saved = invoke(
        &main,
        "save_portfolio_item",
        json!({"request": {"draft": reference("requested")}}),
    )
    .unwrap();
    let id = saved["id"].as_str().unwrap().to_owned();
    let list = invoke(&main, "portfolio_checklist", json!({})).unwrap();
    assert_eq!(list["category"], "imh-e/imhs");
    assert_eq!(list["parts"][2]["part"], "reference");
    assert_eq!(list["parts"][2]["asked"]["count"], 3);
    assert_eq!(list["parts"][2]["requested"], 1);
    assert_eq!(
        list["parts"][3]["asked"]["asked"], true,
        "an IMHS takes the exam"
    );
    // Another category can be looked at without changing the settings.
    let ifs = invoke(
        &main,
        "portfolio_checklist",
        json!({"category": "imh-e/ifs"}),
    )
    .unwrap();
    assert_eq!(ifs["parts"][3]["asked"]["asked"], false);

    invoke(
        &main,
        "save_portfolio_item",
        json!({"request": {"id": id, "draft": reference("done")}}),
    )
    .unwrap();
    let list = invoke(&main, "portfolio_checklist", json!({})).unwrap();
    assert_eq!(list["parts"][2]["done"], 1);
    assert_eq!(list["parts"][2]["items"].as_array().unwrap().len(), 1);

    // Bad input names the field and saves nothing.
    let mut bad = reference("done");
    bad["part"] = json!("exam");
    let err = invoke(
        &main,
        "save_portfolio_item",
        json!({"request": {"draft": bad}}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "rater_role", "{err}");

    invoke(&main, "delete_portfolio_item", json!({ "id": id })).unwrap();
    assert_eq!(
        code(invoke(&main, "delete_portfolio_item", json!({ "id": id }))),
        "not_found"
    );
    let list = invoke(&main, "portfolio_checklist", json!({})).unwrap();
    assert!(list["parts"][2]["items"].as_array().unwrap().is_empty());
}
