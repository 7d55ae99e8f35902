//! What an applicant for Endorsement logs: supervision sessions, the people who provide them,
//! and in-service training. Drafts are what the user typed; `validated` trims and checks them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::error::{described, Error, Place, Result};
use crate::journal::check_not_before_earliest_year;
use crate::text::{check_no_controls, Lines};

/// Longest supervision session accepted, in minutes: a day. Longer is a typing mistake.
pub const MAX_SESSION_MINUTES: u32 = 24 * 60;
/// Longest training accepted in one entry, in minutes (a week-long course logged at once).
pub const MAX_TRAINING_MINUTES: u32 = 100 * 60;
/// Longest name (provider, organiser, title), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note, in characters. A note is a reminder, not a reflection: reflections have
/// their own place, which keeps the hour log free of family details.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Longest credential category ("IMHM-C"), in characters.
pub const MAX_CREDENTIAL_CHARS: usize = 32;
/// Most reflections one session links to.
pub const MAX_LINKS: usize = 64;

pub use super::session_kinds::{AgeFocus, Modality, SessionFormat};

/// A warning about input that was accepted (a date in the future): shown, never blocking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// The field concerned (`date`).
    pub field: String,
    /// What looks wrong, in plain words.
    pub message: String,
    /// Where in a file or list, when the input was one.
    pub place: Option<Place>,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&described(&self.field, &self.message, self.place.as_ref()))
    }
}

/// At most 40 characters of something the user typed, for error messages: enough to find
/// it, never a whole note.
pub(crate) fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 40 {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(39).collect();
        out.push('…');
        out
    }
}

/// Checks a count of minutes: whole, more than zero, at most `max`.
pub fn check_minutes(field: &str, minutes: i64, max: u32) -> Result<u32> {
    if minutes <= 0 {
        return Err(Error::invalid(
            field,
            format!("{minutes} minutes: must be more than 0"),
        ));
    }
    if minutes > i64::from(max) {
        return Err(Error::invalid(
            field,
            format!(
                "{minutes} minutes is more than {} ({}); is it a typing mistake?",
                max,
                crate::hours::format_duration(max)
            ),
        ));
    }
    Ok(minutes as u32)
}

/// Parses a count of whole minutes as typed ("90"), naming `field` when it is not one.
pub fn parse_minutes(field: &str, s: &str, max: u32) -> Result<u32> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, "is missing (whole minutes, e.g. 60)"));
    }
    match t.parse::<i64>() {
        Ok(n) => check_minutes(field, n, max),
        Err(_)
            if t.len() > 18
                && t.trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
        {
            Err(Error::invalid(
                field,
                format!("{} is far more than {max} minutes", shorten(t)),
            ))
        }
        Err(_) => Err(Error::invalid(
            field,
            format!("{:?} is not a whole number of minutes", shorten(t)),
        )),
    }
}

/// Normalises a credential category as typed ("imhm-c " → "IMHM-C"; an older name as the
/// name in use today: "Level IV-Clinical" → "IMHM-C"); empty means none.
pub fn normalize_credential(field: &str, s: &str) -> Result<Option<String>> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // A known name, however spaced or dashed ("Level IV – Clinical"), even when longer than
    // a category's short name.
    let plain = t
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '–' | '—' | '/' | '.' | ' '));
    if let Some(known) = plain
        .then(|| super::credential_names::canonical_credential(t))
        .flatten()
    {
        return Ok(Some(known.to_owned()));
    }
    let ok = t.chars().count() <= MAX_CREDENTIAL_CHARS
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ' '));
    if !ok {
        return Err(Error::invalid(
            field,
            format!(
                "{:?} is not a credential category such as IMHM-C (letters, digits, hyphens)",
                shorten(t)
            ),
        ));
    }
    Ok(Some(t.to_ascii_uppercase()))
}

