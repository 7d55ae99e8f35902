//! The vault: a directory holding one SQLite file in which every record is sealed.
//!
//! Key hierarchy: passphrase → (NFC, Argon2id) → key-encryption key → unwraps the random
//! vault key (VK) from a key slot ([`slots`]); the recovery key unwraps the same VK from its
//! own slot. VK (through an HKDF subkey) wraps the epoch key, which wraps a fresh random key
//! per record ([`crate::record`]). Deleting a record rotates the epoch key; a new passphrase
//! or recovery key rotates VK and the epoch key, so that no older copy of a slot opens what
//! the vault holds from then on.
//!
//! The vault opens, creates and locks; it holds the vault's own records (profile, settings)
//! and loads every record at unlock ([`load`]), handing each kind to the domain that owns it.
//! Each domain keeps its own use cases and writes its own records through the codec:
//! [`Vault::journal_mut`], [`Vault::hours_mut`], [`Vault::sharing_mut`]. The few changes
//! that span two domains are here, each one transaction.

mod backup;
mod key_change;
mod keys;
mod load;
mod location;
mod owner;
mod slots;
mod sync;
mod sync_keys;
#[cfg(test)]
mod sync_keys_tests;
#[cfg(test)]
mod sync_keys_vectors;
#[cfg(test)]
mod sync_tests;
mod upkeep;

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;

pub use backup::{backups_dir, restore_backup, verify_backup, Restored, VerifiedBackup};
pub use keys::{KeyChange, KeyDates};
pub use location::default_dir;
pub use sync::{KeepVersion, Revision, SyncReport};
pub use upkeep::{
    AutoBackup, BackupFailure, BackupLog, BackupStatus, FolderFailure, RetiredBackups, STALE_DAYS,
};

use crate::backup::BackupReason;
use crate::crypto::keys::SecretKey;
use crate::crypto::{check_new_passphrase, random_bytes, KdfParams, RecoveryKey};
use crate::desk::{Desk, DeskRecords};
use crate::error::{Error, Result};
use crate::hours::records::HoursRecords;
use crate::hours::Hours;
use crate::journal::records::JournalRecords;
use crate::journal::Journal;
use crate::portfolio::{Portfolio, PortfolioRecords};
use crate::profile::{Profile, Role};
use crate::provided::{Provided, ProvidedRecords};
use crate::record::{kinds, Record, RecordCodec, Records};
use crate::settings::Settings;
use crate::share::records::SharingRecords;
use crate::share::{Identity, Sharing};
use crate::store::{Store, Write, DB_FILE};

/// The record id of the vault's profile.
const PROFILE_ID: &str = "profile";
/// The record id of the vault's settings.
const SETTINGS_ID: &str = "settings";

/// The lock file beside the database: held (an OS advisory lock) by the one process that
/// has the vault unlocked, released by the OS if that process dies.
const LOCK_FILE: &str = "attune.lock";

/// Takes the vault's exclusive lock, or says who has it.
fn take_lock(dir: &Path) -> Result<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::VaultInUse(dir.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

impl Record for Profile {
    const KIND: &'static str = kinds::PROFILE;
    type Sealed<'a> = &'a Profile;
    type Opened = Profile;
    fn record_id(&self) -> &str {
        PROFILE_ID
    }
    fn to_sealed(&self) -> &Profile {
        self
    }
    fn from_opened(opened: Profile) -> Option<Profile> {
        Some(opened)
    }
}

impl Record for Settings {
    const KIND: &'static str = kinds::SETTINGS;
    type Sealed<'a> = &'a Settings;
    type Opened = Settings;
    fn record_id(&self) -> &str {
        SETTINGS_ID
    }
    fn to_sealed(&self) -> &Settings {
        self
    }
    fn from_opened(opened: Settings) -> Option<Settings> {
        Some(opened)
    }
}

/// How to unlock a vault.
#[derive(Debug, Clone, Copy)]
pub enum Unlock<'a> {
    /// With the passphrase.
    Passphrase(&'a str),
    /// With the recovery key, as typed (case, spaces and hyphens do not matter).
    RecoveryKey(&'a str),
}

/// Options for [`Vault::create`].
#[derive(Debug, Clone)]
pub struct CreateOptions {
    /// Display name.
    pub name: Option<String>,
    /// Practitioner or supervisor.
    pub role: Role,
    /// Argon2id cost for the passphrase slot.
    pub kdf: KdfParams,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions {
            name: None,
            role: Role::Practitioner,
            kdf: KdfParams::DEFAULT,
        }
    }
}

/// A record that failed to open at unlock: reported, never silently dropped or overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DamagedRecord {
    /// The record's id.
    pub id: String,
    /// The record's kind.
    pub kind: String,
}

