//! SQLite: connection setup, migrations and the three tables. Only ids, record kinds, schema
//! versions and key-slot metadata are stored in the clear; every other byte is sealed.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Name of the database file inside a vault directory.
pub const DB_FILE: &str = "attune.vault";

/// Format version 1: the vault row, key slots, sealed records.
const V1: &str = r#"
CREATE TABLE vault (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    vault_id BLOB NOT NULL CHECK (length(vault_id) = 16)
) STRICT;
CREATE TABLE key_slot (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('passphrase', 'recovery')),
    kdf_memory_kib INTEGER,
    kdf_iterations INTEGER,
    kdf_parallelism INTEGER,
    salt BLOB NOT NULL,
    wrapped_key BLOB NOT NULL
) STRICT;
CREATE TABLE record (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    schema INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    sealed BLOB NOT NULL
) STRICT, WITHOUT ROWID;
"#;

/// Every migration ever shipped, in order. The index + 1 is the vault format version.
static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(vec![M::up(V1)]));

/// The newest vault format this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

const UPSERT_RECORD: &str = "INSERT INTO record (id, kind, schema, wrapped_key, sealed)
     VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, schema = excluded.schema,
         wrapped_key = excluded.wrapped_key, sealed = excluded.sealed";

/// A key slot as stored.
#[derive(Debug)]
pub(crate) struct SlotRow {
    pub id: i64,
    pub kind: String,
    pub kdf: Option<(i64, i64, i64)>,
    pub salt: Vec<u8>,
    pub wrapped_key: Vec<u8>,
}

/// A record as stored: plaintext id, kind and schema; sealed key and content.
#[derive(Debug)]
pub(crate) struct RecordRow {
    pub id: String,
    pub kind: String,
    pub schema: i64,
    pub wrapped_key: Vec<u8>,
    pub sealed: Vec<u8>,
}

/// A record as stored, borrowed from SQLite's row buffer (no copy).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordRef<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub wrapped_key: &'a [u8],
    pub sealed: &'a [u8],
}

/// How much of the database file an unlock reader maps (the rest is read with read calls).
const READER_MMAP_BYTES: i64 = 1 << 30;

/// A read-only connection that visits records by id range; one per unlock worker.
#[derive(Debug)]
pub(crate) struct RecordReader {
    conn: Connection,
}

impl RecordReader {
    /// Calls `f` with every record whose id is in `[from, to)` (`None`: unbounded), in id
    /// order, straight from SQLite's buffers.
    pub(crate) fn visit(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        mut f: impl FnMut(RecordRef<'_>),
    ) -> Result<()> {
        let sql = match (from, to) {
            (None, None) => "SELECT id, kind, wrapped_key, sealed FROM record",
            (Some(_), None) => "SELECT id, kind, wrapped_key, sealed FROM record WHERE id >= ?1",
            (None, Some(_)) => "SELECT id, kind, wrapped_key, sealed FROM record WHERE id < ?1",
            (Some(_), Some(_)) => {
                "SELECT id, kind, wrapped_key, sealed FROM record WHERE id >= ?1 AND id < ?2"
            }
        };
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = match (from, to) {
            (None, None) => stmt.query([])?,
            (Some(a), None) | (None, Some(a)) => stmt.query(params![a])?,
            (Some(a), Some(b)) => stmt.query(params![a, b])?,
        };
        while let Some(row) = rows.next()? {
            let text = |i: usize| -> Result<&str> {
                row.get_ref(i)?
                    .as_str()
                    .map_err(|_| Error::VaultDamaged("a record id or kind is not text".into()))
            };
            let blob = |i: usize| -> Result<&[u8]> {
                row.get_ref(i)?.as_blob().map_err(|_| {
                    Error::VaultDamaged("a record's sealed columns are not blobs".into())
                })
            };
            f(RecordRef {
                id: text(0)?,
                kind: text(1)?,
                wrapped_key: blob(2)?,
                sealed: blob(3)?,
            });
        }
        Ok(())
    }
}

/// An open vault database.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Connection,
    /// The format version found when the file was opened.
    format: i64,
}

fn apply_pragmas(conn: &Connection) -> Result<()> {
    // PRAGMAs live outside migrations: they are per-connection settings.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::VaultDamaged(format!(
            "could not switch to WAL (got {mode})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(())
}

/// Maps "file is not a database" and friends to a user-facing message.
fn not_a_vault(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            Error::VaultDamaged("the file is not a database".into())
        }
        _ => Error::Storage(e),
    }
}

