//! Reading every record straight from SQLite's buffers: one read-only connection per unlock
//! worker, by id range, or any connection at once.

use rusqlite::{params, Connection};

use super::RecordRef;
use crate::error::{Error, Result};

/// A read-only connection that visits records by id range; one per unlock worker.
#[derive(Debug)]
pub(crate) struct RecordReader {
    pub(super) conn: Connection,
}

impl RecordReader {
    /// Calls `f` with every record whose id is in `[from, to)` (`None`: unbounded), in id
    /// order, straight from SQLite's buffers.
    pub(crate) fn visit(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        f: impl FnMut(RecordRef<'_>),
    ) -> Result<()> {
        visit(&self.conn, from, to, f)
    }
}

const SELECT: &str = "SELECT r.id, r.kind, k.wrapped_key, r.sealed
             FROM record r LEFT JOIN record_key k ON k.id = r.id";

/// Calls `f` with every record not of kind `kind`, in id order, straight from SQLite's
/// buffers (the rows of that kind are passed over without reading their content).
pub(super) fn visit_except(
    conn: &Connection,
    kind: &str,
    f: impl FnMut(RecordRef<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE r.kind <> ?1"))?;
    let rows = stmt.query(params![kind])?;
    each(rows, f)
}

/// [`RecordReader::visit`] on any connection.
pub(super) fn visit(
    conn: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    f: impl FnMut(RecordRef<'_>),
) -> Result<()> {
    let sql = match (from, to) {
        (None, None) => SELECT.to_owned(),
        (Some(_), None) => format!("{SELECT} WHERE r.id >= ?1"),
        (None, Some(_)) => format!("{SELECT} WHERE r.id < ?1"),
        (Some(_), Some(_)) => format!("{SELECT} WHERE r.id >= ?1 AND r.id < ?2"),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = match (from, to) {
        (None, None) => stmt.query([])?,
        (Some(a), None) | (None, Some(a)) => stmt.query(params![a])?,
        (Some(a), Some(b)) => stmt.query(params![a, b])?,
    };
    each(rows, f)
}

/// Calls `f` with each record of a query of [`SELECT`].
fn each(mut rows: rusqlite::Rows<'_>, mut f: impl FnMut(RecordRef<'_>)) -> Result<()> {
    while let Some(row) = rows.next()? {
        let text = |i: usize| -> Result<&str> {
            row.get_ref(i)?
                .as_str()
                .map_err(|_| Error::VaultDamaged("a record id or kind is not text".into()))
        };
        let blob = |i: usize| -> Result<&[u8]> {
            row.get_ref(i)?
                .as_blob()
                .map_err(|_| Error::VaultDamaged("a record's sealed columns are not blobs".into()))
        };
        // A record without a key row does not open: damaged, not a failed unlock.
        let wrapped_key = match row.get_ref(2)? {
            rusqlite::types::ValueRef::Null => &[][..],
            _ => blob(2)?,
        };
        f(RecordRef {
            id: text(0)?,
            kind: text(1)?,
            wrapped_key,
            sealed: blob(3)?,
        });
    }
    Ok(())
}
