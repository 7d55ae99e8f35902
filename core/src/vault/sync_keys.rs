//! Key generations of a vault that syncs (docs/design/sync.md, "Keys"): a passphrase changed
//! or a recovery key made on one device reaches the others through the synced folder's key
//! files. At unlock a device reads them: the new secret moves its vault to the new vault key
//! and slots (in one transaction), and the old one is refused with a message saying where
//! and when it was changed. The key-file format is `crate::sync::keys_file`'s.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::slots::{self, SlotSecret, PASSPHRASE, RECOVERY};
use crate::crypto::keys::SecretKey;
use crate::error::{Error, Result};
use crate::files::{read_capped, write_atomic, Readers};
use crate::record::hlc::{hex, unhex};
use crate::record::kinds;
use crate::record::tracking::SyncState;
use crate::record::RecordCodec;
use crate::store::{RecordRow, SlotRow, SlotWrite, Store};
use crate::sync::keys_file::{self, Generation, GenerationKeys};
use crate::sync::{SyncKey, SyncKeys};

/// The file beside the vault that names, in the clear, the folder it syncs through: an
/// unlock must read that folder's key files before any key opens the vault (a passphrase
/// changed on another device is found there). A path only; rewritten at each unlock.
pub(super) const FOLDER_FILE: &str = "attune.sync-folder";

/// The record id of the sync key (one record, never synced).
pub(super) const SYNC_KEY_ID: &str = "sync_key";

/// The sealed record that keeps the sync key in the vault.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SyncKeyRecord {
    pub id: String,
    pub key: String,
}

/// The journal's sync key, as this vault keeps it; `None` when the vault does not sync.
pub(super) fn sync_key(store: &Store, codec: &RecordCodec) -> Result<Option<SyncKey>> {
    let Some(row) = store.row(SYNC_KEY_ID)? else {
        return Ok(None);
    };
    let damaged = || Error::RecordDamaged {
        id: SYNC_KEY_ID.into(),
    };
    let json = codec.open_raw(&row)?.ok_or_else(damaged)?;
    let rec: SyncKeyRecord = serde_json::from_str(&json).map_err(|_| damaged())?;
    let bytes = Zeroizing::new(unhex(&rec.key).ok_or_else(damaged)?);
    Ok(Some(SyncKey::from_bytes(&bytes)?))
}

/// The record id of the sync keys of every generation, once there is more than one.
pub(super) const SYNC_KEYS_ID: &str = "sync_keys";

/// The sealed record that keeps the sync keys of every generation (absent: only the first,
/// the `sync_key` record).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SyncKeysRecord {
    id: String,
    keys: Vec<(u32, Zeroizing<String>)>,
}

/// The sync keys segments are sealed and opened with, by generation; `None` when the vault
/// does not sync.
pub(super) fn segment_keys(store: &Store, codec: &RecordCodec) -> Result<Option<SyncKeys>> {
    let Some(first) = sync_key(store, codec)? else {
        return Ok(None);
    };
    let Some(row) = store.row(SYNC_KEYS_ID)? else {
        return Ok(Some(SyncKeys::first(first)));
    };
    let damaged = || Error::RecordDamaged {
        id: SYNC_KEYS_ID.into(),
    };
    let json = codec.open_raw(&row)?.ok_or_else(damaged)?;
    let rec: SyncKeysRecord = serde_json::from_str(&json).map_err(|_| damaged())?;
    let mut keys = Vec::new();
    for (generation, key) in &rec.keys {
        let bytes = Zeroizing::new(unhex(key).ok_or_else(damaged)?);
        keys.push((*generation, SyncKey::from_bytes(&bytes)?));
    }
    SyncKeys::from_generations(keys)
        .map(Some)
        .ok_or_else(damaged)
}

/// `keys` sealed as the vault keeps them (under `codec`, the vault's keys of now).
pub(super) fn keys_row(codec: &RecordCodec, keys: &SyncKeys) -> Result<RecordRow> {
    let rec = SyncKeysRecord {
        id: SYNC_KEYS_ID.into(),
        keys: keys
            .iter()
            .map(|(g, k)| (g, Zeroizing::new(hex(k.expose_secret_bytes()))))
            .collect(),
    };
    let json =
        Zeroizing::new(serde_json::to_vec(&rec).map_err(|_| Error::Crypto("sync keys encoding"))?);
    codec.seal_raw(SYNC_KEYS_ID, kinds::SYNC_KEY, &json)
}

/// The most key files an unlock tries a secret on when the vault's own slots refuse it
/// (each try costs a key derivation; a folder stuffed with files cannot make it cost more).
const MOST_TRIES: usize = 4;

/// Remembers, beside the vault in `dir`, that it syncs through `folder`.
pub(super) fn remember_folder(dir: &Path, folder: &Path) -> Result<()> {
    if folder_of(dir).as_deref() == Some(folder) {
        return Ok(());
    }
    let text = folder
        .to_str()
        .ok_or_else(|| Error::invalid("folder", "the synced folder's path is not valid text"))?;
    write_atomic(
        &dir.join(FOLDER_FILE),
        format!("{text}\n").as_bytes(),
        "the synced folder's name",
        Readers::Owner,
    )
}

