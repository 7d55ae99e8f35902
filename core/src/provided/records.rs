//! Sessions of RSC provided as records: sealed as entries (like a training entry), and the
//! use cases that write them.

use chrono::Utc;

use super::{Provided, ProvidedDraft, ProvidedSession};
use crate::error::{Error, Result};
use crate::journal::today;
use crate::record::entry::entry_record;
use crate::record::ids::new_record_id;
use crate::record::{kinds, Records};

entry_record!(ProvidedSession, ProvidedDraft, kinds::PROVIDED_SESSION);

/// RSC provided, for writing: see [`Vault::provided_mut`](crate::Vault::provided_mut).
#[derive(Debug)]
pub struct ProvidedRecords<'v> {
    provided: &'v mut Provided,
    records: Records<'v>,
}

impl<'v> ProvidedRecords<'v> {
    /// The log and where its records are written (made by the vault).
    pub(crate) fn new(provided: &'v mut Provided, records: Records<'v>) -> Self {
        ProvidedRecords { provided, records }
    }

    /// Validates and saves a session provided; returns it.
    pub fn add(&mut self, draft: ProvidedDraft) -> Result<ProvidedSession> {
        let now = Utc::now();
        let s = ProvidedSession {
            id: new_record_id()?,
            content: draft.validated(today())?,
            created_at: now,
            updated_at: now,
        };
        self.records.put(&s)?;
        self.provided.upsert(s.clone());
        Ok(s)
    }

    /// Replaces a session's content (exact id).
    pub fn update(&mut self, id: &str, draft: ProvidedDraft) -> Result<ProvidedSession> {
        let existing = self.provided.session(id).ok_or_else(|| not_found(id))?;
        let s = ProvidedSession {
            id: id.to_owned(),
            content: draft.validated(today())?,
            created_at: existing.created_at,
            updated_at: Utc::now(),
        };
        self.records.put(&s)?;
        self.provided.upsert(s.clone());
        Ok(s)
    }

    /// Deletes a session (exact id) and its key.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        if self.provided.session(id).is_none()
            || !self.records.delete(kinds::PROVIDED_SESSION, id)?
        {
            return Err(not_found(id));
        }
        self.provided.remove(id);
        Ok(())
    }
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        kind: "session provided",
        id: id.to_owned(),
    }
}
