//! Private notes about a supervisee: what the supervisor notices in themself, what the
//! parallel process may be, what to hold in mind next time. Kept sealed in the vault like
//! every record, and never part of any bundle (bundles carry only reflections, sessions
//! and comments: see [`crate::share::bundle`]).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Desk;
use crate::error::{Error, Result};
use crate::journal::{check_not_before_earliest_year, MAX_FIELD_BYTES};
use crate::record::entry::entry_record;
use crate::record::ids::{new_record_id, resolve_in};
use crate::record::{kinds, Records};
use crate::share::{ContactRef, Fingerprint, Sharing};
use crate::text::{check_no_controls, Lines};

/// The parts of a note, each with the prompt that fits supervision (not the home-visit
/// prompts of a reflection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum NoteSection {
    /// My own reactions: professional use of self.
    InMe,
    /// How our relationship may echo theirs with the family.
    ParallelProcess,
    /// What to carry into the next supervision.
    NextTime,
    /// Anything else.
    Text,
}

impl NoteSection {
    /// Every part, in the order shown.
    pub const ALL: [NoteSection; 4] = [
        NoteSection::InMe,
        NoteSection::ParallelProcess,
        NoteSection::NextTime,
        NoteSection::Text,
    ];

    /// The JSON field name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteSection::InMe => "in_me",
            NoteSection::ParallelProcess => "parallel_process",
            NoteSection::NextTime => "next_time",
            NoteSection::Text => "text",
        }
    }

    /// The prompt shown above it.
    pub fn prompt(self) -> &'static str {
        match self {
            NoteSection::InMe => "What do I notice in myself?",
            NoteSection::ParallelProcess => "What might the parallel process be?",
            NoteSection::NextTime => "What will I hold in mind next time?",
            NoteSection::Text => "Notes",
        }
    }

    /// Its text in `d`.
    pub fn of(self, d: &NoteDraft) -> &str {
        match self {
            NoteSection::InMe => &d.in_me,
            NoteSection::ParallelProcess => &d.parallel_process,
            NoteSection::NextTime => &d.next_time,
            NoteSection::Text => &d.text,
        }
    }
}

/// A private note about a supervisee, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteDraft {
    /// Whom it is about (their fingerprint: names change, keys do not).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub about: Fingerprint,
    /// The day it is about (today or before).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// What do I notice in myself?
    #[serde(default)]
    pub in_me: String,
    /// What might the parallel process be?
    #[serde(default)]
    pub parallel_process: String,
    /// What will I hold in mind next time?
    #[serde(default)]
    pub next_time: String,
    /// Anything else.
    #[serde(default)]
    pub text: String,
}

/// What `note add --json` reads: the draft without whom it is about (given apart).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteJson {
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    in_me: String,
    #[serde(default)]
    parallel_process: String,
    #[serde(default)]
    next_time: String,
    #[serde(default)]
    text: String,
}

impl NoteDraft {
    /// Reads a note's JSON (`{"date": "YYYY-MM-DD", "in_me": "...", "parallel_process":
    /// "...", "next_time": "...", "text": "..."}`, every field optional; the date is today
    /// when left out) about `about`, and validates it.
    pub fn from_json(json: &str, about: Fingerprint, today: NaiveDate) -> Result<NoteDraft> {
        let n: NoteJson = serde_json::from_str(json)
            .map_err(|e| Error::invalid("note", format!("not a note's JSON: {e}")))?;
        NoteDraft {
            about,
            date: n.date.unwrap_or(today),
            in_me: n.in_me,
            parallel_process: n.parallel_process,
            next_time: n.next_time,
            text: n.text,
        }
        .validated(today)
    }

