//! Sync, as the vault drives it (docs/design/sync.md): enabling it on a folder, joining a
//! journal from a folder, mirroring and merging, and what it reports. The folder, the
//! segment format and the merge rule are `crate::sync`'s; this room hands them the vault's
//! records and keys, and takes in what a merge changed.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{load, slots, sync_keys, DamagedRecord, Unlock, Vault};
use crate::crypto::random_bytes;
use crate::error::{Error, Result};
use crate::journal::Reflection;
use crate::profile::{Profile, Role};
use crate::record::hlc::{hex, unhex, Hlc};
use crate::record::revision::RevisionRecord;
use crate::record::tracking::{is_synced, SyncLocal, SyncState};
use crate::record::{kinds, Record, RecordCodec, Records};
use crate::store::{Store, SyncRows};
use crate::sync::folder::{self, Sync};
use crate::sync::{
    keys_file, CompactionReport, DeviceStatus, Merged, SyncKey, SyncKeys, SyncStatus,
};

/// What joining a journal from a synced folder took from its newest key file.
struct Joined {
    sync_keys: SyncKeys,
    generation: u32,
    device: [u8; 16],
}

/// What one `sync now` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Operations this device wrote into its next segment.
    pub mirrored: usize,
    /// Operations from other devices that changed something here.
    pub merged: usize,
}

/// Which version of a reflection to keep when resolving a kept revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeepVersion {
    /// The reflection as it stands now; the revision is let go.
    Current,
    /// The revision's content, which replaces the reflection's.
    Revision,
}

/// A version of a reflection kept because another device edited it at the same time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The revision's id.
    pub id: String,
    /// The device that made this version (its name, or its id when no name is known).
    pub device: String,
    /// When that device saved it.
    pub at: DateTime<Utc>,
    /// The reflection as it was in that version.
    pub reflection: Reflection,
}

/// At unlock: when the vault syncs, its commits keep sync's books from now on.
pub(super) fn resume(store: &Store, codec: &RecordCodec, vault_id: [u8; 16]) -> Result<()> {
    let Some((device, sealed)) = store.sync_state()? else {
        return Ok(());
    };
    let key = sync_keys::sync_key(store, codec)?.ok_or_else(|| Error::RecordDamaged {
        id: sync_keys::SYNC_KEY_ID.into(),
    })?;
    let mut local = SyncLocal::new(device, vault_id, key.as_secret(), blank_state(device))?;
    local.state = local.open_state(&sealed)?;
    codec.set_sync(Some(local))
}

fn blank_state(device: [u8; 16]) -> SyncState {
    SyncState {
        clock: Hlc::zero(device),
        last_segment: 0,
        last_hash: String::new(),
        folder: String::new(),
        device_name: String::new(),
        last_merge: None,
        conflicts_kept: 0,
        ignored: Vec::new(),
        rollbacks: Vec::new(),
        devices: Default::default(),
        ops_since_compaction: 0,
        unopened: Default::default(),
        damaged: Default::default(),
        forgotten: Default::default(),
        last_compaction: Some(Utc::now()),
        key_generation: 1,
        key_generation_device: String::new(),
    }
}

fn folder_error(message: String) -> Error {
    Error::InvalidInput {
        field: "folder".into(),
        message,
        place: None,
    }
}

fn device_name(typed: &str) -> Result<String> {
    let name = typed.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(Error::InvalidInput {
            field: "device-name".into(),
            message: "give the device a name of 1 to 100 characters, on one line".into(),
            place: None,
        });
    }
    Ok(name.to_owned())
}

impl Vault {
    /// Starts syncing this vault through `folder` (made if missing): claims the folder for
    /// this journal, writes its key file, and mirrors every record as this device's first
    /// segment. `device_name` is how the other devices will name this one. A vault made
    /// with SQLite's smaller pages (before 16 KiB) is rewritten with the larger ones first.
    pub fn sync_enable(&mut self, folder: &Path, device_name: &str) -> Result<SyncStatus> {
        self.start_sync(folder, device_name, None)?;
        // Merges that write many records take about a third less time on 16 KiB pages
        // (BENCHMARKS.md, "16 KiB pages"), and this is when they start to happen.
        if self.store.grow_pages()? {
            tracing::info!("vault pages made larger before syncing");
        }
        self.sync_now()?;
        self.sync_status()?
            .ok_or_else(|| Error::Internal("sync did not start".into()))
    }

