//! `attune provided`: the RSC a supervisor or mentor provides, logged, listed with totals
//! beside the RSC received, deleted; bad input names its option and changes nothing.

use super::Vault;

#[test]
fn rsc_provided_add_list_delete() {
    let v = Vault::new();
    let today = chrono::Local::now().date_naive();
    let day = |ago: u64| {
        (today - chrono::Days::new(ago))
            .format("%Y-%m-%d")
            .to_string()
    };
    let first = v.ok(&[
        "provided",
        "add",
        "--date",
        &day(7),
        "--minutes",
        "60",
        "--supervisee",
        "J. R.",
        "--modality",
        "virtual",
    ]);
    assert_eq!(first.trim().len(), 32);
    v.ok(&[
        "provided",
        "add",
        "--date",
        &day(2),
        "--minutes",
        "90",
        "--format",
        "group",
        "--supervisee",
        "Tuesday group",
    ]);
    v.ok(&[
        "hours",
        "add",
        "--date",
        &day(3),
        "--minutes",
        "45",
        "--format",
        "individual",
        "--provider",
        "Lucía Pérez",
    ]);

    let text = v.ok(&["provided", "list"]);
    assert!(
        text.contains("Provided: 2:30 h in 2 sessions to 2 people or groups (1:00 h individual, 1:30 h group)."),
        "{text}"
    );
    assert!(text.contains("Received: 0:45 h in 1 session."), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Tuesday group"), "newest first: {text}");

    let json = v.ok_json(&["provided", "list", "--from", &day(3), "--json"]);
    assert_eq!(json["provided"]["minutes"], 90);
    assert_eq!(json["received_minutes"], 45);

    // Bad input names its option and changes nothing.
    v.fails(
        &[
            "provided",
            "add",
            "--date",
            &day(0),
            "--minutes",
            "60",
            "--format",
            "pair",
            "--supervisee",
            "K. L.",
        ],
        "--format",
    );
    let tomorrow = (today + chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    v.fails(
        &[
            "provided",
            "add",
            "--date",
            &tomorrow,
            "--minutes",
            "60",
            "--supervisee",
            "K. L.",
        ],
        "--date",
    );
    v.fails(
        &[
            "provided",
            "add",
            "--date",
            &day(0),
            "--minutes",
            "60",
            "--supervisee",
            " ",
        ],
        "--supervisee",
    );

    v.ok(&["provided", "delete", &first.trim()[..6]]);
    let json = v.ok_json(&["provided", "list", "--json"]);
    assert_eq!(json["provided"]["sessions"], 1);
}
