//! The recovery key: 256 random bits shown once, as 14 groups of 4 Crockford base32
//! characters. The last 3 bytes encoded are a checksum, so a typo is caught before any key is
//! tried. Case, spaces and hyphens do not matter; `I`/`L` read as `1` and `O` as `0`.

use std::fmt;

use ring::digest;
use zeroize::Zeroizing;

use super::keys::{random_bytes, SecretKey, KEY_LEN};
use crate::error::{Error, Result};

const CHECKSUM_LEN: usize = 3;
const ENCODED_BYTES: usize = KEY_LEN + CHECKSUM_LEN;
/// Characters in a recovery key, without separators.
pub const RECOVERY_KEY_CHARS: usize = ENCODED_BYTES * 8 / 5;
const GROUP: usize = 4;
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ALPHABET: base32::Alphabet = base32::Alphabet::Crockford;

/// A recovery key. Never cloned or serialised; zeroized on drop; redacted in Debug.
pub struct RecoveryKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(****)")
    }
}

fn checksum(key: &[u8]) -> [u8; CHECKSUM_LEN] {
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(b"attune/recovery-key/v1");
    ctx.update(key);
    let d = ctx.finish();
    let mut out = [0u8; CHECKSUM_LEN];
    out.copy_from_slice(&d.as_ref()[..CHECKSUM_LEN]);
    out
}

impl RecoveryKey {
    /// A fresh random recovery key.
    pub(crate) fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(bytes.as_mut_slice())?;
        Ok(RecoveryKey { bytes })
    }

    /// Parses a recovery key as typed by a person, saying exactly what is wrong if it is not one.
    pub fn parse(text: &str) -> Result<Self> {
        let mut clean = Zeroizing::new(String::with_capacity(RECOVERY_KEY_CHARS));
        for (i, c) in text.chars().enumerate() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                return Err(Error::RecoveryKeyInvalid(format!(
                    "character {} ({:?}) is not used in recovery keys",
                    i + 1,
                    text.chars().nth(i).unwrap_or(c)
                )));
            }
            clean.push(c);
        }
        if clean.len() != RECOVERY_KEY_CHARS {
            return Err(Error::RecoveryKeyInvalid(format!(
                "it should have {RECOVERY_KEY_CHARS} letters and digits ({} groups of {GROUP}); this one has {}",
                RECOVERY_KEY_CHARS / GROUP,
                clean.len()
            )));
        }
        let decoded = Zeroizing::new(base32::decode(ALPHABET, &clean).ok_or_else(|| {
            Error::RecoveryKeyInvalid("it could not be decoded; check each group".into())
        })?);
        if decoded.len() != ENCODED_BYTES {
            return Err(Error::RecoveryKeyInvalid(
                "it could not be decoded; check each group".into(),
            ));
        }
        let (key, sum) = decoded.split_at(KEY_LEN);
        if checksum(key) != sum {
            return Err(Error::RecoveryKeyInvalid(
                "it has a typo (its checksum does not match); check each group".into(),
            ));
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(key);
        Ok(RecoveryKey { bytes })
    }

    /// The key as shown to the user once: `ABCD-EFGH-…`, 14 groups of 4.
    pub fn to_display(&self) -> Zeroizing<String> {
        let mut raw = Zeroizing::new([0u8; ENCODED_BYTES]);
        raw[..KEY_LEN].copy_from_slice(self.bytes.as_slice());
        raw[KEY_LEN..].copy_from_slice(&checksum(self.bytes.as_slice()));
        let plain = Zeroizing::new(base32::encode(ALPHABET, raw.as_slice()));
        let mut out = Zeroizing::new(String::with_capacity(RECOVERY_KEY_CHARS + 16));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// The key-encryption key for the recovery slot. The recovery key already has 256 bits of
    /// entropy, so HKDF (not a slow KDF) is enough.
    pub(crate) fn slot_key(&self, salt: &[u8]) -> Result<SecretKey> {
        SecretKey::from_bytes(self.bytes.as_slice())?.derive(salt, "attune/v1/recovery-slot")
    }
}

/// HKDF label of a format-2 recovery slot's X25519 secret, derived from the recovery key.
const RECOVERY_X25519_LABEL: &str = "attune/v2/recovery-x25519";
/// HKDF label of the key that wraps the vault key in a format-2 recovery slot.
const RECOVERY_SLOT_V2_LABEL: &str = "attune/v2/recovery-slot";
/// Length of an X25519 public key.
pub(crate) const PUBLIC_KEY_LEN: usize = 32;

impl RecoveryKey {
    /// The X25519 secret of the format-2 recovery slot with this `salt`.
    fn slot_secret(&self, salt: &[u8]) -> Result<x25519_dalek::StaticSecret> {
        let derived =
            SecretKey::from_bytes(self.bytes.as_slice())?.derive(salt, RECOVERY_X25519_LABEL)?;
        Ok(x25519_dalek::StaticSecret::from(
            *derived.expose_secret_bytes(),
        ))
    }

    /// The public key of the format-2 recovery slot with this `salt`: stored in the slot, so
    /// that the vault key can be wrapped to it again without the recovery key (when the vault
    /// key rotates on a passphrase change).
    pub(crate) fn slot_public_key(&self, salt: &[u8]) -> Result<[u8; PUBLIC_KEY_LEN]> {
        Ok(x25519_dalek::PublicKey::from(&self.slot_secret(salt)?).to_bytes())
    }

