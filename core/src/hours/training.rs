//! In-service training an applicant logs: what it was, how long, and the topics rule sets
//! count separately (diversity, equity and inclusion; providing RSC).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    check_minutes, clean_name, clean_note, future_warning, Warning, MAX_TRAINING_MINUTES,
};
use crate::error::Result;

/// What a training was (partly) about, where rule sets ask for it by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TrainingTopic {
    /// Diversity, equity and inclusion.
    Dei,
    /// Providing reflective supervision/consultation.
    ProvidingRsc,
}

impl TrainingTopic {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingTopic::Dei => "dei",
            TrainingTopic::ProvidingRsc => "providing-rsc",
        }
    }
}

/// In-service training as the user enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(default)]
    pub organiser: String,
    /// Topics rule sets count separately; the whole training counts toward each one listed.
    #[serde(default)]
    pub topics: Vec<TrainingTopic>,
    /// A short reminder.
    #[serde(default)]
    pub note: String,
}

impl TrainingDraft {
    /// Trims and checks a training entry.
    pub fn validated(mut self) -> Result<Self> {
        crate::journal::check_not_before_earliest_year("date", self.date)?;
        self.minutes = check_minutes("minutes", i64::from(self.minutes), MAX_TRAINING_MINUTES)?;
        self.title = clean_name("title", &self.title, true)?;
        self.organiser = clean_name("organiser", &self.organiser, false)?;
        self.note = clean_note("note", &self.note)?;
        let mut topics = Vec::with_capacity(self.topics.len());
        for t in &self.topics {
            if !topics.contains(t) {
                topics.push(*t);
            }
        }
        self.topics = topics;
        Ok(self)
    }

    /// What to tell the user about an accepted draft: a date in the future.
    pub fn warnings(&self, today: NaiveDate) -> Vec<Warning> {
        future_warning("date", self.date, today)
            .into_iter()
            .collect()
    }

    /// Whether the training covers `topic`.
    pub fn covers(&self, topic: TrainingTopic) -> bool {
        self.topics.contains(&topic)
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
            topics: vec![TrainingTopic::Dei],
            note: "two\n\tlines".into(),
        }
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
