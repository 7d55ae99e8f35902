//! `attune provider set --since`: a provider's credentials with the day each began; a
//! session counts, and is exported, under the credential its provider held that day.

use std::process::Command;

use super::Vault;

fn add(v: &Vault, date: &str) {
    v.ok(&[
        "hours",
        "add",
        "--date",
        date,
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "Lucía Pérez",
        "--credential",
        "IMHM-C",
    ]);
}

#[test]
fn a_dated_credential_set_on_the_command_line_decides_what_counts_and_is_printed() {
    let v = Vault::new();
    add(&v, "2024-06-03");
    add(&v, "2025-06-02");
    // Before any date: counted as logged, both under IMHM-C.
    let rules = [
        "hours",
        "summary",
        "--rules",
        "imh-e/imhm-c",
        "--format",
        "json",
    ];
    assert_eq!(v.ok_json(&rules)["requirement"]["counted_minutes"], 120);

    // An IMHS since 2019 (written the older way), an IMHM-C since 15 January 2025.
    v.ok(&[
        "provider",
        "set",
        "Lucía Pérez",
        "--credential",
        "Level III",
        "--since",
        "2019-05-01",
        "--endorsement-number",
        "111",
        "--association",
        "MI-AIMH",
    ]);
    v.ok(&[
        "provider",
        "set",
        "lucía pérez",
        "--credential",
        "imhm-c",
        "--since",
        "2025-01-15",
        "--endorsement-number",
        "222",
    ]);
    let list = v.ok_json(&["provider", "list", "--json"]);
    let p = &list[0];
    let held: Vec<(&str, &str, &str)> = p["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["credential"].as_str().unwrap(),
                c["since"].as_str().unwrap(),
                c["endorsement_number"].as_str().unwrap(),
            )
        })
        .collect();
    // The IMHM-C logged with the sessions had no date: it got this one.
    assert_eq!(
        held,
        [
            ("IMHS", "2019-05-01", "111"),
            ("IMHM-C", "2025-01-15", "222")
        ]
    );
    assert_eq!(p["credential"], "IMHM-C");
    assert_eq!(p["endorsement_number"], "222");
    let table = v.ok(&["provider", "list"]);
    assert!(table.contains("since 2025-01-15"), "{table}");

    let s = v.ok_json(&rules);
    assert_eq!(s["requirement"]["counted_minutes"], 60);
    assert_eq!(
        s["requirement"]["not_counted"][0]["reason"],
        "credential_not_accepted"
    );

    // The CSV export names the credential held on each day.
    let csv = v.ok(&["hours", "summary", "--format", "csv"]);
    assert!(
        csv.contains("2024-06-03,60,individual,Lucía Pérez,IMHS,"),
        "{csv}"
    );
    assert!(
        csv.contains("2025-06-02,60,individual,Lucía Pérez,IMHM-C,"),
        "{csv}"
    );

    // The PDF prints each credential held, with its number and the sessions under it.
    let pdf = v.tmp("hours.pdf");
    v.ok(&[
        "hours",
        "summary",
        "--rules",
        "imh-e/imhm-c",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    for needle in [
        "IMHS, endorsement number 111, MI-AIMH, sessions 2024-06-03 to 2024-06-03",
        "IMHM-C, endorsement number 222, sessions 2025-06-02 to 2025-06-02",
        "IMHS, IMHM-C",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the PDF:\n{text}");
    }

    // Bad input: one error line, nothing written.
    v.fails(
        &[
            "provider",
            "set",
            "Lucía Pérez",
            "--credential",
            "IMHS",
            "--since",
            "2999-01-01",
        ],
        "since",
    );
    v.fails(
        &[
            "provider",
            "set",
            "Lucía Pérez",
            "--credential",
            "IMHS",
            "--since",
            "2019-02-30",
        ],
        "--since",
    );
    let r = v.run(&["provider", "set", "Lucía Pérez", "--since", "2019-05-01"]);
    assert_ne!(r.code, 0, "--since needs --credential");
}
