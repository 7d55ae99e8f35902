//! Supervision sessions, providers and training as records: how each is sealed, and the
//! use cases that write them (add, edit, delete, import with provider planning). Each
//! action is planned whole, then saved in one transaction, then applied in memory.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::duplicates::{long, SameAs, SameDayIndex};
use super::{
    provider_key, Concern, CsvRow, Hours, Provider, ProviderDraft, SessionDraft,
    SupervisionSession, Training, TrainingDraft, Warning,
};
use crate::error::{Error, Place, Result};
use crate::journal::{self, Journal};
use crate::record::entry::entry_record;
use crate::record::ids::new_record_id;
use crate::record::{kinds, Records};

entry_record!(SupervisionSession, SessionDraft, kinds::SESSION);
entry_record!(Provider, ProviderDraft, kinds::PROVIDER);
entry_record!(Training, TrainingDraft, kinds::TRAINING);

/// What a bulk add did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// The sessions saved.
    pub imported: Vec<SupervisionSession>,
    /// Input that matched a session already logged (or an earlier row): not saved again.
    pub duplicates: Vec<Duplicate>,
    /// Accepted oddities (dates in the future).
    pub warnings: Vec<Warning>,
    /// Rows taken that a form would have asked about (the same day as another session with
    /// a similar provider, longer than 3 h), by line: reported, never refused.
    pub concerns: Vec<Concern>,
    /// Providers added to the address book.
    pub new_providers: Vec<Provider>,
}

/// A row that was not saved because the same session is already there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Duplicate {
    /// Where in the input.
    pub at: Place,
    /// The session's date.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// What it duplicates.
    pub same_as: SameAs,
}

/// A session, providers to save with it, and what to do in memory afterwards.
struct Planned {
    sessions: Vec<SupervisionSession>,
    providers: Vec<Provider>,
}

/// CSV rows as drafts with their lines.
fn rows_at(rows: Vec<CsvRow>) -> Vec<(Place, SessionDraft)> {
    rows.into_iter()
        .map(|r| (Place::line(r.line), r.session))
        .collect()
}

/// Resolves the draft's links to reflections as `share --entries` does (a whole id, or a
/// prefix of at least 4 characters that names one reflection), writing each as the whole
/// id; refuses an unknown or ambiguous one, naming the field. Links that name the same
/// reflection are kept once.
fn resolve_links(journal: &Journal, d: &mut SessionDraft) -> Result<()> {
    let mut whole: Vec<String> = Vec::with_capacity(d.reflections.len());
    for typed in &d.reflections {
        let id = match journal.resolve(typed) {
            Ok(r) => r.id.clone(),
            Err(Error::AmbiguousId { id, .. }) => {
                return Err(Error::invalid(
                    "reflections",
                    format!("the id {id} matches more than one reflection; give more of it"),
                ))
            }
            Err(Error::NotFound { id, .. }) => {
                return Err(Error::invalid(
                    "reflections",
                    format!("no reflection with id {id}"),
                ))
            }
            Err(e) => return Err(e),
        };
        if !whole.contains(&id) {
            whole.push(id);
        }
    }
    d.reflections = whole;
    Ok(())
}

/// The providers one action plans: the address book indexed once by [`provider_key`] (so
/// that an import of many rows naming many providers stays linear), and the providers new
/// or changed so far in this action.
struct ProviderPlan<'h> {
    known: HashMap<String, &'h Provider>,
    pending: HashMap<String, Provider>,
}

impl<'h> ProviderPlan<'h> {
    fn new(hours: &'h Hours) -> Self {
        ProviderPlan {
            known: hours
                .providers()
                .iter()
                .map(|p| (provider_key(&p.content.name), p))
                .collect(),
            pending: HashMap::new(),
        }
    }

