//! The vault's ways in over time: changing the passphrase, making a new recovery key (each
//! rotating the vault key), the dates they were set, and bringing a format-1 vault to
//! format 2.

use std::path::Path;

use chrono::Utc;
use serde::Serialize;

use super::slots::{self, SlotSecret, PASSPHRASE, RECOVERY};
use super::{Unlock, Vault};
use crate::backup::BackupReason;
use crate::crypto::keys::SecretKey;
use crate::crypto::{check_new_passphrase, KdfParams, RecoveryKey};
use crate::error::{Error, Result};
use crate::record::{rotate_vault_key, RecordCodec};
use crate::store::{SlotWrite, Store, Write, DB_FILE};

impl Vault {
    /// Changes the passphrase (the old one must be right), in one transaction: killed at any
    /// point, the vault opens with the old passphrase or the new one. The vault key and the
    /// epoch key rotate with it when the recovery slot allows (format 2: it is wrapped to the
    /// recovery key's public key), so that the old passphrase opens no later copy of the
    /// vault; see [`KeyChange`].
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<KeyChange> {
        self.change_passphrase_with(Unlock::Passphrase(old), new)
    }

    /// [`Vault::change_passphrase`], proven by the old passphrase or by the recovery key:
    /// someone who forgot their passphrase opens the vault with the recovery key and sets a
    /// new passphrase with it, so that they need the paper key only once. A wrong secret
    /// changes nothing ([`Error::WrongPassphrase`], [`Error::WrongRecoveryKey`]).
    pub fn change_passphrase_with(&mut self, proof: Unlock<'_>, new: &str) -> Result<KeyChange> {
        check_new_passphrase(new)?;
        let kdf = match proof {
            Unlock::Passphrase(old) => {
                slots::open(&self.store, &self.vault_id, &SlotSecret::Passphrase(old))?
                    .ok_or(Error::WrongPassphrase)?
                    .kdf
            }
            Unlock::RecoveryKey(typed) => {
                let key = RecoveryKey::parse(typed)?;
                slots::open(&self.store, &self.vault_id, &SlotSecret::RecoveryKey(&key))?
                    .ok_or(Error::WrongRecoveryKey)?;
                // The new passphrase costs what the forgotten one did to try.
                slots::passphrase_kdf(&self.store)?
            }
        };
        let kdf = kdf.unwrap_or(KdfParams::DEFAULT);
        // A backup first, in the vault's own folder (it opens with the secret of today, as
        // every backup opens with the secrets of its day): a change that went wrong is undone
        // by restoring it. It is kept 30 days, or retired at once with the older ones
        // ([`Vault::retire_older_backups`]) when the old passphrase may be known.
        self.back_up(
            &super::backups_dir(&self.dir),
            BackupReason::BeforePassphraseChange,
        )?;
        let now = Utc::now();
        let new_vault_key = SecretKey::random()?;
        let rotated = match slots::rewrap_recovery(&self.store, &self.vault_id, &new_vault_key)? {
            Some(recovery) => {
                let passphrase =
                    slots::passphrase_slot(&self.vault_id, &new_vault_key, new, kdf, now)?;
                self.rotate(new_vault_key, &[passphrase, recovery])?;
                true
            }
            None => {
                let passphrase =
                    slots::passphrase_slot(&self.vault_id, &self.vault_key, new, kdf, now)?;
                let ways_in = [passphrase];
                let change = self.publish_generation(&self.vault_key, &ways_in)?;
                self.store.write(Write {
                    puts: change
                        .as_ref()
                        .map_or(&[], |c| std::slice::from_ref(&c.keys_row)),
                    deletes: &[],
                    new_epoch: None,
                    slots: &ways_in,
                    sync: change.as_ref().map(|c| (&c.rows, Some(c.device))),
                })?;
                self.changed_keys(&change)?;
                false
            }
        };
        let older_backups = self.backups_with_older_secrets()?.len();
        tracing::info!(
            vault_key_rotated = rotated,
            older_backups,
            "passphrase changed"
        );
        Ok(KeyChange {
            vault_key_rotated: rotated,
            older_backups: u32::try_from(older_backups).unwrap_or(u32::MAX),
        })
    }

    /// Checks the passphrase again, for what should not happen on an unlocked window alone
    /// (an unencrypted export): [`Error::WrongPassphrase`] if it is not this vault's.
    pub fn check_passphrase(&self, passphrase: &str) -> Result<()> {
        slots::open(
            &self.store,
            &self.vault_id,
            &SlotSecret::Passphrase(passphrase),
        )?
        .map(|_| ())
        .ok_or(Error::WrongPassphrase)
    }

