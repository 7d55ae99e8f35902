//! The vault file itself (`attune.vault`), made from the committed format-1 fixture by
//! changing bytes or rows: each must be refused at unlock, with the fixture's passphrase,
//! before anything in its directory changes.

use std::path::Path;

use crate::{case, refused, Case, Expect};

/// The fixture's bytes.
fn fixture() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1/attune.vault"),
    )
    .unwrap()
}

/// The fixture after `sql` runs on a copy of it.
fn after_sql(sql: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attune.vault");
    std::fs::write(&path, fixture()).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(sql).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    std::fs::read(&path).unwrap()
}

fn vault(what: &str, bytes: Vec<u8>, e: Expect) -> Case {
    case(what, "vault", bytes, e)
}

pub fn cases() -> Vec<Case> {
    let f = fixture();
    let damaged = |m: &str| refused("vault_damaged", m);
    let not_db = || damaged("the file is not a database");
    let kdf = |m: &str| refused("kdf_params_out_of_bounds", m);
    let wrong = || {
        refused(
            "wrong_passphrase",
            "the passphrase does not open this vault",
        )
    };
    let with_bytes = |at: usize, bytes: &[u8]| {
        let mut b = f.clone();
        b[at..at + bytes.len()].copy_from_slice(bytes);
        b
    };
    let mut out = vec![
        vault("empty-file", Vec::new(), damaged("it has no Attune format version")),
        vault("a-text-file", b"my journal\n".repeat(200), not_db()),
        vault("the-recovery-key-file", std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1.recovery-key")).unwrap(), not_db()),
        vault("header-magic-changed", with_bytes(0, b"SQLite format 4\0"), not_db()),
        vault("first-page-zeroed", [vec![0u8; 4096], f[4096..].to_vec()].concat(), not_db()),
        vault("pseudo-random-bytes", (0..16384u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(), not_db()),
        vault("page-size-not-a-power-of-two", with_bytes(16, &[0x03, 0x00]), not_db()),
        vault("gzip-magic", [b"\x1f\x8b\x08\x00".as_slice(), &f[4..]].concat(), not_db()),
        vault("an-empty-sqlite-database", after_sql("DROP TABLE vault; DROP TABLE key_slot; DROP TABLE record; PRAGMA user_version = 0; VACUUM;"), damaged("it has no Attune format version")),
        vault("user-version-0", after_sql("PRAGMA user_version = 0;"), damaged("it has no Attune format version")),
        vault("user-version-negative", after_sql("PRAGMA user_version = -1;"), damaged("it has no Attune format version")),
        vault("user-version-2", after_sql("PRAGMA user_version = 2;"), damaged("it says it is format 2 but lacks that format's tables")),
        vault("user-version-huge", after_sql("PRAGMA user_version = 2147483647;"), refused("vault_too_new", "(format 2147483647)")),
        vault("vault-row-missing", after_sql("DELETE FROM vault;"), damaged("the vault row is missing")),
        vault("vault-id-15-bytes", after_sql("PRAGMA ignore_check_constraints = ON; UPDATE vault SET vault_id = substr(vault_id, 1, 15);"), damaged("the vault id has the wrong length")),
        vault("no-key-slots", after_sql("DELETE FROM key_slot;"), damaged("it has no passphrase slot")),
        vault("only-the-recovery-slot", after_sql("DELETE FROM key_slot WHERE kind = 'passphrase';"), damaged("it has no passphrase slot")),
        vault("passphrase-slot-relabelled", after_sql("UPDATE key_slot SET kind = 'recovery';"), damaged("it has no passphrase slot")),
        vault("kdf-memory-null", after_sql("UPDATE key_slot SET kdf_memory_kib = NULL WHERE kind = 'passphrase';"), damaged("a passphrase slot has no KDF parameters")),
        vault("kdf-iterations-null", after_sql("UPDATE key_slot SET kdf_iterations = NULL WHERE kind = 'passphrase';"), damaged("a passphrase slot has no KDF parameters")),
        vault("kdf-memory-1-mib", after_sql("UPDATE key_slot SET kdf_memory_kib = 1024 WHERE kind = 'passphrase';"), kdf("memory")),
        vault("kdf-memory-8-gib", after_sql("UPDATE key_slot SET kdf_memory_kib = 8388608 WHERE kind = 'passphrase';"), kdf("memory")),
        vault("kdf-memory-beyond-32-bits", after_sql("UPDATE key_slot SET kdf_memory_kib = 1099511627776 WHERE kind = 'passphrase';"), kdf("memory 1099511627776")),
        vault("kdf-memory-negative", after_sql("UPDATE key_slot SET kdf_memory_kib = -65536 WHERE kind = 'passphrase';"), kdf("memory -65536")),
        vault("kdf-iterations-zero", after_sql("UPDATE key_slot SET kdf_iterations = 0 WHERE kind = 'passphrase';"), kdf("iterations")),
        vault("kdf-iterations-65", after_sql("UPDATE key_slot SET kdf_iterations = 65 WHERE kind = 'passphrase';"), kdf("iterations")),
        vault("kdf-iterations-billions", after_sql("UPDATE key_slot SET kdf_iterations = 4000000000 WHERE kind = 'passphrase';"), kdf("iterations")),
        vault("kdf-parallelism-zero", after_sql("UPDATE key_slot SET kdf_parallelism = 0 WHERE kind = 'passphrase';"), kdf("parallelism")),
        vault("kdf-parallelism-17", after_sql("UPDATE key_slot SET kdf_parallelism = 17 WHERE kind = 'passphrase';"), kdf("parallelism")),
        vault("slot-wrapped-key-flipped", after_sql("UPDATE key_slot SET wrapped_key = CAST(X'01' || substr(wrapped_key, 2, 59) || X'00' || substr(wrapped_key, 61) AS BLOB) WHERE kind = 'passphrase';"), wrong()),
        vault("slot-wrapped-key-empty", after_sql("UPDATE key_slot SET wrapped_key = X'' WHERE kind = 'passphrase';"), wrong()),
        vault("slot-salt-changed", after_sql("UPDATE key_slot SET salt = zeroblob(32) WHERE kind = 'passphrase';"), wrong()),
        vault("vault-id-changed", after_sql("UPDATE vault SET vault_id = zeroblob(16);"), wrong()),
    ];
    out.push(vault(
        "cut-to-the-header",
        f[..100].to_vec(),
        refused("storage", "database disk image is malformed"),
    ));
    // Format 3 (the sync tables) exists since sync: a format-2 file that says 3 lacks its
    // tables; the first format from a newer version is now 4.
    out.push(vault(
        "user-version-3",
        after_sql("PRAGMA user_version = 3;"),
        damaged("it says it is format 3 but lacks that format's tables"),
    ));
    out.push(vault(
        "user-version-4",
        after_sql("PRAGMA user_version = 4;"),
        refused(
            "vault_too_new",
            "written by a newer version of Attune (format 4)",
        ),
    ));
    out
}
