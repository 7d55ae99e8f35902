//! This vault's identity: an Ed25519 signing key (ring; stored as PKCS#8) and an age X25519
//! key (age crate). Both are secret: sealed in the vault like every record, never cloned,
//! never serialised outside the sealed record, redacted in Debug, zeroized on drop.

use std::fmt;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use chrono::{DateTime, Utc};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::hex;
use crate::error::{Error, Result};

/// This vault's secret keys.
pub struct Identity {
    /// The Ed25519 key as PKCS#8 (v2 when generated); parsed again for each signature so that no second
    /// copy of the secret lives in memory between uses.
    pkcs8: Zeroizing<Vec<u8>>,
    signing_public: [u8; 32],
    /// age's type wipes its secret scalar when dropped.
    age: age::x25519::Identity,
    created_at: DateTime<Utc>,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Identity(****)")
    }
}

/// The sealed JSON of the identity record, its secrets in strings overwritten when dropped.
#[derive(Serialize, Deserialize)]
pub(crate) struct SealedIdentity {
    ed25519_pkcs8: Zeroizing<String>,
    age: Zeroizing<String>,
    created_at: DateTime<Utc>,
}

impl Identity {
    /// A fresh identity from the system's random generator.
    pub(crate) fn generate() -> Result<Identity> {
        let doc = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| Error::Crypto("Ed25519 key generation failed"))?;
        let pkcs8 = Zeroizing::new(doc.as_ref().to_vec());
        Self::from_parts(pkcs8, age::x25519::Identity::generate(), Utc::now())
    }

    fn from_parts(
        pkcs8: Zeroizing<Vec<u8>>,
        age: age::x25519::Identity,
        created_at: DateTime<Utc>,
    ) -> Result<Identity> {
        let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8)
            .map_err(|_| Error::Crypto("the stored Ed25519 key does not parse"))?;
        let mut signing_public = [0u8; 32];
        signing_public.copy_from_slice(pair.public_key().as_ref());
        Ok(Identity {
            pkcs8,
            signing_public,
            age,
            created_at,
        })
    }

    /// The Ed25519 public key.
    pub fn signing_public_key(&self) -> [u8; 32] {
        self.signing_public
    }

    /// The age recipient (`age1...`) that others encrypt bundles to.
    pub fn age_recipient(&self) -> String {
        self.age.to_public().to_string()
    }

    /// When this identity was made.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// Signs `domain || message`. The domain keeps a signature made for one purpose from
    /// verifying as another.
    pub(crate) fn sign(&self, domain: &[u8], message: &[u8]) -> Result<[u8; 64]> {
        let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&self.pkcs8)
            .map_err(|_| Error::Crypto("the stored Ed25519 key does not parse"))?;
        let mut signed = Vec::with_capacity(domain.len() + message.len());
        signed.extend_from_slice(domain);
        signed.extend_from_slice(message);
        let sig = pair.sign(&signed);
        let mut out = [0u8; 64];
        out.copy_from_slice(sig.as_ref());
        Ok(out)
    }

    /// A copy of the age key, for a [`Receiver`](super::receiver::Receiver) to decrypt with
    /// while the vault is not held. age's type wipes its secret scalar when dropped.
    pub(crate) fn age_key(&self) -> age::x25519::Identity {
        self.age.clone()
    }

    /// The sealed form, for the vault record.
    pub(crate) fn to_sealed(&self) -> SealedIdentity {
        SealedIdentity {
            ed25519_pkcs8: Zeroizing::new(hex(&self.pkcs8)),
            age: Zeroizing::new(self.age.to_string().expose_secret().to_owned()),
            created_at: self.created_at,
        }
    }

    /// Reads the sealed form back; `None` if it is not a valid one.
    pub(crate) fn from_sealed(s: SealedIdentity) -> Option<Identity> {
        let hexed = s.ed25519_pkcs8.as_bytes();
        if !hexed.len().is_multiple_of(2) {
            return None;
        }
        let mut pkcs8 = Zeroizing::new(Vec::with_capacity(hexed.len() / 2));
        for pair in hexed.chunks(2) {
            let pair = std::str::from_utf8(pair).ok()?;
            pkcs8.push(u8::from_str_radix(pair, 16).ok()?);
        }
        let age = age::x25519::Identity::from_str(&s.age).ok()?;
        Self::from_parts(pkcs8, age, s.created_at).ok()
    }

    /// The age secret key (`AGE-SECRET-KEY-1...`), so that a test can show that the outer
    /// layer of a bundle is a plain age file any age tool opens. Not for the app: nothing
    /// outside tests may call it, and no command prints it.
    #[doc(hidden)]
    pub fn expose_age_secret_for_interop_tests(&self) -> Zeroizing<String> {
        Zeroizing::new(self.age.to_string().expose_secret().to_owned())
    }

    /// A deterministic identity for committed test vectors (never for a vault).
    #[doc(hidden)]
    pub fn from_test_seed(seed: u8) -> Result<Identity> {
        // A PKCS#8 v1 wrapper around a fixed seed; ring reads v1 and v2.
        let mut pkcs8 = Zeroizing::new(vec![
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
            0x04, 0x20,
        ]);
        pkcs8.extend_from_slice(&[seed; 32]);
        let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pkcs8)
            .map_err(|_| Error::Crypto("test seed key"))?;
        let mut signing_public = [0u8; 32];
        signing_public.copy_from_slice(pair.public_key().as_ref());
        // The age key of a test identity is fixed too, so that committed vectors stay valid.
        let age = age::x25519::Identity::from_str(TEST_AGE_KEYS[usize::from(seed) % 2])
            .map_err(|_| Error::Crypto("test age key"))?;
        Ok(Identity {
            pkcs8,
            signing_public,
            age,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
        })
    }
}

/// Two fixed age secret keys for test identities (made with rage-keygen for the test
/// vectors; test data, not secrets).
const TEST_AGE_KEYS: [&str; 2] = [
    "AGE-SECRET-KEY-106CP39VDR33TGK0R8KMA4PPTWQLMA2K4K2VG3U2W3TVRT5MG7K8S72TTH6",
    "AGE-SECRET-KEY-1DJM2PR06Y55Z28GTKURQXSRW8GLFAJUASG4XTTANT27T46LND4AQD6G3WX",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_round_trip_and_redacted_debug() {
        let id = Identity::generate().unwrap();
        let json = serde_json::to_vec(&id.to_sealed()).unwrap();
        let back = Identity::from_sealed(serde_json::from_slice(&json).unwrap()).unwrap();
        assert_eq!(back.signing_public_key(), id.signing_public_key());
        assert_eq!(back.age_recipient(), id.age_recipient());
        assert_eq!(format!("{id:?}"), "Identity(****)");
        let sig = id.sign(b"d", b"m").unwrap();
        assert!(super::super::verify_signature(
            &id.signing_public_key(),
            b"d",
            b"m",
            &sig
        ));
        assert!(!super::super::verify_signature(
            &id.signing_public_key(),
            b"e",
            b"m",
            &sig
        ));
    }

    #[test]
    fn test_identities_are_fixed() {
        let a = Identity::from_test_seed(1).unwrap();
        let b = Identity::from_test_seed(1).unwrap();
        assert_eq!(a.signing_public_key(), b.signing_public_key());
        assert_eq!(a.age_recipient(), b.age_recipient());
        let sig = a.sign(b"d", b"m").unwrap();
        assert!(super::super::verify_signature(
            &a.signing_public_key(),
            b"d",
            b"m",
            &sig
        ));
    }
}
