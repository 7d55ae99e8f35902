//! The associations that renew an Endorsement, as data (`assets/requirements/associations.toml`):
//! when each wants its renewal, how long its cycle is, whether the first year after
//! endorsement is exempt, and how the RSC hours must be spread. What a renewal asks for per
//! category is in the renewal rule sets ([`super`]).
//!
//! ```toml
//! [[association]]
//! id = "mi-aimh"                 # lower case, digits and hyphens
//! name = "Michigan Association for Infant Mental Health (MI-AIMH)"
//! source = "https://..."         # the page that says so (https, with a path)
//! read = "2026-12-02"            # the day it was read
//! due_month = 1                  # renewals are due by this day of the year...
//! due_day = 31
//! cycle_years = 1                # ...every this many years (optional, default 1)
//! cycle_due_year = 2027          # with a longer cycle: one year a renewal is due
//! exempt_first_year = true       # the first renewal after endorsement asks for no hours
//! rsc_min_spread_months = 6      # optional: the RSC hours span at least this many months
//! rsc_max_spread_months = 12     # optional: and fall within this many
//! note = "..."                   # what this leaves out, in plain words
//! ```

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse::{by_id, has_https_path, key_at, line_of, shipped, Shipped};
use crate::error::{Error, Result};

/// The file, embedded.
const FILE: (&str, &str) = (
    "associations.toml",
    include_str!("../../../../assets/requirements/associations.toml"),
);

/// Longest renewal cycle any association could have.
const MAX_CYCLE_YEARS: u32 = 10;

/// One association's renewal calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Association {
    /// Stable id (`mi-aimh`).
    pub id: String,
    /// The association's name as it writes it.
    pub name: String,
    /// The public page the calendar comes from.
    pub source: String,
    /// The day that page was read.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub read: NaiveDate,
    /// Renewals are due by this month (1 to 12)...
    pub due_month: u32,
    /// ...and day of the month.
    pub due_day: u32,
    /// A renewal every this many years.
    #[serde(default = "one_year")]
    pub cycle_years: u32,
    /// With a cycle longer than a year: one year in which a renewal is due.
    #[serde(default)]
    pub cycle_due_year: Option<i32>,
    /// The first renewal after endorsement asks for no hours.
    #[serde(default)]
    pub exempt_first_year: bool,
    /// The counted RSC hours must span at least this many months.
    #[serde(default)]
    pub rsc_min_spread_months: Option<u32>,
    /// The counted RSC hours must fall within this many months.
    #[serde(default)]
    pub rsc_max_spread_months: Option<u32>,
    /// What the calendar leaves out, in plain words.
    #[serde(default)]
    pub note: String,
}

fn one_year() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssociationsFile {
    association: Vec<Association>,
}

impl Association {
    /// The due date in `year`, if this association's calendar has one that year.
    pub fn due_in(&self, year: i32) -> Option<NaiveDate> {
        if !self.is_due_year(year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, self.due_month, self.due_day)
    }

    /// Whether a renewal falls due in `year` (every year, or every `cycle_years` from
    /// `cycle_due_year`).
    pub fn is_due_year(&self, year: i32) -> bool {
        match (self.cycle_years, self.cycle_due_year) {
            (0 | 1, _) => true,
            (n, Some(anchor)) => (year - anchor).rem_euclid(n as i32) == 0,
            (_, None) => false,
        }
    }

    fn check(&self) -> std::result::Result<(), (&'static str, String)> {
        let bad = |field: &'static str, msg: &str| Err((field, msg.to_owned()));
        if self.id.is_empty()
            || !self
                .id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        {
            return bad(
                "id",
                "must be lower case letters, digits and hyphens, e.g. mi-aimh",
            );
        }
        if self.name.trim().is_empty() {
            return bad("name", "is empty");
        }
        if !has_https_path(&self.source) {
            return bad(
                "source",
                "must be the https:// address of the page with the renewal rules, with its path",
            );
        }
        // 2001 is not a leap year: a due date must exist every year.
        if NaiveDate::from_ymd_opt(2001, self.due_month, self.due_day).is_none() {
            return bad(
                "due_day",
                "due_month and due_day must be a day every year has (1 to 12, 1 to 28/30/31)",
            );
        }
        if self.cycle_years == 0 || self.cycle_years > MAX_CYCLE_YEARS {
            return bad("cycle_years", "must be between 1 and 10 years");
        }
        if self.cycle_years > 1 && self.cycle_due_year.is_none() {
            return bad(
                "cycle_due_year",
                "is needed with a cycle longer than a year: one year a renewal is due",
            );
        }
        for (field, v) in [
            ("rsc_min_spread_months", self.rsc_min_spread_months),
            ("rsc_max_spread_months", self.rsc_max_spread_months),
        ] {
            if v.is_some_and(|m| m == 0 || m > 12 * self.cycle_years) {
                return bad(
                    field,
                    "must be at least 1 and at most the months of one cycle",
                );
            }
        }
        if let (Some(a), Some(b)) = (self.rsc_min_spread_months, self.rsc_max_spread_months) {
            if a > b {
                return bad(
                    "rsc_min_spread_months",
                    "is more than rsc_max_spread_months",
                );
            }
        }
        Ok(())
    }
}

/// Parses and checks an associations file; errors name the file, the association and the
/// field (`associations.toml: mi-aimh: due_day: ...`).
pub fn parse_associations(file: &str, text: &str) -> Result<Vec<Association>> {
    let parsed: AssociationsFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let line = line_of(text, at);
        let field = key_at(text, at).unwrap_or_else(|| format!("line {line}"));
        Error::invalid(
            format!("{file}: {field}"),
            format!("{} (line {line})", e.message().trim().replace('\n', " ")),
        )
    })?;
    let mut seen: Vec<&str> = Vec::new();
    for a in &parsed.association {
        a.check()
            .map_err(|(field, msg)| Error::invalid(format!("{file}: {}: {field}", a.id), msg))?;
        if seen.contains(&a.id.as_str()) {
            return Err(Error::invalid(
                format!("{file}: {}: id", a.id),
                "is used twice",
            ));
        }
        seen.push(&a.id);
    }
    Ok(parsed.association)
}

static ASSOCIATIONS: LazyLock<Shipped<Association>> = LazyLock::new(|| {
    parse_associations(FILE.0, FILE.1).map_err(|e| match e {
        Error::InvalidInput { field, message, .. } => (field, message),
        e => (FILE.0.to_owned(), e.to_string()),
    })
});

/// Every association whose renewal calendar Attune knows, in the file's order.
pub fn associations() -> Result<&'static [Association]> {
    shipped(&ASSOCIATIONS)
}

/// The association with this id; the error lists the ids there are.
pub fn association(id: &str) -> Result<&'static Association> {
    by_id(associations()?, id, ("association", "association"), |a| {
        &a.id
    })
}

/// Every Endorsement category some renewal rule set applies to, in the order first named.
pub fn endorsement_categories() -> Result<Vec<&'static str>> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in super::rule_sets()? {
        for c in s.renewal.iter().flat_map(|r| r.categories.iter()) {
            if !out.contains(&c.as_str()) {
                out.push(c);
            }
        }
    }
    Ok(out)
}
