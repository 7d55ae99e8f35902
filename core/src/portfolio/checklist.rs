//! The checklist: what the user's category asks for in each part of the application, as
//! published (`assets/portfolio/checklist.toml`), beside what the user recorded. It reports
//! counts the user can read ("2 done, 1 requested"), never a verdict.

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ItemStatus, PortfolioItem, PortfolioPart};
use crate::error::{Error, Result};
use crate::hours::{rule_set, Purpose};

/// What the checklist says about itself, everywhere it is shown.
pub const NOT_CHECKED: &str = "Attune lists what your category asks for and what you have \
recorded here. It does not judge these parts of your application: your association's \
reviewers do.";

const FILE: &str = include_str!("../../../assets/portfolio/checklist.toml");

/// What one part of the application asks, for the user's category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartAsked {
    /// What is asked, in plain words; `None` when Attune has no summary for this category
    /// ("see your association's requirements").
    pub text: Option<String>,
    /// `Some(false)` when the category does not ask for this part at all (no exam).
    pub asked: Option<bool>,
    /// How many are asked for (reference ratings), when a number is published.
    pub count: Option<u32>,
}

/// One part: what is asked, and what the user recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistPart {
    /// Which part.
    pub part: PortfolioPart,
    /// What the category asks.
    pub asked: PartAsked,
    /// The user's items of this part.
    pub items: Vec<PortfolioItem>,
    /// How many of them the user marked done.
    pub done: u32,
    /// How many the user marked requested (asked for, under way).
    pub requested: u32,
}

/// The whole checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Checklist {
    /// The category's rule-set id, when one is chosen.
    pub category: Option<String>,
    /// The category's name.
    pub category_name: Option<String>,
    /// The pages the summaries come from.
    pub sources: Vec<String>,
    /// When they were read.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub read: Option<NaiveDate>,
    /// Every part, in order.
    pub parts: Vec<ChecklistPart>,
    /// [`NOT_CHECKED`].
    pub not_checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    common: Common,
    category: Vec<Category>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Common {
    code_of_ethics: String,
    membership: String,
    sources: Vec<String>,
    read: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Category {
    ids: Vec<String>,
    sources: Vec<String>,
    read: NaiveDate,
    education: Option<String>,
    work: Option<String>,
    references: Option<u32>,
    reference_roles: Option<String>,
    exam: Option<bool>,
}

static PARSED: LazyLock<std::result::Result<File, String>> = LazyLock::new(|| parse(FILE));

fn parse(text: &str) -> std::result::Result<File, String> {
    let file: File = toml::from_str(text).map_err(|e| e.message().trim().to_owned())?;
    for c in &file.category {
        if c.ids.is_empty() || c.sources.is_empty() {
            return Err("a category needs ids and sources".into());
        }
        for id in &c.ids {
            match rule_set(id) {
                Ok(r) if r.purpose == Purpose::Application => {}
                _ => return Err(format!("{id} is not a shipped application rule set")),
            }
            if file.category.iter().filter(|o| o.ids.contains(id)).count() > 1 {
                return Err(format!("{id} is listed twice"));
            }
        }
    }
    let all = file
        .common
        .sources
        .iter()
        .chain(file.category.iter().flat_map(|c| &c.sources));
    if let Some(bad) = all.into_iter().find(|s| !is_web_address(s)) {
        return Err(format!("{bad} is not a web address"));
    }
    Ok(file)
}

fn is_web_address(s: &str) -> bool {
    ["https://", "http://"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|rest| rest.contains('/')))
}

fn loaded() -> Result<&'static File> {
    PARSED
        .as_ref()
        .map_err(|m| Error::invalid("assets/portfolio/checklist.toml", m.clone()))
}

/// The checklist for `category` (a rule-set id; `None` when the user has not chosen one)
/// over the user's `items`.
pub fn checklist(category: Option<&str>, items: &[PortfolioItem]) -> Result<Checklist> {
    let file = loaded()?;
    let set = category.map(rule_set).transpose()?;
    let entry = set.and_then(|s| file.category.iter().find(|c| c.ids.contains(&s.id)));
    let asked = |part: PortfolioPart| -> PartAsked {
        let none = PartAsked {
            text: None,
            asked: None,
            count: None,
        };
        match part {
            PortfolioPart::Membership => PartAsked {
                text: Some(file.common.membership.clone()),
                ..none
            },
            PortfolioPart::CodeOfEthics => PartAsked {
                text: Some(file.common.code_of_ethics.clone()),
                ..none
            },
            _ => match entry {
                None => none,
                Some(c) => asked_of(c, part),
            },
        }
    };
    let parts = PortfolioPart::ALL
        .into_iter()
        .map(|part| {
            let mine: Vec<PortfolioItem> = items
                .iter()
                .filter(|i| i.content.part == part)
                .cloned()
                .collect();
            let count = |s: ItemStatus| {
                let n = mine.iter().filter(|i| i.content.status == s).count();
                u32::try_from(n).unwrap_or(u32::MAX)
            };
            ChecklistPart {
                part,
                asked: asked(part),
                done: count(ItemStatus::Done),
                requested: count(ItemStatus::Requested),
                items: mine,
            }
        })
        .collect();
    let (sources, read) = match (entry, set) {
        (Some(c), _) => {
            let mut s = c.sources.clone();
            s.extend(file.common.sources.iter().cloned());
            (s, Some(c.read.max(file.common.read)))
        }
        (None, Some(r)) => (
            std::iter::once(r.source.clone())
                .chain(file.common.sources.iter().cloned())
                .collect(),
            Some(file.common.read),
        ),
        (None, None) => (file.common.sources.clone(), Some(file.common.read)),
    };
    Ok(Checklist {
        category: set.map(|s| s.id.clone()),
        category_name: set.map(|s| s.name.clone()),
        sources,
        read,
        parts,
        not_checked: NOT_CHECKED.to_owned(),
    })
}