/// Trims and NFC-normalises a name, collapsing runs of white space; checks its length.
pub(crate) fn clean_name(field: &str, s: &str, required: bool) -> Result<String> {
    let nfc: String = s.nfc().collect();
    let cleaned = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    if required && cleaned.is_empty() {
        return Err(Error::invalid(field, "is missing"));
    }
    if cleaned.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            field,
            format!("at most {MAX_NAME_CHARS} characters"),
        ));
    }
    check_no_controls(field, &cleaned, Lines::One)?;
    Ok(cleaned)
}

pub(crate) fn clean_note(field: &str, s: &str) -> Result<String> {
    let t: String = s.trim().nfc().collect();
    if t.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::invalid(
            field,
            format!("at most {MAX_NOTE_CHARS} characters"),
        ));
    }
    check_no_controls(field, &t, Lines::Many)?;
    Ok(t)
}

/// The key that identifies a provider across sessions: case, spacing and Unicode form do
/// not matter ("lucía  pérez" is "Lucía Pérez"), accents do.
pub fn provider_key(name: &str) -> String {
    // Names are nearly always stored in NFC already (they are cleaned on entry); then the
    // normalisation pass, the costly part, is skipped.
    let nfc: std::borrow::Cow<'_, str> = match unicode_normalization::is_nfc_quick(name.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(name),
        _ => std::borrow::Cow::Owned(name.nfc().collect()),
    };
    nfc.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How far ahead a session may be dated: a session is logged after it happens, or planned
/// a little ahead; a date years away is a typo.
pub const MAX_SESSION_DAYS_AHEAD: u64 = 366;

/// Refuses a session date before [`EARLIEST_YEAR`](crate::journal::EARLIEST_YEAR) or more
/// than a year after `today`, naming `field`. Checked at input only: sessions already saved
/// still open. A date ahead within the year is accepted with a warning
/// ([`SessionDraft::warnings`]).
pub fn check_session_date(field: &str, date: NaiveDate, today: NaiveDate) -> Result<()> {
    check_not_before_earliest_year(field, date)?;
    let latest = today + chrono::Days::new(MAX_SESSION_DAYS_AHEAD);
    if date > latest {
        return Err(Error::invalid(
            field,
            format!("{date} is more than a year ahead (today is {today}); check the year"),
        ));
    }
    Ok(())
}

pub(super) fn future_warning(field: &str, date: NaiveDate, today: NaiveDate) -> Option<Warning> {
    (date > today).then(|| Warning {
        field: field.to_owned(),
        message: format!("{date} is in the future (today is {today})"),
        place: None,
    })
}

/// A supervision session as the user enters it (and as CSV rows become).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionDraft {
    /// The day it took place.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Clock minutes, whole.
    pub minutes: u32,
    /// Individual or group.
    pub format: SessionFormat,
    /// In person, virtual or by phone; `None` when not recorded.
    #[serde(default)]
    pub modality: Option<Modality>,
    /// Who provided it, named as the association knows them.
    pub provider: String,
    /// The provider's endorsement category at the time (IMHM-C, ...); `None` when unknown.
    #[serde(default)]
    pub credential: Option<String>,
    /// For a group: whether an identified RSC provider facilitated it. A group without one
    /// is peer consultation, which no application category counts, whatever credential is
    /// typed. `None` on records saved before the question existed: read as "facilitated"
    /// when a credential was recorded, as those groups counted then
    /// ([`SessionDraft::facilitated_group`]). Meaningless for individual sessions.
    #[serde(default)]
    pub facilitated: Option<bool>,
    /// The ages the session's work was about; `None`: not recorded (counts for both).
    #[serde(default)]
    pub age_focus: Option<AgeFocus>,
    /// Whether the session was about the RSC the applicant provides to others (Mentor).
    #[serde(default)]
    pub about_rsc_provided: bool,
    /// A short reminder (no family details: those belong in reflections).
    #[serde(default)]
    pub note: String,
    /// Ids of reflections brought to this session.
    #[serde(default)]
    pub reflections: Vec<String>,
}

