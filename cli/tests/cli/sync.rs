//! `attune sync enable|join|now|status`, `entry edit` and the `revisions` of `entry show
//! --json`, by running the real binary: two vault folders share one synced folder; what one
//! writes the other sees after `sync now`; the same reflection edited on both ends the same on
//! both, the loser kept as a revision on both; bad input is one error line and changes nothing.
//! The helpers here are shared with the Syncthing and SIGKILL tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::run::{assert_one_error, init_at, run_in, Run};

pub const PASS: &str = "a shared folder passphrase";

pub fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let r = run_in(dir, args, stdin);
    assert_eq!(r.code, 0, "{args:?} in {}: {}", dir.display(), r.stderr);
    r.stdout
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A reflection's JSON with `title` and `text` in its "self" section.
pub fn reflection_json(title: &str, text: &str) -> String {
    serde_json::json!({"kind":"note","date":"2026-03-02","title":title,"self":text}).to_string()
}

/// Adds a reflection; its id.
pub fn add(dir: &Path, title: &str, text: &str) -> String {
    let json = reflection_json(title, text);
    ok(
        dir,
        &["entry", "add", "--json", "-"],
        &format!("{PASS}\n{json}"),
    )
    .trim()
    .to_owned()
}

/// Replaces reflection `id`'s content.
pub fn edit(dir: &Path, id: &str, title: &str, text: &str) {
    let json = reflection_json(title, text);
    let out = ok(
        dir,
        &["entry", "edit", id, "--json", "-"],
        &format!("{PASS}\n{json}"),
    );
    assert_eq!(out.trim(), id);
}

/// `entry show ID --json`.
pub fn show(dir: &Path, id: &str) -> Value {
    serde_json::from_str(&ok(
        dir,
        &["entry", "show", id, "--json"],
        &format!("{PASS}\n"),
    ))
    .unwrap()
}

/// `entry list --json`, by id.
pub fn journal(dir: &Path) -> Vec<Value> {
    let out = ok(dir, &["entry", "list", "--json"], &format!("{PASS}\n"));
    let mut v: Vec<Value> = serde_json::from_str(&out).unwrap();
    v.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    v
}

pub fn sync_now(dir: &Path) -> String {
    ok(dir, &["sync", "now"], &format!("{PASS}\n"))
}

pub fn status(dir: &Path) -> Value {
    serde_json::from_str(&ok(
        dir,
        &["sync", "status", "--json"],
        &format!("{PASS}\n"),
    ))
    .unwrap()
}

pub fn enable(dir: &Path, folder: &Path, name: &str) {
    ok(
        dir,
        &["sync", "enable", s(folder), "--device-name", name],
        &format!("{PASS}\n"),
    );
}

pub fn join(dir: &Path, folder: &Path, name: &str) {
    ok(
        dir,
        &["sync", "join", s(folder), "--device-name", name],
        &format!("{PASS}\n"),
    );
}

/// Every file under `dir`, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(tree(&p));
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.insert(p, bytes);
            }
        }
    }
    out
}

