//! `attune backup`, `backup list`, `backup verify` and `restore`, by running the real
//! binary: a backup restores what the vault held when it was taken, in a new folder or in
//! place (the replaced vault kept as a backup); damage is named as damage, and a wrong
//! passphrase as such.

use std::path::{Path, PathBuf};

use crate::run::{assert_one_error, init_at, run_in, Run};

const PASS: &str = "a calm evening passphrase";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Run {
    run_in(dir, args, stdin)
}

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let r = run(dir, args, stdin);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn add(dir: &Path, title: &str) -> String {
    let json = format!(r#"{{"kind":"note","date":"2026-03-02","title":"{title}","self":"held"}}"#);
    ok(
        dir,
        &["entry", "add", "--json", "-"],
        &format!("{PASS}\n{json}"),
    )
    .trim()
    .to_owned()
}

fn titles(dir: &Path) -> Vec<String> {
    let out = ok(dir, &["entry", "list", "--json"], &format!("{PASS}\n"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut t: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_owned())
        .collect();
    t.sort();
    t
}

fn listed(dir: &Path) -> Vec<serde_json::Value> {
    let out = ok(dir, &["backup", "list", "--json"], "");
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn back_up_list_verify_and_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init_at(&dir, PASS);
    add(&dir, "Before the backup");
    assert!(ok(&dir, &["backup", "list"], "").starts_with("No backups in "));

    let said = ok(&dir, &["backup"], &format!("{PASS}\n"));
    assert!(
        said.starts_with("Backed up to ") && said.contains("verified: every record opened"),
        "{said}"
    );
    let list = listed(&dir);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["reason"], "manual");
    assert_eq!(list[0]["records"], 3, "profile, identity, one reflection");
    let file = PathBuf::from(list[0]["path"].as_str().unwrap());
    assert!(file.starts_with(dir.join("backups")));

    // To a file of one's choosing.
    let out = tmp.path().join("elsewhere.attune-backup");
    ok(
        &dir,
        &["backup", "--out", out.to_str().unwrap()],
        &format!("{PASS}\n"),
    );
    let verified = ok(
        &dir,
        &["backup", "verify", out.to_str().unwrap()],
        &format!("{PASS}\n"),
    );
    assert!(
        verified.contains("verified: every record opened"),
        "{verified}"
    );

    // A wrong passphrase is a wrong passphrase; a damaged file is damaged, whatever the secret.
    let args = ["backup", "verify", file.to_str().unwrap()];
    assert_one_error(
        &args,
        &run(&dir, &args, "not the passphrase at all\n"),
        "passphrase does not open",
    );
    let mut bytes = std::fs::read(&file).unwrap();
    let damaged = tmp.path().join("damaged.attune-backup");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x10;
    std::fs::write(&damaged, &bytes).unwrap();
    let args = ["backup", "verify", damaged.to_str().unwrap()];
    assert_one_error(
        &args,
        &run(&dir, &args, "not the passphrase at all\n"),
        "the backup is damaged",
    );
    std::fs::write(&damaged, &bytes[..bytes.len() - 100]).unwrap();
    assert_one_error(&args, &run(&dir, &args, &format!("{PASS}\n")), "cut short");

    // Into a new folder.
    let beside = tmp.path().join("restored");
    let said = ok(
        &dir,
        &[
            "restore",
            file.to_str().unwrap(),
            "--into",
            beside.to_str().unwrap(),
        ],
        &format!("{PASS}\n"),
    );
    assert!(said.starts_with("Restored 3 records into"), "{said}");
    assert_eq!(titles(&beside), ["Before the backup"]);
    // Never over a vault with --into.
    let args = [
        "restore",
        file.to_str().unwrap(),
        "--into",
        beside.to_str().unwrap(),
    ];
    assert_one_error(&args, &run(&dir, &args, &format!("{PASS}\n")), "--into");

    // In place: what was written after the backup is gone, and kept in the backup taken first.
    add(&dir, "After the backup");
    let said = ok(
        &dir,
        &["restore", file.to_str().unwrap()],
        &format!("{PASS}\n"),
    );
    assert!(
        said.contains("The vault it replaced is kept as a backup: "),
        "{said}"
    );
    assert_eq!(titles(&dir), ["Before the backup"]);
    let list = listed(&dir);
    let before: Vec<&serde_json::Value> = list
        .iter()
        .filter(|e| e["reason"] == "before-restore")
        .collect();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["records"], 4);
    let back = tmp.path().join("back");
    ok(
        &dir,
        &[
            "restore",
            before[0]["path"].as_str().unwrap(),
            "--into",
            back.to_str().unwrap(),
        ],
        &format!("{PASS}\n"),
    );
    assert_eq!(titles(&back), ["After the backup", "Before the backup"]);

    // A damaged backup in the folder is listed as such, never counted.
    std::fs::write(
        dir.join("backups").join("broken.attune-backup"),
        b"\x89ATTUNE-BACKUP\r\n\x00",
    )
    .unwrap();
    let list = listed(&dir);
    let broken = list.last().unwrap();
    assert!(
        broken["problem"].as_str().unwrap().contains("damaged"),
        "{broken}"
    );
    assert!(broken["records"].is_null());
}

#[test]
fn a_passphrase_change_is_backed_up_first_and_backup_retire_deletes_older_secret_backups() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    init_at(&dir, PASS);
    add(&dir, "Kept through the change");
    ok(&dir, &["backup"], &format!("{PASS}\n"));
    let new = "another quiet sentence here";
    let changed = run(&dir, &["passphrase", "change"], &format!("{PASS}\n{new}\n"));
    assert_eq!(changed.code, 0, "{}", changed.stderr);
    assert!(
        changed
            .stderr
            .contains("2 backups of this vault still open with the old passphrase"),
        "{}",
        changed.stderr
    );
    assert!(changed.stderr.contains("attune backup retire"));
    let reasons: Vec<String> = listed(&dir)
        .iter()
        .map(|e| e["reason"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        reasons.contains(&"before-passphrase-change".to_owned()),
        "{reasons:?}"
    );

    // Retiring asks the current passphrase; the old one opens nothing now.
    let retire = ["backup", "retire"];
    let refused = run(&dir, &retire, &format!("{PASS}\n"));
    assert_one_error(&retire, &refused, "passphrase does not open");
    assert_eq!(listed(&dir).len(), 2, "nothing deleted on a refusal");

    let out = ok(&dir, &["backup", "retire"], &format!("{new}\n"));
    assert!(out.contains("Deleted 2 backups"), "{out}");
    let left = listed(&dir);
    assert_eq!(left.len(), 1, "the new backup, taken first: {left:?}");
    let file = left[0]["path"].as_str().unwrap().to_owned();
    ok(&dir, &["backup", "verify", &file], &format!("{new}\n"));
    let verify = ["backup", "verify", &file];
    assert_one_error(
        &verify,
        &run(&dir, &verify, &format!("{PASS}\n")),
        "passphrase does not open",
    );
    let again = ok(&dir, &["backup", "retire"], &format!("{new}\n"));
    assert!(again.contains("No backup of this vault opens"), "{again}");
    assert_eq!(titles_with(&dir, new), vec!["Kept through the change"]);
}

fn titles_with(dir: &Path, pass: &str) -> Vec<String> {
    let out = ok(dir, &["entry", "list", "--json"], &format!("{pass}\n"));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_owned())
        .collect()
}
