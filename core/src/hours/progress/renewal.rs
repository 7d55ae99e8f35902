//! Renewal as the associations write it: which rule set applies to whom (category, whether
//! they provide RSC, how long they have held the category), which days count toward the
//! renewal due in a given year (from the day after the previous due date to the due date,
//! over one cycle), the first year after endorsement exempt, and the association's rule on
//! how the RSC hours are spread. Every date and number comes from the data
//! (`associations.toml`, `renewal-*.toml`).

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::{evaluate, Progress};
use crate::error::{Error, Result};
use crate::hours::model::SupervisionSession;
use crate::hours::months_between;
use crate::hours::period::Period;
use crate::hours::providers::Provider;
use crate::hours::rules::{association, rule_sets, Association, Purpose, RuleSet};
use crate::hours::training::Training;

/// Who is renewing: the choice made once, in Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalChoice {
    /// The association's id (`mi-aimh`).
    pub association: String,
    /// The Endorsement category held (`IMHS`).
    pub category: String,
    /// Whether they provide RSC to others.
    pub provides_rsc: bool,
    /// The day they were endorsed in this category, when known.
    pub endorsed_on: Option<NaiveDate>,
}

/// Where a renewal year stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum RenewalStatus {
    /// Hours are asked for: see the progress.
    Due,
    /// The first renewal after endorsement: the association asks for no hours.
    FirstYearExempt,
    /// The renewal year ended before the endorsement.
    BeforeEndorsement,
}

/// One renewal: when it is due, which days count, and progress toward it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RenewalProgress {
    /// The association's id.
    pub association: String,
    /// The association's name.
    pub association_name: String,
    /// The category held.
    pub category: String,
    /// The year the renewal is due in: "renewal year 2027".
    pub year: i32,
    /// The due date.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due: NaiveDate,
    /// The first day that counts.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    /// The last day that counts (the due date).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// Years per renewal.
    pub cycle_years: u32,
    /// Where this renewal stands.
    pub status: RenewalStatus,
    /// The rule set applied (`renewal/imhm-c`).
    pub rules: String,
    /// Its name.
    pub rules_name: String,
    /// The pages the calendar and the figures come from.
    pub sources: Vec<String>,
    /// The counted RSC must run over at least this many months: the association's spread
    /// rule, else the rule set's.
    pub rsc_min_months: Option<u32>,
    /// The renewal before, unless this one is the first after endorsement.
    pub earlier_year: Option<i32>,
    /// The renewal after, unless this one is the current one.
    pub later_year: Option<i32>,
    /// Progress, when hours are asked for.
    pub progress: Option<Progress>,
}

/// The days that count toward the renewal due in `year`: from the day after the previous
/// due date (one cycle earlier) to the due date, both included. `None` if no renewal is
/// due that year.
pub fn renewal_period(a: &Association, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let due = a.due_in(year)?;
    let previous = NaiveDate::from_ymd_opt(year - a.cycle_years as i32, a.due_month, a.due_day)?;
    Some((previous.checked_add_days(Days::new(1))?, due))
}

/// The year of the renewal whose days include `day`: the first due date on or after it.
pub fn renewal_year_of(a: &Association, day: NaiveDate) -> i32 {
    let mut year = day.year();
    // At most one cycle ahead: past this year's due date, or waiting for a cycle year.
    for _ in 0..=a.cycle_years.max(1) + 1 {
        if a.due_in(year).is_some_and(|due| due >= day) {
            return year;
        }
        year += 1;
    }
    year
}

