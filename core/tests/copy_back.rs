//! Attacks with an older copy of the vault (issue 14, M3 and M4): rows and key slots copied
//! back from a copy taken before a deletion, a passphrase change or a new recovery key must
//! not open what the vault holds now. Each test takes the copy, makes the change, puts the
//! old bytes back into the current file, and checks that they open nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use attune_core::{Error, Unlock, Vault};
use common::{draft, new_vault, raw_db, snapshot, PASS};

/// A copy of the vault's database file, as a backup would hold it.
fn copy_of(dir: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    std::fs::copy(Vault::db_path(dir), Vault::db_path(copy.path())).unwrap();
    copy
}

/// One row of `table` by `key = value`, every column as SQLite values.
fn take_row(dir: &Path, table: &str, key: &str, value: &str) -> Vec<rusqlite::types::Value> {
    let db = raw_db(dir);
    let mut stmt = db
        .prepare(&format!("SELECT * FROM {table} WHERE {key} = ?1"))
        .unwrap();
    let n = stmt.column_count();
    stmt.query_row([value], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
}

/// Puts `row` into `table`, replacing a row with the same key.
fn put_row(dir: &Path, table: &str, row: &[rusqlite::types::Value]) {
    let marks = vec!["?"; row.len()].join(", ");
    raw_db(dir)
        .execute(
            &format!("INSERT OR REPLACE INTO {table} VALUES ({marks})"),
            rusqlite::params_from_iter(row),
        )
        .unwrap();
}

#[test]
fn a_deleted_reflection_copied_back_from_an_older_copy_does_not_open() {
    let (dir, mut vault, _) = new_vault();
    let kept = vault.journal_mut().add(draft("kept", "stays")).unwrap();
    let gone = vault
        .journal_mut()
        .add(draft("gone", "the parent's words, deleted later"))
        .unwrap();
    vault.lock().unwrap();
    let old = copy_of(dir.path());

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    vault.delete_reflection(&gone.id).unwrap();
    // The deletion does not wait for the lock to leave the log: it is empty already.
    let wal = dir.path().join("attune.vault-wal");
    assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0);
    vault.lock().unwrap();

    // The record and its key, as the older copy has them, put back.
    put_row(
        dir.path(),
        "record",
        &take_row(old.path(), "record", "id", &gone.id),
    );
    put_row(
        dir.path(),
        "record_key",
        &take_row(old.path(), "record_key", "id", &gone.id),
    );
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(vault.journal().get(&gone.id).is_none());
    assert!(vault.journal().get(&kept.id).is_some());
    assert_eq!(vault.damaged().len(), 1);
    assert_eq!(vault.damaged()[0].id, gone.id);
    vault.lock().unwrap();

    // Even with the older copy's epoch key put back as well, today's keys do not open with it.
    put_row(
        dir.path(),
        "epoch",
        &take_row(old.path(), "epoch", "singleton", "1"),
    );
    let vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert!(vault.journal().get(&kept.id).is_none());
    vault.lock().unwrap();
}

#[test]
fn an_old_passphrase_slot_copied_back_does_not_open_the_vault() {
    let (dir, mut vault, key) = new_vault();
    vault.journal_mut().add(draft("a", "b")).unwrap();
    vault.lock().unwrap();
    let old = copy_of(dir.path());

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let change = vault.change_passphrase(PASS, "a new passphrase").unwrap();
    assert!(change.vault_key_rotated);
    let after = vault
        .journal_mut()
        .add(draft("after", "written after"))
        .unwrap();
    vault.lock().unwrap();

    // The old slot in place of the new one: the old passphrase opens a key that opens nothing.
    let old_slot = take_row(old.path(), "key_slot", "kind", "passphrase");
    raw_db(dir.path())
        .execute("DELETE FROM key_slot WHERE kind = 'passphrase'", [])
        .unwrap();
    put_row(dir.path(), "key_slot", &old_slot);
    let before = snapshot(dir.path());
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase(PASS)),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(
        before,
        snapshot(dir.path()),
        "a refused unlock changed a file"
    );
    // The recovery key, re-wrapped without being asked for, still opens everything.
    let vault = Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap();
    assert!(vault.journal().get(&after.id).is_some());
    assert!(vault.damaged().is_empty());
    vault.lock().unwrap();
}

