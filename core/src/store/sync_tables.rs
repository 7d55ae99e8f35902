//! The local tables of sync (vault format 3, made when sync is first enabled): the device's
//! own state, the outbox of records changed since the last mirroring, what is known of each
//! record's history, and how far each other device has been merged. Like every other table,
//! they hold ids and kinds in the clear and seal the rest (clock times are dates).

use rusqlite::{params, OptionalExtension, Transaction};

use super::Store;
use crate::error::Result;

/// Format version 3, the schema: the sync tables.
pub(super) const V3: &str = r#"
CREATE TABLE sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    device_id BLOB NOT NULL CHECK (length(device_id) = 16),
    sealed BLOB NOT NULL
) STRICT;
CREATE TABLE sync_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_meta (
    id TEXT PRIMARY KEY NOT NULL,
    sealed BLOB NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_cursor (
    device_id BLOB PRIMARY KEY NOT NULL CHECK (length(device_id) = 16),
    segment INTEGER NOT NULL,
    hash BLOB NOT NULL
) STRICT, WITHOUT ROWID;
"#;

/// The sync rows one transaction writes beside its records.
#[derive(Debug, Default)]
pub(crate) struct SyncRows {
    /// The device's state, sealed, replacing the row (`None`: unchanged).
    pub state: Option<Vec<u8>>,
    /// Record histories to insert or replace: id, sealed history.
    pub meta: Vec<(String, Vec<u8>)>,
    /// Records to add to the outbox: id, kind.
    pub outbox_add: Vec<(String, String)>,
    /// Records to take out of the outbox (mirrored).
    pub outbox_remove: Vec<String>,
    /// Other devices' cursors: device id, segment number, segment hash.
    pub cursors: Vec<([u8; 16], u64, [u8; 32])>,
}

/// What the vault holds of one record before a segment is merged into it.
#[derive(Debug, Default)]
pub(crate) struct StoredRecord {
    /// The record's kind, if there is a record with that id.
    pub kind: Option<String>,
    /// Its sealed history, if one is known.
    pub history: Option<Vec<u8>>,
}

/// A device's merge cursor: the last segment merged and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CursorRow {
    /// The device.
    pub device: [u8; 16],
    /// The number of the last segment merged.
    pub segment: u64,
    /// SHA-256 of that segment file.
    pub hash: [u8; 32],
}

pub(super) fn write_rows(
    tx: &Transaction<'_>,
    device: Option<[u8; 16]>,
    rows: &SyncRows,
) -> Result<()> {
    if let Some(sealed) = &rows.state {
        let device = device.ok_or_else(|| {
            crate::error::Error::Internal("sync state written without a device".into())
        })?;
        tx.execute(
            "INSERT INTO sync_state (singleton, device_id, sealed) VALUES (1, ?1, ?2)
             ON CONFLICT(singleton) DO UPDATE SET device_id = excluded.device_id,
                 sealed = excluded.sealed",
            params![device.as_slice(), sealed],
        )?;
    }
    let mut meta = tx.prepare_cached(
        "INSERT INTO sync_meta (id, sealed) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed",
    )?;
    for (id, sealed) in &rows.meta {
        meta.execute(params![id, sealed])?;
    }
    let mut add = tx.prepare_cached(
        "INSERT INTO sync_outbox (id, kind) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind",
    )?;
    for (id, kind) in &rows.outbox_add {
        add.execute(params![id, kind])?;
    }
    let mut remove = tx.prepare_cached("DELETE FROM sync_outbox WHERE id = ?1")?;
    for id in &rows.outbox_remove {
        remove.execute(params![id])?;
    }
    let mut cursor = tx.prepare_cached(
        "INSERT INTO sync_cursor (device_id, segment, hash) VALUES (?1, ?2, ?3)
         ON CONFLICT(device_id) DO UPDATE SET segment = excluded.segment, hash = excluded.hash",
    )?;
    for (device, segment, hash) in &rows.cursors {
        let n = i64::try_from(*segment)
            .map_err(|_| crate::error::Error::Internal("a segment number beyond 2^63".into()))?;
        cursor.execute(params![device.as_slice(), n, hash.as_slice()])?;
    }
    Ok(())
}

