//! The key files of a synced folder (`keys/g<generation>-<device>.attune-keys`,
//! docs/formats/sync-segment.md "The key files"): the vault's key slots as the vault holds
//! them, so that any device can open the journal's vault key with the passphrase or the
//! recovery key; one file per key generation (a passphrase changed or a recovery key made on
//! a device that syncs). Plain JSON: every secret in it is wrapped or sealed.
//!
//! Generation 1 (format 1) holds the slots only. A later generation (format 2) also holds,
//! sealed under its own vault key, the sync key and every earlier generation's vault key (so
//! that a device still on an earlier one can move its vault to the new key), and, sealed
//! under the previous generation's vault key, who made it and when (so that a device still
//! on the previous one can tell its person that the passphrase was changed elsewhere, and
//! no one without that key can make it say so). Both are bound to the slots they came with.

use std::path::Path;

use chrono::{DateTime, Utc};
use ring::digest;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::folder::{key_temp_prefix, KEYS_DIR};
use super::{SyncKey, SyncKeys};
use crate::crypto::keys::{aad, AadPurpose, SecretKey};
use crate::error::{Error, Result};
use crate::files::{read_capped, write_atomic_as, Readers};
use crate::record::hlc::{hex, unhex};
use crate::store::SlotRow;

/// The newest key-file format this build writes and reads.
pub const FORMAT: u32 = 2;
/// HKDF label of the key that seals a generation's keys, from that generation's vault key.
const KEYS_LABEL: &str = "attune sync keys v2";
/// HKDF label of the key that seals a generation's link, from the previous vault key.
const LINK_LABEL: &str = "attune sync keys link v2";
/// The largest key file read.
const MAX_KEYS_FILE: usize = 64 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    attune_keys: u32,
    generation: u32,
    vault_id: String,
    device: String,
    slots: Vec<Slot>,
    /// Format 2: [`Sealed`], under the generation's own vault key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keys: Option<String>,
    /// Format 2: [`Link`], under the previous generation's vault key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Slot {
    kind: String,
    kdf: Option<(i64, i64, i64)>,
    salt: String,
    wrapped_key: String,
    public_key: Option<String>,
    created_at: Option<String>,
}

/// What a format-2 file seals under its own vault key.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sealed {
    /// The sync keys segments may be sealed under, by the generation that made each, oldest
    /// first: generation 1's (derived from its vault key) and one made by each later one.
    sync_keys: Vec<KeyOf>,
    /// Every earlier generation's vault key, oldest first.
    vault_keys: Vec<KeyOf>,
}

/// A key (hex) and the generation it belongs to.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyOf {
    generation: u32,
    key: Zeroizing<String>,
}

/// What a format-2 file seals under the previous generation's vault key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Link {
    /// The name of the device that made the generation.
    pub device_name: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// One key file of the folder, read and checked for form (nothing opened yet).
#[derive(Debug)]
pub(crate) struct Generation {
    /// Its key generation, from 1.
    pub generation: u32,
    /// The device that wrote it.
    pub device: [u8; 16],
    /// Its slots, as the vault stores them.
    pub slots: Vec<SlotRow>,
    keys: Option<Vec<u8>>,
    link: Option<Vec<u8>>,
    /// SHA-256 of the slots as written: the sealed parts are bound to it.
    slots_digest: [u8; 32],
}

/// The keys a generation's vault key opens in its file.
pub(crate) struct GenerationKeys {
    /// The sync keys of this generation and every earlier one.
    pub sync_keys: SyncKeys,
    /// The earlier generations' vault keys, oldest first.
    pub earlier: Vec<(u32, SecretKey)>,
}

impl Generation {
    /// Whether this generation comes after `(generation, device)`: a higher generation, or
    /// the same one written by a device with a greater id (two devices that changed keys at
    /// the same time: the greater id wins on every device).
    pub(crate) fn is_after(&self, generation: u32, device: &[u8; 16]) -> bool {
        (self.generation, self.device) > (generation, *device)
    }

