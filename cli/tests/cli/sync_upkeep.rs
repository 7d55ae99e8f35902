//! Sync's upkeep from the command line, by running the real binary: a passphrase changed on
//! one device is the one every device takes (key generations); a reflection edited on two
//! devices settled with `sync keep`; `sync compact` and `sync forget`; the folder kept tidy
//! and a folder holding other files not taken.

use crate::run::{assert_one_error, init_at, run_in};
use crate::sync::{add, edit, ok, s, show, status, sync_now, tree, two, PASS};

#[test]
fn a_passphrase_changed_on_one_device_is_the_one_the_other_takes() {
    let t = two();
    let new = "a passphrase changed on the laptop";
    ok(&t.a, &["passphrase", "change"], &format!("{PASS}\n{new}\n"));
    // The old passphrase is refused on B, with where; nothing changes there.
    let before = tree(&t.b);
    let args = ["entry", "list", "--json"];
    let refused = run_in(&t.b, &args, &format!("{PASS}\n"));
    assert_one_error(&args, &refused, "was changed on Agency laptop on ");
    assert!(
        refused.stderr.contains("recovery key"),
        "{}",
        refused.stderr
    );
    assert_eq!(tree(&t.b), before, "a refused unlock changed the vault");
    // The new one opens it, and is B's from then on; sync goes on both ways.
    let listed = ok(&t.b, &args, &format!("{new}\n"));
    assert!(listed.contains("Before sync"), "{listed}");
    let id = serde_json::json!({"kind":"note","date":"2026-03-03","title":"After","self":"x"});
    ok(
        &t.b,
        &["entry", "add", "--json", "-"],
        &format!("{new}\n{id}"),
    );
    ok(&t.b, &["sync", "now"], &format!("{new}\n"));
    ok(&t.a, &["sync", "now"], &format!("{new}\n"));
    let on_a = ok(&t.a, &args, &format!("{new}\n"));
    assert!(on_a.contains("\"After\""), "{on_a}");
    // A new device joins with the new passphrase only.
    let c = t._tmp.path().join("c");
    let join = ["sync", "join", s(&t.folder)];
    let old = run_in(&c, &join, &format!("{PASS}\n"));
    assert_one_error(&join, &old, "was changed on Agency laptop");
    assert!(!c.exists());
    ok(&c, &join, &format!("{new}\n"));
}

#[test]
fn keeping_either_version_compacting_and_forgetting_from_the_command_line() {
    let t = two();
    let id = add(&t.a, "The visit", "first words");
    sync_now(&t.a);
    sync_now(&t.b);
    edit(&t.a, &id, "The visit", "edited on the laptop");
    edit(&t.b, &id, "The visit", "edited at home");
    sync_now(&t.a);
    sync_now(&t.b);
    sync_now(&t.a);
    let shown = show(&t.b, &id);
    let rev = shown["revisions"][0]["id"].as_str().unwrap().to_owned();
    let other = shown["revisions"][0]["reflection"]["self"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = ok(&t.b, &["entry", "show", &id], &format!("{PASS}\n"));
    assert!(
        text.contains(&format!("attune sync keep {rev} --current | --other")),
        "{text}"
    );

    // Neither flag or both: a usage error (clap's, exit 2); an unknown revision: one line.
    for args in [
        vec!["sync", "keep", rev.as_str()],
        vec!["sync", "keep", rev.as_str(), "--current", "--other"],
    ] {
        let r = run_in(&t.b, &args, &format!("{PASS}\n"));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("--current"), "{}", r.stderr);
    }
    let args = ["sync", "keep", "nope", "--other"];
    let r = run_in(&t.b, &args, &format!("{PASS}\n"));
    assert_one_error(&args, &r, "no revision");

    // Keeping the other version on B settles it on both after a sync.
    let said = ok(
        &t.b,
        &["sync", "keep", &rev, "--other"],
        &format!("{PASS}\n"),
    );
    assert!(said.contains("Kept the other device's version"), "{said}");
    sync_now(&t.b);
    sync_now(&t.a);
    for dir in [&t.a, &t.b] {
        let v = show(dir, &id);
        assert_eq!(v["self"], other.as_str(), "{}", dir.display());
        assert_eq!(v["revisions"].as_array().unwrap().len(), 0, "{v}");
    }

    // Compacting: one file left in A's own folder.
    let said = ok(&t.a, &["sync", "compact"], &format!("{PASS}\n"));
    assert!(said.contains("Compacted this device's history"), "{said}");
    let a_id = status(&t.a)["device_id"].as_str().unwrap().to_owned();
    let own = t.folder.join("devices").join(&a_id);
    let names: Vec<String> = std::fs::read_dir(&own)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with('c'), "{names:?}");

    // B forgets A: A's folder goes; B keeps what it merged.
    let args = ["sync", "forget", "not-an-id"];
    let r = run_in(&t.b, &args, &format!("{PASS}\n"));
    assert_one_error(&args, &r, "32 hexadecimal digits");
    let said = ok(&t.b, &["sync", "forget", &a_id], &format!("{PASS}\n"));
    assert!(said.contains("Forgot device"), "{said}");
    assert!(!own.exists());
    assert_eq!(show(&t.b, &id)["self"], other.as_str());

    // Not syncing: said so.
    let c = t._tmp.path().join("c");
    init_at(&c, PASS);
    let args = ["sync", "compact"];
    let r = run_in(&c, &args, &format!("{PASS}\n"));
    assert_one_error(&args, &r, "does not sync");
}

