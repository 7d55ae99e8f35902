//! The synced folder: its layout (marker, key files, one sub-folder per device), mirroring
//! this device's outbox into its next segment, and merging the other devices' segments in
//! order. Every file is written once, through a temporary name and a rename, and only ever
//! deleted by the device that wrote it (after a compaction).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::segment::{
    open_segment, seal_segment, segment_hash, Expected, Op, SegmentBody, SegmentHeader,
    SegmentKind, SyncKeys,
};
use crate::cores;
use crate::error::{Error, Result};
use crate::files::{read_capped, write_atomic, Readers};
use crate::record::hlc::{hex, unhex};
use crate::record::tracking::History;
use crate::record::Records;
use crate::store::SyncRows;

/// The marker file at the top of a synced folder.
pub const MARKER: &str = "attune-sync";
/// The folder of key files.
pub const KEYS_DIR: &str = "keys";
/// The folder of device folders.
pub const DEVICES_DIR: &str = "devices";
/// The ending of every segment file.
const SEGMENT_END: &str = ".attune-seg";

/// The marker: plain JSON, nothing secret.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    attune_sync: u32,
    vault_id: String,
}

/// Whether `name` is one of Attune's own temporary files (a write under way).
fn is_own_temp(name: &str) -> bool {
    name.starts_with(".attune-") && name.ends_with(".tmp")
}

/// Removes what a killed write left in `dir` (a sealed temporary file that never got its
/// name) whose name starts with `prefix`: this device's own folder (only this device writes
/// there), or its own in the shared key files' folder. It writes them only while it holds
/// its vault, so any such file is a leftover, which a sync tool would otherwise carry around.
pub(super) fn remove_own_temps(dir: &Path, prefix: &str) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_own_temp(&name) && name.starts_with(prefix) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// How the temporary files of `device`'s key-file writes are named: the key files' folder
/// is shared, so a device removes only its own leftovers there (a write killed midway).
pub(super) fn key_temp_prefix(device: &[u8; 16]) -> String {
    format!(".attune-{}-", hex(device))
}

/// A name a sync tool gives a copy of a file it could not reconcile.
pub(super) fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-") || name.contains("conflicted copy")
}

/// A segment file's kind and number from its name, or `None` for anything else.
pub(crate) fn parse_name(name: &str) -> Option<(SegmentKind, u64)> {
    let stem = name.strip_suffix(SEGMENT_END)?;
    let (kind, digits) = match stem.split_at_checked(1)? {
        ("s", d) => (SegmentKind::Ops, d),
        ("c", d) => (SegmentKind::Compaction, d),
        _ => return None,
    };
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, digits.parse().ok()?))
}

/// The file name of a segment.
pub(crate) fn segment_name(kind: SegmentKind, number: u64) -> String {
    let k = match kind {
        SegmentKind::Ops => 's',
        SegmentKind::Compaction => 'c',
    };
    format!("{k}{number:09}{SEGMENT_END}")
}

/// Writes the marker of a new synced folder, or checks that an existing one is of this
/// journal.
pub(crate) fn claim(root: &Path, vault_id: &[u8; 16]) -> Result<()> {
    // A folder that holds something else (a person's documents, another program's files)
    // is not taken: its own files would sit among the journal's. Hidden names (a sync
    // tool's `.stfolder`, `.dropbox`) and what a killed enable left are no obstacle.
    if !root.join(MARKER).exists() && root.is_dir() {
        for entry in std::fs::read_dir(root)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if !(name.starts_with('.') || name == DEVICES_DIR || name == KEYS_DIR) {
                return Err(Error::InvalidInput {
                    field: "folder".into(),
                    message: format!(
                        "{} already holds other files ({name}); choose an empty folder for the journal, inside the folder you sync",
                        root.display()
                    ),
                    place: None,
                });
            }
        }
    }
    std::fs::create_dir_all(root.join(DEVICES_DIR))?;
    std::fs::create_dir_all(root.join(KEYS_DIR))?;
    match read_marker(root) {
        Ok(found) if &found == vault_id => Ok(()),
        Ok(_) => Err(Error::InvalidInput {
            field: "folder".into(),
            message: format!("{} holds another journal", root.display()),
            place: None,
        }),
        Err(_) if !root.join(MARKER).exists() => {
            let m = Marker {
                attune_sync: 1,
                vault_id: hex(vault_id),
            };
            let json = serde_json::to_vec_pretty(&m)
                .map_err(|_| Error::Internal("marker encoding".into()))?;
            write_atomic(&root.join(MARKER), &json, "the sync marker", Readers::Owner)
        }
        Err(e) => Err(e),
    }
}

