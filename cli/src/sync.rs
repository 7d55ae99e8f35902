//! `attune sync enable|join|now|status`: one journal on several devices through a folder the
//! person already syncs (Syncthing, Nextcloud, a network share), as docs/design/sync.md says.

use std::io::Write;
use std::path::{Path, PathBuf};

use attune_core::sync::SyncStatus;
use attune_core::{Error, KeepVersion, Unlock, Vault};
use clap::Subcommand;

use crate::common::{to_json, unlock};
use crate::error::{CliError, CliResult};
use crate::secrets::Secrets;

/// `attune sync ...`
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Mirror this vault into a synced folder (made if missing) and keep it there: each
    /// `sync now` writes this device's changes and merges the other devices'
    Enable {
        /// The synced folder (e.g. inside your Syncthing or Nextcloud folder)
        dir: PathBuf,
        /// How the other devices name this one [default: the host name]
        #[arg(long, value_name = "NAME")]
        device_name: Option<String>,
    },
    /// Open the journal kept in a synced folder as a new vault (give the new vault's folder
    /// with --vault); asks the journal's passphrase, or its recovery key
    Join {
        /// The synced folder another device enabled sync on
        dir: PathBuf,
        /// How the other devices name this one [default: the host name]
        #[arg(long, value_name = "NAME")]
        device_name: Option<String>,
        /// Use the journal's recovery key instead of its passphrase
        #[arg(long)]
        recovery_key: bool,
    },
    /// Write this device's changes into the synced folder, then merge the other devices'
    Now,
    /// The devices of this journal, the last merge, edits kept as revisions, files ignored
    /// and folder rollbacks seen
    Status {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Settle a reflection edited on two devices at once: keep it as it stands (--current)
    /// or the other device's version (--other); the version not kept is let go on every
    /// device at their next sync
    #[command(group(clap::ArgGroup::new("which").required(true).args(["current", "other"])))]
    Keep {
        /// The kept revision's id (`attune entry show ID` lists them)
        revision: String,
        /// Keep the reflection as it stands
        #[arg(long)]
        current: bool,
        /// Keep the other device's version instead
        #[arg(long)]
        other: bool,
    },
    /// Compact this device's history in the synced folder now (sync also does this by
    /// itself): one file instead of many, and a deleted reflection's text gone from it
    Compact,
    /// Forget another device (a lost or retired computer), by its id from `sync status`:
    /// its folder is deleted from the synced folder; what it wrote before stays
    Forget {
        /// The device's id (32 hexadecimal digits)
        device: String,
    },
}

pub(crate) fn run(dir: &Path, secrets: &mut Secrets, action: SyncCommand) -> CliResult {
    match action {
        SyncCommand::Enable {
            dir: folder,
            device_name,
        } => {
            let name = device_name.unwrap_or_else(host_name);
            let mut vault = unlock(dir, secrets)?;
            let done = vault.sync_enable(&folder, &name);
            vault.lock()?;
            let status = done?;
            let mut out = crate::terminal::stdout();
            writeln!(
                out,
                "This vault now syncs through {} as \"{}\".",
                status.folder.display(),
                status.device_name
            )?;
            writeln!(
                out,
                "On another device: attune --vault NEWDIR sync join DIR"
            )?;
            Ok(())
        }
        SyncCommand::Join {
            dir: folder,
            device_name,
            recovery_key,
        } => {
            if Vault::exists(dir) {
                return Err(Error::VaultExists(dir.to_path_buf()).into());
            }
            let name = device_name.unwrap_or_else(host_name);
            let secret = secrets.read(if recovery_key {
                "Recovery key (of the journal): "
            } else {
                "Passphrase (of the journal): "
            })?;
            let how = if recovery_key {
                Unlock::RecoveryKey(&secret)
            } else {
                Unlock::Passphrase(&secret)
            };
            let vault = Vault::sync_join(dir, &folder, how, &name).map_err(|e| match e {
                // "this vault" would be the new one, which does not exist yet.
                Error::WrongPassphrase | Error::WrongRecoveryKey => CliError::Input(format!(
                    "the {} does not open the journal in {}",
                    if recovery_key {
                        "recovery key"
                    } else {
                        "passphrase"
                    },
                    folder.display()
                )),
                other => other.into(),
            })?;
            let count = vault.journal().len();
            vault.lock()?;
            writeln!(
                crate::terminal::stdout(),
                "Joined the journal in {} as a new vault in {} ({count} reflection{}).",
                folder.display(),
                dir.display(),
                if count == 1 { "" } else { "s" }
            )?;
            Ok(())
        }
        SyncCommand::Now => now(dir, secrets),
        SyncCommand::Keep {
            revision, other, ..
        } => {
            let keep = if other {
                KeepVersion::Revision
            } else {
                KeepVersion::Current
            };
            let mut vault = unlock(dir, secrets)?;
            let done = vault.keep_version(&revision, keep);
            vault.lock()?;
            let kept = done?;
            writeln!(
                crate::terminal::stdout(),
                "Kept {} of reflection {}; the other is let go on every device at their next sync.",
                if other {
                    "the other device's version"
                } else {
                    "the version as it stood"
                },
                kept.id
            )?;
            Ok(())
        }
        SyncCommand::Compact => {
            let mut vault = unlock(dir, secrets)?;
            let done = vault.sync_compact();
            vault.lock()?;
            let report = done?.ok_or_else(not_syncing)?;
            writeln!(
                crate::terminal::stdout(),
                "Compacted this device's history into one file ({} operation{}); removed {} older file{}.",
                report.operations,
                plural(report.operations as u64),
                report.files_removed,
                plural(report.files_removed as u64)
            )?;
            Ok(())
        }
        SyncCommand::Forget { device } => {
            let mut vault = unlock(dir, secrets)?;
            let done = vault.sync_forget_device(&device);
            vault.lock()?;
            done?;
            writeln!(
                crate::terminal::stdout(),
                "Forgot device {device}: its folder was deleted from the synced folder, and nothing it writes there again is merged here. What it wrote before stays."
            )?;
            Ok(())
        }
        SyncCommand::Status { json } => {
            let vault = unlock(dir, secrets)?;
            let status = vault.sync_status();
            vault.lock()?;
            let status = status?.ok_or_else(not_syncing)?;
            if json {
                writeln!(crate::terminal::stdout(), "{}", to_json(&status)?)?;
                return Ok(());
            }
            write_status(&mut crate::terminal::stdout(), &status)
        }
    }
}

