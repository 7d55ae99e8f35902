//! The store's own tests: formats, settings, migrations.

use super::*;

#[test]
fn migrations_are_valid() {
    MIGRATIONS.validate().unwrap();
}

#[test]
fn enabling_sync_brings_a_vault_to_the_newest_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::create(&path, &[1; 16]).unwrap();
    assert!(!store.has_sync_tables());
    store.add_sync_tables().unwrap();
    store.close().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.format(), NEWEST_FORMAT);
    assert!(store.has_sync_tables());
    assert_eq!(NEWEST_FORMAT as usize, 3, "one migration per format");
    // An older build, reading up to format 2, refuses it clearly.
    let v: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(v > FORMAT_VERSION);
}

#[test]
fn format_version_matches_migration_count() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join(DB_FILE), &[1; 16]).unwrap();
    let v: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, FORMAT_VERSION);
    for (pragma, want) in [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("foreign_keys", "1"),
        ("secure_delete", "1"),
        ("temp_store", "2"),
    ] {
        let got: String = store
            .conn
            .query_row(&format!("PRAGMA {pragma}"), [], |r| {
                Ok(r.get_ref(0)?
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|_| {
                        r.get::<_, i64>(0)
                            .map(|v| v.to_string())
                            .unwrap_or_default()
                    }))
            })
            .unwrap();
        assert_eq!(got.to_lowercase(), want, "PRAGMA {pragma}");
    }
}
