//! `attune portfolio`: the checklist of an application's other parts, items added, edited
//! and deleted; bad input names its option and changes nothing.

use super::Vault;

#[test]
fn portfolio_checklist_add_edit_delete() {
    let v = Vault::new();
    let id = v.ok(&[
        "portfolio",
        "add",
        "--part",
        "reference",
        "--title",
        "Sam Rivera",
        "--status",
        "requested",
        "--rater-role",
        "rsc-provider",
        "--known-months",
        "26",
        "--date",
        "2026-10-01",
    ]);
    let id = id.trim().to_owned();
    assert_eq!(id.len(), 32);

    let text = v.ok(&["portfolio", "checklist", "--category", "imh-e/imhs"]);
    assert!(text.contains("Infant Mental Health Specialist"), "{text}");
    assert!(text.contains("does not judge"), "{text}");
    assert!(text.contains("A written exam."), "{text}");
    assert!(
        text.contains("requested  Sam Rivera, 2026-10-01, rsc-provider, known 26 months"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains(" met"), "{text}");

    v.ok(&["portfolio", "edit", &id[..6], "--status", "done"]);
    let json = v.ok_json(&[
        "portfolio",
        "checklist",
        "--category",
        "imh-e/ifs",
        "--json",
    ]);
    assert_eq!(json["parts"][2]["done"], 1);
    assert_eq!(json["parts"][3]["asked"]["asked"], false);

    // Bad input names its option and changes nothing.
    v.fails(
        &["portfolio", "add", "--part", "degree", "--title", "MSW"],
        "--part",
    );
    v.fails(
        &[
            "portfolio",
            "add",
            "--part",
            "exam",
            "--title",
            "Exam",
            "--rater-role",
            "colleague",
        ],
        "--rater-role",
    );
    v.fails(
        &["portfolio", "edit", &id, "--known-months", "many"],
        "--known-months",
    );
    v.fails(
        &["portfolio", "checklist", "--category", "imh-e/nope"],
        "imh-e/nope",
    );

    v.ok(&["portfolio", "delete", &id[..8]]);
    let json = v.ok_json(&["portfolio", "checklist", "--json"]);
    assert!(json["parts"][2]["items"].as_array().unwrap().is_empty());
    assert_eq!(json["category"], serde_json::Value::Null);
}