    /// Opens the journal kept in the synced `folder` as a new vault in `dir`, with the
    /// passphrase or the recovery key of that journal: the same vault id and vault key, and
    /// every device's records merged in.
    pub fn sync_join(dir: &Path, folder: &Path, how: Unlock<'_>, device: &str) -> Result<Vault> {
        let name = device_name(device)?;
        let folder = std::path::absolute(folder)?;
        let vault_id = folder::read_marker(&folder)?;
        let files = keys_file::read_all(&folder, &vault_id)?;
        if files.is_empty() {
            return Err(folder_error(format!(
                "{} has no key file to open the journal with",
                folder.display()
            )));
        }
        let (given, wrong) = slots::GivenSecret::parse(how)?;
        let secret = given.secret();
        let (file, vault_key, keys) =
            sync_keys::newest_opened(&files, &vault_id, &secret, &[])?.ok_or(wrong)?;
        let ways_in = sync_keys::slot_writes(&file.slots)?;
        // A placeholder profile: the journal's own arrives with the merge, and wins (the
        // records made here have no sync history, so any operation on them is newer).
        let profile = Profile {
            name: String::new(),
            role: Role::Practitioner,
            created_at: Utc::now(),
            provider_spellings: Vec::new(),
        };
        let existed = dir.exists();
        let mut vault = Vault::build(dir, vault_id, vault_key, &ways_in, profile)?;
        let joined = Joined {
            sync_keys: keys.sync_keys,
            generation: file.generation,
            device: file.device,
        };
        let started = vault
            .start_sync(&folder, &name, Some(joined))
            .and_then(|()| vault.sync_now().map(|_| ()));
        if let Err(e) = started {
            // No half-made journal is left behind: the vault made here goes.
            drop(vault);
            sync_keys::remove_made_vault(dir, existed);
            return Err(e);
        }
        Ok(vault)
    }

    fn start_sync(
        &mut self,
        folder: &Path,
        typed_name: &str,
        joined: Option<Joined>,
    ) -> Result<()> {
        let publish_all = joined.is_none();
        let name = device_name(typed_name)?;
        if self.codec.with_sync(|_| ())?.is_some() {
            return Err(folder_error("this vault syncs already".into()));
        }
        let folder = std::path::absolute(folder)?;
        folder::claim(&folder, &self.vault_id)?;
        self.store.add_sync_tables()?;
        let mut device = [0u8; 16];
        random_bytes(&mut device)?;
        let mut state = blank_state(device);
        // The first generation's sync key also seals this device's own bookkeeping; a
        // journal whose keys changed since has more, kept beside it.
        let (key, more) = match joined {
            Some(j) => {
                state.key_generation = j.generation;
                state.key_generation_device = match j.generation {
                    1 => String::new(),
                    _ => hex(&j.device),
                };
                let first = j.sync_keys.get(1).unwrap_or(j.sync_keys.newest().1);
                let first = SyncKey::from_bytes(first.expose_secret_bytes())?;
                let more = (j.sync_keys.iter().count() > 1)
                    .then(|| sync_keys::keys_row(&self.codec, &j.sync_keys))
                    .transpose()?;
                (first, more)
            }
            None => (SyncKey::derive(&self.vault_key, &self.vault_id)?, None),
        };
        let rec = sync_keys::SyncKeyRecord {
            id: sync_keys::SYNC_KEY_ID.into(),
            key: hex(key.expose_secret_bytes()),
        };
        let json = Zeroizing::new(
            serde_json::to_vec(&rec).map_err(|_| Error::Crypto("sync key encoding"))?,
        );
        drop(rec);
        let row = self
            .codec
            .seal_raw(sync_keys::SYNC_KEY_ID, kinds::SYNC_KEY, &json)?;
        keys_file::write_first(&folder, &self.vault_id, &device, &self.store.slots()?)?;
        sync_keys::remember_folder(&self.dir, &folder)?;
        state.folder = folder.to_string_lossy().into_owned();
        state.device_name = name;
        let mut local = SyncLocal::new(device, self.vault_id, key.as_secret(), state)?;
        let mut rows = SyncRows::default();
        if publish_all {
            for (id, kind) in self.store.ids_and_kinds()? {
                if is_synced(&kind) {
                    local.local_op(&self.store, &mut rows, &id, &kind, false, None)?;
                }
            }
        }
        rows.state = Some(local.seal_state()?);
        let mut records = Records::new(&mut self.store, &self.codec);
        let mut changes = records.changes();
        changes.put_row(row);
        if let Some(more) = more {
            changes.put_row(more);
        }
        records.commit_with(changes, Some((&rows, Some(device))))?;
        self.codec.set_sync(Some(local))
    }