    /// Makes a new recovery key (the passphrase must be right); the old one stops working,
    /// and the vault key rotates, so that no older copy of the recovery slot opens what the
    /// vault holds from then on. Show the result once.
    pub fn new_recovery_key(&mut self, passphrase: &str) -> Result<RecoveryKey> {
        let opened = slots::open(
            &self.store,
            &self.vault_id,
            &SlotSecret::Passphrase(passphrase),
        )?
        .ok_or(Error::WrongPassphrase)?;
        let kdf = opened.kdf.unwrap_or(KdfParams::DEFAULT);
        let now = Utc::now();
        let new_vault_key = SecretKey::random()?;
        let rk = RecoveryKey::generate()?;
        let ways_in = [
            slots::passphrase_slot(&self.vault_id, &new_vault_key, passphrase, kdf, now)?,
            slots::recovery_slot(&self.vault_id, &new_vault_key, &rk, now)?,
        ];
        self.rotate(new_vault_key, &ways_in)?;
        tracing::info!("recovery key replaced");
        Ok(rk)
    }

    /// Rotates the vault key to `new_vault_key` with the slots `ways_in`, in one transaction
    /// (on a vault that syncs, after writing the next key generation into the synced folder,
    /// so that the other devices learn of it).
    fn rotate(&mut self, new_vault_key: SecretKey, ways_in: &[SlotWrite]) -> Result<()> {
        let change = self.publish_generation(&new_vault_key, ways_in)?;
        self.codec = rotate_vault_key(
            &mut self.store,
            &self.codec,
            &new_vault_key,
            ways_in,
            change.as_ref().map(|c| (&c.rows, Some(c.device))),
            change
                .as_ref()
                .map_or(&[], |c| std::slice::from_ref(&c.keys_row)),
        )?;
        self.vault_key = new_vault_key;
        self.changed_keys(&change)
    }

    /// When the vault's ways in were last set, read before unlocking (these dates are stored
    /// in the clear): the unlock screen shows them, so that an owner notices a recovery key
    /// they did not make.
    pub fn key_dates(dir: &Path) -> Result<KeyDates> {
        let store = Store::open_to_read(&dir.join(DB_FILE))?;
        let slots = store.slots()?;
        Ok(KeyDates {
            passphrase_set_at: slots::made_at(&slots, PASSPHRASE),
            recovery_key_made_at: slots::made_at(&slots, RECOVERY),
        })
    }
}

/// Brings a format-1 vault to format 2 (after its secret opened a slot and the lock is
/// taken): a new epoch key, every record key moved under it, one slot of each kind kept
/// (the one that just opened; of the other kind, the oldest, which is the one its owner was
/// last shown if a change was killed half-way).
pub(super) fn migrate_v1(
    store: &mut Store,
    opened: &slots::Opened,
    kind: &str,
    vault_id: [u8; 16],
) -> Result<RecordCodec> {
    let (codec, wrapped_epoch) = RecordCodec::fresh(&opened.vault_key, vault_id)?;
    let mut keep = vec![opened.slot_id];
    if let Some(other) = store.slots()?.iter().find(|s| s.kind != kind) {
        keep.push(other.id);
    }
    let mut rewrap = codec.rewrap_from_v1(&opened.vault_key)?;
    store.migrate_v1(&mut *rewrap, &wrapped_epoch, &keep)?;
    drop(rewrap);
    tracing::info!("vault brought to format 2");
    Ok(codec)
}

/// What a passphrase change did to the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyChange {
    /// Whether the vault key was rotated (every record key re-wrapped), so that the old
    /// passphrase opens no later copy of the vault. `false` when the recovery key is of an
    /// older form that cannot be re-wrapped without it: making a new recovery key then
    /// completes the rotation.
    pub vault_key_rotated: bool,
    /// How many backups of this vault (the one taken just before the change among them)
    /// still open with the old passphrase: the window and the CLI offer to retire them
    /// ([`Vault::retire_older_backups`]) for someone whose old passphrase may be known.
    pub older_backups: u32,
}

/// When the vault's ways in were last set (stored in the clear, readable before unlock).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyDates {
    /// When the passphrase was last set; `None` for vaults made before this was recorded.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub passphrase_set_at: Option<chrono::DateTime<Utc>>,
    /// When the recovery key was last made; `None` for vaults made before this was recorded.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub recovery_key_made_at: Option<chrono::DateTime<Utc>>,
}
