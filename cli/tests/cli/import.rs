//! `attune import`: a journal written and exported by the real jrnl (from PyPI, installed by
//! the test command) comes in as notes; Attune's own exports come back into a new vault as
//! they were; a second import adds nothing; a bad entry imports nothing and is named.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{assert_one_error, attune, init_at, run_in, Run};

const PASS: &str = "a calm evening passphrase";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Run {
    run_in(dir, args, stdin)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let r = run(dir, args, &format!("{PASS}\n"));
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn init(dir: &Path) {
    init_at(dir, PASS);
}

fn entries(dir: &Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&ok(dir, &["entry", "list", "--json"])).unwrap();
    let mut list = v.as_array().unwrap().clone();
    list.sort_by_key(|e| e["date"].as_str().unwrap().to_owned());
    list
}

/// The jrnl the test command installs (scripts/setup.sh, `ensure_jrnl`).
fn jrnl() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py-jrnl/bin/jrnl");
    assert!(
        venv.is_file(),
        "jrnl is not installed; scripts/test.sh installs it (ensure_jrnl)"
    );
    venv
}

/// A journal written with the real jrnl, exported as JSON.
fn jrnl_export(tmp: &Path) -> PathBuf {
    let config = tmp.join("jrnl.yaml");
    std::fs::write(
        &config,
        format!(
            "colors: {{body: none, date: none, tags: none, title: none}}\ndefault_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\njournals:\n  default:\n    journal: {}\nlinewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.2\n",
            tmp.join("journal.txt").display()
        ),
    )
    .unwrap();
    let jrnl = |args: &[&str]| {
        let out = Command::new(jrnl())
            .arg("--config-file")
            .arg(&config)
            .args(args)
            .env("HOME", tmp)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("jrnl runs");
        assert!(
            out.status.success(),
            "jrnl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    jrnl(&["2024-05-01 21:30: Long day. The visit ran late; Lucía held the baby. @work"]);
    jrnl(&["2024-05-02 08:00: Quiet morning 😊. Nothing to add."]);
    let file = tmp.join("jrnl.json");
    std::fs::write(&file, jrnl(&["--format", "json"])).unwrap();
    file
}

#[test]
fn a_jrnl_journal_comes_in_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init(&dir);
    let file = jrnl_export(tmp.path());
    let f = file.to_str().unwrap();

    let said = ok(&dir, &["import", f, "--from", "jrnl", "--dry-run"]);
    assert!(said.starts_with("Would import 2 reflections (from 2024-05-01 to 2024-05-02); 0 already imported, skipped."), "{said}");
    assert!(
        said.contains("Not kept: the time of day of each entry.")
            && said.contains("Nothing was changed"),
        "{said}"
    );
    assert!(entries(&dir).is_empty());

    let said = ok(
        &dir,
        &["import", f, "--from", "jrnl", "--kind", "supervision"],
    );
    assert!(said.starts_with("Imported 2 reflections"), "{said}");
    let list = entries(&dir);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["title"], "Long day.");
    assert_eq!(list[0]["kind"], "supervision", "the kind given");
    assert_eq!(list[0]["tags"], serde_json::json!(["work"]));
    assert_eq!(list[1]["title"], "Quiet morning 😊.");
    // A backup was taken before.
    let backups: Vec<_> = std::fs::read_dir(dir.join("backups")).unwrap().collect();
    assert_eq!(backups.len(), 1);

    // Again: nothing added.
    let said = ok(&dir, &["import", f, "--from", "jrnl"]);
    assert!(
        said.starts_with("Imported 0 reflections; 2 already imported, skipped."),
        "{said}"
    );
    assert_eq!(entries(&dir).len(), 2);

    // A bad entry: nothing imported, the entry and field named.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"entries": [{"title": "fine", "body": "", "date": "2024-06-01"}, {"title": "x", "date": "2024-06-31"}]}"#).unwrap();
    let args = [
        "import",
        bad.to_str().unwrap(),
        "--from",
        "jrnl",
        "--vault",
        dir.to_str().unwrap(),
        "--passphrase-stdin",
    ];
    assert_one_error(
        &args,
        &attune(&args, &format!("{PASS}\n"), None),
        "entry 2: date",
    );
    assert_eq!(entries(&dir).len(), 2);
}

