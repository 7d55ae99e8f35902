//! The vault: a directory holding one SQLite file in which every record is sealed.
//!
//! Key hierarchy: passphrase → (NFC, Argon2id) → key-encryption key → unwraps the random
//! vault key (VK) from a key slot; the recovery key unwraps the same VK from its own slot.
//! HKDF-SHA256 derives purpose subkeys from VK; the records subkey wraps a fresh random key per
//! record, which seals that record. Deleting a record deletes its wrapped key.

mod hours;
mod kdf;
/// Keys and the one seal/open pair; public for benchmarks and for the sharing code to come.
pub mod keys;
mod location;
mod recovery;
mod share;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use hours::{Duplicate, ImportReport};
pub use kdf::{
    check_new_passphrase, KdfParams, MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, SALT_LEN,
};
use keys::{aad, aad_into, random_bytes, AadPurpose, Opener, SecretKey};
pub use location::default_dir;
pub use recovery::{RecoveryKey, RECOVERY_KEY_CHARS};

use crate::error::{Error, Result};
use crate::hours::{Hours, Provider, SupervisionSession, Training};
use crate::journal::{
    self, index_reflection, DocId, Journal, Reflection, ReflectionDraft, SealedReflection,
    SealedReflectionRef, SearchIndex,
};
use crate::settings::Settings;
use crate::share::{Identity, Sharing};
use crate::store::{RecordReader, RecordRef, RecordRow, SlotRow, Store, DB_FILE, FORMAT_VERSION};

/// HKDF label of the subkey that wraps record keys.
const RECORDS_LABEL: &str = "attune/v1/records";
const SLOT_PASSPHRASE: &str = "passphrase";
const SLOT_RECOVERY: &str = "recovery";

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

/// The kinds of sealed record this version knows.
pub mod kinds {
    /// A reflection (journal entry).
    pub const REFLECTION: &str = "reflection";
    /// The vault's profile (display name and role).
    pub const PROFILE: &str = "profile";
    /// The settings kept in the vault.
    pub const SETTINGS: &str = "settings";
    /// A supervision session.
    pub const SESSION: &str = "session";
    /// A provider of supervision (the address book).
    pub const PROVIDER: &str = "provider";
    /// An in-service training entry.
    pub const TRAINING: &str = "training";
    /// The vault's identity (its secret signing and age keys).
    pub const IDENTITY: &str = "identity";
    /// A contact: someone's card, and whether it was verified.
    pub const CONTACT: &str = "contact";
    /// A reflection someone shared with me.
    pub const SHARED_REFLECTION: &str = "shared_reflection";
    /// A session someone sent me for confirmation.
    pub const SHARED_SESSION: &str = "shared_session";
    /// A comment on a reflection.
    pub const COMMENT: &str = "comment";
    /// An attestation received.
    pub const ATTESTATION: &str = "attestation";
    /// The id of a bundle already imported.
    pub const RECEIVED_BUNDLE: &str = "received_bundle";
}
const PROFILE_ID: &str = "profile";
const SETTINGS_ID: &str = "settings";
/// Schema version of the sealed JSON of every record kind.
const RECORD_SCHEMA: i64 = 1;

/// How to unlock a vault.
#[derive(Debug, Clone, Copy)]
pub enum Unlock<'a> {
    /// With the passphrase.
    Passphrase(&'a str),
    /// With the recovery key, as typed (case, spaces and hyphens do not matter).
    RecoveryKey(&'a str),
}

/// Whether the vault belongs to a practitioner or a supervisor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Role {
    /// Writes reflections and logs hours.
    #[default]
    Practitioner,
    /// Reads what practitioners share and attests hours.
    Supervisor,
}

impl Role {
    /// Parses `practitioner` or `supervisor`.
    pub fn parse(s: &str) -> Result<Role> {
        match s {
            "practitioner" => Ok(Role::Practitioner),
            "supervisor" => Ok(Role::Supervisor),
            _ => Err(Error::invalid(
                "role",
                format!("{s:?} is not practitioner or supervisor"),
            )),
        }
    }
}

