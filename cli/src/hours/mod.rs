//! `attune hours ...`, `attune training ...`, `attune provider ...` and `attune rules list`:
//! supervision hours on the command line. Input is read and checked before the vault is
//! opened, so bad input writes nothing.
//!
//! - [`sessions`]: logging, importing, listing and deleting sessions.
//! - [`summary`]: totals, progress toward a rule set, and the exports (`hours summary`).
//! - [`application`]: the RSC experiences of an application (`hours application`).
//! - [`renewal`]: `hours summary --renewal-year`, one renewal's days and rule set.
//! - [`signed`]: the RSC you provided, from the attestations you signed.
//! - [`training`]: in-service training.
//! - [`providers`]: the providers' address book.
//! - [`rules`]: the Endorsement rule sets this version knows.

mod application;
mod providers;
mod renewal;
mod rules;
mod sessions;
mod signed;
mod summary;
mod training;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use attune_core::hours::{Period, Warning};
use attune_core::Error;
use clap::{Args, Subcommand};

use crate::common::optional_date;
use crate::error::CliResult;
use crate::secrets::Secrets;

pub(crate) use providers::{provider, ProviderCommand};
pub(crate) use rules::{rules, RulesCommand};
pub(crate) use training::{training, TrainingCommand};

/// `attune hours ...`
#[derive(Debug, Subcommand)]
pub enum HoursCommand {
    /// Log a supervision session; prints its id. A session on the same day as one with a
    /// provider of the same or a similar name, or longer than 3 hours, is refused unless
    /// --allow-duplicate or --allow-long says it is right
    Add(sessions::AddArgs),
    /// Import sessions from an hours CSV: all rows or none; sessions already logged are
    /// reported and skipped; rows on the same day as a similar provider's, or longer than
    /// 3 hours, are imported and listed by line to check
    Import {
        /// The CSV file; header: date,minutes,format,provider,credential,modality,
        /// about_rsc_provided,note,facilitated,age_focus (files with the first 8 columns import too)
        file: PathBuf,
        /// Show what would be imported, skipped and worth checking, saving nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// List sessions, oldest first, with their attestation status
    List {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Totals per provider and per month, and progress toward a rule set
    Summary(summary::SummaryArgs),
    /// The RSC experiences for an Endorsement application: one row per provider, format and
    /// stretch of dates (a break of over 92 days starts a new one), with the credential held,
    /// its number and association, clock hours, and whether the rule set counts it
    Application(application::ApplicationArgs),
    /// The RSC you provided, from the attestations you signed (`attune attest`): one entry
    /// for a group session several supervisees logged, with totals for the period
    Provided {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print JSON: {period, sessions: [{date, minutes, format, supervisees,
        /// attestations}], totals}
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (date,minutes,format,supervisees,attestations), for your own
        /// application or renewal
        #[arg(long)]
        csv: bool,
    },
    /// Delete one session for good (the id, or at least its first 4 characters)
    Delete {
        /// The session's id or a unique prefix of it
        id: String,
    },
}

/// `--from` and `--to`.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// Only on or after this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Only on or before this date
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
}

impl PeriodArgs {
    pub(crate) fn period(&self) -> CliResult<Period> {
        let p = Period {
            from: optional_date("--from", &self.from)?,
            to: optional_date("--to", &self.to)?,
        };
        if let (Some(f), Some(t)) = (p.from, p.to) {
            if f > t {
                return Err(Error::invalid("--from", format!("{f} is after --to {t}")).into());
            }
        }
        Ok(p)
    }
}

pub(crate) fn run(dir: &Path, secrets: &mut Secrets, action: HoursCommand) -> CliResult {
    match action {
        HoursCommand::Add(args) => sessions::add(dir, secrets, args),
        HoursCommand::Import { file, dry_run } => sessions::import(dir, secrets, &file, dry_run),
        HoursCommand::List { period, json } => sessions::list(dir, secrets, &period, json),
        HoursCommand::Summary(args) => summary::summary(dir, secrets, &args),
        HoursCommand::Application(args) => application::application(dir, secrets, &args),
        HoursCommand::Provided { period, json, csv } => {
            signed::provided(dir, secrets, &period, json, csv)
        }
        HoursCommand::Delete { id } => sessions::delete(dir, secrets, &id),
    }
}

/// Prints warnings on standard error; one that cannot be printed is no reason to fail.
fn warn(warnings: &[Warning]) {
    for w in warnings {
        let _ = writeln!(crate::terminal::stderr(), "warning: {w}");
    }
}

/// Names command-line options (`--minutes`) where core names fields (`minutes`).
pub(crate) fn dashed(e: Error) -> Error {
    match e {
        Error::InvalidInput {
            field,
            message,
            place,
        } if !field.starts_with("--")
            && field.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
        {
            let field = match field.as_str() {
                "reflections" => "--reflection".to_owned(),
                f => format!("--{}", f.replace('_', "-")),
            };
            Error::InvalidInput {
                field,
                message,
                place,
            }
        }
        e => e,
    }
}
