//! Sync's bookkeeping at the one place records are written: when sync is enabled, every
//! commit of records also ticks the device's clock, adds what each changed record's history
//! now knows (its operation: clock time, the version it started from, put or delete) and
//! puts the record in the outbox, in the same transaction. The operation's body is not
//! copied: mirroring reads the record as it then is, so a record saved twice before
//! mirroring travels once.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::hlc::Hlc;
use super::kinds;
use crate::crypto::keys::{aad, AadPurpose, SecretKey};
use crate::error::{Error, Result};
use crate::store::{Store, SyncRows};

/// Whether records of `kind` travel to the other devices. The last backup failure is this
/// device's own; the sync key stays in each vault; revisions are made alike on every device
/// from the operations they merge, so they never travel themselves.
pub(crate) fn is_synced(kind: &str) -> bool {
    !matches!(kind, kinds::BACKUP_LOG | kinds::SYNC_KEY | kinds::REVISION)
}

/// One operation on a record that this device knows of (its own or merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KnownOp {
    /// When, on the clock of the device that made it.
    pub hlc: Hlc,
    /// The version it started from (`None`: a new record, or one not known to that device).
    pub base: Option<Hlc>,
    /// A delete (tombstone).
    pub deleted: bool,
}

/// What this device knows of one record: every operation seen (kept so that an operation
/// delivered again is recognised), and whether a local change waits to be mirrored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct History {
    /// The record's kind.
    pub kind: String,
    /// Every operation seen, in the order seen.
    pub ops: Vec<KnownOp>,
    /// A local operation waits in the outbox: its base is the first unmirrored edit's, so
    /// that edits saved twice before mirroring still name the version they started from.
    pub pending: Option<KnownOp>,
    /// Other versions the waiting local edit also started from (keeping either version of
    /// a kept revision): they travel with it as its `also`.
    #[serde(default)]
    pub pending_also: Vec<Hlc>,
    /// What compactions said of operations they no longer carry: see [`Superseded`].
    #[serde(default)]
    pub superseded: Superseded,
}

/// What is known to be superseded on a record, beyond its known operations: a compaction
/// drops the operations that no longer matter, but a device that never saw them must still
/// know which older edits they had superseded, or it would keep as revisions edits that
/// every other device has let go (docs/formats/sync-segment.md, "Compaction").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Superseded {
    /// Times of versions some operation started from.
    #[serde(default)]
    pub bases: std::collections::BTreeSet<Hlc>,
    /// The newest delete: every edit older than it is superseded.
    #[serde(default)]
    pub deleted_up_to: Option<Hlc>,
}

impl Superseded {
    /// Whether these facts are empty (nothing to carry).
    pub(crate) fn is_empty(&self) -> bool {
        self.bases.is_empty() && self.deleted_up_to.is_none()
    }

    /// Adds `other`'s facts.
    pub(crate) fn absorb(&mut self, other: &Superseded) {
        self.bases.extend(other.bases.iter().copied());
        self.deleted_up_to = self.deleted_up_to.max(other.deleted_up_to);
    }
}

impl History {
    /// The operation that wins: the newest by clock.
    pub(crate) fn current(&self) -> Option<KnownOp> {
        self.ops.iter().copied().max_by_key(|o| o.hlc)
    }

    /// Everything known to be superseded on this record: the facts merged from
    /// compactions and those the known operations establish. A compaction carries these.
    pub(crate) fn all_superseded(&self) -> Superseded {
        let mut out = self.superseded.clone();
        for o in &self.ops {
            if let Some(b) = o.base {
                out.bases.insert(b);
            }
            if o.deleted {
                out.deleted_up_to = out.deleted_up_to.max(Some(o.hlc));
            }
        }
        out
    }

    /// Adds a local edit (or delete) made at `hlc`: it starts from the current version, or,
    /// while an earlier local edit still waits to be mirrored, from where that one started.
    /// `started_from` names the version the writer had in front of them, when they name one
    /// (an editor open while a merge brought another device's version): a known version
    /// other than the current one is then the base, so that the current version, which the
    /// writer never saw, is not superseded by this edit and stays as a kept revision.
    /// Returns what the edit does to the record's kept revisions.
    pub(crate) fn local(
        &mut self,
        hlc: Hlc,
        deleted: bool,
        started_from: Option<Hlc>,
    ) -> LocalRevisions {
        let current = self.current();
        let from_older = self.starts_from_older(started_from);
        let before = if from_older {
            revisions(&self.kind, &self.ops, &self.superseded)
        } else {
            Vec::new()
        };
        let base = match self.pending {
            // The earlier unmirrored edit never travels: no device but this one would know
            // of it, so it leaves the history too (or the devices' histories would differ).
            Some(p) => {
                self.ops.retain(|o| o.hlc != p.hlc);
                p.base
            }
            None if from_older => started_from,
            None => current.map(|o| o.hlc),
        };
        let op = KnownOp { hlc, base, deleted };
        self.ops.push(op);
        self.pending = Some(op);
        // Every other local edit supersedes the current version and changes nothing kept.
        let mut out = LocalRevisions::default();
        if from_older {
            let after = revisions(&self.kind, &self.ops, &self.superseded);
            out.keep = after
                .iter()
                .filter(|x| !before.contains(x) && Some(**x) == current)
                .map(|x| x.hlc)
                .collect();
            out.drop = before
                .iter()
                .filter(|x| !after.contains(x))
                .map(|x| x.hlc)
                .collect();
        }
        out
    }

