//! `attune rules list`: the Endorsement rule sets this version knows (needs no vault).

use std::io::Write;

use attune_core::hours::{format_duration, rule_sets};
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
        writeln!(out, "{:<16}{}", s.id, s.name)?;
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
        writeln!(
            out,
            "{:<16}source: {} (effective {})",
            "", s.source, s.effective
        )?;
    }
    Ok(())
}
