//! Key generations across devices: a passphrase or recovery key changed on one device reaches
//! the others through the synced folder; the old secret is refused with where and when; a
//! key file from anyone who did not hold the vault key changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::slots::{self, SlotSecret};
use super::sync_keys::FOLDER_FILE;
use super::{CreateOptions, Unlock, Vault};
use crate::crypto::keys::SecretKey;
use crate::crypto::{KdfParams, RecoveryKey};
use crate::error::Error;
use crate::journal::{ReflectionDraft, ReflectionKind};
use crate::record::hlc::unhex;
use crate::store::SlotRow;
use crate::sync::keys_file::{self, NextGeneration};
use crate::sync::{SyncKey, SyncKeys};

const P1: &str = "correct horse battery staple";
const P2: &str = "a new passphrase for the laptop";
const P3: &str = "the home computer's own passphrase";

fn draft(title: &str) -> ReflectionDraft {
    ReflectionDraft {
        kind: ReflectionKind::HomeVisit,
        date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        title: title.into(),
        family: "Rowan".into(),
        tags: Vec::new(),
        parent_infant: "what passed between them".into(),
        practitioner_parent: String::new(),
        supervisor_practitioner: String::new(),
        self_: String::new(),
        for_supervision: String::new(),
    }
}

struct Two {
    _root: tempfile::TempDir,
    folder: PathBuf,
    a_dir: PathBuf,
    b_dir: PathBuf,
    recovery: RecoveryKey,
}

/// A syncs through a folder with one reflection; B joined from it; both locked.
fn two_devices() -> Two {
    let root = tempfile::tempdir().unwrap();
    let opts = CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    };
    let a_dir = root.path().join("a");
    let b_dir = root.path().join("b");
    let folder = root.path().join("Sync");
    let (mut a, recovery) = Vault::create(&a_dir, P1, &opts).unwrap();
    a.sync_enable(&folder, "Agency laptop").unwrap();
    a.journal_mut().add(draft("Before the change")).unwrap();
    a.sync_now().unwrap();
    a.lock().unwrap();
    let b = Vault::sync_join(&b_dir, &folder, Unlock::Passphrase(P1), "Home computer").unwrap();
    assert_eq!(b.journal().len(), 1);
    b.lock().unwrap();
    Two {
        _root: root,
        folder,
        a_dir,
        b_dir,
        recovery,
    }
}

fn unlock(dir: &Path, pass: &str) -> Result<Vault, Error> {
    Vault::unlock(dir, Unlock::Passphrase(pass))
}

fn changed_on(e: Error) -> (String, bool) {
    match e {
        Error::PassphraseChangedElsewhere {
            device, crossed, ..
        } => (device, crossed),
        other => panic!("expected passphrase_changed_elsewhere, got {other:?}"),
    }
}

fn device_id(v: &Vault) -> [u8; 16] {
    unhex(&v.sync_status().unwrap().unwrap().device_id)
        .unwrap()
        .try_into()
        .unwrap()
}

