//! Bad input refused with nothing written, and the CSV import, all rows or none.

use super::Vault;

#[test]
fn bad_input_is_refused_and_nothing_written() {
    let v = Vault::new();
    let add = |minutes: &str, format: &str, date: &str| {
        vec![
            "hours".to_owned(),
            "add".into(),
            "--date".into(),
            date.into(),
            "--minutes".into(),
            minutes.into(),
            "--format".into(),
            format.into(),
            "--provider".into(),
            "Ana".into(),
        ]
    };
    for (args, needle) in [
        (add("0", "individual", "2025-01-10"), "--minutes"),
        (add("-30", "individual", "2025-01-10"), "--minutes"),
        (add("100000", "individual", "2025-01-10"), "--minutes"),
        (add("1.5", "individual", "2025-01-10"), "--minutes"),
        (add("60", "peer", "2025-01-10"), "--format"),
        (add("60", "group", "10/01/2025"), "--date"),
        (add("60", "group", "2025-02-30"), "--date"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        v.fails(&args, needle);
    }
    let mut with = add("60", "group", "2025-01-10");
    with.extend(["--modality".into(), "zoom".into()]);
    let args: Vec<&str> = with.iter().map(String::as_str).collect();
    v.fails(&args, "--modality");
    let mut with = add("60", "group", "2025-01-10");
    with.extend(["--credential".into(), "IMHM-C; x".into()]);
    let args: Vec<&str> = with.iter().map(String::as_str).collect();
    v.fails(&args, "--credential");
    let mut with = add("60", "group", "2025-01-10");
    with.extend(["--reflection".into(), "0123456789abcdef".into()]);
    let args: Vec<&str> = with.iter().map(String::as_str).collect();
    v.fails(&args, "--reflection");
    v.fails(&["hours", "summary", "--rules", "imh-e/nope"], "--rules");
    v.fails(&["hours", "summary", "--format", "pdf"], "--out");
    v.fails(
        &[
            "hours",
            "summary",
            "--from",
            "2025-03-01",
            "--to",
            "2025-01-01",
        ],
        "--from",
    );
    v.fails(&["hours", "delete", "ffff"], "no session");
    v.fails(
        &[
            "training",
            "add",
            "--date",
            "2025-01-01",
            "--minutes",
            "0",
            "--title",
            "x",
        ],
        "--minutes",
    );
    v.fails(
        &[
            "training",
            "add",
            "--date",
            "2025-01-01",
            "--minutes",
            "60",
            "--title",
            " ",
        ],
        "--title",
    );

    // A date more than a year ahead is a typo: refused.
    let add_on = |date: &str| {
        v.run(&[
            "hours",
            "add",
            "--date",
            date,
            "--minutes",
            "60",
            "--format",
            "individual",
            "--provider",
            "Ana",
        ])
    };
    let r = add_on("2099-01-01");
    assert!(
        r.code != 0
            && r.stderr
                .contains("--date: 2099-01-01 is more than a year ahead"),
        "{}",
        r.stderr
    );
    let r = add_on("1899-12-31");
    assert!(
        r.code != 0 && r.stderr.contains("--date: 1899-12-31 is before 1900"),
        "{}",
        r.stderr
    );
    assert!(v.sessions().is_empty());
    // A date in the future within the year is accepted with a warning.
    let soon = in_a_month();
    let r = add_on(&soon);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with(&format!("warning: date: {soon} is in the future")),
        "{}",
        r.stderr
    );
    assert_eq!(v.sessions().len(), 1);
}

/// A day a month from today, as `YYYY-MM-DD`: ahead, but within the year a session may be.
fn in_a_month() -> String {
    (chrono::Local::now().date_naive() + chrono::Days::new(30))
        .format("%Y-%m-%d")
        .to_string()
}

const HEADER: &str = "date,minutes,format,provider,credential,modality,about_rsc_provided,note";

