//! The one sealed-record codec: how every kind of record is sealed into a row and opened
//! back, and where the domains write their records. It stands between the store (SQLite
//! rows) and the domains (journal, hours, share), and knows none of them: each domain
//! implements [`Record`] for its own types, in its `records.rs`.
//!
//! A record's content is JSON, padded with spaces to a size bucket and sealed (AES-256-GCM)
//! under a fresh random key of its own; that key is wrapped under the epoch key and kept in
//! a table apart from the records. Both ciphertexts bind the vault id, the record id and the
//! record kind (see `crypto::keys::aad`), so a blob moved to another row, kind or vault does
//! not open. Only the id, the kind and the schema version are stored in the clear.
//!
//! Every deletion rotates the epoch key in the same transaction (every remaining record key
//! is re-wrapped under a new one; only these small keys change), so a deleted record left in
//! a later copy of the file (a free page, an old log frame) has no key that opens it.

pub(crate) mod entry;
pub mod hlc;
pub mod ids;
mod raw;
pub(crate) use raw::decode;
pub(crate) mod revision;
pub(crate) mod tracking;

use std::sync::{Mutex, RwLock};

use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::crypto::keys::{aad, aad_into, AadPurpose, Opener, SecretKey};
use crate::error::{Error, Result};
use crate::store::{RecordRef, RecordRow, Rewrap, SlotWrite, Store, SyncRows, Write};
use tracking::SyncLocal;

/// HKDF label of the format-1 subkey that wrapped record keys (read only, to migrate).
const RECORDS_LABEL_V1: &str = "attune/v1/records";
/// HKDF label of the subkey of the vault key that wraps the epoch key.
const EPOCH_LABEL: &str = "attune/v2/epoch";

/// Sealed JSON is padded with spaces to at least this many bytes.
const MIN_PADDED: usize = 256;

/// The length a record's JSON of `len` bytes is padded to: at least [`MIN_PADDED`], then
/// Padmé (Nikitin et al., 2019): the length rounded up so that only its top few bits vary,
/// which costs at most 12 % and leaks O(log log n) bits of the length instead of all of it.
pub(crate) fn padded_len(len: usize) -> usize {
    if len <= MIN_PADDED {
        return MIN_PADDED;
    }
    let e = usize::BITS - 1 - len.leading_zeros(); // floor(log2 len)
    let s = u32::BITS - e.leading_zeros(); // floor(log2 e) + 1
    let mask = (1usize << (e - s)) - 1;
    (len + mask) & !mask
}

/// Schema version of the sealed JSON of every record kind.
const RECORD_SCHEMA: i64 = 1;

/// The kinds of sealed record this version knows, as stored in the clear. Frozen: a kind
/// once written is never renamed.
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
    /// A part of an Endorsement® application other than hours (a reference rating, the exam).
    pub const PORTFOLIO_ITEM: &str = "portfolio_item";
    /// A session of RSC the user provided to someone else.
    pub const PROVIDED_SESSION: &str = "provided_session";
    /// What was imported from other journals, by a key of the source's (one record).
    pub const IMPORT_LOG: &str = "import_log";
    /// The last automatic backup that failed, until one succeeds (one record).
    pub const BACKUP_LOG: &str = "backup_log";
    /// An attestation this vault signed for someone else, kept as the exact file.
    pub const ISSUED_ATTESTATION: &str = "issued_attestation";
    /// A private note about a supervisee: never shared.
    pub const SUPERVISEE_NOTE: &str = "supervisee_note";
    /// A version of a reflection that lost to a concurrent edit on another device, kept.
    pub const REVISION: &str = "revision";
    /// This device's sync key and sync settings (one record, never synced).
    pub const SYNC_KEY: &str = "sync_key";
}

/// A kind of record kept sealed in the vault. Each domain implements it for its own types
/// (in its `records.rs`); the codec does the rest.
pub(crate) trait Record: Sized {
    /// The kind stored in the clear beside the sealed content (one of [`kinds`]).
    const KIND: &'static str;
    /// What is serialised to JSON and sealed, borrowed from the record where it can be.
    type Sealed<'a>: Serialize
    where
        Self: 'a;
    /// What the opened JSON is read into.
    type Opened: DeserializeOwned;
    /// The id the record is stored under.
    fn record_id(&self) -> &str;
    /// The form to seal.
    fn to_sealed(&self) -> Self::Sealed<'_>;
    /// The record from its opened form; `None` if it is not a valid one (the record is then
    /// reported as damaged).
    fn from_opened(opened: Self::Opened) -> Option<Self>;
}

