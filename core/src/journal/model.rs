//! Reflections: what a practitioner writes after a visit, one section per relationship of the
//! parallel process.

use chrono::{DateTime, Datelike, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::files::sizes_in_words;
use crate::text::{check_no_controls, Lines};

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
/// Largest reflection JSON read (`attune entry add --json`), in bytes: room for every field
/// at its longest, written with JSON escapes.
pub const MAX_DRAFT_JSON_BYTES: usize = 16 * MAX_FIELD_BYTES;

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
        check_not_before_earliest_year("date", self.date)?;
        // A day of slack for time zones: "today" somewhere is tomorrow here.
        if self.date > today + chrono::Days::new(1) {
            return Err(Error::invalid(
                "date",
                format!("{} is in the future (today is {today})", self.date),
            ));
        }
        for (name, text, lines) in [
            ("title", &mut self.title, Lines::One),
            ("family", &mut self.family, Lines::One),
            ("parent_infant", &mut self.parent_infant, Lines::Many),
            (
                "practitioner_parent",
                &mut self.practitioner_parent,
                Lines::Many,
            ),
            (
                "supervisor_practitioner",
                &mut self.supervisor_practitioner,
                Lines::Many,
            ),
            ("self", &mut self.self_, Lines::Many),
            ("for_supervision", &mut self.for_supervision, Lines::Many),
        ] {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_owned();
            }
            if text.len() > MAX_FIELD_BYTES {
                let (size, most) = sizes_in_words(text.len() as u64, MAX_FIELD_BYTES as u64);
                return Err(Error::invalid(
                    name,
                    format!("is {size} long; at most {most} fit in one field"),
                ));
            }
            check_no_controls(name, text, lines)?;
        }
        self.tags = distinct_tags(&self.tags)?;
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

/// Tags trimmed, blank ones dropped, and the second of two that differ only in ASCII case
/// dropped, order kept; at most [`MAX_TAGS`]. Linear in the number given: a set of the
/// lower-cased tags kept so far, and a stop as soon as one too many is kept.
fn distinct_tags(given: &[String]) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::with_capacity(given.len().min(MAX_TAGS + 1));
    let mut tags: Vec<String> = Vec::new();
    for tag in given {
        let t = tag.trim();
        if t.is_empty() || !seen.insert(t.to_ascii_lowercase()) {
            continue;
        }
        check_no_controls("tags", t, Lines::One)?;
        if tags.len() == MAX_TAGS {
            return Err(Error::invalid("tags", format!("at most {MAX_TAGS} tags")));
        }
        tags.push(t.to_owned());
    }
    Ok(tags)
}

/// The earliest year a date may have in what a person enters: nothing Attune records (a
/// visit, a session, a training) happened before it, and a year like 0202 is a typo.
pub const EARLIEST_YEAR: i32 = 1900;

/// Refuses a date before [`EARLIEST_YEAR`], naming `field`. Checked at input only: a date
/// already saved still opens.
pub fn check_not_before_earliest_year(field: &str, date: NaiveDate) -> Result<()> {
    if date.year() < EARLIEST_YEAR {
        return Err(Error::invalid(
            field,
            format!("{date} is before {EARLIEST_YEAR}; check the year"),
        ));
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

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

    fn field_of(r: Result<ReflectionDraft>) -> (String, String) {
        match r {
            Err(Error::InvalidInput { field, message, .. }) => (field, message),
            other => panic!("{other:?}"),
        }
    }

    fn note(title: &str) -> ReflectionDraft {
        ReflectionDraft {
            kind: ReflectionKind::Note,
            date: day("2026-03-01"),
            title: title.into(),
            family: String::new(),
            tags: Vec::new(),
            parent_infant: String::new(),
            practitioner_parent: String::new(),
            supervisor_practitioner: String::new(),
            self_: String::new(),
            for_supervision: String::new(),
        }
    }

    #[test]
    fn many_tags_are_de_duplicated_in_order_and_capped() {
        let today = day("2026-03-02");
        // 200,000 tags, only 64 of them different: kept once each, first spelling, in order.
        let mut d = note("t");
        d.tags = (0..200_000)
            .map(|i| match i % 3 {
                0 => format!("Tag{}", i % 64),
                1 => format!(" tag{} ", i % 64),
                _ => String::new(),
            })
            .collect();
        // What the rule says, written the plain way.
        let mut want: Vec<String> = Vec::new();
        for t in d.tags.iter().map(|t| t.trim()) {
            if !t.is_empty() && !want.iter().any(|w| w.eq_ignore_ascii_case(t)) {
                want.push(t.to_owned());
            }
        }
        let tags = d.validated(today).unwrap().tags;
        assert_eq!(tags, want);
        assert_eq!(tags.len(), 64);
        assert_eq!(tags[..3], ["Tag0", "tag1", "Tag3"]);
        // 65 different ones are one too many, however many duplicates come with them.
        let mut d = note("t");
        d.tags = (0..100_000).map(|i| format!("t{}", i % 65)).collect();
        let (field, message) = field_of(d.validated(today));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("tags", "at most 64 tags")
        );
    }

    #[test]
    fn controls_old_years_and_sizes_are_refused_by_field() {
        let today = day("2026-03-02");
        let (field, message) = field_of(note("Bath \x1b]52;c;SGk=\x07").validated(today));
        assert_eq!(field, "title");
        assert!(message.contains("U+001B"), "{message}");
        let mut d = note("t");
        d.tags = vec!["ok".into(), "b\u{9b}ad".into()];
        assert_eq!(field_of(d.validated(today)).0, "tags");
        let mut d = note("t");
        d.self_ = "line one\n\tline two\r\n".into();
        assert_eq!(d.validated(today).unwrap().self_, "line one\n\tline two");
        let mut d = note("t");
        d.date = day("1899-12-31");
        let (field, message) = field_of(d.validated(today));
        assert_eq!(field, "date");
        assert!(message.contains("before 1900"), "{message}");
        let mut d = note("t");
        d.date = day("1900-01-01");
        d.validated(today).unwrap();
        let mut d = note("t");
        d.self_ = "x".repeat(MAX_FIELD_BYTES + 1);
        let (field, message) = field_of(d.validated(today));
        assert_eq!(field, "self");
        assert_eq!(
            message,
            "is 262145 bytes long; at most 262144 bytes fit in one field"
        );
        let mut d = note("t");
        d.self_ = "x".repeat(MAX_FIELD_BYTES * 2);
        let (_, message) = field_of(d.validated(today));
        assert_eq!(message, "is 512 KB long; at most 256 KB fit in one field");
    }
}