/// An unlocked vault. Dropping it (or [`Vault::lock`]) forgets every key.
#[derive(Debug)]
pub struct Vault {
    dir: PathBuf,
    /// Held for as long as the vault is unlocked; dropping it releases the lock.
    _lock: std::fs::File,
    store: Store,
    vault_id: [u8; 16],
    vault_key: SecretKey,
    codec: RecordCodec,
    profile: Profile,
    settings: Settings,
    journal: Journal,
    hours: Hours,
    portfolio: Portfolio,
    provided: Provided,
    desk: Desk,
    sharing: Sharing,
    /// The last automatic backup that failed, until one succeeds.
    backup_log: upkeep::BackupLog,
    damaged: Vec<DamagedRecord>,
}

impl Vault {
    /// Whether `dir` holds a vault.
    pub fn exists(dir: &Path) -> bool {
        dir.join(DB_FILE).is_file()
    }

    /// The database file of the vault in `dir`.
    pub fn db_path(dir: &Path) -> PathBuf {
        dir.join(DB_FILE)
    }

    /// Creates a vault in `dir` (created if missing) and returns it unlocked, with the
    /// recovery key to show the user once. The vault file appears whole or not at all.
    pub fn create(
        dir: &Path,
        passphrase: &str,
        options: &CreateOptions,
    ) -> Result<(Vault, RecoveryKey)> {
        check_new_passphrase(passphrase)?;
        options.kdf.check()?;
        // The name goes on the vault's card: the person-name rule applies (it may be left
        // empty, to be set later).
        let name = match options.name.as_deref().map(str::trim) {
            None | Some("") => String::new(),
            Some(typed) => crate::person_name::person_name("name", typed)?,
        };
        // Said before the key derivation, which takes seconds (`build` checks again).
        if Vault::exists(dir) {
            return Err(Error::VaultExists(dir.to_path_buf()));
        }
        let mut vault_id = [0u8; 16];
        random_bytes(&mut vault_id)?;
        let vault_key = SecretKey::random()?;
        let recovery = RecoveryKey::generate()?;
        let now = Utc::now();
        let profile = Profile {
            name,
            role: options.role,
            created_at: now,
            provider_spellings: Vec::new(),
        };
        let ways_in = vec![
            slots::passphrase_slot(&vault_id, &vault_key, passphrase, options.kdf, now)?,
            slots::recovery_slot(&vault_id, &vault_key, &recovery, now)?,
        ];
        let vault = Vault::build(dir, vault_id, vault_key, &ways_in, profile)?;
        tracing::info!("vault created");
        Ok((vault, recovery))
    }

