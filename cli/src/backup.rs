//! `attune backup [--out FILE]`, `attune backup list [--json]`, `attune backup verify FILE`
//! and `attune restore FILE [--into DIR]`: backups taken, checked and restored from the
//! command line, the same as from Settings.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::backup::{self, BackupReason};
use attune_core::files::size_in_words;
use attune_core::vault::{backups_dir, restore_backup, verify_backup, VerifiedBackup};
use attune_core::{Error, Unlock, Vault};
use clap::Subcommand;
use serde::Serialize;

use crate::common::{to_json, unlock};
use crate::error::CliResult;
use crate::secrets::Secrets;

/// `attune backup ...`
#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups in the vault's backups folder, newest first, damaged ones last with what
    /// is wrong (needs no passphrase)
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Check a backup: every byte, and every record decrypted once with the passphrase (or
    /// recovery key) that was current when it was taken
    Verify {
        /// The *.attune-backup file
        file: PathBuf,
        /// Use the recovery key instead of the passphrase
        #[arg(long)]
        recovery_key: bool,
    },
    /// After a passphrase change because the old one may be known: take a new backup, then
    /// delete this vault's backups (in both folders) that still open with an older
    /// passphrase or recovery key
    Retire,
}

fn say_verified(v: &VerifiedBackup, verb: &str) -> CliResult {
    let m = &v.manifest;
    writeln!(
        crate::terminal::stdout(),
        "{verb} {} ({} record{}, taken {} UTC, {}), verified: every record opened.",
        v.path.display(),
        m.record_count(),
        if m.record_count() == 1 { "" } else { "s" },
        m.created_at.format("%Y-%m-%d %H:%M"),
        m.reason.as_str()
    )?;
    Ok(())
}

/// `attune backup [--out FILE]`: a backup now, into the backups folder or FILE.
pub(crate) fn take(dir: &Path, secrets: &mut Secrets, out: Option<&Path>) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let done = match out {
        Some(file) => vault.back_up_to(file, BackupReason::Manual),
        None => vault.back_up(&backups_dir(dir), BackupReason::Manual),
    };
    vault.lock()?;
    say_verified(&done?, "Backed up to")
}

/// One backup as `backup list --json` prints it.
#[derive(Serialize)]
struct Listed<'a> {
    path: &'a Path,
    bytes: u64,
    created_at: Option<String>,
    reason: Option<&'static str>,
    records: Option<u64>,
    vault_id: Option<&'a str>,
    problem: Option<&'a str>,
}

pub(crate) fn run(dir: &Path, secrets: &mut Secrets, action: BackupCommand) -> CliResult {
    match action {
        BackupCommand::List { json } => list(dir, json),
        BackupCommand::Verify { file, recovery_key } => {
            let secret = read_secret(secrets, recovery_key)?;
            let v = verify_backup(&file, secret.unlock())?;
            say_verified(&v, "The backup")
        }
        BackupCommand::Retire => retire(dir, secrets),
    }
}

/// `attune backup retire`.
fn retire(dir: &Path, secrets: &mut Secrets) -> CliResult {
    let vault = unlock(dir, secrets)?;
    let done = vault.retire_older_backups();
    vault.lock()?;
    let done = done?;
    let mut out = crate::terminal::stdout();
    if done.removed == 0 && done.failed.is_empty() {
        writeln!(
            out,
            "No backup of this vault opens with an older passphrase or recovery key."
        )?;
    } else {
        for v in &done.written {
            say_verified(v, "Backed up to")?;
        }
        writeln!(
            out,
            "Deleted {} backup{} that opened with an older passphrase or recovery key.",
            done.removed,
            if done.removed == 1 { "" } else { "s" }
        )?;
    }
    if done.left_unreadable > 0 {
        writeln!(
            out,
            "{} file{} in the backup folders do not read as a backup and were left alone.",
            done.left_unreadable,
            if done.left_unreadable == 1 { "" } else { "s" }
        )?;
    }
    if let Some((folder, why)) = done.failed.first() {
        return Err(Error::invalid(
            "backup",
            format!(
                "no new backup could be written to {} ({why}); nothing was deleted there",
                folder.display()
            ),
        )
        .into());
    }
    Ok(())
}

fn list(dir: &Path, json: bool) -> CliResult {
    let entries = backup::list(&backups_dir(dir))?;
    let mut out = crate::terminal::stdout();
    if json {
        let rows: Vec<Listed<'_>> = entries
            .iter()
            .map(|e| Listed {
                path: &e.path,
                bytes: e.bytes,
                created_at: e.manifest.as_ref().map(|m| m.created_at.to_rfc3339()),
                reason: e.manifest.as_ref().map(|m| m.reason.as_str()),
                records: e.manifest.as_ref().map(|m| m.record_count()),
                vault_id: e.manifest.as_ref().map(|m| m.vault_id.as_str()),
                problem: e.problem.as_deref(),
            })
            .collect();
        writeln!(out, "{}", to_json(&rows)?)?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(out, "No backups in {} yet.", backups_dir(dir).display())?;
        return Ok(());
    }
    for e in &entries {
        match (&e.manifest, &e.problem) {
            (Some(m), _) => writeln!(
                out,
                "{}  {:<24} {:>6} records  {:>8}  {}",
                m.created_at.format("%Y-%m-%d %H:%M UTC"),
                m.reason.as_str(),
                m.record_count(),
                size_in_words(e.bytes),
                e.path.display()
            )?,
            (None, problem) => writeln!(
                out,
                "DAMAGED  {}  {}",
                e.path.display(),
                problem.as_deref().unwrap_or("")
            )?,
        }
    }
    Ok(())
}

/// The secret a backup command asks for: the passphrase, or the recovery key.
enum Secret {
    Passphrase(zeroize::Zeroizing<String>),
    RecoveryKey(zeroize::Zeroizing<String>),
}

impl Secret {
    fn unlock(&self) -> Unlock<'_> {
        match self {
            Secret::Passphrase(p) => Unlock::Passphrase(p),
            Secret::RecoveryKey(k) => Unlock::RecoveryKey(k),
        }
    }
}

fn read_secret(secrets: &mut Secrets, recovery_key: bool) -> CliResult<Secret> {
    Ok(if recovery_key {
        Secret::RecoveryKey(secrets.read("Recovery key (of the backup): ")?)
    } else {
        Secret::Passphrase(secrets.read("Passphrase (of the backup): ")?)
    })
}

/// `attune restore FILE [--into DIR] [--recovery-key]`.
pub(crate) fn restore(
    dir: &Path,
    secrets: &mut Secrets,
    file: &Path,
    into: Option<&Path>,
    recovery_key: bool,
) -> CliResult {
    let target = into.unwrap_or(dir);
    if into.is_some() && Vault::exists(target) {
        return Err(Error::invalid(
            "--into",
            format!(
                "{} already holds a vault; choose an empty folder (or leave out --into to replace the vault)",
                target.display()
            ),
        )
        .into());
    }
    let secret = read_secret(secrets, recovery_key)?;
    let r = restore_backup(file, secret.unlock(), target)?;
    let mut out = crate::terminal::stdout();
    writeln!(
        out,
        "Restored {} records into {}; the vault opens with the {} of the backup.",
        r.from.manifest.record_count(),
        target.display(),
        if recovery_key {
            "recovery key"
        } else {
            "passphrase"
        }
    )?;
    if let Some(previous) = &r.previous {
        writeln!(
            out,
            "The vault it replaced is kept as a backup: {}",
            previous.display()
        )?;
    }
    Ok(())
}
