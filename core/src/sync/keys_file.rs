//! The key file of a synced folder (`keys/g000001-<device>.attune-keys`): the vault's key
//! slots as the vault holds them, so that a new device can open the journal's vault key with
//! the passphrase or the recovery key. Plain JSON: every secret in it is already wrapped.
//! Written once; generation 1 only for now (see docs/design/sync.md).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::folder::KEYS_DIR;
use crate::error::{Error, Result};
use crate::files::{read_capped, write_atomic, Readers};
use crate::record::hlc::{hex, unhex};
use crate::store::SlotRow;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    attune_keys: u32,
    generation: u32,
    vault_id: String,
    device: String,
    slots: Vec<Slot>,
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

/// Writes this device's key file of generation 1, unless the folder has one already.
pub(crate) fn write(
    root: &Path,
    vault_id: &[u8; 16],
    device: &[u8; 16],
    slots: &[SlotRow],
) -> Result<()> {
    let dir = root.join(KEYS_DIR);
    std::fs::create_dir_all(&dir)?;
    if !read_all(root)?.is_empty() {
        return Ok(());
    }
    let file = KeysFile {
        attune_keys: 1,
        generation: 1,
        vault_id: hex(vault_id),
        device: hex(device),
        slots: slots
            .iter()
            .map(|s| Slot {
                kind: s.kind.clone(),
                kdf: s.kdf,
                salt: hex(&s.salt),
                wrapped_key: hex(&s.wrapped_key),
                public_key: s.public_key.as_deref().map(hex),
                created_at: s.created_at.clone(),
            })
            .collect(),
    };
    let json = serde_json::to_vec_pretty(&file)
        .map_err(|_| Error::Internal("key file encoding".into()))?;
    let name = format!("g000001-{}.attune-keys", hex(device));
    write_atomic(&dir.join(name), &json, "the sync key file", Readers::Owner)
}

/// The slots of every readable key file of the folder's journal (`vault_id`).
pub(crate) fn read_all(root: &Path) -> Result<Vec<SlotRow>> {
    let mut out = Vec::new();
    let dir = root.join(KEYS_DIR);
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut names: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "attune-keys"))
        .collect();
    names.sort();
    for path in names {
        let Ok(bytes) = read_capped(&path, 64 * 1024, "a sync key file") else {
            continue;
        };
        let Ok(file) = serde_json::from_slice::<KeysFile>(&bytes) else {
            continue;
        };
        for (i, s) in file.slots.into_iter().enumerate() {
            let (Some(salt), Some(wrapped_key)) = (unhex(&s.salt), unhex(&s.wrapped_key)) else {
                continue;
            };
            out.push(SlotRow {
                id: i64::try_from(i).unwrap_or(0) + 1,
                kind: s.kind,
                kdf: s.kdf,
                salt,
                wrapped_key,
                public_key: s.public_key.as_deref().and_then(unhex),
                created_at: s.created_at,
            });
        }
        if !out.is_empty() {
            break;
        }
    }
    Ok(out)
}
