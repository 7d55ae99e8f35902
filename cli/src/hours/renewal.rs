//! `attune hours summary --renewal-year YEAR|current`: the summary over one renewal's days,
//! weighed against the renewal rule set for the association and category chosen in the
//! window's Settings (or given here with `--association`, `--category`, `--endorsed-on`,
//! `--provides-rsc`).

use attune_core::hours::{Period, RenewalChoice, RenewalProgress, RenewalStatus};
use attune_core::{Error, Settings};
use clap::Args;

use crate::common::optional_date;
use crate::error::CliResult;

/// The renewal options of `hours summary`.
#[derive(Debug, Args)]
pub struct RenewalArgs {
    /// Show the renewal due in this year (e.g. 2027), or `current`: its days and progress
    /// toward it, for your association and category
    #[arg(long, value_name = "YEAR")]
    renewal_year: Option<String>,
    /// With --renewal-year: the association (see `attune rules list`), instead of the one
    /// chosen in Settings
    #[arg(long, value_name = "ID")]
    association: Option<String>,
    /// With --renewal-year: the Endorsement category you hold (e.g. IMHS), instead of Settings'
    #[arg(long, value_name = "CAT")]
    category: Option<String>,
    /// With --renewal-year: the day you were endorsed in it, instead of Settings'
    #[arg(long, value_name = "YYYY-MM-DD")]
    endorsed_on: Option<String>,
    /// With --renewal-year: whether you provide RSC to others (yes or no), instead of Settings'
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    provides_rsc: Option<bool>,
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(format!("{s:?} is not yes or no")),
    }
}

/// Which renewal year was asked for: `None` without `--renewal-year`, `Some(None)` for the
/// current one. Checked before the vault opens.
pub(super) fn asked(args: &RenewalArgs) -> CliResult<Option<Option<i32>>> {
    let Some(y) = args.renewal_year.as_deref() else {
        let given = [
            ("--association", args.association.is_some()),
            ("--category", args.category.is_some()),
            ("--endorsed-on", args.endorsed_on.is_some()),
            ("--provides-rsc", args.provides_rsc.is_some()),
        ];
        if let Some((option, _)) = given.iter().find(|(_, g)| *g) {
            return Err(
                Error::invalid(*option, "goes with --renewal-year YEAR (or current)").into(),
            );
        }
        return Ok(None);
    };
    if y == "current" {
        return Ok(Some(None));
    }
    match y.parse::<i32>() {
        Ok(n) if (1900..=9999).contains(&n) => Ok(Some(Some(n))),
        _ => Err(Error::invalid(
            "--renewal-year",
            format!("{:?} is not a year such as 2027, or current", y),
        )
        .into()),
    }
}

/// Who is renewing: Settings' choice, each part replaced by its option when given.
pub(super) fn choice(args: &RenewalArgs, settings: &Settings) -> CliResult<RenewalChoice> {
    let mut s = settings.clone();
    if let Some(a) = &args.association {
        s.association = Some(a.clone());
    }
    if let Some(c) = &args.category {
        s.endorsement_category = Some(c.clone());
    }
    if let Some(d) = optional_date("--endorsed-on", &args.endorsed_on)? {
        s.endorsed_on = Some(d);
    }
    if let Some(p) = args.provides_rsc {
        s.provides_rsc = p;
    }
    let rename = |e: Error| match e {
        Error::InvalidInput { field, message, .. } => {
            let option = match field.as_str() {
                "association" => "--association",
                "endorsement_category" => "--category",
                "endorsed_on" => "--endorsed-on",
                _ => "--renewal-year",
            };
            let message = message.replace(
                "in Settings to see your renewal",
                &format!("in Settings or give {option}"),
            );
            Error::invalid(option, message)
        }
        e => e,
    };
    let s = s.validated().map_err(rename)?;
    Ok(s.renewal_choice().map_err(rename)?)
}

/// The renewal's days.
pub(super) fn period(r: &RenewalProgress) -> Period {
    Period {
        from: Some(r.from),
        to: Some(r.to),
    }
}

/// The lines above the summary: which renewal, when due, which days count, and whether
/// hours are asked for at all.
pub(super) fn heading(r: &RenewalProgress) -> String {
    let mut o = format!(
        "Renewal {} with {} ({}): due {}; counts {} to {}{}\nRule set: {} ({})\n",
        r.year,
        r.association_name,
        r.category,
        r.due,
        r.from,
        r.to,
        if r.cycle_years > 1 {
            format!(", a {}-year cycle", r.cycle_years)
        } else {
            String::new()
        },
        r.rules_name,
        r.rules
    );
    match r.status {
        RenewalStatus::Due => {}
        RenewalStatus::FirstYearExempt => o.push_str(
            "The first renewal after your endorsement: your association asks for no hours.\n",
        ),
        RenewalStatus::BeforeEndorsement => {
            o.push_str("This renewal was due before your endorsement: nothing was asked.\n")
        }
    }
    let mut other = Vec::new();
    if let Some(y) = r.earlier_year {
        other.push(format!("earlier: --renewal-year {y}"));
    }
    if let Some(y) = r.later_year {
        other.push(format!("later: --renewal-year {y}"));
    }
    if !other.is_empty() {
        o.push_str(&format!("({})\n", other.join(", ")));
    }
    o.push('\n');
    o
}
