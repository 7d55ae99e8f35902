//! Key slots: the vault key (VK), wrapped once per way in. A passphrase slot holds VK under
//! a key derived from the passphrase (Argon2id, parameters stored with the slot); a recovery
//! slot holds it under a key derived from the recovery key. Each slot's ciphertext binds the
//! vault id and the slot kind.

use crate::crypto::keys::{aad, AadPurpose, SecretKey};
use crate::crypto::{random_bytes, KdfParams, RecoveryKey, SALT_LEN};
use crate::error::{Error, Result};
use crate::store::{SlotRow, Store};

/// The kind of a passphrase slot, as stored.
const PASSPHRASE: &str = "passphrase";
/// The kind of a recovery-key slot, as stored.
const RECOVERY: &str = "recovery";

/// A secret that opens one kind of slot.
pub(super) enum SlotSecret<'a> {
    /// The passphrase, as typed.
    Passphrase(&'a str),
    /// The recovery key, parsed.
    RecoveryKey(&'a RecoveryKey),
}

impl std::fmt::Debug for SlotSecret<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind())
    }
}

impl SlotSecret<'_> {
    /// The kind of slot this secret opens.
    fn kind(&self) -> &'static str {
        match self {
            SlotSecret::Passphrase(_) => PASSPHRASE,
            SlotSecret::RecoveryKey(_) => RECOVERY,
        }
    }

    /// The key that wraps VK in a slot with this `salt` (and, for a passphrase, these KDF
    /// parameters, checked against their bounds before any work).
    fn slot_key(&self, salt: &[u8], kdf: Option<KdfParams>) -> Result<SecretKey> {
        match self {
            SlotSecret::Passphrase(passphrase) => {
                let params = kdf.ok_or_else(|| {
                    Error::VaultDamaged("a passphrase slot has no KDF parameters".into())
                })?;
                params.derive(passphrase, salt)
            }
            SlotSecret::RecoveryKey(rk) => rk.slot_key(salt),
        }
    }
}

fn slot_aad(vault_id: &[u8], kind: &str) -> Vec<u8> {
    aad(AadPurpose::Slot, vault_id, &[kind])
}

/// The KDF parameters stored with a slot, if it has them.
fn kdf_of(slot: &SlotRow) -> Result<Option<KdfParams>> {
    let Some((m, t, p)) = slot.kdf else {
        return Ok(None);
    };
    let conv = |v: i64, what: &str| {
        u32::try_from(v).map_err(|_| Error::KdfParamsOutOfBounds(format!("{what} {v}")))
    };
    Ok(Some(KdfParams {
        memory_kib: conv(m, "memory")?,
        iterations: conv(t, "iterations")?,
        parallelism: conv(p, "parallelism")?,
    }))
}

/// A slot that `secret` opened: the vault key, and the slot's KDF parameters.
pub(super) struct Opened {
    /// The vault key.
    pub vault_key: SecretKey,
    /// The KDF parameters of the slot that opened (passphrase slots).
    pub kdf: Option<KdfParams>,
}

/// Tries each slot of the secret's kind in turn, and returns the vault key from the first
/// that opens. `Ok(None)` when none does; [`Error::VaultDamaged`] when the vault has no
/// passphrase slot at all.
pub(super) fn open(
    store: &Store,
    vault_id: &[u8],
    secret: &SlotSecret<'_>,
) -> Result<Option<Opened>> {
    let kind = secret.kind();
    let aad = slot_aad(vault_id, kind);
    let mut any = false;
    for slot in store.slots()?.iter().filter(|s| s.kind == kind) {
        any = true;
        let kdf = kdf_of(slot)?;
        let kek = secret.slot_key(&slot.salt, kdf)?;
        if let Some(vk) = kek.open(&aad, &slot.wrapped_key) {
            return Ok(Some(Opened {
                vault_key: SecretKey::from_bytes(&vk)?,
                kdf,
            }));
        }
    }
    if !any && kind == PASSPHRASE {
        return Err(Error::VaultDamaged("it has no passphrase slot".into()));
    }
    Ok(None)
}

/// Adds a slot in which `secret` opens `vault_key` (with `kdf` for a passphrase); returns
/// its id. Durable when this returns.
pub(super) fn add(
    store: &Store,
    vault_id: &[u8],
    vault_key: &SecretKey,
    secret: &SlotSecret<'_>,
    kdf: Option<KdfParams>,
) -> Result<i64> {
    let mut salt = vec![0u8; SALT_LEN];
    random_bytes(&mut salt)?;
    let kek = secret.slot_key(&salt, kdf)?;
    let kind = secret.kind();
    let wrapped = kek.seal(&slot_aad(vault_id, kind), vault_key.expose_secret_bytes())?;
    let stored_kdf = match secret {
        SlotSecret::Passphrase(_) => kdf.map(|p| (p.memory_kib, p.iterations, p.parallelism)),
        SlotSecret::RecoveryKey(_) => None,
    };
    store.insert_slot(kind, stored_kdf, &salt, &wrapped)
}

/// Replaces every slot of the secret's kind by one for `secret`: the new slot is written
/// first, then the old ones are removed, so a crash in between leaves both ways in.
pub(super) fn replace(
    store: &mut Store,
    vault_id: &[u8],
    vault_key: &SecretKey,
    secret: &SlotSecret<'_>,
    kdf: Option<KdfParams>,
) -> Result<()> {
    let old: Vec<i64> = store
        .slots()?
        .into_iter()
        .filter(|s| s.kind == secret.kind())
        .map(|s| s.id)
        .collect();
    add(store, vault_id, vault_key, secret, kdf)?;
    store.delete_slots(&old)
}
