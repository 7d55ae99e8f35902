//! `attune supervisees`, `attune note ...`, `attune prepare` and `attune attestations ...`:
//! the supervisor's desk on the command line: one row per supervisee, private notes about
//! them that are never sent, the list for the next supervision with one of them, and the
//! attestations signed.

use std::io::Write;
use std::path::Path;

use attune_core::desk::{NoteDraft, NoteSection, SuperviseeNote};
use attune_core::files::read_capped;
use attune_core::journal::{today, MAX_DRAFT_JSON_BYTES};
use attune_core::views::{self, short_id};
use clap::Subcommand;

use crate::common::{to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune supervisees`: the desk's rows.
pub(crate) fn supervisees(dir: &Path, secrets: &mut Secrets, json: bool) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let rows = views::desk(&vault);
    vault.lock()?;
    let mut o = crate::terminal::stdout();
    if json {
        writeln!(o, "{}", to_json(&rows)?)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(
            crate::terminal::stderr(),
            "No supervisees yet: nobody has shared reflections or hours with you."
        )?;
        return Ok(());
    }
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    for r in &rows {
        writeln!(
            o,
            "{} [{}]{}",
            r.name,
            r.short_fingerprint,
            if r.verified { "" } else { "  (not verified)" }
        )?;
        writeln!(
            o,
            "  new {}  unsent {}  unanswered {}  unsigned sessions {}  last attested {}  last supervision {}{}",
            r.new,
            r.unsent,
            r.unanswered,
            r.unsigned_sessions,
            date(r.last_attested),
            date(r.last_supervision),
            match r.notes {
                0 => String::new(),
                1 => "  (1 note)".to_owned(),
                n => format!("  ({n} notes)"),
            }
        )?;
    }
    Ok(())
}

/// `attune note ...`
#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Write a private note about a supervisee (never sent to anyone) from JSON (a file, or -
    /// for standard input): {"date":"YYYY-MM-DD","in_me":"...","parallel_process":"...",
    /// "next_time":"...","text":"..."}, every field optional but one; prints its id
    Add {
        /// Whom it is about: their name, or the first 8+ characters of their fingerprint
        #[arg(long, value_name = "NAME")]
        about: String,
        /// The note as JSON
        #[arg(long, value_name = "FILE|-")]
        json: String,
    },
    /// List the private notes about a supervisee, newest first
    List {
        /// Whom they are about
        #[arg(long, value_name = "NAME")]
        about: String,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Delete one note for good (the id, or at least its first 4 characters)
    Delete {
        /// The note's id or a unique prefix of it
        id: String,
    },
}

pub(crate) fn note(dir: &Path, secrets: &mut Secrets, action: NoteCommand) -> CliResult {
    match action {
        NoteCommand::Add { about, json } => {
            // As `entry add`: the passphrase (if on standard input) comes first, then the JSON.
            let mut vault = unlock(dir, secrets)?;
            let text = if json == "-" {
                secrets.rest_of_stdin()?
            } else {
                let bytes = read_capped(Path::new(&json), MAX_DRAFT_JSON_BYTES, "a note")?;
                String::from_utf8(bytes)
                    .map_err(|_| CliError::Input(format!("{json}: is not UTF-8 text")))?
            };
            let who = vault.desk_mut().about(&about).map_err(on_about)?;
            let draft = NoteDraft::from_json(&text, who, today())?;
            let saved = vault.desk_mut().add_note(draft);
            vault.lock()?;
            writeln!(crate::terminal::stdout(), "{}", saved?.id)?;
            Ok(())
        }
        NoteCommand::List { about, json } => {
            let mut vault = unlock(dir, secrets)?;
            let who = vault.desk_mut().about(&about).map_err(on_about)?;
            let notes: Vec<SuperviseeNote> =
                vault.desk().notes_about(who).into_iter().cloned().collect();
            vault.lock()?;
            let mut o = crate::terminal::stdout();
            if json {
                writeln!(o, "{}", to_json(&notes)?)?;
                return Ok(());
            }
            if notes.is_empty() {
                writeln!(crate::terminal::stderr(), "No notes about {about} yet.")?;
            }
            for n in &notes {
                writeln!(o, "{}  {}", short_id(&n.id), n.content.date)?;
                for s in NoteSection::ALL {
                    let text = s.of(&n.content);
                    if !text.is_empty() {
                        writeln!(o, "  {}\n    {}", s.prompt(), text.replace('\n', "\n    "))?;
                    }
                }
            }
            Ok(())
        }
        NoteCommand::Delete { id } => {
            let mut vault = unlock(dir, secrets)?;
            let id = vault.desk().resolve_note(&id)?.id.clone();
            vault.desk_mut().delete_note(&id)?;
            vault.lock()?;
            writeln!(crate::terminal::stderr(), "Deleted note {id}.")?;
            Ok(())
        }
    }
}

/// A contact that `--about` does not name, said as the option.
fn on_about(e: attune_core::Error) -> attune_core::Error {
    match e {
        attune_core::Error::NotFound { id, .. } => {
            attune_core::Error::invalid("--about", format!("no contact is named {id:?}"))
        }
        attune_core::Error::AmbiguousId { id, .. } => attune_core::Error::invalid(
            "--about",
            format!("{id:?} names more than one contact; give more of the fingerprint"),
        ),
        e => e,
    }
}

/// `attune prepare --for NAME`: the list for the next supervision with one person.
pub(crate) fn prepare(dir: &Path, secrets: &mut Secrets, who: &str, json: bool) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let prep = attune_core::desk::prepare(vault.sharing(), vault.desk(), who);
    vault.lock()?;
    let prep = prep?;
    let mut o = crate::terminal::stdout();
    if json {
        writeln!(o, "{}", to_json(&prep)?)?;
        return Ok(());
    }
    writeln!(
        o,
        "Next supervision with {} ({})",
        prep.name, prep.fingerprint
    )?;
    for (heading, items) in [
        ("They want to bring", &prep.to_bring),
        ("Not answered yet", &prep.unanswered),
        ("I will hold in mind", &prep.my_notes),
    ] {
        writeln!(o, "\n{heading}:")?;
        if items.is_empty() {
            writeln!(o, "  (nothing)")?;
        }
        for i in items {
            let from = if i.title.is_empty() || i.title == i.text {
                i.date.to_string()
            } else {
                format!("{}, {}", i.date, i.title)
            };
            writeln!(o, "  - {}  [{from}]", i.text.replace('\n', "\n    "))?;
        }
    }
    if prep.unsent_comments > 0 {
        writeln!(
            o,
            "\n{} comment{} written and not sent yet (`attune reply --to`).",
            prep.unsent_comments,
            if prep.unsent_comments == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// `attune attestations ...`
#[derive(Debug, Subcommand)]
pub enum AttestationsCommand {
    /// The attestations you signed, newest first
    List {
        /// Only those for this person (their name, or the first 8+ characters of their
        /// fingerprint)
        #[arg(long = "for", value_name = "NAME")]
        who: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Write an attestation you signed to a file again, exactly as signed
    Save {
        /// Its id (as `attestations list` and `attune verify` show it), or at least its
        /// first 4 characters
        id: String,
        /// The file to write (*.attune-attest)
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

pub(crate) fn attestations(
    dir: &Path,
    secrets: &mut Secrets,
    action: AttestationsCommand,
) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let mut o = crate::terminal::stdout();
    match action {
        AttestationsCommand::List { who, json } => {
            let sh = vault.sharing();
            let who = who
                .map(|w| sh.resolve_contact(&w).map(|c| c.card.fingerprint()))
                .transpose()?;
            let rows = attune_core::desk::issued(sh, who);
            vault.lock()?;
            if json {
                writeln!(o, "{}", to_json(&rows)?)?;
                return Ok(());
            }
            if rows.is_empty() {
                writeln!(crate::terminal::stderr(), "No attestations signed yet.")?;
            }
            for r in &rows {
                writeln!(
                    o,
                    "{}  {}  {} [{}]  {} to {}  {} session{}, {}",
                    short_id(&r.id),
                    r.signed_on,
                    r.name,
                    r.fingerprint,
                    r.from,
                    r.to,
                    r.sessions,
                    if r.sessions == 1 { "" } else { "s" },
                    attune_core::hours::format_hmm(r.minutes)
                )?;
            }
        }
        AttestationsCommand::Save { id, out } => {
            let file = attune_core::desk::resolve_issued(vault.sharing(), &id)?
                .file
                .clone();
            vault.lock()?;
            attune_core::files::write_atomic(
                &out,
                file.as_bytes(),
                "the attestation",
                attune_core::files::Readers::Owner,
            )?;
            writeln!(o, "Wrote {}.", out.display())?;
        }
    }
    Ok(())
}