/// Implements [`Record`] for a type that is sealed as itself (its serde form) and keeps its
/// record id in a field `id`.
macro_rules! plain_record {
    ($ty:ty, $kind:expr) => {
        impl $crate::record::Record for $ty {
            const KIND: &'static str = $kind;
            type Sealed<'a> = &'a $ty;
            type Opened = $ty;
            fn record_id(&self) -> &str {
                &self.id
            }
            fn to_sealed(&self) -> Self::Sealed<'_> {
                self
            }
            fn from_opened(opened: Self::Opened) -> Option<Self> {
                Some(opened)
            }
        }
    };
}
pub(crate) use plain_record;

/// Seals and opens records for one vault: the vault id, the subkey that wraps the epoch
/// key, and the epoch key (replaced when it rotates).
#[derive(Debug)]
pub(crate) struct RecordCodec {
    vault_id: [u8; 16],
    epoch_wrap: SecretKey,
    epoch: RwLock<SecretKey>,
    /// This device's sync, when it is enabled: every commit then keeps its books.
    sync: Mutex<Option<SyncLocal>>,
}

fn epoch_aad(vault_id: &[u8]) -> Vec<u8> {
    aad(AadPurpose::Epoch, vault_id, &[])
}

fn poisoned<T>(_: T) -> Error {
    Error::Crypto("the epoch key's lock was poisoned")
}

impl RecordCodec {
    /// A codec for a new vault key: a fresh epoch key, and that key wrapped to store.
    pub(crate) fn fresh(
        vault_key: &SecretKey,
        vault_id: [u8; 16],
    ) -> Result<(RecordCodec, Vec<u8>)> {
        let epoch_wrap = vault_key.derive(&vault_id, EPOCH_LABEL)?;
        let epoch = SecretKey::random()?;
        let wrapped = epoch_wrap.seal(&epoch_aad(&vault_id), epoch.expose_secret_bytes())?;
        Ok((
            RecordCodec {
                vault_id,
                epoch_wrap,
                epoch: RwLock::new(epoch),
                sync: Mutex::new(None),
            },
            wrapped,
        ))
    }

    /// The codec of a vault whose vault key is `vault_key` and whose stored epoch key is
    /// `wrapped`; `None` if that vault key does not open it (a slot from another time).
    pub(crate) fn open(
        vault_key: &SecretKey,
        vault_id: [u8; 16],
        wrapped: &[u8],
    ) -> Result<Option<RecordCodec>> {
        let epoch_wrap = vault_key.derive(&vault_id, EPOCH_LABEL)?;
        let Some(epoch) = epoch_wrap.open(&epoch_aad(&vault_id), wrapped) else {
            return Ok(None);
        };
        Ok(Some(RecordCodec {
            vault_id,
            epoch_wrap,
            epoch: RwLock::new(SecretKey::from_bytes(&epoch)?),
            sync: Mutex::new(None),
        }))
    }

    /// A new epoch key under the same vault key, and it wrapped to store.
    fn next_epoch(&self) -> Result<(SecretKey, Vec<u8>)> {
        let epoch = SecretKey::random()?;
        let wrapped = self
            .epoch_wrap
            .seal(&epoch_aad(&self.vault_id), epoch.expose_secret_bytes())?;
        Ok((epoch, wrapped))
    }

    /// Re-wraps record keys from this codec's epoch key to `to`.
    pub(crate) fn rewrap_to<'k>(&'k self, to: &'k SecretKey) -> Result<Box<Rewrap<'k>>> {
        let from = self.epoch.read().map_err(poisoned)?.opener()?;
        Ok(rewrapper(self.vault_id, from, AadPurpose::RecordKeyV2, to))
    }

