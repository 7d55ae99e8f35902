//! `attune rules list`: the Endorsement rule sets this version knows (needs no vault).

use std::io::Write;

use attune_core::hours::{associations, format_duration, rule_sets};
use clap::Subcommand;

use crate::common::to_json;
use crate::error::CliResult;

/// `attune rules ...`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the Endorsement rule sets this version knows, with their sources
    List {
        /// Print a JSON array of the rule sets
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn rules(action: RulesCommand) -> CliResult {
    let RulesCommand::List { json } = action;
    let sets = rule_sets()?;
    let mut out = crate::terminal::stdout();
    if json {
        writeln!(out, "{}", to_json(sets)?)?;
        return Ok(());
    }
    for s in sets {
        let r = &s.rsc;
        let window = match (r.window_min_months, r.window_max_months, r.calendar_year) {
            (_, _, true) => "in one calendar year".to_owned(),
            (Some(a), Some(b), _) => format!("over {a} to {b} months"),
            (Some(a), None, _) => format!("over at least {a} months"),
            (None, Some(b), _) => format!("within {b} months"),
            (None, None, _) => String::new(),
        };
        writeln!(out, "{:<15} {}", s.id, s.name)?;
        if r.required_minutes == 0 {
            writeln!(out, "{:<16}RSC: none required", "")?;
        } else {
            writeln!(
                out,
                "{:<16}RSC {} {window}, from {}{}",
                "",
                format_duration(r.required_minutes),
                r.allowed_credentials.join(", "),
                if r.about_rsc_provided_minutes > 0 {
                    format!(
                        "; {} about the RSC you provide",
                        format_duration(r.about_rsc_provided_minutes)
                    )
                } else {
                    String::new()
                }
            )?;
        }
        if let Some(t) = &s.training {
            writeln!(
                out,
                "{:<16}training {}{}{}",
                "",
                format_duration(t.required_minutes),
                if t.dei_minutes > 0 {
                    format!(", {} on DEI", format_duration(t.dei_minutes))
                } else {
                    String::new()
                },
                if t.providing_rsc_minutes > 0 {
                    format!(
                        ", {} on providing RSC",
                        format_duration(t.providing_rsc_minutes)
                    )
                } else {
                    String::new()
                }
            )?;
        }
        if let Some(rn) = &s.renewal {
            writeln!(
                out,
                "{:<16}for {}{}{}{}",
                "",
                rn.categories.join(", "),
                match rn.provides_rsc {
                    Some(true) => " who provide RSC",
                    Some(false) => " who do not provide RSC",
                    None => "",
                },
                rn.min_years_endorsed
                    .map_or(String::new(), |y| format!(", after {y} years endorsed")),
                if rn.associations.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", rn.associations.join(", "))
                }
            )?;
        }
        writeln!(
            out,
            "{:<16}source: {} (effective {})",
            "", s.source, s.effective
        )?;
    }
    writeln!(
        out,
        "\nRenewal calendars (--association in `hours summary --renewal-year`)"
    )?;
    for a in associations()? {
        writeln!(out, "{:<15} {}", a.id, a.name)?;
        let due = chrono::NaiveDate::from_ymd_opt(2001, a.due_month, a.due_day)
            .map_or(String::new(), |d| d.format("%-d %B").to_string());
        writeln!(
            out,
            "{:<16}due by {due}{}{}{}",
            "",
            if a.cycle_years > 1 {
                format!(", every {} years", a.cycle_years)
            } else {
                ", every year".to_owned()
            },
            if a.exempt_first_year {
                "; the first year after endorsement exempt"
            } else {
                ""
            },
            match (a.rsc_min_spread_months, a.rsc_max_spread_months) {
                (Some(x), Some(y)) => format!("; RSC over {x} to {y} months"),
                (Some(x), None) => format!("; RSC over at least {x} months"),
                _ => String::new(),
            }
        )?;
        writeln!(out, "{:<16}source: {} (read {})", "", a.source, a.read)?;
    }
    Ok(())
}
