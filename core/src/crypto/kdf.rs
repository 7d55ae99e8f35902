//! Passphrase → key: NFC normalisation, then Argon2id with parameters stored beside the slot
//! and bounds-checked before any work is done.

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::keys::{SecretKey, KEY_LEN};
use crate::error::{Error, Result};

/// Length of the random salt of a passphrase slot.
pub const SALT_LEN: usize = 32;

/// Argon2id cost parameters, stored with each passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory cost in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Degree of parallelism (lanes).
    pub parallelism: u32,
}

impl KdfParams {
    /// The parameters new vaults use: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };
    /// The cheapest parameters accepted: for tests and benchmarks, never a user's default.
    pub const MINIMUM: KdfParams = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };
    /// Upper bounds: a vault (or a hostile file) asking for more is refused before the KDF runs.
    /// Far above what Attune writes (64 MiB, 3 passes, 1 lane) and below what would stall a
    /// laptop: 1 GiB, 10 passes, 4 lanes.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// See [`KdfParams::MAX_MEMORY_KIB`].
    pub const MAX_ITERATIONS: u32 = 10;
    /// See [`KdfParams::MAX_MEMORY_KIB`].
    pub const MAX_PARALLELISM: u32 = 4;

    /// Checks the parameters against the bounds. Called before every derivation.
    pub fn check(&self) -> Result<()> {
        let bad = |what: String| Err(Error::KdfParamsOutOfBounds(what));
        if !(Self::MINIMUM.memory_kib..=Self::MAX_MEMORY_KIB).contains(&self.memory_kib) {
            return bad(format!(
                "memory {} KiB, allowed {}..={}",
                self.memory_kib,
                Self::MINIMUM.memory_kib,
                Self::MAX_MEMORY_KIB
            ));
        }
        if !(1..=Self::MAX_ITERATIONS).contains(&self.iterations) {
            return bad(format!(
                "iterations {}, allowed 1..={}",
                self.iterations,
                Self::MAX_ITERATIONS
            ));
        }
        if !(1..=Self::MAX_PARALLELISM).contains(&self.parallelism) {
            return bad(format!(
                "parallelism {}, allowed 1..={}",
                self.parallelism,
                Self::MAX_PARALLELISM
            ));
        }
        // Argon2 needs at least 8 KiB per lane.
        if self.memory_kib < 8 * self.parallelism {
            return bad(format!(
                "memory {} KiB is too small for {} lanes",
                self.memory_kib, self.parallelism
            ));
        }
        Ok(())
    }

    /// Derives the key-encryption key for a passphrase slot.
    pub fn derive(&self, passphrase: &str, salt: &[u8]) -> Result<SecretKey> {
        self.check()?;
        let normalized: Zeroizing<String> = Zeroizing::new(passphrase.nfc().collect());
        let params = argon2::Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(KEY_LEN),
        )
        .map_err(|e| Error::KdfParamsOutOfBounds(e.to_string()))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        argon
            .hash_password_into(normalized.as_bytes(), salt, out.as_mut_slice())
            .map_err(|_| Error::Crypto("Argon2id failed"))?;
        SecretKey::from_bytes(out.as_slice())
    }
}

/// Longest accepted passphrase, in characters (after NFC). Generous: pass-sentences welcome.
pub const MAX_PASSPHRASE_CHARS: usize = 16 * 1024;
/// Shortest accepted new passphrase, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Checks a passphrase being set (create or change), never one being tried.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    let chars = passphrase.nfc().count();
    if passphrase.trim().is_empty() {
        return Err(Error::PassphraseRejected("it is empty".into()));
    }
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(Error::PassphraseRejected(format!(
            "it has {chars} characters; use at least {MIN_PASSPHRASE_CHARS} (a short sentence is best)"
        )));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(Error::PassphraseRejected(format!(
            "it has {chars} characters; at most {MAX_PASSPHRASE_CHARS} are accepted"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked() {
        assert!(KdfParams::DEFAULT.check().is_ok());
        assert!(KdfParams::MINIMUM.check().is_ok());
        for p in [
            KdfParams {
                memory_kib: u32::MAX,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                memory_kib: 1,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                iterations: 0,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                iterations: 1_000_000,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                parallelism: 0,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                parallelism: 255,
                ..KdfParams::DEFAULT
            },
        ] {
            assert!(
                matches!(p.check(), Err(Error::KdfParamsOutOfBounds(_))),
                "{p:?}"
            );
        }
    }

    #[test]
    fn composed_and_decomposed_passphrases_derive_the_same_key() {
        let salt = [9u8; SALT_LEN];
        let composed = "caf\u{e9} au lait";
        let decomposed = "cafe\u{301} au lait";
        assert_ne!(composed, decomposed);
        let a = KdfParams::MINIMUM.derive(composed, &salt).unwrap();
        let b = KdfParams::MINIMUM.derive(decomposed, &salt).unwrap();
        assert_eq!(a.expose_secret_bytes(), b.expose_secret_bytes());
    }

    #[test]
    fn new_passphrase_rules() {
        assert!(check_new_passphrase("").is_err());
        assert!(check_new_passphrase("        ").is_err());
        assert!(check_new_passphrase("short").is_err());
        assert!(check_new_passphrase("long enough").is_ok());
        assert!(check_new_passphrase(&"x".repeat(10_000)).is_ok());
        assert!(check_new_passphrase(&"x".repeat(MAX_PASSPHRASE_CHARS + 1)).is_err());
    }
}