/// The vault id a synced folder's marker names.
pub(crate) fn read_marker(root: &Path) -> Result<[u8; 16]> {
    let bad = || Error::InvalidInput {
        field: "folder".into(),
        message: format!("{} is not an Attune synced folder", root.display()),
        place: None,
    };
    let bytes = read_capped(&root.join(MARKER), 4096, "the sync marker").map_err(|_| bad())?;
    let m: Marker = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if m.attune_sync != 1 {
        return Err(bad());
    }
    unhex(&m.vault_id)
        .and_then(|v| <[u8; 16]>::try_from(v).ok())
        .ok_or_else(bad)
}

/// A device's folder.
pub(crate) fn device_dir(root: &Path, device: &[u8; 16]) -> PathBuf {
    root.join(DEVICES_DIR).join(hex(device))
}

/// How sync stands, for `sync status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    /// The synced folder.
    pub folder: PathBuf,
    /// This device's id (hex).
    pub device_id: String,
    /// This device's name.
    pub device_name: String,
    /// The other devices seen in the folder.
    pub devices: Vec<DeviceStatus>,
    /// When merging last finished.
    pub last_merge: Option<DateTime<Utc>>,
    /// Concurrent edits kept as revisions, all told.
    pub conflicts_kept: u64,
    /// Files in the folder that are not Attune's, ignored.
    pub files_ignored: Vec<String>,
    /// Where the folder went back in time.
    pub rollbacks: Vec<String>,
    /// Files from other devices that have not opened for a day: damaged, not still
    /// arriving (merging of that device waits there).
    pub damaged: Vec<String>,
    /// Devices this one was told to forget, by name: nothing of theirs is merged any more.
    pub forgotten: Vec<String>,
    /// Changes waiting to be mirrored.
    pub waiting: usize,
    /// The journal's passphrase (or recovery key) was changed on another device since this
    /// one last took its keys: what that device writes waits until this one is locked and
    /// unlocked with the new secret.
    pub keys_changed: Option<KeysChanged>,
}

/// A change of the journal's keys made on another device, not taken here yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeysChanged {
    /// The device where it was made.
    pub device: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Another device, as this one knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceStatus {
    /// Its id (hex).
    pub id: String,
    /// Its name, from its last segment merged.
    pub name: String,
    /// The last of its segments merged.
    pub merged_up_to: u64,
}

/// Everything mirroring and merging need, borrowed from the unlocked vault.
pub(crate) struct Sync<'a> {
    /// The vault's records.
    pub records: Records<'a>,
    /// The sync key.
    pub keys: &'a SyncKeys,
    /// The journal's vault id.
    pub vault_id: [u8; 16],
}