/// The renewal rule set for `choice` on the due date `due`: the one naming the association
/// before the general ones, then the one that names whether they provide RSC, then the one
/// asking for the most years held.
pub fn renewal_rule_set(choice: &RenewalChoice, due: NaiveDate) -> Result<&'static RuleSet> {
    let category = choice.category.trim().to_ascii_uppercase();
    let years_held = choice
        .endorsed_on
        .filter(|e| *e <= due)
        .map(|e| months_between(e, due) / 12);
    let own = |s: &RuleSet| {
        s.renewal
            .as_ref()
            .is_some_and(|r| r.associations.contains(&choice.association))
    };
    let sets = rule_sets()?;
    // An association with rule sets of its own (a cycle of its own) uses only those.
    let has_own = sets.iter().any(own);
    sets.iter()
        .filter(|s| s.purpose == Purpose::Renewal)
        .filter_map(|s| s.renewal.as_ref().map(|r| (s, r)))
        .filter(|(s, r)| {
            r.categories.contains(&category)
                && (if has_own {
                    own(s)
                } else {
                    r.associations.is_empty()
                })
                && r.provides_rsc.is_none_or(|p| p == choice.provides_rsc)
                && r.min_years_endorsed
                    .is_none_or(|m| years_held.is_some_and(|y| y >= m))
        })
        .max_by_key(|(_, r)| (r.provides_rsc.is_some(), r.min_years_endorsed.unwrap_or(0)))
        .map(|(s, _)| s)
        .ok_or_else(|| {
            Error::invalid(
                "category",
                format!(
                    "Attune has no renewal rule for {} with {}",
                    crate::hours::shorten(&category),
                    choice.association
                ),
            )
        })
}

/// The rule set as it applies to one renewal: the renewal's days replace the calendar year,
/// and the association's spread rule (MI-AIMH: "over the course of at least 6-months, but
/// not more than 12-months") applies to the RSC hours.
fn as_applied(rules: &RuleSet, a: &Association) -> RuleSet {
    let mut r = rules.clone();
    r.rsc.calendar_year = false;
    if let Some(t) = &mut r.training {
        t.calendar_year = false;
    }
    if r.rsc.required_minutes > 0 {
        if a.rsc_min_spread_months.is_some() {
            r.rsc.window_min_months = a.rsc_min_spread_months;
        }
        if a.rsc_max_spread_months.is_some() {
            r.rsc.window_max_months = a.rsc_max_spread_months;
        }
    }
    r
}

/// Progress toward the renewal due in `year` (`None`: the current one, the first due on or
/// after `today`). Sessions and training outside its days do not count.
pub fn renewal(
    choice: &RenewalChoice,
    year: Option<i32>,
    sessions: &[&SupervisionSession],
    training: &[&Training],
    providers: &[Provider],
    today: NaiveDate,
) -> Result<RenewalProgress> {
    let a = association(&choice.association)?;
    let current = renewal_year_of(a, today);
    let year = year.unwrap_or(current);
    let Some((from, due)) = renewal_period(a, year) else {
        return Err(Error::invalid(
            "renewal_year",
            format!(
                "{} has no renewal due in {year}: renewals are due every {} years, e.g. in {}",
                a.name, a.cycle_years, current
            ),
        ));
    };
    let status = match choice.endorsed_on {
        Some(e) if e > due => RenewalStatus::BeforeEndorsement,
        Some(e) if e >= from && a.exempt_first_year => RenewalStatus::FirstYearExempt,
        _ => RenewalStatus::Due,
    };
    let rules = renewal_rule_set(choice, due)?;
    let cycle = a.cycle_years as i32;
    let earlier_year = choice
        .endorsed_on
        .is_none_or(|e| e < from)
        .then_some(year - cycle);
    let later_year = (year < current).then_some(year + cycle);
    let applied = as_applied(rules, a);
    let progress = (status == RenewalStatus::Due).then(|| {
        let period = Period {
            from: Some(from),
            to: Some(due),
        };
        evaluate(&applied, sessions, training, providers, period, today)
    });
    let mut sources = vec![a.source.clone()];
    if rules.source != a.source {
        sources.push(rules.source.clone());
    }
    Ok(RenewalProgress {
        association: a.id.clone(),
        association_name: a.name.clone(),
        category: choice.category.trim().to_ascii_uppercase(),
        year,
        due,
        from,
        to: due,
        cycle_years: a.cycle_years,
        status,
        rules: rules.id.clone(),
        rules_name: rules.name.clone(),
        sources,
        rsc_min_months: applied.rsc.window_min_months,
        earlier_year,
        later_year,
        progress,
    })
}
