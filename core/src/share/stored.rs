//! How each sharing kind is sealed as a record (the identity, contacts, what others shared,
//! comments, attestations received and issued, bundles already received), and how a row of a sharing kind is
//! opened at unlock.

use serde::{Deserialize, Serialize};

use super::attestation::Attestation;
use super::identity::{Identity, SealedIdentity};
use super::model::{
    Comment, Contact, IssuedAttestation, ReceivedBundle, SharedReflection, SharedSession,
    StoredAttestation,
};
use crate::record::{kinds, plain_record, Record, RecordOpener};
use crate::store::RecordRef;
use chrono::{DateTime, Utc};

/// The record id of the vault's identity.
pub(crate) const IDENTITY_ID: &str = "identity";

plain_record!(Contact, kinds::CONTACT);
plain_record!(SharedReflection, kinds::SHARED_REFLECTION);
plain_record!(SharedSession, kinds::SHARED_SESSION);
plain_record!(Comment, kinds::COMMENT);
plain_record!(ReceivedBundle, kinds::RECEIVED_BUNDLE);

impl Record for Identity {
    const KIND: &'static str = kinds::IDENTITY;
    type Sealed<'a> = SealedIdentity;
    type Opened = SealedIdentity;
    fn record_id(&self) -> &str {
        IDENTITY_ID
    }
    fn to_sealed(&self) -> SealedIdentity {
        self.to_sealed()
    }
    fn from_opened(opened: SealedIdentity) -> Option<Identity> {
        Identity::from_sealed(opened)
    }
}

/// The sealed form of an attestation: the file as received.
#[derive(Deserialize)]
pub(crate) struct SealedAttestation {
    id: String,
    file: String,
    received_at: DateTime<Utc>,
}

/// Borrowed [`SealedAttestation`], for sealing.
#[derive(Serialize)]
pub(crate) struct SealedAttestationRef<'a> {
    id: &'a str,
    file: &'a str,
    received_at: &'a DateTime<Utc>,
}

impl Record for StoredAttestation {
    const KIND: &'static str = kinds::ATTESTATION;
    type Sealed<'a> = SealedAttestationRef<'a>;
    type Opened = SealedAttestation;
    fn record_id(&self) -> &str {
        &self.id
    }
    fn to_sealed(&self) -> SealedAttestationRef<'_> {
        SealedAttestationRef {
            id: &self.id,
            file: &self.file,
            received_at: &self.received_at,
        }
    }
    /// Checked again at every unlock: a stored attestation is only as good as its signature.
    fn from_opened(s: SealedAttestation) -> Option<StoredAttestation> {
        let attestation = Attestation::verify(s.file.as_bytes()).ok()?;
        Some(StoredAttestation {
            id: s.id,
            file: s.file,
            received_at: s.received_at,
            attestation,
        })
    }
}

/// The sealed form of an attestation I signed: the file as written.
#[derive(Deserialize)]
pub(crate) struct SealedIssued {
    id: String,
    file: String,
}

/// Borrowed [`SealedIssued`], for sealing.
#[derive(Serialize)]
pub(crate) struct SealedIssuedRef<'a> {
    id: &'a str,
    file: &'a str,
}

impl Record for IssuedAttestation {
    const KIND: &'static str = kinds::ISSUED_ATTESTATION;
    type Sealed<'a> = SealedIssuedRef<'a>;
    type Opened = SealedIssued;
    fn record_id(&self) -> &str {
        &self.id
    }
    fn to_sealed(&self) -> SealedIssuedRef<'_> {
        SealedIssuedRef {
            id: &self.id,
            file: &self.file,
        }
    }
    /// Checked again at every unlock, as a received one is.
    fn from_opened(s: SealedIssued) -> Option<IssuedAttestation> {
        let attestation = Attestation::verify(s.file.as_bytes()).ok()?;
        Some(IssuedAttestation {
            id: s.id,
            file: s.file,
            attestation,
        })
    }
}

/// A sharing record as loaded at unlock.
#[derive(Debug)]
pub(crate) enum ShareRecord {
    /// The vault's identity.
    Identity(Box<Identity>),
    /// A contact.
    Contact(Box<Contact>),
    /// A reflection shared with me.
    Shared(Box<SharedReflection>),
    /// A session sent to me to confirm.
    Session(Box<SharedSession>),
    /// A comment (mine, or on one of my reflections).
    Comment(Box<Comment>),
    /// An attestation received.
    Attestation(Box<StoredAttestation>),
    /// An attestation I signed.
    Issued(Box<IssuedAttestation>),
    /// A bundle already received.
    Received(Box<ReceivedBundle>),
}

impl ShareRecord {
    /// Whether `kind` is one of the sharing kinds.
    pub(crate) fn is_share_kind(kind: &str) -> bool {
        matches!(
            kind,
            kinds::IDENTITY
                | kinds::CONTACT
                | kinds::SHARED_REFLECTION
                | kinds::SHARED_SESSION
                | kinds::COMMENT
                | kinds::ATTESTATION
                | kinds::ISSUED_ATTESTATION
                | kinds::RECEIVED_BUNDLE
        )
    }

    /// Opens a row of a sharing kind; `None` if it is damaged or moved.
    pub(crate) fn open(opener: &mut RecordOpener<'_>, row: &RecordRef<'_>) -> Option<ShareRecord> {
        Some(match row.kind {
            kinds::IDENTITY => ShareRecord::Identity(Box::new(opener.open(row)?)),
            kinds::CONTACT => ShareRecord::Contact(Box::new(opener.open(row)?)),
            kinds::SHARED_REFLECTION => ShareRecord::Shared(Box::new(opener.open(row)?)),
            kinds::SHARED_SESSION => ShareRecord::Session(Box::new(opener.open(row)?)),
            kinds::COMMENT => ShareRecord::Comment(Box::new(opener.open(row)?)),
            kinds::ATTESTATION => ShareRecord::Attestation(Box::new(opener.open(row)?)),
            kinds::ISSUED_ATTESTATION => ShareRecord::Issued(Box::new(opener.open(row)?)),
            kinds::RECEIVED_BUNDLE => ShareRecord::Received(Box::new(opener.open(row)?)),
            _ => return None,
        })
    }
}
