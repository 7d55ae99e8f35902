//! Checks before a session is saved: is it the same one logged twice (the same day, with a
//! provider of the same or a similar name), or a typo in its length? Both shells ask about
//! what [`Hours::check_session`] finds (the window in a question, the command line by refusing
//! without a flag), and an import lists what [`SameDayIndex`] finds in its report. None of
//! this is an Endorsement rule: it guards against typing, and the person has the last word.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{format_duration, Hours, SessionDraft};
use crate::error::{described, Place};

mod names;

use names::similar_tokens;
pub use names::{name_tokens, similar_names};

/// A session longer than this, in minutes, is asked about before it is saved. Reflective
/// supervision is met in sessions of one or two hours; a group may run to three. Longer is
/// more often "240" typed for "2:40" or a day's minutes typed in the wrong field. A typing
/// guard only: no association's rule, and a longer session is saved once confirmed.
pub const LONG_SESSION_MINUTES: u32 = 3 * 60;

/// Something about a session to ask before saving it: accepted once the person confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Concern {
    /// The field it is about: `date`, `provider` or `minutes`.
    pub field: String,
    /// What it is, as data: each shell puts it in its own words (dates in the window's locale).
    pub kind: ConcernKind,
    /// Where in a file, when the session is a row of an import.
    pub place: Option<Place>,
}

/// What a [`Concern`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ConcernKind {
    /// Dated after today: a planned session, or a mistyped year.
    Planned {
        /// The session's date.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        date: NaiveDate,
        /// Today, as the check saw it.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        today: NaiveDate,
    },
    /// Another session on the same day, with a provider of the same or a similar name
    /// ([`similar_names`]): the same session logged twice, perhaps.
    SameDay {
        /// The day of both.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        date: NaiveDate,
        /// The other session's provider, as it was written there.
        provider: String,
        /// The other session's minutes.
        minutes: u32,
        /// Which session that is: one logged, or an earlier row of the same import.
        same_as: SameAs,
    },
    /// Longer than [`LONG_SESSION_MINUTES`].
    Long {
        /// The session's minutes.
        minutes: u32,
        /// [`LONG_SESSION_MINUTES`].
        longest: u32,
    },
}

impl Concern {
    fn new(field: &str, kind: ConcernKind) -> Self {
        Concern {
            field: field.to_owned(),
            kind,
            place: None,
        }
    }

    /// Whether it is about a session that may be logged twice ([`ConcernKind::SameDay`]).
    pub fn is_same_day(&self) -> bool {
        matches!(self.kind, ConcernKind::SameDay { .. })
    }

    /// Whether it is about a long session ([`ConcernKind::Long`]).
    pub fn is_long(&self) -> bool {
        matches!(self.kind, ConcernKind::Long { .. })
    }
}

/// In words, with ISO dates (the command line's): `provider: on 2026-03-02 you already
/// logged 1 h with Dr. Lucía Pérez (session 1a2b3c4d)`.
impl std::fmt::Display for Concern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match &self.kind {
            ConcernKind::Planned { date, today } => {
                format!("{date} is in the future (today is {today})")
            }
            ConcernKind::SameDay {
                date,
                provider,
                minutes,
                same_as: same_as @ SameAs::Logged { .. },
            } => format!(
                "on {date} you already logged {} with {provider} ({same_as}); is this the same session?",
                format_duration(*minutes)
            ),
            ConcernKind::SameDay {
                date,
                provider,
                minutes,
                same_as: SameAs::Earlier { at },
            } => format!(
                "{at} has {} with {provider} on {date} too; is this the same session?",
                format_duration(*minutes)
            ),
            ConcernKind::Long { minutes, longest } => format!(
                "{} is longer than {}; is the length right?",
                format_duration(*minutes),
                format_duration(*longest)
            ),
        };
        f.write_str(&described(&self.field, &message, self.place.as_ref()))
    }
}

/// What a duplicate session is the same as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SameAs {
    /// A session already logged.
    Logged {
        /// Its id.
        id: String,
    },
    /// An earlier row or entry of the same input.
    Earlier {
        /// Where it is.
        at: Place,
    },
}

impl std::fmt::Display for SameAs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SameAs::Logged { id } => write!(f, "session {}", &id[..8.min(id.len())]),
            SameAs::Earlier { at } => write!(f, "{at}"),
        }
    }
}

