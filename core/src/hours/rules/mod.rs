//! Endorsement requirements as data: one TOML file per category under
//! `assets/requirements/`, embedded in the binary and validated when first used. Rules
//! differ between associations and change over time, so none of their numbers live in code.
//!
//! # The schema of a rule-set file
//!
//! ```toml
//! id = "renewal/imhm-c"          # family/category; the file is named renewal-imhm-c.toml
//! name = "..."                   # as the associations write it
//! purpose = "renewal"            # or "application"
//! source = "https://..."         # the page the figures come from (https, with a path)
//! read = "2026-12-02"            # the day that page was read
//! effective = "2023-01-01"       # the first day the figures are known to apply
//! note = "..."                   # what the figures leave out, in plain words
//!
//! [rsc]                          # reflective supervision/consultation received
//! required_minutes = 720
//! window_min_months = 12         # optional: counted sessions span at least this
//! window_max_months = 24         # optional: and fall within this
//! calendar_year = true           # optional: only one calendar year counts
//! allowed_credentials = ["IMHM-C"]  # empty: any named provider (not groups)
//! peer_allowed = true            # optional: peer groups with no provider count too
//! max_sources = 2                # optional
//! majority_from_one = true       # optional
//! group_weight = 1.0             # optional
//! group_cap_minutes = 600        # optional
//! about_rsc_provided_minutes = 0 # optional
//!
//! [training]                     # optional: in-service training
//! required_minutes = 900
//! dei_minutes = 60
//! providing_rsc_minutes = 180
//! calendar_year = true
//!
//! [renewal]                      # renewal rule sets only: whom they apply to
//! categories = ["IMHM-C", "ECMHM-C"]  # the Endorsement the renewing person holds
//! associations = ["first3years"] # optional: only these (ids in associations.toml);
//!                                # empty: every association without a rule set of its own
//! provides_rsc = true            # optional: only those who do (true) or do not (false)
//!                                # provide RSC to others; left out: either
//! min_years_endorsed = 3         # optional: only once the category has been held this
//!                                # many whole years on the due date
//! ```
//!
//! When a renewal is due, how long its cycle is, whether the first year after endorsement is
//! exempt and any rule on how the RSC hours are spread belong to the association; they live
//! in `associations.toml` ([`associations`]). `docs/requirements.md` explains both.

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod associations;
mod parse;

pub use self::associations::{
    association, associations, endorsement_categories, parse_associations, Association,
};
use self::parse::{by_id, has_https_path, key_at, line_of, shipped, Shipped};
use super::model::{normalize_credential, AgeFocus};
use crate::error::{Error, Result};

