//! Keeping either version of a reflection edited on two devices at once: the choice made on
//! one device makes the kept revision go away on every device, and the reflection reads the
//! same everywhere, including on a device that joins after a compaction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::{KeepVersion, Reflection, Unlock, Vault};
use common::{draft, new_vault, PASS};

fn join(root: &Path, name: &str, folder: &Path) -> Vault {
    Vault::sync_join(&root.join(name), folder, Unlock::Passphrase(PASS), name).unwrap()
}

/// Two devices whose concurrent edits of one reflection left a revision on both.
fn conflicted(root: &Path) -> (tempfile::TempDir, Vault, Vault, Reflection) {
    let (a_dir, mut a, _) = new_vault();
    let folder = root.join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let r = a.journal_mut().add(draft("Feeding", "first")).unwrap();
    a.sync_now().unwrap();
    let mut b = join(root, "b", &folder);
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
    assert_eq!(b.revisions(&r.id).unwrap().len(), 1);
    (a_dir, a, b, r)
}

#[test]
fn restoring_a_revision_on_one_device_resolves_it_on_both() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, mut a, mut b, r) = conflicted(root.path());
    let revision = a.revisions(&r.id).unwrap().remove(0);
    let kept = a.keep_version(&revision.id, KeepVersion::Revision).unwrap();
    assert_eq!(kept.content, revision.reflection.content);
    assert!(a.revisions(&r.id).unwrap().is_empty());
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert!(b.revisions(&r.id).unwrap().is_empty());
    assert_eq!(
        b.journal().get(&r.id).unwrap().content,
        revision.reflection.content
    );
    assert_eq!(a.journal().get(&r.id), b.journal().get(&r.id));
    // A device joining after both compacted sees no revision either.
    a.sync_compact().unwrap();
    b.sync_compact().unwrap();
    let c = join(root.path(), "c", &root.path().join("Sync"));
    assert!(c.revisions(&r.id).unwrap().is_empty());
    assert_eq!(c.journal().get(&r.id), a.journal().get(&r.id));
}

#[test]
fn keeping_the_current_version_on_the_other_device_resolves_it_on_both() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, mut a, mut b, r) = conflicted(root.path());
    let before = b.journal().get(&r.id).unwrap().content.clone();
    let revision = b.revisions(&r.id).unwrap().remove(0);
    let kept = b.keep_version(&revision.id, KeepVersion::Current).unwrap();
    assert_eq!(kept.content, before);
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert!(a.revisions(&r.id).unwrap().is_empty());
    assert!(b.revisions(&r.id).unwrap().is_empty());
    assert_eq!(a.journal().get(&r.id).unwrap().content, before);
    // Resolving it again: it is gone.
    assert!(b.keep_version(&revision.id, KeepVersion::Current).is_err());
}

#[test]
fn the_reflections_with_a_kept_version_are_listed_until_one_is_kept() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, mut a, b, r) = conflicted(root.path());
    let other = a.journal_mut().add(draft("Bath time", "calm")).unwrap();
    assert_eq!(a.reflections_with_revisions().unwrap(), vec![r.id.clone()]);
    assert_eq!(b.reflections_with_revisions().unwrap(), vec![r.id.clone()]);
    let revision = a.revisions(&r.id).unwrap().remove(0);
    a.keep_version(&revision.id, KeepVersion::Current).unwrap();
    assert!(a.reflections_with_revisions().unwrap().is_empty());
    assert!(a.revisions(&other.id).unwrap().is_empty());
    // A vault that does not sync has none.
    let (_dir, plain, _) = new_vault();
    assert!(plain.reflections_with_revisions().unwrap().is_empty());
}

#[test]
fn mirroring_never_makes_a_synced_folder_that_went_away_again() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, mut a, _) = new_vault();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    // The drive that held it is not connected.
    std::fs::rename(&folder, root.path().join("elsewhere")).unwrap();
    a.journal_mut()
        .add(draft("Written meanwhile", "kept"))
        .unwrap();
    let refused = a.sync_now().unwrap_err();
    assert_eq!(refused.code(), attune_core::ErrorCode::InvalidInput);
    assert!(
        !folder.exists(),
        "the folder was made again where no sync tool carries it"
    );
    // Back again: what waited goes out.
    std::fs::rename(root.path().join("elsewhere"), &folder).unwrap();
    assert_eq!(a.sync_now().unwrap().mirrored, 1);
}