fn not_syncing() -> CliError {
    CliError::Input("this vault does not sync; start with `attune sync enable DIR`".into())
}

/// `attune sync now`: mirror, merge, and say what happened.
fn now(dir: &Path, secrets: &mut Secrets) -> CliResult {
    let mut vault = unlock(dir, secrets)?;
    let before = match vault.sync_status() {
        Ok(Some(s)) => s,
        Ok(None) => {
            vault.lock()?;
            return Err(not_syncing());
        }
        Err(e) => {
            vault.lock()?;
            return Err(e.into());
        }
    };
    let done = vault.sync_now();
    let after = vault.sync_status();
    vault.lock()?;
    let report = done?;
    let after = after?.ok_or_else(not_syncing)?;
    let mut out = crate::terminal::stdout();
    writeln!(
        out,
        "Mirrored {} change{}; merged {} from other devices.",
        report.mirrored,
        plural(report.mirrored as u64),
        report.merged
    )?;
    let kept = after.conflicts_kept.saturating_sub(before.conflicts_kept);
    if kept > 0 {
        writeln!(
            out,
            "Kept {kept} version{} edited on two devices at once as revisions (attune entry show ID).",
            plural(kept)
        )?;
    }
    for f in after
        .files_ignored
        .iter()
        .filter(|f| !before.files_ignored.contains(f))
    {
        writeln!(out, "Ignored a file that is not Attune's: {f}")?;
    }
    for r in after
        .rollbacks
        .iter()
        .filter(|r| !before.rollbacks.contains(r))
    {
        writeln!(out, "The synced folder went back in time: {r}")?;
    }
    Ok(())
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn write_status(out: &mut impl Write, s: &SyncStatus) -> CliResult {
    writeln!(out, "Folder:          {}", s.folder.display())?;
    writeln!(out, "This device:     {} ({})", s.device_name, s.device_id)?;
    match s.last_merge {
        Some(at) => writeln!(out, "Last merge:      {} UTC", at.format("%Y-%m-%d %H:%M"))?,
        None => writeln!(out, "Last merge:      never")?,
    }
    writeln!(out, "Waiting to sync: {}", s.waiting)?;
    writeln!(out, "Conflicts kept:  {}", s.conflicts_kept)?;
    if s.devices.is_empty() {
        writeln!(out, "Other devices:   none yet")?;
    } else {
        writeln!(out, "Other devices:")?;
        for d in &s.devices {
            writeln!(
                out,
                "  {}  ({}), merged up to segment {}",
                d.name, d.id, d.merged_up_to
            )?;
        }
    }
    if let Some(k) = &s.keys_changed {
        writeln!(
            out,
            "Passphrase:      changed on {} on {}; lock and unlock with the new one to take in what it writes",
            k.device,
            k.at.format("%Y-%m-%d")
        )?;
    }
    for f in &s.files_ignored {
        writeln!(out, "Ignored:         {f}")?;
    }
    for r in &s.rollbacks {
        writeln!(out, "Rollback seen:   {r}")?;
    }
    Ok(())
}

/// The host name, as the default device name; "This device" when none can be read.
fn host_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|n| !n.trim().is_empty());
    let from_files = || {
        ["/proc/sys/kernel/hostname", "/etc/hostname"]
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|n| n.trim().to_owned())
            .find(|n| !n.is_empty())
    };
    let from_command = || {
        std::process::Command::new("hostname")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
    };
    from_env
        .or_else(from_files)
        .or_else(from_command)
        .unwrap_or_else(|| "This device".to_owned())
}
