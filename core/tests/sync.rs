//! Sync through a shared folder, as a person lives it: two devices (two vault directories)
//! share one folder; what one writes, the other sees after `sync now`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use attune_core::{Unlock, Vault};
use common::{draft, new_vault, PASS};

/// Device A (a new vault, syncing into `folder`) and device B (joined from it).
struct Two {
    _a_dir: tempfile::TempDir,
    _b_root: tempfile::TempDir,
    folder_root: tempfile::TempDir,
    a: Vault,
    b: Vault,
}

impl Two {
    fn folder(&self) -> PathBuf {
        self.folder_root.path().join("Sync")
    }
}

fn two() -> Two {
    let (a_dir, mut a, _) = new_vault();
    let folder_root = tempfile::tempdir().unwrap();
    let folder = folder_root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let b_root = tempfile::tempdir().unwrap();
    let b = Vault::sync_join(
        &b_root.path().join("vault"),
        &folder,
        Unlock::Passphrase(PASS),
        "Home computer",
    )
    .unwrap();
    Two {
        _a_dir: a_dir,
        _b_root: b_root,
        folder_root,
        a,
        b,
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn segments_of(folder: &Path, device: &str) -> Vec<PathBuf> {
    files(&folder.join("devices").join(device))
}

#[test]
fn a_reflection_written_on_one_device_appears_on_the_other() {
    let mut t = two();
    // B has A's profile and identity, not the placeholders it was made with.
    assert_eq!(t.b.profile(), t.a.profile());
    let r =
        t.a.journal_mut()
            .add(draft("Bath time", "the baby calmed"))
            .unwrap();
    t.a.sync_now().unwrap();
    let report = t.b.sync_now().unwrap();
    assert_eq!(report.merged, 1);
    assert_eq!(t.b.journal().get(&r.id), Some(&r));
    // And back: an edit on B reaches A.
    let mut edited = r.content.clone();
    edited.title = "Bath time, later".into();
    t.b.journal_mut().update(&r.id, edited).unwrap();
    t.b.sync_now().unwrap();
    t.a.sync_now().unwrap();
    assert_eq!(
        t.a.journal().get(&r.id).unwrap().content.title,
        "Bath time, later"
    );
    // Both name each other.
    let status = t.a.sync_status().unwrap().unwrap();
    assert_eq!(status.device_name, "Agency laptop");
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].name, "Home computer");
    assert_eq!(status.waiting, 0);
    assert!(status.last_merge.is_some());
}

#[test]
fn the_same_reflection_edited_on_both_ends_the_same_with_the_loser_kept_on_both() {
    let mut t = two();
    let r =
        t.a.journal_mut()
            .add(draft("Feeding", "first version"))
            .unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    let mut on_a = r.content.clone();
    on_a.parent_infant = "edited on the laptop".into();
    t.a.journal_mut().update(&r.id, on_a).unwrap();
    let mut on_b = r.content.clone();
    on_b.parent_infant = "edited at home".into();
    t.b.journal_mut().update(&r.id, on_b).unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    t.a.sync_now().unwrap();
    let (ra, rb) = (
        t.a.journal().get(&r.id).unwrap(),
        t.b.journal().get(&r.id).unwrap(),
    );
    assert_eq!(ra, rb, "one winner on both devices");
    let (va, vb) = (t.a.revisions(&r.id).unwrap(), t.b.revisions(&r.id).unwrap());
    assert_eq!(va.len(), 1, "{va:?}");
    assert_eq!(vb.len(), 1, "{vb:?}");
    assert_eq!(va[0].reflection, vb[0].reflection);
    assert_eq!(va[0].at, vb[0].at);
    let texts = [
        ra.content.parent_infant.as_str(),
        va[0].reflection.content.parent_infant.as_str(),
    ];
    assert!(texts.contains(&"edited on the laptop") && texts.contains(&"edited at home"));
    assert!(["Agency laptop", "Home computer"].contains(&va[0].device.as_str()));
    assert_eq!(t.a.sync_status().unwrap().unwrap().conflicts_kept, 1);
    // No duplicate entry.
    assert_eq!(t.a.journal().len(), t.b.journal().len());
    // Deleting the reflection takes its kept versions with it, on both devices.
    t.b.delete_reflection(&r.id).unwrap();
    t.b.sync_now().unwrap();
    t.a.sync_now().unwrap();
    assert!(t.a.journal().get(&r.id).is_none());
    assert!(t.a.revisions(&r.id).unwrap().is_empty());
    assert!(t.b.revisions(&r.id).unwrap().is_empty());
}

#[test]
fn a_delete_travels() {
    let mut t = two();
    let r = t.a.journal_mut().add(draft("Visit", "text")).unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    assert!(t.b.journal().get(&r.id).is_some());
    t.a.delete_reflection(&r.id).unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    assert!(t.b.journal().get(&r.id).is_none());
}