    /// Writes a known provider's name as the address book spells it and fills a missing
    /// credential with the one they held on the session's day; plans a new provider (or
    /// notes a credential for a known one who has none listed) from what the session says.
    /// Known providers' details are otherwise never overwritten by a session.
    fn plan(&mut self, d: &mut SessionDraft, now: DateTime<Utc>) -> Result<()> {
        let key = provider_key(&d.provider);
        if let Some(p) = self.pending.get_mut(&key) {
            d.provider.clone_from(&p.content.name);
            if d.credential.is_none() {
                d.credential = p.content.credential_for_session(d.date).map(str::to_owned);
            } else if p.content.learn(d.credential.as_deref()) {
                p.updated_at = now;
            }
            return Ok(());
        }
        match self.known.get(&key) {
            Some(p) => {
                d.provider.clone_from(&p.content.name);
                if d.credential.is_none() {
                    d.credential = p.content.credential_for_session(d.date).map(str::to_owned);
                } else if p.content.credentials.is_empty() {
                    let mut p = (*p).clone();
                    p.content.learn(d.credential.as_deref());
                    p.updated_at = now;
                    self.pending.insert(key, p);
                }
            }
            None => {
                let mut content = ProviderDraft {
                    name: d.provider.clone(),
                    credentials: Vec::new(),
                };
                content.learn(d.credential.as_deref());
                self.pending.insert(
                    key,
                    Provider {
                        id: new_record_id()?,
                        content,
                        created_at: now,
                        updated_at: now,
                    },
                );
            }
        }
        Ok(())
    }

    /// The providers to write, and which of them are new to the address book.
    fn into_planned(self) -> (Vec<Provider>, Vec<Provider>) {
        let mut new = Vec::new();
        let mut all = Vec::with_capacity(self.pending.len());
        for (key, p) in self.pending {
            if !self.known.contains_key(&key) {
                new.push(p.clone());
            }
            all.push(p);
        }
        (all, new)
    }
}

/// Hours, for writing: see [`Vault::hours_mut`](crate::Vault::hours_mut).
#[derive(Debug)]
pub struct HoursRecords<'v> {
    hours: &'v mut Hours,
    /// Sessions may link reflections; links are checked against the journal.
    journal: &'v Journal,
    records: Records<'v>,
}

impl<'v> HoursRecords<'v> {
    /// The hours, the journal their links point into, and where their records are written
    /// (made by the vault).
    pub(crate) fn new(hours: &'v mut Hours, journal: &'v Journal, records: Records<'v>) -> Self {
        HoursRecords {
            hours,
            journal,
            records,
        }
    }

    /// Saves sessions and providers in one transaction, then updates memory.
    fn commit(&mut self, plan: Planned) -> Result<()> {
        let mut changes = self.records.changes();
        changes.put_all(&plan.providers)?;
        changes.put_all(&plan.sessions)?;
        self.records.commit(changes)?;
        for p in plan.providers {
            self.hours.upsert_provider(p);
        }
        if plan.sessions.len() == 1 {
            for s in plan.sessions {
                self.hours.upsert_session(s);
            }
        } else {
            self.hours.extend_sessions(plan.sessions);
        }
        Ok(())
    }

    /// Validates and saves a new session (and its provider, if new); returns it. A date in
    /// the future is allowed: see [`SessionDraft::warnings`]. A provider seen for the first
    /// time joins the address book; a known provider's credential fills a missing one.
    pub fn add_session(&mut self, draft: SessionDraft) -> Result<SupervisionSession> {
        let mut d = draft.validated()?;
        resolve_links(self.journal, &mut d)?;
        let now = Utc::now();
        let mut plan = ProviderPlan::new(self.hours);
        plan.plan(&mut d, now)?;
        let (providers, _) = plan.into_planned();
        let s = SupervisionSession {
            id: new_record_id()?,
            content: d,
            created_at: now,
            updated_at: now,
        };
        self.commit(Planned {
            sessions: vec![s.clone()],
            providers,
        })?;
        Ok(s)
    }

    /// Replaces an existing session's content (exact id).
    pub fn update_session(&mut self, id: &str, draft: SessionDraft) -> Result<SupervisionSession> {
        let existing = self.hours.session(id).ok_or_else(|| Error::NotFound {
            kind: "session",
            id: id.to_owned(),
        })?;
        let created_at = existing.created_at;
        let mut d = draft.validated()?;
        resolve_links(self.journal, &mut d)?;
        let now = Utc::now();
        let mut plan = ProviderPlan::new(self.hours);
        plan.plan(&mut d, now)?;
        let (providers, _) = plan.into_planned();
        let s = SupervisionSession {
            id: id.to_owned(),
            content: d,
            created_at,
            updated_at: now,
        };
        self.commit(Planned {
            sessions: vec![s.clone()],
            providers,
        })?;
        Ok(s)
    }

