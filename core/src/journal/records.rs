//! Reflections as records: how each is sealed, and the journal's use cases that write
//! (add, import, edit). Each is saved durably before the journal in memory changes.
//! Deleting a reflection also deletes the comments on it, so it lives in the vault
//! ([`Vault::delete_reflection`](crate::Vault::delete_reflection)).

use chrono::Utc;

use super::{today, Journal, Reflection, ReflectionDraft};
use crate::error::{Error, Place, Result};
use crate::record::entry::entry_record;
use crate::record::ids::new_record_id;
use crate::record::{kinds, Records};

entry_record!(Reflection, ReflectionDraft, kinds::REFLECTION);

/// The journal, for writing: see [`Vault::journal_mut`](crate::Vault::journal_mut).
#[derive(Debug)]
pub struct JournalRecords<'v> {
    journal: &'v mut Journal,
    records: Records<'v>,
}

fn new_reflection(content: ReflectionDraft) -> Result<Reflection> {
    let now = Utc::now();
    Ok(Reflection {
        id: new_record_id()?,
        content,
        created_at: now,
        updated_at: now,
    })
}

impl<'v> JournalRecords<'v> {
    /// The journal and where its records are written (made by the vault).
    pub(crate) fn new(journal: &'v mut Journal, records: Records<'v>) -> Self {
        JournalRecords { journal, records }
    }

    fn save(&mut self, r: Reflection) -> Result<Reflection> {
        self.records.put(&r)?;
        self.journal.upsert(r.clone());
        Ok(r)
    }

    /// Validates and saves a new reflection durably; returns it with its new id.
    pub fn add(&mut self, draft: ReflectionDraft) -> Result<Reflection> {
        let r = new_reflection(draft.validated(today())?)?;
        self.save(r)
    }

    /// Validates every draft, then saves them all in one transaction: all or none. For
    /// imports. On a bad draft, the error names its position (`reflection 3: date: ...`).
    pub fn add_many(&mut self, drafts: Vec<ReflectionDraft>) -> Result<Vec<Reflection>> {
        let today = today();
        let mut saved = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            let content = d.validated(today).map_err(|e| {
                e.placed(Place::Entry {
                    kind: "reflection",
                    number: i as u64 + 1,
                })
            })?;
            saved.push(new_reflection(content)?);
        }
        let mut changes = self.records.changes();
        changes.put_all(&saved)?;
        self.records.commit(changes)?;
        for r in &saved {
            self.journal.upsert(r.clone());
        }
        Ok(saved)
    }

    /// Replaces the content of an existing reflection (exact id).
    pub fn update(&mut self, id: &str, draft: ReflectionDraft) -> Result<Reflection> {
        let existing = self.journal.get(id).ok_or_else(|| Error::NotFound {
            kind: "reflection",
            id: id.to_owned(),
        })?;
        let r = Reflection {
            id: existing.id.clone(),
            content: draft.validated(today())?,
            created_at: existing.created_at,
            updated_at: Utc::now(),
        };
        self.save(r)
    }
}
