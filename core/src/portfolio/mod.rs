//! The parts of an Endorsement® application other than hours: education, work experience,
//! reference ratings, the exam, membership, the Code of Ethics. The user records what they
//! have done or asked for; [`checklist`] sets it beside what their category asks, as the
//! associations publish it. Attune never judges these parts: a reviewer does.

mod checklist;
mod records;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::hours::{clean_name, clean_note};
use crate::journal::check_not_before_earliest_year;
use crate::record::ids::resolve_in;

pub use checklist::{checklist, Checklist, ChecklistPart, PartAsked, NOT_CHECKED};
pub use records::PortfolioRecords;

/// Longest time a reference rater can have known the applicant, in months (a career).
pub const MAX_KNOWN_MONTHS: u32 = 600;

/// A part of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PortfolioPart {
    /// A degree, certificate or transcript.
    Education,
    /// A job or placement.
    WorkExperience,
    /// A reference rating.
    Reference,
    /// The written exam.
    Exam,
    /// Membership of an infant mental health association.
    Membership,
    /// The Code of Ethics and Endorsement® Agreement.
    CodeOfEthics,
}

impl PortfolioPart {
    /// Every part, in the order the checklist shows them.
    pub const ALL: [PortfolioPart; 6] = [
        PortfolioPart::Education,
        PortfolioPart::WorkExperience,
        PortfolioPart::Reference,
        PortfolioPart::Exam,
        PortfolioPart::Membership,
        PortfolioPart::CodeOfEthics,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PortfolioPart::Education => "education",
            PortfolioPart::WorkExperience => "work_experience",
            PortfolioPart::Reference => "reference",
            PortfolioPart::Exam => "exam",
            PortfolioPart::Membership => "membership",
            PortfolioPart::CodeOfEthics => "code_of_ethics",
        }
    }

    /// Parses a part's name (any case; `-` for `_`), naming `field` when it is none.
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        let want = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == want)
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!(
                        "{:?} is not one of: {}",
                        crate::hours::shorten(s),
                        Self::ALL.map(|p| p.as_str().replace('_', "-")).join(", ")
                    ),
                )
            })
    }
}

/// Where an item stands, as the user says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ItemStatus {
    /// Still to do.
    #[default]
    ToDo,
    /// Asked for or under way (a rater asked, an exam booked, a transcript ordered).
    Requested,
    /// Done, as far as the user knows.
    Done,
}

impl ItemStatus {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::ToDo => "to_do",
            ItemStatus::Requested => "requested",
            ItemStatus::Done => "done",
        }
    }

    /// Parses `to-do`, `requested` or `done` (any case; `_` for `-`).
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "to_do" | "todo" => Ok(ItemStatus::ToDo),
            "requested" => Ok(ItemStatus::Requested),
            "done" => Ok(ItemStatus::Done),
            _ => Err(Error::invalid(
                field,
                format!(
                    "{:?} is not to-do, requested or done",
                    crate::hours::shorten(s)
                ),
            )),
        }
    }
}

/// Whom a reference rating comes from, in the words the associations use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RaterRole {
    /// A current program supervisor, teacher, trainer or consultant.
    Supervisor,
    /// The person who provides the applicant's RSC.
    RscProvider,
    /// A colleague.
    Colleague,
    /// Someone the applicant supervises.
    Supervisee,
    /// Anyone else (a parent or service recipient where an association allows it).
    Other,
}

impl RaterRole {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            RaterRole::Supervisor => "supervisor",
            RaterRole::RscProvider => "rsc_provider",
            RaterRole::Colleague => "colleague",
            RaterRole::Supervisee => "supervisee",
            RaterRole::Other => "other",
        }
    }

    /// Parses a role's name (any case; `-` for `_`).
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "supervisor" => Ok(RaterRole::Supervisor),
            "rsc_provider" => Ok(RaterRole::RscProvider),
            "colleague" => Ok(RaterRole::Colleague),
            "supervisee" => Ok(RaterRole::Supervisee),
            "other" => Ok(RaterRole::Other),
            _ => Err(Error::invalid(
                field,
                format!(
                    "{:?} is not supervisor, rsc-provider, colleague, supervisee or other",
                    crate::hours::shorten(s)
                ),
            )),
        }
    }
}

/// One thing the user records for their application, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioItemDraft {
    /// Which part of the application.
    pub part: PortfolioPart,
    /// What it is: "MSW, Wayne State University", "Sam Rivera (reference)", "Exam, spring".
    pub title: String,
    /// Where it stands.
    #[serde(default)]
    pub status: ItemStatus,
    /// The day it was done, conferred, signed or asked for, when known.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<NaiveDate>,
    /// A reference rating: whom it comes from.
    #[serde(default)]
    pub rater_role: Option<RaterRole>,
    /// A reference rating: how long the rater has known the applicant, in months.
    #[serde(default)]
    pub known_months: Option<u32>,
    /// A short reminder.
    #[serde(default)]
    pub note: String,
}

