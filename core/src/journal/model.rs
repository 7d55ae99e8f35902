//! Reflections: what a practitioner writes after a visit, one section per relationship of the
//! parallel process.

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What a reflection is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReflectionKind {
    /// Written after a home visit.
    HomeVisit,
    /// Written before or after a supervision session.
    Supervision,
    /// Anything else.
    Note,
}

impl ReflectionKind {
    /// Every kind, in display order.
    pub const ALL: [ReflectionKind; 3] = [
        ReflectionKind::HomeVisit,
        ReflectionKind::Supervision,
        ReflectionKind::Note,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ReflectionKind::HomeVisit => "home_visit",
            ReflectionKind::Supervision => "supervision",
            ReflectionKind::Note => "note",
        }
    }

    /// Parses the JSON / command-line name.
    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!("{s:?} is not one of home_visit, supervision, note"),
                )
            })
    }
}

/// The content of a reflection, as written by the user (and as `entry add --json` takes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReflectionDraft {
    /// What the reflection is about.
    pub kind: ReflectionKind,
    /// The day it is about (a visit's date), never in the future.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// A short title.
    #[serde(default)]
    pub title: String,
    /// The family's pseudonym (never a real name).
    #[serde(default)]
    pub family: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Parent and infant: holding the baby in mind.
    #[serde(default)]
    pub parent_infant: String,
    /// Practitioner and parent: what happened between us.
    #[serde(default)]
    pub practitioner_parent: String,
    /// Supervisor and practitioner: the parallel process.
    #[serde(default)]
    pub supervisor_practitioner: String,
    /// Professional use of self: what it stirred in me.
    #[serde(default, rename = "self")]
    pub self_: String,
    /// What to bring to supervision.
    #[serde(default)]
    pub for_supervision: String,
}

/// The field names a draft accepts, for precise messages about unknown fields.
const DRAFT_FIELDS: [&str; 10] = [
    "kind",
    "date",
    "title",
    "family",
    "tags",
    "parent_infant",
    "practitioner_parent",
    "supervisor_practitioner",
    "self",
    "for_supervision",
];

/// Longest text accepted in one field, in bytes (about 100 pages).
pub const MAX_FIELD_BYTES: usize = 256 * 1024;
/// Most tags on one reflection.
pub const MAX_TAGS: usize = 64;

impl ReflectionDraft {
    /// Parses the reflection JSON of the command-line contract, naming the line, column and
    /// field of the first problem, then validates it.
    pub fn from_json(text: &str, today: NaiveDate) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::invalid(
                format!("line {}, column {}", e.line(), e.column()),
                format!("not valid JSON: {e}"),
            )
        })?;
        let obj = value
            .as_object()
            .ok_or_else(|| Error::invalid("reflection", "expected a JSON object {...}"))?;
        if let Some(unknown) = obj.keys().find(|k| !DRAFT_FIELDS.contains(&k.as_str())) {
            return Err(Error::invalid(
                unknown.clone(),
                format!("unknown field; expected one of {}", DRAFT_FIELDS.join(", ")),
            ));
        }
        for (field, value) in obj {
            let ok = match field.as_str() {
                "tags" => value
                    .as_array()
                    .is_some_and(|a| a.iter().all(serde_json::Value::is_string)),
                _ => value.is_string(),
            };
            if !ok {
                let want = if field == "tags" {
                    "a list of strings"
                } else {
                    "a string"
                };
                return Err(Error::invalid(field.clone(), format!("must be {want}")));
            }
        }
        if let Some(kind) = obj.get("kind").and_then(|v| v.as_str()) {
            ReflectionKind::parse(kind)?;
        } else {
            return Err(Error::invalid(
                "kind",
                "is missing (home_visit, supervision or note)",
            ));
        }
        let Some(date) = obj.get("date").and_then(|v| v.as_str()) else {
            return Err(Error::invalid("date", "is missing (YYYY-MM-DD)"));
        };
        parse_date("date", date)?;
        let draft: ReflectionDraft = serde_json::from_value(value)
            .map_err(|e| Error::invalid("reflection", e.to_string()))?;
        draft.validated(today)
    }

    /// Trims and checks a draft: a date not in the future, at least one text, sane sizes,
    /// tags trimmed and de-duplicated.
    pub fn validated(mut self, today: NaiveDate) -> Result<Self> {
        // A day of slack for time zones: "today" somewhere is tomorrow here.
        if self.date > today + chrono::Days::new(1) {
            return Err(Error::invalid(
                "date",
                format!("{} is in the future (today is {today})", self.date),
            ));
        }
        for (name, text) in [
            ("title", &mut self.title),
            ("family", &mut self.family),
            ("parent_infant", &mut self.parent_infant),
            ("practitioner_parent", &mut self.practitioner_parent),
            ("supervisor_practitioner", &mut self.supervisor_practitioner),
            ("self", &mut self.self_),
            ("for_supervision", &mut self.for_supervision),
        ] {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_owned();
            }
            if text.len() > MAX_FIELD_BYTES {
                return Err(Error::invalid(
                    name,
                    format!(
                        "is {} KB long; at most {} KB fit in one field",
                        text.len() / 1024,
                        MAX_FIELD_BYTES / 1024
                    ),
                ));
            }
        }
        let mut tags: Vec<String> = Vec::with_capacity(self.tags.len());
        for tag in &self.tags {
            let t = tag.trim();
            if !t.is_empty() && !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.to_owned());
            }
        }
        if tags.len() > MAX_TAGS {
            return Err(Error::invalid("tags", format!("at most {MAX_TAGS} tags")));
        }
        self.tags = tags;
        if self.texts().all(str::is_empty) {
            return Err(Error::invalid(
                "reflection",
                "is empty: write a title or at least one section",
            ));
        }
        Ok(self)
    }

    /// The title and the five sections, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            self.title.as_str(),
            self.parent_infant.as_str(),
            self.practitioner_parent.as_str(),
            self.supervisor_practitioner.as_str(),
            self.self_.as_str(),
            self.for_supervision.as_str(),
        ]
        .into_iter()
    }
}