#[test]
fn a_passphrase_changed_on_one_device_holds_on_the_other_at_its_next_unlock() {
    let t = two_devices();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    let change = a.change_passphrase(P1, P2).unwrap();
    assert!(change.vault_key_rotated);
    a.journal_mut().add(draft("After the change")).unwrap();
    a.sync_now().unwrap();

    // The old passphrase is refused on B, saying where.
    let (device, crossed) = changed_on(unlock(&t.b_dir, P1).unwrap_err());
    assert_eq!(device, "Agency laptop");
    assert!(!crossed);
    let message = unlock(&t.b_dir, P1).unwrap_err().to_string();
    assert!(message.contains("changed on Agency laptop"), "{message}");
    assert!(message.contains("recovery key"), "{message}");

    // The new one opens B, which moves to the new vault key and slots.
    let mut b = unlock(&t.b_dir, P2).unwrap();
    assert_eq!(
        b.vault_key.expose_secret_bytes(),
        a.vault_key.expose_secret_bytes()
    );
    assert_eq!(b.journal().len(), 1);
    b.sync_now().unwrap();
    assert_eq!(b.journal().len(), 2);
    b.journal_mut().add(draft("Written on B after")).unwrap();
    b.sync_now().unwrap();
    b.lock().unwrap();
    a.sync_now().unwrap();
    assert_eq!(a.journal().len(), 3);

    // From B's own slots now; the old passphrase opens nothing there any more.
    unlock(&t.b_dir, P2).unwrap().lock().unwrap();
    assert_eq!(
        changed_on(unlock(&t.b_dir, P1).unwrap_err()).0,
        "Agency laptop"
    );

    // A new device joins with the new passphrase, not the old one.
    let c_dir = t.folder.parent().unwrap().join("c");
    let refused = Vault::sync_join(&c_dir, &t.folder, Unlock::Passphrase(P1), "Tablet");
    assert_eq!(changed_on(refused.unwrap_err()).0, "Agency laptop");
    assert!(!c_dir.exists(), "a refused join leaves nothing");
    let c = Vault::sync_join(&c_dir, &t.folder, Unlock::Passphrase(P2), "Tablet").unwrap();
    assert_eq!(c.journal().len(), 3);
    c.lock().unwrap();
    unlock(&c_dir, P2).unwrap().lock().unwrap();
    // And with the recovery key, which the change wrapped the new vault key to.
    let d_dir = t.folder.parent().unwrap().join("d");
    let phrase = t.recovery.to_display().to_string();
    let d = Vault::sync_join(&d_dir, &t.folder, Unlock::RecoveryKey(&phrase), "Spare").unwrap();
    assert_eq!(d.journal().len(), 3);
}

#[test]
fn the_recovery_key_brings_a_device_in_line_after_a_change_elsewhere() {
    let t = two_devices();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    a.change_passphrase(P1, P2).unwrap();
    a.lock().unwrap();
    let phrase = t.recovery.to_display().to_string();
    let b = Vault::unlock(&t.b_dir, Unlock::RecoveryKey(&phrase)).unwrap();
    b.lock().unwrap();
    unlock(&t.b_dir, P2).unwrap().lock().unwrap();
    assert_eq!(
        changed_on(unlock(&t.b_dir, P1).unwrap_err()).0,
        "Agency laptop"
    );
}

