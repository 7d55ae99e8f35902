//! Compaction seen from inside: the folder's segments opened with the sync key, to show that
//! a deleted reflection's text is in them before this device compacts and nowhere after,
//! and that devices which had merged part of the history or none of it end the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::sync_keys::segment_keys;
use super::{CreateOptions, Unlock, Vault};
use crate::crypto::KdfParams;
use crate::journal::{ReflectionDraft, ReflectionKind};
use crate::record::hlc::unhex;
use crate::sync::folder::{device_dir, parse_name};
use crate::sync::segment::{open_segment, segment_hash, Expected, SegmentKind};

const PASS: &str = "correct horse battery staple";
const CANARY: &str = "Quokkacanaryfig";

fn draft(title: &str, body: &str) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        title: title.into(),
        family: "Rowan".into(),
        tags: Vec::new(),
        parent_infant: body.into(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    }
}

fn join(root: &Path, name: &str, folder: &Path) -> Vault {
    Vault::sync_join(&root.join(name), folder, Unlock::Passphrase(PASS), name).unwrap()
}

/// Every segment of `vault`'s own device folder, opened: the plaintext of each.
fn own_plaintexts(vault: &Vault) -> Vec<String> {
    let key = segment_keys(&vault.store, &vault.codec).unwrap().unwrap();
    let status = vault.sync_status().unwrap().unwrap();
    let device: [u8; 16] = unhex(&status.device_id).unwrap().try_into().unwrap();
    let dir = device_dir(&status.folder, &device);
    let mut files: Vec<(u64, SegmentKind, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let (kind, n) = parse_name(&e.file_name().to_string_lossy())?;
            Some((n, kind, e.path()))
        })
        .collect();
    files.sort_by_key(|f| f.0);
    let mut prev = [0u8; 32];
    let mut out = Vec::new();
    for (number, kind, path) in files {
        let bytes = std::fs::read(path).unwrap();
        let prev_hash = if kind == SegmentKind::Compaction {
            [0; 32]
        } else {
            prev
        };
        let expect = Expected {
            vault_id: vault.vault_id,
            device,
            number,
            prev_hash,
        };
        let (_, body) = open_segment(&key, &bytes, &expect).unwrap();
        out.push(serde_json::to_string(&body).unwrap());
        prev = segment_hash(&bytes);
    }
    out
}

#[test]
fn a_deleted_reflections_text_leaves_the_folder_when_its_device_compacts() {
    let root = tempfile::tempdir().unwrap();
    let opts = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &opts).unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let kept = a.journal_mut().add(draft("Kept", "stays")).unwrap();
    let gone = a
        .journal_mut()
        .add(draft("Gone", &format!("{CANARY} was said")))
        .unwrap();
    a.sync_now().unwrap();
    // B merges part of A's history; C, made after the compaction, merges none of it.
    let mut b = join(root.path(), "b", &folder);
    assert!(b.journal().get(&gone.id).is_some());
    a.delete_reflection(&gone.id).unwrap();
    let mut edited = kept.content.clone();
    edited.parent_infant = "edited before the compaction".into();
    a.journal_mut().update(&kept.id, edited).unwrap();
    a.sync_now().unwrap();
    let before = own_plaintexts(&a);
    assert!(
        before.iter().any(|p| p.contains(CANARY)),
        "the scan sees it"
    );

    let report = a.sync_compact().unwrap().unwrap();
    assert!(report.files_removed >= 2, "{report:?}");
    let after = own_plaintexts(&a);
    assert_eq!(after.len(), 1, "only the compaction is left");
    assert!(!after[0].contains(CANARY), "{}", after[0]);
    assert!(after[0].contains("edited before the compaction"));

    let mut c = join(root.path(), "c", &folder);
    b.sync_now().unwrap();
    for v in [&b, &c] {
        assert!(v.journal().get(&gone.id).is_none());
        assert_eq!(v.journal().get(&kept.id), a.journal().get(&kept.id));
        assert_eq!(v.journal().len(), a.journal().len());
    }
    // The chain goes on after a compaction: A's next segment reaches both.
    let later = a.journal_mut().add(draft("Later", "after")).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    c.sync_now().unwrap();
    assert!(b.journal().get(&later.id).is_some());
    assert!(c.journal().get(&later.id).is_some());
}