#[test]
fn csv_import_is_all_or_nothing() {
    let v = Vault::new();
    let good = "2025-01-10,60,individual,Lucía Pérez,IMHM-C,in-person,yes,ok";
    let cases: Vec<(String, &str)> = vec![
        (format!("{HEADER}\n{good}\n2025-13-01,60,individual,A,,,no,\n"), "line 3, column 1 (date)"),
        (format!("{HEADER}\n{good}\n01/02/2025,60,individual,A,,,no,\n"), "line 3, column 1 (date)"),
        (format!("{HEADER}\n{good}\n2025-01-11,0,individual,A,,,no,\n"), "line 3, column 2 (minutes)"),
        (format!("{HEADER}\n{good}\n2025-01-11,-60,individual,A,,,no,\n"), "line 3, column 2 (minutes)"),
        (format!("{HEADER}\n{good}\n2025-01-11,6000,individual,A,,,no,\n"), "line 3, column 2 (minutes)"),
        (format!("{HEADER}\n{good}\n2025-01-11,60,peer,A,,,no,\n"), "line 3, column 3 (format)"),
        (format!("{HEADER}\n{good}\n2025-01-11,60,group,A,,,no,x,y\n"), "line 3, column 9"),
        (format!("{HEADER}\n{good}\n2025-01-11,60,group,A\n"), "line 3, column 5 (credential)"),
        (format!("{good}\n"), "line 1, column 1 (date)"),
        ("date,minutes,format,provider,credential,modality,note\n".to_owned(), "line 1, column 7 (about_rsc_provided)"),
        (format!("date,format,minutes,provider,credential,modality,about_rsc_provided,note\n{good}\n"), "line 1, column 2 (minutes)"),
        (format!("{HEADER},extra\n{good}\n"), "line 1, column 9"),
        (String::new(), "empty"),
        // A note with an unquoted comma is an extra column.
        (format!("{HEADER}\n2025-01-11,60,group,A,,,no,first, then\n"), "line 2, column 9"),
        // Line numbers count a line break inside a quoted note.
        (format!("{HEADER}\n2025-01-11,60,group,A,,,no,\"two\nlines\"\n2025-01-12,60,group,A,,,maybe,\n"), "line 4, column 7 (about_rsc_provided)"),
    ];
    let file = v.tmp("in.csv");
    for (text, needle) in &cases {
        std::fs::write(&file, text).unwrap();
        v.fails(&["hours", "import", file.to_str().unwrap()], needle);
    }
    v.fails(
        &["hours", "import", v.tmp("missing.csv").to_str().unwrap()],
        "missing.csv",
    );
    assert!(v.sessions().is_empty(), "nothing imported");

    // What spreadsheets write: a byte-order mark, CRLF, quoted commas and quotes.
    let soon = in_a_month();
    let text = format!(
        "\u{feff}{HEADER}\r\n{good}\r\n2025-02-10,90,group,\"Pérez, Lucía\",IMHM-C,virtual,no,\"said \"\"slow down\"\", then paused\"\r\n{soon},30,individual,Ben,,,no,\r\n"
    );
    std::fs::write(&file, text).unwrap();
    let r = v.run(&["hours", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Imported 3 sessions"), "{}", r.stdout);
    assert!(
        r.stderr.contains(&format!(
            "warning: line 4, column 1 (date): {soon} is in the future"
        )),
        "{}",
        r.stderr
    );
    let list = v.sessions();
    assert_eq!(list[1]["provider"], "Pérez, Lucía");
    let csv = v.ok(&["hours", "summary", "--format", "csv"]);
    assert!(
        csv.contains("\"said \"\"slow down\"\", then paused\""),
        "{csv}"
    );

    // Twice: duplicates are reported, not doubled.
    let r = v.run(&["hours", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Imported 0 sessions."), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Skipped 3 already logged (not added twice): line 2, line 3, line 4."),
        "{}",
        r.stdout
    );
    assert_eq!(v.sessions().len(), 3);
}

/// `hours add --reflection` takes a short id prefix as `share --entries` does (issue 20);
/// an unknown or ambiguous prefix is refused naming the option, and nothing is saved.
#[test]
fn a_reflection_is_linked_by_a_short_id_prefix() {
    let v = Vault::new();
    let add_entry = |title: &str| {
        let json =
            format!(r#"{{"kind":"supervision","date":"2025-01-09","title":"{title}","self":"x"}}"#);
        let r = crate::run::attune(
            &[
                "entry",
                "add",
                "--json",
                "-",
                "--vault",
                v.d(),
                "--passphrase-stdin",
            ],
            &format!("{}\n{json}", super::PASS),
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.trim().to_owned()
    };
    let ids: Vec<String> = (0..2).map(|i| add_entry(&format!("R{i}"))).collect();
    let add = |link: &str| {
        vec![
            "hours".to_owned(),
            "add".into(),
            "--date".into(),
            "2025-01-10".into(),
            "--minutes".into(),
            "60".into(),
            "--format".into(),
            "individual".into(),
            "--provider".into(),
            "Ana".into(),
            "--reflection".into(),
            link.into(),
        ]
    };
    let args = add("ffff0000ffff0000");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    v.fails(
        &args,
        "--reflection: no reflection with id ffff0000ffff0000",
    );
    // Fewer than 4 characters name nothing.
    let args = add(&ids[0][..3]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    v.fails(&args, "--reflection: no reflection with id");
    // As typed: upper case, the first 6 characters.
    let args = add(&ids[0][..6].to_uppercase());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let id = v.ok(&args).trim().to_owned();
    let vault =
        attune_core::Vault::unlock(&v.dir, attune_core::Unlock::Passphrase(super::PASS)).unwrap();
    let saved = vault
        .hours()
        .session(&id)
        .unwrap()
        .content
        .reflections
        .clone();
    vault.lock().unwrap();
    assert_eq!(saved, vec![ids[0].clone()], "the whole id is kept");
}