#[test]
fn a_new_recovery_key_elsewhere_retires_the_old_one_here() {
    let t = two_devices();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    let new_key = a.new_recovery_key(P1).unwrap();
    a.lock().unwrap();
    let old = t.recovery.to_display().to_string();
    let (device, _) = changed_on(Vault::unlock(&t.b_dir, Unlock::RecoveryKey(&old)).unwrap_err());
    assert_eq!(device, "Agency laptop");
    // The passphrase was not changed: it opens B and the new generation alike.
    unlock(&t.b_dir, P1).unwrap().lock().unwrap();
    let (device, _) = changed_on(Vault::unlock(&t.b_dir, Unlock::RecoveryKey(&old)).unwrap_err());
    assert_eq!(device, "Agency laptop");
    let new = new_key.to_display().to_string();
    Vault::unlock(&t.b_dir, Unlock::RecoveryKey(&new))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn two_changes_on_after_another_on_different_devices_chain() {
    let t = two_devices();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    a.change_passphrase(P1, P2).unwrap();
    a.lock().unwrap();
    let mut b = unlock(&t.b_dir, P2).unwrap();
    b.change_passphrase(P2, P3).unwrap();
    b.lock().unwrap();
    let (device, crossed) = changed_on(unlock(&t.a_dir, P2).unwrap_err());
    assert_eq!((device.as_str(), crossed), ("Home computer", false));
    unlock(&t.a_dir, P3).unwrap().lock().unwrap();
    // Three generations in the folder; a device still on the first moves to the third.
    let files = keys_file::read_all(&t.folder, &vault_id(&t.a_dir)).unwrap();
    assert_eq!(
        files.iter().map(|f| f.generation).collect::<Vec<_>>(),
        [3, 2, 1]
    );
}

fn vault_id(dir: &Path) -> [u8; 16] {
    crate::store::Store::open_to_read(&dir.join(crate::store::DB_FILE))
        .unwrap()
        .vault_id()
        .unwrap()
}

#[test]
fn a_device_left_two_generations_behind_moves_to_the_newest() {
    let t = two_devices();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    a.change_passphrase(P1, P2).unwrap();
    a.change_passphrase(P2, P3).unwrap();
    a.lock().unwrap();
    assert_eq!(
        changed_on(unlock(&t.b_dir, P1).unwrap_err()).0,
        "Agency laptop"
    );
    // The passphrase in between was changed too: refused, not taken.
    assert_eq!(
        changed_on(unlock(&t.b_dir, P2).unwrap_err()).0,
        "Agency laptop"
    );
    unlock(&t.b_dir, P3).unwrap().lock().unwrap();
    assert_eq!(
        changed_on(unlock(&t.b_dir, P2).unwrap_err()).0,
        "Agency laptop"
    );
}

/// A changes the passphrase to P2 and B to P3 before either sees the other's key file (the
/// sync tool is slow): both, unlocked, and whether A's change is the one that holds.
fn change_at_once(t: &Two) -> (Vault, Vault, bool) {
    let mut a = unlock(&t.a_dir, P1).unwrap();
    let mut b = unlock(&t.b_dir, P1).unwrap();
    let a_wins = device_id(&a) > device_id(&b);
    a.change_passphrase(P1, P2).unwrap();
    let a_file = t.folder.join("keys").join(format!(
        "g000002-{}.attune-keys",
        crate::record::hlc::hex(&device_id(&a))
    ));
    let aside = t.folder.parent().unwrap().join("in-transit");
    std::fs::rename(&a_file, &aside).unwrap();
    b.change_passphrase(P1, P3).unwrap();
    std::fs::rename(&aside, &a_file).unwrap();
    (a, b, a_wins)
}

#[test]
fn changes_made_on_two_devices_at_once_end_with_the_same_keys_everywhere() {
    let t = two_devices();
    let (a, b, a_wins) = change_at_once(&t);
    a.lock().unwrap();
    b.lock().unwrap();
    let (winner_dir, winner_pass, loser_dir, loser_pass, winner_name) = if a_wins {
        (&t.a_dir, P2, &t.b_dir, P3, "Agency laptop")
    } else {
        (&t.b_dir, P3, &t.a_dir, P2, "Home computer")
    };
    // The winner carries on; the loser's own new passphrase is refused, saying why.
    unlock(winner_dir, winner_pass).unwrap().lock().unwrap();
    let (device, crossed) = changed_on(unlock(loser_dir, loser_pass).unwrap_err());
    assert_eq!(device, winner_name);
    assert!(crossed);
    // The winner's passphrase cannot reach the loser's keys; the recovery key can.
    assert!(unlock(loser_dir, winner_pass).is_err());
    let phrase = t.recovery.to_display().to_string();
    Vault::unlock(loser_dir, Unlock::RecoveryKey(&phrase))
        .unwrap()
        .lock()
        .unwrap();
    let winner = unlock(winner_dir, winner_pass).unwrap();
    let loser = unlock(loser_dir, winner_pass).unwrap();
    assert_eq!(
        winner.vault_key.expose_secret_bytes(),
        loser.vault_key.expose_secret_bytes()
    );
}

/// A key file of generation 2 written by someone who never held the vault key: its own
/// vault key, its own passphrase, a link sealed under a key of its own.
fn plant_hostile_file(t: &Two, vault_key_of_attacker: &SecretKey) {
    let id = vault_id(&t.a_dir);
    let slot = slots::passphrase_slot(
        &id,
        vault_key_of_attacker,
        "the attacker's passphrase",
        KdfParams::MINIMUM,
        chrono::Utc::now(),
    )
    .unwrap();
    let rows = [SlotRow {
        id: 1,
        kind: slot.kind.into(),
        kdf: slot
            .kdf
            .map(|(m, t, p)| (i64::from(m), i64::from(t), i64::from(p))),
        salt: slot.salt,
        wrapped_key: slot.wrapped_key,
        public_key: None,
        created_at: slot.created_at,
    }];
    let guess = SecretKey::random().unwrap();
    let sync_key = SyncKey::derive(&guess, &id).unwrap();
    keys_file::write_next(
        &t.folder,
        &id,
        &NextGeneration {
            generation: 2,
            device: [0xff; 16],
            device_name: "Attacker",
            slots: &rows,
            vault_key: vault_key_of_attacker,
            previous: &guess,
            earlier: &[(1, &guess)],
            sync_keys: &SyncKeys::first(sync_key),
            at: chrono::Utc::now(),
        },
    )
    .unwrap();
}

#[test]
fn a_key_file_from_someone_without_the_vault_key_changes_nothing() {
    let t = two_devices();
    let attackers = SecretKey::random().unwrap();
    plant_hostile_file(&t, &attackers);
    // Junk beside it: not JSON, another journal's, absurd key-derivation costs.
    let keys = t.folder.join("keys");
    std::fs::write(keys.join("g000009-00.attune-keys"), b"not json").unwrap();
    // The planted file again as generation 3, its passphrase slot asking for a key
    // derivation far out of bounds: tried by an unlock whose secret opens nothing here, it
    // must be passed over, not run and not an error.
    let planted = std::fs::read_dir(&keys)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("g000002-"))
        .unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(planted).unwrap()).unwrap();
    json["generation"] = 3.into();
    json["device"] = "ee".repeat(16).into();
    json["slots"][0]["kdf"] = serde_json::json!([4_000_000_000u64, 4_000_000_000u64, 255]);
    std::fs::write(
        keys.join(format!("g000003-{}.attune-keys", "ee".repeat(16))),
        serde_json::to_vec(&json).unwrap(),
    )
    .unwrap();
    assert_eq!(
        keys_file::read_all(&t.folder, &vault_id(&t.a_dir))
            .unwrap()
            .iter()
            .map(|f| f.generation)
            .collect::<Vec<_>>(),
        [3, 2, 1],
        "the junk file is left out, the others are read"
    );
    assert!(matches!(
        unlock(&t.b_dir, "not the passphrase at all"),
        Err(Error::WrongPassphrase)
    ));
    let v = unlock(&t.b_dir, P1).unwrap();
    assert_eq!(v.journal().len(), 1);
    v.lock().unwrap();
    assert!(matches!(
        unlock(&t.b_dir, "the attacker's passphrase"),
        Err(Error::WrongPassphrase)
    ));
    // A passphrase change carries on past it, and the others follow.
    let mut a = unlock(&t.a_dir, P1).unwrap();
    a.change_passphrase(P1, P2).unwrap();
    a.lock().unwrap();
    unlock(&t.b_dir, P2).unwrap().lock().unwrap();
}