    /// Moves format-1 record keys (wrapped under the records subkey of `vault_key`) to this
    /// codec's epoch key, for [`Store::migrate_v1`].
    pub(crate) fn rewrap_from_v1<'k>(&'k self, vault_key: &SecretKey) -> Result<Box<Rewrap<'k>>> {
        let from = vault_key
            .derive(&self.vault_id, RECORDS_LABEL_V1)?
            .opener()?;
        let to = SecretKey::from_bytes(self.epoch.read().map_err(poisoned)?.expose_secret_bytes())?;
        Ok(rewrapper(self.vault_id, from, AadPurpose::RecordKey, to))
    }

    /// Seals a record into a row: its JSON, padded, under a fresh random key, wrapped under
    /// the epoch key. The JSON is overwritten in memory once sealed.
    pub(crate) fn seal<R: Record>(&self, record: &R) -> Result<RecordRow> {
        let mut json = Zeroizing::new(
            serde_json::to_vec(&record.to_sealed())
                .map_err(|_| Error::Crypto("record encoding"))?,
        );
        // JSON allows white space after the value: readers of every version skip it.
        let padded = padded_len(json.len());
        json.resize(padded, b' ');
        let id = record.record_id();
        let key = SecretKey::random()?;
        let fields = [id, R::KIND];
        let sealed = key.seal(&aad(AadPurpose::Record, &self.vault_id, &fields), &json)?;
        let wrapped_key = self.epoch.read().map_err(poisoned)?.seal(
            &aad(AadPurpose::RecordKeyV2, &self.vault_id, &fields),
            key.expose_secret_bytes(),
        )?;
        Ok(RecordRow {
            id: id.to_owned(),
            kind: R::KIND.to_owned(),
            schema: RECORD_SCHEMA,
            wrapped_key,
            sealed,
        })
    }

    /// An opener for many rows (one per unlock worker).
    pub(crate) fn opener(&self) -> Result<RecordOpener<'_>> {
        Ok(RecordOpener {
            records: self.epoch.read().map_err(poisoned)?.opener()?,
            vault_id: &self.vault_id,
            aad: Vec::with_capacity(128),
            key: Zeroizing::new(Vec::with_capacity(64)),
            plain: Zeroizing::new(Vec::new()),
        })
    }
}

/// Opens rows, one worker's: the records key set up once, and buffers reused from row to
/// row (the plaintext one is overwritten when dropped).
pub(crate) struct RecordOpener<'a> {
    records: Opener,
    vault_id: &'a [u8],
    aad: Vec<u8>,
    key: Zeroizing<Vec<u8>>,
    plain: Zeroizing<Vec<u8>>,
}

impl RecordOpener<'_> {
    /// Opens a row as a record of kind `R`: unwraps its key, opens the content, checks that
    /// it is UTF-8 (once, so that JSON is parsed without per-string checks), decodes it, and
    /// checks that the id sealed inside is the row's (a record moved to another row is
    /// damaged). `None` if any of that fails, or if the row is not of kind `R`.
    pub(crate) fn open<R: Record>(&mut self, row: &RecordRef<'_>) -> Option<R> {
        if row.kind != R::KIND {
            return None;
        }
        let text = self.open_text(row)?;
        raw::decode(row.id, text)
    }

    /// Whether a row of any kind opens (its key unwraps and its content authenticates as
    /// UTF-8), for kinds this version does not decode.
    pub(crate) fn opens(&mut self, row: &RecordRef<'_>) -> bool {
        self.open_text(row).is_some()
    }

    pub(crate) fn open_text(&mut self, row: &RecordRef<'_>) -> Option<&str> {
        let fields = [row.id, row.kind];
        aad_into(
            &mut self.aad,
            AadPurpose::RecordKeyV2,
            self.vault_id,
            &fields,
        );
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

impl std::fmt::Debug for RecordOpener<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordOpener(****)")
    }
}

/// What one user action writes: records sealed as they are added, and ids to delete,
/// committed together by [`Records::commit`] in one transaction (all or nothing).
#[derive(Debug)]
pub(crate) struct Changes<'c> {
    codec: &'c RecordCodec,
    puts: Vec<RecordRow>,
    deletes: Vec<String>,
    /// The version each put record's writer started from, where the writer names it.
    started_from: Vec<(String, hlc::Hlc)>,
}