    /// The version record `id` is at, when the vault syncs (the clock time of its current
    /// operation, hex): what an editor keeps while a reflection is open and names when it
    /// saves ([`JournalRecords::update_from`](crate::journal::records::JournalRecords::update_from)),
    /// so that a version merged in meanwhile is kept rather than saved over unseen. `None`
    /// when the vault does not sync or the record has no history yet.
    pub fn reflection_version(&self, id: &str) -> Result<Option<String>> {
        let store = &self.store;
        let history = self
            .codec
            .with_sync(|l| l.history(store, id))?
            .transpose()?
            .flatten();
        Ok(history.and_then(|h| h.current()).map(|o| o.hlc.to_hex()))
    }

    /// Mirrors this device's changes into the synced folder, then merges the other
    /// devices'. Does nothing when the vault does not sync.
    pub fn sync_now(&mut self) -> Result<SyncReport> {
        let Some(key) = sync_keys::segment_keys(&self.store, &self.codec)? else {
            return Ok(SyncReport {
                mirrored: 0,
                merged: 0,
            });
        };
        let mut sync = Sync {
            records: Records::new(&mut self.store, &self.codec),
            keys: &key,
            vault_id: self.vault_id,
        };
        let mirrored = sync.mirror()?;
        let (merged, mut outcome) = sync.merge(&load::decode_merged);
        // After merging, so that it knows the most and keeps the least.
        if outcome.is_ok() {
            outcome = sync.state().and_then(|state| {
                if crate::sync::compaction_due(&state, Utc::now()) {
                    sync.compact().map(|_| ())
                } else {
                    Ok(())
                }
            });
        }
        let changed = merged.changed;
        // What was saved is taken in even when the merge failed midway (the segments before
        // are merged for good) or the compaction after it did.
        self.take_in(merged)?;
        outcome?;
        Ok(SyncReport {
            mirrored,
            merged: changed,
        })
    }

    /// Compacts this device's history in the synced folder now: mirrors what waits, writes
    /// one compaction segment (this device's newest operation on every record it last
    /// changed, a delete keeping only the id and kind), then deletes this device's older
    /// segments. `None` when the vault does not sync. Sync also does this by itself after
    /// 500 operations or a week.
    pub fn sync_compact(&mut self) -> Result<Option<CompactionReport>> {
        let Some(key) = sync_keys::segment_keys(&self.store, &self.codec)? else {
            return Ok(None);
        };
        let mut sync = Sync {
            records: Records::new(&mut self.store, &self.codec),
            keys: &key,
            vault_id: self.vault_id,
        };
        sync.compact().map(Some)
    }