impl Sync<'_> {
    pub(crate) fn state(&self) -> Result<crate::record::tracking::SyncState> {
        self.records
            .codec()
            .with_sync(|l| l.state.clone())?
            .ok_or_else(|| Error::Internal("sync is not enabled".into()))
    }

    pub(crate) fn device(&self) -> Result<[u8; 16]> {
        self.records
            .codec()
            .with_sync(|l| l.device)?
            .ok_or_else(|| Error::Internal("sync is not enabled".into()))
    }

    /// Writes the outbox into this device's next segment and empties it. Returns how many
    /// operations went out.
    pub(crate) fn mirror(&mut self) -> Result<usize> {
        let outbox = self.records.store().outbox()?;
        if outbox.is_empty() {
            return Ok(0);
        }
        let device = self.device()?;
        let mut state = self.state()?;
        // A synced folder that is not there (a drive not connected, a share not mounted) is
        // never made again here: the segments would go where no sync tool carries them.
        if !Path::new(&state.folder).join(MARKER).is_file() {
            return Err(Error::InvalidInput {
                field: "folder".into(),
                message: format!(
                    "the synced folder {} is not there (a drive not connected, or moved?)",
                    state.folder
                ),
                place: None,
            });
        }
        let dir = device_dir(Path::new(&state.folder), &device);
        std::fs::create_dir_all(&dir)?;
        remove_own_temps(&dir, ".attune-")?;
        let mut prev = hash_of(&state.last_hash);
        let mut number = state.last_segment + 1;
        // A segment written before a crash kept the outbox from knowing: adopt it (its
        // operations go out again below; merging them twice changes nothing).
        while let Ok(bytes) = std::fs::read(dir.join(segment_name(SegmentKind::Ops, number))) {
            let expect = Expected {
                vault_id: self.vault_id,
                device,
                number,
                prev_hash: prev,
            };
            if open_segment(self.keys, &bytes, &expect).is_err() {
                break;
            }
            prev = segment_hash(&bytes);
            number += 1;
        }
        let mut rows = SyncRows::default();
        let mut ops = Vec::new();
        for (id, kind) in &outbox {
            rows.outbox_remove.push(id.clone());
            let Some(mut h) = self.history(id)? else {
                continue;
            };
            let Some(op) = h.pending.take() else {
                continue;
            };
            let body = if op.deleted {
                None
            } else {
                match self.current_json(id)? {
                    Some(json) => Some(json),
                    None => continue,
                }
            };
            ops.push(Op {
                id: id.clone(),
                kind: kind.clone(),
                hlc: op.hlc,
                base: op.base,
                body,
                also: std::mem::take(&mut h.pending_also),
            });
            rows.meta.push((id.clone(), self.seal_history(id, &h)?));
        }
        let (generation, key) = self.keys.newest();
        let header = SegmentHeader {
            kind: SegmentKind::Ops,
            vault_id: self.vault_id,
            device,
            number,
            generation,
        };
        let body = SegmentBody {
            device_name: state.device_name.clone(),
            ops,
            superseded: Vec::new(),
        };
        let sent = body.ops.len();
        let file = seal_segment(key, &header, &prev, &body)?;
        let path = dir.join(segment_name(SegmentKind::Ops, number));
        write_atomic(&path, &file, "a sync segment", Readers::Owner)?;
        state.last_segment = number;
        state.last_hash = hex(&segment_hash(&file));
        state.ops_since_compaction += u64::try_from(sent).unwrap_or(u64::MAX);
        self.save(rows, state, &[], &[])?;
        Ok(sent)
    }

    pub(crate) fn history(&self, id: &str) -> Result<Option<History>> {
        let store = self.records.store();
        self.records
            .codec()
            .with_sync(|l| l.history(store, id))?
            .transpose()
            .map(Option::flatten)
    }

    /// Record `id`'s history from its sealed row (read beforehand); `None` when it does not
    /// open, as [`Sync::history`].
    pub(crate) fn open_history(&self, id: &str, sealed: &[u8]) -> Result<Option<History>> {
        Ok(self
            .records
            .codec()
            .with_sync(|l| l.open_history(id, sealed))?
            .flatten())
    }

    pub(crate) fn seal_history(&self, id: &str, h: &History) -> Result<Vec<u8>> {
        self.records
            .codec()
            .with_sync(|l| l.seal_history(id, h))?
            .transpose()?
            .ok_or_else(|| Error::Internal("sync is not enabled".into()))
    }

    /// Seals many histories (a merge's), on all cores; in the order given.
    pub(super) fn seal_histories(
        &self,
        histories: &BTreeMap<String, History>,
    ) -> Result<Vec<(String, Vec<u8>)>> {
        let list: Vec<(&String, &History)> = histories.iter().collect();
        let runs = self
            .records
            .codec()
            .with_sync(|l| {
                let l = &*l;
                // Below a few hundred, starting threads costs more than it saves.
                cores::in_runs(&list, 256, |run| {
                    run.iter()
                        .map(|(id, h)| Ok(((*id).clone(), l.seal_history(id, h)?)))
                        .collect::<Result<Vec<_>>>()
                })
            })?
            .ok_or_else(|| Error::Internal("sync is not enabled".into()))?;
        let mut sealed = Vec::with_capacity(list.len());
        for run in runs {
            sealed.extend(run?);
        }
        Ok(sealed)
    }

    pub(super) fn current_json(&self, id: &str) -> Result<Option<Zeroizing<String>>> {
        match self.records.store().row(id)? {
            Some(row) => self.records.codec().open_raw(&row),
            None => Ok(None),
        }
    }

    /// Commits `rows` with the new `state`, and the records `puts`/`deletes` (id, kind,
    /// JSON), in one transaction.
    pub(crate) fn save(
        &mut self,
        mut rows: SyncRows,
        state: crate::record::tracking::SyncState,
        puts: &[(String, String, Zeroizing<String>)],
        deletes: &[String],
    ) -> Result<()> {
        let device = self.device()?;
        let sealed = self
            .records
            .codec()
            .with_sync(|l| {
                l.state = state;
                l.seal_state()
            })?
            .transpose()?;
        rows.state = sealed;
        let mut changes = self.records.changes();
        for row in self.records.codec().seal_raw_many(puts)? {
            changes.put_row(row);
        }
        for id in deletes {
            changes.delete(id.clone());
        }
        self.records
            .commit_with(changes, Some((&rows, Some(device))))
    }
}

