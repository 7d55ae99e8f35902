//! Secret keys, the one place that seals and opens, and the associated data bound into
//! every ciphertext.
//!
//! Sealed blob layout (frozen, version 1):
//! `version u8 (= 1) | nonce [12] | AES-256-GCM ciphertext + tag [16]`.
//! The nonce is 96 random bits from the system generator, fresh for every seal; each
//! record has its own key, so a key seals only a handful of messages in its life.

use std::fmt;

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Result};

/// Length of every symmetric key in the vault.
pub(crate) const KEY_LEN: usize = 32;
/// Length of an AES-GCM nonce.
pub(crate) const NONCE_LEN: usize = 12;
/// Length of an AES-GCM tag.
pub(crate) const TAG_LEN: usize = 16;
/// The first byte of every sealed blob.
pub(crate) const SEALED_VERSION: u8 = 1;

/// Fills `buf` from the operating system's secure random generator.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<()> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| Error::Crypto("the system random generator failed"))
}

/// A 256-bit symmetric key. Never cloned, never serialised, redacted in Debug, zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; KEY_LEN]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(****)")
    }
}

/// The 32-byte output length for HKDF expansions.
struct KeyLen;

impl hkdf::KeyType for KeyLen {
    fn len(&self) -> usize {
        KEY_LEN
    }
}

impl SecretKey {
    /// A fresh random key.
    pub fn random() -> Result<Self> {
        let mut key = SecretKey([0; KEY_LEN]);
        random_bytes(&mut key.0)?;
        Ok(key)
    }

    /// Takes the bytes of a key; the caller's copy should be a `Zeroizing` buffer.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let arr: [u8; KEY_LEN] = bytes
            .try_into()
            .map_err(|_| Error::Crypto("a key has the wrong length"))?;
        Ok(SecretKey(arr))
    }

    /// The raw key bytes, for wrapping under another key. Loudly named on purpose.
    pub(crate) fn expose_secret_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// Derives a subkey with HKDF-SHA256: `salt` binds it to one vault, `label` to one purpose.
    pub fn derive(&self, salt: &[u8], label: &str) -> Result<SecretKey> {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(&self.0);
        let info = [label.as_bytes()];
        let okm = prk
            .expand(&info, KeyLen)
            .map_err(|_| Error::Crypto("HKDF expansion failed"))?;
        let mut out = SecretKey([0; KEY_LEN]);
        okm.fill(&mut out.0)
            .map_err(|_| Error::Crypto("HKDF expansion failed"))?;
        Ok(out)
    }

    fn aead_key(&self) -> Result<LessSafeKey> {
        let unbound = UnboundKey::new(&AES_256_GCM, &self.0)
            .map_err(|_| Error::Crypto("AES key setup failed"))?;
        Ok(LessSafeKey::new(unbound))
    }

    /// Seals `plaintext` with a fresh random nonce, binding `aad`. The one function that seals.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + plaintext.len() + TAG_LEN);
        out.push(SEALED_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let tag = self
            .aead_key()?
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad),
                &mut out[1 + NONCE_LEN..],
            )
            .map_err(|_| Error::Crypto("sealing failed"))?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Opens a blob made by [`SecretKey::seal`] with the same `aad`. `None` means the blob
    /// is not authentic: wrong key, wrong AAD, or damaged bytes.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let mut buf = Zeroizing::new(Vec::new());
        open_with(&self.aead_key().ok()?, aad, sealed, &mut buf).then_some(buf)
    }

    /// This key ready to open many blobs, its AES key schedule computed once (unlock opens
    /// every record's key with the records key).
    pub(crate) fn opener(&self) -> Result<Opener> {
        Ok(Opener(self.aead_key()?))
    }
}

/// A [`SecretKey`] set up to open many blobs; see [`SecretKey::opener`]. Lives only as long
/// as the work that needs it.
pub(crate) struct Opener(LessSafeKey);

impl fmt::Debug for Opener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Opener(****)")
    }
}

impl Opener {
    /// Opens `sealed` into `out` (reused from blob to blob, so no allocation per blob);
    /// `false` if it is not authentic, and then `out` is empty.
    pub(crate) fn open_into(
        &self,
        aad: &[u8],
        sealed: &[u8],
        out: &mut Zeroizing<Vec<u8>>,
    ) -> bool {
        open_with(&self.0, aad, sealed, out)
    }
}

