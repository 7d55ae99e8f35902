//! `attune provider ...`: the providers of the user's supervision, with the credentials each
//! has held, since when, and their endorsement numbers.

use std::io::Write;
use std::path::Path;

use attune_core::hours::{normalize_credential, ProviderDraft};
use attune_core::journal::today;
use attune_core::views::provider_entries;
use clap::Subcommand;

use super::dashed;
use crate::common::{optional_date, to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune provider ...`
#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// List the providers in your address book, each credential with the day it began
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Add a provider, or change one's details (found by name); logged sessions keep theirs.
    /// With --since, the credential is the one they hold from that day: a session counts
    /// only under the credential its provider held on the session's day
    Set {
        /// The provider's name, as the association knows them
        name: String,
        /// Endorsement category (IMHM-C, IMHS, ...; older names such as "Level IV-Clinical"
        /// are read as today's)
        #[arg(long, value_name = "CAT")]
        credential: Option<String>,
        /// The day they were endorsed in --credential
        #[arg(long, value_name = "YYYY-MM-DD", requires = "credential")]
        since: Option<String>,
        /// Endorsement number (of --credential, else of the credential held today)
        #[arg(long, value_name = "NUMBER")]
        endorsement_number: Option<String>,
        /// The association that endorsed them (for --credential, else the one held today)
        #[arg(long)]
        association: Option<String>,
    },
}

pub(crate) fn provider(dir: &Path, secrets: &mut Secrets, action: ProviderCommand) -> CliResult {
    match action {
        ProviderCommand::List { json } => {
            let vault = unlock(dir, secrets)?;
            let list = provider_entries(vault.hours());
            let mut out = crate::terminal::stdout();
            if json {
                writeln!(out, "{}", to_json(&list)?)?;
            } else if list.is_empty() {
                writeln!(
                    crate::terminal::stderr(),
                    "No providers yet: they are added as you log sessions."
                )?;
            } else {
                let dash = |s: &str| {
                    if s.is_empty() {
                        "-".to_owned()
                    } else {
                        s.to_owned()
                    }
                };
                for p in &list {
                    writeln!(out, "{}", p.provider.content.name)?;
                    for c in &p.provider.content.credentials {
                        writeln!(
                            out,
                            "  {:<9}  {:<16}  {:<12}  {}",
                            c.credential.as_deref().unwrap_or("-"),
                            c.since.map_or("since: not known".to_owned(), |d| {
                                format!("since {d}")
                            }),
                            dash(&c.endorsement_number),
                            c.association
                        )?;
                    }
                }
            }
            vault.lock()?;
            Ok(())
        }
        ProviderCommand::Set {
            name,
            credential,
            since,
            endorsement_number,
            association,
        } => {
            let credential = credential
                .as_deref()
                .map(|c| normalize_credential("--credential", c))
                .transpose()?
                .flatten();
            let since = optional_date("--since", &since)?;
            let mut vault = unlock(dir, secrets)?;
            let existing = vault.hours().provider_named(&name).cloned();
            let mut draft = existing.as_ref().map_or_else(
                || ProviderDraft {
                    name: name.clone(),
                    credentials: Vec::new(),
                },
                |p| p.content.clone(),
            );
            if credential.is_some() || endorsement_number.is_some() || association.is_some() {
                draft.set_credential(
                    credential.as_deref(),
                    since,
                    endorsement_number.as_deref(),
                    association.as_deref(),
                    today(),
                );
            }
            let mut hours = vault.hours_mut();
            let saved = match existing {
                Some(p) => hours.update_provider(&p.id, draft),
                None => hours.add_provider(draft),
            }
            .map_err(dashed)?;
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved.id)?;
            Ok(())
        }
    }
}
