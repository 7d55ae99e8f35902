//! A change of a syncing vault's keys, as the vault makes it: the next key generation
//! written into the synced folder before a passphrase change or a new recovery key here, one
//! taken from the folder at unlock, and what the sync status says of one made elsewhere. What
//! the key files say and how a secret is tried on them is `sync_keys`'.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::sync_keys::{
    changed_elsewhere, keys_row, known_keys, remember_folder, segment_keys, slot_rows, standing,
    Adoption, SYNC_KEY_ID,
};
use super::Vault;
use crate::crypto::keys::SecretKey;
use crate::error::{Error, Result};
use crate::record::hlc::hex;
use crate::record::rotate_vault_key;
use crate::record::tracking::SyncState;
use crate::store::{RecordRow, SlotRow, SlotWrite, SyncRows};
use crate::sync::keys_file::{self, NextGeneration};
use crate::sync::{KeysChanged, SyncKey, SyncKeys, COMPACT_AFTER_OPS};

/// What a change of keys writes beside the new slots, in the same transaction.
pub(super) struct KeyChangeRows {
    /// The device's state at its new generation.
    pub rows: SyncRows,
    /// This device.
    pub device: [u8; 16],
    generation: u32,
    generation_device: [u8; 16],
    /// The sealed record of the sync keys it now holds.
    pub keys_row: RecordRow,
}

/// A device's state moved to `generation` (made by `device`), with a compaction due: it
/// re-seals under the new sync key what the device wrote under older ones.
fn stand_at(state: &mut SyncState, generation: u32, device: [u8; 16]) {
    state.key_generation = generation;
    state.key_generation_device = hex(&device);
    state.ops_since_compaction = state.ops_since_compaction.max(COMPACT_AFTER_OPS);
}

impl Vault {
    /// A newer key generation in the synced folder, made from this vault's keys and not
    /// taken here yet (the passphrase was changed on another device while this one was
    /// unlocked): who made it and when. `None` when there is none, or the vault does not sync.
    pub(super) fn keys_changed_elsewhere(&self) -> Result<Option<KeysChanged>> {
        let Some(state) = self.codec.with_sync(|l| l.state.clone())? else {
            return Ok(None);
        };
        let Ok(files) = keys_file::read_all(Path::new(&state.folder), &self.vault_id) else {
            return Ok(None);
        };
        let (generation, device) = standing(&state);
        let known = known_keys(&files, &state, &self.vault_id, &self.vault_key)?;
        Ok(files
            .iter()
            .filter(|f| f.generation >= 2 && f.is_after(generation, &device))
            .find_map(|f| {
                known
                    .iter()
                    .rev()
                    .find_map(|(_, k)| f.open_link(k, &self.vault_id))
            })
            .map(|link| KeysChanged {
                device: link.device_name,
                at: link.at,
            }))
    }

    /// Keeps the note of the synced folder beside the vault up to date (a vault that synced
    /// before the note existed gets it at its next unlock). Failing to write it costs only
    /// the check of a secret changed elsewhere: the unlock goes on.
    pub(super) fn remember_sync_folder(&self) -> Result<()> {
        let Some(folder) = self.codec.with_sync(|l| l.state.folder.clone())? else {
            return Ok(());
        };
        if let Err(e) = remember_folder(&self.dir, Path::new(&folder)) {
            tracing::warn!(code = ?e.code(), "the synced folder's note was not written");
        }
        Ok(())
    }

    /// Moves the vault to a newer key generation found in the synced folder: its vault key
    /// and its slots, and the device's standing, in one transaction.
    pub(super) fn adopt_generation(&mut self, adoption: Adoption) -> Result<()> {
        let Adoption {
            generation,
            device,
            vault_key,
            slots,
            sync_keys,
        } = adoption;
        let change = self.key_change(generation, device, &sync_keys)?;
        self.codec = rotate_vault_key(
            &mut self.store,
            &self.codec,
            &vault_key,
            &slots,
            change.as_ref().map(|c| (&c.rows, Some(c.device))),
            change
                .as_ref()
                .map_or(&[], |c| std::slice::from_ref(&c.keys_row)),
        )?;
        self.vault_key = vault_key;
        self.changed_keys(&change)?;
        tracing::info!(generation, "key generation taken from the synced folder");
        Ok(())
    }

