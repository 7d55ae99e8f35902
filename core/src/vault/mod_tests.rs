//! The vault's own unit tests (moved out of mod.rs to keep it short).
use super::*;

fn fast() -> CreateOptions {
    CreateOptions {
        kdf: KdfParams::MINIMUM,
        ..CreateOptions::default()
    }
}

proptest::proptest! {
    /// Records are checked for UTF-8 with simdutf8: it accepts exactly what the
    /// standard library accepts (arbitrary bytes, and valid text with a byte changed).
    #[test]
    fn record_utf8_check_agrees_with_std(
        bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        text in ".{0,100}",
        at in 0usize..400,
        byte in proptest::num::u8::ANY,
    ) {
        let mut changed = text.into_bytes();
        if let Some(b) = changed.get_mut(at) {
            *b = byte;
        }
        for b in [&bytes, &changed] {
            proptest::prop_assert_eq!(
                simdutf8::basic::from_utf8(b).ok(),
                std::str::from_utf8(b).ok()
            );
        }
    }
}

/// A passphrase change is one transaction (it replaces the one passphrase slot), so the
/// half-done state of format 1 (two passphrase slots) cannot arise; a format-2 vault
/// that holds two slots of a kind (one copied in from elsewhere) is refused as damaged,
/// before any key derivation, and unchanged.
#[test]
fn a_second_passphrase_slot_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create(dir.path(), "old passphrase", &fast()).unwrap();
    let slot = slots::passphrase_slot(
        &vault.vault_id,
        &vault.vault_key,
        "new passphrase",
        KdfParams::MINIMUM,
        Utc::now(),
    )
    .unwrap();
    vault.lock().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute(
        "INSERT INTO key_slot (kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt,
             wrapped_key) VALUES ('passphrase', 8192, 1, 1, ?1, ?2)",
        rusqlite::params![slot.salt, slot.wrapped_key],
    )
    .unwrap();
    drop(conn);
    for p in ["old passphrase", "new passphrase"] {
        let err = Vault::unlock(dir.path(), Unlock::Passphrase(p)).unwrap_err();
        assert!(
            matches!(&err, Error::VaultDamaged(m) if m.contains("2 passphrase slots")),
            "{err:?}"
        );
    }
}