    /// The sync key and earlier vault keys, opened with this generation's vault key; `None`
    /// if the key is not this generation's (or the file was tampered with).
    pub(crate) fn open_keys(
        &self,
        vault_key: &SecretKey,
        vault_id: &[u8; 16],
    ) -> Result<Option<GenerationKeys>> {
        let Some(sealed) = &self.keys else {
            // Generation 1: the sync key is derived from its vault key.
            return Ok(Some(GenerationKeys {
                sync_keys: SyncKeys::first(SyncKey::derive(vault_key, vault_id)?),
                earlier: Vec::new(),
            }));
        };
        let key = vault_key.derive(vault_id, KEYS_LABEL)?;
        let Some(json) = key.open(&self.aad(AadPurpose::SyncKeys, vault_id), sealed) else {
            return Ok(None);
        };
        let Ok(opened) = serde_json::from_slice::<Sealed>(&json) else {
            return Ok(None);
        };
        let key_of = |h: &str| -> Option<SecretKey> {
            let bytes = Zeroizing::new(unhex(h)?);
            SecretKey::from_bytes(&bytes).ok()
        };
        let mut sync_keys = Vec::new();
        for k in opened
            .sync_keys
            .iter()
            .filter(|k| k.generation <= self.generation)
        {
            let Some(key) = key_of(&k.key) else {
                return Ok(None);
            };
            sync_keys.push((
                k.generation,
                SyncKey::from_bytes(key.expose_secret_bytes())?,
            ));
        }
        let Some(sync_keys) = SyncKeys::from_generations(sync_keys) else {
            return Ok(None);
        };
        let mut earlier = Vec::new();
        for k in &opened.vault_keys {
            let Some(key) = key_of(&k.key) else {
                return Ok(None);
            };
            earlier.push((k.generation, key));
        }
        Ok(Some(GenerationKeys { sync_keys, earlier }))
    }

    /// Who made this generation and when, opened with the previous generation's vault key;
    /// `None` for generation 1, or if the key is not the previous generation's.
    pub(crate) fn open_link(&self, previous: &SecretKey, vault_id: &[u8; 16]) -> Option<Link> {
        let sealed = self.link.as_ref()?;
        let key = previous.derive(vault_id, LINK_LABEL).ok()?;
        let json = key.open(&self.aad(AadPurpose::SyncKeysLink, vault_id), sealed)?;
        serde_json::from_slice(&json).ok()
    }

    fn aad(&self, purpose: AadPurpose, vault_id: &[u8; 16]) -> Vec<u8> {
        aad(
            purpose,
            vault_id,
            &[
                &self.generation.to_string(),
                &hex(&self.device),
                &hex(&self.slots_digest),
            ],
        )
    }
}

fn slot_json(slots: &[SlotRow]) -> Vec<Slot> {
    slots
        .iter()
        .map(|s| Slot {
            kind: s.kind.clone(),
            kdf: s.kdf,
            salt: hex(&s.salt),
            wrapped_key: hex(&s.wrapped_key),
            public_key: s.public_key.as_deref().map(hex),
            created_at: s.created_at.clone(),
        })
        .collect()
}

fn digest_of(slots: &[Slot]) -> Result<[u8; 32]> {
    let json =
        serde_json::to_vec(slots).map_err(|_| Error::Internal("key file encoding".into()))?;
    let d = digest::digest(&digest::SHA256, &json);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    Ok(out)
}

fn file_name(generation: u32, device: &[u8; 16]) -> String {
    format!("g{generation:06}-{}.attune-keys", hex(device))
}

/// Writes this device's key file of generation 1, unless the folder has a key file already.
pub(crate) fn write_first(
    root: &Path,
    vault_id: &[u8; 16],
    device: &[u8; 16],
    slots: &[SlotRow],
) -> Result<()> {
    let dir = root.join(KEYS_DIR);
    std::fs::create_dir_all(&dir)?;
    if !read_all(root, vault_id)?.is_empty() {
        return Ok(());
    }
    let file = KeysFile {
        attune_keys: 1,
        generation: 1,
        vault_id: hex(vault_id),
        device: hex(device),
        slots: slot_json(slots),
        keys: None,
        link: None,
    };
    let json = serde_json::to_vec_pretty(&file)
        .map_err(|_| Error::Internal("key file encoding".into()))?;
    write_atomic_as(
        &dir.join(file_name(1, device)),
        &json,
        "the sync key file",
        Readers::Owner,
        &key_temp_prefix(device),
    )
}

/// What a new generation's file carries.
pub(crate) struct NextGeneration<'a> {
    /// Its number (the device's current one plus one).
    pub generation: u32,
    /// The device writing it.
    pub device: [u8; 16],
    /// That device's name.
    pub device_name: &'a str,
    /// The new slots.
    pub slots: &'a [SlotRow],
    /// The vault key the new slots open.
    pub vault_key: &'a SecretKey,
    /// The previous generation's vault key.
    pub previous: &'a SecretKey,
    /// Every generation's vault key before the new one, oldest first (the previous one last).
    pub earlier: &'a [(u32, &'a SecretKey)],
    /// The sync keys of every generation, the new one's among them.
    pub sync_keys: &'a SyncKeys,
    /// When the change was made.
    pub at: DateTime<Utc>,
}

