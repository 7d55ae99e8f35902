//! Supervision hours, providers and training held in memory after unlock; rule sets for
//! Endorsement; progress, summaries and exports (CSV, PDF). Minutes are whole numbers and
//! are always summed as such: hours are only a way of showing them.

mod application;
mod credential_names;
mod credentials;
mod csv;
mod duplicates;
mod model;
mod pdf;
mod period;
mod progress;
mod providers;
pub mod records;
mod rules;
mod session_kinds;
mod summary;
mod training;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use zeroize::Zeroize;

pub use self::application::{
    experiences, reason_words, write_experiences_csv, Experience, BREAK_DAYS, EXPERIENCES_HEADER,
};
pub use self::csv::{parse_csv, write_csv, CsvRow, ParsedCsv, CSV_HEADER, MAX_CSV_BYTES};
pub use credential_names::{
    canonical_credential, credential_catalogue, CredentialAlias, CredentialCatalogue,
    CredentialName,
};
pub use credentials::{HeldStretch, ProviderBook, SessionCredential};
pub(crate) use csv::quote_formula;
pub use duplicates::{
    name_tokens, similar_names, Concern, ConcernKind, SameAs, LONG_SESSION_MINUTES,
};
pub use model::{
    check_minutes, check_session_date, normalize_credential, parse_minutes, provider_key, AgeFocus,
    AttestationStatus, Modality, SessionDraft, SessionFormat, SupervisionSession, Warning,
    MAX_CREDENTIAL_CHARS, MAX_LINKS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SESSION_DAYS_AHEAD,
    MAX_SESSION_MINUTES, MAX_TRAINING_MINUTES,
};
pub(crate) use model::{clean_name, clean_note, shorten};
pub use pdf::{experiences_pdf, summary_pdf, ExperiencesReport, PageSize, PdfReport};
pub use period::Period;
pub use progress::{
    evaluate, renewal, renewal_period, renewal_rule_set, renewal_year_of, session_lots, NotCounted,
    NotCountedReason, Part, Progress, ProviderShare, RenewalChoice, RenewalProgress, RenewalStatus,
    TrainingProgress, Window,
};
pub use providers::{held_on, HeldCredential, HeldOn, Provider, ProviderDraft, MAX_CREDENTIALS};
pub use records::{Duplicate, HoursRecords, ImportReport};
pub use rules::{
    association, associations, endorsement_categories, parse_associations, rule_set, rule_sets,
    Association, Purpose, RenewalRule, RscRule, RuleSet, TrainingRule,
};
pub use summary::{summarize, HoursSummary, MonthMinutes, ProviderMinutes};
pub use training::{Training, TrainingDraft, TrainingTopic};

use crate::error::Result;
use crate::record::ids::resolve_in;

/// Minutes as people say them: "6 h 30 min", "45 min", "2 h", "0 min".
pub fn format_duration(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Minutes as a clock duration, the way application forms ask: "6:30", "0:45", "120:00".
pub fn format_hmm(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// `date` plus `months` calendar months (clamped to the month's end: 31 Jan + 1 = 28/29 Feb).
pub(crate) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole calendar months from `a` to `b` (`b` on or after `a`): 10 Jan → 9 Feb is 0,
/// 10 Jan → 10 Feb is 1.
pub(crate) fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    if b <= a {
        return 0;
    }
    let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    let months = if b.day() < a.day() && add_months(a, months as u32) > b {
        months - 1
    } else {
        months
    };
    months.max(0) as u32
}

/// Every session, provider and training entry of an unlocked vault.
#[derive(Debug, Default)]
pub struct Hours {
    /// Oldest date first; same day in the order saved.
    sessions: Vec<SupervisionSession>,
    /// By name, in the user's order of first use.
    providers: Vec<Provider>,
    /// Oldest date first.
    training: Vec<Training>,
    /// What attestations received say, by session id.
    attested: HashMap<String, Vec<AttestedMark>>,
}

/// What one attestation says about one session: the details signed, and who signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttestedMark {
    pub date: NaiveDate,
    pub minutes: u32,
    pub format: SessionFormat,
    pub about_rsc_provided: bool,
    /// [`provider_key`] of the provider the signer confirmed: the spelling the session was
    /// signed under (format 2) or the signer's card name (format 1). A signature counts only
    /// for sessions logged under that provider.
    pub provider: String,
    pub status: AttestationStatus,
}

impl AttestedMark {
    /// Whether the mark is about `s` as it is now: the details signed are the session's,
    /// and the signer is its provider.
    fn fits(&self, s: &SupervisionSession) -> bool {
        let c = &s.content;
        self.date == c.date
            && self.minutes == c.minutes
            && self.format == c.format
            && self.about_rsc_provided == c.about_rsc_provided
            && self.provider == provider_key(&c.provider)
    }
}