impl Store {
    /// Creates a new database at `path` (which must not exist) at the newest format.
    pub(crate) fn create(path: &Path, vault_id: &[u8; 16]) -> Result<Store> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_pragmas(&conn)?;
        MIGRATIONS.to_latest(&mut conn)?;
        conn.execute(
            "INSERT INTO vault (singleton, vault_id) VALUES (1, ?1)",
            params![vault_id.as_slice()],
        )?;
        Ok(Store {
            conn,
            format: FORMAT_VERSION,
        })
    }

    /// Opens an existing database. Refuses a newer format before anything is written; does
    /// not migrate (see [`Store::migrate`], called only after a successful unlock).
    pub(crate) fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            let dir = path.parent().unwrap_or(path).to_path_buf();
            return Err(Error::VaultNotFound(dir));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_a_vault)?;
        if version > FORMAT_VERSION {
            return Err(Error::VaultTooNew {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        if version < 1 {
            return Err(Error::VaultDamaged(
                "it has no Attune format version".into(),
            ));
        }
        apply_pragmas(&conn).map_err(|e| match e {
            Error::Storage(e) => not_a_vault(e),
            e => e,
        })?;
        Ok(Store {
            conn,
            format: version,
        })
    }

    /// The format version of the file as opened.
    pub(crate) fn format(&self) -> i64 {
        self.format
    }

    /// Brings an older format up to date, in one transaction.
    pub(crate) fn migrate(&mut self) -> Result<()> {
        MIGRATIONS.to_latest(&mut self.conn)?;
        self.format = FORMAT_VERSION;
        Ok(())
    }

    /// The vault's random id, bound into every ciphertext.
    pub(crate) fn vault_id(&self) -> Result<[u8; 16]> {
        let id: Vec<u8> = self
            .conn
            .query_row("SELECT vault_id FROM vault WHERE singleton = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::VaultDamaged("the vault row is missing".into()))?;
        id.try_into()
            .map_err(|_| Error::VaultDamaged("the vault id has the wrong length".into()))
    }

    /// Every key slot.
    pub(crate) fn slots(&self) -> Result<Vec<SlotRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, wrapped_key
             FROM key_slot ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let m: Option<i64> = r.get(2)?;
            let t: Option<i64> = r.get(3)?;
            let p: Option<i64> = r.get(4)?;
            Ok(SlotRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                kdf: match (m, t, p) {
                    (Some(m), Some(t), Some(p)) => Some((m, t, p)),
                    _ => None,
                },
                salt: r.get(5)?,
                wrapped_key: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Adds a key slot; returns its id. Durable when this returns.
    pub(crate) fn insert_slot(
        &self,
        kind: &str,
        kdf: Option<(u32, u32, u32)>,
        salt: &[u8],
        wrapped_key: &[u8],
    ) -> Result<i64> {
        let (m, t, p) = match kdf {
            Some((m, t, p)) => (Some(m), Some(t), Some(p)),
            None => (None, None, None),
        };
        self.conn.execute(
            "INSERT INTO key_slot (kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, wrapped_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![kind, m, t, p, salt, wrapped_key],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Removes key slots by id, in one transaction.
    pub(crate) fn delete_slots(&mut self, ids: &[i64]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for id in ids {
            tx.execute("DELETE FROM key_slot WHERE id = ?1", params![id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A read-only connection to the same database, for a worker thread at unlock.
    pub(crate) fn reader(&self) -> Result<RecordReader> {
        let path = self
            .conn
            .path()
            .ok_or_else(|| Error::VaultDamaged("the database has no file path".into()))?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Read the (sealed) pages in place through a read-only memory map instead of one
        // read call per page: most records span overflow pages, so this halves the cost
        // of reading them. Only this read-only connection maps the file.
        conn.pragma_update(None, "mmap_size", READER_MMAP_BYTES)?;
        Ok(RecordReader { conn })
    }

    /// Inserts or replaces `puts` and deletes `deletes` (ids) in one transaction.
    pub(crate) fn write(&mut self, puts: &[RecordRow], deletes: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(UPSERT_RECORD)?;
            for row in puts {
                stmt.execute(params![
                    row.id,
                    row.kind,
                    row.schema,
                    row.wrapped_key,
                    row.sealed
                ])?;
            }
            let mut del = tx.prepare_cached("DELETE FROM record WHERE id = ?1")?;
            for id in deletes {
                del.execute(params![id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes one record and with it its wrapped key (crypto-shredding). Returns whether a
    /// row was deleted.
    pub(crate) fn delete_record(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM record WHERE id = ?1", params![id])?
            > 0)
    }

    /// Deletes the record `id` and the records `dependents`, in one transaction, only if
    /// `id` exists. Returns whether it did.
    pub(crate) fn delete_with(&mut self, id: &str, dependents: &[String]) -> Result<bool> {
        let tx = self.conn.transaction()?;
        {
            let mut del = tx.prepare_cached("DELETE FROM record WHERE id = ?1")?;
            if del.execute(params![id])? == 0 {
                return Ok(false);
            }
            for d in dependents {
                del.execute(params![d])?;
            }
        }
        tx.commit()?;
        Ok(true)
    }

    /// Checkpoints the WAL into the database and truncates it, then closes the connection.
    pub(crate) fn close(self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.close().map_err(|(_, e)| Error::Storage(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
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
}