#[test]
fn killed_between_the_key_file_and_the_change_the_new_passphrase_finishes_it() {
    let t = two_devices();
    let a = unlock(&t.a_dir, P1).unwrap();
    let new_key = SecretKey::random().unwrap();
    let passphrase = slots::passphrase_slot(
        &a.vault_id,
        &new_key,
        P2,
        KdfParams::MINIMUM,
        chrono::Utc::now(),
    )
    .unwrap();
    let recovery = slots::rewrap_recovery(&a.store, &a.vault_id, &new_key)
        .unwrap()
        .unwrap();
    // The key file is written; the process dies before the vault's own transaction.
    a.publish_generation(&new_key, &[passphrase, recovery])
        .unwrap()
        .unwrap();
    drop(a);
    let (device, crossed) = changed_on(unlock(&t.a_dir, P1).unwrap_err());
    assert_eq!((device.as_str(), crossed), ("Agency laptop", false));
    let a = unlock(&t.a_dir, P2).unwrap();
    assert_eq!(
        a.vault_key.expose_secret_bytes(),
        new_key.expose_secret_bytes()
    );
    assert!(
        slots::open(&a.store, &a.vault_id, &SlotSecret::Passphrase(P2))
            .unwrap()
            .is_some()
    );
    a.lock().unwrap();
    unlock(&t.b_dir, P2).unwrap().lock().unwrap();
}