    /// Opens a format-2 recovery slot: `wrapped` is the ephemeral public key then the sealed
    /// vault key. `None` if this recovery key is not the slot's.
    pub(crate) fn open_slot_v2(
        &self,
        salt: &[u8],
        public: &[u8],
        aad: &[u8],
        wrapped: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        let secret = self.slot_secret(salt).ok()?;
        if x25519_dalek::PublicKey::from(&secret).as_bytes().as_slice() != public {
            return None;
        }
        let (ephemeral, sealed) = wrapped.split_at_checked(PUBLIC_KEY_LEN)?;
        let ephemeral: [u8; PUBLIC_KEY_LEN] = ephemeral.try_into().ok()?;
        let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(ephemeral));
        if !shared.was_contributory() {
            return None;
        }
        slot_v2_key(shared.as_bytes(), &ephemeral, public)
            .ok()?
            .open(aad, sealed)
    }
}

/// The key that seals a format-2 recovery slot, from the X25519 shared secret; the salt binds
/// both public keys.
fn slot_v2_key(shared: &[u8; 32], ephemeral: &[u8], public: &[u8]) -> Result<SecretKey> {
    let mut salt = Vec::with_capacity(2 * PUBLIC_KEY_LEN);
    salt.extend_from_slice(ephemeral);
    salt.extend_from_slice(public);
    SecretKey::from_bytes(shared)?.derive(&salt, RECOVERY_SLOT_V2_LABEL)
}

/// Wraps `key` (the vault key) to a format-2 recovery slot's public key, without the
/// recovery key: a fresh ephemeral X25519 key, the shared secret through HKDF, then the one
/// seal. Returns the ephemeral public key followed by the sealed key.
pub(crate) fn wrap_to_recovery_slot(public: &[u8], aad: &[u8], key: &SecretKey) -> Result<Vec<u8>> {
    let public: [u8; PUBLIC_KEY_LEN] = public.try_into().map_err(|_| {
        Error::VaultDamaged("a recovery slot's public key has the wrong length".into())
    })?;
    let mut seed = Zeroizing::new([0u8; KEY_LEN]);
    random_bytes(seed.as_mut_slice())?;
    let ephemeral = x25519_dalek::StaticSecret::from(*seed);
    let ephemeral_public = x25519_dalek::PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&x25519_dalek::PublicKey::from(public));
    if !shared.was_contributory() {
        return Err(Error::VaultDamaged(
            "a recovery slot's public key is not a usable key".into(),
        ));
    }
    let kek = slot_v2_key(shared.as_bytes(), &ephemeral_public, &public)?;
    let mut out = ephemeral_public.to_vec();
    out.extend_from_slice(&kek.seal(aad, key.expose_secret_bytes())?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_slot_v2_opens_with_its_key_only() {
        let rk = RecoveryKey::generate().unwrap();
        let other = RecoveryKey::generate().unwrap();
        let salt = [7u8; 32];
        let public = rk.slot_public_key(&salt).unwrap();
        let vk = SecretKey::random().unwrap();
        let wrapped = wrap_to_recovery_slot(&public, b"aad", &vk).unwrap();
        let opened = rk.open_slot_v2(&salt, &public, b"aad", &wrapped).unwrap();
        assert_eq!(opened.as_slice(), vk.expose_secret_bytes());
        assert!(rk
            .open_slot_v2(&salt, &public, b"other aad", &wrapped)
            .is_none());
        assert!(other
            .open_slot_v2(&salt, &public, b"aad", &wrapped)
            .is_none());
        assert!(rk
            .open_slot_v2(&[8u8; 32], &public, b"aad", &wrapped)
            .is_none());
        // The all-zero point gives no shared secret: refused, not wrapped to.
        assert!(wrap_to_recovery_slot(&[0u8; 32], b"aad", &vk).is_err());
    }

    #[test]
    fn display_parse_round_trip() {
        let k = RecoveryKey::generate().unwrap();
        let shown = k.to_display();
        assert_eq!(
            shown.len(),
            RECOVERY_KEY_CHARS + RECOVERY_KEY_CHARS / GROUP - 1
        );
        assert_eq!(shown.split('-').count(), 14);
        let back = RecoveryKey::parse(&shown).unwrap();
        assert_eq!(back.bytes.as_slice(), k.bytes.as_slice());
    }

    #[test]
    fn case_spacing_and_lookalikes_are_accepted() {
        let k = RecoveryKey::generate().unwrap();
        let shown = k.to_display();
        let messy = shown
            .to_lowercase()
            .replace('-', "  ")
            .replace('1', "l")
            .replace('0', "o");
        let back = RecoveryKey::parse(&format!("  {messy}\n")).unwrap();
        assert_eq!(back.bytes.as_slice(), k.bytes.as_slice());
    }

    #[test]
    fn typos_are_refused_with_reasons() {
        let k = RecoveryKey::generate().unwrap();
        let shown = k.to_display().to_string();
        // Change one character to another valid one: the checksum catches it.
        let mut chars: Vec<char> = shown.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.iter().collect();
        let err = RecoveryKey::parse(&typo).unwrap_err().to_string();
        assert!(err.contains("typo"), "{err}");
        // A character that is not in the alphabet.
        let err = RecoveryKey::parse(&shown.replacen(&shown[0..1], "U", 1)).unwrap_err();
        assert!(err.to_string().contains("character 1"), "{err}");
        // Too short.
        let err = RecoveryKey::parse(&shown[..shown.len() - 5])
            .unwrap_err()
            .to_string();
        assert!(err.contains("56"), "{err}");
        assert!(RecoveryKey::parse("").is_err());
    }

    #[test]
    fn debug_is_redacted() {
        let k = RecoveryKey::generate().unwrap();
        assert_eq!(format!("{k:?}"), "RecoveryKey(****)");
    }
}
