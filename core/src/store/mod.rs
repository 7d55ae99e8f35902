//! SQLite: connection setup, migrations and the three tables. Only ids, record kinds, schema
//! versions and key-slot metadata are stored in the clear; every other byte is sealed.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

mod image;
mod pages;
mod reader;
mod sync_tables;

pub(crate) use reader::RecordReader;
pub(crate) use sync_tables::{CursorRow, StoredRecord, SyncRows};

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

/// Format version 2, the schema: slots gain the recovery slot's public key and the date they
/// were made; the epoch key gets a row; record keys leave their records for a table of their
/// own, so that rotating the epoch key rewrites only the small wrapped keys.
macro_rules! v2_schema {
    () => {
        r#"
ALTER TABLE key_slot ADD COLUMN public_key BLOB;
ALTER TABLE key_slot ADD COLUMN created_at TEXT;
CREATE TABLE epoch (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    wrapped_key BLOB NOT NULL
) STRICT;
CREATE TABLE record_key (
    id TEXT PRIMARY KEY NOT NULL,
    wrapped_key BLOB NOT NULL
) STRICT, WITHOUT ROWID;
"#
    };
}
const V2: &str = v2_schema!();

/// Format version 2, last step: the record keys have moved to `record_key`.
macro_rules! v2_finish {
    () => {
        "ALTER TABLE record DROP COLUMN wrapped_key;"
    };
}
const V2_FINISH: &str = v2_finish!();

/// Every migration ever shipped, in order. The index + 1 is the vault format version. A new
/// vault runs the first two on an empty file; an existing format-1 vault is brought to format
/// 2 by [`Store::migrate_v1`], which moves its keys between the two steps of `V2`. The third
/// (the sync tables) runs only when sync is enabled, so that a vault that does not sync stays
/// readable by the builds before sync.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(V1),
        M::up(concat!(v2_schema!(), v2_finish!())),
        M::up(sync_tables::V3),
    ])
});

/// The vault format of new vaults (and of every vault that does not sync).
pub const FORMAT_VERSION: i64 = 2;

/// The newest vault format this build reads and writes: format 3 adds the sync tables, made
/// when sync is enabled. A build that reads only up to format 2 refuses such a vault
/// (`vault_too_new`), so that it cannot write changes the outbox would not see.
pub const NEWEST_FORMAT: i64 = 3;

const UPSERT_RECORD: &str = "INSERT INTO record (id, kind, schema, sealed)
     VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, schema = excluded.schema,
         sealed = excluded.sealed";

const UPSERT_RECORD_KEY: &str = "INSERT INTO record_key (id, wrapped_key) VALUES (?1, ?2)
     ON CONFLICT(id) DO UPDATE SET wrapped_key = excluded.wrapped_key";

/// A key slot as stored.
#[derive(Debug)]
pub(crate) struct SlotRow {
    pub id: i64,
    pub kind: String,
    pub kdf: Option<(i64, i64, i64)>,
    pub salt: Vec<u8>,
    pub wrapped_key: Vec<u8>,
    /// Format 2 recovery slots: the X25519 public key the vault key is wrapped to.
    pub public_key: Option<Vec<u8>>,
    /// Format 2: when the secret of this slot was set (RFC 3339), in the clear.
    pub created_at: Option<String>,
}

/// A key slot to write, replacing the slot of its kind.
#[derive(Debug)]
pub(crate) struct SlotWrite {
    pub kind: &'static str,
    pub kdf: Option<(u32, u32, u32)>,
    pub salt: Vec<u8>,
    pub wrapped_key: Vec<u8>,
    pub public_key: Option<Vec<u8>>,
    pub created_at: Option<String>,
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

/// A record as stored, borrowed from SQLite's row buffer (no copy). A record whose key row
/// is missing has an empty `wrapped_key` (it does not open: it is damaged).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordRef<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub wrapped_key: &'a [u8],
    pub sealed: &'a [u8],
}

/// Re-wraps one record key: given the record's id, kind and wrapped key, the key wrapped
/// anew, or `None` to leave a key that does not open as it is (its record stays damaged).
pub(crate) type Rewrap<'a> = dyn FnMut(&str, &str, &[u8]) -> Result<Option<Vec<u8>>> + 'a;