impl Store {
    /// Whether the vault has the sync tables (format 3).
    pub(crate) fn has_sync_tables(&self) -> bool {
        self.format >= 3
    }

    /// Brings the vault to format 3 (the sync tables), in one transaction; nothing if it is
    /// there already.
    pub(crate) fn add_sync_tables(&mut self) -> Result<()> {
        if self.format >= 3 {
            return Ok(());
        }
        super::MIGRATIONS.to_latest(&mut self.conn)?;
        self.format = super::NEWEST_FORMAT;
        Ok(())
    }

    /// The device id and sealed state, when sync is enabled.
    pub(crate) fn sync_state(&self) -> Result<Option<([u8; 16], Vec<u8>)>> {
        if !self.has_sync_tables() {
            return Ok(None);
        }
        let row: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT device_id, sealed FROM sync_state WHERE singleton = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(d, s)| Some((<[u8; 16]>::try_from(d).ok()?, s))))
    }

    /// The sealed history of record `id`, if one is known.
    pub(crate) fn sync_meta(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT sealed FROM sync_meta WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
    }

    /// What the vault holds of each record of `ids` (sorted, for locality), for merging a
    /// segment: read in one read transaction, with one prepared statement per table, instead
    /// of one transaction and two statements prepared anew for every operation.
    pub(crate) fn stored_records(
        &self,
        ids: &[&str],
    ) -> Result<std::collections::HashMap<String, StoredRecord>> {
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut kind = tx.prepare_cached("SELECT kind FROM record WHERE id = ?1")?;
            let mut history = tx.prepare_cached("SELECT sealed FROM sync_meta WHERE id = ?1")?;
            for id in ids {
                let found = StoredRecord {
                    kind: kind.query_row(params![id], |r| r.get(0)).optional()?,
                    history: history.query_row(params![id], |r| r.get(0)).optional()?,
                };
                out.insert((*id).to_owned(), found);
            }
        }
        // Nothing was written: ending the read is all the commit does.
        tx.commit()?;
        Ok(out)
    }

    /// Every record id with a known history (deleted records included), for compaction.
    pub(crate) fn history_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM sync_meta ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every record in the outbox: id, kind.
    pub(crate) fn outbox(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind FROM sync_outbox ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every other device's merge cursor.
    pub(crate) fn cursors(&self) -> Result<Vec<CursorRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT device_id, segment, hash FROM sync_cursor ORDER BY device_id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (d, n, h) = row?;
            if let (Ok(device), Ok(segment), Ok(hash)) = (
                <[u8; 16]>::try_from(d),
                u64::try_from(n),
                <[u8; 32]>::try_from(h),
            ) {
                out.push(CursorRow {
                    device,
                    segment,
                    hash,
                });
            }
        }
        Ok(out)
    }

    /// Ids of the records of `kind` whose id starts with `prefix`, with their rows.
    pub(crate) fn rows_with_prefix(
        &self,
        kind: &str,
        prefix: &str,
    ) -> Result<Vec<super::RecordRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.kind, r.schema, k.wrapped_key, r.sealed
             FROM record r JOIN record_key k ON k.id = r.id
             WHERE r.kind = ?1 AND substr(r.id, 1, length(?2)) = ?2 ORDER BY r.id",
        )?;
        let rows = stmt.query_map(params![kind, prefix], |r| {
            Ok(super::RecordRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                schema: r.get(2)?,
                wrapped_key: r.get(3)?,
                sealed: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One record's row, if it exists (its key row too).
    pub(crate) fn row(&self, id: &str) -> Result<Option<super::RecordRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.id, r.kind, r.schema, k.wrapped_key, r.sealed
                 FROM record r JOIN record_key k ON k.id = r.id WHERE r.id = ?1",
                params![id],
                |r| {
                    Ok(super::RecordRow {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        schema: r.get(2)?,
                        wrapped_key: r.get(3)?,
                        sealed: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// The ids of the records of `kind` (no row bodies): for the kept revisions, which a
    /// list marks.
    pub(crate) fn ids_of_kind(&self, kind: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM record WHERE kind = ?1 ORDER BY id")?;
        let rows = stmt.query_map(params![kind], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every record id with its kind, for enabling sync on a vault that already holds records.
    pub(crate) fn ids_and_kinds(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind FROM record ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
