//! Someone who forgot their passphrase opens the vault with the recovery key, and sets a new
//! passphrase proven by that key: the same change as with the old passphrase (the vault key
//! rotates with it), so that the paper key is not needed every time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use attune_core::crypto::KdfParams;
use attune_core::{Error, Unlock, Vault};
use common::{draft, new_vault, raw_db, snapshot, PASS};

const NEW: &str = "a lantern by the back door";

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_key() {
    let (dir, mut vault, key) = new_vault();
    vault
        .journal_mut()
        .add(draft("kept", "still here"))
        .unwrap();
    vault.lock().unwrap();

    let mut vault = Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap();
    let before = snapshot(dir.path());
    let other_key = "0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000";
    let refused = [
        (Unlock::RecoveryKey(&key), "short"),
        (Unlock::RecoveryKey("not a key"), NEW),
        (Unlock::Passphrase("not the passphrase"), NEW),
    ];
    for (proof, new) in refused {
        assert!(vault.change_passphrase_with(proof, new).is_err());
    }
    assert!(matches!(
        vault.change_passphrase_with(Unlock::RecoveryKey(&key), "short"),
        Err(Error::PassphraseRejected(_))
    ));
    match vault.change_passphrase_with(Unlock::RecoveryKey(other_key), NEW) {
        Err(Error::WrongRecoveryKey | Error::RecoveryKeyInvalid(_)) => {}
        other => panic!("another recovery key: {other:?}"),
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a refused change writes nothing"
    );

    let change = vault
        .change_passphrase_with(Unlock::RecoveryKey(&key), NEW)
        .unwrap();
    assert!(change.vault_key_rotated, "format 2 rotates the vault key");
    vault.lock().unwrap();

    assert!(matches!(
        Vault::unlock(dir.path(), Unlock::Passphrase(PASS)),
        Err(Error::WrongPassphrase)
    ));
    let v = Vault::unlock(dir.path(), Unlock::Passphrase(NEW)).unwrap();
    assert_eq!(v.journal().len(), 1);
    v.lock().unwrap();
    Vault::unlock(dir.path(), Unlock::RecoveryKey(&key))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn the_new_passphrase_keeps_the_old_ones_key_derivation_cost() {
    let (dir, vault, key) = new_vault();
    vault.lock().unwrap();
    let cost = || -> (i64, i64, i64) {
        raw_db(dir.path())
            .query_row(
                "SELECT kdf_memory_kib, kdf_iterations, kdf_parallelism FROM key_slot \
                 WHERE kind = 'passphrase'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    let made_with = cost();
    let min = KdfParams::MINIMUM;
    assert_eq!(
        made_with,
        (
            i64::from(min.memory_kib),
            i64::from(min.iterations),
            i64::from(min.parallelism)
        )
    );
    let mut vault = Vault::unlock(dir.path(), Unlock::RecoveryKey(&key)).unwrap();
    vault
        .change_passphrase_with(Unlock::RecoveryKey(&key), NEW)
        .unwrap();
    vault.lock().unwrap();
    assert_eq!(cost(), made_with);
}