fn asked_of(c: &Category, part: PortfolioPart) -> PartAsked {
    let text = |t: &Option<String>| PartAsked {
        text: t.clone(),
        asked: None,
        count: None,
    };
    match part {
        PortfolioPart::Education => text(&c.education),
        PortfolioPart::WorkExperience => text(&c.work),
        PortfolioPart::Reference => PartAsked {
            text: match (c.references, &c.reference_roles) {
                (Some(n), Some(roles)) => Some(format!("{n} reference ratings. {roles}")),
                (Some(n), None) => Some(format!("{n} reference ratings.")),
                (None, roles) => roles.clone(),
            },
            asked: None,
            count: c.references,
        },
        PortfolioPart::Exam => PartAsked {
            text: c.exam.map(|e| {
                if e {
                    "A written exam.".to_owned()
                } else {
                    "No exam for this category.".to_owned()
                }
            }),
            asked: c.exam,
            count: None,
        },
        PortfolioPart::Membership | PortfolioPart::CodeOfEthics => text(&None),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::portfolio::PortfolioItemDraft;

    fn item(part: PortfolioPart, status: ItemStatus) -> PortfolioItem {
        PortfolioItem {
            id: format!("{:032x}", status as u8),
            content: PortfolioItemDraft {
                part,
                title: "x".into(),
                status,
                date: None,
                rater_role: None,
                known_months: None,
                note: String::new(),
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn the_shipped_checklist_loads_and_names_only_shipped_categories() {
        let f = loaded().unwrap();
        assert!(!f.category.is_empty());
    }

    #[test]
    fn a_checklist_with_an_unknown_category_or_address_is_refused() {
        let bad = FILE.replace("imh-e/imhs", "imh-e/nope");
        assert!(parse(&bad).unwrap_err().contains("imh-e/nope"));
        let bad = FILE.replace("https://www.vaimh.org/exam-overview", "vaimh.org");
        assert!(parse(&bad).unwrap_err().contains("vaimh.org"));
        let bad = FILE.replace("ids = [\"imh-e/imhs\"", "ids = [\"imh-e/ifs\"");
        assert!(parse(&bad).unwrap_err().contains("twice"));
    }

    /// okaimh.org, Level II: "Written examination not required for applicants seeking
    /// Endorsement as an Infant Family Specialist"; vaimh.org: IMHS and Mentors take an exam.
    #[test]
    fn the_exam_is_asked_of_an_imhs_and_not_of_an_ifs() {
        let ifs = checklist(Some("imh-e/ifs"), &[]).unwrap();
        let imhs = checklist(Some("imh-e/imhs"), &[]).unwrap();
        let exam = |c: &Checklist| c.parts[3].asked.asked;
        assert_eq!(ifs.parts[3].part, PortfolioPart::Exam);
        assert_eq!(exam(&ifs), Some(false));
        assert_eq!(exam(&imhs), Some(true));
        assert_eq!(imhs.parts[2].asked.count, Some(3));
    }

    #[test]
    fn a_category_without_a_summary_says_to_see_the_association() {
        let c = checklist(Some("imh-e/ifrs"), &[]).unwrap();
        assert_eq!(c.parts[0].asked.text, None);
        assert!(c.sources[0].starts_with("https://"));
        // Membership and the Code of Ethics are asked of every category.
        assert!(c.parts[4].asked.text.is_some());
        assert!(c.parts[5].asked.text.is_some());
    }

    #[test]
    fn the_checklist_counts_what_the_user_marked_and_never_says_met() {
        let items = [
            item(PortfolioPart::Reference, ItemStatus::Done),
            item(PortfolioPart::Reference, ItemStatus::Requested),
            item(PortfolioPart::Exam, ItemStatus::ToDo),
        ];
        let c = checklist(Some("ecmh-e/ecmhs"), &items).unwrap();
        let refs = &c.parts[2];
        assert_eq!((refs.done, refs.requested, refs.items.len()), (1, 1, 2));
        assert_eq!(c.parts[3].items.len(), 1);
        let json = serde_json::to_string(&c).unwrap();
        assert!(!json.contains("\"met\""), "{json}");
        assert_eq!(c.not_checked, NOT_CHECKED);
    }

    #[test]
    fn an_unknown_category_is_an_error_naming_the_field() {
        assert!(matches!(
            checklist(Some("imh-e/nope"), &[]),
            Err(Error::InvalidInput { .. })
        ));
        let none = checklist(None, &[]).unwrap();
        assert_eq!(none.category, None);
        assert_eq!(none.parts.len(), 6);
    }
}