fn folder_of(dir: &Path) -> Option<PathBuf> {
    let bytes = read_capped(&dir.join(FOLDER_FILE), 4096, "the synced folder's name").ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let path = PathBuf::from(text.trim_end_matches('\n'));
    path.is_absolute().then_some(path)
}

/// The key generation a device is on, and the device whose key file made it.
pub(super) fn standing(state: &SyncState) -> (u32, [u8; 16]) {
    let device = unhex(&state.key_generation_device)
        .and_then(|v| v.try_into().ok())
        .unwrap_or([0; 16]);
    (state.key_generation.max(1), device)
}

pub(super) fn copy_key(key: &SecretKey) -> Result<SecretKey> {
    SecretKey::from_bytes(key.expose_secret_bytes())
}

/// A newer key generation for this device's vault: its key file, the vault key its slots
/// open, and those slots.
pub(super) struct Adoption {
    pub(super) generation: u32,
    pub(super) device: [u8; 16],
    pub(super) vault_key: SecretKey,
    pub(super) slots: Vec<SlotWrite>,
    pub(super) sync_keys: SyncKeys,
}

impl Adoption {
    fn of(file: &Generation, vault_key: SecretKey, keys: GenerationKeys) -> Result<Adoption> {
        Ok(Adoption {
            generation: file.generation,
            device: file.device,
            vault_key,
            slots: slot_writes(&file.slots)?,
            sync_keys: keys.sync_keys,
        })
    }
}

/// A key file's slots as the vault writes them.
pub(super) fn slot_writes(rows: &[SlotRow]) -> Result<Vec<SlotWrite>> {
    let damaged = || Error::invalid("folder", "its key file is damaged");
    rows.iter()
        .map(|r| {
            let kind = match r.kind.as_str() {
                "passphrase" => PASSPHRASE,
                "recovery" => RECOVERY,
                _ => {
                    return Err(Error::invalid(
                        "folder",
                        "its key file names an unknown slot",
                    ))
                }
            };
            let kdf = match r.kdf {
                Some((m, t, p)) => Some((
                    u32::try_from(m).map_err(|_| damaged())?,
                    u32::try_from(t).map_err(|_| damaged())?,
                    u32::try_from(p).map_err(|_| damaged())?,
                )),
                None => None,
            };
            Ok(SlotWrite {
                kind,
                kdf,
                salt: r.salt.clone(),
                wrapped_key: r.wrapped_key.clone(),
                public_key: r.public_key.clone(),
                created_at: r.created_at.clone(),
            })
        })
        .collect()
}

pub(super) fn slot_rows(writes: &[SlotWrite]) -> Vec<SlotRow> {
    writes
        .iter()
        .zip(1..)
        .map(|(w, id)| SlotRow {
            id,
            kind: w.kind.to_owned(),
            kdf: w
                .kdf
                .map(|(m, t, p)| (i64::from(m), i64::from(t), i64::from(p))),
            salt: w.salt.clone(),
            wrapped_key: w.wrapped_key.clone(),
            public_key: w.public_key.clone(),
            created_at: w.created_at.clone(),
        })
        .collect()
}

/// `secret` tried on a key file's slots: what it opens there, if anything. A file that is
/// not well formed (more than one slot of a kind, parameters out of bounds) opens nothing:
/// a file in the folder must never stop an unlock.
fn open_file(
    file: &Generation,
    vault_id: &[u8; 16],
    secret: &SlotSecret<'_>,
) -> Result<Option<(SecretKey, GenerationKeys)>> {
    let Ok(Some(opened)) = slots::open_rows(&file.slots, 2, vault_id, secret) else {
        return Ok(None);
    };
    Ok(file
        .open_keys(&opened.vault_key, vault_id)?
        .map(|keys| (opened.vault_key, keys)))
}

/// When the vault's own slots refuse the secret: the key files of the folder it syncs
/// through, the newest first, tried with it. A file the secret opens whose earlier vault
/// keys include one that opens this vault gives that key, and the generation to move to.
pub(super) fn open_through_folder(
    dir: &Path,
    check: &Store,
    vault_id: &[u8; 16],
    secret: &SlotSecret<'_>,
) -> Result<Option<(SecretKey, Adoption)>> {
    let Some(folder) = folder_of(dir) else {
        return Ok(None);
    };
    let Ok(files) = keys_file::read_all(&folder, vault_id) else {
        return Ok(None);
    };
    // The newest file the secret opens, refused if a newer one was made from it (the
    // secret was changed since, here or elsewhere: the refusal says where).
    let Some((file, new_key, keys)) = newest_opened(&files, vault_id, secret, &check.slots()?)?
    else {
        return Ok(None);
    };
    if file.generation < 2 {
        return Ok(None);
    }
    let epoch = check.epoch()?;
    for (_, old_key) in keys.earlier.iter().rev() {
        if RecordCodec::open(old_key, *vault_id, &epoch)?.is_some() {
            return Ok(Some((
                copy_key(old_key)?,
                Adoption::of(file, new_key, keys)?,
            )));
        }
    }
    Ok(None)
}