#[test]
fn a_file_that_stays_unopenable_for_a_day_is_reported_and_one_still_arriving_is_not() {
    let root = tempfile::tempdir().unwrap();
    let opts = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &opts).unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let mut b = join(root.path(), "b", &folder);
    let r = a.journal_mut().add(draft("Late", "text")).unwrap();
    a.sync_now().unwrap();
    let status = a.sync_status().unwrap().unwrap();
    let device: [u8; 16] = unhex(&status.device_id).unwrap().try_into().unwrap();
    let path = device_dir(&status.folder, &device).join("s000000002.attune-seg");
    let good = std::fs::read(&path).unwrap();
    let mut bad = good.clone();
    *bad.last_mut().unwrap() ^= 1;
    std::fs::write(&path, &bad).unwrap();

    b.sync_now().unwrap();
    assert!(b.journal().get(&r.id).is_none());
    assert!(b.sync_status().unwrap().unwrap().damaged.is_empty());
    // A day later (the first sighting moved back: tests read no clock), still the same.
    let age = |v: &Vault| {
        v.codec
            .with_sync(|l| {
                for (_, since) in l.state.unopened.values_mut() {
                    *since -= chrono::Duration::hours(25);
                }
            })
            .unwrap();
    };
    age(&b);
    b.sync_now().unwrap();
    let damaged = b.sync_status().unwrap().unwrap().damaged;
    assert_eq!(damaged.len(), 1, "{damaged:?}");
    assert!(damaged[0].contains("Agency laptop"), "{damaged:?}");
    // The sync tool delivers it whole at last: merged, and the report goes.
    std::fs::write(&path, &good).unwrap();
    b.sync_now().unwrap();
    assert!(b.journal().get(&r.id).is_some());
    assert!(b.sync_status().unwrap().unwrap().damaged.is_empty());
}

#[test]
fn a_file_that_changes_while_unopenable_starts_its_day_again() {
    let root = tempfile::tempdir().unwrap();
    let opts = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &opts).unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let mut b = join(root.path(), "b", &folder);
    a.journal_mut().add(draft("Late", "text")).unwrap();
    a.sync_now().unwrap();
    let status = a.sync_status().unwrap().unwrap();
    let device: [u8; 16] = unhex(&status.device_id).unwrap().try_into().unwrap();
    let path = device_dir(&status.folder, &device).join("s000000002.attune-seg");
    let mut bytes = std::fs::read(&path).unwrap();
    for flip in [1u8, 2] {
        *bytes.last_mut().unwrap() ^= flip;
        std::fs::write(&path, &bytes).unwrap();
        b.sync_now().unwrap();
        b.codec
            .with_sync(|l| {
                for (_, since) in l.state.unopened.values_mut() {
                    *since -= chrono::Duration::hours(25);
                }
            })
            .unwrap();
    }
    // Each change started a new day: the last version has been seen once, not for a day.
    assert!(b.sync_status().unwrap().unwrap().damaged.is_empty());
}

/// A merge that fails midway (here: the n-th write of the vault fails, as on a full disk,
/// for every n a merge of three segments and a compaction makes) has saved the segments
/// before it for good: the window shows what the file holds, as a lock and unlock would,
/// and the next sync merges the rest.
#[test]
fn a_merge_that_fails_midway_still_shows_what_it_saved() {
    use crate::journal::ReflectionFilter;
    use crate::store::WRITES_BEFORE_FAILURE;
    let titles = |v: &Vault| {
        let mut t: Vec<String> = v
            .journal()
            .list(&ReflectionFilter::default())
            .iter()
            .map(|r| format!("{} {}", r.id, r.content.title))
            .collect();
        t.sort();
        t
    };
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    let options = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let (mut a, _) = Vault::create(&root.path().join("a"), PASS, &options).unwrap();
    a.sync_enable(&folder, "A").unwrap();
    let b = join(root.path(), "b", &folder);
    b.lock().unwrap();
    // Three segments from A: adds, an edit of one of them, more adds.
    let first = a.journal_mut().add(draft("one", "first")).unwrap();
    a.journal_mut().add(draft("two", "second")).unwrap();
    a.sync_now().unwrap();
    a.journal_mut()
        .update(&first.id, draft("one, edited", "again"))
        .unwrap();
    a.sync_now().unwrap();
    a.journal_mut().add(draft("three", "third")).unwrap();
    a.sync_now().unwrap();
    let everything = titles(&a);
    let mut failed = 0;
    for n in 0..8 {
        let dir = root.path().join(format!("b-{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        for e in std::fs::read_dir(root.path().join("b")).unwrap() {
            let e = e.unwrap();
            if e.file_name() != "attune.lock" {
                std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
            }
        }
        let mut v = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
        WRITES_BEFORE_FAILURE.with(|w| w.set(Some(n)));
        let result = v.sync_now();
        WRITES_BEFORE_FAILURE.with(|w| w.set(None));
        if result.is_err() {
            failed += 1;
        }
        let shown = titles(&v);
        v.lock().unwrap();
        let mut v = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
        assert_eq!(shown, titles(&v), "write {n} failing");
        v.sync_now().unwrap();
        assert_eq!(titles(&v), everything, "write {n} failing, then a sync");
    }
    // The failures fell on every write the merge makes, and past them none did.
    assert!(failed >= 4, "{failed}");
    assert!(failed < 8, "{failed}");
}