#[test]
fn the_synced_folder_is_named_beside_the_vault_and_named_again_at_unlock() {
    let t = two_devices();
    let note = t.b_dir.join(FOLDER_FILE);
    let named = std::fs::read_to_string(&note).unwrap();
    assert_eq!(
        named.trim_end(),
        std::path::absolute(&t.folder).unwrap().to_str().unwrap()
    );
    std::fs::remove_file(&note).unwrap();
    unlock(&t.b_dir, P1).unwrap().lock().unwrap();
    assert_eq!(std::fs::read_to_string(&note).unwrap(), named);
}

#[test]
fn a_join_that_fails_after_making_the_vault_leaves_nothing() {
    let t = two_devices();
    let other = t.folder.parent().unwrap().join("Broken");
    std::fs::create_dir_all(other.join("keys")).unwrap();
    for name in ["attune-sync", "keys"] {
        let from = t.folder.join(name);
        if from.is_dir() {
            for e in std::fs::read_dir(&from).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), other.join(name).join(e.file_name())).unwrap();
            }
        } else {
            std::fs::copy(&from, other.join(name)).unwrap();
        }
    }
    // `devices` is a file: the vault is made, then taking the folder fails.
    std::fs::write(other.join("devices"), b"").unwrap();
    let new_dir = t.folder.parent().unwrap().join("new");
    let err = Vault::sync_join(&new_dir, &other, Unlock::Passphrase(P1), "Tablet").unwrap_err();
    assert!(!new_dir.exists(), "{err}");
    // Into a folder that existed: it stays, empty of the vault's files.
    std::fs::create_dir_all(&new_dir).unwrap();
    std::fs::write(new_dir.join("keep.txt"), b"mine").unwrap();
    Vault::sync_join(&new_dir, &other, Unlock::Passphrase(P1), "Tablet").unwrap_err();
    let left: Vec<_> = std::fs::read_dir(&new_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["keep.txt"]);
}