impl PortfolioItemDraft {
    /// Trims and checks an item: a title, a plausible date, and rater details only on a
    /// reference rating.
    pub fn validated(mut self) -> Result<Self> {
        self.title = clean_name("title", &self.title, true)?;
        self.note = clean_note("note", &self.note)?;
        if let Some(d) = self.date {
            check_not_before_earliest_year("date", d)?;
        }
        if self.part != PortfolioPart::Reference {
            if self.rater_role.is_some() {
                return Err(Error::invalid(
                    "rater_role",
                    "only a reference rating has a rater",
                ));
            }
            if self.known_months.is_some() {
                return Err(Error::invalid(
                    "known_months",
                    "only a reference rating says how long the rater has known you",
                ));
            }
        }
        if let Some(m) = self.known_months {
            if m > MAX_KNOWN_MONTHS {
                return Err(Error::invalid(
                    "known_months",
                    format!("{m} months is more than {MAX_KNOWN_MONTHS}; is it a typing mistake?"),
                ));
            }
        }
        Ok(self)
    }
}

/// A saved item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortfolioItem {
    /// Random id (hex).
    pub id: String,
    /// What the user entered.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub content: PortfolioItemDraft,
    /// When it was first saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

/// Every portfolio item of an unlocked vault, by part, then oldest first.
#[derive(Debug, Default)]
pub struct Portfolio {
    items: Vec<PortfolioItem>,
}

impl Portfolio {
    /// The portfolio as loaded at unlock.
    pub(crate) fn build(mut items: Vec<PortfolioItem>) -> Portfolio {
        sort(&mut items);
        Portfolio { items }
    }

    /// Every item, by part, then by date (undated last), then by when it was saved.
    pub fn items(&self) -> &[PortfolioItem] {
        &self.items
    }

    /// The item with exactly this id.
    pub fn item(&self, id: &str) -> Option<&PortfolioItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The item whose id is `id` or starts with it (at least 4 characters).
    pub fn resolve(&self, id: &str) -> Result<&PortfolioItem> {
        resolve_in("portfolio item", id, &self.items, |i| &i.id)
    }

    fn upsert(&mut self, item: PortfolioItem) {
        match self.items.iter_mut().find(|x| x.id == item.id) {
            Some(old) => *old = item,
            None => self.items.push(item),
        }
        sort(&mut self.items);
    }

    fn remove(&mut self, id: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|i| i.id != id);
        before != self.items.len()
    }
}

impl Drop for Portfolio {
    /// Overwrites titles and notes when the vault is locked.
    fn drop(&mut self) {
        for i in &mut self.items {
            i.content.title.zeroize();
            i.content.note.zeroize();
        }
    }
}

fn sort(items: &mut [PortfolioItem]) {
    items.sort_by(|a, b| {
        (
            a.content.part,
            a.content.date.is_none(),
            a.content.date,
            a.created_at,
            &a.id,
        )
            .cmp(&(
                b.content.part,
                b.content.date.is_none(),
                b.content.date,
                b.created_at,
                &b.id,
            ))
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reference() -> PortfolioItemDraft {
        PortfolioItemDraft {
            part: PortfolioPart::Reference,
            title: "  Sam Rivera ".into(),
            status: ItemStatus::Requested,
            date: NaiveDate::from_ymd_opt(2026, 11, 2),
            rater_role: Some(RaterRole::RscProvider),
            known_months: Some(30),
            note: String::new(),
        }
    }

    fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_reference_keeps_its_rater_and_trims_its_title() {
        let d = reference().validated().unwrap();
        assert_eq!(d.title, "Sam Rivera");
        assert_eq!(d.rater_role, Some(RaterRole::RscProvider));
    }

    #[test]
    fn only_a_reference_has_a_rater() {
        let mut d = reference();
        d.part = PortfolioPart::Exam;
        assert_eq!(field_of(d.clone().validated()), "rater_role");
        d.rater_role = None;
        assert_eq!(field_of(d.validated()), "known_months");
    }

    #[test]
    fn an_empty_title_and_a_career_long_acquaintance_are_refused() {
        let mut d = reference();
        d.title = "  ".into();
        assert_eq!(field_of(d.validated()), "title");
        let mut d = reference();
        d.known_months = Some(MAX_KNOWN_MONTHS + 1);
        assert_eq!(field_of(d.validated()), "known_months");
    }

    #[test]
    fn names_parse_as_written_on_the_command_line() {
        assert_eq!(
            PortfolioPart::parse("part", "Work-Experience").unwrap(),
            PortfolioPart::WorkExperience
        );
        assert_eq!(field_of(PortfolioPart::parse("part", "degree")), "part");
        assert_eq!(
            ItemStatus::parse("status", "to-do").unwrap(),
            ItemStatus::ToDo
        );
        assert_eq!(
            RaterRole::parse("rater", "RSC-provider").unwrap(),
            RaterRole::RscProvider
        );
        for p in PortfolioPart::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
        }
    }

    #[test]
    fn an_item_written_without_the_optional_fields_reads_with_defaults() {
        let d: PortfolioItemDraft =
            serde_json::from_str(r#"{"part":"exam","title":"Exam"}"#).unwrap();
        assert_eq!(d.status, ItemStatus::ToDo);
        assert_eq!(d.date, None);
        assert!(d.note.is_empty());
    }
}