/// Every rule set shipped, as (file name, text). A test checks that this list and the
/// directory agree.
pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    (
        "imh-e-ifs.toml",
        include_str!("../../../../assets/requirements/imh-e-ifs.toml"),
    ),
    (
        "imh-e-ifrs.toml",
        include_str!("../../../../assets/requirements/imh-e-ifrs.toml"),
    ),
    (
        "imh-e-imhs.toml",
        include_str!("../../../../assets/requirements/imh-e-imhs.toml"),
    ),
    (
        "imh-e-imhm-c.toml",
        include_str!("../../../../assets/requirements/imh-e-imhm-c.toml"),
    ),
    (
        "ecmh-e-ecfs.toml",
        include_str!("../../../../assets/requirements/ecmh-e-ecfs.toml"),
    ),
    (
        "ecmh-e-ecfrs.toml",
        include_str!("../../../../assets/requirements/ecmh-e-ecfrs.toml"),
    ),
    (
        "ecmh-e-ecmhs.toml",
        include_str!("../../../../assets/requirements/ecmh-e-ecmhs.toml"),
    ),
    (
        "ecmh-e-ecmhm-c.toml",
        include_str!("../../../../assets/requirements/ecmh-e-ecmhm-c.toml"),
    ),
    (
        "imh-e-ifa.toml",
        include_str!("../../../../assets/requirements/imh-e-ifa.toml"),
    ),
    (
        "ecmh-e-ecfa.toml",
        include_str!("../../../../assets/requirements/ecmh-e-ecfa.toml"),
    ),
    (
        "imh-e-imhm-p.toml",
        include_str!("../../../../assets/requirements/imh-e-imhm-p.toml"),
    ),
    (
        "imh-e-imhm-rf.toml",
        include_str!("../../../../assets/requirements/imh-e-imhm-rf.toml"),
    ),
    (
        "renewal-annual.toml",
        include_str!("../../../../assets/requirements/renewal-annual.toml"),
    ),
    (
        "renewal-provides-rsc.toml",
        include_str!("../../../../assets/requirements/renewal-provides-rsc.toml"),
    ),
    (
        "renewal-ifrs.toml",
        include_str!("../../../../assets/requirements/renewal-ifrs.toml"),
    ),
    (
        "renewal-imhs-provides-rsc.toml",
        include_str!("../../../../assets/requirements/renewal-imhs-provides-rsc.toml"),
    ),
    (
        "renewal-imhm-c.toml",
        include_str!("../../../../assets/requirements/renewal-imhm-c.toml"),
    ),
    (
        "renewal-imhm-c-after-3-years.toml",
        include_str!("../../../../assets/requirements/renewal-imhm-c-after-3-years.toml"),
    ),
    (
        "renewal-training-only.toml",
        include_str!("../../../../assets/requirements/renewal-training-only.toml"),
    ),
    (
        "renewal-first3years.toml",
        include_str!("../../../../assets/requirements/renewal-first3years.toml"),
    ),
    (
        "renewal-first3years-provides-rsc.toml",
        include_str!("../../../../assets/requirements/renewal-first3years-provides-rsc.toml"),
    ),
    (
        "renewal-first3years-training-only.toml",
        include_str!("../../../../assets/requirements/renewal-first3years-training-only.toml"),
    ),
];

/// What a rule set is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Purpose {
    /// Applying for a category.
    Application,
    /// Renewing an Endorsement.
    Renewal,
}

/// The reflective supervision/consultation part of a rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RscRule {
    /// Clock minutes of RSC required.
    pub required_minutes: u32,
    /// The counted hours must be spread over at least this many months.
    #[serde(default)]
    pub window_min_months: Option<u32>,
    /// The counted hours must fall within this many months.
    #[serde(default)]
    pub window_max_months: Option<u32>,
    /// Only sessions in one calendar year count (renewals due by 31 December).
    #[serde(default)]
    pub calendar_year: bool,
    /// Credential categories whose holders' sessions count. Empty: any named provider for
    /// individual sessions (a group always needs a credentialed provider).
    #[serde(default)]
    pub allowed_credentials: Vec<String>,
    /// Peer supervision or collaborative consultation (a group with no identified provider)
    /// counts too, as for an IMHM-C who has held the category three years.
    #[serde(default)]
    pub peer_allowed: bool,
    /// At most this many providers count.
    #[serde(default)]
    pub max_sources: Option<u32>,
    /// More than half of the required minutes must come from one provider.
    #[serde(default)]
    pub majority_from_one: bool,
    /// Each group minute counts as this much (1.0: fully).
    #[serde(default = "one")]
    pub group_weight: f64,
    /// At most this many (weighted) group minutes count; `None`: no cap.
    #[serde(default)]
    pub group_cap_minutes: Option<u32>,
    /// Of the counted minutes, at least this many about the RSC the applicant provides.
    #[serde(default)]
    pub about_rsc_provided_minutes: u32,
    /// The ages the category is about: only sessions of this focus (or with none recorded)
    /// count. `None`: any.
    #[serde(default)]
    pub age_focus: Option<AgeFocus>,
}

fn one() -> f64 {
    1.0
}

/// The in-service training part of a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrainingRule {
    /// Clock minutes of training required in all.
    pub required_minutes: u32,
    /// Of which at least this many on infant or early childhood mental health (the general
    /// part; each training counts toward one part only).
    #[serde(default)]
    pub iecmh_minutes: u32,
    /// Of which at least this many on diversity, equity and inclusion.
    #[serde(default)]
    pub dei_minutes: u32,
    /// Of which at least this many on providing RSC.
    #[serde(default)]
    pub providing_rsc_minutes: u32,
    /// Only training in one calendar year counts.
    #[serde(default)]
    pub calendar_year: bool,
}