/// Who the vault belongs to (sealed like every record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Display name (shown on contact cards later).
    pub name: String,
    /// Practitioner or supervisor.
    pub role: Role,
    /// When the vault was created.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
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
    records_key: SecretKey,
    profile: Profile,
    journal: Journal,
    settings: Settings,
    hours: Hours,
    sharing: Sharing,
    damaged: Vec<DamagedRecord>,
}

/// A new random record id: 128 bits, lower-case hex. Random, so it reveals nothing.
fn new_record_id() -> Result<String> {
    let mut b = [0u8; 16];
    random_bytes(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

fn slot_aad(vault_id: &[u8], kind: &str) -> Vec<u8> {
    aad(AadPurpose::Slot, vault_id, &[kind])
}

fn kdf_of(slot: &SlotRow) -> Result<KdfParams> {
    let (m, t, p) = slot
        .kdf
        .ok_or_else(|| Error::VaultDamaged("a passphrase slot has no KDF parameters".into()))?;
    let conv = |v: i64, what: &str| {
        u32::try_from(v).map_err(|_| Error::KdfParamsOutOfBounds(format!("{what} {v}")))
    };
    Ok(KdfParams {
        memory_kib: conv(m, "memory")?,
        iterations: conv(t, "iterations")?,
        parallelism: conv(p, "parallelism")?,
    })
}

/// Opens records at unlock, one worker's: the records key set up once, and buffers reused
/// from record to record (the plaintext one is overwritten when dropped).
struct RecordOpener<'a> {
    records: Opener,
    vault_id: &'a [u8],
    aad: Vec<u8>,
    key: Zeroizing<Vec<u8>>,
    plain: Zeroizing<Vec<u8>>,
}

impl<'a> RecordOpener<'a> {
    fn new(records_key: &SecretKey, vault_id: &'a [u8]) -> Result<Self> {
        Ok(RecordOpener {
            records: records_key.opener()?,
            vault_id,
            aad: Vec::with_capacity(128),
            key: Zeroizing::new(Vec::with_capacity(64)),
            plain: Zeroizing::new(Vec::new()),
        })
    }

    /// Opens one record's content: unwraps its key, then opens the blob, and checks that it
    /// is UTF-8 (once, so that JSON is parsed without per-string checks). `None` if any of
    /// that fails.
    fn open(&mut self, row: &RecordRef<'_>) -> Option<&str> {
        let fields = [row.id, row.kind];
        aad_into(&mut self.aad, AadPurpose::RecordKey, self.vault_id, &fields);
        if !self
            .records
            .open_into(&self.aad, row.wrapped_key, &mut self.key)
        {
            return None;
        }
        let key = SecretKey::from_bytes(&self.key).ok()?.opener().ok()?;
        aad_into(&mut self.aad, AadPurpose::Record, self.vault_id, &fields);
        if !key.open_into(&self.aad, row.sealed, &mut self.plain) {
            return None;
        }
        simdutf8::basic::from_utf8(&self.plain).ok()
    }
}

/// What one stored record other than a reflection turned into at unlock.
enum Loaded {
    Profile(Profile),
    Settings(Settings),
    Session(Box<SupervisionSession>),
    Provider(Box<Provider>),
    Training(Box<Training>),
    Share(share::ShareRecord),
    /// A kind this version does not know (written by a newer one): kept, untouched.
    Other,
    Damaged(DamagedRecord),
}

fn damaged(row: &RecordRef<'_>) -> DamagedRecord {
    DamagedRecord {
        id: row.id.to_owned(),
        kind: row.kind.to_owned(),
    }
}

/// Opens and decodes a reflection.
fn load_reflection(
    opener: &mut RecordOpener<'_>,
    row: &RecordRef<'_>,
) -> Result<Reflection, DamagedRecord> {
    let text = opener.open(row).ok_or_else(|| damaged(row))?;
    match serde_json::from_str::<SealedReflection>(text) {
        Ok(r) => {
            let r = Reflection::from(r);
            if r.id == row.id {
                Ok(r)
            } else {
                Err(damaged(row))
            }
        }
        Err(_) => Err(damaged(row)),
    }
}

/// Opens and decodes a record other than a reflection.
fn load_other(opener: &mut RecordOpener<'_>, row: &RecordRef<'_>) -> Loaded {
    let damaged = || Loaded::Damaged(damaged(row));
    let Some(text) = opener.open(row) else {
        return damaged();
    };
    match row.kind {
        kinds::PROFILE => match serde_json::from_str::<Profile>(text) {
            Ok(p) => Loaded::Profile(p),
            Err(_) => damaged(),
        },
        kinds::SETTINGS => match serde_json::from_str::<Settings>(text) {
            Ok(s) => Loaded::Settings(s),
            Err(_) => damaged(),
        },
        kinds::SESSION => {
            hours::decode(text, row.id).map_or_else(damaged, |s| Loaded::Session(Box::new(s)))
        }
        kinds::PROVIDER => {
            hours::decode(text, row.id).map_or_else(damaged, |p| Loaded::Provider(Box::new(p)))
        }
        kinds::TRAINING => {
            hours::decode(text, row.id).map_or_else(damaged, |t| Loaded::Training(Box::new(t)))
        }
        k if share::is_share_kind(k) => {
            share::decode(k, text, row.id).map_or_else(damaged, Loaded::Share)
        }
        _ => Loaded::Other,
    }
}

/// What one unlock worker produced from one range of ids, each list in id order: the
/// reflections, every other record, and a search index over the reflections whose
/// document ids are positions in `docs` (offset when merged).
#[derive(Default)]
struct Part {
    docs: Vec<Option<Reflection>>,
    /// Each reflection's id and position in `docs`.
    ids: Vec<(String, DocId)>,
    others: Vec<Loaded>,
    index: SearchIndex,
}

/// Reads, decrypts, decodes and indexes the records whose id is in `[from, to)`. `expect`
/// is about how many words the range holds (known from the worker's previous range; 0 if
/// none). Returns the part and how many words it held.
fn load_range(
    reader: &RecordReader,
    opener: &mut RecordOpener<'_>,
    from: Option<&str>,
    to: Option<&str>,
    expect: usize,
) -> Result<(Part, usize)> {
    let mut part = Part::default();
    part.index.reserve_bulk(expect);
    reader.visit(from, to, |row| {
        if row.kind == kinds::REFLECTION {
            match load_reflection(opener, &row) {
                Ok(r) => {
                    // A vault holds far fewer than 4 billion records.
                    let doc = part.docs.len() as DocId;
                    index_reflection(&mut part.index, doc, &r, false);
                    part.ids.push((r.id.clone(), doc));
                    part.docs.push(Some(r));
                }
                Err(d) => part.others.push(Loaded::Damaged(d)),
            }
        } else {
            part.others.push(load_other(opener, &row));
        }
    })?;
    let words = part.index.bulk_occurrences();
    // Sorting the postings by word here keeps that work on the worker threads.
    part.index.seal();
    Ok((part, words))
}

/// Reads, decrypts, decodes and indexes every record on all cores: unlock time is
/// dominated by this. The id space is cut into ranges (ids are random, so the ranges hold
/// about as many records each), several per core, and each worker, with its own read-only
/// connection, takes the next range not yet taken until none is left. A worker slowed by
/// other work on the machine thus takes fewer ranges instead of holding up the others.
/// Parts come back in id order.
fn load_all(store: &Store, records_key: &SecretKey, vault_id: &[u8]) -> Result<Vec<Part>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16);
    let chunks = if threads == 1 { 1 } else { threads * 8 };
    // Range boundaries on the first two hex digits of the id; ids that are not hex (the
    // profile, the settings) sort after them and fall into the last range.
    let bounds: Vec<String> = (1..chunks)
        .map(|i| format!("{:02x}", i * 256 / chunks))
        .collect();
    let range = |i: usize| -> (Option<&str>, Option<&str>) {
        let from = i
            .checked_sub(1)
            .and_then(|j| bounds.get(j))
            .map(String::as_str);
        (from, bounds.get(i).map(String::as_str))
    };
    // Connections may move between threads but not be shared: open them all here.
    let readers = (0..threads)
        .map(|_| store.reader())
        .collect::<Result<Vec<_>>>()?;
    let next = AtomicUsize::new(0);
    let done = std::thread::scope(|s| {
        let handles: Vec<_> = readers
            .into_iter()
            .map(|reader| {
                let (next, range) = (&next, &range);
                s.spawn(move || -> Result<Vec<(usize, Part)>> {
                    let mut opener = RecordOpener::new(records_key, vault_id)?;
                    let mut parts = Vec::new();
                    let mut expect = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= chunks {
                            return Ok(parts);
                        }
                        let (from, to) = range(i);
                        match load_range(&reader, &mut opener, from, to, expect) {
                            Ok((part, words)) => {
                                // Ranges hold about as many records each; a little more.
                                expect = words + words / 8;
                                parts.push((i, part));
                            }
                            Err(e) => {
                                // No point in the others going on.
                                next.store(chunks, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug; surface it rather than lose records silently.
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect::<Result<Vec<_>>>()
    })?;
    let mut parts: Vec<(usize, Part)> = done.into_iter().flatten().collect();
    parts.sort_unstable_by_key(|&(i, _)| i);
    Ok(parts.into_iter().map(|(_, part)| part).collect())
}

fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
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
        let name = options.name.as_deref().unwrap_or("").trim().to_owned();
        if name.chars().count() > 200 {
            return Err(Error::invalid("name", "at most 200 characters"));
        }
        std::fs::create_dir_all(dir)?;
        let db = dir.join(DB_FILE);
        if db.exists() {
            return Err(Error::VaultExists(dir.to_path_buf()));
        }
        // Built under a temporary name and renamed into place, so a crash leaves no half vault.
        let tmp = dir.join(format!(".{DB_FILE}.creating"));
        for suffix in ["", "-wal", "-shm"] {
            remove_if_exists(&PathBuf::from(format!("{}{suffix}", tmp.display())))?;
        }
        let mut vault_id = [0u8; 16];
        random_bytes(&mut vault_id)?;
        let vault_key = SecretKey::random()?;
        let recovery = RecoveryKey::generate()?;
        let records_key = vault_key.derive(&vault_id, RECORDS_LABEL)?;
        let profile = Profile {
            name,
            role: options.role,
            created_at: Utc::now(),
        };
        let identity = Identity::generate()?;
        let built = (|| -> Result<()> {
            let mut store = Store::create(&tmp, &vault_id)?;
            let (salt, wrapped) = passphrase_slot(&vault_id, &vault_key, passphrase, options.kdf)?;
            let kdf = Some((
                options.kdf.memory_kib,
                options.kdf.iterations,
                options.kdf.parallelism,
            ));
            store.insert_slot(SLOT_PASSPHRASE, kdf, &salt, &wrapped)?;
            let (salt, wrapped) = recovery_slot(&vault_id, &vault_key, &recovery)?;
            store.insert_slot(SLOT_RECOVERY, None, &salt, &wrapped)?;
            let json = Zeroizing::new(
                serde_json::to_vec(&profile).map_err(|_| Error::Crypto("profile encoding"))?,
            );
            store.put_record(&seal_record(
                &records_key,
                &vault_id,
                PROFILE_ID,
                kinds::PROFILE,
                &json,
            )?)?;
            store.put_record(&Vault::identity_row(&identity, &records_key, &vault_id)?)?;
            store.close()
        })();
        if let Err(e) = built {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
            }
            return Err(e);
        }
        std::fs::rename(&tmp, &db)?;
        sync_dir(dir)?;
        let lock = take_lock(dir)?;
        let store = Store::open(&db)?;
        tracing::info!("vault created");
        let vault = Vault {
            dir: dir.to_path_buf(),
            _lock: lock,
            store,
            vault_id,
            vault_key,
            records_key,
            profile,
            journal: Journal::default(),
            settings: Settings::default(),
            hours: Hours::default(),
            sharing: Sharing::with_identity(identity),
            damaged: Vec::new(),
        };
        Ok((vault, recovery))
    }

    /// Unlocks the vault in `dir`. A wrong secret changes nothing on disk. Records that fail
    /// to open are listed in [`Vault::damaged`]; every other record is available.
    pub fn unlock(dir: &Path, how: Unlock<'_>) -> Result<Vault> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(Error::VaultNotFound(dir.to_path_buf()));
        }
        let mut store = Store::open(&db)?;
        let vault_id = store.vault_id()?;
        let slots = store.slots()?;
        let vault_key = match how {
            Unlock::Passphrase(passphrase) => {
                let mut found = None;
                let mut any = false;
                for slot in slots.iter().filter(|s| s.kind == SLOT_PASSPHRASE) {
                    any = true;
                    let params = kdf_of(slot)?;
                    // derive() checks the bounds before doing any work.
                    let kek = params.derive(passphrase, &slot.salt)?;
                    if let Some(vk) =
                        kek.open(&slot_aad(&vault_id, SLOT_PASSPHRASE), &slot.wrapped_key)
                    {
                        found = Some(SecretKey::from_bytes(&vk)?);
                        break;
                    }
                }
                if !any {
                    return Err(Error::VaultDamaged("it has no passphrase slot".into()));
                }
                found.ok_or(Error::WrongPassphrase)?
            }
            Unlock::RecoveryKey(text) => {
                let rk = RecoveryKey::parse(text)?;
                let mut found = None;
                for slot in slots.iter().filter(|s| s.kind == SLOT_RECOVERY) {
                    let kek = rk.slot_key(&slot.salt)?;
                    if let Some(vk) =
                        kek.open(&slot_aad(&vault_id, SLOT_RECOVERY), &slot.wrapped_key)
                    {
                        found = Some(SecretKey::from_bytes(&vk)?);
                        break;
                    }
                }
                found.ok_or(Error::WrongRecoveryKey)?
            }
        };
        // Only now, with the right secret, is anything created or changed on disk.
        let lock = take_lock(dir)?;
        if store.format() < FORMAT_VERSION {
            store.migrate()?;
        }
        let records_key = vault_key.derive(&vault_id, RECORDS_LABEL)?;
        let mut profile = None;
        let mut settings = None;
        let mut damaged = Vec::new();
        let mut docs: Vec<Option<Reflection>> = Vec::new();
        let mut indexes = Vec::new();
        let mut ids = Vec::new();
        let (mut sessions, mut providers, mut training) = (Vec::new(), Vec::new(), Vec::new());
        let mut shared = Vec::new();
        for part in load_all(&store, &records_key, &vault_id)? {
            let offset = docs.len() as DocId;
            indexes.push((part.index, offset));
            ids.extend(part.ids.into_iter().map(|(id, doc)| (id, doc + offset)));
            docs.extend(part.docs);
            for loaded in part.others {
                match loaded {
                    Loaded::Profile(p) => profile = Some(p),
                    Loaded::Settings(s) => settings = Some(s),
                    Loaded::Session(s) => sessions.push(*s),
                    Loaded::Provider(p) => providers.push(*p),
                    Loaded::Training(t) => training.push(*t),
                    Loaded::Share(r) => shared.push(r),
                    Loaded::Other => {}
                    Loaded::Damaged(d) => damaged.push(d),
                }
            }
        }
        if !damaged.is_empty() {
            tracing::warn!(count = damaged.len(), "records failed to open");
        }
        let profile = profile.unwrap_or(Profile {
            name: String::new(),
            role: Role::Practitioner,
            created_at: Utc::now(),
        });
        let journal = Journal::build(docs, indexes, ids);
        let mut hours = Hours::build(sessions, providers, training);
        let sharing = Sharing::build(shared);
        hours.set_attested(sharing.attested_marks());
        tracing::info!(
            reflections = journal.len(),
            sessions = hours.sessions().len(),
            "vault unlocked"
        );
        Ok(Vault {
            dir: dir.to_path_buf(),
            _lock: lock,
            store,
            vault_id,
            vault_key,
            records_key,
            profile,
            journal,
            settings: settings.unwrap_or_default(),
            hours,
            sharing,
            damaged,
        })
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

    /// The reflections, for listing and search.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The settings kept in the vault (defaults until first saved).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Validates and saves the settings durably; returns them as stored.
    pub fn save_settings(&mut self, settings: Settings) -> Result<&Settings> {
        let settings = settings.validated()?;
        let json = Zeroizing::new(
            serde_json::to_vec(&settings).map_err(|_| Error::Crypto("settings encoding"))?,
        );
        let row = seal_record(
            &self.records_key,
            &self.vault_id,
            SETTINGS_ID,
            kinds::SETTINGS,
            &json,
        )?;
        self.store.put_record(&row)?;
        self.settings = settings;
        Ok(&self.settings)
    }

    /// Changes the passphrase: checks the old one, writes a slot for the new one, then removes
    /// the old slot. Killed in between, the vault opens with either passphrase.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        check_new_passphrase(new)?;
        let slots = self.store.slots()?;
        let mut old_ids = Vec::new();
        let mut params = None;
        for slot in slots.iter().filter(|s| s.kind == SLOT_PASSPHRASE) {
            let p = kdf_of(slot)?;
            let kek = p.derive(old, &slot.salt)?;
            if kek
                .open(
                    &slot_aad(&self.vault_id, SLOT_PASSPHRASE),
                    &slot.wrapped_key,
                )
                .is_some()
            {
                params = Some(p);
            }
            old_ids.push(slot.id);
        }
        let params = params.ok_or(Error::WrongPassphrase)?;
        self.add_passphrase_slot(new, params)?;
        self.store.delete_slots(&old_ids)?;
        tracing::info!("passphrase changed");
        Ok(())
    }

    fn add_passphrase_slot(&self, passphrase: &str, params: KdfParams) -> Result<()> {
        let (salt, wrapped) = passphrase_slot(&self.vault_id, &self.vault_key, passphrase, params)?;
        let kdf = Some((params.memory_kib, params.iterations, params.parallelism));
        self.store
            .insert_slot(SLOT_PASSPHRASE, kdf, &salt, &wrapped)?;
        Ok(())
    }

    /// Makes a new recovery key; the old one stops working. Show the result once.
    pub fn new_recovery_key(&mut self) -> Result<RecoveryKey> {
        let old_ids: Vec<i64> = self
            .store
            .slots()?
            .into_iter()
            .filter(|s| s.kind == SLOT_RECOVERY)
            .map(|s| s.id)
            .collect();
        let rk = RecoveryKey::generate()?;
        let (salt, wrapped) = recovery_slot(&self.vault_id, &self.vault_key, &rk)?;
        self.store
            .insert_slot(SLOT_RECOVERY, None, &salt, &wrapped)?;
        self.store.delete_slots(&old_ids)?;
        tracing::info!("recovery key replaced");
        Ok(rk)
    }

    fn seal_reflection(&self, r: &Reflection) -> Result<RecordRow> {
        let json = Zeroizing::new(
            serde_json::to_vec(&SealedReflectionRef::from(r))
                .map_err(|_| Error::Crypto("reflection encoding"))?,
        );
        seal_record(
            &self.records_key,
            &self.vault_id,
            &r.id,
            kinds::REFLECTION,
            &json,
        )
    }

    fn save_reflection(&mut self, r: Reflection) -> Result<Reflection> {
        let row = self.seal_reflection(&r)?;
        self.store.put_record(&row)?;
        self.journal.upsert(r.clone());
        Ok(r)
    }

    fn new_reflection(content: ReflectionDraft) -> Result<Reflection> {
        let now = Utc::now();
        Ok(Reflection {
            id: new_record_id()?,
            content,
            created_at: now,
            updated_at: now,
        })
    }

    /// Validates every draft, then saves them all in one transaction: all or none. For
    /// imports. On a bad draft, the error names its position (`reflection 3: date: ...`).
    pub fn add_reflections(&mut self, drafts: Vec<ReflectionDraft>) -> Result<Vec<Reflection>> {
        let today = journal::today();
        let mut saved = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            let content = d.validated(today).map_err(|e| match e {
                Error::InvalidInput { field, message } => Error::InvalidInput {
                    field: format!("reflection {}: {field}", i + 1),
                    message,
                },
                e => e,
            })?;
            saved.push(Self::new_reflection(content)?);
        }
        let rows = saved
            .iter()
            .map(|r| self.seal_reflection(r))
            .collect::<Result<Vec<_>>>()?;
        self.store.put_records(&rows)?;
        for r in &saved {
            self.journal.upsert(r.clone());
        }
        Ok(saved)
    }

    /// Validates and saves a new reflection durably; returns it with its new id.
    pub fn add_reflection(&mut self, draft: ReflectionDraft) -> Result<Reflection> {
        let r = Self::new_reflection(draft.validated(journal::today())?)?;
        self.save_reflection(r)
    }

    /// Replaces the content of an existing reflection (exact id).
    pub fn update_reflection(&mut self, id: &str, draft: ReflectionDraft) -> Result<Reflection> {
        let existing = self.journal.get(id).ok_or_else(|| Error::NotFound {
            kind: "reflection",
            id: id.to_owned(),
        })?;
        let r = Reflection {
            id: existing.id.clone(),
            content: draft.validated(journal::today())?,
            created_at: existing.created_at,
            updated_at: Utc::now(),
        };
        self.save_reflection(r)
    }

    /// Deletes a reflection (exact id) and its key.
    pub fn delete_reflection(&mut self, id: &str) -> Result<()> {
        if !self.store.delete_record(id)? {
            return Err(Error::NotFound {
                kind: "reflection",
                id: id.to_owned(),
            });
        }
        if let Some(mut r) = self.journal.remove(id) {
            r.zeroize_text();
        }
        self.forget_comments_on(id)?;
        Ok(())
    }
}

/// Wraps the vault key under a passphrase: returns (salt, wrapped key).
fn passphrase_slot(
    vault_id: &[u8],
    vk: &SecretKey,
    passphrase: &str,
    params: KdfParams,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut salt = vec![0u8; SALT_LEN];
    random_bytes(&mut salt)?;
    let kek = params.derive(passphrase, &salt)?;
    let wrapped = kek.seal(
        &slot_aad(vault_id, SLOT_PASSPHRASE),
        vk.expose_secret_bytes(),
    )?;
    Ok((salt, wrapped))
}

/// Wraps the vault key under the recovery key: returns (salt, wrapped key).
fn recovery_slot(vault_id: &[u8], vk: &SecretKey, rk: &RecoveryKey) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut salt = vec![0u8; SALT_LEN];
    random_bytes(&mut salt)?;
    let kek = rk.slot_key(&salt)?;
    let wrapped = kek.seal(&slot_aad(vault_id, SLOT_RECOVERY), vk.expose_secret_bytes())?;
    Ok((salt, wrapped))
}

