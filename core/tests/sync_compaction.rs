//! Compaction, as a person lives it: a device rewrites its history in the synced folder
//! into one file, and every device (one that had merged part of it, one that merged none)
//! still ends with the same journal and the same kept versions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use attune_core::sync::COMPACT_AFTER_OPS;
use attune_core::{Unlock, Vault};
use common::{draft, new_vault, PASS};

fn join(root: &Path, name: &str, folder: &Path) -> Vault {
    Vault::sync_join(&root.join(name), folder, Unlock::Passphrase(PASS), name).unwrap()
}

fn own_files(v: &Vault) -> Vec<PathBuf> {
    let s = v.sync_status().unwrap().unwrap();
    let mut out: Vec<PathBuf> = std::fs::read_dir(s.folder.join("devices").join(s.device_id))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_version_kept_from_concurrent_edits_survives_both_devices_compacting() {
    let (_a_dir, mut a, _) = new_vault();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let r = a.journal_mut().add(draft("Feeding", "first")).unwrap();
    a.sync_now().unwrap();
    let mut b = join(root.path(), "b", &folder);
    let mut on_a = r.content.clone();
    on_a.parent_infant = "edited on the laptop".into();
    a.journal_mut().update(&r.id, on_a).unwrap();
    let mut on_b = r.content.clone();
    on_b.parent_infant = "edited at home".into();
    b.journal_mut().update(&r.id, on_b).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert_eq!(a.revisions(&r.id).unwrap().len(), 1);

    a.sync_compact().unwrap().unwrap();
    b.sync_compact().unwrap().unwrap();
    for v in [&a, &b] {
        let files = own_files(v);
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(name(&files[0]).starts_with('c'), "{files:?}");
    }
    // A device that merged nothing before the compactions gets the winner and the loser.
    let c = join(root.path(), "c", &folder);
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    let winner = a.journal().get(&r.id).unwrap();
    let kept = a.revisions(&r.id).unwrap();
    for v in [&b, &c] {
        assert_eq!(v.journal().get(&r.id), Some(winner));
        let theirs = v.revisions(&r.id).unwrap();
        assert_eq!(theirs.len(), 1, "{theirs:?}");
        assert_eq!(theirs[0].reflection, kept[0].reflection);
        assert_eq!(theirs[0].at, kept[0].at);
    }
}

#[test]
fn sync_compacts_by_itself_after_enough_operations() {
    let (_a_dir, mut a, _) = new_vault();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let n = usize::try_from(COMPACT_AFTER_OPS).unwrap();
    let drafts = (0..n)
        .map(|i| draft(&format!("Visit {i}"), "text"))
        .collect();
    a.journal_mut().add_many(drafts).unwrap();
    a.sync_now().unwrap();
    let files = own_files(&a);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(name(&files[0]).starts_with('c'), "{files:?}");
    // A device that had merged the first segment, and one that merged nothing, both have all.
    let b = join(root.path(), "b", &folder);
    assert_eq!(b.journal().len(), a.journal().len());
}

#[test]
fn compacting_twice_in_a_row_keeps_one_file_and_a_late_device_still_follows() {
    let (_a_dir, mut a, _) = new_vault();
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let mut b = join(root.path(), "b", &folder);
    let first = a.journal_mut().add(draft("One", "text")).unwrap();
    let first_report = a.sync_compact().unwrap().unwrap();
    let second = a.sync_compact().unwrap().unwrap();
    assert!(second.segment > first_report.segment);
    assert_eq!(own_files(&a).len(), 1);
    let next = a.journal_mut().add(draft("Two", "text")).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    assert!(b.journal().get(&first.id).is_some());
    assert!(b.journal().get(&next.id).is_some());
    assert_eq!(b.journal().len(), a.journal().len());
}
