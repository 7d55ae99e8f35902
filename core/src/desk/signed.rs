//! The RSC I provided, as the attestations I signed show it: each session signed, once,
//! with a group session that several supervisees logged as one entry naming them all.
//! It fills the supervisor's own log of RSC provided (for their IFRS or Mentor
//! application or renewal) without typing it again.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::hours::{quote_formula, Period, SessionFormat};
use crate::person_name::shown_name;
use crate::provided::ProvidedTotals;
use crate::share::{Fingerprint, Sharing};

/// One session of RSC provided, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedProvided {
    /// The day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Clock minutes.
    pub minutes: u32,
    /// Individual or group.
    pub format: SessionFormat,
    /// Whom: each supervisee who logged it (one for an individual session), by name.
    pub supervisees: Vec<String>,
    /// The attestations that signed it (one per supervisee).
    pub attestations: Vec<String>,
}

/// The RSC provided in a period, from the attestations signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedProvidedLog {
    /// The period (both ends, when given).
    pub period: Period,
    /// The sessions, newest first.
    pub sessions: Vec<SignedProvided>,
    /// Their totals: a group session counts once, whoever logged it.
    pub totals: ProvidedTotals,
}

/// The RSC provided in `period`, from the attestations I signed. Sessions with the same day,
/// minutes and group format that several supervisees logged are one group session, but
/// never two sessions of the same supervisee (who sat in two groups that day); each
/// session counts once even if signed twice. Names are as the contacts' cards say now.
pub fn signed_provided(sharing: &Sharing, period: Period) -> SignedProvidedLog {
    let mut sessions: Vec<SignedProvided> = Vec::new();
    // Each practitioner's session once, however many attestations signed it.
    let mut seen: HashSet<(Fingerprint, &str)> = HashSet::new();
    // Where the group sessions of a day and length are in `sessions`.
    let mut groups: HashMap<(NaiveDate, u32), Vec<usize>> = HashMap::new();
    let mut who_by_session: Vec<Vec<Fingerprint>> = Vec::new();
    for issued in sharing.issued_attestations() {
        let a = &issued.attestation;
        let name = sharing
            .contact(a.practitioner)
            .map_or_else(|| a.practitioner.short(), |c| shown_name(c.card.name()));
        for s in a.sessions.iter().filter(|s| period.contains(s.date)) {
            if !seen.insert((a.practitioner, s.id.as_str())) {
                continue;
            }
            // A group of that day and length this supervisee is not in yet.
            let same = match s.format {
                SessionFormat::Group => groups.get(&(s.date, s.minutes)).and_then(|at| {
                    at.iter().copied().find(|&i| {
                        who_by_session
                            .get(i)
                            .is_some_and(|who| !who.contains(&a.practitioner))
                    })
                }),
                SessionFormat::Individual => None,
            };
            match same {
                Some(i) => {
                    if let (Some(x), Some(who)) = (sessions.get_mut(i), who_by_session.get_mut(i)) {
                        if !who.contains(&a.practitioner) {
                            who.push(a.practitioner);
                            x.supervisees.push(name.clone());
                        }
                        if !x.attestations.contains(&a.id) {
                            x.attestations.push(a.id.clone());
                        }
                    }
                }
                None => {
                    if s.format == SessionFormat::Group {
                        groups
                            .entry((s.date, s.minutes))
                            .or_default()
                            .push(sessions.len());
                    }
                    sessions.push(SignedProvided {
                        date: s.date,
                        minutes: s.minutes,
                        format: s.format,
                        supervisees: vec![name.clone()],
                        attestations: vec![a.id.clone()],
                    });
                    who_by_session.push(vec![a.practitioner]);
                }
            }
        }
    }
    let mut totals = ProvidedTotals::default();
    let mut everyone: Vec<Fingerprint> = Vec::new();
    for (s, who) in sessions.iter().zip(&who_by_session) {
        totals.sessions += 1;
        totals.minutes = totals.minutes.saturating_add(s.minutes);
        match s.format {
            SessionFormat::Individual => {
                totals.individual_minutes = totals.individual_minutes.saturating_add(s.minutes)
            }
            SessionFormat::Group => {
                totals.group_minutes = totals.group_minutes.saturating_add(s.minutes)
            }
        }
        for fp in who {
            if !everyone.contains(fp) {
                everyone.push(*fp);
            }
        }
    }
    totals.supervisees = u32::try_from(everyone.len()).unwrap_or(u32::MAX);
    sessions.sort_by(|a, b| b.date.cmp(&a.date).then(b.minutes.cmp(&a.minutes)));
    SignedProvidedLog {
        period,
        sessions,
        totals,
    }
}

/// The header of [`write_signed_csv`].
pub const SIGNED_CSV_HEADER: [&str; 5] =
    ["date", "minutes", "format", "supervisees", "attestations"];

/// The RSC provided as signed, as CSV for the supervisor's own application or renewal:
/// one row per session (newest first), supervisees' names and attestation ids separated
/// by `; `. Names that would start a formula in a spreadsheet get a `'` in front, as in the
/// hours CSV.
pub fn write_signed_csv(log: &SignedProvidedLog) -> Result<Vec<u8>> {
    let io = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(SIGNED_CSV_HEADER).map_err(io)?;
    for s in &log.sessions {
        w.write_record([
            s.date.format("%Y-%m-%d").to_string(),
            s.minutes.to_string(),
            s.format.as_str().to_owned(),
            quote_formula(&s.supervisees.join("; ")).into_owned(),
            s.attestations.join("; "),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}
