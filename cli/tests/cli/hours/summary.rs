//! Logging sessions, listing them and summarising them (text, JSON, CSV, PDF).

use std::process::Command;

use super::{keys, Vault};

#[test]
fn add_list_and_summarise() {
    let v = Vault::new();
    let id = v.ok(&[
        "hours",
        "add",
        "--date",
        "2025-01-10",
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "Lucía Pérez",
        "--credential",
        "imhm-c",
        "--modality",
        "in-person",
        "--about-rsc-provided",
    ]);
    let id = id.trim().to_owned();
    assert_eq!(id.len(), 32, "hours add prints the id alone: {id:?}");
    // The credential is remembered per provider.
    v.ok(&[
        "hours",
        "add",
        "--date",
        "2025-02-10",
        "--minutes",
        "90",
        "--format",
        "group",
        "--provider",
        "lucía pérez",
        "--modality",
        "virtual",
        // Led by her: without the flag a group is peer consultation (issue 16).
        "--facilitated",
    ]);
    v.ok(&[
        "hours",
        "add",
        "--date",
        "2025-02-20",
        "--minutes",
        "45",
        "--format",
        "individual",
        "--provider",
        "Ben Ode",
        "--credential",
        "IMHS",
    ]);

    let list = v.sessions();
    assert_eq!(list.len(), 3);
    assert_eq!(
        keys(&list[0]),
        [
            "about_rsc_provided",
            "credential",
            "date",
            "format",
            "id",
            "minutes",
            "modality",
            "provider",
            "verified"
        ]
    );
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["date"], "2025-01-10");
    assert_eq!(list[0]["minutes"], 60);
    assert_eq!(list[0]["format"], "individual");
    assert_eq!(list[0]["credential"], "IMHM-C");
    assert_eq!(list[0]["modality"], "in-person");
    assert_eq!(list[0]["about_rsc_provided"], true);
    assert_eq!(list[0]["verified"], false);
    assert_eq!(list[1]["credential"], "IMHM-C");
    assert_eq!(list[2]["modality"], serde_json::Value::Null);
    let table = v.ok(&["hours", "list"]);
    assert!(
        table.contains("Lucía Pérez (IMHM-C)") && table.contains("not attested"),
        "{table}"
    );

    let s = v.ok_json(&["hours", "summary", "--format", "json"]);
    for k in [
        "from",
        "to",
        "total_minutes",
        "individual_minutes",
        "group_minutes",
        "by_provider",
    ] {
        assert!(s.get(k).is_some(), "summary lacks {k}: {s}");
    }
    assert!(s.get("requirement").is_none());
    assert_eq!(s["from"], "2025-01-10");
    assert_eq!(s["to"], "2025-02-20");
    assert_eq!(s["total_minutes"], 195);
    assert_eq!(s["individual_minutes"], 105);
    assert_eq!(s["group_minutes"], 90);
    let by = s["by_provider"].as_array().unwrap();
    assert_eq!(by[0]["provider"], "Lucía Pérez");
    assert_eq!(by[0]["credential"], "IMHM-C");
    assert_eq!(by[0]["minutes"], 150);
    assert_eq!(by[1]["minutes"], 45);

    let s = v.ok_json(&[
        "hours",
        "summary",
        "--from",
        "2025-02-01",
        "--to",
        "2025-02-28",
        "--rules",
        "imh-e/imhm-c",
        "--format",
        "json",
    ]);
    assert_eq!(s["from"], "2025-02-01");
    assert_eq!(s["total_minutes"], 135);
    let r = &s["requirement"];
    for k in [
        "id",
        "met",
        "required_minutes",
        "counted_minutes",
        "shortfalls",
    ] {
        assert!(r.get(k).is_some(), "requirement lacks {k}: {r}");
    }
    assert_eq!(r["id"], "imh-e/imhm-c");
    assert_eq!(r["met"], false);
    assert_eq!(r["required_minutes"], 3000);
    assert_eq!(r["counted_minutes"], 90);
    let shortfalls: Vec<&str> = r["shortfalls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        shortfalls.contains(&"48 h 30 min more needed (50 h of RSC required; 1 h 30 min count)"),
        "{shortfalls:?}"
    );

    let text = v.ok(&["hours", "summary", "--rules", "imh-e/ifs"]);
    for needle in [
        "Total",
        "3:15",
        "Lucía Pérez (IMHM-C)",
        "2025-02",
        "Infant Family Specialist",
        "more needed",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text}");
    }

    // CSV of a period re-imports into another vault; the same file twice adds nothing.
    let csv_file = v.tmp("export.csv");
    v.ok(&[
        "hours",
        "summary",
        "--format",
        "csv",
        "--out",
        csv_file.to_str().unwrap(),
    ]);
    let csv = std::fs::read_to_string(&csv_file).unwrap();
    assert!(csv.starts_with(
        "date,minutes,format,provider,credential,modality,about_rsc_provided,note,facilitated,age_focus\r\n"
    ));
    assert_eq!(csv, v.ok(&["hours", "summary", "--format", "csv"]));
    let other = Vault::new();
    let out = other.ok(&["hours", "import", csv_file.to_str().unwrap()]);
    assert!(
        out.contains("Imported 3 sessions and 2 new providers."),
        "{out}"
    );
    let out = other.ok(&["hours", "import", csv_file.to_str().unwrap()]);
    assert!(
        out.contains("Imported 0 sessions.") && out.contains("Skipped 3 already logged"),
        "{out}"
    );
    let mut a = v.sessions();
    let mut b = other.sessions();
    for x in a.iter_mut().chain(b.iter_mut()) {
        x.as_object_mut().unwrap().remove("id");
    }
    assert_eq!(a, b);

    // PDF.
    let pdf = v.tmp("hours.pdf");
    let r = v.run(&[
        "hours",
        "summary",
        "--rules",
        "imh-e/imhm-c",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Ana María",
        "Lucía Pérez",
        "Ben Ode",
        "3:15 (3 h 15 min)",
        "not attested",
        "Infant Mental Health Mentor",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the PDF:\n{text}");
    }
    // On US Letter when asked (by default, the paper of the locale).
    let letter = v.tmp("letter.pdf");
    let args = [
        "hours",
        "summary",
        "--format",
        "pdf",
        "--page-size",
        "letter",
        "--out",
        letter.to_str().unwrap(),
    ];
    let r = v.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let info = Command::new("pdfinfo")
        .arg(&letter)
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let mut legal = args;
    legal[5] = "legal";
    let r = v.run(&legal);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("--page-size") && r.stderr.contains("not a4 or letter"),
        "{}",
        r.stderr
    );

    // Delete by prefix.
    v.ok(&["hours", "delete", &id[..6]]);
    assert_eq!(v.sessions().len(), 2);
}