impl SessionDraft {
    /// Trims and checks a draft: minutes in range, a provider, a well-formed credential,
    /// sane lengths. A future date is allowed here (see [`SessionDraft::warnings`]).
    pub fn validated(mut self) -> Result<Self> {
        check_session_date("date", self.date, crate::journal::today())?;
        self.minutes = check_minutes("minutes", i64::from(self.minutes), MAX_SESSION_MINUTES)?;
        self.provider = clean_name("provider", &self.provider, true)?;
        self.credential = match self.credential.as_deref() {
            Some(c) => normalize_credential("credential", c)?,
            None => None,
        };
        self.note = clean_note("note", &self.note)?;
        // Linear however many ids come: a set of those kept, and a stop at one too many.
        let mut seen = std::collections::HashSet::new();
        let mut links: Vec<String> = Vec::new();
        for id in &self.reflections {
            let id = id.trim().to_ascii_lowercase();
            if id.is_empty() || !seen.insert(id.clone()) {
                continue;
            }
            if links.len() == MAX_LINKS {
                return Err(Error::invalid(
                    "reflections",
                    format!("at most {MAX_LINKS} linked reflections"),
                ));
            }
            links.push(id);
        }
        self.reflections = links;
        Ok(self)
    }

    /// What to tell the user about an accepted draft: a date in the future.
    pub fn warnings(&self, today: NaiveDate) -> Vec<Warning> {
        future_warning("date", self.date, today)
            .into_iter()
            .collect()
    }

    /// Whether this is a group led by an identified RSC provider: the flag when recorded,
    /// else (records from before the flag) whether a credential was recorded. `false` for
    /// individual sessions.
    pub fn facilitated_group(&self) -> bool {
        self.format == SessionFormat::Group && self.facilitated.unwrap_or(self.credential.is_some())
    }

    /// What makes two logged sessions the same one: the day, the minutes, the format, the
    /// provider and the about-RSC flag. Notes and modality may be edited between exports, so
    /// they do not count.
    pub(crate) fn duplicate_key(&self) -> (NaiveDate, u32, SessionFormat, String, bool) {
        (
            self.date,
            self.minutes,
            self.format,
            provider_key(&self.provider),
            self.about_rsc_provided,
        )
    }
}

/// Whether a supervisor has signed for a session. Every session is `not_attested` until
/// sharing and attestations exist; the shape is fixed now so that exports need not change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AttestationStatus {
    /// No signed attestation covers the session.
    NotAttested,
    /// A supervisor's signed attestation covers the session.
    Attested {
        /// The attestation record's id.
        attestation_id: String,
        /// The supervisor's name as on their contact card.
        supervisor: String,
        /// The day the attestation was signed.
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        signed_on: NaiveDate,
    },
}

impl AttestationStatus {
    /// Whether a signed attestation covers the session.
    pub fn is_attested(&self) -> bool {
        matches!(self, AttestationStatus::Attested { .. })
    }
}