/// SHA-256 from its hex (zeros when there is none yet).
pub(super) fn hash_of(hex_text: &str) -> [u8; 32] {
    unhex(hex_text)
        .and_then(|v| <[u8; 32]>::try_from(v).ok())
        .unwrap_or([0; 32])
}

/// Why a file in a device's folder is not merged.
pub(super) fn ignorable(name: &str) -> bool {
    is_conflict_copy(name)
        || (name.starts_with(".syncthing.") && name.ends_with(".tmp"))
        || parse_name(name).is_none()
}

/// A device folder's segments of operations and compactions by number, and the names of
/// the files ignored.
pub(super) type DeviceFiles = (BTreeMap<u64, PathBuf>, BTreeMap<u64, PathBuf>, Vec<String>);

/// A device folder's files: segments by kind and number, and the names of files ignored.
pub(super) fn list_device(dir: &Path) -> Result<DeviceFiles> {
    let (mut ops, mut compactions, mut ignored) = (BTreeMap::new(), BTreeMap::new(), Vec::new());
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_own_temp(&name) {
            continue;
        }
        if ignorable(&name) {
            ignored.push(name);
            continue;
        }
        match parse_name(&name) {
            Some((SegmentKind::Ops, n)) => {
                ops.insert(n, entry.path());
            }
            Some((SegmentKind::Compaction, n)) => {
                compactions.insert(n, entry.path());
            }
            None => ignored.push(name),
        }
    }
    Ok((ops, compactions, ignored))
}

/// What merging one segment changes, gathered before it is written in one transaction.
/// Kept in id order, so that the rows go into SQLite's trees in key order: in random order,
/// each insert lands on another page and a large merge spends most of its time moving
/// pages in and out of the page cache (BENCHMARKS.md, "merging made faster").
#[derive(Default)]
pub(super) struct Pending {
    /// Histories changed, by record id.
    pub histories: BTreeMap<String, History>,
    /// Records as they now stand (kind and JSON), or deleted.
    pub records: BTreeMap<String, Option<(String, Zeroizing<String>)>>,
    /// Revisions newly kept.
    pub kept: u64,
}