fn sort_sessions(v: &mut [SupervisionSession]) {
    v.sort_by(|a, b| {
        a.content
            .date
            .cmp(&b.content.date)
            .then(a.created_at.cmp(&b.created_at))
            .then(a.id.cmp(&b.id))
    });
}

fn sort_training(v: &mut [Training]) {
    v.sort_by(|a, b| {
        a.content
            .date
            .cmp(&b.content.date)
            .then(a.created_at.cmp(&b.created_at))
            .then(a.id.cmp(&b.id))
    });
}

impl Hours {
    /// Builds the collection at unlock.
    pub(crate) fn build(
        mut sessions: Vec<SupervisionSession>,
        providers: Vec<Provider>,
        mut training: Vec<Training>,
    ) -> Hours {
        sort_sessions(&mut sessions);
        sort_training(&mut training);
        let mut providers = providers;
        providers.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        Hours {
            sessions,
            providers,
            training,
            attested: HashMap::new(),
        }
    }

    /// Every session, oldest first.
    pub fn sessions(&self) -> &[SupervisionSession] {
        &self.sessions
    }

    /// Sessions dated within `period` (both ends included), oldest first.
    pub fn sessions_in(&self, period: Period) -> Vec<&SupervisionSession> {
        self.sessions
            .iter()
            .filter(|s| period.contains(s.content.date))
            .collect()
    }

    /// The session with exactly this id.
    pub fn session(&self, id: &str) -> Option<&SupervisionSession> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The session whose id is `id` or starts with it (at least 4 characters).
    pub fn resolve_session(&self, id: &str) -> Result<&SupervisionSession> {
        resolve_in("session", id, &self.sessions, |s| &s.id)
    }

    /// The most recently dated session: the UI pre-fills its provider for the next one.
    pub fn last_session(&self) -> Option<&SupervisionSession> {
        self.sessions.last()
    }

    /// Whether a supervisor has attested the session: a verified supervisor's signed
    /// attestation names it with the day, minutes, format and about-RSC flag it has now
    /// (a session edited after it was signed for is no longer attested), and the session's
    /// provider is that supervisor.
    pub fn attestation(&self, session_id: &str) -> AttestationStatus {
        if !self.attested.contains_key(session_id) {
            return AttestationStatus::NotAttested;
        }
        self.session(session_id)
            .map_or(AttestationStatus::NotAttested, |s| self.attestation_of(s))
    }

    /// [`Hours::attestation`] for a session at hand (no look-up by id).
    pub fn attestation_of(&self, s: &SupervisionSession) -> AttestationStatus {
        let Some(marks) = self.attested.get(&s.id) else {
            return AttestationStatus::NotAttested;
        };
        marks
            .iter()
            .find(|m| m.fits(s))
            .map_or(AttestationStatus::NotAttested, |m| m.status.clone())
    }

    /// Whether the attestation `attestation_id` names `s` as it is now (the same day,
    /// minutes, format and about-RSC flag, and its signer is the session's provider),
    /// whether or not an earlier attestation covers it too.
    pub(crate) fn covered_by(&self, s: &SupervisionSession, attestation_id: &str) -> bool {
        self.attested.get(&s.id).is_some_and(|marks| {
            marks.iter().any(|m| {
                matches!(&m.status, AttestationStatus::Attested { attestation_id: a, .. } if a == attestation_id)
                    && m.fits(s)
            })
        })
    }

    /// Replaces what attestations say (at unlock, and when one is received).
    pub(crate) fn set_attested(&mut self, marks: HashMap<String, Vec<AttestedMark>>) {
        self.attested = marks;
    }

    /// Every provider, in the order first saved.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }

    /// The provider with this name (case, spacing and Unicode form ignored).
    pub fn provider_named(&self, name: &str) -> Option<&Provider> {
        let key = provider_key(name);
        self.providers
            .iter()
            .find(|p| provider_key(&p.content.name) == key)
    }

    /// The provider with exactly this id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Every training entry, oldest first.
    pub fn training(&self) -> &[Training] {
        &self.training
    }

    /// Training entries dated within `period`, oldest first.
    pub fn training_in(&self, period: Period) -> Vec<&Training> {
        self.training
            .iter()
            .filter(|t| period.contains(t.content.date))
            .collect()
    }

    /// The training entry with exactly this id.
    pub fn training_entry(&self, id: &str) -> Option<&Training> {
        self.training.iter().find(|t| t.id == id)
    }

    /// The training entry whose id is `id` or starts with it (at least 4 characters).
    pub fn resolve_training(&self, id: &str) -> Result<&Training> {
        resolve_in("training entry", id, &self.training, |t| &t.id)
    }

    /// The summary of the sessions in `period` (totals, per provider, per month, attested),
    /// with progress toward `rules` when given. Training counts up to the period's end;
    /// `today` picks the year of a calendar-year rule when the period has no end.
    pub fn summary(
        &self,
        period: Period,
        rules: Option<&RuleSet>,
        today: NaiveDate,
    ) -> HoursSummary {
        let sessions = self.sessions_in(period);
        let mut s = summarize(&sessions, period, |x| self.attestation(&x.id).is_attested());
        s.count_as_of(&sessions, period, today);
        if let Some(r) = rules {
            let training = self.training_in(Period {
                from: None,
                to: period.to,
            });
            s.requirement = Some(evaluate(
                r,
                &sessions,
                &training,
                &self.providers,
                period,
                today,
            ));
        }
        s
    }