/// Everything one user action writes, in one transaction.
pub(crate) struct Write<'a> {
    /// Records to insert or replace.
    pub puts: &'a [RecordRow],
    /// Ids of records to delete, with their keys.
    pub deletes: &'a [String],
    /// A new epoch key: every record key is re-wrapped by the function and the epoch row
    /// replaced by the wrapped new key.
    pub new_epoch: Option<(&'a mut Rewrap<'a>, &'a [u8])>,
    /// Slots to replace (each replaces every slot of its kind).
    pub slots: &'a [SlotWrite],
    /// The sync rows that go with these records (outbox, histories, cursors), in the same
    /// transaction, and the device they are of.
    pub sync: Option<(&'a SyncRows, Option<[u8; 16]>)>,
}

/// The page size of new vaults, in bytes. A sealed reflection of a few kilobytes fits on a
/// page of this size (a `WITHOUT ROWID` row spills to an overflow page past about a quarter
/// of a page: past 1 kB on SQLite's default 4 KiB pages, which doubled the file and the
/// bytes every write and read moved). Vaults made before keep the page size they have
/// until sync is enabled on them ([`Store::grow_pages`]).
pub(crate) const PAGE_SIZE: i64 = 16_384;

/// How much of the database file an unlock reader maps (the rest is read with read calls).
const READER_MMAP_BYTES: i64 = 1 << 30;

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

/// Opens the database file, refusing what is not an Attune vault or is of a newer format
/// (before anything is written).
fn open_checked(path: &Path, flags: OpenFlags) -> Result<(Connection, i64)> {
    if !path.is_file() {
        let dir = path.parent().unwrap_or(path).to_path_buf();
        return Err(Error::VaultNotFound(dir));
    }
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let version = check_format(&conn)?;
    Ok((conn, version))
}

/// The format version of an open database, refusing what is not an Attune vault or is of a
/// newer format.
fn check_format(conn: &Connection) -> Result<i64> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_a_vault)?;
    if version > NEWEST_FORMAT {
        return Err(Error::VaultTooNew {
            found: version,
            supported: NEWEST_FORMAT,
        });
    }
    if version < 1 {
        return Err(Error::VaultDamaged(
            "it has no Attune format version".into(),
        ));
    }
    if version >= 2 {
        let has_v2: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'epoch')
                AND EXISTS (SELECT 1 FROM pragma_table_info('key_slot') WHERE name = 'public_key')",
            [],
            |r| r.get(0),
        )?;
        if !has_v2 {
            return Err(Error::VaultDamaged(format!(
                "it says it is format {version} but lacks that format's tables"
            )));
        }
    }
    if version >= 3 {
        let has_v3: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state')",
            [],
            |r| r.get(0),
        )?;
        if !has_v3 {
            return Err(Error::VaultDamaged(format!(
                "it says it is format {version} but lacks that format's tables"
            )));
        }
    }
    Ok(version)
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
        // Before the first table: the page size is fixed when the file is first written.
        conn.execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE};"))?;
        apply_pragmas(&conn)?;
        MIGRATIONS.to_version(&mut conn, FORMAT_VERSION as usize)?;
        conn.execute(
            "INSERT INTO vault (singleton, vault_id) VALUES (1, ?1)",
            params![vault_id.as_slice()],
        )?;
        Ok(Store {
            conn,
            format: FORMAT_VERSION,
        })
    }

    /// Opens an existing database only to read it, to check a secret against its slots:
    /// nothing in the directory changes until the secret is known to be right (no journal
    /// mode switch, no migration, no other setting). The connection is not opened with
    /// SQLite's read-only flag, since a read-only connection to a WAL database leaves an
    /// empty log file behind, where a connection that may write removes it on close.
    pub(crate) fn open_to_read(path: &Path) -> Result<Store> {
        let (conn, format) = open_checked(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        Ok(Store { conn, format })
    }

    /// Opens an existing database for writing (after a secret has opened a slot and the lock
    /// is taken). Does not migrate: see [`Store::migrate_v1`].
    pub(crate) fn open(path: &Path) -> Result<Store> {
        let (conn, format) = open_checked(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        apply_pragmas(&conn).map_err(|e| match e {
            Error::Storage(e) => not_a_vault(e),
            e => e,
        })?;
        Ok(Store { conn, format })
    }

    /// The format version of the file as opened.
    pub(crate) fn format(&self) -> i64 {
        self.format
    }

    /// Brings a format-1 vault to format 2, in one transaction: the format-2 tables, every
    /// record key moved to `record_key` and re-wrapped by `rewrap` (keys that do not open are
    /// moved as they are), the epoch key, only the slots `keep`, then the old key column
    /// dropped. The log is truncated after, so that no copy of the old keys stays in it.
    pub(crate) fn migrate_v1(
        &mut self,
        rewrap: &mut Rewrap<'_>,
        epoch: &[u8],
        keep: &[i64],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(V2)?;
        tx.execute(
            "INSERT INTO record_key (id, wrapped_key) SELECT id, wrapped_key FROM record",
            [],
        )?;
        rewrap_keys(&tx, rewrap)?;
        tx.execute(
            "INSERT INTO epoch (singleton, wrapped_key) VALUES (1, ?1)",
            params![epoch],
        )?;
        let kept: Vec<i64> = keep.to_vec();
        let all: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM key_slot")?;
            let ids = stmt.query_map([], |r| r.get(0))?;
            ids.collect::<Result<_, _>>()?
        };
        for id in all.iter().filter(|id| !kept.contains(id)) {
            tx.execute("DELETE FROM key_slot WHERE id = ?1", params![id])?;
        }
        tx.execute_batch(V2_FINISH)?;
        tx.pragma_update(None, "user_version", FORMAT_VERSION)?;
        tx.commit()?;
        self.format = FORMAT_VERSION;
        self.truncate_log()
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

    /// The wrapped epoch key (format 2).
    pub(crate) fn epoch(&self) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT wrapped_key FROM epoch WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::VaultDamaged("the epoch key is missing".into()))
    }

    /// Every key slot.
    pub(crate) fn slots(&self) -> Result<Vec<SlotRow>> {
        let v2 = self.format >= 2;
        let sql = if v2 {
            "SELECT id, kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, wrapped_key,
                    public_key, created_at
             FROM key_slot ORDER BY id"
        } else {
            "SELECT id, kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, wrapped_key,
                    NULL, NULL
             FROM key_slot ORDER BY id"
        };
        let mut stmt = self.conn.prepare(sql)?;
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
                public_key: r.get(7)?,
                created_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The kind of the record `id`, if there is one.
    pub(crate) fn kind_of(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT kind FROM record WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
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

    /// Writes `w` in one transaction: all of it, or none. When it deletes records or
    /// replaces the epoch key or a slot, the log is truncated after the commit, so that the
    /// old rows do not stay in it.
    pub(crate) fn write(&mut self, w: Write<'_>) -> Result<()> {
        #[cfg(test)]
        if failing_write() {
            return Err(Error::Storage(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
                Some("a write made to fail by a test".into()),
            )));
        }
        let purge = !w.deletes.is_empty() || w.new_epoch.is_some() || !w.slots.is_empty();
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare_cached(UPSERT_RECORD)?;
            let mut put_key = tx.prepare_cached(UPSERT_RECORD_KEY)?;
            for row in w.puts {
                put.execute(params![row.id, row.kind, row.schema, row.sealed])?;
                put_key.execute(params![row.id, row.wrapped_key])?;
            }
            let mut del = tx.prepare_cached("DELETE FROM record WHERE id = ?1")?;
            let mut del_key = tx.prepare_cached("DELETE FROM record_key WHERE id = ?1")?;
            for id in w.deletes {
                del.execute(params![id])?;
                del_key.execute(params![id])?;
            }
        }
        if let Some((rows, device)) = w.sync {
            sync_tables::write_rows(&tx, device, rows)?;
        }
        if let Some((rewrap, epoch)) = w.new_epoch {
            rewrap_keys(&tx, rewrap)?;
            tx.execute(
                "INSERT INTO epoch (singleton, wrapped_key) VALUES (1, ?1)
                 ON CONFLICT(singleton) DO UPDATE SET wrapped_key = excluded.wrapped_key",
                params![epoch],
            )?;
        }
        for slot in w.slots {
            tx.execute("DELETE FROM key_slot WHERE kind = ?1", params![slot.kind])?;
            let (m, t, p) = match slot.kdf {
                Some((m, t, p)) => (Some(m), Some(t), Some(p)),
                None => (None, None, None),
            };
            tx.execute(
                "INSERT INTO key_slot (kind, kdf_memory_kib, kdf_iterations, kdf_parallelism,
                     salt, wrapped_key, public_key, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    slot.kind,
                    m,
                    t,
                    p,
                    slot.salt,
                    slot.wrapped_key,
                    slot.public_key,
                    slot.created_at
                ],
            )?;
        }
        tx.commit()?;
        if purge {
            self.truncate_log()?;
        }
        Ok(())
    }

    /// Copies the log into the database and truncates it to nothing.
    fn truncate_log(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Checkpoints the WAL into the database and truncates it, then closes the connection.
    pub(crate) fn close(self) -> Result<()> {
        self.truncate_log()?;
        self.conn.close().map_err(|(_, e)| Error::Storage(e))
    }
}