    /// Deletes the record `id` of an hours kind (its record kind, and the name messages use)
    /// and its key. `known` says whether the in-memory collection of that kind has it; the
    /// store checks the stored kind too.
    fn delete_record(
        &mut self,
        id: &str,
        (record_kind, kind): (&'static str, &'static str),
        known: bool,
    ) -> Result<()> {
        if !known || !self.records.delete(record_kind, id)? {
            return Err(Error::NotFound {
                kind,
                id: id.to_owned(),
            });
        }
        Ok(())
    }

    /// Deletes a session (exact id) and its key.
    pub fn delete_session(&mut self, id: &str) -> Result<()> {
        let known = self.hours.session(id).is_some();
        self.delete_record(id, (kinds::SESSION, "session"), known)?;
        self.hours.remove_session(id);
        Ok(())
    }

    /// Saves many sessions in one transaction, all or none, skipping those already logged
    /// (same day, minutes, format, provider and about-RSC flag) and repeats within the
    /// input: importing the same file twice adds nothing. Each draft comes with where it is
    /// in the input, for the report and for errors.
    pub fn add_sessions(&mut self, drafts: Vec<(Place, SessionDraft)>) -> Result<ImportReport> {
        let (report, providers) = self.plan_sessions(drafts)?;
        if report.imported.is_empty() && providers.is_empty() {
            return Ok(report);
        }
        self.commit(Planned {
            sessions: report.imported.clone(),
            providers,
        })?;
        Ok(report)
    }

    /// What [`HoursRecords::add_sessions`] would do, saving nothing: a preview.
    pub fn preview_sessions(&self, drafts: Vec<(Place, SessionDraft)>) -> Result<ImportReport> {
        Ok(self.plan_sessions(drafts)?.0)
    }

    /// The report of an import, and the providers to write with it.
    fn plan_sessions(
        &self,
        drafts: Vec<(Place, SessionDraft)>,
    ) -> Result<(ImportReport, Vec<Provider>)> {
        let today = journal::today();
        let now = Utc::now();
        let mut seen: HashMap<_, SameAs> = self
            .hours
            .sessions()
            .iter()
            .map(|s| {
                (
                    s.content.duplicate_key(),
                    SameAs::Logged { id: s.id.clone() },
                )
            })
            .collect();
        let mut same_day = SameDayIndex::of(self.hours, None);
        let mut plan = ProviderPlan::new(self.hours);
        let mut report = ImportReport {
            imported: Vec::new(),
            duplicates: Vec::new(),
            warnings: Vec::new(),
            concerns: Vec::new(),
            new_providers: Vec::new(),
        };
        for (at, draft) in drafts {
            let relabel = |e: Error| e.placed(at);
            let mut d = draft.validated().map_err(relabel)?;
            resolve_links(self.journal, &mut d).map_err(relabel)?;
            let key = d.duplicate_key();
            if let Some(same_as) = seen.get(&key) {
                report.duplicates.push(Duplicate {
                    at,
                    date: d.date,
                    same_as: same_as.clone(),
                });
                continue;
            }
            seen.insert(key, SameAs::Earlier { at });
            for w in d.warnings(today) {
                report.warnings.push(Warning {
                    place: Some(at),
                    ..w
                });
            }
            for c in same_day.same_day(&d).into_iter().chain(long(&d)) {
                report.concerns.push(Concern {
                    place: Some(at),
                    ..c
                });
            }
            same_day.add(&d, SameAs::Earlier { at });
            plan.plan(&mut d, now)?;
            report.imported.push(SupervisionSession {
                id: new_record_id()?,
                content: d,
                created_at: now,
                updated_at: now,
            });
        }
        let (providers, new_providers) = plan.into_planned();
        report.new_providers = new_providers;
        Ok((report, providers))
    }

    /// Imports the rows of a parsed hours CSV: see [`HoursRecords::add_sessions`]. The file's
    /// warnings (by line and column) replace the per-row ones.
    pub fn import_sessions(&mut self, rows: Vec<CsvRow>) -> Result<ImportReport> {
        self.add_sessions(rows_at(rows))
    }

