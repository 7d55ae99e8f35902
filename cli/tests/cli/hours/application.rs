//! `attune hours application`: the RSC experiences of an application, one row per provider,
//! format and stretch of dates, as CSV (re-read by Python's csv module), JSON and a PDF
//! page (re-read by pdftotext); every export adds up to the minute.

use std::process::Command;

use super::Vault;

/// A day `days` from today, as the machine's `date` says it.
fn days_from_today(days: i64) -> String {
    let out = Command::new("date")
        .args(["+%F", "-d", &format!("{days} days")])
        .output()
        .expect("date runs");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// `hours add` with the fields these tests vary.
fn add(v: &Vault, date: &str, minutes: &str, format: &str, provider: &str, extra: &[&str]) {
    let mut args = vec![
        "hours",
        "add",
        "--date",
        date,
        "--minutes",
        minutes,
        "--format",
        format,
        "--provider",
        provider,
    ];
    args.extend_from_slice(extra);
    v.ok(&args);
}

/// Sessions with a credential that changes, a facilitated group, a peer group, a planned
/// session and one about the RSC the applicant provides.
fn vault() -> Vault {
    let v = Vault::new();
    for (credential, since, number) in [
        ("IMHS", "2019-05-01", "111"),
        ("IMHM-C", "2025-02-15", "222"),
    ] {
        v.ok(&[
            "provider",
            "set",
            "Lucía Pérez",
            "--credential",
            credential,
            "--since",
            since,
            "--endorsement-number",
            number,
            "--association",
            "MI-AIMH",
        ]);
    }
    let infant = ["--age-focus", "0-3", "--modality", "in-person"];
    add(&v, "2025-01-06", "60", "individual", "Lucía Pérez", &infant);
    add(
        &v,
        "2025-01-20",
        "90",
        "group",
        "Lucía Pérez",
        &["--facilitated", "--modality", "virtual"],
    );
    let about = [
        "--age-focus",
        "0-3",
        "--modality",
        "virtual",
        "--about-rsc-provided",
    ];
    add(&v, "2025-02-03", "75", "individual", "lucía pérez", &about);
    add(
        &v,
        "2025-02-10",
        "120",
        "group",
        "Ben Ode",
        &["--credential", "IMHS"],
    );
    add(&v, "2025-03-03", "61", "individual", "Lucía Pérez", &infant);
    add(
        &v,
        &days_from_today(7),
        "50",
        "individual",
        "Lucía Pérez",
        &infant,
    );
    v
}

/// The cells of a CSV file as Python's csv module reads them, as objects by header.
fn python_rows(v: &Vault, csv: &str) -> Vec<serde_json::Value> {
    let file = v.tmp("experiences.csv");
    std::fs::write(&file, csv).unwrap();
    let script = "import csv, json, sys\n\
with open(sys.argv[1], newline='', encoding='utf-8') as f:\n    rows = list(csv.DictReader(f))\n\
print(json.dumps(rows))\n";
    let out = Command::new("python3")
        .args(["-c", script, file.to_str().unwrap()])
        .output()
        .expect("python3 runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn cell<'a>(row: &'a serde_json::Value, column: &str) -> &'a str {
    row[column]
        .as_str()
        .unwrap_or_else(|| panic!("no {column} in {row}"))
}

#[test]
fn the_csv_has_one_row_per_experience_and_adds_up_to_the_minute() {
    let v = vault();
    let logged: u64 = v
        .sessions()
        .iter()
        .map(|s| s["minutes"].as_u64().unwrap())
        .sum();
    let csv = v.ok(&["hours", "application", "--rules", "imh-e/imhs"]);
    assert!(csv.starts_with(
        "provider,credential,endorsement_number,association,start_date,end_date,format,modality,sessions,minutes,clock_hours,about_rsc_provided_minutes,age_focus,counted,not_counted_reason\r\n"
    ));
    let rows = python_rows(&v, &csv);
    let summary: Vec<(&str, &str, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                cell(r, "provider"),
                cell(r, "credential"),
                cell(r, "endorsement_number"),
                cell(r, "start_date"),
                cell(r, "minutes"),
                cell(r, "counted"),
            )
        })
        .collect();
    let planned = days_from_today(7);
    assert_eq!(
        summary,
        [
            // The credential held changes on 2025-02-15: a new row with its number.
            ("Lucía Pérez", "IMHS", "111", "2025-01-06", "135", "yes"),
            ("Lucía Pérez", "IMHS", "111", "2025-01-20", "90", "yes"),
            ("Ben Ode", "IMHS", "", "2025-02-10", "120", "no"),
            ("Lucía Pérez", "IMHM-C", "222", "2025-03-03", "61", "yes"),
            ("Lucía Pérez", "IMHM-C", "222", &planned, "50", "no"),
        ]
    );
    assert_eq!(cell(&rows[0], "end_date"), "2025-02-03");
    assert_eq!(cell(&rows[0], "modality"), "in-person; virtual");
    assert_eq!(cell(&rows[0], "about_rsc_provided_minutes"), "75");
    assert_eq!(cell(&rows[1], "age_focus"), "not recorded");
    assert_eq!(cell(&rows[0], "association"), "MI-AIMH");
    assert!(cell(&rows[2], "not_counted_reason").contains("(peer consultation)"));
    assert!(cell(&rows[4], "not_counted_reason").contains("(planned)"));

    // To the minute: the rows hold every session once, and each clock_hours is its minutes.
    let mut total = 0u64;
    for r in &rows {
        let m: u64 = cell(r, "minutes").parse().unwrap();
        assert_eq!(cell(r, "clock_hours"), format!("{}:{:02}", m / 60, m % 60));
        total += m;
    }
    assert_eq!(total, logged);
    let sessions: u64 = rows
        .iter()
        .map(|r| cell(r, "sessions").parse::<u64>().unwrap())
        .sum();
    assert_eq!(sessions, 6);

    // The JSON says the same.
    let json = v.ok_json(&[
        "hours",
        "application",
        "--rules",
        "imh-e/imhs",
        "--format",
        "json",
    ]);
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), rows.len());
    assert_eq!(json[0]["endorsement_number"], "111");
    assert_eq!(json[2]["not_counted_reason"], "peer_group");
    assert_eq!(json[4]["not_counted_reason"], "planned");

    // A period leaves the other sessions out.
    let csv = v.ok(&[
        "hours",
        "application",
        "--rules",
        "imh-e/imhs",
        "--to",
        "2025-01-31",
    ]);
    let rows = python_rows(&v, &csv);
    assert_eq!(rows.len(), 2);
    assert_eq!(cell(&rows[0], "minutes"), "60");
}