/// Whom a renewal rule set applies to. The association's calendar (due date, cycle, first
/// year exempt, spread of the RSC hours) is in `associations.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RenewalRule {
    /// The Endorsement categories held by those renewing (`IMHS`, `IMHM-R/F`).
    pub categories: Vec<String>,
    /// Only for these associations; empty: every association without a rule set of its own
    /// for the category.
    #[serde(default)]
    pub associations: Vec<String>,
    /// Only for those who do (`true`) or do not (`false`) provide RSC; `None`: either.
    #[serde(default)]
    pub provides_rsc: Option<bool>,
    /// Only once the category has been held this many whole years on the due date.
    #[serde(default)]
    pub min_years_endorsed: Option<u32>,
}

/// One category's requirements, with where they come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleSet {
    /// Stable id, `family/category` (e.g. `imh-e/imhm-c`).
    pub id: String,
    /// The category's name as the associations write it.
    pub name: String,
    /// Application or renewal.
    pub purpose: Purpose,
    /// The public page the figures come from.
    pub source: String,
    /// The day that page was read.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub read: Option<NaiveDate>,
    /// The date from which the figures apply.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub effective: NaiveDate,
    /// What the figures leave out, in plain words.
    #[serde(default)]
    pub note: String,
    /// Reflective supervision/consultation.
    pub rsc: RscRule,
    /// In-service training, when the category asks for it.
    #[serde(default)]
    pub training: Option<TrainingRule>,
    /// For a renewal: whom it applies to.
    #[serde(default)]
    pub renewal: Option<RenewalRule>,
}

/// Over twenty years of supervision is not a rule any association has.
const MAX_MONTHS: u32 = 240;
/// 10,000 hours: far beyond any requirement.
const MAX_REQUIRED_MINUTES: u32 = 600_000;

