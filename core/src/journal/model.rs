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
}
