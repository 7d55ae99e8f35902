//! The page size of a vault's file: read, and grown to [`PAGE_SIZE`] for a vault made
//! before pages grew (docs/formats/vault.md, "Page size").

use super::{apply_pragmas, Store, PAGE_SIZE};
use crate::error::{Error, Result};

impl Store {
    /// The database's page size, in bytes.
    pub(crate) fn page_size(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
    }

    /// Rewrites a database made with pages smaller than [`PAGE_SIZE`] (a vault made before
    /// they grew) at that size: one `VACUUM`, under a rollback journal since a database in
    /// WAL mode cannot change its page size, then back to WAL. All or nothing: a crash
    /// midway leaves the journal, with which SQLite puts the old file back at the next open.
    /// Returns whether it rewrote the file. One that cannot be rewritten now (a `VACUUM`
    /// needs room for a second copy of the file; leaving WAL mode needs no other connection
    /// open) is left as it was, which is only logged: it works as well, a little slower.
    pub(crate) fn grow_pages(&mut self) -> Result<bool> {
        if self.page_size()? >= PAGE_SIZE {
            return Ok(false);
        }
        let rewritten = (|| -> Result<()> {
            self.truncate_log()?;
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(Error::Storage(rusqlite::Error::InvalidQuery));
            }
            self.conn
                .execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE}; VACUUM;"))?;
            Ok(())
        })();
        // Back to the log, whatever happened.
        apply_pragmas(&self.conn)?;
        match rewritten {
            Ok(()) => Ok(true),
            Err(e) => {
                tracing::warn!(error = %e, "the vault's pages could not be made larger");
                Ok(false)
            }
        }
    }
}
