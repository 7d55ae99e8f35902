//! The command-line contract for the vault and the journal: init, unlock-check, entries,
//! search, passphrase change, help.

use std::path::Path;

use crate::run::{assert_one_error, attune, snapshot};

const PASS: &str = "a calm evening passphrase";

fn ok(args: &[&str], stdin: &str) -> String {
    let r = attune(args, stdin, None);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}

/// Runs a command that must succeed and prints JSON; returns it parsed.
fn ok_json(args: &[&str], stdin: &str) -> serde_json::Value {
    let out = ok(args, stdin);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

/// Runs a command that must fail: exit non-zero, one `error:` line naming `needle`.
fn fails(args: &[&str], stdin: &str, needle: &str) {
    assert_one_error(args, &attune(args, stdin, None), needle);
}

fn init(dir: &Path) -> String {
    let d = dir.to_str().unwrap();
    let out = ok(
        &["init", "--vault", d, "--name", "Ana", "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    // The recovery key is the one line of 14 hyphen-separated groups.
    out.lines()
        .find(|l| l.split('-').count() == 14)
        .unwrap_or_else(|| panic!("no recovery key in {out}"))
        .to_owned()
}

#[test]
fn init_unlock_check_and_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let d = dir.to_str().unwrap();
    let key = init(&dir);
    ok(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    // Global options also come before the command, and the vault from the environment.
    ok(
        &["--passphrase-stdin", "--vault", d, "unlock-check"],
        &format!("{PASS}\n"),
    );
    let r = attune(
        &["unlock-check", "--passphrase-stdin"],
        &format!("{PASS}\n"),
        Some(&dir),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    ok(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{}\n", key.to_lowercase()),
    );

    let before = snapshot(&dir);
    fails(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        "wrong passphrase\n",
        "passphrase does not open",
    );
    fails(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        "",
        "standard input ended",
    );
    let mut typo = key.clone().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    fails(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{}\n", String::from_utf8(typo).unwrap()),
        "typo",
    );
    fails(
        &["init", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
        "already exists",
    );
    assert_eq!(before, snapshot(&dir), "a failed command changed the vault");

    let empty = tmp.path().join("none");
    fails(
        &[
            "unlock-check",
            "--vault",
            empty.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "x\n",
        "no Attune vault",
    );
    fails(
        &[
            "init",
            "--vault",
            empty.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "short\n",
        "at least 8",
    );
    assert!(!empty.join("attune.vault").exists());
}

#[test]
fn entries_add_list_show_search_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let d = dir.to_str().unwrap();
    init(&dir);
    let stdin = |rest: &str| format!("{PASS}\n{rest}");

    let json = r#"{"kind":"home_visit","date":"2026-03-02","title":"Bath time","family":"Rowan",
        "tags":["sleep"],"parent_infant":"Mother held the baby; Lucía smiled",
        "practitioner_parent":"She asked if she was doing it right","supervisor_practitioner":"Slow down",
        "self":"I felt protective","for_supervision":"My urge to reassure"}"#;
    let file = tmp.path().join("r.json");
    std::fs::write(&file, json).unwrap();
    let id = ok(
        &[
            "entry",
            "add",
            "--json",
            file.to_str().unwrap(),
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    let id = id.trim().to_owned();
    assert_eq!(id.len(), 32, "entry add prints the id alone: {id:?}");
    let id2 = ok(
        &[
            "entry",
            "add",
            "--json",
            "-",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(
            r#"{"kind":"note","date":"2026-03-04","title":"Group supervision","tags":["group"]}"#,
        ),
    );
    let id2 = id2.trim().to_owned();

    let list = ok_json(
        &[
            "entry",
            "list",
            "--json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], id2.as_str(), "newest date first");
    assert_eq!(list[1]["self"], "I felt protective");
    assert_eq!(list[1]["tags"][0], "sleep");
    let table = ok(
        &[
            "entry",
            "list",
            "--vault",
            d,
            "--passphrase-stdin",
            "--family",
            "rowan",
        ],
        &stdin(""),
    );
    assert!(
        table.contains("Bath time") && !table.contains("Group supervision"),
        "{table}"
    );

    let shown = ok(
        &[
            "entry",
            "show",
            &id[..6],
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    assert!(
        shown.contains("Parent and infant") && shown.contains("Lucía smiled"),
        "{shown}"
    );
    let shown = ok_json(
        &[
            "entry",
            "show",
            &id,
            "--json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    assert_eq!(shown["kind"], "home_visit");

    let hits = ok_json(
        &[
            "search",
            "LUCIA smil",
            "--json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["id"], id.as_str());
    let none = ok(
        &[
            "search",
            "nothing-like-this",
            "--json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&none).unwrap(),
        serde_json::json!([])
    );

    // Bad input: a clear message naming the field, and nothing written.
    let before = snapshot(&dir);
    for (input, needle) in [
        (
            r#"{"kind":"visit","date":"2026-03-02","title":"x"}"#,
            "kind",
        ),
        (r#"{"kind":"note","date":"16 May","title":"x"}"#, "date"),
        (
            r#"{"kind":"note","date":"2026-03-02","titel":"x"}"#,
            "titel",
        ),
        (r#"{"kind":"note","date":"2026-03-02""#, "line 1"),
        (r#"{"kind":"note","date":"2026-03-02"}"#, "empty"),
    ] {
        fails(
            &[
                "entry",
                "add",
                "--json",
                "-",
                "--vault",
                d,
                "--passphrase-stdin",
            ],
            &stdin(input),
            needle,
        );
    }
    fails(
        &[
            "entry",
            "add",
            "--json",
            "/no/such/file.json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
        "/no/such/file.json",
    );
    fails(
        &["entry", "show", "zzzz", "--vault", d, "--passphrase-stdin"],
        &stdin(""),
        "no reflection",
    );
    fails(
        &[
            "entry",
            "list",
            "--from",
            "March",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
        "--from",
    );
    assert_eq!(before, snapshot(&dir));

    ok(
        &["entry", "delete", &id, "--vault", d, "--passphrase-stdin"],
        &stdin(""),
    );
    fails(
        &["entry", "show", &id, "--vault", d, "--passphrase-stdin"],
        &stdin(""),
        "no reflection",
    );
    let left = ok_json(
        &[
            "entry",
            "list",
            "--json",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &stdin(""),
    );
    assert_eq!(left.as_array().unwrap().len(), 1);
}

#[test]
fn passphrase_change_through_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let d = dir.to_str().unwrap();
    let key = init(&dir);
    let new = "another quiet sentence";
    fails(
        &["passphrase", "change", "--vault", d, "--passphrase-stdin"],
        &format!("not it\n{new}\n"),
        "passphrase",
    );
    fails(
        &["passphrase", "change", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\nshort\n"),
        "at least 8",
    );
    ok(
        &["passphrase", "change", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n{new}\n"),
    );
    fails(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
        "does not open",
    );
    ok(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        &format!("{new}\n"),
    );
    ok(
        &[
            "unlock-check",
            "--recovery-key",
            "--vault",
            d,
            "--passphrase-stdin",
        ],
        &format!("{key}\n"),
    );
}

#[test]
fn help_on_every_command() {
    for args in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["unlock-check", "--help"],
        vec!["passphrase", "change", "--help"],
        vec!["entry", "--help"],
        vec!["entry", "add", "--help"],
        vec!["entry", "list", "--help"],
        vec!["entry", "show", "--help"],
        vec!["entry", "delete", "--help"],
        vec!["search", "--help"],
    ] {
        let r = attune(&args, "", None);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Usage:"), "{args:?}: {}", r.stdout);
    }
    let r = attune(&["no-such-command"], "", None);
    assert_ne!(r.code, 0);
    assert!(r.stderr.starts_with("error:"), "{}", r.stderr);
}

#[test]
fn a_new_recovery_key_needs_the_passphrase_and_replaces_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let d = dir.to_str().unwrap();
    let old_key = init(&dir);

    let before = snapshot(&dir);
    fails(
        &["recovery-key", "new", "--vault", d, "--passphrase-stdin"],
        "not the passphrase\n",
        "passphrase does not open",
    );
    assert_eq!(
        before,
        snapshot(&dir),
        "a wrong passphrase changed the vault"
    );

    let out = ok(
        &["recovery-key", "new", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    let keys: Vec<&str> = out.lines().filter(|l| l.split('-').count() == 14).collect();
    assert_eq!(keys.len(), 1, "the new key is printed once: {out}");
    let new_key = keys[0];
    assert_ne!(new_key, old_key);
    assert!(out.contains("no longer works"), "{out}");

    let check = |key: &str| {
        attune(
            &[
                "unlock-check",
                "--recovery-key",
                "--vault",
                d,
                "--passphrase-stdin",
            ],
            &format!("{key}\n"),
            None,
        )
    };
    assert_one_error(
        &["unlock-check"],
        &check(&old_key),
        "recovery key does not open",
    );
    assert_eq!(check(new_key).code, 0);

    // unlock-check prints when the keys were set, where the vault records it, and nothing
    // else on success.
    let printed = ok(
        &["unlock-check", "--vault", d, "--passphrase-stdin"],
        &format!("{PASS}\n"),
    );
    for line in printed.lines() {
        let date = line
            .strip_prefix("Passphrase set on ")
            .or_else(|| line.strip_prefix("Recovery key made on "))
            .and_then(|rest| rest.strip_suffix('.'))
            .unwrap_or_else(|| panic!("unexpected line from unlock-check: {line:?}"));
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{line:?}"
        );
    }
}