/// The one function that opens a blob made by [`SecretKey::seal`] with the same `aad`,
/// into `out` (its previous content is overwritten). `false` if the blob is not authentic:
/// wrong key, wrong AAD, or damaged bytes; `out` is then empty.
fn open_with(key: &LessSafeKey, aad: &[u8], sealed: &[u8], out: &mut Zeroizing<Vec<u8>>) -> bool {
    if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != SEALED_VERSION {
        out.clear();
        return false;
    }
    let Ok(nonce) = Nonce::try_assume_unique_for_key(&sealed[1..1 + NONCE_LEN]) else {
        out.clear();
        return false;
    };
    let body = &sealed[1 + NONCE_LEN..];
    if out.capacity() < body.len() {
        // Growing would free the old buffer as it is: overwrite it first.
        out.zeroize();
        out.reserve(body.len());
    }
    out.clear();
    out.extend_from_slice(body);
    match key.open_in_place(nonce, Aad::from(aad), out.as_mut_slice()) {
        Ok(plain) => {
            let len = plain.len();
            out.truncate(len);
            true
        }
        Err(_) => {
            out.zeroize();
            false
        }
    }
}

/// What a piece of associated data is for. Each purpose has its own frozen prefix so that a
/// ciphertext made for one purpose never opens as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AadPurpose {
    /// A record's sealed content.
    Record,
    /// A record's key, wrapped under the records subkey.
    RecordKey,
    /// The vault key, wrapped in a key slot.
    Slot,
    /// Format 2: a record's key, wrapped under the epoch key.
    RecordKeyV2,
    /// Format 2: the epoch key, wrapped under the vault key's epoch subkey.
    Epoch,
    /// Format 2: the vault key, wrapped to a recovery slot's public key.
    RecoverySlotV2,
    /// Format 3: what a device knows of one record's history (sync), sealed in its vault.
    SyncMeta,
    /// Format 3: a device's own sync state (its clock, its last segment), sealed in its vault.
    SyncState,
    /// A synced folder's key file (format 2): its keys, under its own vault key.
    SyncKeys,
    /// A synced folder's key file (format 2): who made it, under the previous vault key.
    SyncKeysLink,
}

impl AadPurpose {
    fn prefix(self) -> &'static [u8] {
        match self {
            AadPurpose::Record => b"attune/record/v1",
            AadPurpose::RecordKey => b"attune/record-key/v1",
            AadPurpose::Slot => b"attune/slot/v1",
            AadPurpose::RecordKeyV2 => b"attune/record-key/v2",
            AadPurpose::Epoch => b"attune/epoch/v2",
            AadPurpose::RecoverySlotV2 => b"attune/recovery-slot/v2",
            AadPurpose::SyncMeta => b"attune/sync-meta/v1",
            AadPurpose::SyncState => b"attune/sync-state/v1",
            AadPurpose::SyncKeys => b"attune/sync-keys/v2",
            AadPurpose::SyncKeysLink => b"attune/sync-keys-link/v2",
        }
    }
}

/// Associated data: a purpose prefix, then the vault id, then each binding field, each
/// length-prefixed (u32 big-endian) so that no two different tuples encode alike.
/// Frozen: `aad_bytes_are_pinned` pins the exact bytes.
pub(crate) fn aad(purpose: AadPurpose, vault_id: &[u8], fields: &[&str]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    aad_into(&mut out, purpose, vault_id, fields);
    out
}

