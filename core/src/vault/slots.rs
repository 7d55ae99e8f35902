//! Key slots: the vault key (VK), wrapped once per way in. A passphrase slot holds VK under
//! a key derived from the passphrase (Argon2id, parameters stored with the slot). A recovery
//! slot made by format 2 holds VK wrapped to an X25519 public key derived from the recovery
//! key, so that VK can be wrapped to it again without the recovery key when VK rotates; a
//! recovery slot made by format 1 holds VK under a key derived from the recovery key. Each
//! slot's ciphertext binds the vault id and the slot kind. Format 2 allows exactly one slot
//! of each kind.

use chrono::{DateTime, Utc};

use crate::crypto::keys::{aad, AadPurpose, SecretKey};
use crate::crypto::recovery::wrap_to_recovery_slot;
use crate::crypto::{random_bytes, KdfParams, RecoveryKey, SALT_LEN};
use crate::error::{Error, Result};
use crate::store::{SlotRow, SlotWrite, Store};

/// The kind of a passphrase slot, as stored.
pub(super) const PASSPHRASE: &str = "passphrase";
/// The kind of a recovery-key slot, as stored.
pub(super) const RECOVERY: &str = "recovery";

/// A secret that opens one kind of slot.
pub(super) enum SlotSecret<'a> {
    /// The passphrase, as typed.
    Passphrase(&'a str),
    /// The recovery key, parsed.
    RecoveryKey(&'a RecoveryKey),
}

/// The secret an [`Unlock`](crate::Unlock) gives, parsed once (a recovery key's text is
/// checked here), ready to try against slots.
pub(super) enum GivenSecret<'a> {
    /// The passphrase, as typed.
    Passphrase(&'a str),
    /// The recovery key, parsed.
    RecoveryKey(RecoveryKey),
}

impl std::fmt::Debug for GivenSecret<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.secret().kind())
    }
}

impl<'a> GivenSecret<'a> {
    /// Parses what the person gave; with it, the refusal to give when it opens nothing
    /// (`WrongPassphrase` or `WrongRecoveryKey`).
    pub(super) fn parse(how: crate::Unlock<'a>) -> Result<(GivenSecret<'a>, Error)> {
        Ok(match how {
            crate::Unlock::Passphrase(p) => (GivenSecret::Passphrase(p), Error::WrongPassphrase),
            crate::Unlock::RecoveryKey(text) => (
                GivenSecret::RecoveryKey(RecoveryKey::parse(text)?),
                Error::WrongRecoveryKey,
            ),
        })
    }

    /// The secret to try against slots.
    pub(super) fn secret(&self) -> SlotSecret<'_> {
        match self {
            GivenSecret::Passphrase(p) => SlotSecret::Passphrase(p),
            GivenSecret::RecoveryKey(r) => SlotSecret::RecoveryKey(r),
        }
    }
}

impl std::fmt::Debug for SlotSecret<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind())
    }
}

impl SlotSecret<'_> {
    /// The kind of slot this secret opens.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            SlotSecret::Passphrase(_) => PASSPHRASE,
            SlotSecret::RecoveryKey(_) => RECOVERY,
        }
    }

    /// Opens `slot` (of this secret's kind): the vault key, or `None` if this secret is not
    /// the slot's. KDF parameters are checked against their bounds before any work.
    fn open(&self, vault_id: &[u8], slot: &SlotRow) -> Result<Option<SecretKey>> {
        let opened = match (self, &slot.public_key) {
            (SlotSecret::Passphrase(passphrase), _) => {
                let params = kdf_of(slot)?.ok_or_else(|| {
                    Error::VaultDamaged("a passphrase slot has no KDF parameters".into())
                })?;
                params
                    .derive(passphrase, &slot.salt)?
                    .open(&slot_aad(vault_id, PASSPHRASE), &slot.wrapped_key)
            }
            (SlotSecret::RecoveryKey(rk), Some(public)) => rk.open_slot_v2(
                &slot.salt,
                public,
                &recovery_v2_aad(vault_id),
                &slot.wrapped_key,
            ),
            (SlotSecret::RecoveryKey(rk), None) => rk
                .slot_key(&slot.salt)?
                .open(&slot_aad(vault_id, RECOVERY), &slot.wrapped_key),
        };
        opened.map(|vk| SecretKey::from_bytes(&vk)).transpose()
    }
}

/// The associated data of a passphrase slot, and of a recovery slot made by format 1.
fn slot_aad(vault_id: &[u8], kind: &str) -> Vec<u8> {
    aad(AadPurpose::Slot, vault_id, &[kind])
}