    /// Resolves the kept revision `revision_id` ("keep either"): keeps the reflection as it
    /// stands, or restores the revision's content. Either way a new edit is written whose
    /// base covers both versions, so the revision goes away here and, once synced, on every
    /// device. Returns the reflection as it now is.
    pub fn keep_version(&mut self, revision_id: &str, keep: KeepVersion) -> Result<Reflection> {
        let not_found = || Error::NotFound {
            kind: "revision",
            id: revision_id.to_owned(),
        };
        let row = self
            .store
            .row(revision_id)?
            .filter(|r| r.kind == kinds::REVISION)
            .ok_or_else(not_found)?;
        let damaged = || Error::RecordDamaged {
            id: revision_id.to_owned(),
        };
        let json = self.codec.open_raw(&row)?.ok_or_else(damaged)?;
        let rec: RevisionRecord = serde_json::from_str(&json).map_err(|_| damaged())?;
        let hlc = revision_id
            .rsplit_once('.')
            .and_then(|(_, h)| Hlc::from_hex(h))
            .ok_or_else(damaged)?;
        let current = self.journal.get(&rec.of).ok_or_else(not_found)?;
        let content = match keep {
            KeepVersion::Current => current.content.clone(),
            KeepVersion::Revision => {
                let opened = serde_json::from_str::<<Reflection as Record>::Opened>(&rec.body)
                    .map_err(|_| damaged())?;
                Reflection::from_opened(opened).ok_or_else(damaged)?.content
            }
        };
        // The edit itself, through the one place records are written: it starts from the
        // current version and waits in the outbox.
        let saved = self.journal_mut().update(&rec.of, content)?;
        let key = sync_keys::segment_keys(&self.store, &self.codec)?.ok_or_else(not_found)?;
        let mut sync = Sync {
            records: Records::new(&mut self.store, &self.codec),
            keys: &key,
            vault_id: self.vault_id,
        };
        // Then it also starts from the revision: it travels with the edit as `also`, and is
        // superseded here now. A crash between the two leaves the revision kept on every
        // device alike, to be resolved again.
        let mut h = sync.history(&rec.of)?.unwrap_or_default();
        h.pending_also.push(hlc);
        h.superseded.bases.insert(hlc);
        let mut rows = SyncRows::default();
        rows.meta
            .push((rec.of.clone(), sync.seal_history(&rec.of, &h)?));
        let state = sync.state()?;
        sync.save(rows, state, &[], &[revision_id.to_owned()])?;
        Ok(saved)
    }

