//! `attune provided ...`: the RSC you provide to others (as a supervisor or mentor): logged
//! with a pseudonym or initials only, listed with totals beside the RSC you received, deleted.

use std::io::Write;
use std::path::Path;

use attune_core::hours::{format_hmm, parse_minutes, Modality, SessionFormat, MAX_SESSION_MINUTES};
use attune_core::journal::parse_date;
use attune_core::provided::ProvidedDraft;
use attune_core::views::{provided_log, short_id};
use clap::Subcommand;

use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::hours::{dashed, PeriodArgs};
use crate::secrets::Secrets;

/// `attune provided ...`
#[derive(Debug, Subcommand)]
pub enum ProvidedCommand {
    /// Log a session of RSC you provided; prints its id
    Add {
        /// The day it took place (today or before)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Clock minutes, whole
        #[arg(long, allow_hyphen_values = true)]
        minutes: String,
        /// individual or group
        #[arg(long, default_value = "individual")]
        format: String,
        /// in-person, virtual or phone
        #[arg(long)]
        modality: Option<String>,
        /// Whom: a pseudonym or initials (or the group's name), never a full name
        #[arg(long)]
        supervisee: String,
        /// A short reminder
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List the RSC you provided, newest first, with totals and the RSC you received
    List {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Delete one session for good (the id, or at least its first 4 characters)
    Delete {
        /// The session's id or a unique prefix of it
        id: String,
    },
}

pub(crate) fn provided(dir: &Path, secrets: &mut Secrets, action: ProvidedCommand) -> CliResult {
    match action {
        ProvidedCommand::Add {
            date,
            minutes,
            format,
            modality,
            supervisee,
            note,
        } => {
            let draft = ProvidedDraft {
                date: parse_date("--date", &date)?,
                minutes: parse_minutes("--minutes", &minutes, MAX_SESSION_MINUTES)?,
                format: SessionFormat::parse("--format", &format)?,
                modality: modality
                    .map(|m| Modality::parse("--modality", &m))
                    .transpose()?,
                supervisee,
                note,
            }
            .validated(attune_core::journal::today())
            .map_err(dashed)?;
            let mut vault = unlock(dir, secrets)?;
            let saved = vault.provided_mut().add(draft);
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved?.id)?;
            Ok(())
        }
        ProvidedCommand::List { period, json } => {
            let period = period.period()?;
            let vault = unlock(dir, secrets)?;
            let log = provided_log(&vault, period);
            vault.lock()?;
            let mut out = crate::terminal::stdout();
            if json {
                writeln!(out, "{}", to_json(&log)?)?;
                return Ok(());
            }
            for s in &log.sessions {
                let c = &s.content;
                writeln!(
                    out,
                    "{}  {}  {:>6}  {:<10}  {}",
                    short_id(&s.id),
                    c.date,
                    format_hmm(c.minutes),
                    c.format.as_str(),
                    c.supervisee
                )?;
            }
            let p = &log.provided;
            writeln!(
                out,
                "Provided: {} h in {} session{} to {} {} ({} h individual, {} h group).",
                format_hmm(p.minutes),
                p.sessions,
                if p.sessions == 1 { "" } else { "s" },
                p.supervisees,
                if p.supervisees == 1 {
                    "person or group"
                } else {
                    "people or groups"
                },
                format_hmm(p.individual_minutes),
                format_hmm(p.group_minutes),
            )?;
            writeln!(
                out,
                "Received: {} h in {} session{}.",
                format_hmm(log.received_minutes),
                log.received_sessions,
                if log.received_sessions == 1 { "" } else { "s" },
            )?;
            Ok(())
        }
        ProvidedCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.provided().resolve(&id)?.id.clone();
            vault.provided_mut().delete(&id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted session provided {id}.")?;
            Ok(())
        }
    }
}