    /// The RSC experiences of `period` under `rules`, as the supervision section of an
    /// application lists them ([`application`]).
    pub fn experiences(
        &self,
        rules: &RuleSet,
        period: Period,
        today: NaiveDate,
    ) -> Vec<Experience> {
        experiences(
            rules,
            &self.sessions_in(period),
            &self.providers,
            period,
            today,
        )
    }

    /// Progress toward the renewal due in `year` (`None`: the current one) for `choice`:
    /// every session and training entry, counted over that renewal's days.
    pub fn renewal(
        &self,
        choice: &RenewalChoice,
        year: Option<i32>,
        today: NaiveDate,
    ) -> Result<RenewalProgress> {
        let sessions: Vec<&SupervisionSession> = self.sessions.iter().collect();
        let training: Vec<&Training> = self.training.iter().collect();
        renewal(choice, year, &sessions, &training, &self.providers, today)
    }

    pub(crate) fn upsert_session(&mut self, s: SupervisionSession) {
        if let Some(old) = self.sessions.iter_mut().find(|x| x.id == s.id) {
            old.content.note.zeroize();
            *old = s;
        } else {
            self.sessions.push(s);
        }
        sort_sessions(&mut self.sessions);
    }

    /// Adds many new sessions, sorting once.
    pub(crate) fn extend_sessions(&mut self, new: impl IntoIterator<Item = SupervisionSession>) {
        self.sessions.extend(new);
        sort_sessions(&mut self.sessions);
    }

    pub(crate) fn remove_session(&mut self, id: &str) -> bool {
        let Some(i) = self.sessions.iter().position(|s| s.id == id) else {
            return false;
        };
        let mut s = self.sessions.remove(i);
        zeroize_session(&mut s);
        true
    }

    pub(crate) fn upsert_provider(&mut self, p: Provider) {
        if let Some(old) = self.providers.iter_mut().find(|x| x.id == p.id) {
            *old = p;
        } else {
            self.providers.push(p);
        }
    }

    pub(crate) fn remove_provider(&mut self, id: &str) -> bool {
        let before = self.providers.len();
        self.providers.retain(|p| p.id != id);
        before != self.providers.len()
    }

    pub(crate) fn upsert_training(&mut self, t: Training) {
        if let Some(old) = self.training.iter_mut().find(|x| x.id == t.id) {
            *old = t;
        } else {
            self.training.push(t);
        }
        sort_training(&mut self.training);
    }

    pub(crate) fn extend_training(&mut self, new: impl IntoIterator<Item = Training>) {
        self.training.extend(new);
        sort_training(&mut self.training);
    }

    pub(crate) fn remove_training(&mut self, id: &str) -> bool {
        let before = self.training.len();
        self.training.retain(|t| t.id != id);
        before != self.training.len()
    }
}

fn zeroize_session(s: &mut SupervisionSession) {
    s.content.provider.zeroize();
    s.content.note.zeroize();
}

impl Drop for Hours {
    /// Overwrites names and notes when the vault is locked.
    fn drop(&mut self) {
        for s in &mut self.sessions {
            zeroize_session(s);
        }
        for p in &mut self.providers {
            p.content.name.zeroize();
            for c in &mut p.content.credentials {
                c.endorsement_number.zeroize();
            }
        }
        for t in &mut self.training {
            t.content.title.zeroize();
            t.content.organiser.zeroize();
            t.content.note.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(format_duration(390), "6 h 30 min");
        assert_eq!(format_duration(120), "2 h");
        assert_eq!(format_duration(45), "45 min");
        assert_eq!(format_duration(0), "0 min");
        assert_eq!(format_hmm(390), "6:30");
        assert_eq!(format_hmm(45), "0:45");
        assert_eq!(format_hmm(7200), "120:00");
    }

    #[test]
    fn calendar_months() {
        assert_eq!(months_between(day("2025-01-10"), day("2025-02-09")), 0);
        assert_eq!(months_between(day("2025-01-10"), day("2025-02-10")), 1);
        assert_eq!(months_between(day("2025-01-10"), day("2026-01-10")), 12);
        assert_eq!(months_between(day("2025-01-10"), day("2026-01-09")), 11);
        assert_eq!(months_between(day("2025-01-31"), day("2025-02-28")), 1);
        assert_eq!(months_between(day("2025-03-01"), day("2025-01-01")), 0);
        assert_eq!(add_months(day("2025-01-31"), 1), day("2025-02-28"));
        assert_eq!(add_months(day("2024-01-10"), 24), day("2026-01-10"));
    }
}