/// A saved supervision session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionSession {
    /// Random id (hex).
    pub id: String,
    /// What the user entered.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: SessionDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::TrainingTopic;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn draft() -> SessionDraft {
        SessionDraft {
            date: day("2026-03-02"),
            minutes: 60,
            format: SessionFormat::Individual,
            modality: Some(Modality::Virtual),
            provider: "  Lucía   Pérez ".into(),
            credential: Some(" imhm-c".into()),
            facilitated: None,
            age_focus: None,
            about_rsc_provided: false,
            note: " ok ".into(),
            reflections: vec!["ABCD".into(), "abcd".into(), " ".into()],
        }
    }

    #[test]
    fn drafts_are_cleaned() {
        let d = draft().validated().unwrap();
        assert_eq!(d.provider, "Lucía Pérez");
        assert_eq!(d.credential.as_deref(), Some("IMHM-C"));
        assert_eq!(d.note, "ok");
        assert_eq!(d.reflections, vec!["abcd"]);
        assert_eq!(provider_key("LUCÍA  pérez"), provider_key(&d.provider));
        assert_ne!(provider_key("Lucia Perez"), provider_key(&d.provider));
    }

    #[test]
    fn bad_sessions_name_the_field() {
        type Change = fn(&mut SessionDraft);
        let cases: [(Change, &str); 10] = [
            (
                |d| d.provider = "Lu\x1b]52;c;SGk=\x07cía".into(),
                "provider",
            ),
            (|d| d.note = "ok\u{9b}31m".into(), "note"),
            (|d| d.note = "bell\x07".into(), "note"),
            (|d| d.date = day("1899-12-31"), "date"),
            (|d| d.date = day("9026-03-02"), "date"),
            (|d| d.minutes = 0, "minutes"),
            (|d| d.minutes = MAX_SESSION_MINUTES + 1, "minutes"),
            (|d| d.provider = "  ".into(), "provider"),
            (|d| d.credential = Some("IMHM-C; DROP".into()), "credential"),
            (|d| d.note = "x".repeat(MAX_NOTE_CHARS + 1), "note"),
        ];
        for (change, field) in cases {
            let mut d = draft();
            change(&mut d);
            match d.validated() {
                Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn session_dates_from_1900_to_a_year_ahead() {
        let today = day("2026-03-02");
        for ok in ["1900-01-01", "2026-03-02", "2027-03-03"] {
            check_session_date("date", day(ok), today).unwrap();
        }
        for bad in ["1899-12-31", "0202-03-02", "2027-03-04", "2062-03-02"] {
            match check_session_date("date", day(bad), today) {
                Err(Error::InvalidInput { field, message, .. }) => {
                    assert_eq!(field, "date");
                    assert!(message.contains(bad), "{message}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        // Notes keep their lines and tabs.
        let mut d = draft();
        d.note = "first\n\tsecond".into();
        assert_eq!(d.validated().unwrap().note, "first\n\tsecond");
    }

    #[test]
    fn many_linked_reflections_are_de_duplicated_and_capped() {
        let mut d = draft();
        d.reflections = (0..100_000)
            .map(|i| format!("ID{}", i % MAX_LINKS))
            .collect();
        let links = d.validated().unwrap().reflections;
        assert_eq!(links.len(), MAX_LINKS);
        assert_eq!(links[..2], ["id0", "id1"]);
        let mut d = draft();
        d.reflections = (0..100_000)
            .map(|i| format!("{}", i % (MAX_LINKS + 1)))
            .collect();
        assert!(matches!(
            d.validated(),
            Err(Error::InvalidInput { field, .. }) if field == "reflections"
        ));
    }

    #[test]
    fn minutes_as_typed() {
        assert_eq!(parse_minutes("m", " 90 ", 1440).unwrap(), 90);
        for bad in [
            "",
            "0",
            "-5",
            "1.5",
            "ninety",
            "1441",
            "99999999999999999999999",
        ] {
            assert!(parse_minutes("m", bad, 1440).is_err(), "{bad}");
        }
    }

    #[test]
    fn future_dates_warn() {
        let d = draft().validated().unwrap();
        assert!(d.warnings(day("2026-03-02")).is_empty());
        let w = d.warnings(day("2026-03-01"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].field, "date");
    }

    #[test]
    fn enums_use_contract_names() {
        let v = serde_json::to_value(draft()).unwrap();
        assert_eq!(v["format"], "individual");
        assert_eq!(v["modality"], "virtual");
        assert_eq!(
            serde_json::to_value(Modality::InPerson).unwrap(),
            "in-person"
        );
        assert_eq!(
            serde_json::to_value(TrainingTopic::ProvidingRsc).unwrap(),
            "providing-rsc"
        );
        assert_eq!(
            serde_json::to_value(AttestationStatus::NotAttested).unwrap(),
            serde_json::json!({"status": "not_attested"})
        );
        assert_eq!(
            SessionFormat::parse("f", "GROUP").unwrap(),
            SessionFormat::Group
        );
        assert!(SessionFormat::parse("f", "peer").is_err());
        assert_eq!(
            Modality::parse("m", "In Person").unwrap(),
            Modality::InPerson
        );
    }
}
