//! The database as one byte image, for backups: made from the live vault in memory, and
//! opened from one in memory, read-only, with SQLite's own checks. Nothing touches the disk.

use rusqlite::Connection;

use super::reader::{visit, visit_except};
use super::{check_format, RecordRef, Store};
use crate::error::Result;

impl Store {
    /// The whole database as one byte image, as a backup holds it: copied page by page
    /// inside one read transaction (SQLite's online backup, so every committed write is in
    /// it, the log's included, and nothing half-written), then compacted (`VACUUM`) in
    /// memory. Nothing touches the disk.
    pub(crate) fn image(&self) -> Result<Vec<u8>> {
        let mut mem = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&self.conn, &mut mem)?.run_to_completion(
            1024,
            std::time::Duration::ZERO,
            None,
        )?;
        mem.execute_batch("VACUUM")?;
        let data = mem.serialize(rusqlite::MAIN_DB)?;
        Ok(data.to_vec())
    }

    /// A database image (as [`Store::image`] makes it) opened in memory, read-only, with the
    /// same checks as a file. Nothing touches the disk.
    pub(crate) fn from_image(image: &[u8]) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.deserialize_read_exact(rusqlite::MAIN_DB, image, image.len(), true)?;
        let format = check_format(&conn)?;
        Ok(Store { conn, format })
    }

    /// SQLite's own check of every page and index: empty when all is well, else its
    /// findings (at most 20).
    pub(crate) fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(20)")?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found.into_iter().filter(|f| f != "ok").collect())
    }

    /// How many records of each kind the database holds.
    pub(crate) fn kind_counts(&self) -> Result<std::collections::BTreeMap<String, u64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT kind, count(*) FROM record GROUP BY kind")?;
        let counts = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .map(|r| r.map(|(k, n)| (k, u64::try_from(n).unwrap_or(0))))
            .collect::<rusqlite::Result<_>>()?;
        Ok(counts)
    }

    /// Calls `f` with every record, on this connection (for a database in memory, which
    /// has no file for [`Store::reader`] to open).
    pub(crate) fn visit_all(&self, f: impl FnMut(RecordRef<'_>)) -> Result<()> {
        visit(&self.conn, None, None, f)
    }

    /// Calls `f` with every record not of kind `kind`, on this connection.
    pub(crate) fn visit_except(&self, kind: &str, f: impl FnMut(RecordRef<'_>)) -> Result<()> {
        visit_except(&self.conn, kind, f)
    }
}