/// Parses an ISO `YYYY-MM-DD` date, naming the field when it is not one. No guessing: "May 16"
/// is refused, never turned into next year.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    let ok_shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(Error::invalid(
            field,
            format!("{text:?} is not a date in the form YYYY-MM-DD"),
        ));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{text:?} is not a real calendar date")))
}

/// Today's date on this machine's calendar.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// A saved reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reflection {
    /// Random id (hex); the only part of a reflection stored in the clear.
    pub id: String,
    /// The content.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: ReflectionDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

impl Reflection {
    /// Overwrites the reflection's text in memory (on lock, delete and replace).
    pub(crate) fn zeroize_text(&mut self) {
        use zeroize::Zeroize;
        let c = &mut self.content;
        for s in [
            &mut c.title,
            &mut c.family,
            &mut c.parent_infant,
            &mut c.practitioner_parent,
            &mut c.supervisor_practitioner,
            &mut c.self_,
            &mut c.for_supervision,
        ] {
            s.zeroize();
        }
        c.tags.zeroize();
    }
}

/// The sealed form of a reflection (format 1): plain nested fields, no flattening, so that
/// unlock decodes quickly. Written through [`SealedReflectionRef`].
#[derive(Debug, Deserialize)]
pub(crate) struct SealedReflection {
    id: String,
    content: ReflectionDraft,
    #[serde(deserialize_with = "utc_from_str")]
    created_at: DateTime<Utc>,
    #[serde(deserialize_with = "utc_from_str")]
    updated_at: DateTime<Utc>,
}

/// Reads a time as chrono's `Deserialize` does (`DateTime<FixedOffset>::from_str`, then
/// UTC), through [`parse_utc_fast`] first: unlock reads two per reflection.
fn utc_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DateTime<Utc>, E> {
            parse_utc(s).map_err(E::custom)
        }
    }
    d.deserialize_str(Visitor)
}

/// Parses a time as chrono's `Deserialize` for `DateTime<Utc>` does.
fn parse_utc(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match parse_utc_fast(s) {
        Some(t) => Ok(t),
        None => s
            .parse::<DateTime<chrono::FixedOffset>>()
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// The form chrono writes (and so every sealed reflection holds):
/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, with one to nine fraction digits. `None` for anything
/// else, and for values it would have to judge (a leap second, an impossible date), which
/// [`parse_utc`] leaves to chrono. Property tests check it against chrono.
fn parse_utc_fast(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        b.get(from..from + n)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    if second >= 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 9 {
            return None;
        }
        nanos = digits(start, n)? * 10u32.pow((9 - n) as u32);
    }
    if i + 1 != b.len() || !at(i, b'Z') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// Borrowed [`SealedReflection`], for sealing without copying.
#[derive(Debug, Serialize)]
pub(crate) struct SealedReflectionRef<'a> {
    id: &'a str,
    content: &'a ReflectionDraft,
    created_at: &'a DateTime<Utc>,
    updated_at: &'a DateTime<Utc>,
}

impl<'a> From<&'a Reflection> for SealedReflectionRef<'a> {
    fn from(r: &'a Reflection) -> Self {
        SealedReflectionRef {
            id: &r.id,
            content: &r.content,
            created_at: &r.created_at,
            updated_at: &r.updated_at,
        }
    }
}

