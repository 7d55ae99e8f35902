//! `attune hours application`: the RSC experiences of an Endorsement® application, one row
//! per provider, format and stretch of dates, as CSV, JSON or a PDF page.

use std::io::Write;
use std::path::PathBuf;

use attune_core::hours::{
    experiences_pdf, rule_set, write_experiences_csv, ExperiencesReport, PageSize,
};
use attune_core::journal::today;
use attune_core::Error;
use clap::{Args, ValueEnum};

use super::summary::{emit, page_size};
use super::PeriodArgs;
use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// What `hours application` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApplicationFormat {
    /// CSV, one row per experience
    Csv,
    /// A JSON array, one object per experience
    Json,
    /// A PDF page (needs --out)
    Pdf,
}

/// `attune hours application`
#[derive(Debug, Args)]
pub struct ApplicationArgs {
    #[command(flatten)]
    period: PeriodArgs,
    /// The category applied for, as a rule set (see `attune rules list`), e.g. imh-e/imhs;
    /// it decides which rows count
    #[arg(long, value_name = "ID")]
    rules: String,
    /// Output format
    #[arg(long, value_enum, default_value = "csv")]
    format: ApplicationFormat,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The PDF's paper: a4 or letter (default: that of your locale, LC_PAPER or LANG)
    #[arg(long, value_name = "SIZE", value_parser = page_size)]
    page_size: Option<PageSize>,
}

pub(super) fn application(
    dir: &std::path::Path,
    secrets: &mut Secrets,
    args: &ApplicationArgs,
) -> CliResult {
    let period = args.period.period()?;
    let rules = rule_set(&args.rules).map_err(|e| match e {
        Error::InvalidInput { message, .. } => Error::invalid("--rules", message),
        e => e,
    })?;
    if args.format == ApplicationFormat::Pdf && args.out.is_none() {
        return Err(
            Error::invalid("--out", "a PDF needs a file to go to: add --out FILE.pdf").into(),
        );
    }
    let vault = unlock(dir, secrets)?;
    let rows = vault.hours().experiences(rules, period, today());
    let bytes = match args.format {
        ApplicationFormat::Csv => write_experiences_csv(&rows)?,
        ApplicationFormat::Json => {
            let mut t = to_json(&rows)?;
            t.push('\n');
            t.into_bytes()
        }
        ApplicationFormat::Pdf => experiences_pdf(&ExperiencesReport {
            name: &vault.profile().name,
            rules,
            period,
            rows: &rows,
            page: args.page_size.unwrap_or_else(PageSize::from_environment),
            generated_on: today(),
        })?,
    };
    vault.lock()?;
    emit(args.out.as_deref(), &bytes)?;
    if let Some(out) = &args.out {
        writeln!(crate::terminal::stderr(), "Wrote {}.", out.display())?;
    }
    Ok(())
}