#[test]
fn the_pdf_page_adds_up_to_the_minute() {
    let v = vault();
    let pdf = v.tmp("experiences.pdf");
    let r = v.run(&[
        "hours",
        "application",
        "--rules",
        "imh-e/imhs",
        "--format",
        "pdf",
        "--page-size",
        "letter",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("792 x 612 pts"),
        "letter, turned sideways: {info}"
    );
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Ana María",
        "Lucía Pérez",
        "Ben Ode",
        "IMHS, 111, MI-AIMH",
        "IMHM-C, 222, MI-AIMH",
        "no: peer consultation",
        "2025-01-06",
        "2025-02-03",
        "no: planned",
        "Why rows do not count",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the PDF:\n{text}");
    }
    // Each row: … format modality sessions hours about-RSC …; the rows' hours add up to the
    // total the page prints, which is every session's minutes.
    let hmm = |t: &str| -> u64 {
        let (h, m) = t.split_once(':').unwrap();
        h.parse::<u64>().unwrap() * 60 + m.parse::<u64>().unwrap()
    };
    let mut rows = 0u64;
    let mut sum = 0u64;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        // A row: the format comes right after the end date.
        let is_date = |w: &str| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-';
        let Some(f) = (1..words.len())
            .find(|&i| (words[i] == "individual" || words[i] == "group") && is_date(words[i - 1]))
        else {
            continue;
        };
        // The first "N h:mm h:mm" after the format: sessions, hours, about RSC.
        let rest = &words[f + 1..];
        let at = (0..rest.len().saturating_sub(2))
            .find(|&i| {
                rest[i].parse::<u64>().is_ok()
                    && rest[i + 1].contains(':')
                    && rest[i + 2].contains(':')
            })
            .unwrap_or_else(|| panic!("no hours in {line:?}"));
        sum += hmm(rest[at + 1]);
        rows += 1;
    }
    assert_eq!(rows, 5, "{text}");
    assert_eq!(sum, 60 + 90 + 75 + 120 + 61 + 50);
    let total = format!("In all: {}:{:02} in 6 sessions", sum / 60, sum % 60);
    assert!(text.contains(&total), "{total:?} not in:\n{text}");
    // Counted: 135 + 90 + 61 minutes (the peer group and the planned session are not).
    assert!(text.contains("Counted: 4:46 (4 h 46 min)"), "{text}");

    // A PDF needs a file; an unknown rule set is named.
    v.fails(
        &[
            "hours",
            "application",
            "--rules",
            "imh-e/imhs",
            "--format",
            "pdf",
        ],
        "--out",
    );
    v.fails(
        &["hours", "application", "--rules", "imh-e/nope"],
        "--rules",
    );
}