#[test]
fn an_old_recovery_slot_copied_back_does_not_open_the_vault() {
    let (dir, vault, old_key) = new_vault();
    vault.lock().unwrap();
    let old = copy_of(dir.path());

    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    let new_key = vault
        .new_recovery_key(PASS)
        .unwrap()
        .to_display()
        .to_string();
    vault.lock().unwrap();
    let old_slot = take_row(old.path(), "key_slot", "kind", "recovery");
    let new_slot = take_row(dir.path(), "key_slot", "kind", "recovery");
    raw_db(dir.path())
        .execute("DELETE FROM key_slot WHERE kind = 'recovery'", [])
        .unwrap();
    put_row(dir.path(), "key_slot", &old_slot);
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&old_key)),
        Err(Error::WrongRecoveryKey)
    ));
    // Put back the real slot: the new key opens, the passphrase still does.
    raw_db(dir.path())
        .execute("DELETE FROM key_slot WHERE kind = 'recovery'", [])
        .unwrap();
    put_row(dir.path(), "key_slot", &new_slot);
    for how in [Unlock::RecoveryKey(&new_key), Unlock::Passphrase(PASS)] {
        Vault::unlock(dir.path(), how).unwrap().lock().unwrap();
    }
}

#[test]
fn rotation_rewrites_only_the_small_keys() {
    let (dir, mut vault, _) = new_vault();
    let r = vault.journal_mut().add(draft("a", "b")).unwrap();
    vault.lock().unwrap();
    let sealed = |d: &Path| take_row(d, "record", "id", &r.id);
    let key = |d: &Path| take_row(d, "record_key", "id", &r.id);
    let (sealed_before, key_before) = (sealed(dir.path()), key(dir.path()));
    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    vault.change_passphrase(PASS, "another passphrase").unwrap();
    vault.lock().unwrap();
    assert_eq!(sealed_before, sealed(dir.path()));
    assert_ne!(key_before, key(dir.path()));
}

#[test]
fn a_new_recovery_key_asks_for_the_passphrase_and_leaves_its_date() {
    let (dir, mut vault, old_key) = new_vault();
    let made = Vault::key_dates(dir.path()).unwrap();
    assert!(made.passphrase_set_at.is_some());
    let first = made.recovery_key_made_at.unwrap();
    assert!(matches!(
        vault.new_recovery_key("someone else at the window"),
        Err(Error::WrongPassphrase)
    ));
    let new_key = vault
        .new_recovery_key(PASS)
        .unwrap()
        .to_display()
        .to_string();
    let later = Vault::key_dates(dir.path())
        .unwrap()
        .recovery_key_made_at
        .unwrap();
    assert!(later >= first);
    vault.lock().unwrap();
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::RecoveryKey(&old_key)),
        Err(Error::WrongRecoveryKey)
    ));
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&new_key))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn delete_reflection_deletes_only_reflections() {
    let (dir, mut vault, _) = new_vault();
    vault.set_name("Ana Practitioner").unwrap();
    let fingerprint = vault.sharing_mut().my_card().unwrap().fingerprint();
    for id in ["identity", "profile"] {
        assert!(matches!(
            vault.delete_reflection(id),
            Err(Error::NotFound {
                kind: "reflection",
                ..
            })
        ));
    }
    vault.lock().unwrap();
    let mut vault = Vault::unlock(dir.path(), Unlock::Passphrase(PASS)).unwrap();
    assert_eq!(
        vault.sharing_mut().my_card().unwrap().fingerprint(),
        fingerprint
    );
    vault.lock().unwrap();
}

#[test]
fn records_of_close_lengths_are_stored_at_the_same_length() {
    let (dir, mut vault, _) = new_vault();
    let a = vault
        .journal_mut()
        .add(draft("a", &"x".repeat(1900)))
        .unwrap();
    let b = vault
        .journal_mut()
        .add(draft("b", &"y".repeat(1960)))
        .unwrap();
    vault.lock().unwrap();
    let len = |id: &str| -> i64 {
        raw_db(dir.path())
            .query_row(
                "SELECT length(sealed) FROM record WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(len(&a.id), len(&b.id));
}

#[test]
fn a_wrong_passphrase_changes_no_byte_of_a_vault_not_in_wal_mode() {
    let (dir, vault, _) = new_vault();
    vault.lock().unwrap();
    raw_db(dir.path())
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let before = snapshot(dir.path());
    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase("not it at all")),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(
        before,
        snapshot(dir.path()),
        "a failed unlock changed a file"
    );
}