/// The sessions of each day, to compare a new session or an imported row with: those
/// logged, then each row as it is taken.
pub(crate) struct SameDayIndex {
    by_day: HashMap<NaiveDate, Vec<Seen>>,
}

/// A session as the index keeps it: its provider's folded name and as written, its minutes,
/// and which session it is.
struct Seen {
    name: Vec<String>,
    provider: String,
    minutes: u32,
    same_as: SameAs,
}

impl SameDayIndex {
    /// The sessions logged, but `except` (the one being edited).
    pub(crate) fn of(hours: &Hours, except: Option<&str>) -> Self {
        let mut index = SameDayIndex {
            by_day: HashMap::new(),
        };
        for s in hours.sessions() {
            if Some(s.id.as_str()) != except {
                index.add(&s.content, SameAs::Logged { id: s.id.clone() });
            }
        }
        index
    }

    /// Remembers a session (or a row taken) for those that come after it.
    pub(crate) fn add(&mut self, d: &SessionDraft, same_as: SameAs) {
        self.by_day.entry(d.date).or_default().push(Seen {
            name: name_tokens(&d.provider),
            provider: d.provider.clone(),
            minutes: d.minutes,
            same_as,
        });
    }

    /// A concern for each session on `d`'s day with a provider of a similar name.
    pub(crate) fn same_day(&self, d: &SessionDraft) -> Vec<Concern> {
        let Some(day) = self.by_day.get(&d.date) else {
            return Vec::new();
        };
        let name = name_tokens(&d.provider);
        day.iter()
            .filter(|other| similar_tokens(&name, &other.name))
            .map(|other| {
                Concern::new(
                    "provider",
                    ConcernKind::SameDay {
                        date: d.date,
                        provider: other.provider.clone(),
                        minutes: other.minutes,
                        same_as: other.same_as.clone(),
                    },
                )
            })
            .collect()
    }
}

/// The concern about a session's length, if it is longer than [`LONG_SESSION_MINUTES`].
pub(crate) fn long(d: &SessionDraft) -> Option<Concern> {
    (d.minutes > LONG_SESSION_MINUTES).then(|| {
        Concern::new(
            "minutes",
            ConcernKind::Long {
                minutes: d.minutes,
                longest: LONG_SESSION_MINUTES,
            },
        )
    })
}