/// An editor open on the laptop while the home computer's edit of the same reflection is
/// merged in: the laptop's save names the version it was written from, so the home
/// computer's edit, which the writer never saw, is kept as a revision (here, and on the
/// home computer once synced) instead of being saved over.
#[test]
fn a_save_from_an_editor_opened_before_a_merge_keeps_the_merged_version() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, mut a, _) = new_vault();
    let folder = root.path().join("Sync");
    a.sync_enable(&folder, "Agency laptop").unwrap();
    let r = a.journal_mut().add(draft("Feeding", "first")).unwrap();
    a.sync_now().unwrap();
    let mut b = join(root.path(), "b", &folder);
    // The laptop's editor opens the reflection.
    let opened = a.reflection_version(&r.id).unwrap().expect("a version");
    // At home it is edited from the same version, and synced.
    let mut at_home = r.content.clone();
    at_home.parent_infant = "edited at home".into();
    b.journal_mut().update(&r.id, at_home.clone()).unwrap();
    b.sync_now().unwrap();
    // The laptop merges it (nothing of its own waited) while its editor is still open...
    assert_eq!(a.sync_now().unwrap().merged, 1);
    assert_eq!(a.journal().get(&r.id).unwrap().content, at_home);
    assert_ne!(
        a.reflection_version(&r.id).unwrap().as_deref(),
        Some(&*opened)
    );
    // ...and the editor saves what its writer typed, from the version it opened.
    let mut typed = r.content.clone();
    typed.parent_infant = "typed on the laptop".into();
    let saved = a
        .journal_mut()
        .update_from(&r.id, typed.clone(), Some(&opened))
        .unwrap();
    assert_eq!(saved.content, typed);
    let kept = a.revisions(&r.id).unwrap();
    assert_eq!(kept.len(), 1, "the home computer's edit is kept");
    assert_eq!(kept[0].reflection.content, at_home);
    assert_eq!(kept[0].device, "b");
    // Once synced, the home computer holds the same: the laptop's words, and its own kept.
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    assert_eq!(b.journal().get(&r.id).unwrap().content, typed);
    let kept_b = b.revisions(&r.id).unwrap();
    assert_eq!(kept_b.len(), 1);
    assert_eq!(kept_b[0].reflection.content, at_home);
    assert_eq!(kept_b[0].id, kept[0].id);
    // Saving again from the version just saved is an ordinary edit: nothing more is kept.
    let now = a.reflection_version(&r.id).unwrap().unwrap();
    typed.self_ = "and a second thought".into();
    a.journal_mut()
        .update_from(&r.id, typed, Some(&now))
        .unwrap();
    assert_eq!(a.revisions(&r.id).unwrap().len(), 1);
}

/// The same when both devices had edited it at once: one device's earlier save was kept as
/// a revision by the merge there; its editor's next save continues that version (the
/// revision of it goes) and keeps the other device's instead. A version the vault does not
/// know, or a vault that does not sync, changes nothing.
#[test]
fn an_editor_that_continues_its_own_kept_version_keeps_the_other_one() {
    let root = tempfile::tempdir().unwrap();
    let (_a_dir, a, b, r) = conflicted(root.path());
    // The device whose own edit lost the merge (clocks decide which): its editor still
    // shows its own version, which the merge kept as a revision there.
    let (mut a, _b) = if a.revisions(&r.id).unwrap()[0].device == "Agency laptop" {
        (a, b)
    } else {
        (b, a)
    };
    let own = a.revisions(&r.id).unwrap().remove(0);
    let winner = a.journal().get(&r.id).unwrap().content.clone();
    assert_ne!(winner, own.reflection.content);
    let version = own.id.rsplit_once('.').unwrap().1.to_owned();
    let mut typed = own.reflection.content.clone();
    typed.self_ = "more, typed in the editor".into();
    a.journal_mut()
        .update_from(&r.id, typed.clone(), Some(&version))
        .unwrap();
    let kept = a.revisions(&r.id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].reflection.content, winner,
        "the other device's edit is kept"
    );
    assert_ne!(kept[0].id, own.id, "its own older version is not");
    // A version that is not one: refused with the field named.
    let err = a
        .journal_mut()
        .update_from(&r.id, typed.clone(), Some("not a version"))
        .unwrap_err();
    assert!(
        matches!(&err, attune_core::Error::InvalidInput { field, .. } if field == "version"),
        "{err:?}"
    );
    // A vault that does not sync has no versions, and a named one is simply not known.
    let (_dir, mut plain, _) = new_vault();
    let p = plain.journal_mut().add(draft("Alone", "here")).unwrap();
    assert_eq!(plain.reflection_version(&p.id).unwrap(), None);
    plain
        .journal_mut()
        .update_from(&p.id, typed, Some(&version))
        .unwrap();
    assert!(plain.revisions(&p.id).unwrap().is_empty());
}