    /// Forgets another device (a lost or retired laptop), by its id (hex, as `sync status`
    /// gives it): its folder is deleted from the synced folder (the sync tool carries the
    /// deletion to the other devices), its changes already merged stay, and anything that
    /// appears in its folder again is not merged here. Its name is kept, listed in
    /// `sync status` as forgotten.
    pub fn sync_forget_device(&mut self, device_id: &str) -> Result<()> {
        let bad = |message: &str| Error::InvalidInput {
            field: "device".into(),
            message: message.into(),
            place: None,
        };
        let device: [u8; 16] = unhex(device_id)
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| bad("give a device id of 32 hexadecimal digits"))?;
        let Some(key) = sync_keys::segment_keys(&self.store, &self.codec)? else {
            return Err(bad("this vault does not sync"));
        };
        let mut sync = Sync {
            records: Records::new(&mut self.store, &self.codec),
            keys: &key,
            vault_id: self.vault_id,
        };
        if sync.device()? == device {
            return Err(bad("this is the device in use: it cannot forget itself"));
        }
        let mut state = sync.state()?;
        let id = hex(&device);
        let name = state
            .devices
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.clone());
        state.forgotten.insert(id, name);
        let folder = std::path::PathBuf::from(&state.folder);
        sync.save(SyncRows::default(), state, &[], &[])?;
        // Only once it is forgotten here: its files. Gone already is as good.
        match std::fs::remove_dir_all(folder::device_dir(&folder, &device)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Takes in what a merge wrote, leaving the vault as an unlock would load it, without
    /// reading every record back: the reflections it changed go to the journal as they
    /// were decoded while the merge saved them, segment after segment (a later version
    /// replacing an earlier one), and when it changed any other record, the records other
    /// than reflections are read again (each of those domains is built from its records
    /// whole).
    fn take_in(&mut self, mut merged: Merged<load::Decoded>) -> Result<()> {
        // A record the merge wrote is no longer what was damaged (unless it is again).
        self.damaged.retain(|d| !merged.records.contains_key(&d.id));
        let mut undecodable = BTreeSet::new();
        for decoded in &mut merged.prepared {
            for r in std::mem::take(&mut decoded.few) {
                undecodable.remove(&r.id);
                self.journal.upsert(r);
            }
            for batch in &decoded.batches {
                for id in batch.ids() {
                    undecodable.remove(id);
                }
            }
            self.journal
                .upsert_batches(std::mem::take(&mut decoded.batches));
            for id in decoded.damaged.drain(..) {
                self.journal.forget(&id);
                undecodable.insert(id);
            }
        }
        let mut others = false;
        for (id, kind) in &merged.records {
            match kind {
                // Kept revisions are read when they are asked for.
                Some(k) if k == kinds::REFLECTION || k == kinds::REVISION => {}
                Some(_) => others = true,
                None if self.journal.get(id).is_some() => self.journal.forget(id),
                // Ids with a dot name kept revisions.
                None if id.contains('.') => {}
                None => others = true,
            }
        }
        for id in undecodable {
            // As the merge left it: a reflection whose last version did not decode.
            if merged
                .records
                .get(&id)
                .is_some_and(|k| k.as_deref() == Some(kinds::REFLECTION))
            {
                self.damaged.push(DamagedRecord {
                    id,
                    kind: kinds::REFLECTION.to_owned(),
                });
            }
        }
        if others {
            let o = load::load_others(&self.store, &self.codec)?;
            self.profile = o.profile;
            self.settings = o.settings;
            self.journal
                .set_import_log(o.import_log.unwrap_or_default());
            self.hours = o.hours;
            self.portfolio = o.portfolio;
            self.provided = o.provided;
            self.desk = o.desk;
            self.sharing = o.sharing;
            self.backup_log = o.backup_log;
            self.damaged.retain(|d| d.kind == kinds::REFLECTION);
            self.damaged.extend(o.damaged);
        }
        // In id order, as an unlock lists them.
        self.damaged.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(())
    }

    /// How sync stands; `None` when the vault does not sync.
    pub fn sync_status(&self) -> Result<Option<SyncStatus>> {
        let Some((device, state)) = self.codec.with_sync(|l| (l.device, l.state.clone()))? else {
            return Ok(None);
        };
        let cursors = self.store.cursors()?;
        let mut devices: Vec<DeviceStatus> = state
            .devices
            .iter()
            .filter(|(id, _)| !state.forgotten.contains_key(*id))
            .map(|(id, name)| DeviceStatus {
                id: id.clone(),
                name: name.clone(),
                merged_up_to: cursors
                    .iter()
                    .find(|c| hex(&c.device) == *id)
                    .map_or(0, |c| c.segment),
            })
            .collect();
        devices.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(Some(SyncStatus {
            folder: state.folder.into(),
            device_id: hex(&device),
            device_name: state.device_name,
            devices,
            last_merge: state.last_merge,
            conflicts_kept: state.conflicts_kept,
            files_ignored: state.ignored,
            rollbacks: state.rollbacks,
            damaged: state.damaged.into_values().collect(),
            forgotten: state.forgotten.into_values().collect(),
            waiting: self.store.outbox()?.len(),
            keys_changed: self.keys_changed_elsewhere()?,
        }))
    }

    /// The reflections that have versions kept because another device edited them at the
    /// same time (each id once, sorted): a list marks them.
    pub fn reflections_with_revisions(&self) -> Result<Vec<String>> {
        let mut ids: Vec<String> = self
            .store
            .ids_of_kind(kinds::REVISION)?
            .into_iter()
            .filter_map(|id| id.rsplit_once('.').map(|(of, _)| of.to_owned()))
            .filter(|of| self.journal.get(of).is_some())
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// The versions of reflection `id` kept because other devices edited it at the same
    /// time, oldest first.
    pub fn revisions(&self, id: &str) -> Result<Vec<Revision>> {
        let names = self
            .codec
            .with_sync(|l| l.state.devices.clone())?
            .unwrap_or_default();
        let own = self
            .codec
            .with_sync(|l| (hex(&l.device), l.state.device_name.clone()))?;
        let mut out = Vec::new();
        for row in self
            .store
            .rows_with_prefix(kinds::REVISION, &format!("{id}."))?
        {
            let Some(json) = self.codec.open_raw(&row)? else {
                continue;
            };
            let Ok(rec) = serde_json::from_str::<RevisionRecord>(&json) else {
                continue;
            };
            let Ok(opened) = serde_json::from_str::<<Reflection as Record>::Opened>(&rec.body)
            else {
                continue;
            };
            let Some(reflection) = Reflection::from_opened(opened) else {
                continue;
            };
            let device = match &own {
                Some((me, name)) if *me == rec.device => name.clone(),
                _ => names.get(&rec.device).cloned().unwrap_or(rec.device),
            };
            out.push(Revision {
                id: rec.id,
                device,
                at: rec.at,
                reflection,
            });
        }
        out.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}
