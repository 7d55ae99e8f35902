//! `attune identity ...` and `attune contact ...`: my card, and the people I share with.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::files::{read_capped, write_atomic, Readers};
use attune_core::person_name::person_name;
use attune_core::share::card::MAX_CARD_TEXT_BYTES;
use attune_core::share::ContactCard;
use attune_core::views::{self, AddedContactView, ContactOrder, ContactView};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde::Serialize;

use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune identity ...`
#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Print your contact card (pasteable text) and fingerprint, or write it to a file
    Show {
        /// Write the card to this file instead (e.g. robin.attune-card)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Set the name others see on your card (attestations match it to session providers)
    SetName {
        /// Your name, as the association knows you
        name: String,
    },
    /// Other spellings of your name that practitioners log you under as their provider
    /// ("Sam S.", "Dr. Sam Supervisor"), so that you can sign those sessions. Replaces the
    /// list; without a spelling, prints it
    Spellings {
        /// Each spelling, as practitioners write it
        #[arg(value_name = "SPELLING")]
        spellings: Vec<String>,
        /// Remove every other spelling
        #[arg(long, conflicts_with = "spellings")]
        clear: bool,
    },
}

/// `attune contact ...`
#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add someone's contact card from a file, or - for standard input (pasted text)
    Add {
        /// The card file, or - to read it from standard input
        #[arg(value_name = "FILE|-")]
        file: String,
    },
    /// Mark a contact verified, after reading the fingerprint aloud with them
    Verify {
        /// Their name, or the first 8+ characters of their fingerprint
        #[arg(value_name = "NAME|FINGERPRINT")]
        contact: String,
    },
    /// List your contacts with their fingerprints
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn identity(dir: &Path, secrets: &mut Secrets, action: IdentityCommand) -> CliResult {
    match action {
        IdentityCommand::Show { out } => {
            let mut vault = unlock(dir, secrets)?;
            let card = vault.sharing_mut().my_card()?;
            vault.lock()?;
            let text = card.to_text();
            let fp = card.fingerprint();
            match out {
                Some(path) => {
                    write_atomic(&path, text.as_bytes(), "your contact card", Readers::Anyone)?;
                    writeln!(
                        crate::terminal::stderr(),
                        "Wrote your card to {}.",
                        path.display()
                    )?;
                    writeln!(crate::terminal::stderr(), "Your fingerprint: {fp}")?;
                }
                None => {
                    let mut o = crate::terminal::stdout();
                    writeln!(o, "Your fingerprint: {fp}")?;
                    writeln!(
                        o,
                        "Read it aloud with the person you give this card to; they compare it with what they see.\n"
                    )?;
                    write!(o, "{text}")?;
                }
            }
            Ok(())
        }
        IdentityCommand::SetName { name } => {
            let mut vault = unlock(dir, secrets)?;
            vault.set_name(&person_name("name", &name).map_err(attune_core::Error::from)?)?;
            let fp = vault.sharing_mut().my_fingerprint()?;
            vault.lock()?;
            writeln!(
                crate::terminal::stderr(),
                "Your card now carries this name; your fingerprint is unchanged: {fp}"
            )?;
            Ok(())
        }
        IdentityCommand::Spellings { spellings, clear } => {
            let mut vault = unlock(dir, secrets)?;
            let kept = if spellings.is_empty() && !clear {
                vault.profile().provider_spellings.clone()
            } else {
                vault.set_provider_spellings(&spellings)?
            };
            let name = vault.profile().name.clone();
            vault.lock()?;
            let mut o = crate::terminal::stdout();
            if kept.is_empty() {
                writeln!(
                    o,
                    "Sessions you can sign name you as {name:?}; no other spelling is kept."
                )?;
            } else {
                writeln!(o, "Sessions you can sign name you as {name:?} or:")?;
                for s in &kept {
                    writeln!(o, "  {s}")?;
                }
            }
            Ok(())
        }
    }
}

/// A contact as `contact list --json` prints it.
#[derive(Debug, Serialize)]
struct ContactLine<'a> {
    name: &'a str,
    role: &'static str,
    fingerprint: &'a str,
    verified: bool,
    /// The name they were verified under, when their card came back under another.
    #[serde(skip_serializing_if = "Option::is_none")]
    renamed_from: Option<&'a str>,
    added_at: DateTime<Utc>,
}

impl<'a> ContactLine<'a> {
    fn of(c: &'a ContactView) -> Self {
        ContactLine {
            name: &c.name,
            role: c.role.as_str(),
            fingerprint: &c.fingerprint,
            verified: c.verified,
            renamed_from: c.renamed_from.as_deref(),
            added_at: c.added_at,
        }
    }
}

pub(crate) fn contact(dir: &Path, secrets: &mut Secrets, action: ContactCommand) -> CliResult {
    match action {
        ContactCommand::Add { file } => {
            let mut vault_opt = None;
            let bytes = if file == "-" {
                vault_opt = Some(unlock(dir, secrets)?);
                secrets.rest_of_stdin()?.into_bytes()
            } else {
                read_capped(Path::new(&file), MAX_CARD_TEXT_BYTES, "a contact card")?
            };
            let card = ContactCard::parse(&bytes)?;
            let mut vault = match vault_opt {
                Some(v) => v,
                None => unlock(dir, secrets)?,
            };
            let added = AddedContactView::of(&vault.sharing_mut().add_contact(card)?);
            vault.lock()?;
            let c = &added.contact;
            let mut o = crate::terminal::stdout();
            if added.new {
                writeln!(
                    o,
                    "Added {} [{}] ({}).\nFingerprint: {}\nRead it aloud with {} (in person or by phone); if it is the same, run:\n  attune contact verify \"{}\"",
                    c.name,
                    c.short_fingerprint,
                    c.role.as_str(),
                    c.fingerprint,
                    c.name,
                    c.short_fingerprint
                )?;
            } else {
                writeln!(
                    o,
                    "{} [{}] was already a contact (same keys); name and role updated, {}.\nFingerprint: {}",
                    c.name,
                    c.short_fingerprint,
                    match (&c.renamed_from, c.verified) {
                        (Some(old), _) => format!(
                            "no longer verified: the name changed from {old}; compare fingerprints again, then run `attune contact verify \"{}\"`",
                            c.short_fingerprint
                        ),
                        (None, true) => "still verified".to_owned(),
                        (None, false) => "not verified yet".to_owned(),
                    },
                    c.fingerprint
                )?;
            }
            Ok(())
        }
        ContactCommand::Verify { contact } => {
            let mut vault = unlock(dir, secrets)?;
            let c = ContactView::of(&vault.sharing_mut().verify_contact(&contact)?);
            vault.lock()?;
            writeln!(crate::terminal::stdout(),
                "{} is verified: fingerprint {}. You can now share with them and receive from them.",
                c.name, c.fingerprint
            )?;
            Ok(())
        }
        ContactCommand::List { json } => {
            let vault = unlock(dir, secrets)?;
            let contacts = views::contacts(&vault, ContactOrder::Added);
            let mut o = crate::terminal::stdout();
            if json {
                let lines: Vec<ContactLine<'_>> = contacts.iter().map(ContactLine::of).collect();
                writeln!(o, "{}", to_json(&lines)?)?;
            } else if contacts.is_empty() {
                writeln!(
                    crate::terminal::stderr(),
                    "No contacts yet: add a card with `attune contact add FILE`."
                )?;
            } else {
                for c in &contacts {
                    writeln!(
                        o,
                        "{:<24}  {:<12}  {}  {}",
                        c.name,
                        c.role.as_str(),
                        c.fingerprint,
                        match (&c.renamed_from, c.verified) {
                            (Some(old), _) => format!("NOT verified (name changed from {old})"),
                            (None, true) => "verified".to_owned(),
                            (None, false) => "NOT verified".to_owned(),
                        }
                    )?;
                }
            }
            vault.lock()?;
            Ok(())
        }
    }
}
