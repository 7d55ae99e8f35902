//! Opening a received file without holding the vault. Decrypting and checking a bundle is
//! the slow part of receiving; a [`Receiver`] takes what it needs from the unlocked vault
//! (a copy of the age key and the fingerprint) so that the window can let go of the vault
//! meanwhile and stay lockable. The vault is taken again only to plan and write
//! ([`SharingRecords::receive_opened`](super::SharingRecords::receive_opened)).

use std::fmt;
use std::io::Read;

use zeroize::Zeroizing;

use super::age_header::{self, AgeFile};
use super::attestation::Attestation;
use super::bundle::{self, OpenedBundle, MAX_BUNDLE_BYTES};
use super::card::Fingerprint;
use super::identity::Identity;
use super::model::Sharing;
use super::ShareError;
use crate::error::Result;

const WHAT: &str = "share bundle";

/// What receiving needs from the vault: a copy of its age key (wiped when dropped) and its
/// fingerprint. Never cloned or serialised; prints as `****`.
pub struct Receiver {
    /// `None` for a vault that has never made an identity: nothing can be for it.
    key: Option<(age::x25519::Identity, Fingerprint)>,
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receiver(****)")
    }
}

/// A received file, decrypted and checked, not yet planned against the vault.
#[derive(Debug)]
pub enum OpenedFile {
    /// A share bundle: decrypted, signed by the card it carries, addressed to me.
    Bundle(Box<OpenedBundle>),
    /// An attestation whose signature holds.
    Attestation {
        /// The attestation, checked.
        attestation: Box<Attestation>,
        /// The file as received, kept so that it can be checked again.
        file: String,
    },
}

impl Sharing {
    /// What receiving needs from this vault, to open files without holding it.
    pub fn receiver(&self) -> Receiver {
        Receiver {
            key: self.existing_identity().map(|(i, me)| (i.age_key(), me)),
        }
    }
}

impl Receiver {
    /// A receiver for `identity` (the vault makes its own with [`Sharing::receiver`]; the
    /// fuzzers and tests make one from a test identity).
    pub fn of(identity: &Identity) -> Receiver {
        let me = Fingerprint::of(&identity.signing_public_key(), &identity.age_recipient());
        Receiver {
            key: Some((identity.age_key(), me)),
        }
    }

    /// Decrypts and checks a share bundle, or checks an attestation: everything that can be
    /// known without the vault. Which sender is a verified contact, and what receiving
    /// writes, the vault decides after this.
    pub fn open(&self, bytes: &[u8]) -> Result<OpenedFile> {
        const AGE: &[u8] = b"age-encryption.org/";
        const ATTEST: &[u8] = b"attune-attest";
        if bytes.starts_with(ATTEST) {
            let attestation = Box::new(Attestation::verify(bytes)?);
            let file = String::from_utf8(bytes.to_vec()).map_err(|_| ShareError::Damaged {
                what: "attestation",
                detail: "it is not UTF-8 text".into(),
            })?;
            Ok(OpenedFile::Attestation { attestation, file })
        } else if bytes.starts_with(AGE) {
            self.open_bundle(bytes)
                .map(|b| OpenedFile::Bundle(Box::new(b)))
        } else if !bytes.is_empty() && (AGE.starts_with(bytes) || ATTEST.starts_with(bytes)) {
            Err(ShareError::Truncated("file").into())
        } else {
            Err(ShareError::NotAttune("share bundle or attestation").into())
        }
    }

    /// Opens a bundle: size, the age header's shape ([`age_header::check`], before the age
    /// library sees a byte), decryption, then the checks of [`bundle::open_inner`].
    pub fn open_bundle(&self, bytes: &[u8]) -> Result<OpenedBundle> {
        // Receiving never makes an identity: a vault without one has given nobody a card,
        // so nothing can be for it.
        let (key, me) = self.key.as_ref().ok_or(ShareError::NotForMe)?;
        if bytes.len() > MAX_BUNDLE_BYTES {
            return Err(ShareError::Damaged {
                what: WHAT,
                detail: format!(
                    "it is larger than {}",
                    crate::files::size_in_words(MAX_BUNDLE_BYTES as u64)
                ),
            }
            .into());
        }
        let file = age_header::check(bytes)?;
        let inner = decrypt(key, file, MAX_BUNDLE_BYTES)?;
        bundle::open_inner(*me, &inner)
    }
}

/// Decrypts an age file whose header passed [`age_header::check`], reading at most `limit`
/// bytes of plaintext. The age layer authenticates every chunk and the end of the stream,
/// so a truncated or extended file fails here.
fn decrypt(
    key: &age::x25519::Identity,
    file: AgeFile<'_>,
    limit: usize,
) -> std::result::Result<Zeroizing<Vec<u8>>, ShareError> {
    use age::DecryptError as D;
    let damaged = |detail: String| ShareError::Damaged { what: WHAT, detail };
    let decryptor = age::Decryptor::new_buffered(file.bytes()).map_err(|e| match e {
        D::UnknownFormat => ShareError::UnknownVersion {
            newest: 1,
            what: WHAT,
            found: "(an unknown age version)".into(),
        },
        D::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => ShareError::Truncated(WHAT),
        e => damaged(format!("its encryption header does not parse ({e})")),
    })?;
    let mut reader = decryptor
        .decrypt(std::iter::once(key as &dyn age::Identity))
        .map_err(|e| match e {
            D::NoMatchingKeys => ShareError::NotForMe,
            e => damaged(format!("its encryption header is invalid ({e})")),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    let read = (&mut reader)
        .take(limit as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => ShareError::Truncated(WHAT),
            _ => damaged(
                "the encrypted content does not authenticate (truncated, extended or altered)"
                    .into(),
            ),
        })?;
    if read > limit {
        return Err(damaged(format!("its content is larger than {limit} bytes")));
    }
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receiver_prints_no_key() {
        let r = Receiver::of(&Identity::from_test_seed(1).unwrap());
        assert_eq!(format!("{r:?}"), "Receiver(****)");
    }
}