/// [`aad`] into a buffer reused from call to call (its previous content is replaced).
pub(crate) fn aad_into(out: &mut Vec<u8>, purpose: AadPurpose, vault_id: &[u8], fields: &[&str]) {
    out.clear();
    out.extend_from_slice(purpose.prefix());
    let mut push = |bytes: &[u8]| {
        // Fields are ids and kinds, far below 4 GiB; saturate rather than wrap.
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(bytes);
    };
    push(vault_id);
    for f in fields {
        push(f.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aad_bytes_are_pinned() {
        let bytes = aad(AadPurpose::Record, &[0xAB; 4], &["r1", "reflection"]);
        let mut expected = b"attune/record/v1".to_vec();
        expected.extend_from_slice(&[0, 0, 0, 4, 0xAB, 0xAB, 0xAB, 0xAB]);
        expected.extend_from_slice(&[0, 0, 0, 2, b'r', b'1']);
        expected.extend_from_slice(&[0, 0, 0, 10]);
        expected.extend_from_slice(b"reflection");
        assert_eq!(bytes, expected);
        assert!(aad(AadPurpose::RecordKey, &[1], &[]).starts_with(b"attune/record-key/v1"));
        assert!(aad(AadPurpose::Slot, &[1], &[]).starts_with(b"attune/slot/v1"));
        assert!(aad(AadPurpose::RecordKeyV2, &[1], &[]).starts_with(b"attune/record-key/v2"));
        assert!(aad(AadPurpose::Epoch, &[1], &[]).starts_with(b"attune/epoch/v2"));
        assert!(aad(AadPurpose::RecoverySlotV2, &[1], &[]).starts_with(b"attune/recovery-slot/v2"));
    }

    #[test]
    fn aad_fields_cannot_be_shifted() {
        assert_ne!(
            aad(AadPurpose::Record, b"v", &["ab", "c"]),
            aad(AadPurpose::Record, b"v", &["a", "bc"])
        );
    }

    #[test]
    fn seal_open_round_trip_and_layout() {
        let key = SecretKey::random().unwrap();
        let sealed = key.seal(b"aad", b"hello").unwrap();
        assert_eq!(sealed[0], SEALED_VERSION);
        assert_eq!(sealed.len(), 1 + NONCE_LEN + 5 + TAG_LEN);
        assert_eq!(key.open(b"aad", &sealed).unwrap().as_slice(), b"hello");
        assert!(key.open(b"other", &sealed).is_none());
        assert!(SecretKey::random().unwrap().open(b"aad", &sealed).is_none());
        let mut bad_version = sealed.clone();
        bad_version[0] = 2;
        assert!(key.open(b"aad", &bad_version).is_none());
        assert!(key.open(b"aad", &sealed[..sealed.len() - 1]).is_none());
        assert!(key.open(b"aad", &[]).is_none());
    }

    #[test]
    fn opener_opens_into_a_reused_buffer() {
        let key = SecretKey::random().unwrap();
        let opener = key.opener().unwrap();
        let mut buf = Zeroizing::new(Vec::new());
        for plain in [&b"short"[..], &[7u8; 3000][..], b"", b"again short"] {
            let sealed = key.seal(b"aad", plain).unwrap();
            assert!(opener.open_into(b"aad", &sealed, &mut buf));
            assert_eq!(buf.as_slice(), plain);
            assert!(!opener.open_into(b"other", &sealed, &mut buf));
            assert!(buf.is_empty());
            let other = SecretKey::random().unwrap().opener().unwrap();
            assert!(!other.open_into(b"aad", &sealed, &mut buf));
            assert!(!opener.open_into(b"aad", &sealed[..sealed.len() - 1], &mut buf));
            assert!(!opener.open_into(b"aad", &[], &mut buf));
        }
        assert_eq!(format!("{opener:?}"), "Opener(****)");
    }

    #[test]
    fn aad_into_replaces_the_buffer() {
        let mut buf = b"left over".to_vec();
        aad_into(
            &mut buf,
            AadPurpose::Record,
            &[0xAB; 4],
            &["r1", "reflection"],
        );
        assert_eq!(
            buf,
            aad(AadPurpose::Record, &[0xAB; 4], &["r1", "reflection"])
        );
    }

    #[test]
    fn nonces_are_fresh() {
        let key = SecretKey::random().unwrap();
        let a = key.seal(b"", b"same").unwrap();
        let b = key.seal(b"", b"same").unwrap();
        assert_ne!(a[1..13], b[1..13]);
    }

    #[test]
    fn debug_is_redacted() {
        let key = SecretKey::from_bytes(&[7; 32]).unwrap();
        assert_eq!(format!("{key:?}"), "SecretKey(****)");
    }

    #[test]
    fn subkeys_differ_by_label_and_salt() {
        let key = SecretKey::from_bytes(&[1; 32]).unwrap();
        let a = key.derive(b"vault-a", "attune/v1/records").unwrap();
        let b = key.derive(b"vault-a", "attune/v1/other").unwrap();
        let c = key.derive(b"vault-b", "attune/v1/records").unwrap();
        assert_ne!(a.expose_secret_bytes(), b.expose_secret_bytes());
        assert_ne!(a.expose_secret_bytes(), c.expose_secret_bytes());
        let again = key.derive(b"vault-a", "attune/v1/records").unwrap();
        assert_eq!(a.expose_secret_bytes(), again.expose_secret_bytes());
    }
}