impl From<SealedReflection> for Reflection {
    fn from(s: SealedReflection) -> Self {
        Reflection {
            id: s.id,
            content: s.content,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast path for sealed times gives exactly chrono's result for what chrono
        /// writes, and for strings of about that shape (invalid dates, hours, leap seconds,
        /// fraction lengths, other endings), whatever it is, value or error.
        #[test]
        fn sealed_times_parse_as_chrono_does(
            secs in -62_000_000_000i64..250_000_000_000,
            nanos in 0u32..2_000_000_000,
            odd in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?(Z|z|\\+01:00|)",
        ) {
            let chrono_says = |s: &str| -> Option<DateTime<Utc>> {
                serde_json::from_value::<DateTime<Utc>>(serde_json::Value::from(s)).ok()
            };
            if let Some(t) = DateTime::from_timestamp(secs, nanos) {
                let written = serde_json::to_value(t).unwrap();
                let text = written.as_str().unwrap();
                proptest::prop_assert!(parse_utc_fast(text).is_some() || nanos >= 1_000_000_000, "{text}");
                proptest::prop_assert_eq!(parse_utc(text).ok(), chrono_says(text));
                proptest::prop_assert_eq!(parse_utc(text).ok(), Some(t));
            }
            proptest::prop_assert_eq!(parse_utc(&odd).ok(), chrono_says(&odd), "{}", odd);
            if let Some(fast) = parse_utc_fast(&odd) {
                proptest::prop_assert_eq!(Some(fast), chrono_says(&odd), "{}", odd);
            }
        }
    }

    #[test]
    fn sealed_times_fast_path_edges() {
        for s in [
            "2026-02-29T00:00:00Z",
            "2024-02-29T23:59:59.999999999Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T23:59:60.5Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00.1234567891Z",
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:00ZZ",
            "0000-01-01T00:00:00Z",
            "+2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.5Z",
        ] {
            let chrono = serde_json::from_value::<DateTime<Utc>>(serde_json::Value::from(s)).ok();
            assert_eq!(parse_utc(s).ok(), chrono, "{s}");
            if let Some(fast) = parse_utc_fast(s) {
                assert_eq!(Some(fast), chrono, "{s}");
            }
        }
        assert!(parse_utc_fast("2026-01-01T00:00:00.5Z").is_some());
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn json_round_trip_uses_contract_names() {
        let text = r#"{"kind":"home_visit","date":"2026-03-02","title":"T","family":"Rowan",
            "tags":["sleep"," sleep ","feeding"],"parent_infant":"a","practitioner_parent":"b",
            "supervisor_practitioner":"c","self":"d","for_supervision":"e"}"#;
        let d = ReflectionDraft::from_json(text, day("2026-03-02")).unwrap();
        assert_eq!(d.kind, ReflectionKind::HomeVisit);
        assert_eq!(d.tags, vec!["sleep", "feeding"]);
        assert_eq!(d.self_, "d");
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["self"], "d");
        assert_eq!(v["date"], "2026-03-02");
    }

    #[test]
    fn bad_input_names_the_field() {
        let today = day("2026-03-02");
        let cases = [
            ("{", "line 1"),
            ("[]", "reflection"),
            (
                r#"{"kind":"visit","date":"2026-03-01","title":"x"}"#,
                "kind",
            ),
            (r#"{"date":"2026-03-01","title":"x"}"#, "kind"),
            (r#"{"kind":"note","title":"x"}"#, "date"),
            (r#"{"kind":"note","date":"March 1","title":"x"}"#, "date"),
            (r#"{"kind":"note","date":"2026-02-30","title":"x"}"#, "date"),
            (r#"{"kind":"note","date":"2027-01-01","title":"x"}"#, "date"),
            (
                r#"{"kind":"note","date":"2026-03-01","titel":"x"}"#,
                "titel",
            ),
            (r#"{"kind":"note","date":"2026-03-01","title":5}"#, "title"),
            (r#"{"kind":"note","date":"2026-03-01","tags":"a"}"#, "tags"),
            (
                r#"{"kind":"note","date":"2026-03-01","title":"   "}"#,
                "reflection",
            ),
        ];
        for (text, field) in cases {
            match ReflectionDraft::from_json(text, today) {
                Err(Error::InvalidInput { field: f, .. }) => {
                    assert!(f.starts_with(field), "{text}: got field {f}, want {field}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