impl Hours {
    /// What to ask before saving `draft` (as validated): a date after `today`, a session on
    /// the same day with a provider of the same or a similar name, a length over
    /// [`LONG_SESSION_MINUTES`]; date first, then provider, then minutes. For an edit
    /// (`editing` is the session's id) the session is not compared with itself, and only
    /// what the edit changes is asked about again: a note fixed on a long session already
    /// confirmed asks nothing.
    pub fn check_session(
        &self,
        draft: &SessionDraft,
        editing: Option<&str>,
        today: NaiveDate,
    ) -> Vec<Concern> {
        let before = editing.and_then(|id| self.session(id)).map(|s| &s.content);
        let mut concerns = Vec::new();
        if draft.date > today && before.is_none_or(|b| b.date != draft.date) {
            concerns.push(Concern::new(
                "date",
                ConcernKind::Planned {
                    date: draft.date,
                    today,
                },
            ));
        }
        let same_day_before = before
            .is_some_and(|b| b.date == draft.date && similar_names(&b.provider, &draft.provider));
        if !same_day_before {
            concerns.extend(SameDayIndex::of(self, editing).same_day(draft));
        }
        if before.is_none_or(|b| b.minutes != draft.minutes) {
            concerns.extend(long(draft));
        }
        concerns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::SupervisionSession;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A draft with the fields the checks read; the others take their defaults (built from
    /// JSON, as old records are read, so that fields added later need no change here).
    fn draft(date: &str, minutes: u32, provider: &str) -> SessionDraft {
        serde_json::from_value(serde_json::json!({
            "date": date,
            "minutes": minutes,
            "format": "individual",
            "provider": provider,
        }))
        .unwrap()
    }

    fn logged(id: &str, d: SessionDraft) -> SupervisionSession {
        let at = chrono::DateTime::UNIX_EPOCH;
        SupervisionSession {
            id: id.into(),
            content: d,
            created_at: at,
            updated_at: at,
        }
    }

    fn journal(sessions: Vec<SupervisionSession>) -> Hours {
        Hours::build(sessions, Vec::new(), Vec::new())
    }

    const TODAY: &str = "2026-03-10";

    fn check(hours: &Hours, d: &SessionDraft) -> Vec<Concern> {
        hours.check_session(d, None, day(TODAY))
    }

    #[test]
    fn a_session_with_dr_lucia_perez_the_same_day_as_one_with_lucia_perez_asks() {
        let hours = journal(vec![logged(
            "aaaa1111",
            draft("2026-03-02", 60, "Lucía Pérez"),
        )]);
        let concerns = check(&hours, &draft("2026-03-02", 90, "Dr. Lucía Pérez"));
        assert_eq!(
            concerns,
            [Concern::new(
                "provider",
                ConcernKind::SameDay {
                    date: day("2026-03-02"),
                    provider: "Lucía Pérez".into(),
                    minutes: 60,
                    same_as: SameAs::Logged {
                        id: "aaaa1111".into()
                    },
                }
            )]
        );
        assert_eq!(
            concerns[0].to_string(),
            "provider: on 2026-03-02 you already logged 1 h with Lucía Pérez (session aaaa1111); is this the same session?"
        );
        assert!(concerns[0].is_same_day() && !concerns[0].is_long());
        // Accents, initials: the same question.
        for other in ["Lucia Perez", "L. Pérez", "lucía pérez, IMHM-C"] {
            assert_eq!(
                check(&hours, &draft("2026-03-02", 60, other)).len(),
                1,
                "{other}"
            );
        }
    }

    #[test]
    fn a_session_on_another_day_or_with_another_provider_does_not_ask() {
        let hours = journal(vec![logged(
            "aaaa1111",
            draft("2026-03-02", 60, "Lucía Pérez"),
        )]);
        assert!(check(&hours, &draft("2026-03-03", 60, "Dr. Lucía Pérez")).is_empty());
        assert!(check(&hours, &draft("2026-03-02", 60, "Sam Okafor")).is_empty());
    }

    #[test]
    fn a_session_longer_than_three_hours_asks_three_hours_does_not() {
        let hours = journal(Vec::new());
        assert!(check(&hours, &draft("2026-03-02", 180, "Lucía Pérez")).is_empty());
        let concerns = check(&hours, &draft("2026-03-02", 181, "Lucía Pérez"));
        assert_eq!(
            concerns,
            [Concern::new(
                "minutes",
                ConcernKind::Long {
                    minutes: 181,
                    longest: 180
                }
            )]
        );
        assert_eq!(
            concerns[0].to_string(),
            "minutes: 3 h 1 min is longer than 3 h; is the length right?"
        );
    }

    #[test]
    fn every_concern_at_once_date_first() {
        let hours = journal(vec![logged("aaaa1111", draft("2026-03-12", 60, "Sam S."))]);
        let concerns = check(&hours, &draft("2026-03-12", 240, "Sam Supervisor"));
        let fields: Vec<&str> = concerns.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["date", "provider", "minutes"]);
        assert_eq!(
            concerns[0].to_string(),
            "date: 2026-03-12 is in the future (today is 2026-03-10)"
        );
    }

    #[test]
    fn an_edit_asks_only_about_what_it_changes() {
        let hours = journal(vec![
            logged("aaaa1111", draft("2026-03-02", 60, "Lucía Pérez")),
            logged("bbbb2222", draft("2026-03-02", 240, "Dr. Lucía Pérez")),
            logged("cccc3333", draft("2026-03-12", 60, "Sam Okafor")),
        ]);
        let edit = |id: &str, d: SessionDraft| hours.check_session(&d, Some(id), day(TODAY));
        // Not compared with itself; a confirmed pair, a confirmed length, a planned date kept.
        assert!(edit("aaaa1111", draft("2026-03-02", 45, "Lucía Pérez")).is_empty());
        assert!(edit("bbbb2222", draft("2026-03-02", 240, "Dr. Lucía Pérez")).is_empty());
        assert!(edit("cccc3333", draft("2026-03-12", 50, "Sam Okafor")).is_empty());
        // Moved onto the other's day, lengthened, or moved ahead: asked again.
        let moved = edit("cccc3333", draft("2026-03-02", 60, "Lucia Perez"));
        assert_eq!(moved.len(), 2);
        assert_eq!(
            edit("aaaa1111", draft("2026-03-02", 200, "Lucía Pérez")).len(),
            1
        );
        assert_eq!(
            edit("cccc3333", draft("2026-03-13", 60, "Sam Okafor")).len(),
            1
        );
    }
}