#[cfg(test)]
thread_local! {
    /// For tests: how many more writes on this thread succeed before one fails as if the
    /// disk were full (`None`: all succeed).
    pub(crate) static WRITES_BEFORE_FAILURE: std::cell::Cell<Option<usize>> =
        const { std::cell::Cell::new(None) };
}

/// For tests: whether this write is the one made to fail (then writes succeed again).
#[cfg(test)]
fn failing_write() -> bool {
    WRITES_BEFORE_FAILURE.with(|left| match left.get() {
        Some(0) => {
            left.set(None);
            true
        }
        Some(n) => {
            left.set(Some(n - 1));
            false
        }
        None => false,
    })
}

/// Re-wraps every record key in `record_key` inside `tx`; a key whose record is gone is
/// deleted with it.
fn rewrap_keys(tx: &rusqlite::Transaction<'_>, rewrap: &mut Rewrap<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM record_key WHERE id NOT IN (SELECT id FROM record)",
        [],
    )?;
    let mut read = tx.prepare(
        "SELECT k.id, r.kind, k.wrapped_key FROM record_key k JOIN record r ON r.id = k.id",
    )?;
    let mut update = tx.prepare("UPDATE record_key SET wrapped_key = ?2 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    let mut changed: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(row) = rows.next()? {
        let (Ok(id), Ok(kind), Ok(wrapped)) = (
            row.get_ref(0)?.as_str(),
            row.get_ref(1)?.as_str(),
            row.get_ref(2)?.as_blob(),
        ) else {
            continue;
        };
        if let Some(new) = rewrap(id, kind, wrapped)? {
            changed.push((id.to_owned(), new));
        }
    }
    for (id, wrapped) in &changed {
        update.execute(params![id, wrapped])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