    /// Makes a vault in `dir` (created if missing) with this id, vault key and slots, and
    /// returns it unlocked. The vault file appears whole or not at all.
    fn build(
        dir: &Path,
        vault_id: [u8; 16],
        vault_key: SecretKey,
        ways_in: &[crate::store::SlotWrite],
        profile: Profile,
    ) -> Result<Vault> {
        crate::files::make_private_dir(dir)?;
        let db = dir.join(DB_FILE);
        if db.exists() {
            return Err(Error::VaultExists(dir.to_path_buf()));
        }
        // Built under a temporary name and renamed into place, so a crash leaves no half vault.
        let tmp = dir.join(format!(".{DB_FILE}.creating"));
        for suffix in ["", "-wal", "-shm"] {
            remove_if_exists(&PathBuf::from(format!("{}{suffix}", tmp.display())))?;
        }
        let (codec, wrapped_epoch) = RecordCodec::fresh(&vault_key, vault_id)?;
        let identity = Identity::generate()?;
        let built = (|| -> Result<()> {
            let mut store = Store::create(&tmp, &vault_id)?;
            let mut nothing_to_rewrap = |_: &str, _: &str, _: &[u8]| Ok(None);
            store.write(Write {
                puts: &[],
                deletes: &[],
                new_epoch: Some((&mut nothing_to_rewrap, &wrapped_epoch)),
                slots: ways_in,
                sync: None,
            })?;
            let mut records = Records::new(&mut store, &codec);
            let mut changes = records.changes();
            changes.put(&profile)?;
            changes.put(&identity)?;
            records.commit(changes)?;
            store.close()
        })();
        if let Err(e) = built {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
            }
            return Err(e);
        }
        std::fs::rename(&tmp, &db)?;
        crate::files::sync_dir(dir)?;
        let lock = take_lock(dir)?;
        crate::files::tighten_modes(dir, "attune.")?; // SQLite's -wal and -shm copy the db's mode
        let store = Store::open(&db)?;
        Ok(Vault {
            dir: dir.to_path_buf(),
            _lock: lock,
            store,
            vault_id,
            vault_key,
            codec,
            profile,
            settings: Settings::default(),
            journal: Journal::default(),
            hours: Hours::default(),
            portfolio: Portfolio::default(),
            provided: Provided::default(),
            desk: Desk::default(),
            sharing: Sharing::with_identity(identity),
            backup_log: upkeep::BackupLog::default(),
            damaged: Vec::new(),
        })
    }

    /// Unlocks the vault in `dir`. A wrong secret changes nothing on disk. Records that fail
    /// to open are listed in [`Vault::damaged`]; every other record is available.
    pub fn unlock(dir: &Path, how: Unlock<'_>) -> Result<Vault> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(Error::VaultNotFound(dir.to_path_buf()));
        }
        let (given, wrong) = slots::GivenSecret::parse(how)?;
        let secret = given.secret();
        // The secret is checked on a read-only connection: a wrong one changes nothing.
        let (vault_id, opened, from_folder) = {
            let check = Store::open_to_read(&db)?;
            let vault_id = check.vault_id()?;
            match slots::open(&check, &vault_id, &secret)? {
                Some(opened) => {
                    // A slot copied back from an older copy gives a vault key that opens
                    // nothing.
                    if check.format() >= 2
                        && RecordCodec::open(&opened.vault_key, vault_id, &check.epoch()?)?
                            .is_none()
                    {
                        return Err(wrong);
                    }
                    (vault_id, opened, None)
                }
                // A vault that syncs: the secret may be one set on another device since.
                None if check.format() >= 2 => {
                    let Some((vault_key, adoption)) =
                        sync_keys::open_through_folder(dir, &check, &vault_id, &secret)?
                    else {
                        return Err(wrong);
                    };
                    let opened = slots::Opened {
                        vault_key,
                        kdf: None,
                        slot_id: 0,
                    };
                    (vault_id, opened, Some(adoption))
                }
                None => return Err(wrong),
            }
        };
        // Only now, with the right secret, is anything created or changed on disk.
        let lock = take_lock(dir)?;
        crate::files::tighten_modes(dir, "attune.")?; // also what an older Attune left open
        let mut store = Store::open(&db)?;
        let codec = if store.format() >= 2 {
            RecordCodec::open(&opened.vault_key, vault_id, &store.epoch()?)?.ok_or(wrong)?
        } else {
            // Always a backup before a migration: the vault as it was, still format 1.
            backup::image_backup(
                &store,
                &backup::backups_dir(dir),
                BackupReason::BeforeMigration,
            )?;
            keys::migrate_v1(&mut store, &opened, secret.kind(), vault_id)?
        };
        let vault_key = opened.vault_key;
        let (journal, contents) = load::load(&store, &codec)?;
        sync::resume(&store, &codec, vault_id)?;
        let adoption = match from_folder {
            Some(adoption) => Some(adoption),
            None => sync_keys::check_generations(&codec, &vault_id, &vault_key, &secret)?,
        };
        if !contents.damaged.is_empty() {
            tracing::warn!(count = contents.damaged.len(), "records failed to open");
        }
        // How many records of each kind a vault holds says something about its owner's
        // work: it stays out of the log.
        tracing::info!("vault unlocked");
        let mut vault = Vault {
            dir: dir.to_path_buf(),
            _lock: lock,
            store,
            vault_id,
            vault_key,
            codec,
            profile: contents.profile,
            settings: contents.settings,
            journal,
            hours: contents.hours,
            portfolio: contents.portfolio,
            provided: contents.provided,
            desk: contents.desk,
            sharing: contents.sharing,
            backup_log: contents.backup_log,
            damaged: contents.damaged,
        };
        if let Some(adoption) = adoption {
            vault.adopt_generation(adoption)?;
        }
        vault.remember_sync_folder()?;
        Ok(vault)
    }

    /// Locks the vault: checkpoints and truncates the WAL, closes the database, and drops
    /// (zeroizes) every key and every decrypted reflection.
    pub fn lock(self) -> Result<()> {
        let Vault { store, _lock, .. } = self;
        // Close the database before the lock is released.
        store.close()?;
        drop(_lock);
        tracing::info!("vault locked");
        Ok(())
    }

    /// The directory of this vault.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Who the vault belongs to.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Records that failed to open at unlock.
    pub fn damaged(&self) -> &[DamagedRecord] {
        &self.damaged
    }

    /// The settings kept in the vault (defaults until first saved).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The reflections, for listing and search.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The supervision sessions, providers and training.
    pub fn hours(&self) -> &Hours {
        &self.hours
    }

    /// The parts of an Endorsement® application other than hours.
    pub fn portfolio(&self) -> &Portfolio {
        &self.portfolio
    }

    /// The RSC the user provided to others.
    pub fn provided(&self) -> &Provided {
        &self.provided
    }

    /// The supervisor's desk: private notes about supervisees.
    pub fn desk(&self) -> &Desk {
        &self.desk
    }

    /// Everything about sharing: contacts, what others shared, comments, attestations.
    pub fn sharing(&self) -> &Sharing {
        &self.sharing
    }

    /// Writing reflections.
    pub fn journal_mut(&mut self) -> JournalRecords<'_> {
        JournalRecords::new(
            &mut self.journal,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Writing sessions, providers and training.
    pub fn hours_mut(&mut self) -> HoursRecords<'_> {
        HoursRecords::new(
            &mut self.hours,
            &self.journal,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Writing portfolio items.
    pub fn portfolio_mut(&mut self) -> PortfolioRecords<'_> {
        PortfolioRecords::new(
            &mut self.portfolio,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Writing the RSC the user provided.
    pub fn provided_mut(&mut self) -> ProvidedRecords<'_> {
        ProvidedRecords::new(
            &mut self.provided,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Writing private notes about supervisees.
    pub fn desk_mut(&mut self) -> DeskRecords<'_> {
        DeskRecords::new(
            &mut self.desk,
            &self.sharing,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Sharing: my card, contacts, bundles, comments, receiving files, attestations.
    pub fn sharing_mut(&mut self) -> SharingRecords<'_> {
        SharingRecords::new(
            &mut self.sharing,
            &mut self.hours,
            &self.journal,
            &self.profile,
            Records::new(&mut self.store, &self.codec),
        )
    }

    /// Deletes a reflection (exact id) with its key, and the comments received on it, in
    /// one transaction: nothing of it should outlive it.
    pub fn delete_reflection(&mut self, id: &str) -> Result<()> {
        let mut comments = self.sharing.comment_ids_on_mine(id);
        // Versions kept from other devices go with it: nothing of it should outlive it.
        comments.extend(
            self.store
                .rows_with_prefix(kinds::REVISION, &format!("{id}."))?
                .into_iter()
                .map(|r| r.id),
        );
        let deleted = self.journal.get(id).is_some()
            && Records::new(&mut self.store, &self.codec).delete_with(
                kinds::REFLECTION,
                id,
                &comments,
            )?;
        if !deleted {
            return Err(Error::NotFound {
                kind: "reflection",
                id: id.to_owned(),
            });
        }
        self.journal.forget(id);
        self.sharing.forget_comments(&comments);
        Ok(())
    }
}

#[cfg(test)]
#[path = "mod_tests.rs"]
mod tests;