/// Seals a record's content under a fresh random key, wrapped under the records subkey.
fn seal_record(
    records_key: &SecretKey,
    vault_id: &[u8],
    id: &str,
    kind: &str,
    plaintext: &[u8],
) -> Result<RecordRow> {
    let key = SecretKey::random()?;
    let fields = [id, kind];
    let sealed = key.seal(&aad(AadPurpose::Record, vault_id, &fields), plaintext)?;
    let wrapped_key = records_key.seal(
        &aad(AadPurpose::RecordKey, vault_id, &fields),
        key.expose_secret_bytes(),
    )?;
    Ok(RecordRow {
        id: id.to_owned(),
        kind: kind.to_owned(),
        schema: RECORD_SCHEMA,
        wrapped_key,
        sealed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> CreateOptions {
        CreateOptions {
            kdf: KdfParams::MINIMUM,
            ..CreateOptions::default()
        }
    }

    proptest::proptest! {
        /// Records are checked for UTF-8 with simdutf8: it accepts exactly what the
        /// standard library accepts (arbitrary bytes, and valid text with a byte changed).
        #[test]
        fn record_utf8_check_agrees_with_std(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
            text in ".{0,100}",
            at in 0usize..400,
            byte in proptest::num::u8::ANY,
        ) {
            let mut changed = text.into_bytes();
            if let Some(b) = changed.get_mut(at) {
                *b = byte;
            }
            for b in [&bytes, &changed] {
                proptest::prop_assert_eq!(
                    simdutf8::basic::from_utf8(b).ok(),
                    std::str::from_utf8(b).ok()
                );
            }
        }
    }

    /// The first half of a passphrase change (new slot written, old not yet removed), as a
    /// kill between the two steps would leave it: both passphrases open the vault.
    #[test]
    fn half_done_passphrase_change_opens_with_either() {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(dir.path(), "old passphrase", &fast()).unwrap();
        vault
            .add_passphrase_slot("new passphrase", KdfParams::MINIMUM)
            .unwrap();
        drop(vault);
        Vault::unlock(dir.path(), Unlock::Passphrase("old passphrase")).unwrap();
        Vault::unlock(dir.path(), Unlock::Passphrase("new passphrase")).unwrap();
        assert!(matches!(
            Vault::unlock(dir.path(), Unlock::Passphrase("other passphrase")),
            Err(Error::WrongPassphrase)
        ));
    }
}
