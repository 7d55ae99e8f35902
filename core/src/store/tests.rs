//! The store's own tests: formats, settings, migrations.

use super::*;

/// What `PRAGMA name` answers on the store's connection, as lower-case text.
fn pragma_text(store: &Store, name: &str) -> String {
    let got: String = store
        .conn
        .query_row(&format!("PRAGMA {name}"), [], |r| {
            let v = r.get_ref(0)?;
            Ok(v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|_| v.as_i64().map(|n| n.to_string()).unwrap_or_default()))
        })
        .unwrap();
    got.to_lowercase()
}

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
        assert_eq!(pragma_text(&store, pragma), want, "PRAGMA {pragma}");
    }
}

#[test]
fn pages_grow_once_and_every_setting_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::create(&path, &[1; 16]).unwrap();
    // A new vault has the larger pages already: nothing to do.
    assert_eq!(store.page_size().unwrap(), PAGE_SIZE);
    assert!(!store.grow_pages().unwrap());
    store.close().unwrap();
    // Made as before they grew, then opened.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.page_size().unwrap(), 4096);
    // While another connection reads, the file cannot leave WAL mode: it is left as it is,
    // in WAL mode, and works on.
    let reader = Connection::open(&path).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM vault;")
        .unwrap();
    assert!(!store.grow_pages().unwrap());
    assert_eq!(store.page_size().unwrap(), 4096);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(reader);
    assert!(store.grow_pages().unwrap());
    assert_eq!(store.page_size().unwrap(), PAGE_SIZE);
    assert!(!store.grow_pages().unwrap());
    for (pragma, want) in [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("secure_delete", "1"),
        ("integrity_check", "ok"),
    ] {
        assert_eq!(pragma_text(&store, pragma), want, "PRAGMA {pragma}");
    }
    assert!(!dir.path().join(format!("{DB_FILE}-journal")).exists());
    // Closing right after (which checkpoints the log) works, and the file opens as it is.
    store.close().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.page_size().unwrap(), PAGE_SIZE);
    assert!(store.integrity_problems().unwrap().is_empty());
}