/// The associated data of a recovery slot made by format 2.
fn recovery_v2_aad(vault_id: &[u8]) -> Vec<u8> {
    aad(AadPurpose::RecoverySlotV2, vault_id, &[RECOVERY])
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

/// A slot that a secret opened.
pub(super) struct Opened {
    /// The vault key.
    pub vault_key: SecretKey,
    /// The KDF parameters of the slot (passphrase slots).
    pub kdf: Option<KdfParams>,
    /// The slot's row id.
    pub slot_id: i64,
}

/// Finds the slot of the secret's kind and opens it. `Ok(None)` when the secret is not the
/// slot's; [`Error::VaultDamaged`] when the vault has no passphrase slot, or (format 2) more
/// than one slot of a kind. A format-1 vault may hold two slots of a kind (a change of
/// passphrase or recovery key killed half-way): each is tried in turn.
pub(super) fn open(
    store: &Store,
    vault_id: &[u8],
    secret: &SlotSecret<'_>,
) -> Result<Option<Opened>> {
    open_rows(&store.slots()?, store.format(), vault_id, secret)
}

/// [`open`] over slot rows read elsewhere (a synced folder's key file), of a vault of
/// format `format`.
pub(super) fn open_rows(
    all: &[SlotRow],
    format: i64,
    vault_id: &[u8],
    secret: &SlotSecret<'_>,
) -> Result<Option<Opened>> {
    let kind = secret.kind();
    let mine: Vec<&SlotRow> = all.iter().filter(|s| s.kind == kind).collect();
    if mine.is_empty() && kind == PASSPHRASE {
        return Err(Error::VaultDamaged("it has no passphrase slot".into()));
    }
    if format >= 2 && mine.len() > 1 {
        return Err(Error::VaultDamaged(format!(
            "it has {} {kind} slots, and may have only one",
            mine.len()
        )));
    }
    for slot in mine {
        if let Some(vault_key) = secret.open(vault_id, slot)? {
            return Ok(Some(Opened {
                vault_key,
                kdf: kdf_of(slot)?,
                slot_id: slot.id,
            }));
        }
    }
    Ok(None)
}

/// The KDF parameters of the vault's passphrase slot, if it has them.
pub(super) fn passphrase_kdf(store: &Store) -> Result<Option<KdfParams>> {
    match store.slots()?.iter().find(|s| s.kind == PASSPHRASE) {
        Some(slot) => kdf_of(slot),
        None => Ok(None),
    }
}

/// A passphrase slot holding `vault_key` under `passphrase`, with a new salt.
pub(super) fn passphrase_slot(
    vault_id: &[u8],
    vault_key: &SecretKey,
    passphrase: &str,
    kdf: KdfParams,
    now: DateTime<Utc>,
) -> Result<SlotWrite> {
    let mut salt = vec![0u8; SALT_LEN];
    random_bytes(&mut salt)?;
    let kek = kdf.derive(passphrase, &salt)?;
    let wrapped_key = kek.seal(
        &slot_aad(vault_id, PASSPHRASE),
        vault_key.expose_secret_bytes(),
    )?;
    Ok(SlotWrite {
        kind: PASSPHRASE,
        kdf: Some((kdf.memory_kib, kdf.iterations, kdf.parallelism)),
        salt,
        wrapped_key,
        public_key: None,
        created_at: Some(now.to_rfc3339()),
    })
}

/// A recovery slot (format 2) holding `vault_key` for `recovery`, with a new salt.
pub(super) fn recovery_slot(
    vault_id: &[u8],
    vault_key: &SecretKey,
    recovery: &RecoveryKey,
    now: DateTime<Utc>,
) -> Result<SlotWrite> {
    let mut salt = vec![0u8; SALT_LEN];
    random_bytes(&mut salt)?;
    let public = recovery.slot_public_key(&salt)?;
    let wrapped_key = wrap_to_recovery_slot(&public, &recovery_v2_aad(vault_id), vault_key)?;
    Ok(SlotWrite {
        kind: RECOVERY,
        kdf: None,
        salt,
        wrapped_key,
        public_key: Some(public.to_vec()),
        created_at: Some(now.to_rfc3339()),
    })
}

/// The vault's recovery slot wrapped anew to a new vault key, without the recovery key;
/// `None` if the vault has no recovery slot of format 2 (then it cannot be done).
pub(super) fn rewrap_recovery(
    store: &Store,
    vault_id: &[u8],
    vault_key: &SecretKey,
) -> Result<Option<SlotWrite>> {
    let slots = store.slots()?;
    let Some(slot) = slots.iter().find(|s| s.kind == RECOVERY) else {
        return Ok(None);
    };
    let Some(public) = &slot.public_key else {
        return Ok(None);
    };
    Ok(Some(SlotWrite {
        kind: RECOVERY,
        kdf: None,
        salt: slot.salt.clone(),
        wrapped_key: wrap_to_recovery_slot(public, &recovery_v2_aad(vault_id), vault_key)?,
        public_key: Some(public.clone()),
        created_at: slot.created_at.clone(),
    }))
}

/// When the slot of `kind` was made, if recorded.
pub(super) fn made_at(slots: &[SlotRow], kind: &str) -> Option<DateTime<Utc>> {
    let slot = slots.iter().find(|s| s.kind == kind)?;
    DateTime::parse_from_rfc3339(slot.created_at.as_deref()?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
