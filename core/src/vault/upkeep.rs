//! Keeping a vault's backups: the automatic ones (on lock, on quit, daily) in both folders
//! and the pruning after them, the record of the last one that failed, the status Settings
//! shows, and retiring the backups that open with an older passphrase or recovery key.
//! Taking, verifying and restoring one backup is [`super::backup`].

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::backup::{backups_dir, slot_infos, VerifiedBackup};
use super::Vault;
use crate::backup::{self, BackupReason, Manifest, SlotInfo};
use crate::error::Result;
use crate::record::{kinds, Record, Records};

/// What an automatic backup did, folder by folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AutoBackup {
    /// The backups written and verified.
    pub written: Vec<VerifiedBackup>,
    /// The folders where it failed, and why (a folder on a drive not plugged in, say).
    pub failed: Vec<(PathBuf, String)>,
    /// How many older backups of this vault were removed by [`backup::to_delete`].
    pub removed: usize,
}

/// The newest backup of a vault in its folders, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupStatus {
    /// The vault's own backups folder.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub folder: PathBuf,
    /// The second folder, when one is set.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub second_folder: Option<PathBuf>,
    /// The newest backup of this vault in either (each was verified when written).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub newest_path: Option<PathBuf>,
    /// What it says about itself.
    pub newest: Option<Manifest>,
    /// How many backups of this vault the folders hold.
    pub count: u32,
    /// How many of them open with an older passphrase or recovery key than the vault's
    /// (taken before a change): [`Vault::retire_older_backups`] deletes them.
    pub older_secrets: u32,
    /// Whether the newest is more than 7 days old, or there is none: the window warns.
    pub stale: bool,
    /// The last automatic backup, if it failed in a folder (until one succeeds in all).
    pub last_failure: Option<BackupFailure>,
}

/// What retiring the backups that open with an older secret did, folder by folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RetiredBackups {
    /// The new backups taken first, one per folder that had older ones.
    pub written: Vec<VerifiedBackup>,
    /// How many older-secret backups were deleted.
    pub removed: usize,
    /// Files in the folders that do not read as a backup: left alone.
    pub left_unreadable: usize,
    /// The folders where nothing was deleted because the new backup failed, and why.
    pub failed: Vec<(PathBuf, String)>,
}

/// The last automatic backup that failed, kept sealed in the vault (record `backup_log`)
/// until a backup succeeds in every folder: the window says so at the next unlock and in
/// Settings, rather than only in the log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupLog {
    /// The failure, if the last automatic backup failed anywhere.
    pub last_failure: Option<BackupFailure>,
}

/// An automatic backup that failed in one folder or more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupFailure {
    /// When (RFC 3339).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: chrono::DateTime<Utc>,
    /// Which backup (on lock, on quit, daily, now).
    pub reason: BackupReason,
    /// Each folder where it failed, and why, in words.
    pub folders: Vec<FolderFailure>,
}

/// A folder where a backup failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderFailure {
    /// The folder.
    pub folder: String,
    /// What went wrong.
    pub message: String,
}

const BACKUP_LOG_ID: &str = "backup_log";

impl Record for BackupLog {
    const KIND: &'static str = kinds::BACKUP_LOG;
    type Sealed<'a> = &'a BackupLog;
    type Opened = BackupLog;
    fn record_id(&self) -> &str {
        BACKUP_LOG_ID
    }
    fn to_sealed(&self) -> &BackupLog {
        self
    }
    fn from_opened(opened: BackupLog) -> Option<BackupLog> {
        Some(opened)
    }
}

/// A backup older than this many days makes [`BackupStatus::stale`].
pub const STALE_DAYS: i64 = 7;

/// Slots in one order, to compare two lists of them.
fn sorted(slots: &[SlotInfo]) -> Vec<(&str, Option<&str>)> {
    let mut out: Vec<_> = slots
        .iter()
        .map(|s| (s.kind.as_str(), s.created_at.as_deref()))
        .collect();
    out.sort();
    out
}

impl Vault {
    /// The folders automatic backups go to: the vault's own, and the second one if set.
    pub fn backup_folders(&self) -> Vec<PathBuf> {
        let mut out = vec![backups_dir(&self.dir)];
        if let Some(f) = &self.settings.backup_folder {
            out.push(PathBuf::from(f));
        }
        out
    }

    /// The vault id as backups carry it (hex).
    fn vault_id_hex(&self) -> String {
        backup::hex(&self.vault_id)
    }

    /// An automatic backup (on lock, on quit, once a day): written and verified in every
    /// folder of [`Vault::backup_folders`], then, in each folder where it was, the backups
    /// of this vault that [`backup::to_delete`] does not keep are removed. A folder that
    /// fails is reported and the others still get theirs; nothing is removed there.
    ///
    /// A failure anywhere is recorded in the vault ([`BackupLog`], shown by
    /// [`Vault::backup_status`]) until a backup succeeds in every folder.
    pub fn auto_backup(&mut self, reason: BackupReason) -> AutoBackup {
        let mut done = AutoBackup::default();
        for folder in self.backup_folders() {
            match self.back_up(&folder, reason) {
                Ok(v) => {
                    done.written.push(v);
                    match self.prune_backups(&folder) {
                        Ok(n) => done.removed += n,
                        Err(e) => done.failed.push((folder, e.to_string())),
                    }
                }
                Err(e) => {
                    tracing::warn!(error = ?e.code(), "an automatic backup failed");
                    done.failed.push((folder, e.to_string()));
                }
            }
        }
        self.record_backup_result(&done, reason);
        done
    }

