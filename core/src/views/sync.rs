//! Sync through a shared folder as the window shows it: whether it is on, the folder, this
//! device and the others, the last merge, and what needs the person's eye (edits kept as
//! revisions, files ignored, a folder that went back in time).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::vault::Vault;

/// Another device of the same journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncDeviceView {
    /// Its name, as that device gave it.
    pub name: String,
    /// How many of its segments this device has merged.
    pub merged_up_to: u32,
}

/// Sync as the Settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncView {
    /// Whether this vault mirrors into a synced folder.
    pub enabled: bool,
    /// The synced folder (empty when off).
    pub folder: String,
    /// This device's name (empty when off).
    pub device_name: String,
    /// The other devices seen in the folder.
    pub devices: Vec<SyncDeviceView>,
    /// When merging last finished.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_merge: Option<DateTime<Utc>>,
    /// Concurrent edits kept as revisions, all told.
    pub conflicts_kept: u32,
    /// Files in the folder that are not Attune's (conflict copies, strays), ignored.
    pub files_ignored: Vec<String>,
    /// Where the folder went back in time (a restore in the cloud).
    pub rollbacks: Vec<String>,
    /// Files from other devices that have not opened for a day: damaged, not arriving.
    pub damaged: Vec<String>,
    /// Changes not mirrored yet.
    pub waiting: u32,
    /// The passphrase (or recovery key) was changed on another device since this one took
    /// its keys: that device's name, and when.
    pub keys_changed: Option<SyncKeysChangedView>,
}

/// A change of the journal's passphrase made on another device, not taken here yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncKeysChangedView {
    /// The device where it was changed.
    pub device: String,
    /// When.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
}

/// Sync's state for the window.
pub fn sync_view(vault: &Vault) -> Result<SyncView> {
    Ok(match vault.sync_status()? {
        None => SyncView {
            enabled: false,
            folder: String::new(),
            device_name: String::new(),
            devices: Vec::new(),
            last_merge: None,
            conflicts_kept: 0,
            files_ignored: Vec::new(),
            rollbacks: Vec::new(),
            damaged: Vec::new(),
            waiting: 0,
            keys_changed: None,
        },
        Some(s) => SyncView {
            enabled: true,
            folder: s.folder.display().to_string(),
            device_name: s.device_name,
            devices: s
                .devices
                .into_iter()
                .map(|d| SyncDeviceView {
                    name: d.name,
                    merged_up_to: u32::try_from(d.merged_up_to).unwrap_or(u32::MAX),
                })
                .collect(),
            last_merge: s.last_merge,
            conflicts_kept: u32::try_from(s.conflicts_kept).unwrap_or(u32::MAX),
            files_ignored: s.files_ignored,
            rollbacks: s.rollbacks,
            damaged: s.damaged,
            waiting: u32::try_from(s.waiting).unwrap_or(u32::MAX),
            keys_changed: s.keys_changed.map(|k| SyncKeysChangedView {
                device: k.device,
                at: k.at,
            }),
        },
    })
}

/// A version of a reflection kept because another device edited it at the same time, as
/// the window shows it beside the reflection ("Also edited on <device> on <date>").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeptRevisionView {
    /// The revision's id (what keeping either version names).
    pub id: String,
    /// The device that made this version, by its name.
    pub device: String,
    /// When that device saved it.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    /// The reflection as it was in that version.
    pub reflection: crate::journal::Reflection,
}

/// The versions of reflection `id` kept beside it, oldest first (none when the vault does
/// not sync).
pub fn kept_revisions(vault: &Vault, id: &str) -> Result<Vec<KeptRevisionView>> {
    Ok(vault
        .revisions(id)?
        .into_iter()
        .map(|r| KeptRevisionView {
            id: r.id,
            device: r.device,
            at: r.at,
            reflection: r.reflection,
        })
        .collect())
}