    /// What [`HoursRecords::import_sessions`] would do, saving nothing: the preview of an
    /// import, with the rows it would skip and those to look at twice.
    pub fn preview_import(&self, rows: Vec<CsvRow>) -> Result<ImportReport> {
        self.preview_sessions(rows_at(rows))
    }

    /// Adds a provider to the address book; refuses a name already there.
    pub fn add_provider(&mut self, draft: ProviderDraft) -> Result<Provider> {
        let d = draft.validated()?;
        if self.hours.provider_named(&d.name).is_some() {
            return Err(Error::invalid(
                "name",
                "a provider with this name is already in the address book",
            ));
        }
        let now = Utc::now();
        let p = Provider {
            id: new_record_id()?,
            content: d,
            created_at: now,
            updated_at: now,
        };
        self.commit(Planned {
            sessions: Vec::new(),
            providers: vec![p.clone()],
        })?;
        Ok(p)
    }

    /// Replaces a provider's details (exact id). Logged sessions keep the name and
    /// credential they were logged with.
    pub fn update_provider(&mut self, id: &str, draft: ProviderDraft) -> Result<Provider> {
        let existing = self.hours.provider(id).ok_or_else(|| Error::NotFound {
            kind: "provider",
            id: id.to_owned(),
        })?;
        let created_at = existing.created_at;
        let d = draft.validated()?;
        if self
            .hours
            .provider_named(&d.name)
            .is_some_and(|other| other.id != id)
        {
            return Err(Error::invalid(
                "name",
                "another provider with this name is already in the address book",
            ));
        }
        let p = Provider {
            id: id.to_owned(),
            content: d,
            created_at,
            updated_at: Utc::now(),
        };
        self.commit(Planned {
            sessions: Vec::new(),
            providers: vec![p.clone()],
        })?;
        Ok(p)
    }

    /// Deletes a provider from the address book (exact id); sessions are left as logged.
    pub fn delete_provider(&mut self, id: &str) -> Result<()> {
        let known = self.hours.provider(id).is_some();
        self.delete_record(id, (kinds::PROVIDER, "provider"), known)?;
        self.hours.remove_provider(id);
        Ok(())
    }

    /// Validates and saves a training entry; returns it. A future date is allowed: see
    /// [`TrainingDraft::warnings`].
    pub fn add_training(&mut self, draft: TrainingDraft) -> Result<Training> {
        let now = Utc::now();
        let t = Training {
            id: new_record_id()?,
            content: draft.validated()?,
            created_at: now,
            updated_at: now,
        };
        self.records.put(&t)?;
        self.hours.upsert_training(t.clone());
        Ok(t)
    }

    /// Validates every training draft, then saves them all in one transaction.
    pub fn add_trainings(&mut self, drafts: Vec<TrainingDraft>) -> Result<Vec<Training>> {
        let now = Utc::now();
        let mut saved = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            let content = d.validated().map_err(|e| {
                e.placed(Place::Entry {
                    kind: "training",
                    number: i as u64 + 1,
                })
            })?;
            saved.push(Training {
                id: new_record_id()?,
                content,
                created_at: now,
                updated_at: now,
            });
        }
        let mut changes = self.records.changes();
        changes.put_all(&saved)?;
        self.records.commit(changes)?;
        self.hours.extend_training(saved.iter().cloned());
        Ok(saved)
    }

    /// Replaces a training entry's content (exact id).
    pub fn update_training(&mut self, id: &str, draft: TrainingDraft) -> Result<Training> {
        let existing = self
            .hours
            .training_entry(id)
            .ok_or_else(|| Error::NotFound {
                kind: "training entry",
                id: id.to_owned(),
            })?;
        let t = Training {
            id: id.to_owned(),
            content: draft.validated()?,
            created_at: existing.created_at,
            updated_at: Utc::now(),
        };
        self.records.put(&t)?;
        self.hours.upsert_training(t.clone());
        Ok(t)
    }

    /// Deletes a training entry (exact id) and its key.
    pub fn delete_training(&mut self, id: &str) -> Result<()> {
        let known = self.hours.training_entry(id).is_some();
        self.delete_record(id, (kinds::TRAINING, "training entry"), known)?;
        self.hours.remove_training(id);
        Ok(())
    }
}