/// Writes a new generation's key file (format 2), whole or not at all.
pub(crate) fn write_next(
    root: &Path,
    vault_id: &[u8; 16],
    next: &NextGeneration<'_>,
) -> Result<()> {
    let dir = root.join(KEYS_DIR);
    std::fs::create_dir_all(&dir)?;
    let slots = slot_json(next.slots);
    let probe = Generation {
        generation: next.generation,
        device: next.device,
        slots: Vec::new(),
        keys: None,
        link: None,
        slots_digest: digest_of(&slots)?,
    };
    let encode = |what: &str| Error::Internal(format!("{what} encoding"));
    let sealed = Sealed {
        sync_keys: next
            .sync_keys
            .iter()
            .map(|(generation, key)| KeyOf {
                generation,
                key: Zeroizing::new(hex(key.expose_secret_bytes())),
            })
            .collect(),
        vault_keys: next
            .earlier
            .iter()
            .map(|(generation, key)| KeyOf {
                generation: *generation,
                key: Zeroizing::new(hex(key.expose_secret_bytes())),
            })
            .collect(),
    };
    let sealed_json = Zeroizing::new(serde_json::to_vec(&sealed).map_err(|_| encode("keys"))?);
    drop(sealed);
    let keys = next
        .vault_key
        .derive(vault_id, KEYS_LABEL)?
        .seal(&probe.aad(AadPurpose::SyncKeys, vault_id), &sealed_json)?;
    let link = Link {
        device_name: next.device_name.to_owned(),
        at: next.at,
    };
    let link_json = serde_json::to_vec(&link).map_err(|_| encode("link"))?;
    let link = next
        .previous
        .derive(vault_id, LINK_LABEL)?
        .seal(&probe.aad(AadPurpose::SyncKeysLink, vault_id), &link_json)?;
    let file = KeysFile {
        attune_keys: FORMAT,
        generation: next.generation,
        vault_id: hex(vault_id),
        device: hex(&next.device),
        slots,
        keys: Some(hex(&keys)),
        link: Some(hex(&link)),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|_| encode("key file"))?;
    write_atomic_as(
        &dir.join(file_name(next.generation, &next.device)),
        &json,
        "the sync key file",
        Readers::Owner,
        &key_temp_prefix(&next.device),
    )
}

/// Every well-formed key file of the folder's journal (`vault_id`), the newest first (by
/// generation, then by device id, greater first). Files of another journal, of a format
/// this build does not read, or not well formed are left out.
pub(crate) fn read_all(root: &Path, vault_id: &[u8; 16]) -> Result<Vec<Generation>> {
    let mut out = Vec::new();
    let dir = root.join(KEYS_DIR);
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_none_or(|x| x != "attune-keys") {
            continue;
        }
        if let Some(g) = read_one(&path, vault_id) {
            out.push(g);
        }
    }
    out.sort_by_key(|g| std::cmp::Reverse((g.generation, g.device)));
    Ok(out)
}

fn read_one(path: &Path, vault_id: &[u8; 16]) -> Option<Generation> {
    let bytes = read_capped(path, MAX_KEYS_FILE, "a sync key file").ok()?;
    let file = serde_json::from_slice::<KeysFile>(&bytes).ok()?;
    let well_formed = match file.attune_keys {
        1 => file.generation == 1 && file.keys.is_none() && file.link.is_none(),
        2 => file.generation >= 2 && file.keys.is_some() && file.link.is_some(),
        _ => false,
    };
    if !well_formed || unhex(&file.vault_id)?.as_slice() != vault_id.as_slice() {
        return None;
    }
    let device: [u8; 16] = unhex(&file.device)?.try_into().ok()?;
    let slots_digest = digest_of(&file.slots).ok()?;
    let mut slots = Vec::new();
    for (i, s) in file.slots.into_iter().enumerate() {
        slots.push(SlotRow {
            id: i64::try_from(i).ok()? + 1,
            kind: s.kind,
            kdf: s.kdf,
            salt: unhex(&s.salt)?,
            wrapped_key: unhex(&s.wrapped_key)?,
            public_key: match s.public_key {
                Some(p) => Some(unhex(&p)?),
                None => None,
            },
            created_at: s.created_at,
        });
    }
    let keys = match file.keys {
        Some(k) => Some(unhex(&k)?),
        None => None,
    };
    let link = match file.link {
        Some(k) => Some(unhex(&k)?),
        None => None,
    };
    Some(Generation {
        generation: file.generation,
        device,
        slots,
        keys,
        link,
        slots_digest,
    })
}
