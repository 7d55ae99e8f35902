//! `attune`, the command line: every command is a few lines over attune-core. Errors are one
//! `error:` line on stderr and a non-zero exit; a failing command writes nothing. With no
//! command it opens the desktop window, which is a binary of its own (`attune-desktop`), so
//! that the command line never loads a web view.

mod backup;
mod common;
mod desk;
mod entry;
mod error;
mod export;
mod hours;
mod import;
mod keys;
mod manual;
mod portfolio;
mod provided;
mod secrets;
mod share;
mod sync;
mod terminal;
mod window;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use attune_core::{CreateOptions, Error, Role, Vault};
use clap::{Parser, Subcommand};

use error::{CliError, CliResult};
use secrets::Secrets;

fn main() -> ExitCode {
    attune_core::files::keep_new_files_private();
    let cli = Cli::parse();
    if cli.command.is_none() {
        return match cli.vault_dir().and_then(|dir| window::open(&dir)) {
            Ok(code) => code,
            Err(e) => report(&e),
        };
    }
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

/// Attune: an encrypted journal for reflective supervision in infant and early childhood
/// mental health. With no command, opens the desktop app.
#[derive(Debug, Parser)]
#[command(name = "attune", version, about, long_about = None)]
struct Cli {
    /// The vault directory [default: the OS data directory, e.g. ~/.local/share/attune]
    #[arg(long, global = true, env = "ATTUNE_VAULT", value_name = "DIR")]
    vault: Option<PathBuf>,

    /// Read the passphrase (or recovery key) from the first line of standard input instead of
    /// asking on the terminal
    #[arg(long, global = true)]
    passphrase_stdin: bool,

    /// What to do; with none, the desktop app opens
    #[command(subcommand)]
    command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Create a vault and print its recovery key (shown only this once)
    Init {
        /// Your name, as supervisors and colleagues will see it on your contact card
        #[arg(long)]
        name: Option<String>,
        /// practitioner or supervisor
        #[arg(long, default_value = "practitioner", value_parser = ["practitioner", "supervisor"])]
        role: String,
    },
    /// Exit 0 if the passphrase (or, with --recovery-key, the recovery key) opens the vault
    UnlockCheck {
        /// Check the recovery key instead of the passphrase
        #[arg(long)]
        recovery_key: bool,
    },
    /// Passphrase management
    Passphrase {
        #[command(subcommand)]
        action: PassphraseCommand,
    },
    /// Recovery key management
    RecoveryKey {
        #[command(subcommand)]
        action: RecoveryKeyCommand,
    },
    /// Reflections: add, list, show, delete
    Entry {
        #[command(subcommand)]
        action: entry::EntryCommand,
    },
    /// Search reflections: every word must match the start of a word (case and accents ignored)
    Search(entry::SearchArgs),
    /// Supervision hours: add, import, list, summary (with progress toward Endorsement)
    Hours {
        #[command(subcommand)]
        action: hours::HoursCommand,
    },
    /// In-service training: add, list, delete
    Training {
        #[command(subcommand)]
        action: hours::TrainingCommand,
    },
    /// The providers of your supervision: names, credentials, endorsement numbers
    Provider {
        #[command(subcommand)]
        action: hours::ProviderCommand,
    },
    /// The other parts of an Endorsement® application: checklist, add, edit, delete
    Portfolio {
        #[command(subcommand)]
        action: portfolio::PortfolioCommand,
    },
    /// The RSC you provide to others (as a supervisor or mentor): add, list, delete
    Provided {
        #[command(subcommand)]
        action: provided::ProvidedCommand,
    },
    /// Endorsement rule sets (needs no vault)
    Rules {
        #[command(subcommand)]
        action: hours::RulesCommand,
    },
    /// Your identity: the contact card others add to share with you
    Identity {
        #[command(subcommand)]
        action: share::IdentityCommand,
    },
    /// The people you share with: add their cards, verify fingerprints, list
    Contact {
        #[command(subcommand)]
        action: share::ContactCommand,
    },
    /// Share reflections (chosen sections) and/or hours to confirm with one contact, as an
    /// encrypted *.attune-share file only they can open
    Share(share::ShareArgs),
    /// Import a share bundle or an attestation (receiving the same file twice changes nothing)
    Receive {
        /// The *.attune-share or *.attune-attest file
        file: PathBuf,
    },
    /// What others shared with you, with comments
    Shared {
        #[command(subcommand)]
        action: share::SharedCommand,
    },
    /// The supervisor's desk: one row per supervisee with what is new, comments not sent,
    /// reflections not answered, sessions waiting for your signature, the last attestation
    /// and the last supervision
    Supervisees {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// The list for the next supervision with one supervisee, to print: what they want to
    /// bring, their reflections not answered yet, and what you noted to hold in mind
    Prepare {
        /// The supervisee: their name, or the first 8+ characters of their fingerprint
        #[arg(long = "for", value_name = "NAME")]
        who: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Private notes about a supervisee, never sent: add, list, delete
    Note {
        #[command(subcommand)]
        action: desk::NoteCommand,
    },
    /// Comment on a reflection shared with you (prints the comment's id)
    Comment {
        /// The shared reflection's id (with --edit or --delete: your comment's id, as
        /// printed when written), or at least its first 4 characters
        id: String,
        /// The comment (with --edit: its new text)
        #[arg(required_unless_present = "delete")]
        text: Option<String>,
        /// Replace the text of your comment ID, until it is sent
        #[arg(long, conflicts_with = "delete")]
        edit: bool,
        /// Delete your comment ID, until it is sent
        #[arg(long, conflicts_with = "text")]
        delete: bool,
    },
    /// Send your new comments back to the practitioner, as a *.attune-share file
    Reply(share::ReplyArgs),
    /// Sign for the sessions a practitioner sent you where you were the provider and that
    /// you have not signed yet (by period, or ticked one by one with --sessions)
    Attest(share::AttestArgs),
    /// The attestations you signed: list them (per person), or write one to a file again
    Attestations {
        #[command(subcommand)]
        action: desk::AttestationsCommand,
    },
    /// Check an attestation file and say who signed it (needs no vault)
    Verify {
        /// The *.attune-attest file
        file: PathBuf,
    },
    /// Export the whole journal, unencrypted: one Markdown file per reflection (front
    /// matter: title, date, kind, family, tags, attune_id) into a new or empty folder, or
    /// one JSON file
    Export {
        /// markdown or json
        #[arg(long, value_enum)]
        format: export::ExportFormat,
        /// The folder (markdown) or file (json) to write
        #[arg(long, value_name = "DIR|FILE")]
        out: PathBuf,
    },
    /// Import the entries of another journal as reflections, all or none (what was imported
    /// before is skipped; a backup is taken first): jrnl (`jrnl --export json`), dayone (Day
    /// One's JSON export: the zip or its .json), standardnotes (a decrypted backup), markdown
    /// (a folder of .md files with front matter, or one file), json (Attune's own export)
    Import {
        /// The file (or, for markdown, the folder)
        path: PathBuf,
        /// jrnl, dayone, standardnotes, markdown or json
        #[arg(long, value_name = "SOURCE")]
        from: String,
        /// Show what would be imported and what is not kept, saving nothing
        #[arg(long)]
        dry_run: bool,
        /// The kind the entries become (Attune's own exports keep theirs)
        #[arg(long, default_value = "note", value_parser = ["note", "home_visit", "supervision"])]
        kind: String,
    },
    /// Take a backup now, verified (every record decrypted once), into the vault's backups
    /// folder or --out FILE; `backup list`, `backup verify FILE`
    #[command(args_conflicts_with_subcommands = true)]
    Backup {
        #[command(subcommand)]
        action: Option<backup::BackupCommand>,
        /// Write the backup to this file instead
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Restore a backup: verified first, then written beside the vault and swapped in (the
    /// vault it replaces is kept as a backup), or made a new vault with --into DIR. Asks
    /// the passphrase that was current when the backup was taken
    Restore {
        /// The *.attune-backup file
        file: PathBuf,
        /// Make a new vault in this folder instead of replacing the vault
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Use the recovery key of the backup instead of its passphrase
        #[arg(long)]
        recovery_key: bool,
    },
    /// One journal on several devices, through a folder you already sync: enable, join,
    /// now, status
    Sync {
        #[command(subcommand)]
        action: sync::SyncCommand,
    },
    /// Print the completions of these commands for a shell (bash, zsh, fish, elvish,
    /// powershell) to standard output; the packages install them
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page attune(1) in roff to standard output; with --dir, write it and
    /// every command's own page into a folder instead. The packages install them
    #[command(hide = true)]
    Manpage {
        /// The folder to write attune.1 and every command's page into (made if missing)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `attune passphrase ...`
#[derive(Debug, Subcommand)]
enum PassphraseCommand {
    /// Change the passphrase (with --passphrase-stdin: first line the current passphrase, or
    /// with --recovery-key the recovery key; second line the new one)
    Change {
        /// Forgot the passphrase? Prove the change with the recovery key instead
        #[arg(long)]
        recovery_key: bool,
    },
}

/// `attune recovery-key ...`
#[derive(Debug, Subcommand)]
enum RecoveryKeyCommand {
    /// Make a new recovery key and print it once; the old one stops working (asks the
    /// passphrase)
    New,
}

impl Cli {
    /// The vault directory: `--vault`, else `$ATTUNE_VAULT`, else the OS data directory
    /// (the same rule as the desktop app's).
    fn vault_dir(&self) -> CliResult<PathBuf> {
        match &self.vault {
            Some(dir) => Ok(dir.clone()),
            None => Ok(attune_core::vault::default_dir()?),
        }
    }
}

/// `attune completions SHELL`: the script as clap writes it, straight to standard output
/// (a shell script, not text to escape).
fn completions(shell: clap_complete::Shell) -> CliResult {
    // Made in memory first: writing to a closed pipe is then an error, not a panic.
    let mut script = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "attune",
        &mut script,
    );
    let mut out = terminal::script_stdout().lock();
    out.write_all(&script)?;
    Ok(out.flush()?)
}

/// Prints a failure as one `error:` line and returns the failing exit code.
fn report(e: &CliError) -> ExitCode {
    let msg = e.to_string();
    // Messages are one line by contract; fold any stray newline.
    let _ = writeln!(terminal::stderr(), "error: {}", msg.replace('\n', " "));
    ExitCode::FAILURE
}

fn dispatch(cli: Cli) -> CliResult {
    // Checking an attestation needs no vault, nor a data directory; nor do completions.
    if let Some(Command::Verify { file }) = &cli.command {
        return share::verify(file);
    }
    if let Some(Command::Completions { shell }) = &cli.command {
        return completions(*shell);
    }
    if let Some(Command::Manpage { dir }) = &cli.command {
        return manual::manpage(dir.as_deref());
    }
    let dir = cli.vault_dir()?;
    let mut secrets = Secrets::new(cli.passphrase_stdin);
    let Some(command) = cli.command else {
        return Err(CliError::Input("no command given".into()));
    };
    match command {
        Command::Init { name, role } => init(&dir, &mut secrets, name, &role),
        Command::UnlockCheck { recovery_key } => {
            keys::unlock_check(&dir, &mut secrets, recovery_key)
        }
        Command::Passphrase {
            action: PassphraseCommand::Change { recovery_key },
        } => keys::change_passphrase(&dir, &mut secrets, recovery_key),
        Command::RecoveryKey {
            action: RecoveryKeyCommand::New,
        } => keys::new_recovery_key(&dir, &mut secrets),
        Command::Entry { action } => entry::run(&dir, &mut secrets, action),
        Command::Search(args) => entry::search(&dir, &mut secrets, &args),
        Command::Hours { action } => hours::run(&dir, &mut secrets, action),
        Command::Training { action } => hours::training(&dir, &mut secrets, action),
        Command::Provider { action } => hours::provider(&dir, &mut secrets, action),
        Command::Portfolio { action } => portfolio::portfolio(&dir, &mut secrets, action),
        Command::Provided { action } => provided::provided(&dir, &mut secrets, action),
        Command::Rules { action } => hours::rules(action),
        Command::Identity { action } => share::identity(&dir, &mut secrets, action),
        Command::Contact { action } => share::contact(&dir, &mut secrets, action),
        Command::Share(args) => share::share(&dir, &mut secrets, args),
        Command::Receive { file } => share::receive(&dir, &mut secrets, &file),
        Command::Shared { action } => share::shared(&dir, &mut secrets, action),
        Command::Supervisees { json } => desk::supervisees(&dir, &mut secrets, json),
        Command::Note { action } => desk::note(&dir, &mut secrets, action),
        Command::Prepare { who, json } => desk::prepare(&dir, &mut secrets, &who, json),
        Command::Comment {
            id,
            text,
            edit,
            delete,
        } => {
            let change = match (text, edit, delete) {
                (_, _, true) => share::CommentChange::Delete,
                (Some(text), true, _) => share::CommentChange::Edit(text),
                (Some(text), false, _) => share::CommentChange::Write(text),
                (None, _, false) => return Err(CliError::Input("comment: give its text".into())),
            };
            share::comment(&dir, &mut secrets, &id, change)
        }
        Command::Reply(args) => share::reply(&dir, &mut secrets, &args),
        Command::Attest(args) => share::attest(&dir, &mut secrets, &args),
        Command::Attestations { action } => desk::attestations(&dir, &mut secrets, action),
        Command::Verify { file } => share::verify(&file),
        Command::Completions { shell } => completions(shell),
        Command::Manpage { dir } => manual::manpage(dir.as_deref()),
        Command::Import {
            path,
            from,
            dry_run,
            kind,
        } => import::run(&dir, &mut secrets, &path, &from, dry_run, &kind),
        Command::Export { format, out } => export::export(&dir, &mut secrets, format, &out),
        Command::Backup {
            action: Some(action),
            ..
        } => backup::run(&dir, &mut secrets, action),
        Command::Backup { action: None, out } => backup::take(&dir, &mut secrets, out.as_deref()),
        Command::Restore {
            file,
            into,
            recovery_key,
        } => backup::restore(&dir, &mut secrets, &file, into.as_deref(), recovery_key),
        Command::Sync { action } => sync::run(&dir, &mut secrets, action),
    }
}

fn init(
    dir: &std::path::Path,
    secrets: &mut Secrets,
    name: Option<String>,
    role: &str,
) -> CliResult {
    if Vault::exists(dir) {
        return Err(Error::VaultExists(dir.to_path_buf()).into());
    }
    let role = Role::parse(role)?;
    // The name goes on the vault's card: the person-name rule applies before anything else.
    let name = match name {
        Some(n) if !n.trim().is_empty() => {
            Some(attune_core::person_name::person_name("name", &n).map_err(Error::from)?)
        }
        other => other,
    };
    let pass = secrets.read_new("New passphrase: ", "Passphrase again: ")?;
    let options = CreateOptions {
        name,
        role,
        ..CreateOptions::default()
    };
    let (vault, recovery) = Vault::create(dir, &pass, &options)?;
    vault.lock()?;
    let mut out = crate::terminal::stdout();
    writeln!(out, "Created a vault in {}.", dir.display())?;
    writeln!(out)?;
    keys::print_recovery_key(&mut out, &recovery)
}