#[test]
fn conflict_copies_and_temporary_files_are_ignored_and_reported() {
    let mut t = two();
    t.a.journal_mut().add(draft("One", "text")).unwrap();
    t.a.sync_now().unwrap();
    let a_id = t.a.sync_status().unwrap().unwrap().device_id;
    let dir = t.folder().join("devices").join(&a_id);
    let first = dir.join("s000000001.attune-seg");
    for name in [
        "s000000002.sync-conflict-20261202-101500-ABCDEFG.attune-seg",
        "s000000002 (conflicted copy 2026-12-02).attune-seg",
        ".syncthing.s000000003.attune-seg.tmp",
    ] {
        std::fs::copy(&first, dir.join(name)).unwrap();
    }
    let before = t.b.journal().len();
    t.b.sync_now().unwrap();
    assert_eq!(t.b.journal().len(), before + 1);
    let status = t.b.sync_status().unwrap().unwrap();
    assert_eq!(status.files_ignored.len(), 3, "{:?}", status.files_ignored);
    assert!(status.files_ignored.iter().all(|f| f.contains(&a_id)));
    // Reported once, however often merged.
    t.b.sync_now().unwrap();
    assert_eq!(t.b.sync_status().unwrap().unwrap().files_ignored.len(), 3);
}

#[test]
fn a_half_arrived_segment_is_retried_silently() {
    let mut t = two();
    let r = t.a.journal_mut().add(draft("Late", "text")).unwrap();
    t.a.sync_now().unwrap();
    let a_id = t.a.sync_status().unwrap().unwrap().device_id;
    let last = segments_of(&t.folder(), &a_id).pop().unwrap();
    let whole = std::fs::read(&last).unwrap();
    std::fs::write(&last, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(t.b.sync_now().unwrap().merged, 0);
    assert!(t.b.journal().get(&r.id).is_none());
    let status = t.b.sync_status().unwrap().unwrap();
    assert!(status.rollbacks.is_empty() && status.files_ignored.is_empty());
    // The rest arrives.
    std::fs::write(&last, &whole).unwrap();
    assert_eq!(t.b.sync_now().unwrap().merged, 1);
    assert!(t.b.journal().get(&r.id).is_some());
}

#[test]
fn a_folder_that_goes_back_in_time_is_reported_and_changes_nothing() {
    let mut t = two();
    let r = t.a.journal_mut().add(draft("Kept", "text")).unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    let a_id = t.a.sync_status().unwrap().unwrap().device_id;
    // A cloud restore takes the folder back to before A's segments.
    for f in segments_of(&t.folder(), &a_id) {
        std::fs::remove_file(f).unwrap();
    }
    t.b.sync_now().unwrap();
    let status = t.b.sync_status().unwrap().unwrap();
    assert_eq!(status.rollbacks.len(), 1, "{status:?}");
    assert!(status.rollbacks[0].contains("went back in time"));
    assert!(t.b.journal().get(&r.id).is_some(), "nothing local changed");
}

#[test]
fn the_folder_holds_no_readable_word() {
    let mut t = two();
    let canary = "Zebracanaryplum";
    t.a.journal_mut()
        .add(draft(&format!("{canary} title"), &format!("{canary} body")))
        .unwrap();
    t.a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    for f in files(&t.folder()) {
        let bytes = std::fs::read(&f).unwrap();
        for needle in [
            canary.as_bytes(),
            b"Rowan",
            b"Agency laptop",
            b"Home computer",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} holds {:?}",
                f.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }
}

#[test]
fn a_synced_vault_reopens_and_keeps_syncing() {
    let mut t = two();
    let dir = t.a.dir().to_path_buf();
    t.a.lock().unwrap();
    let mut a = Vault::unlock(&dir, Unlock::Passphrase(PASS)).unwrap();
    let r = a.journal_mut().add(draft("After unlock", "text")).unwrap();
    assert_eq!(a.sync_status().unwrap().unwrap().waiting, 1);
    a.sync_now().unwrap();
    t.b.sync_now().unwrap();
    assert!(t.b.journal().get(&r.id).is_some());
}

#[test]
fn joining_with_a_wrong_passphrase_or_another_journals_folder_is_refused() {
    let t = two();
    let dir = tempfile::tempdir().unwrap();
    let err = Vault::sync_join(
        &dir.path().join("v"),
        &t.folder(),
        Unlock::Passphrase("not the passphrase"),
        "Phone",
    )
    .unwrap_err();
    assert!(
        matches!(err, attune_core::Error::WrongPassphrase),
        "{err:?}"
    );
    assert!(!Vault::exists(&dir.path().join("v")));
    let (_c_dir, mut c, _) = new_vault();
    let err = c.sync_enable(&t.folder(), "Other").unwrap_err();
    assert!(err.to_string().contains("another journal"), "{err}");
}
