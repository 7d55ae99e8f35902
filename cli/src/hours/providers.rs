//! `attune provider ...`: the providers of the user's supervision, with their credentials
//! and endorsement numbers.

use std::io::Write;
use std::path::Path;

use attune_core::hours::{normalize_credential, ProviderDraft};
use clap::Subcommand;

use super::dashed;
use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune provider ...`
#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// List the providers in your address book
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Add a provider, or change one's details (found by name); logged sessions keep theirs
    Set {
        /// The provider's name, as the association knows them
        name: String,
        /// Endorsement category (IMHM-C, IMHS, ...)
        #[arg(long, value_name = "CAT")]
        credential: Option<String>,
        /// Endorsement number
        #[arg(long, value_name = "NUMBER")]
        endorsement_number: Option<String>,
        /// The association that endorsed them
        #[arg(long)]
        association: Option<String>,
    },
}

pub(crate) fn provider(dir: &Path, secrets: &mut Secrets, action: ProviderCommand) -> CliResult {
    match action {
        ProviderCommand::List { json } => {
            let vault = unlock(dir, secrets)?;
            let list = vault.hours().providers();
            let mut out = crate::terminal::stdout();
            if json {
                writeln!(out, "{}", to_json(list)?)?;
            } else if list.is_empty() {
                writeln!(
                    crate::terminal::stderr(),
                    "No providers yet: they are added as you log sessions."
                )?;
            } else {
                for p in list {
                    let c = &p.content;
                    writeln!(
                        out,
                        "{}  {:<8}  {:<12}  {}",
                        c.name,
                        c.credential.as_deref().unwrap_or("-"),
                        if c.endorsement_number.is_empty() {
                            "-"
                        } else {
                            &c.endorsement_number
                        },
                        c.association
                    )?;
                }
            }
            vault.lock()?;
            Ok(())
        }
        ProviderCommand::Set {
            name,
            credential,
            endorsement_number,
            association,
        } => {
            let credential = credential
                .as_deref()
                .map(|c| normalize_credential("--credential", c))
                .transpose()?;
            let mut vault = unlock(dir, secrets)?;
            let existing = vault.hours().provider_named(&name).cloned();
            let saved = match existing {
                Some(p) => {
                    let c = p.content;
                    let draft = ProviderDraft {
                        name: c.name,
                        credential: credential.unwrap_or(c.credential),
                        endorsement_number: endorsement_number.unwrap_or(c.endorsement_number),
                        association: association.unwrap_or(c.association),
                    };
                    vault
                        .hours_mut()
                        .update_provider(&p.id, draft)
                        .map_err(dashed)?
                }
                None => vault
                    .hours_mut()
                    .add_provider(ProviderDraft {
                        name,
                        credential: credential.flatten(),
                        endorsement_number: endorsement_number.unwrap_or_default(),
                        association: association.unwrap_or_default(),
                    })
                    .map_err(dashed)?,
            };
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved.id)?;
            Ok(())
        }
    }
}