    /// Trims and checks a draft against `today`: a date not ahead, text without control
    /// characters and not too long, and something written.
    pub fn validated(mut self, today: NaiveDate) -> Result<NoteDraft> {
        check_not_before_earliest_year("date", self.date)?;
        if self.date > today {
            return Err(Error::invalid(
                "date",
                format!("{} is after today ({today})", self.date),
            ));
        }
        for (section, text) in NoteSection::ALL.into_iter().zip(self.texts_mut()) {
            let trimmed = text.trim();
            check_no_controls(section.as_str(), trimmed, Lines::Many)?;
            if trimmed.len() > MAX_FIELD_BYTES {
                return Err(Error::invalid(
                    section.as_str(),
                    format!(
                        "at most {}",
                        crate::files::size_in_words(MAX_FIELD_BYTES as u64)
                    ),
                ));
            }
            *text = trimmed.to_owned();
        }
        if NoteSection::ALL.iter().all(|s| s.of(&self).is_empty()) {
            return Err(Error::invalid(
                "note",
                "is empty: write at least one of in_me, parallel_process, next_time, text",
            ));
        }
        Ok(self)
    }

    /// The texts, in the order of [`NoteSection::ALL`].
    pub(crate) fn texts_mut(&mut self) -> [&mut String; 4] {
        [
            &mut self.in_me,
            &mut self.parallel_process,
            &mut self.next_time,
            &mut self.text,
        ]
    }
}

/// A saved private note about a supervisee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SuperviseeNote {
    /// Random id (hex).
    pub id: String,
    /// What was written.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: NoteDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

entry_record!(SuperviseeNote, NoteDraft, kinds::SUPERVISEE_NOTE);

/// Oldest date first, then in the order saved.
pub(super) fn sort(v: &mut [SuperviseeNote]) {
    v.sort_by(|a, b| {
        (a.content.date, a.created_at, &a.id).cmp(&(b.content.date, b.created_at, &b.id))
    });
}

impl Desk {
    /// The note whose id is `id` or starts with it (at least 4 characters).
    pub fn resolve_note(&self, id: &str) -> Result<&SuperviseeNote> {
        resolve_in("note", id, &self.notes, |n| &n.id)
    }

    fn upsert(&mut self, n: SuperviseeNote) {
        match self.notes.iter_mut().find(|x| x.id == n.id) {
            Some(old) => *old = n,
            None => self.notes.push(n),
        }
        sort(&mut self.notes);
    }
}

/// The desk, for writing: see [`Vault::desk_mut`](crate::Vault::desk_mut).
#[derive(Debug)]
pub struct DeskRecords<'v> {
    desk: &'v mut Desk,
    /// Notes are about contacts.
    sharing: &'v Sharing,
    records: Records<'v>,
}

impl<'v> DeskRecords<'v> {
    /// The desk, the contacts its notes are about, and where its records are written (made
    /// by the vault).
    pub(crate) fn new(desk: &'v mut Desk, sharing: &'v Sharing, records: Records<'v>) -> Self {
        DeskRecords {
            desk,
            sharing,
            records,
        }
    }

    /// The fingerprint of the contact a note may be about.
    pub fn about(&self, who: impl Into<ContactRef>) -> Result<Fingerprint> {
        Ok(self.sharing.resolve_contact(who)?.card.fingerprint())
    }

    /// Validates and saves a private note about one of my contacts; returns it.
    pub fn add_note(&mut self, draft: NoteDraft) -> Result<SuperviseeNote> {
        let content = draft.validated(crate::journal::today())?;
        if self.sharing.contact(content.about).is_none() {
            return Err(Error::NotFound {
                kind: "contact",
                id: content.about.to_string(),
            });
        }
        let now = Utc::now();
        let n = SuperviseeNote {
            id: new_record_id()?,
            content,
            created_at: now,
            updated_at: now,
        };
        self.records.put(&n)?;
        self.desk.upsert(n.clone());
        Ok(n)
    }

    /// Deletes a note (exact id) and its key.
    pub fn delete_note(&mut self, id: &str) -> Result<()> {
        let not_found = || Error::NotFound {
            kind: "note",
            id: id.to_owned(),
        };
        if !self.desk.notes.iter().any(|n| n.id == id) {
            return Err(not_found());
        }
        if !self.records.delete(kinds::SUPERVISEE_NOTE, id)? {
            return Err(not_found());
        }
        self.desk.notes.retain(|n| n.id != id);
        Ok(())
    }
}