/// The files under `dirs` that hold any of `words` (as UTF-8 or UTF-16LE bytes).
pub fn canaries_found(dirs: &[&Path], words: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in dirs {
        for (path, bytes) in tree(dir) {
            for w in words {
                let utf16: Vec<u8> = w.encode_utf16().flat_map(u16::to_le_bytes).collect();
                if contains(&bytes, w.as_bytes()) || contains(&bytes, &utf16) {
                    found.push(format!("{w} in {}", path.display()));
                }
            }
        }
    }
    found
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Device A (a new vault, syncing into `folder`) and device B (joined from it).
pub struct Two {
    pub _tmp: tempfile::TempDir,
    pub a: PathBuf,
    pub b: PathBuf,
    pub folder: PathBuf,
}

pub fn two() -> Two {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    let folder = tmp.path().join("Sync");
    init_at(&a, PASS);
    add(&a, "Before sync", "written before the folder");
    enable(&a, &folder, "Agency laptop");
    join(&b, &folder, "Home computer");
    Two {
        _tmp: tmp,
        a,
        b,
        folder,
    }
}

#[test]
fn what_one_device_writes_the_other_sees_after_sync_now() {
    let t = two();
    assert_eq!(journal(&t.b).len(), 1, "the join merged what A had");
    let id = add(&t.a, "Bath time", "she laughed in the water");
    let said = sync_now(&t.a);
    assert!(said.contains("Mirrored 1 change;"), "{said}");
    let said = sync_now(&t.b);
    assert!(said.contains("merged 1 from other devices"), "{said}");
    assert_eq!(show(&t.b, &id)["self"], "she laughed in the water");
    // And back.
    edit(
        &t.b,
        &id,
        "Bath time, later",
        "she laughed in the water again",
    );
    sync_now(&t.b);
    sync_now(&t.a);
    assert_eq!(show(&t.a, &id)["title"], "Bath time, later");
    assert_eq!(journal(&t.a), journal(&t.b));
    assert_eq!(show(&t.a, &id)["revisions"], serde_json::json!([]));

    // Status: this device, the other one by name, what was merged.
    let st = status(&t.a);
    for field in [
        "folder",
        "device_id",
        "device_name",
        "devices",
        "last_merge",
        "conflicts_kept",
        "files_ignored",
        "rollbacks",
        "waiting",
    ] {
        assert!(
            st.get(field).is_some(),
            "sync status --json lacks {field}: {st}"
        );
    }
    assert_eq!(st["device_name"], "Agency laptop");
    assert_eq!(st["devices"][0]["name"], "Home computer");
    assert!(st["devices"][0]["merged_up_to"].as_u64().unwrap() >= 1);
    assert!(st["last_merge"].is_string());
    assert_eq!(st["conflicts_kept"], 0);
    assert_eq!(st["waiting"], 0);
    assert_eq!(Path::new(st["folder"].as_str().unwrap()), t.folder);
    let text = ok(&t.b, &["sync", "status"], &format!("{PASS}\n"));
    assert!(
        text.contains("Home computer") && text.contains("Agency laptop"),
        "{text}"
    );
}

#[test]
fn the_same_reflection_edited_on_both_ends_the_same_with_the_loser_kept_on_both() {
    let t = two();
    let id = add(&t.a, "The visit", "first words");
    sync_now(&t.a);
    sync_now(&t.b);
    edit(&t.a, &id, "The visit", "edited on the laptop");
    edit(&t.b, &id, "The visit", "edited at home");
    let said_a = sync_now(&t.a);
    let said_b = sync_now(&t.b);
    let said_a2 = sync_now(&t.a);
    assert!(
        [&said_a, &said_b, &said_a2]
            .iter()
            .any(|s| s.contains("Kept 1 version")),
        "{said_a}{said_b}{said_a2}"
    );
    let (on_a, on_b) = (show(&t.a, &id), show(&t.b, &id));
    assert_eq!(
        on_a, on_b,
        "both devices show the same winner and revisions"
    );
    let winner = on_a["self"].as_str().unwrap();
    let revisions = on_a["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1, "{on_a}");
    let loser = revisions[0]["reflection"]["self"].as_str().unwrap();
    let mut both = [winner, loser];
    both.sort_unstable();
    assert_eq!(both, ["edited at home", "edited on the laptop"]);
    let device = revisions[0]["device"].as_str().unwrap();
    let expected = if loser == "edited at home" {
        "Home computer"
    } else {
        "Agency laptop"
    };
    assert_eq!(device, expected);
    assert!(revisions[0]["at"].is_string());
    assert_eq!(status(&t.a)["conflicts_kept"], 1);
    assert_eq!(status(&t.b)["conflicts_kept"], 1);
    assert_eq!(
        journal(&t.a).len(),
        2,
        "a revision is never a duplicate entry"
    );
    let text = ok(&t.a, &["entry", "show", &id], &format!("{PASS}\n"));
    assert!(text.contains("Also edited on"), "{text}");
    let words = [
        "edited on the laptop",
        "edited at home",
        "first words",
        "Home computer",
    ];
    let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    let found = canaries_found(&[&t.folder, &t.a, &t.b], &words);
    assert!(found.is_empty(), "plaintext on disk: {found:?}");
}

#[test]
fn what_entry_show_prints_can_be_edited_and_given_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init_at(&dir, PASS);
    let id = add(&dir, "Round trip", "before");
    let mut shown = show(&dir, &id);
    shown["self"] = "after".into();
    shown["tags"] = serde_json::json!(["sleep"]);
    let out = ok(
        &dir,
        &["entry", "edit", &id[..8], "--json", "-"],
        &format!("{PASS}\n{shown}"),
    );
    assert_eq!(out.trim(), id);
    let now = show(&dir, &id);
    assert_eq!(now["self"], "after");
    assert_eq!(now["tags"], serde_json::json!(["sleep"]));
    assert_eq!(now["created_at"], shown["created_at"]);
    // From a file too.
    let file = tmp.path().join("r.json");
    std::fs::write(&file, reflection_json("From a file", "file text")).unwrap();
    ok(
        &dir,
        &["entry", "edit", &id, "--json", s(&file)],
        &format!("{PASS}\n"),
    );
    assert_eq!(show(&dir, &id)["title"], "From a file");
}

/// `entry show --json`, edited and given back after a sync brought another device's edit:
/// its `version` names what the edit started from, so that edit is kept as a revision.
#[test]
fn an_edit_of_what_was_shown_before_a_sync_keeps_the_edit_synced_meanwhile() {
    let t = two();
    let id = add(&t.a, "The visit", "first words");
    sync_now(&t.a);
    sync_now(&t.b);
    let mut shown = show(&t.a, &id);
    assert!(shown["version"].is_string(), "{shown}");
    edit(&t.b, &id, "The visit", "edited at home");
    sync_now(&t.b);
    sync_now(&t.a);
    assert_eq!(show(&t.a, &id)["self"], "edited at home");
    shown["self"] = "typed on the laptop from what was shown".into();
    ok(
        &t.a,
        &["entry", "edit", &id, "--json", "-"],
        &format!("{PASS}\n{shown}"),
    );
    let now = show(&t.a, &id);
    assert_eq!(now["self"], "typed on the laptop from what was shown");
    let revisions = now["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 1, "{now}");
    assert_eq!(revisions[0]["reflection"]["self"], "edited at home");
    assert_eq!(revisions[0]["device"], "Home computer");
    // Without a version (a hand-written file), the edit starts from the current version.
    edit(&t.a, &id, "The visit", "plain edit");
    assert_eq!(show(&t.a, &id)["revisions"].as_array().unwrap().len(), 1);
    // A version that is not a string is refused, naming the field; nothing changes.
    let mut bad = show(&t.a, &id);
    bad["version"] = 7.into();
    let r: Run = run_in(
        &t.a,
        &["entry", "edit", &id, "--json", "-"],
        &format!("{PASS}\n{bad}"),
    );
    assert_one_error(&["entry", "edit"], &r, "version");
    assert_eq!(show(&t.a, &id)["self"], "plain edit");
}

#[test]
fn bad_input_is_one_error_line_and_changes_nothing() {
    let t = two();
    let id = add(&t.a, "Kept", "as it was");
    sync_now(&t.a);
    let err = |dir: &Path, args: &[&str], stdin: &str, needle: &str| {
        let r: Run = run_in(dir, args, stdin);
        assert_one_error(args, &r, needle);
        assert!(r.stdout.is_empty(), "{args:?} printed {:?}", r.stdout);
    };
    let folder_before = tree(&t.folder);

    // Joining: a folder that is not Attune's, a wrong passphrase, a vault that exists.
    let stray = t._tmp.path().join("Photos");
    std::fs::create_dir(&stray).unwrap();
    std::fs::write(stray.join("beach.jpg"), b"not a journal").unwrap();
    let new = t._tmp.path().join("c");
    let join_stray = ["sync", "join", s(&stray)];
    err(
        &new,
        &join_stray,
        &format!("{PASS}\n"),
        "not an Attune synced folder",
    );
    let join = ["sync", "join", s(&t.folder)];
    err(
        &new,
        &join,
        "not the passphrase\n",
        "passphrase does not open the journal",
    );
    let join_key = ["sync", "join", s(&t.folder), "--recovery-key"];
    err(&new, &join_key, "not a key\n", "recovery key");
    assert!(!new.exists(), "a failed join made {}", new.display());
    err(&t.b, &join, &format!("{PASS}\n"), "vault");
    let bad_name = ["sync", "join", s(&t.folder), "--device-name", " "];
    err(&new, &bad_name, &format!("{PASS}\n"), "device-name");
    assert!(!new.exists());
    assert_eq!(tree(&stray).len(), 1, "the stray folder was touched");

    // Enabling: a folder that holds another journal; a vault that syncs already.
    let other = t._tmp.path().join("other");
    init_at(&other, PASS);
    let enable_here = ["sync", "enable", s(&t.folder)];
    err(
        &other,
        &enable_here,
        &format!("{PASS}\n"),
        "another journal",
    );
    err(
        &other,
        &["sync", "now"],
        &format!("{PASS}\n"),
        "does not sync",
    );
    err(
        &other,
        &["sync", "status"],
        &format!("{PASS}\n"),
        "does not sync",
    );
    err(&t.a, &enable_here, &format!("{PASS}\n"), "syncs already");
    // A wrong passphrase for sync now.
    err(&t.a, &["sync", "now"], "wrong words\n", "passphrase");
    assert_eq!(tree(&t.folder), folder_before, "the synced folder changed");

    // Editing: unknown fields, another reflection's id, bad values.
    let before = show(&t.a, &id);
    let edit = ["entry", "edit", id.as_str(), "--json", "-"];
    for (json, needle) in [
        (
            r#"{"kind":"note","date":"2026-03-02","mood":"x"}"#.to_owned(),
            "mood",
        ),
        (
            r#"{"id":"ffff","kind":"note","date":"2026-03-02","self":"x"}"#.to_owned(),
            "id",
        ),
        (
            r#"{"kind":"poem","date":"2026-03-02","self":"x"}"#.to_owned(),
            "poem",
        ),
        (r#"{"kind":"note","date":"2026-03-02"}"#.to_owned(), "empty"),
        (
            r#"{"kind":"note","date":"2999-01-01","self":"x"}"#.to_owned(),
            "future",
        ),
        ("{not json".to_owned(), "line 1"),
    ] {
        err(&t.a, &edit, &format!("{PASS}\n{json}"), needle);
    }
    let missing = ["entry", "edit", "0123456789", "--json", "-"];
    err(
        &t.a,
        &missing,
        &format!("{PASS}\n{}", reflection_json("x", "y")),
        "",
    );
    assert_eq!(show(&t.a, &id), before);
    assert_eq!(
        status(&t.a)["waiting"],
        0,
        "a refused edit left something to sync"
    );
}

#[test]
fn the_device_name_is_the_host_name_unless_given() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init_at(&dir, PASS);
    let folder = tmp.path().join("Sync");
    ok(&dir, &["sync", "enable", s(&folder)], &format!("{PASS}\n"));
    let name = status(&dir)["device_name"].as_str().unwrap().to_owned();
    assert!(!name.trim().is_empty());
    if let Ok(host) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        if std::env::var_os("HOSTNAME").is_none() && std::env::var_os("COMPUTERNAME").is_none() {
            assert_eq!(name, host.trim());
        }
    }
}

#[test]
fn files_that_are_not_attunes_are_ignored_and_reported() {
    let t = two();
    let device_dir = std::fs::read_dir(t.folder.join("devices"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let copy = device_dir.join("s000000001.sync-conflict-20261202-101500-ABCDEFG.attune-seg");
    std::fs::write(&copy, b"a conflict copy").unwrap();
    std::fs::write(device_dir.join("notes.txt"), b"a stray file").unwrap();
    let said = sync_now(&t.b);
    assert!(said.contains("Ignored"), "{said}");
    let ignored = status(&t.b)["files_ignored"].to_string();
    assert!(ignored.contains("sync-conflict"), "{ignored}");
    assert!(ignored.contains("notes.txt"), "{ignored}");
    assert!(journal(&t.b).len() == 1);
}

#[test]
fn a_device_joins_with_the_recovery_key() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let out = ok(&a, &["init"], &format!("{PASS}\n"));
    let key = out
        .lines()
        .find(|l| l.split('-').count() == 14)
        .unwrap_or_else(|| panic!("no recovery key in {out}"))
        .to_owned();
    let id = add(&a, "Kept by the key", "found again");
    let folder = tmp.path().join("Sync");
    enable(&a, &folder, "Agency laptop");
    let b = tmp.path().join("b");
    let said = ok(
        &b,
        &[
            "sync",
            "join",
            s(&folder),
            "--recovery-key",
            "--device-name",
            "Spare",
        ],
        &format!("{key}\n"),
    );
    assert!(said.contains("1 reflection"), "{said}");
    assert_eq!(show(&b, &id)["self"], "found again");
    assert_eq!(status(&b)["device_name"], "Spare");
}
