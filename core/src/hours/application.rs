//! The RSC experiences of an Endorsement® application, shaped like the supervision tab of the
//! association's application system: one row per provider × format × stretch of dates,
//! with the credential the provider held, its endorsement number and association, clock
//! hours, modality, hours about the RSC the applicant provides, age focus, and whether the
//! rule set chosen counts the row. Written as CSV and as a PDF page
//! ([`super::pdf::experiences_pdf`]); the format is in `docs/formats/hours-exports.md`.
//!
//! **Rows.** The sessions of one provider (names compared as [`provider_key`] does) in one
//! format, oldest first, make one row until one of these changes: the credential held (or
//! its number or association), whether the rule set counts the session (and why not), or a
//! break of more than [`BREAK_DAYS`] days between two sessions. Every session is in exactly
//! one row, so the rows' minutes add up to the sessions' minutes.

use chrono::NaiveDate;
use serde::Serialize;

use super::credentials::ProviderBook;
use super::csv::quote_formula;
use super::model::{provider_key, SessionFormat, SupervisionSession};
use super::progress::{session_lots, NotCountedReason};
use super::providers::Provider;
use super::rules::RuleSet;
use super::{format_hmm, Period};
use crate::error::{Error, Result};

/// A break longer than this many days between two sessions with the same provider in the
/// same format starts a new row: about three months without supervision is a new stretch.
pub const BREAK_DAYS: i64 = 92;

/// The header of the experiences CSV, exactly; its column order is every row's.
pub const EXPERIENCES_HEADER: [&str; 15] = [
    "provider",
    "credential",
    "endorsement_number",
    "association",
    "start_date",
    "end_date",
    "format",
    "modality",
    "sessions",
    "minutes",
    "clock_hours",
    "about_rsc_provided_minutes",
    "age_focus",
    "counted",
    "not_counted_reason",
];

/// One RSC experience: a provider, a format and a stretch of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Experience {
    /// The provider, named as in the address book, else as in the row's latest session.
    pub provider: String,
    /// The credential the provider held on the row's days; `None` when not recorded or none.
    pub credential: Option<String>,
    /// Its endorsement number, "" when the address book has none.
    pub endorsement_number: String,
    /// The association that endorsed the provider, "" when not known.
    pub association: String,
    /// The first session's day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start: NaiveDate,
    /// The last session's day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub end: NaiveDate,
    /// Individual or group.
    pub format: SessionFormat,
    /// The modalities recorded, in the order in-person, virtual, phone; empty when none.
    pub modalities: Vec<String>,
    /// Whether some sessions have no modality recorded.
    pub modality_unrecorded: bool,
    /// How many sessions.
    pub sessions: u32,
    /// Their clock minutes, summed.
    pub minutes: u32,
    /// Of those, the minutes about the RSC the applicant provides.
    pub about_rsc_provided_minutes: u32,
    /// The age focus recorded ("0-3", "3-6"), in that order; empty when none.
    pub age_focus: Vec<String>,
    /// Whether some sessions have no age focus recorded.
    pub age_focus_unrecorded: bool,
    /// Whether the rule set counts these sessions.
    pub counted: bool,
    /// Why not, when it does not.
    pub not_counted_reason: Option<NotCountedReason>,
}

