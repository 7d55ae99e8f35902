//! The renewal chosen once in Settings (association, category, day endorsed) and progress
//! toward one renewal year through IPC.

use serde_json::json;

use crate::{app, code, created, invoke, session, window};

#[test]
fn the_renewal_year_follows_the_association_and_category_chosen_in_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(&tmp.path().join("vault"));
    let main = window(&app, "main");
    // The associations are public data: readable while locked.
    let all = invoke(&main, "list_associations", json!({})).unwrap();
    let mi = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "mi-aimh")
        .unwrap();
    assert_eq!(
        (mi["due_month"].as_u64(), mi["due_day"].as_u64()),
        (Some(1), Some(31))
    );
    assert!(mi["source"]
        .as_str()
        .unwrap()
        .starts_with("https://mi-aimh.org/"));
    assert_eq!(
        code(invoke(&main, "hours_renewal", json!({"year": null}))),
        "locked"
    );
    created(&main);

    // Nothing chosen yet: the error names the setting to choose.
    let none = invoke(&main, "hours_renewal", json!({"year": null})).unwrap_err();
    assert_eq!(none["code"], "invalid_input");
    assert_eq!(none["field"], "association", "{none}");

    let settings = |extra: serde_json::Value| {
        let mut s = json!({"auto_lock_minutes": 10, "names_to_avoid": [], "rule_set": null,
            "provides_rsc": false});
        for (k, v) in extra.as_object().unwrap() {
            s[k] = v.clone();
        }
        invoke(&main, "save_settings", json!({ "settings": s }))
    };
    let saved = settings(
        json!({"association": "MI-AIMH", "endorsement_category": "ifs",
        "endorsed_on": "2020-03-01"}),
    )
    .unwrap();
    assert_eq!(
        (
            &saved["association"],
            &saved["endorsement_category"],
            &saved["endorsed_on"]
        ),
        (&json!("mi-aimh"), &json!("IFS"), &json!("2020-03-01"))
    );
    assert_eq!(
        code(settings(json!({"association": "atlantis"}))),
        "invalid_input"
    );

    // 12 h from an IMHM-C, one a month from February 2024: the renewal due 31 January 2025.
    for m in 0..12 {
        let date = format!("{}-{:02}-10", 2024 + (m + 1) / 12, (m + 1) % 12 + 1);
        invoke(
            &main,
            "save_session",
            json!({"request": {"draft": session(&date, 60, "individual", "Mo Reyes")}}),
        )
        .unwrap();
    }
    let r = invoke(&main, "hours_renewal", json!({"year": 2025})).unwrap();
    assert_eq!(r["year"], 2025);
    assert_eq!(
        (&r["from"], &r["due"]),
        (&json!("2024-02-01"), &json!("2025-01-31"))
    );
    assert_eq!(r["status"], "due");
    assert_eq!(r["rules"], "renewal/annual");
    assert_eq!(r["earlier_year"], 2024);
    assert_eq!(r["later_year"], 2026);
    assert_eq!(r["progress"]["counted_minutes"], 720);
    // No training logged: not met, and the shortfall says so.
    assert_eq!(r["progress"]["met"], false);
    // The year before counts none of them.
    let before = invoke(&main, "hours_renewal", json!({"year": 2024})).unwrap();
    assert_eq!(before["progress"]["counted_minutes"], 0);
    // Endorsed 1 March 2020: the renewal due 31 January 2020 was before it, the one due
    // 31 January 2021 (counting from February 2020) is the first, exempt.
    let first = invoke(&main, "hours_renewal", json!({"year": 2020})).unwrap();
    assert_eq!(first["status"], "before_endorsement");
    let exempt = invoke(&main, "hours_renewal", json!({"year": 2021})).unwrap();
    assert_eq!(exempt["status"], "first_year_exempt");
    assert_eq!(exempt["progress"], serde_json::Value::Null);
    assert_eq!(exempt["earlier_year"], serde_json::Value::Null);
}