    /// Keeps the failure of an automatic backup in the vault, or forgets the last one when
    /// this one succeeded everywhere. Writes only on a change; a write that fails is
    /// logged (the backup's own result stands).
    fn record_backup_result(&mut self, done: &AutoBackup, reason: BackupReason) {
        let log = BackupLog {
            last_failure: (!done.failed.is_empty()).then(|| BackupFailure {
                at: Utc::now(),
                reason,
                folders: done
                    .failed
                    .iter()
                    .map(|(folder, message)| FolderFailure {
                        folder: folder.display().to_string(),
                        message: message.clone(),
                    })
                    .collect(),
            }),
        };
        if log.last_failure.is_none() && self.backup_log.last_failure.is_none() {
            return;
        }
        match Records::new(&mut self.store, &self.codec).put(&log) {
            Ok(()) => self.backup_log = log,
            Err(e) => tracing::warn!(error = ?e.code(), "the backup's result was not recorded"),
        }
    }

    /// Removes the backups of this vault in `folder` that are not kept; those of other
    /// vaults and damaged files are left alone.
    fn prune_backups(&self, folder: &Path) -> Result<usize> {
        let id = self.vault_id_hex();
        let mine: Vec<backup::BackupEntry> = backup::list(folder)?
            .into_iter()
            .filter(|e| e.manifest.as_ref().is_some_and(|m| m.vault_id == id))
            .collect();
        let gone = backup::to_delete(&mine, Utc::now(), backup::KeepPolicy::default());
        for path in &gone {
            std::fs::remove_file(path)?;
        }
        Ok(gone.len())
    }

    /// The newest backup of this vault, for Settings: read from the manifests only.
    pub fn backup_status(&self) -> BackupStatus {
        let id = self.vault_id_hex();
        let folders = self.backup_folders();
        let mut newest: Option<(PathBuf, Manifest)> = None;
        let mut count = 0u32;
        let mut older_secrets = 0u32;
        let current = self.current_slots().unwrap_or_default();
        let now = sorted(&current);
        for folder in &folders {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_none_or(|x| x != backup::EXTENSION) {
                    continue;
                }
                let Ok(m) = backup::peek(&path) else { continue };
                if m.vault_id != id {
                    continue;
                }
                count += 1;
                if sorted(&m.slots) != now {
                    older_secrets += 1;
                }
                if newest
                    .as_ref()
                    .is_none_or(|(_, n)| m.created_at > n.created_at)
                {
                    newest = Some((path, m));
                }
            }
        }
        let stale = newest
            .as_ref()
            .is_none_or(|(_, m)| Utc::now() - m.created_at > chrono::Duration::days(STALE_DAYS));
        let (newest_path, newest) = match newest {
            Some((p, m)) => (Some(p), Some(m)),
            None => (None, None),
        };
        BackupStatus {
            folder: folders[0].clone(),
            second_folder: folders.get(1).cloned(),
            newest_path,
            newest,
            count,
            older_secrets,
            stale,
            last_failure: self.backup_log.last_failure.clone(),
        }
    }

    /// The key slots this vault has now, as a backup's manifest lists them.
    fn current_slots(&self) -> Result<Vec<SlotInfo>> {
        slot_infos(&self.store)
    }

    /// The backups of this vault, in its folders, taken before its passphrase or recovery
    /// key last changed: each holds a slot that opens with a secret this vault no longer
    /// has (read from the manifests only; files that do not read are not counted).
    pub fn backups_with_older_secrets(&self) -> Result<Vec<PathBuf>> {
        let id = self.vault_id_hex();
        let current = self.current_slots()?;
        let now = sorted(&current);
        let mut out = Vec::new();
        for folder in self.backup_folders() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_none_or(|x| x != backup::EXTENSION) {
                    continue;
                }
                let Ok(m) = backup::peek(&path) else { continue };
                if m.vault_id == id && sorted(&m.slots) != now {
                    out.push(path);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Retires the backups that open with an older passphrase or recovery key, for someone
    /// who changed theirs because it may be known: in each folder, a new backup is taken and
    /// verified first (so the newest good backup is never lost), and only then are the
    /// older-secret backups of this vault there deleted. A folder where the new backup fails
    /// keeps everything; a file that does not read whole is left alone and counted.
    pub fn retire_older_backups(&self) -> Result<RetiredBackups> {
        let id = self.vault_id_hex();
        let current = self.current_slots()?;
        let now = sorted(&current);
        let mut done = RetiredBackups::default();
        for folder in self.backup_folders() {
            let entries = match backup::list(&folder) {
                Ok(e) => e,
                Err(e) => {
                    done.failed.push((folder, e.to_string()));
                    continue;
                }
            };
            let mut older = Vec::new();
            for entry in entries {
                match entry.manifest {
                    Some(m) if m.vault_id == id && sorted(&m.slots) != now => {
                        older.push(entry.path)
                    }
                    Some(_) => {}
                    None => done.left_unreadable += 1,
                }
            }
            if older.is_empty() {
                continue;
            }
            match self.back_up(&folder, BackupReason::Manual) {
                Ok(v) => {
                    older.retain(|p| *p != v.path);
                    done.written.push(v);
                }
                Err(e) => {
                    tracing::warn!(error = ?e.code(), "a backup before retiring older ones failed");
                    done.failed.push((folder, e.to_string()));
                    continue;
                }
            }
            for path in &older {
                std::fs::remove_file(path)?;
                done.removed += 1;
            }
            crate::files::sync_dir(&folder)?;
        }
        tracing::info!(removed = done.removed, "older-secret backups retired");
        Ok(done)
    }
}