/// The key generation of every segment file in `device`'s folder.
fn generations_in(folder: &Path, device: &[u8; 16]) -> Vec<(String, u32)> {
    let dir = crate::sync::folder::device_dir(folder, device);
    let mut out: Vec<(String, u32)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "attune-seg"))
        .map(|p| {
            let h = crate::sync::segment::read_header(&std::fs::read(&p).unwrap()).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                h.generation,
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn after_a_change_the_old_secret_opens_nothing_written_in_the_folder() {
    let t = two_devices();
    // B stays unlocked through A's change (a long session on the home computer).
    let mut b = unlock(&t.b_dir, P1).unwrap();
    let mut a = unlock(&t.a_dir, P1).unwrap();
    let a_dev = device_id(&a);
    a.change_passphrase(P1, P2).unwrap();
    a.journal_mut()
        .add(draft("Written after the change"))
        .unwrap();
    // A's next sync writes under generation 2 and compacts what it wrote before under it.
    a.sync_now().unwrap();
    let gens = generations_in(&t.folder, &a_dev);
    assert!(!gens.is_empty());
    assert!(gens.iter().all(|(_, g)| *g == 2), "{gens:?}");
    assert!(gens.iter().any(|(n, _)| n.starts_with('c')), "{gens:?}");

    // Someone with the old passphrase and the folder: generation 1's key file gives them
    // the first vault key and sync key, which open none of A's files now.
    let id = vault_id(&t.a_dir);
    let files = keys_file::read_all(&t.folder, &id).unwrap();
    let first = files.iter().find(|f| f.generation == 1).unwrap();
    let opened = slots::open_rows(&first.slots, 2, &id, &SlotSecret::Passphrase(P1))
        .unwrap()
        .unwrap();
    let old_keys = first.open_keys(&opened.vault_key, &id).unwrap().unwrap();
    let dir = crate::sync::folder::device_dir(&t.folder, &a_dev);
    for (name, _) in &gens {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let got = crate::sync::segment::open_segment(
            &old_keys.sync_keys,
            &bytes,
            &crate::sync::segment::Expected {
                vault_id: id,
                device: a_dev,
                number: crate::sync::folder::parse_name(name).unwrap().1,
                prev_hash: [0; 32],
            },
        );
        assert!(
            matches!(
                got,
                Err(crate::sync::segment::SegmentProblem::KeyGeneration(2))
            ),
            "{name}: {got:?}"
        );
    }
    // Nor does the generation-2 file's sealed part open with the old vault key.
    let second = files.iter().find(|f| f.generation == 2).unwrap();
    assert!(second.open_keys(&opened.vault_key, &id).unwrap().is_none());

    // B, still on generation 1, waits on A's new files: nothing merged, nothing reported
    // as damaged, however long it waits.
    b.sync_now().unwrap();
    assert_eq!(b.journal().len(), 1);
    let status = b.sync_status().unwrap().unwrap();
    assert!(status.damaged.is_empty(), "{:?}", status.damaged);
    // Its status says why: the passphrase was changed on A.
    assert_eq!(
        status.keys_changed.map(|k| k.device).as_deref(),
        Some("Agency laptop")
    );
    assert!(b
        .codec
        .with_sync(|l| l.state.unopened.is_empty())
        .unwrap()
        .unwrap());
    b.lock().unwrap();
    // Unlocked with the new passphrase, B takes generation 2 and merges.
    let mut b = unlock(&t.b_dir, P2).unwrap();
    b.sync_now().unwrap();
    assert_eq!(b.journal().len(), 2);
    assert_eq!(b.sync_status().unwrap().unwrap().keys_changed, None);
    let b_dev = device_id(&b);
    let gens = generations_in(&t.folder, &b_dev);
    assert!(gens.iter().all(|(_, g)| *g == 2), "B re-sealed: {gens:?}");
    b.journal_mut()
        .add(draft("From B at generation 2"))
        .unwrap();
    b.sync_now().unwrap();
    a.sync_now().unwrap();
    assert_eq!(a.journal().len(), 3);
}

#[test]
fn after_changes_made_at_once_the_losers_files_wait_and_then_come() {
    let t = two_devices();
    let (mut a, mut b, a_wins) = change_at_once(&t);
    a.journal_mut().add(draft("A, after its change")).unwrap();
    b.journal_mut().add(draft("B, after its change")).unwrap();
    a.sync_now().unwrap();
    b.sync_now().unwrap();
    let (mut winner, loser, loser_dir, winner_pass) = if a_wins {
        (a, b, &t.b_dir, P2)
    } else {
        (b, a, &t.a_dir, P3)
    };
    // The winner cannot open the loser's generation-2 files: they wait, not damage.
    winner.sync_now().unwrap();
    assert_eq!(winner.journal().len(), 2);
    assert!(winner
        .codec
        .with_sync(|l| l.state.unopened.is_empty())
        .unwrap()
        .unwrap());
    // The loser comes in line with the recovery key, takes the winner's keys, re-seals.
    loser.lock().unwrap();
    let phrase = t.recovery.to_display().to_string();
    let mut loser = Vault::unlock(loser_dir, Unlock::RecoveryKey(&phrase)).unwrap();
    loser.sync_now().unwrap();
    assert_eq!(loser.journal().len(), 3);
    winner.sync_now().unwrap();
    assert_eq!(winner.journal().len(), 3);
    loser.lock().unwrap();
    unlock(loser_dir, winner_pass).unwrap().lock().unwrap();
}
