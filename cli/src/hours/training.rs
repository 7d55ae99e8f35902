//! `attune training ...`: in-service training, logged, listed and deleted.

use std::io::Write;
use std::path::Path;

use attune_core::hours::{
    format_hmm, parse_minutes, Training, TrainingDraft, TrainingTopic, MAX_TRAINING_MINUTES,
};
use attune_core::journal::{parse_date, today};
use attune_core::views::short_id;
use attune_core::Error;
use clap::Subcommand;

use super::{dashed, warn, PeriodArgs};
use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune training ...`
#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Log in-service training; prints its id
    Add {
        /// The day (the last day, for a course over several days)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Clock minutes, whole
        #[arg(long, allow_hyphen_values = true)]
        minutes: String,
        /// The training's title
        #[arg(long)]
        title: String,
        /// Who ran it
        #[arg(long, default_value = "")]
        organiser: String,
        /// The one part of the training requirement it counts toward: iecmh (infant or early
        /// childhood mental health, the default), providing-rsc or dei
        #[arg(long, value_name = "PART")]
        topic: Option<String>,
        /// Short for --topic dei: it was on diversity, equity and inclusion
        #[arg(long)]
        dei: bool,
        /// Short for --topic providing-rsc: it was on providing reflective
        /// supervision/consultation
        #[arg(long)]
        providing_rsc: bool,
        /// A short reminder
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List training, oldest first
    List {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Delete one training entry for good (the id, or at least its first 4 characters)
    Delete {
        /// The entry's id or a unique prefix of it
        id: String,
    },
}

pub(crate) fn training(dir: &Path, secrets: &mut Secrets, action: TrainingCommand) -> CliResult {
    match action {
        TrainingCommand::Add {
            date,
            minutes,
            title,
            organiser,
            topic,
            dei,
            providing_rsc,
            note,
        } => {
            let topic = match (topic, dei, providing_rsc) {
                (Some(t), false, false) => TrainingTopic::parse("--topic", &t)?,
                (None, true, false) => TrainingTopic::Dei,
                (None, false, true) => TrainingTopic::ProvidingRsc,
                (None, false, false) => TrainingTopic::Iecmh,
                _ => {
                    return Err(Error::invalid(
                        if dei { "--dei" } else { "--providing-rsc" },
                        "a training counts toward one part only: give one of --topic, --dei, --providing-rsc",
                    )
                    .into())
                }
            };
            let draft = TrainingDraft {
                date: parse_date("--date", &date)?,
                minutes: parse_minutes("--minutes", &minutes, MAX_TRAINING_MINUTES)?,
                title,
                organiser,
                topic,
                note,
            }
            .validated()
            .map_err(dashed)?;
            let mut vault = unlock(dir, secrets)?;
            let saved = vault.hours_mut().add_training(draft)?;
            vault.lock()?;
            warn(&saved.content.warnings(today()));
            writeln!(crate::terminal::stdout(), "{}", saved.id)?;
            Ok(())
        }
        TrainingCommand::List { period, json } => {
            let period = period.period()?;
            let vault = unlock(dir, secrets)?;
            let list: Vec<&Training> = vault.hours().training_in(period);
            let mut out = crate::terminal::stdout();
            if json {
                writeln!(out, "{}", to_json(&list)?)?;
            } else if list.is_empty() {
                writeln!(crate::terminal::stderr(), "No training.")?;
            } else {
                for t in &list {
                    let c = &t.content;
                    writeln!(
                        out,
                        "{}  {}  {:>6}  {}{} [{}]",
                        short_id(&t.id),
                        c.date,
                        format_hmm(c.minutes),
                        c.title,
                        if c.organiser.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", c.organiser)
                        },
                        c.topic.as_str()
                    )?;
                }
            }
            drop(list);
            vault.lock()?;
            Ok(())
        }
        TrainingCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.hours().resolve_training(&id)?.id.clone();
            vault.hours_mut().delete_training(&id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted training entry {id}.")?;
            Ok(())
        }
    }
}
