//! `attune hours`, `training`, `provider` and `rules`, tested by running the real binary.

use std::path::PathBuf;
use std::process::Command;

use crate::run::{assert_one_error, attune, snapshot, Run};

const PASS: &str = "a calm evening passphrase";

/// A vault in a temp dir, and the arguments every command needs to reach it.
struct Vault {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Vault {
    fn new() -> Vault {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        let v = Vault { _tmp: tmp, dir };
        let r = attune(
            &[
                "init",
                "--name",
                "Ana María",
                "--vault",
                v.d(),
                "--passphrase-stdin",
            ],
            &format!("{PASS}\n"),
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        v
    }

    fn d(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    fn tmp(&self, name: &str) -> PathBuf {
        self._tmp.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--vault", self.d(), "--passphrase-stdin"]);
        attune(&all, &format!("{PASS}\n"), None)
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    fn ok_json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    /// Runs a command that must fail with one `error:` line naming `needle`, and change
    /// nothing in the vault.
    fn fails(&self, args: &[&str], needle: &str) {
        let before = snapshot(&self.dir);
        assert_one_error(args, &self.run(args), needle);
        assert_eq!(
            before,
            snapshot(&self.dir),
            "{args:?}: a failed command changed the vault"
        );
    }

    fn sessions(&self) -> Vec<serde_json::Value> {
        self.ok_json(&["hours", "list", "--json"])
            .as_array()
            .unwrap()
            .clone()
    }
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

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
        "date,minutes,format,provider,credential,modality,about_rsc_provided,note\r\n"
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

    // Delete by prefix.
    v.ok(&["hours", "delete", &id[..6]]);
    assert_eq!(v.sessions().len(), 2);
}

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

    // A date in the future is accepted with a warning.
    let r = v.run(&[
        "hours",
        "add",
        "--date",
        "2099-01-01",
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "Ana",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("warning: date: 2099-01-01 is in the future"),
        "{}",
        r.stderr
    );
    assert_eq!(v.sessions().len(), 1);
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
    let text = format!(
        "\u{feff}{HEADER}\r\n{good}\r\n2025-02-10,90,group,\"Pérez, Lucía\",IMHM-C,virtual,no,\"said \"\"slow down\"\", then paused\"\r\n2030-01-01,30,individual,Ben,,,no,\r\n"
    );
    std::fs::write(&file, text).unwrap();
    let r = v.run(&["hours", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Imported 3 sessions"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("warning: line 4, column 1 (date): 2030-01-01 is in the future"),
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

#[test]
fn rules_training_and_providers() {
    // Rule sets need no vault.
    let r = attune(&["rules", "list"], "", None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in [
        "imh-e/ifs",
        "imh-e/ifrs",
        "imh-e/imhs",
        "imh-e/imhm-c",
        "ecmh-e/ecfs",
        "ecmh-e/ecmhs",
        "ecmh-e/ecmhm-c",
        "renewal/annual",
    ] {
        assert!(r.stdout.contains(id), "{id} not listed");
    }
    assert!(r.stdout.contains("source: https://"));
    let r = attune(&["rules", "list", "--json"], "", None);
    let sets: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mentor = sets
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "imh-e/imhm-c")
        .unwrap();
    assert_eq!(mentor["rsc"]["required_minutes"], 3000);
    assert_eq!(mentor["rsc"]["about_rsc_provided_minutes"], 1500);

    let v = Vault::new();
    let id = v.ok(&[
        "training",
        "add",
        "--date",
        "2025-03-01",
        "--minutes",
        "180",
        "--title",
        "Equity in home visiting",
        "--organiser",
        "MI-AIMH",
        "--dei",
    ]);
    assert_eq!(id.trim().len(), 32);
    v.ok(&[
        "training",
        "add",
        "--date",
        "2025-04-01",
        "--minutes",
        "900",
        "--title",
        "Providing RSC",
        "--providing-rsc",
    ]);
    let list = v.ok_json(&["training", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["title"], "Equity in home visiting");
    assert_eq!(list[0]["topics"], serde_json::json!(["dei"]));
    assert_eq!(list[1]["topics"], serde_json::json!(["providing-rsc"]));
    let table = v.ok(&["training", "list"]);
    assert!(
        table.contains("3:00  Equity in home visiting (MI-AIMH) [dei]"),
        "{table}"
    );
    let s = v.ok_json(&[
        "hours",
        "summary",
        "--rules",
        "renewal/annual",
        "--to",
        "2025-12-31",
        "--format",
        "json",
    ]);
    let t = &s["requirement"]["training"];
    assert_eq!(t["total"]["counted_minutes"], 1080);
    assert_eq!(t["met"], true);
    v.ok(&["training", "delete", id.trim()]);
    assert_eq!(
        v.ok_json(&["training", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Providers: set details that the PDF prints.
    v.ok(&[
        "provider",
        "set",
        "Lucía Pérez",
        "--credential",
        "imhm-c",
        "--endorsement-number",
        "12345",
    ]);
    v.ok(&[
        "hours",
        "add",
        "--date",
        "2025-01-10",
        "--minutes",
        "60",
        "--format",
        "individual",
        "--provider",
        "LUCÍA PÉREZ",
    ]);
    assert_eq!(v.sessions()[0]["credential"], "IMHM-C");
    v.ok(&["provider", "set", "lucía pérez", "--association", "MI-AIMH"]);
    let p = v.ok_json(&["provider", "list", "--json"]);
    let p = p.as_array().unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["name"], "Lucía Pérez");
    assert_eq!(p[0]["endorsement_number"], "12345");
    assert_eq!(p[0]["association"], "MI-AIMH");
}

#[test]
fn help_on_every_hours_command() {
    for args in [
        vec!["hours", "--help"],
        vec!["hours", "add", "--help"],
        vec!["hours", "import", "--help"],
        vec!["hours", "list", "--help"],
        vec!["hours", "summary", "--help"],
        vec!["hours", "delete", "--help"],
        vec!["training", "add", "--help"],
        vec!["training", "list", "--help"],
        vec!["training", "delete", "--help"],
        vec!["provider", "list", "--help"],
        vec!["provider", "set", "--help"],
        vec!["rules", "list", "--help"],
    ] {
        let r = attune(&args, "", None);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Usage:"), "{args:?}: {}", r.stdout);
    }
}
