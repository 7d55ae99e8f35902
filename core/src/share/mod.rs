//! Sharing without a server: each vault's identity, contact cards, end-to-end encrypted
//! share bundles, comments, and signed attestations of supervision hours.
//!
//! - [`identity`]: this vault's Ed25519 signing key and age X25519 key (secret, sealed).
//! - [`card`]: contact cards (self-signed public keys) and their fingerprints.
//! - [`envelope`]: the one signed-file layout every format here uses.
//! - [`bundle`]: `*.attune-share` files: an age file holding a signed manifest.
//! - [`age_header`]: the shape of a bundle's age header, checked before age reads it.
//! - [`attestation`]: `*.attune-attest` files: signed, not encrypted, no reflective text.
//! - [`contacts`]: which contact a reference names, and what a renamed card does.
//! - [`model`]: what a vault keeps of contacts, shared items, comments and attestations.
//! - [`outgoing`]: exactly what a share would send, checked before anything is made.
//! - [`receiver`]: a received file decrypted and checked without holding the vault.
//! - [`receive`]: a received file planned whole against the vault before anything is written.
//! - [`records`]: how each of these is sealed, and the sharing use cases that write them.
//! - [`search`]: finding words in what others shared with me.
//! - [`signing`]: sessions sent to me with whether I signed them; signing only what is not
//!   signed yet; the attestations I issued.
//!
//! Everything that arrives from outside is parsed by functions that take bytes and return
//! a typed error, never panic, and are fuzzed (core/fuzz).

pub mod age_header;
pub mod attestation;
pub mod bundle;
pub mod card;
pub mod contacts;
pub mod deid;
pub mod envelope;
pub mod identity;
pub mod model;
pub mod outgoing;
pub(crate) mod receive;
pub mod receiver;
pub mod records;
pub mod search;
pub mod signing;
pub(crate) mod stored;

pub use crate::error::{AgeHeaderProblem, ShareError};
pub use attestation::{
    Attestation, AttestationTotals, AttestedSession, ATTESTATION_EXTENSION, MAX_ATTESTATION_BYTES,
};
pub use bundle::{
    Manifest, OpenedBundle, Section, SessionItem, SharedComment, SharedItem, SharedReflectionItem,
    BUNDLE_EXTENSION, MAX_BUNDLE_BYTES,
};
pub use card::{ContactCard, Fingerprint};
pub use identity::Identity;
pub use model::{
    AddedContact, Comment, Contact, ContactRef, IssuedAttestation, Outgoing, OutgoingReflection,
    Received, ReceivedBundle, SessionsPeriod, ShareEntry, ShareRequest, SharedMark,
    SharedReflection, SharedSession, Sharing, StoredAttestation,
};
pub use outgoing::preview;
pub use receiver::{OpenedFile, Receiver};
pub use records::SharingRecords;
pub use signing::{SessionToSign, SignedState};

/// Lower-case hexadecimal.
pub(crate) use crate::record::hlc::hex;

/// Strict lower-case hexadecimal of exactly `N` bytes: upper case is refused too, so that
/// one value has exactly one spelling (a flipped letter case is a changed file).
pub(crate) fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != N * 2 {
        return None;
    }
    let val = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (val(b[2 * i])? << 4) | val(b[2 * i + 1])?;
    }
    Some(out)
}

/// Whether `s` is a record-style id: 1 to 64 lower-case hex digits.
pub(crate) fn is_hex_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let d = ring::digest::digest(&ring::digest::SHA256, bytes);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// Verifies an Ed25519 signature made by [`Identity::sign`] with the same `domain`.
pub(crate) fn verify_signature(
    public_key: &[u8; 32],
    domain: &[u8],
    message: &[u8],
    signature: &[u8; 64],
) -> bool {
    let mut signed = Vec::with_capacity(domain.len() + message.len());
    signed.extend_from_slice(domain);
    signed.extend_from_slice(message);
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, public_key)
        .verify(&signed, signature)
        .is_ok()
}

/// Domain prefixes of everything signed: a signature made for one purpose never verifies
/// as another. Frozen (`domains_are_pinned`).
pub(crate) mod domain {
    /// A contact card's self-signature.
    pub const CARD: &[u8] = b"attune/contact-card/v1\0";
    /// A share bundle's manifest.
    pub const MANIFEST: &[u8] = b"attune/share-manifest/v1\0";
    /// An attestation's payload.
    pub const ATTESTATION: &[u8] = b"attune/attestation/v1\0";
    /// The hash input of a fingerprint.
    pub const FINGERPRINT: &[u8] = b"attune/fingerprint/v1\0";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_strict() {
        assert_eq!(hex(&[0, 0xab, 0x10]), "00ab10");
        assert_eq!(unhex::<3>("00ab10"), Some([0, 0xab, 0x10]));
        assert_eq!(unhex::<3>("00AB10"), None);
        assert_eq!(unhex::<3>("00ab1"), None);
        assert_eq!(unhex::<3>("00ab1g"), None);
        assert!(is_hex_id("0a1b") && !is_hex_id("") && !is_hex_id("0A"));
    }

    #[test]
    fn domains_are_pinned() {
        assert_eq!(domain::CARD, b"attune/contact-card/v1\0");
        assert_eq!(domain::MANIFEST, b"attune/share-manifest/v1\0");
        assert_eq!(domain::ATTESTATION, b"attune/attestation/v1\0");
        assert_eq!(domain::FINGERPRINT, b"attune/fingerprint/v1\0");
    }
}
