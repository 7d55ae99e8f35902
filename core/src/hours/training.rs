//! In-service training an applicant logs: what it was, how long, and the one part of a
//! rule set's training it counts toward (infant and early childhood mental health, providing
//! RSC, or diversity, equity and inclusion).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    check_minutes, clean_name, clean_note, future_warning, Warning, MAX_TRAINING_MINUTES,
};
use crate::error::Result;

/// The part of the training requirement an entry counts toward. The parts are disjoint: the
/// 2024 rules ask for 48 hours as 30 + 15 + 3, so one hour counts toward one part only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TrainingTopic {
    /// Infant or early childhood mental health (the general part).
    #[default]
    Iecmh,
    /// Providing reflective supervision/consultation.
    ProvidingRsc,
    /// Diversity, equity and inclusion.
    Dei,
}

impl TrainingTopic {
    /// The name used in JSON, CSV and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingTopic::Iecmh => "iecmh",
            TrainingTopic::ProvidingRsc => "providing-rsc",
            TrainingTopic::Dei => "dei",
        }
    }

    /// Parses `iecmh`, `providing-rsc` or `dei` (any case), naming `field` when it is none.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "iecmh" => Ok(TrainingTopic::Iecmh),
            "providing-rsc" => Ok(TrainingTopic::ProvidingRsc),
            "dei" => Ok(TrainingTopic::Dei),
            _ => Err(crate::Error::invalid(
                field,
                format!(
                    "{:?} is not iecmh, providing-rsc or dei",
                    super::model::shorten(s)
                ),
            )),
        }
    }

    /// The one part an entry saved before parts were disjoint counts toward, from the list
    /// of topics it had then: providing RSC if listed, else DEI if listed, else the general
    /// part. Providing RSC first because it is the larger part an entry could have been
    /// logged for; the user can change it. Documented in docs/formats/vault.md.
    pub fn from_old_topics(topics: &[TrainingTopic]) -> TrainingTopic {
        if topics.contains(&TrainingTopic::ProvidingRsc) {
            TrainingTopic::ProvidingRsc
        } else if topics.contains(&TrainingTopic::Dei) {
            TrainingTopic::Dei
        } else {
            TrainingTopic::Iecmh
        }
    }
}

/// In-service training as the user enters it.
/// Read through [`StoredTrainingDraft`], which knows the older shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrainingDraft {
    /// The day it took place (the last day, for a course over several days).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    /// Clock minutes, whole.
    pub minutes: u32,
    /// The training's title.
    pub title: String,
    /// Who ran it.
    pub organiser: String,
    /// The one part of the requirement it counts toward.
    pub topic: TrainingTopic,
    /// A short reminder.
    pub note: String,
}

/// A training draft as stored, old or new: records saved before parts were disjoint have a
/// list `topics` and no `topic`.
#[derive(Deserialize)]
struct StoredTrainingDraft {
    date: NaiveDate,
    minutes: u32,
    title: String,
    #[serde(default)]
    organiser: String,
    #[serde(default)]
    topic: Option<TrainingTopic>,
    #[serde(default)]
    topics: Vec<TrainingTopic>,
    #[serde(default)]
    note: String,
}

impl<'de> Deserialize<'de> for TrainingDraft {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        StoredTrainingDraft::deserialize(d).map(TrainingDraft::from)
    }
}

impl From<StoredTrainingDraft> for TrainingDraft {
    fn from(s: StoredTrainingDraft) -> Self {
        TrainingDraft {
            date: s.date,
            minutes: s.minutes,
            title: s.title,
            organiser: s.organiser,
            topic: s
                .topic
                .unwrap_or_else(|| TrainingTopic::from_old_topics(&s.topics)),
            note: s.note,
        }
    }
}

impl TrainingDraft {
    /// Trims and checks a training entry.
    pub fn validated(mut self) -> Result<Self> {
        crate::journal::check_not_before_earliest_year("date", self.date)?;
        self.minutes = check_minutes("minutes", i64::from(self.minutes), MAX_TRAINING_MINUTES)?;
        self.title = clean_name("title", &self.title, true)?;
        self.organiser = clean_name("organiser", &self.organiser, false)?;
        self.note = clean_note("note", &self.note)?;
        Ok(self)
    }

    /// What to tell the user about an accepted draft: a date in the future.
    pub fn warnings(&self, today: NaiveDate) -> Vec<Warning> {
        future_warning("date", self.date, today)
            .into_iter()
            .collect()
    }
}

/// A saved training entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Training {
    /// Random id (hex).
    pub id: String,
    /// What the user entered.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: TrainingDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::hours::ProviderDraft;

    fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(crate::Error::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    fn training() -> TrainingDraft {
        TrainingDraft {
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            minutes: 90,
            title: "Reflective practice".into(),
            organiser: "MI-AIMH".into(),
            topic: TrainingTopic::Dei,
            note: "two\n\tlines".into(),
        }
    }

    /// Issue 16, "training buckets are disjoint": an entry saved with a list of topics opens
    /// with the one part the list maps to.
    #[test]
    fn old_topic_lists_open_as_one_part() {
        let old = |topics: &str| {
            let json = format!(
                r#"{{"date":"2025-03-02","minutes":60,"title":"T","organiser":"","topics":{topics},"note":""}}"#
            );
            serde_json::from_str::<TrainingDraft>(&json).unwrap().topic
        };
        assert_eq!(old("[]"), TrainingTopic::Iecmh);
        assert_eq!(old(r#"["dei"]"#), TrainingTopic::Dei);
        assert_eq!(
            old(r#"["dei","providing-rsc"]"#),
            TrainingTopic::ProvidingRsc
        );
        let v = serde_json::to_value(training()).unwrap();
        assert_eq!(v["topic"], "dei");
        assert!(v.get("topics").is_none());
        let back: TrainingDraft = serde_json::from_value(v).unwrap();
        assert_eq!(back, training());
    }

    #[test]
    fn controls_and_old_years_are_refused_by_field() {
        assert_eq!(training().validated().unwrap().note, "two\n\tlines");
        let mut t = training();
        t.title = "Tr\x1b]0;pwned\x07aining".into();
        assert_eq!(field_of(t.validated()), "title");
        let mut t = training();
        t.organiser = "Org\u{90}".into();
        assert_eq!(field_of(t.validated()), "organiser");
        let mut t = training();
        t.note = "n\x7f".into();
        assert_eq!(field_of(t.validated()), "note");
        let mut t = training();
        t.date = NaiveDate::from_ymd_opt(1850, 1, 1).unwrap();
        assert_eq!(field_of(t.validated()), "date");
        let provider = |association: &str| ProviderDraft {
            name: "Lucía Pérez".into(),
            credentials: vec![crate::hours::HeldCredential {
                credential: None,
                since: None,
                endorsement_number: String::new(),
                association: association.into(),
            }],
        };
        provider("MI-AIMH").validated().unwrap();
        assert_eq!(
            field_of(provider("MI\x1b[31m-AIMH").validated()),
            "association"
        );
    }
}