impl RuleSet {
    /// Parses and validates one rule-set file. Errors name the file and the field
    /// (`imh-e-ifs.toml: rsc.required_minutes: ...`).
    pub fn from_toml(file: &str, text: &str) -> Result<RuleSet> {
        let set: RuleSet = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let line = line_of(text, at);
            let field = key_at(text, at).unwrap_or_else(|| format!("line {line}"));
            Error::invalid(
                format!("{file}: {field}"),
                format!("{} (line {line})", e.message().trim().replace('\n', " ")),
            )
        })?;
        set.check()
            .map_err(|(field, message)| Error::invalid(format!("{file}: {field}"), message))?;
        let want = format!("{}.toml", set.id.replace('/', "-"));
        if file != want {
            return Err(Error::invalid(
                format!("{file}: id"),
                format!("the id {} belongs in a file named {want}", set.id),
            ));
        }
        Ok(set)
    }

    /// Checks what TOML types cannot: ranges, shapes, consistency.
    fn check(&self) -> std::result::Result<(), (&'static str, String)> {
        let bad = |field: &'static str, msg: &str| Err((field, msg.to_owned()));
        let id_ok = self.id.split_once('/').is_some_and(|(a, b)| {
            [a, b].iter().all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
            })
        });
        if !id_ok {
            return bad("id", "must look like family/category, e.g. imh-e/ifs");
        }
        if self.name.trim().is_empty() {
            return bad("name", "is empty");
        }
        if !has_https_path(&self.source) {
            return bad(
                "source",
                "must be the https:// address of the page with the published rules, with its path",
            );
        }
        let r = &self.rsc;
        if r.required_minutes > MAX_REQUIRED_MINUTES {
            return bad(
                "rsc.required_minutes",
                "is beyond any requirement (at most 600000)",
            );
        }
        for (field, v) in [
            ("rsc.window_min_months", r.window_min_months),
            ("rsc.window_max_months", r.window_max_months),
        ] {
            if v.is_some_and(|m| m == 0 || m > MAX_MONTHS) {
                return bad(field, "must be between 1 and 240 months");
            }
        }
        if let (Some(min), Some(max)) = (r.window_min_months, r.window_max_months) {
            if min > max {
                return bad(
                    "rsc.window_min_months",
                    "is more than rsc.window_max_months",
                );
            }
        }
        if r.calendar_year && (r.window_min_months.is_some() || r.window_max_months.is_some()) {
            return bad(
                "rsc.calendar_year",
                "cannot be combined with window_min_months or window_max_months",
            );
        }
        for c in &r.allowed_credentials {
            match normalize_credential("c", c) {
                Ok(Some(n)) if n == *c => {}
                _ => {
                    return bad(
                        "rsc.allowed_credentials",
                        "each must be a credential in capitals, e.g. \"IMHM-C\"",
                    )
                }
            }
        }
        if r.max_sources == Some(0) {
            return bad(
                "rsc.max_sources",
                "must be at least 1 (or left out: no limit)",
            );
        }
        if r.majority_from_one && r.required_minutes == 0 {
            return bad(
                "rsc.majority_from_one",
                "needs rsc.required_minutes to say what the majority is of",
            );
        }
        if !(r.group_weight.is_finite() && (0.0..=1.0).contains(&r.group_weight)) {
            return bad("rsc.group_weight", "must be between 0.0 and 1.0");
        }
        if r.about_rsc_provided_minutes > r.required_minutes {
            return bad(
                "rsc.about_rsc_provided_minutes",
                "is more than rsc.required_minutes",
            );
        }
        if let Some(t) = &self.training {
            if t.required_minutes > MAX_REQUIRED_MINUTES {
                return bad("training.required_minutes", "is beyond any requirement");
            }
            if t.dei_minutes
                .saturating_add(t.providing_rsc_minutes)
                .saturating_add(t.iecmh_minutes)
                > t.required_minutes
            {
                return bad(
                    "training.dei_minutes",
                    "the IECMH, DEI and providing-RSC minutes together exceed training.required_minutes",
                );
            }
        }
        self.check_renewal()
    }

    /// The `[renewal]` table: only on a renewal rule set, naming credential-shaped
    /// categories and known associations.
    fn check_renewal(&self) -> std::result::Result<(), (&'static str, String)> {
        let bad = |field: &'static str, msg: &str| Err((field, msg.to_owned()));
        let Some(rn) = &self.renewal else {
            return Ok(());
        };
        if self.purpose != Purpose::Renewal {
            return bad(
                "renewal",
                "belongs only in a rule set whose purpose is renewal",
            );
        }
        if rn.categories.is_empty() {
            return bad("renewal.categories", "names no category");
        }
        for c in &rn.categories {
            match normalize_credential("c", c) {
                Ok(Some(n)) if n == *c => {}
                _ => {
                    return bad(
                        "renewal.categories",
                        "each must be a category in capitals, e.g. \"IMHS\"",
                    )
                }
            }
        }
        for a in &rn.associations {
            if associations::association(a).is_err() {
                return Err((
                    "renewal.associations",
                    format!("{a:?} is not an association in associations.toml"),
                ));
            }
        }
        if rn.min_years_endorsed.is_some_and(|y| y == 0 || y > 50) {
            return bad(
                "renewal.min_years_endorsed",
                "must be between 1 and 50 years",
            );
        }
        Ok(())
    }
}

static RULE_SETS: LazyLock<Shipped<RuleSet>> = LazyLock::new(|| {
    let mut out: Vec<RuleSet> = Vec::with_capacity(EMBEDDED.len());
    for (file, text) in EMBEDDED {
        let set = RuleSet::from_toml(file, text).map_err(|e| match e {
            Error::InvalidInput { field, message, .. } => (field, message),
            e => ((*file).to_owned(), e.to_string()),
        })?;
        if out.iter().any(|s| s.id == set.id) {
            return Err((format!("{file}: id"), "is used by another file".into()));
        }
        out.push(set);
    }
    Ok(out)
});

/// Every rule set shipped, in a stable order (IMH-E, ECMH-E, renewal).
pub fn rule_sets() -> Result<&'static [RuleSet]> {
    shipped(&RULE_SETS)
}

/// The rule set with this id; the error lists the ids there are.
pub fn rule_set(id: &str) -> Result<&'static RuleSet> {
    by_id(rule_sets()?, id, ("rules", "rule set"), |s| &s.id)
}

#[cfg(test)]
mod tests;
