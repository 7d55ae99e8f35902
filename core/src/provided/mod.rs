//! The RSC a supervisor or mentor provides to others: whom (a pseudonym or initials only),
//! when, how long, one-to-one or in a group. Logged for their own IFRS/Mentor applications
//! and renewals, and shown beside the hours they receive. No family data: the hour log
//! stays apart from reflections.

mod records;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::hours::{
    check_minutes, clean_name, clean_note, provider_key, Modality, Period, SessionFormat,
    MAX_SESSION_MINUTES,
};
use crate::journal::check_not_before_earliest_year;
use crate::record::ids::resolve_in;

pub use records::ProvidedRecords;

/// A session of RSC the user provided, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvidedDraft {
    /// The day it took place (today or before: it was provided).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Clock minutes, whole.
    pub minutes: u32,
    /// One-to-one or a group.
    pub format: SessionFormat,
    /// How it took place, when said.
    #[serde(default)]
    pub modality: Option<Modality>,
    /// Whom: a pseudonym or initials (or a group's name), never a full name.
    pub supervisee: String,
    /// A short reminder.
    #[serde(default)]
    pub note: String,
}

impl ProvidedDraft {
    /// Trims and checks a draft against `today`: minutes within a day, a date not ahead,
    /// someone named.
    pub fn validated(mut self, today: NaiveDate) -> Result<Self> {
        check_not_before_earliest_year("date", self.date)?;
        if self.date > today {
            return Err(Error::invalid(
                "date",
                format!(
                    "{} is after today ({today}); log RSC once you have provided it",
                    self.date
                ),
            ));
        }
        self.minutes = check_minutes("minutes", i64::from(self.minutes), MAX_SESSION_MINUTES)?;
        self.supervisee = clean_name("supervisee", &self.supervisee, true)?;
        self.note = clean_note("note", &self.note)?;
        Ok(self)
    }
}

/// A saved session of RSC provided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvidedSession {
    /// Random id (hex).
    pub id: String,
    /// What the user entered.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: ProvidedDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

/// Minutes of RSC provided in a period, summed exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvidedTotals {
    /// Sessions.
    pub sessions: u32,
    /// All minutes.
    pub minutes: u32,
    /// Of which one-to-one.
    pub individual_minutes: u32,
    /// Of which in groups.
    pub group_minutes: u32,
    /// How many different people or groups (by name, as providers are told apart: case and
    /// spacing ignored, see `provider_key`).
    pub supervisees: u32,
}

/// Every session of RSC provided in an unlocked vault, oldest first.
#[derive(Debug, Default)]
pub struct Provided {
    sessions: Vec<ProvidedSession>,
}

impl Provided {
    /// As loaded at unlock.
    pub(crate) fn build(mut sessions: Vec<ProvidedSession>) -> Provided {
        sort(&mut sessions);
        Provided { sessions }
    }

    /// Every session, oldest first.
    pub fn sessions(&self) -> &[ProvidedSession] {
        &self.sessions
    }

    /// Sessions dated within `period`, oldest first.
    pub fn sessions_in(&self, period: Period) -> Vec<&ProvidedSession> {
        self.sessions
            .iter()
            .filter(|s| period.contains(s.content.date))
            .collect()
    }

    /// The session with exactly this id.
    pub fn session(&self, id: &str) -> Option<&ProvidedSession> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The session whose id is `id` or starts with it (at least 4 characters).
    pub fn resolve(&self, id: &str) -> Result<&ProvidedSession> {
        resolve_in("session provided", id, &self.sessions, |s| &s.id)
    }

    /// The totals of `period`.
    pub fn totals(&self, period: Period) -> ProvidedTotals {
        let mut t = ProvidedTotals::default();
        let mut who: Vec<String> = Vec::new();
        for s in self.sessions_in(period) {
            let c = &s.content;
            t.sessions += 1;
            t.minutes = t.minutes.saturating_add(c.minutes);
            match c.format {
                SessionFormat::Individual => {
                    t.individual_minutes = t.individual_minutes.saturating_add(c.minutes)
                }
                SessionFormat::Group => t.group_minutes = t.group_minutes.saturating_add(c.minutes),
            }
            let key = provider_key(&c.supervisee);
            if !who.contains(&key) {
                who.push(key);
            }
        }
        t.supervisees = u32::try_from(who.len()).unwrap_or(u32::MAX);
        t
    }

    fn upsert(&mut self, s: ProvidedSession) {
        match self.sessions.iter_mut().find(|x| x.id == s.id) {
            Some(old) => *old = s,
            None => self.sessions.push(s),
        }
        sort(&mut self.sessions);
    }

    fn remove(&mut self, id: &str) -> bool {
        let before = self.sessions.len();
        self.sessions.retain(|s| s.id != id);
        before != self.sessions.len()
    }
}

impl Drop for Provided {
    /// Overwrites names and notes when the vault is locked.
    fn drop(&mut self) {
        for s in &mut self.sessions {
            s.content.supervisee.zeroize();
            s.content.note.zeroize();
        }
    }
}

fn sort(v: &mut [ProvidedSession]) {
    v.sort_by(|a, b| {
        (a.content.date, a.created_at, &a.id).cmp(&(b.content.date, b.created_at, &b.id))
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn draft(date: &str, minutes: u32, format: SessionFormat, who: &str) -> ProvidedDraft {
        ProvidedDraft {
            date: day(date),
            minutes,
            format,
            modality: None,
            supervisee: who.into(),
            note: String::new(),
        }
    }

    fn saved(d: ProvidedDraft, n: u8) -> ProvidedSession {
        ProvidedSession {
            id: format!("{n:032x}"),
            content: d,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rsc_provided_is_logged_once_it_took_place() {
        let today = day("2026-12-02");
        let d = draft("2026-12-02", 60, SessionFormat::Individual, "  J.  R. ");
        assert_eq!(d.validated(today).unwrap().supervisee, "J. R.");
        let ahead = draft("2026-12-03", 60, SessionFormat::Individual, "J. R.");
        assert_eq!(field_of(ahead.validated(today)), "date");
        let nobody = draft("2026-12-01", 60, SessionFormat::Group, " ");
        assert_eq!(field_of(nobody.validated(today)), "supervisee");
        let long = draft(
            "2026-12-01",
            MAX_SESSION_MINUTES + 1,
            SessionFormat::Group,
            "x",
        );
        assert_eq!(field_of(long.validated(today)), "minutes");
    }

    #[test]
    fn totals_add_up_exactly_by_format_and_person() {
        let p = Provided::build(vec![
            saved(
                draft("2026-01-05", 60, SessionFormat::Individual, "J. R."),
                1,
            ),
            saved(
                draft("2026-02-05", 90, SessionFormat::Group, "Tuesday group"),
                2,
            ),
            saved(
                draft("2026-03-05", 45, SessionFormat::Individual, "j.  r."),
                3,
            ),
            saved(
                draft("2025-12-30", 30, SessionFormat::Individual, "K. L."),
                4,
            ),
        ]);
        let year = Period {
            from: Some(day("2026-01-01")),
            to: Some(day("2026-12-31")),
        };
        assert_eq!(
            p.totals(year),
            ProvidedTotals {
                sessions: 3,
                minutes: 195,
                individual_minutes: 105,
                group_minutes: 90,
                supervisees: 2,
            }
        );
        assert_eq!(p.sessions()[0].content.supervisee, "K. L.", "oldest first");
    }
}