/// The experiences of `sessions` (oldest first, as [`super::Hours::sessions_in`] gives them)
/// under `rules`, ordered by start date, then provider.
pub fn experiences(
    rules: &RuleSet,
    sessions: &[&SupervisionSession],
    providers: &[Provider],
    period: Period,
    today: NaiveDate,
) -> Vec<Experience> {
    let lots = session_lots(rules, sessions, providers, period, today);
    let book = ProviderBook::new(providers);
    // Open rows by (provider key, format): the index into `rows` of each one's latest.
    let mut open: Vec<((String, SessionFormat), usize)> = Vec::new();
    let mut rows: Vec<Experience> = Vec::new();
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    order.sort_by_key(|&i| sessions[i].content.date);
    for i in order {
        let s = sessions[i];
        let c = &s.content;
        let lot = lots.get(i).copied().flatten();
        let (credential, number, association) = book.held_details(s);
        let key = (provider_key(&c.provider), c.format);
        let latest = open.iter().find(|(k, _)| *k == key).map(|&(_, r)| r);
        let continues = latest.is_some_and(|r| {
            let row = &rows[r];
            row.credential.as_deref() == credential
                && row.endorsement_number == number
                && row.association == association
                && row.not_counted_reason == lot
                && (c.date - row.end).num_days() <= BREAK_DAYS
        });
        let r = match latest {
            Some(r) if continues => r,
            _ => {
                rows.push(Experience {
                    provider: c.provider.clone(),
                    credential: credential.map(str::to_owned),
                    endorsement_number: number.to_owned(),
                    association: association.to_owned(),
                    start: c.date,
                    end: c.date,
                    format: c.format,
                    modalities: Vec::new(),
                    modality_unrecorded: false,
                    sessions: 0,
                    minutes: 0,
                    about_rsc_provided_minutes: 0,
                    age_focus: Vec::new(),
                    age_focus_unrecorded: false,
                    counted: lot.is_none(),
                    not_counted_reason: lot,
                });
                let r = rows.len() - 1;
                match open.iter_mut().find(|(k, _)| *k == key) {
                    Some(slot) => slot.1 = r,
                    None => open.push((key, r)),
                }
                r
            }
        };
        let row = &mut rows[r];
        // The name as the address book has it, else as the latest session has it.
        match book.get(&c.provider) {
            Some(p) => row.provider.clone_from(&p.name),
            None => row.provider.clone_from(&c.provider),
        }
        row.end = c.date;
        row.sessions += 1;
        row.minutes = row.minutes.saturating_add(c.minutes);
        if c.about_rsc_provided {
            row.about_rsc_provided_minutes =
                row.about_rsc_provided_minutes.saturating_add(c.minutes);
        }
        match c.modality {
            Some(m) => add_sorted(&mut row.modalities, m.as_str(), MODALITY_ORDER),
            None => row.modality_unrecorded = true,
        }
        match c.age_focus {
            Some(f) => add_sorted(&mut row.age_focus, f.as_str(), FOCUS_ORDER),
            None => row.age_focus_unrecorded = true,
        }
    }
    rows.sort_by(|a, b| {
        (a.start, provider_key(&a.provider), a.format.as_str()).cmp(&(
            b.start,
            provider_key(&b.provider),
            b.format.as_str(),
        ))
    });
    rows
}

const MODALITY_ORDER: &[&str] = &["in-person", "virtual", "phone"];
const FOCUS_ORDER: &[&str] = &["0-3", "3-6"];

/// Adds `v` to `list` once, keeping the order of `order`.
fn add_sorted(list: &mut Vec<String>, v: &str, order: &[&str]) {
    if list.iter().any(|x| x == v) {
        return;
    }
    list.push(v.to_owned());
    let rank = |x: &String| order.iter().position(|o| o == x).unwrap_or(order.len());
    list.sort_by_key(rank);
}

impl Experience {
    /// The modalities as one cell: "in-person; virtual", with "not recorded" for sessions
    /// with none.
    pub fn modality_text(&self) -> String {
        listed(&self.modalities, self.modality_unrecorded)
    }

    /// The age focus as one cell: "0-3; 3-6", with "not recorded" for sessions with none.
    pub fn age_focus_text(&self) -> String {
        listed(&self.age_focus, self.age_focus_unrecorded)
    }

    /// Why the row does not count, in a few words; "" when it counts.
    pub fn reason_text(&self) -> &'static str {
        self.not_counted_reason.map_or("", reason_words)
    }
}

fn listed(values: &[String], unrecorded: bool) -> String {
    let mut parts: Vec<&str> = values.iter().map(String::as_str).collect();
    if unrecorded {
        parts.push("not recorded");
    }
    parts.join("; ")
}