#[test]
fn attune_exports_come_back_as_they_were() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init(&dir);
    for json in [
        r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath","family":"Rowan","tags":["sleep"],"parent_infant":"She held him.\r\n## Not a heading","self":"Tired 😊"}"#,
        r#"{"kind":"supervision","date":"2026-03-01","title":"Niño","for_supervision":"Ask about endings"}"#,
    ] {
        let r = run(
            &dir,
            &["entry", "add", "--json", "-"],
            &format!("{PASS}\n{json}"),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let md = tmp.path().join("md");
    let json = tmp.path().join("journal.json");
    ok(
        &dir,
        &[
            "export",
            "--format",
            "markdown",
            "--out",
            md.to_str().unwrap(),
        ],
    );
    ok(
        &dir,
        &[
            "export",
            "--format",
            "json",
            "--out",
            json.to_str().unwrap(),
        ],
    );
    // Markdown carries no times: compared without them; JSON gives back everything.
    let strip = |mut l: Vec<serde_json::Value>| {
        for e in &mut l {
            let o = e.as_object_mut().unwrap();
            o.remove("created_at");
            o.remove("updated_at");
        }
        l
    };
    let original = entries(&dir);

    // Into the same vault: they are already there.
    let said = ok(
        &dir,
        &["import", md.to_str().unwrap(), "--from", "markdown"],
    );
    assert!(
        said.starts_with("Imported 0 reflections; 2 already imported"),
        "{said}"
    );

    for (path, from) in [(&md, "markdown"), (&json, "json")] {
        let other = tmp.path().join(format!("other-{from}"));
        init(&other);
        let said = ok(&other, &["import", path.to_str().unwrap(), "--from", from]);
        assert!(said.starts_with("Imported 2 reflections"), "{from}: {said}");
        let back = entries(&other);
        if from == "json" {
            assert_eq!(back, original);
        } else {
            assert_eq!(strip(back), strip(original.clone()), "{from}");
        }
        let said = ok(&other, &["import", path.to_str().unwrap(), "--from", from]);
        assert!(
            said.starts_with("Imported 0 reflections; 2 already imported"),
            "{from}: {said}"
        );
    }
}

/// The committed fixtures of the other journals (tests/fixtures/import/, with their sources in
/// a README): each comes in once, dated and tagged as its format says.
#[test]
fn day_one_standard_notes_and_obsidian_come_in_once() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for (file, from, expect) in [
        // 04:30 UTC on 2 May is the evening of 1 May in California.
        (
            "dayone-export.zip",
            "dayone",
            vec![
                ("2024-05-01", "After the visit", vec!["work"]),
                ("2024-05-03", "Supervision tomorrow", vec![]),
            ],
        ),
        (
            "dayone-Journal.json",
            "dayone",
            vec![
                ("2024-05-01", "After the visit", vec!["work"]),
                ("2024-05-03", "Supervision tomorrow", vec![]),
            ],
        ),
        (
            "standardnotes-backup.txt",
            "standardnotes",
            vec![("2024-05-01", "After the visit", vec!["work"])],
        ),
        (
            "obsidian",
            "markdown",
            vec![
                ("2024-05-01", "After the visit", vec!["work", "sleep"]),
                ("2024-05-06", "2024-05-06 Notes for supervision", vec![]),
            ],
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("vault");
        init(&dir);
        let path = fixtures.join(file);
        let said = ok(&dir, &["import", path.to_str().unwrap(), "--from", from]);
        assert!(
            said.starts_with(&format!("Imported {} reflection", expect.len())),
            "{file}: {said}"
        );
        let got: Vec<(String, String, Vec<String>)> = entries(&dir)
            .iter()
            .map(|e| {
                (
                    e["date"].as_str().unwrap().to_owned(),
                    e["title"].as_str().unwrap().to_owned(),
                    e["tags"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|t| t.as_str().unwrap().to_owned())
                        .collect(),
                )
            })
            .collect();
        let want: Vec<(String, String, Vec<String>)> = expect
            .iter()
            .map(|(d, t, tags)| {
                (
                    (*d).to_owned(),
                    (*t).to_owned(),
                    tags.iter().map(|s| (*s).to_owned()).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "{file}");
        let said = ok(&dir, &["import", path.to_str().unwrap(), "--from", from]);
        assert!(
            said.starts_with(&format!(
                "Imported 0 reflections; {} already imported",
                expect.len()
            )),
            "{file}: {said}"
        );
    }
    // Day One says what it leaves out.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init(&dir);
    let said = ok(
        &dir,
        &[
            "import",
            fixtures.join("dayone-export.zip").to_str().unwrap(),
            "--from",
            "dayone",
            "--dry-run",
        ],
    );
    assert!(said.contains("Not kept: photos and other media (1 entry); places (1 entry); weather (1 entry); starred marks (1 entry)."), "{said}");
}