impl Changes<'_> {
    /// Says that the record `id` put here was written from its version `version` (what an
    /// editor had open), which may be older than the current one: see [`Records::commit`].
    pub(crate) fn started_from(&mut self, id: &str, version: hlc::Hlc) {
        self.started_from.push((id.to_owned(), version));
    }

    /// Seals `record` to be saved (inserted, or replacing the row with its id).
    pub(crate) fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        self.puts.push(self.codec.seal(record)?);
        Ok(())
    }

    /// Seals every record of `records`.
    pub(crate) fn put_all<'r, R: Record + 'r>(
        &mut self,
        records: impl IntoIterator<Item = &'r R>,
    ) -> Result<()> {
        for r in records {
            self.put(r)?;
        }
        Ok(())
    }

    /// Deletes the record `id`, and its key with it.
    pub(crate) fn delete(&mut self, id: impl Into<String>) {
        self.deletes.push(id.into());
    }

    /// Saves a row sealed already (by [`RecordCodec::seal_raw`]).
    pub(crate) fn put_row(&mut self, row: RecordRow) {
        self.puts.push(row);
    }

    /// Whether there is nothing to write.
    pub(crate) fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }
}

/// Where a domain writes its records: the vault's database and codec. Every write is one
/// transaction, durable when it returns; a domain changes its memory only after that.
#[derive(Debug)]
pub(crate) struct Records<'v> {
    store: &'v mut Store,
    codec: &'v RecordCodec,
}

impl<'v> Records<'v> {
    /// The vault's records (made by the vault only).
    pub(crate) fn new(store: &'v mut Store, codec: &'v RecordCodec) -> Records<'v> {
        Records { store, codec }
    }

    /// Whether any record, of any kind, has the id `id`.
    pub(crate) fn id_in_use(&self, id: &str) -> Result<bool> {
        Ok(self.store.kind_of(id)?.is_some())
    }

    /// An empty set of changes to fill and [`commit`](Records::commit).
    pub(crate) fn changes(&self) -> Changes<'v> {
        Changes {
            codec: self.codec,
            puts: Vec::new(),
            deletes: Vec::new(),
            started_from: Vec::new(),
        }
    }

    /// Writes `changes` in one transaction: all of them, or none. A change that deletes
    /// rotates the epoch key in the same transaction. When sync is enabled, the same
    /// transaction puts each changed record in the outbox with its new operation: this is
    /// the one place where the vault writes and deletes records. A record written from an
    /// older version than the current one (another device's version merged in while an
    /// editor had it open) keeps the current version as a revision, in the same
    /// transaction, so that the other device's words are never saved over unseen.
    pub(crate) fn commit(&mut self, mut changes: Changes<'_>) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let store = &*self.store;
        let tracked = self.codec.with_sync(
            |local| -> Result<(SyncRows, [u8; 16], revision::KeptHere)> {
                let mut rows = SyncRows::default();
                let mut kept = revision::KeptHere::default();
                for row in changes.puts.iter().filter(|r| tracking::is_synced(&r.kind)) {
                    let from = changes
                        .started_from
                        .iter()
                        .find(|(id, _)| *id == row.id)
                        .map(|(_, v)| *v);
                    let r = local.local_op(store, &mut rows, &row.id, &row.kind, false, from)?;
                    kept.note(&row.id, r);
                }
                for id in &changes.deletes {
                    if let Some(kind) = store.kind_of(id)?.filter(|k| tracking::is_synced(k)) {
                        local.local_op(store, &mut rows, id, &kind, true, None)?;
                    }
                }
                rows.state = Some(local.seal_state()?);
                Ok((rows, local.device, kept))
            },
        )?;
        let tracked = tracked.transpose()?;
        if let Some((_, _, kept)) = &tracked {
            kept.add_to(store, self.codec, &mut changes)?;
        }
        self.commit_with(changes, tracked.as_ref().map(|(r, d, _)| (r, Some(*d))))
    }

    /// Writes `changes` with the sync rows `sync` (as they are: no operation is added), in
    /// one transaction: what merging and mirroring write.
    pub(crate) fn commit_with(
        &mut self,
        changes: Changes<'_>,
        sync: Option<(&SyncRows, Option<[u8; 16]>)>,
    ) -> Result<()> {
        if changes.deletes.is_empty() {
            return self.store.write(Write {
                puts: &changes.puts,
                deletes: &[],
                new_epoch: None,
                slots: &[],
                sync,
            });
        }
        let (epoch, wrapped) = self.codec.next_epoch()?;
        {
            let mut rewrap = self.codec.rewrap_to(&epoch)?;
            self.store.write(Write {
                puts: &changes.puts,
                deletes: &changes.deletes,
                new_epoch: Some((&mut *rewrap, &wrapped)),
                slots: &[],
                sync,
            })?;
        }
        *self.codec.epoch.write().map_err(poisoned)? = epoch;
        Ok(())
    }

    /// The store, to read (sync's bookkeeping).
    pub(crate) fn store(&self) -> &Store {
        self.store
    }

    /// The codec.
    pub(crate) fn codec(&self) -> &RecordCodec {
        self.codec
    }

    /// Saves one record durably.
    pub(crate) fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        let mut changes = self.changes();
        changes.put(record)?;
        self.commit(changes)
    }

    /// Deletes one record of `kind` and its key; `false` if there was no such record of
    /// that kind (a record of another kind is left alone).
    pub(crate) fn delete(&mut self, kind: &str, id: &str) -> Result<bool> {
        self.delete_with(kind, id, &[])
    }

    /// Deletes the record `id` of `kind` with its key, and in the same transaction the
    /// records `dependents` (which must not outlive it); `false`, and nothing deleted, if
    /// there was no record `id` of that kind.
    pub(crate) fn delete_with(
        &mut self,
        kind: &str,
        id: &str,
        dependents: &[String],
    ) -> Result<bool> {
        if self.store.kind_of(id)?.as_deref() != Some(kind) {
            return Ok(false);
        }
        let mut changes = self.changes();
        changes.delete(id);
        for d in dependents {
            changes.delete(d.as_str());
        }
        self.commit(changes)?;
        Ok(true)
    }
}