    /// Whether a local edit started from `started_from` would start from a known version
    /// other than the current one (see [`History::local`]).
    fn starts_from_older(&self, started_from: Option<Hlc>) -> bool {
        let Some(v) = started_from else { return false };
        self.pending.is_none()
            && self.current().is_some_and(|c| c.hlc != v)
            && self.ops.iter().any(|o| o.hlc == v && !o.deleted)
    }
}

/// What a local operation does to its record's kept revisions (see [`SyncLocal::local_op`]).
#[derive(Debug, Default)]
pub(crate) struct LocalRevisions {
    /// Versions kept from now on (the version that was current: its content is the record
    /// as stored before the operation).
    pub keep: Vec<Hlc>,
    /// Versions no longer kept (the one the writer started from, when it was kept).
    pub drop: Vec<Hlc>,
}

fn superseded(ops: &[KnownOp], facts: &Superseded, x: &KnownOp) -> bool {
    facts.bases.contains(&x.hlc)
        || facts.deleted_up_to.is_some_and(|d| d > x.hlc)
        || ops
            .iter()
            .any(|y| y.base == Some(x.hlc) || (y.deleted && y.hlc > x.hlc))
}

/// The revisions kept for a record of `kind` whose known operations are `ops`, and of which
/// compactions said `facts`: the merge rule's answer (sync/merge.rs), which local edits
/// that start from an older version ask too.
pub(crate) fn revisions(kind: &str, ops: &[KnownOp], facts: &Superseded) -> Vec<KnownOp> {
    if kind != kinds::REFLECTION {
        return Vec::new();
    }
    let Some(winner) = ops.iter().max_by_key(|o| o.hlc) else {
        return Vec::new();
    };
    if winner.deleted {
        return Vec::new();
    }
    ops.iter()
        .filter(|x| x.hlc != winner.hlc && !x.deleted && !superseded(ops, facts, x))
        .copied()
        .collect()
}

/// The device's own sync state, sealed in its vault (its clock times are dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SyncState {
    /// The device's clock: never behind any time it has made or seen.
    pub clock: Hlc,
    /// The number of the last segment this device wrote (0: none yet).
    pub last_segment: u64,
    /// SHA-256 of that segment file, hex (empty: none yet).
    pub last_hash: String,
    /// The synced folder.
    pub folder: String,
    /// This device's name, as the person gave it.
    pub device_name: String,
    /// When merging last finished.
    pub last_merge: Option<DateTime<Utc>>,
    /// How many concurrent edits were kept as revisions, all told.
    pub conflicts_kept: u64,
    /// Files in the folder that are not Attune's (conflict copies, temporary files), by path
    /// inside the folder.
    pub ignored: Vec<String>,
    /// Devices whose files in the folder went back in time, with what was seen.
    pub rollbacks: Vec<String>,
    /// The other devices' names (by id, hex), from their last segment merged.
    #[serde(default)]
    pub devices: std::collections::BTreeMap<String, String>,
    /// Operations mirrored since this device last compacted its history.
    #[serde(default)]
    pub ops_since_compaction: u64,
    /// Other devices' segments that do not open yet, by `<device hex>/<number>`: the
    /// SHA-256 of the file (hex) and when it was first seen so. A file left unchanged and
    /// unopenable for a day is reported as damaged; before that it may still be arriving.
    #[serde(default)]
    pub unopened: std::collections::BTreeMap<String, (String, DateTime<Utc>)>,
    /// Files from other devices reported as damaged (merging of that device waits there),
    /// by `<device hex>/<number>`: what is reported.
    #[serde(default)]
    pub damaged: std::collections::BTreeMap<String, String>,
    /// Devices the person told this one to forget, by id (hex), with their names: their
    /// folder is deleted and whatever appears in it again is not merged here.
    #[serde(default)]
    pub forgotten: std::collections::BTreeMap<String, String>,
    /// When this device last compacted (`None`: never, in a vault that synced before
    /// compaction was built; it compacts at its next sync).
    #[serde(default)]
    pub last_compaction: Option<DateTime<Utc>>,
    /// The key generation this device's vault is on (0, as older builds left it, means the
    /// first): a passphrase changed or a recovery key made on a device that syncs starts
    /// the next one (docs/formats/sync-segment.md, "The key files").
    #[serde(default)]
    pub key_generation: u32,
    /// The device that wrote that generation's key file (hex; empty for the first).
    #[serde(default)]
    pub key_generation_device: String,
}

