//! The one sealed-record codec: how every kind of record is sealed into a row and opened
//! back, and where the domains write their records. It stands between the store (SQLite
//! rows) and the domains (journal, hours, share), and knows none of them: each domain
//! implements [`Record`] for its own types, in its `records.rs`.
//!
//! A record's content is JSON, sealed (AES-256-GCM) under a fresh random key of its own;
//! that key is wrapped under the records subkey. Both ciphertexts bind the vault id, the
//! record id and the record kind (see `crypto::keys::aad`), so a blob moved to another row,
//! kind or vault does not open. Only the id, the kind and the schema version are stored in
//! the clear. Deleting a row deletes the record's key with it (crypto-shredding).

pub(crate) mod entry;
pub mod ids;

use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::crypto::keys::{aad, aad_into, AadPurpose, Opener, SecretKey};
use crate::error::{Error, Result};
use crate::store::{RecordRef, RecordRow, Store};

/// HKDF label of the subkey that wraps record keys.
const RECORDS_LABEL: &str = "attune/v1/records";

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

/// Seals and opens records for one vault: the vault id and the records subkey.
#[derive(Debug)]
pub(crate) struct RecordCodec {
    vault_id: [u8; 16],
    records_key: SecretKey,
}

impl RecordCodec {
    /// The codec of the vault `vault_id` whose vault key is `vault_key`.
    pub(crate) fn new(vault_key: &SecretKey, vault_id: [u8; 16]) -> Result<RecordCodec> {
        Ok(RecordCodec {
            vault_id,
            records_key: vault_key.derive(&vault_id, RECORDS_LABEL)?,
        })
    }

    /// Seals a record into a row: its JSON under a fresh random key, wrapped under the
    /// records subkey. The JSON is overwritten in memory once sealed.
    pub(crate) fn seal<R: Record>(&self, record: &R) -> Result<RecordRow> {
        let json = Zeroizing::new(
            serde_json::to_vec(&record.to_sealed())
                .map_err(|_| Error::Crypto("record encoding"))?,
        );
        let id = record.record_id();
        let key = SecretKey::random()?;
        let fields = [id, R::KIND];
        let sealed = key.seal(&aad(AadPurpose::Record, &self.vault_id, &fields), &json)?;
        let wrapped_key = self.records_key.seal(
            &aad(AadPurpose::RecordKey, &self.vault_id, &fields),
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
            records: self.records_key.opener()?,
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
        let opened: R::Opened = serde_json::from_str(text).ok()?;
        let record = R::from_opened(opened)?;
        (record.record_id() == row.id).then_some(record)
    }

    /// Whether a row of any kind opens (its key unwraps and its content authenticates as
    /// UTF-8), for kinds this version does not decode.
    pub(crate) fn opens(&mut self, row: &RecordRef<'_>) -> bool {
        self.open_text(row).is_some()
    }

    fn open_text(&mut self, row: &RecordRef<'_>) -> Option<&str> {
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
}

impl Changes<'_> {
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

    /// An empty set of changes to fill and [`commit`](Records::commit).
    pub(crate) fn changes(&self) -> Changes<'v> {
        Changes {
            codec: self.codec,
            puts: Vec::new(),
            deletes: Vec::new(),
        }
    }

    /// Writes `changes` in one transaction: all of them, or none.
    pub(crate) fn commit(&mut self, changes: Changes<'_>) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        self.store.write(&changes.puts, &changes.deletes)
    }

    /// Saves one record durably.
    pub(crate) fn put<R: Record>(&mut self, record: &R) -> Result<()> {
        let mut changes = self.changes();
        changes.put(record)?;
        self.commit(changes)
    }

    /// Deletes one record and its key; `false` if there was no such record.
    pub(crate) fn delete(&mut self, id: &str) -> Result<bool> {
        self.store.delete_record(id)
    }

    /// Deletes the record `id` with its key, and in the same transaction the records
    /// `dependents` (which must not outlive it); `false`, and nothing deleted, if there was
    /// no record `id`.
    pub(crate) fn delete_with(&mut self, id: &str, dependents: &[String]) -> Result<bool> {
        self.store.delete_with(id, dependents)
    }
}