/// Re-wraps record keys opened by `from` (under associated data of `from_purpose`) to `to`,
/// under the format-2 record-key associated data; a key that does not open is left as it is.
fn rewrapper<'k>(
    vault_id: [u8; 16],
    from: Opener,
    from_purpose: AadPurpose,
    to: impl std::borrow::Borrow<SecretKey> + 'k,
) -> Box<Rewrap<'k>> {
    let mut buf = Zeroizing::new(Vec::with_capacity(64));
    Box::new(move |id: &str, kind: &str, wrapped: &[u8]| {
        let old = aad(from_purpose, &vault_id, &[id, kind]);
        if !from.open_into(&old, wrapped, &mut buf) {
            return Ok(None);
        }
        let new = aad(AadPurpose::RecordKeyV2, &vault_id, &[id, kind]);
        to.borrow().seal(&new, &buf).map(Some)
    })
}

/// Rotates the vault key: a new epoch key under `new_vault_key`, every record key re-wrapped
/// to it, and the `slots` replaced, in one transaction. Returns the new codec; the old one
/// must not be used after.
pub(crate) fn rotate_vault_key(
    store: &mut Store,
    codec: &RecordCodec,
    new_vault_key: &SecretKey,
    slots: &[SlotWrite],
    sync: Option<(&SyncRows, Option<[u8; 16]>)>,
    puts: &[RecordRow],
) -> Result<RecordCodec> {
    let (next, wrapped) = RecordCodec::fresh(new_vault_key, codec.vault_id)?;
    {
        let to = next.epoch.read().map_err(poisoned)?;
        let mut rewrap = codec.rewrap_to(&to)?;
        // `puts` are sealed under the old keys: re-wrapped below with every other record.
        store.write(Write {
            puts,
            deletes: &[],
            new_epoch: Some((&mut *rewrap, &wrapped)),
            slots,
            sync,
        })?;
    }
    // Sync carries on under the new keys: its own key is a record, re-wrapped above.
    let local = codec
        .sync
        .lock()
        .map_err(|_| Error::Crypto("the sync state's lock was poisoned"))?
        .take();
    next.set_sync(local)?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_hides_all_but_the_top_bits_of_a_length() {
        assert_eq!(padded_len(0), 256);
        assert_eq!(padded_len(256), 256);
        for len in [257usize, 1000, 2047, 2048, 2049, 5000, 100_000, 3_000_000] {
            let p = padded_len(len);
            assert!(p >= len, "{len} -> {p}");
            // At most 12.5 % more.
            assert!(p - len <= len / 8, "{len} -> {p}");
            // Padding a padded length changes nothing.
            assert_eq!(padded_len(p), p, "{len}");
        }
        // Lengths close together share a bucket.
        assert_eq!(padded_len(1990), padded_len(2040));
        assert_eq!(padded_len(1990), 2048);
    }
}
