//! Reflections as records: how each is sealed, and the journal's use cases that write
//! (add, import, edit). Each is saved durably before the journal in memory changes.
//! Deleting a reflection also deletes the comments on it, so it lives in the vault
//! ([`Vault::delete_reflection`](crate::Vault::delete_reflection)).

use std::collections::BTreeSet;

use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::{today, Journal, Reflection, ReflectionDraft};
use crate::error::{Error, Place, Result};
use crate::record::entry::entry_record;
use crate::record::hlc::Hlc;
use crate::record::ids::new_record_id;
use crate::record::{kinds, Record, Records};

entry_record!(Reflection, ReflectionDraft, kinds::REFLECTION);

/// Whether `id` looks like a record id Attune makes: 32 lower-case hex digits.
fn is_record_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The record id of the import log.
const IMPORT_LOG_ID: &str = "import_log";

/// What was imported from other journals: one key per entry, so that importing the same file
/// again adds nothing. One record, `import_log`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLog {
    /// `source:key`, e.g. `jrnl:<uuid>` or `markdown:<sha-256 of the file>`.
    pub keys: BTreeSet<String>,
}

impl Record for ImportLog {
    const KIND: &'static str = kinds::IMPORT_LOG;
    type Sealed<'a> = &'a ImportLog;
    type Opened = ImportLog;
    fn record_id(&self) -> &str {
        IMPORT_LOG_ID
    }
    fn to_sealed(&self) -> &ImportLog {
        self
    }
    fn from_opened(opened: ImportLog) -> Option<ImportLog> {
        Some(opened)
    }
}

/// One entry of another journal, ready to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    /// What identifies it in its source, with the source's name: `jrnl:<uuid>`,
    /// `dayone:<uuid>`, `markdown:<sha-256>`; for Attune's own exports `attune:<id>`.
    pub key: String,
    /// The reflection it becomes.
    pub draft: ReflectionDraft,
    /// The Attune id it carries, for Attune's own exports: skipped when the journal holds
    /// it, else kept as the reflection's id.
    pub attune_id: Option<String>,
    /// When it was first and last saved, when the source says (Attune's JSON export).
    pub saved: Option<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The reflections added.
    pub added: Vec<Reflection>,
    /// How many entries were already imported (or are already in the journal).
    pub skipped: usize,
}

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

    /// Imports `items` (entries of another journal), all in one transaction or none: each
    /// draft is checked (an error names its place, `reflection 3: date: ...`); an entry
    /// imported before (its key in the import log), or already in the journal (Attune's own
    /// export), or twice in the same file, is skipped. With `dry_run`, nothing is written
    /// and the outcome says what would be added.
    pub fn import(&mut self, items: Vec<ImportItem>, dry_run: bool) -> Result<ImportOutcome> {
        let today = today();
        let mut log = self.journal.imported.clone();
        let mut out = ImportOutcome::default();
        for (i, item) in items.into_iter().enumerate() {
            let known = item
                .attune_id
                .as_deref()
                .is_some_and(|id| self.journal.get(id).is_some());
            if known || !log.keys.insert(item.key) {
                out.skipped += 1;
                continue;
            }
            let content = item.draft.validated(today).map_err(|e| {
                e.placed(Place::Entry {
                    kind: "reflection",
                    number: i as u64 + 1,
                })
            })?;
            let mut r = new_reflection(content)?;
            // Attune's own export keeps its ids (and, from JSON, its times), so that the
            // reflections come back as they were.
            // Only an id no record of any kind has (a file could name another record's).
            if let Some(id) = item.attune_id.filter(|id| is_record_id(id)) {
                let taken = self.records.id_in_use(&id)?
                    || out.added.iter().any(|a: &Reflection| a.id == id);
                if !taken {
                    r.id = id;
                }
            }
            if let Some((created, updated)) = item.saved {
                (r.created_at, r.updated_at) = (created, updated);
            }
            out.added.push(r);
        }
        if dry_run || out.added.is_empty() {
            return Ok(out);
        }
        let mut changes = self.records.changes();
        changes.put_all(&out.added)?;
        changes.put(&log)?;
        self.records.commit(changes)?;
        for r in &out.added {
            self.journal.upsert(r.clone());
        }
        self.journal.imported = log;
        Ok(out)
    }

    /// Replaces the content of an existing reflection (exact id).
    pub fn update(&mut self, id: &str, draft: ReflectionDraft) -> Result<Reflection> {
        self.update_from(id, draft, None)
    }

    /// Replaces the content of an existing reflection (exact id), written from its version
    /// `version` (as [`Vault::reflection_version`](crate::Vault::reflection_version) gave
    /// it when the writer opened or last saved it). When another device's version was
    /// merged in since, that version is kept as a revision beside the new one rather than
    /// saved over unseen. A version this vault does not know changes nothing (the edit
    /// starts from the current version, as [`update`](Self::update) does).
    pub fn update_from(
        &mut self,
        id: &str,
        draft: ReflectionDraft,
        version: Option<&str>,
    ) -> Result<Reflection> {
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
        let mut changes = self.records.changes();
        changes.put(&r)?;
        if let Some(v) = version {
            let hlc = Hlc::from_hex(v).ok_or_else(|| {
                Error::invalid(
                    "version",
                    "is not a version Attune gave: open the reflection again",
                )
            })?;
            changes.started_from(&r.id, hlc);
        }
        self.records.commit(changes)?;
        self.journal.upsert(r.clone());
        Ok(r)
    }
}