/// A device's sync, while the vault is unlocked: who it is, the key its bookkeeping is
/// sealed under, and its state.
pub(crate) struct SyncLocal {
    /// This device's id.
    pub device: [u8; 16],
    vault_id: [u8; 16],
    meta_key: SecretKey,
    /// The state, as last written (or about to be).
    pub state: SyncState,
}

impl std::fmt::Debug for SyncLocal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncLocal(****)")
    }
}

/// HKDF label of the key that seals sync's bookkeeping in the vault, from the sync key.
const META_LABEL: &str = "attune sync v1 local";

impl SyncLocal {
    /// The sync of `device`, its bookkeeping sealed under a subkey of `sync_key`.
    pub(crate) fn new(
        device: [u8; 16],
        vault_id: [u8; 16],
        sync_key: &SecretKey,
        state: SyncState,
    ) -> Result<SyncLocal> {
        Ok(SyncLocal {
            device,
            vault_id,
            meta_key: sync_key.derive(&vault_id, META_LABEL)?,
            state,
        })
    }

    /// The state sealed to store.
    pub(crate) fn seal_state(&self) -> Result<Vec<u8>> {
        let json = Zeroizing::new(
            serde_json::to_vec(&self.state).map_err(|_| Error::Crypto("sync state encoding"))?,
        );
        self.meta_key
            .seal(&aad(AadPurpose::SyncState, &self.vault_id, &[]), &json)
    }

    /// A stored state opened with this device's key.
    pub(crate) fn open_state(&self, sealed: &[u8]) -> Result<SyncState> {
        let json = self
            .meta_key
            .open(&aad(AadPurpose::SyncState, &self.vault_id, &[]), sealed)
            .ok_or_else(|| Error::VaultDamaged("the sync state does not open".into()))?;
        serde_json::from_slice(&json)
            .map_err(|_| Error::VaultDamaged("the sync state is not readable".into()))
    }

    /// Record `id`'s history sealed to store.
    pub(crate) fn seal_history(&self, id: &str, h: &History) -> Result<Vec<u8>> {
        let json = serde_json::to_vec(h).map_err(|_| Error::Crypto("sync history encoding"))?;
        self.meta_key
            .seal(&aad(AadPurpose::SyncMeta, &self.vault_id, &[id]), &json)
    }

    /// Record `id`'s history as stored, or `None` when none is known. A history that does
    /// not open is treated as unknown: the record's next operation starts it again.
    pub(crate) fn history(&self, store: &Store, id: &str) -> Result<Option<History>> {
        let Some(sealed) = store.sync_meta(id)? else {
            return Ok(None);
        };
        Ok(self.open_history(id, &sealed))
    }

    /// Record `id`'s history from its sealed row; `None` when it does not open (unknown).
    pub(crate) fn open_history(&self, id: &str, sealed: &[u8]) -> Option<History> {
        let opened = self
            .meta_key
            .open(&aad(AadPurpose::SyncMeta, &self.vault_id, &[id]), sealed);
        opened.and_then(|json| serde_json::from_slice(&json).ok())
    }

    /// The next time on this device's clock.
    pub(crate) fn tick(&mut self) -> Hlc {
        let now = u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0);
        self.state.clock = self.state.clock.tick(now);
        self.state.clock
    }

    /// Records a local operation on record `id` of `kind` into `rows`, started from the
    /// version `started_from` when the writer names one (see [`History::local`]). Returns
    /// what that does to the record's kept revisions: a writer who started from an older
    /// version than the current one leaves the current one kept.
    pub(crate) fn local_op(
        &mut self,
        store: &Store,
        rows: &mut SyncRows,
        id: &str,
        kind: &str,
        deleted: bool,
        started_from: Option<Hlc>,
    ) -> Result<LocalRevisions> {
        let mut h = self.history(store, id)?.unwrap_or_default();
        h.kind = kind.to_owned();
        let hlc = self.tick();
        let out = h.local(hlc, deleted, started_from);
        self.state.conflicts_kept += out.keep.len() as u64;
        rows.meta.push((id.to_owned(), self.seal_history(id, &h)?));
        rows.outbox_add.push((id.to_owned(), kind.to_owned()));
        Ok(out)
    }
}