/// For a device joining from the folder: the newest key file the secret opens, with its
/// vault key and keys. Refused ([`Error::PassphraseChangedElsewhere`]) when a newer file,
/// made by someone who held that generation's key, exists: the secret was changed since.
pub(super) fn newest_opened<'f>(
    files: &'f [Generation],
    vault_id: &[u8; 16],
    secret: &SlotSecret<'_>,
    tried: &[SlotRow],
) -> Result<Option<(&'f Generation, SecretKey, GenerationKeys)>> {
    // A file whose slot of this secret's kind is one already tried (the vault's own, copied
    // there when it joined or took that generation) is not tried again: a mistyped
    // passphrase costs one key derivation more per older generation, not per file.
    let same_slot = |file: &Generation| {
        let mine = |slots: &[SlotRow]| {
            slots
                .iter()
                .find(|s| s.kind == secret.kind())
                .map(|s| (s.salt.clone(), s.wrapped_key.clone()))
        };
        mine(&file.slots).is_some_and(|m| Some(m) == mine(tried))
    };
    let candidates = files
        .iter()
        .enumerate()
        .filter(|(_, f)| !same_slot(f))
        .take(MOST_TRIES);
    for (i, file) in candidates {
        let Some((vault_key, keys)) = open_file(file, vault_id, secret)? else {
            continue;
        };
        let mut known = Vec::new();
        for (g, k) in &keys.earlier {
            known.push((*g, copy_key(k)?));
        }
        known.push((file.generation, copy_key(&vault_key)?));
        if let Some(refusal) = files[..i]
            .iter()
            .find_map(|newer| changed_elsewhere(newer, &known, vault_id, file.generation))
        {
            return Err(refusal);
        }
        return Ok(Some((file, vault_key, keys)));
    }
    Ok(None)
}

/// Takes away a vault that joining made in `dir` and could not finish (and `dir` itself
/// when joining made it): no half-made journal is left behind.
pub(super) fn remove_made_vault(dir: &Path, dir_existed: bool) {
    if !dir_existed {
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    let db = crate::store::DB_FILE;
    for name in [
        db.to_owned(),
        format!("{db}-wal"),
        format!("{db}-shm"),
        super::LOCK_FILE.to_owned(),
        FOLDER_FILE.to_owned(),
    ] {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

/// The vault keys this device knows: its own, and those its own generation's key file
/// holds (the generations before it).
pub(super) fn known_keys(
    files: &[Generation],
    state: &SyncState,
    vault_id: &[u8; 16],
    vault_key: &SecretKey,
) -> Result<Vec<(u32, SecretKey)>> {
    let (generation, device) = standing(state);
    let mut known = Vec::new();
    if let Some(own) = files
        .iter()
        .find(|f| f.generation == generation && f.device == device && generation >= 2)
    {
        if let Some(keys) = own.open_keys(vault_key, vault_id)? {
            known = keys.earlier;
        }
    }
    known.push((generation, copy_key(vault_key)?));
    Ok(known)
}

/// A key file after this device's generation made by someone who held one of its keys:
/// the refusal that says where and when the secret was changed.
pub(super) fn changed_elsewhere(
    file: &Generation,
    known: &[(u32, SecretKey)],
    vault_id: &[u8; 16],
    own_generation: u32,
) -> Option<Error> {
    let link = known
        .iter()
        .rev()
        .find_map(|(_, k)| file.open_link(k, vault_id))?;
    Some(Error::PassphraseChangedElsewhere {
        device: link.device_name,
        at: link.at,
        crossed: file.generation == own_generation,
    })
}

/// After the vault's own slot opened with the secret: a newer key generation in the synced
/// folder that the same secret opens (the vault moves to it), or the refusal when the
/// secret was changed on another device ([`Error::PassphraseChangedElsewhere`]). Only key
/// files made by someone who held this device's vault key count: a file anyone else put in
/// the folder changes nothing. A folder out of reach (an unplugged disk) changes nothing
/// either: the vault opens as it is.
pub(super) fn check_generations(
    codec: &RecordCodec,
    vault_id: &[u8; 16],
    vault_key: &SecretKey,
    secret: &SlotSecret<'_>,
) -> Result<Option<Adoption>> {
    let Some(state) = codec.with_sync(|l| l.state.clone())? else {
        return Ok(None);
    };
    let Ok(files) = keys_file::read_all(Path::new(&state.folder), vault_id) else {
        return Ok(None);
    };
    let (generation, device) = standing(&state);
    let known = known_keys(&files, &state, vault_id, vault_key)?;
    let mut refusal = None;
    for file in files
        .iter()
        .filter(|f| f.generation >= 2 && f.is_after(generation, &device))
    {
        let Some(said) = changed_elsewhere(file, &known, vault_id, generation) else {
            continue;
        };
        if let Some((new_key, keys)) = open_file(file, vault_id, secret)? {
            return Ok(Some(Adoption::of(file, new_key, keys)?));
        }
        refusal.get_or_insert(said);
    }
    refusal.map_or(Ok(None), Err)
}