#[test]
fn the_folder_is_kept_tidy_and_a_full_folder_is_not_taken() {
    let t = two();
    // A sync tool's own files at the top are not news; its conflict copies are.
    std::fs::create_dir(t.folder.join(".stfolder")).unwrap();
    std::fs::write(
        t.folder
            .join("attune-sync.sync-conflict-20261202-101500-ABCDEFG"),
        b"{}",
    )
    .unwrap();
    sync_now(&t.b);
    let ignored = status(&t.b)["files_ignored"].to_string();
    assert!(ignored.contains("attune-sync.sync-conflict-"), "{ignored}");
    assert!(!ignored.contains(".stfolder"), "{ignored}");

    // What a killed write left in A's own folder goes at A's next sync.
    let a_id = status(&t.a)["device_id"].as_str().unwrap().to_owned();
    let own = t.folder.join("devices").join(&a_id);
    let leftover = own.join(".attune-Xy12ab.tmp");
    std::fs::write(&leftover, b"sealed bytes of a killed write").unwrap();
    // And among the shared key files, A's own (named with its device id); B's stays for B.
    let b_id = status(&t.b)["device_id"].as_str().unwrap().to_owned();
    let keys = t.folder.join("keys");
    let a_key_tmp = keys.join(format!(".attune-{a_id}-Q1w2e3.tmp"));
    let b_key_tmp = keys.join(format!(".attune-{b_id}-R4t5y6.tmp"));
    std::fs::write(&a_key_tmp, b"a key file, half written").unwrap();
    std::fs::write(&b_key_tmp, b"a key file, half written").unwrap();
    add(&t.a, "After", "a later visit");
    sync_now(&t.a);
    assert!(!leftover.exists());
    assert!(!a_key_tmp.exists());
    assert!(b_key_tmp.exists(), "another device's file was removed");
    // B never took it for a segment, and removes its own.
    sync_now(&t.b);
    assert!(!status(&t.b)["files_ignored"]
        .to_string()
        .contains(".attune-Xy12ab.tmp"));
    assert!(!b_key_tmp.exists());

    // A folder that holds other things is not taken for a journal.
    let docs = t._tmp.path().join("Documents");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("letter.odt"), b"not a journal").unwrap();
    let c = t._tmp.path().join("c");
    init_at(&c, PASS);
    let args = ["sync", "enable", s(&docs)];
    let r = run_in(&c, &args, &format!("{PASS}\n"));
    assert_one_error(&args, &r, "already holds other files (letter.odt)");
    assert!(!docs.join("attune-sync").exists());
    // An empty one, or one with only hidden sync-tool files, is.
    std::fs::remove_file(docs.join("letter.odt")).unwrap();
    std::fs::create_dir(docs.join(".stfolder")).unwrap();
    ok(&c, &args, &format!("{PASS}\n"));
}