    /// What a change of keys to `generation` (made by `device`) writes beside it, in the
    /// same transaction: the device's standing (and a compaction due, which re-seals what
    /// it wrote under the new generation's sync key) and the sync keys it now holds.
    /// `None` when the vault does not sync.
    fn key_change(
        &self,
        generation: u32,
        device: [u8; 16],
        sync_keys: &SyncKeys,
    ) -> Result<Option<KeyChangeRows>> {
        let keys_row = keys_row(&self.codec, sync_keys)?;
        self.codec
            .with_sync(|l| -> Result<KeyChangeRows> {
                let mut next = l.state.clone();
                stand_at(&mut next, generation, device);
                let kept = std::mem::replace(&mut l.state, next);
                let sealed = l.seal_state();
                l.state = kept;
                Ok(KeyChangeRows {
                    rows: SyncRows {
                        state: Some(sealed?),
                        ..SyncRows::default()
                    },
                    device: l.device,
                    generation,
                    generation_device: device,
                    keys_row,
                })
            })?
            .transpose()
    }

    /// After the transaction of a change of keys: the device's state in memory follows.
    pub(super) fn changed_keys(&self, change: &Option<KeyChangeRows>) -> Result<()> {
        if let Some(c) = change {
            self.codec
                .with_sync(|l| stand_at(&mut l.state, c.generation, c.generation_device))?;
        }
        Ok(())
    }

    /// Before the vault's ways in change (a new passphrase, a new recovery key) on a vault
    /// that syncs: writes the next generation's key file into the synced folder (with a new
    /// sync key, so that what is written from now on does not open with the old secret),
    /// and gives what to write in the same transaction as the change. Written first, so
    /// that a crash between the two leaves a key file that the new secret opens (the next
    /// unlock with it moves the vault there), never a vault the folder cannot open. Refused
    /// when the folder is out of reach, or already holds a newer generation made from this
    /// vault's key.
    pub(super) fn publish_generation(
        &self,
        vault_key: &SecretKey,
        ways_in: &[SlotWrite],
    ) -> Result<Option<KeyChangeRows>> {
        let Some((me, state)) = self.codec.with_sync(|l| (l.device, l.state.clone()))? else {
            return Ok(None);
        };
        let folder = PathBuf::from(&state.folder);
        if !folder.is_dir() {
            return Err(Error::invalid(
                "folder",
                format!(
                    "the synced folder {} is out of reach; the other devices would not learn of the change, so nothing was changed",
                    folder.display()
                ),
            ));
        }
        let files = keys_file::read_all(&folder, &self.vault_id)?;
        let (generation, device) = standing(&state);
        let known = known_keys(&files, &state, &self.vault_id, &self.vault_key)?;
        if let Some(refusal) = files
            .iter()
            .filter(|f| f.generation >= 2 && f.is_after(generation, &device))
            .find_map(|f| changed_elsewhere(f, &known, &self.vault_id, generation))
        {
            return Err(refusal);
        }
        let next = generation + 1;
        let mut fresh = [0u8; 32];
        crate::crypto::random_bytes(&mut fresh)?;
        let sync_keys = segment_keys(&self.store, &self.codec)?
            .ok_or_else(|| Error::RecordDamaged {
                id: SYNC_KEY_ID.into(),
            })?
            .with(next, SyncKey::from_bytes(&fresh)?);
        zeroize::Zeroize::zeroize(&mut fresh);
        let earlier: Vec<(u32, &SecretKey)> = known.iter().map(|(g, k)| (*g, k)).collect();
        // The file holds every way in: those changed, and the others as they are.
        let mut slots = slot_rows(ways_in);
        for kept in self.store.slots()? {
            if !ways_in.iter().any(|w| w.kind == kept.kind) {
                slots.push(SlotRow {
                    id: i64::try_from(slots.len()).unwrap_or(0) + 1,
                    ..kept
                });
            }
        }
        keys_file::write_next(
            &folder,
            &self.vault_id,
            &NextGeneration {
                generation: next,
                device: me,
                device_name: &state.device_name,
                slots: &slots,
                vault_key,
                previous: &self.vault_key,
                earlier: &earlier,
                sync_keys: &sync_keys,
                at: Utc::now(),
            },
        )?;
        self.key_change(next, me, &sync_keys)
    }
}