/// A reason as the export says it: short enough for a table cell.
pub fn reason_words(reason: NotCountedReason) -> &'static str {
    match reason {
        NotCountedReason::Planned => "dated after today (planned)",
        NotCountedReason::PeerGroup => {
            "a group not led by an identified RSC provider (peer consultation)"
        }
        NotCountedReason::NoCredential => "the provider's credential is not recorded",
        NotCountedReason::CredentialNotAccepted => {
            "the provider's credential is not one this category accepts"
        }
        NotCountedReason::OtherAgeFocus => "about the other age group (0-3 or 3-6)",
        NotCountedReason::NotYetEndorsed => "before the provider's endorsement",
        NotCountedReason::OutsideWindow => "outside the stretch of time that counts",
        NotCountedReason::TooManySources => "beyond the number of providers that count",
    }
}

/// The experiences as CSV: [`EXPERIENCES_HEADER`], then one row each, written as the hours
/// CSV is (UTF-8, RFC 4180, CRLF, formula quoting of text cells).
pub fn write_experiences_csv(rows: &[Experience]) -> Result<Vec<u8>> {
    let io = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(EXPERIENCES_HEADER).map_err(io)?;
    for x in rows {
        w.write_record([
            quote_formula(&x.provider).as_ref(),
            &quote_formula(x.credential.as_deref().unwrap_or("")),
            &quote_formula(&x.endorsement_number),
            &quote_formula(&x.association),
            &x.start.format("%Y-%m-%d").to_string(),
            &x.end.format("%Y-%m-%d").to_string(),
            x.format.as_str(),
            &x.modality_text(),
            &x.sessions.to_string(),
            &x.minutes.to_string(),
            &format_hmm(x.minutes),
            &x.about_rsc_provided_minutes.to_string(),
            &x.age_focus_text(),
            if x.counted { "yes" } else { "no" },
            x.reason_text(),
        ])
        .map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hours::model::{AgeFocus, Modality, SessionDraft};
    use crate::hours::providers::{HeldCredential, ProviderDraft};
    use crate::hours::rule_set;
    use chrono::{TimeZone, Utc};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn session(date: &str, minutes: u32, provider: &str, group: bool) -> SupervisionSession {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        SupervisionSession {
            id: format!("{date}-{provider}-{minutes}"),
            content: SessionDraft {
                date: day(date),
                minutes,
                format: if group {
                    SessionFormat::Group
                } else {
                    SessionFormat::Individual
                },
                modality: Some(Modality::Virtual),
                provider: provider.into(),
                credential: Some("IMHM-C".into()),
                facilitated: group.then_some(true),
                age_focus: Some(AgeFocus::Infant),
                about_rsc_provided: false,
                note: String::new(),
                reflections: Vec::new(),
            },
            created_at: at,
            updated_at: at,
        }
    }

    fn provider(name: &str, credentials: &[(&str, &str, &str)]) -> Provider {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Provider {
            id: name.into(),
            content: ProviderDraft {
                name: name.into(),
                credentials: credentials
                    .iter()
                    .map(|(c, since, number)| HeldCredential {
                        credential: Some((*c).into()),
                        since: Some(day(since)),
                        association: "MI-AIMH".into(),
                        endorsement_number: (*number).into(),
                    })
                    .collect(),
            },
            created_at: at,
            updated_at: at,
        }
    }

    fn rows(sessions: &[SupervisionSession], providers: &[Provider]) -> Vec<Experience> {
        let refs: Vec<&SupervisionSession> = sessions.iter().collect();
        let rules = rule_set("imh-e/imhs").unwrap();
        experiences(rules, &refs, providers, Period::ALL, day("2026-06-30"))
    }

    #[test]
    fn one_row_per_provider_and_format_while_nothing_changes() {
        let s = [
            session("2025-01-06", 60, "Sam Supervisor", false),
            session("2025-01-13", 90, "sam  SUPERVISOR", false),
            session("2025-01-20", 120, "Sam Supervisor", true),
            session("2025-02-03", 60, "Sam Supervisor", false),
        ];
        let r = rows(&s, &[]);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!(
            (r[0].format, r[0].sessions, r[0].minutes),
            (SessionFormat::Individual, 3, 210)
        );
        assert_eq!(
            (r[0].start, r[0].end),
            (day("2025-01-06"), day("2025-02-03"))
        );
        assert_eq!((r[1].format, r[1].minutes), (SessionFormat::Group, 120));
    }

    #[test]
    fn a_long_break_starts_a_new_row() {
        let s = [
            session("2025-01-06", 60, "Sam", false),
            session("2025-04-08", 60, "Sam", false),
            session("2025-07-10", 60, "Sam", false),
        ];
        // 2025-01-06 → 2025-04-08 is 92 days (one row); → 2025-07-10 is 93 (a new one).
        let r = rows(&s, &[]);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!(r[0].end, day("2025-04-08"));
        assert_eq!(r[1].start, day("2025-07-10"));
    }

    #[test]
    fn a_new_credential_starts_a_new_row_with_its_number() {
        let p = [provider(
            "Sam",
            &[
                ("IMHS", "2020-01-01", "111"),
                ("IMHM-C", "2025-03-01", "222"),
            ],
        )];
        let s = [
            session("2025-01-06", 60, "Sam", false),
            session("2025-02-03", 60, "Sam", false),
            session("2025-03-03", 60, "Sam", false),
        ];
        let r = rows(&s, &p);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!(
            (r[0].credential.as_deref(), &*r[0].endorsement_number),
            (Some("IMHS"), "111")
        );
        assert_eq!(
            (r[1].credential.as_deref(), &*r[1].endorsement_number),
            (Some("IMHM-C"), "222")
        );
        assert!(r[0].counted && r[1].counted);
    }

    #[test]
    fn planned_and_peer_sessions_are_rows_that_do_not_count() {
        let mut peer = session("2026-01-12", 60, "Sam", true);
        peer.content.facilitated = Some(false);
        let s = [
            session("2026-01-05", 60, "Sam", true),
            peer,
            session("2026-07-06", 60, "Sam", false),
        ];
        let r = rows(&s, &[]);
        assert_eq!(r.len(), 3, "{r:#?}");
        assert!(r[0].counted);
        assert_eq!(r[1].not_counted_reason, Some(NotCountedReason::PeerGroup));
        assert_eq!(r[2].not_counted_reason, Some(NotCountedReason::Planned));
        assert_eq!(r[2].reason_text(), "dated after today (planned)");
    }

    #[test]
    fn modalities_and_focus_are_listed_with_what_is_not_recorded() {
        let mut a = session("2025-01-06", 60, "Sam", false);
        a.content.modality = Some(Modality::InPerson);
        let mut b = session("2025-01-13", 60, "Sam", false);
        b.content.modality = None;
        b.content.age_focus = None;
        b.content.about_rsc_provided = true;
        let c = session("2025-01-20", 45, "Sam", false);
        let r = rows(&[a, b, c], &[]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].modality_text(), "in-person; virtual; not recorded");
        assert_eq!(r[0].age_focus_text(), "0-3; not recorded");
        assert_eq!(r[0].about_rsc_provided_minutes, 60);
    }

    #[test]
    fn the_csv_has_the_header_and_adds_up() {
        let s = [
            session("2025-01-06", 61, "=Sam", false),
            session("2025-01-13", 59, "=Sam", true),
        ];
        let bytes = write_experiences_csv(&rows(&s, &[])).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], EXPERIENCES_HEADER.join(","));
        assert!(
            lines[1].starts_with(
                "'=Sam,IMHM-C,,,2025-01-06,2025-01-06,individual,virtual,1,61,1:01,0,0-3,yes,"
            ),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(",group,virtual,1,59,0:59,"),
            "{}",
            lines[2]
        );
        assert_eq!(lines[3], "");
    }
}
