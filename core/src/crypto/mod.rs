//! The key hierarchy's primitives, with no knowledge of vaults, records or domains.
//!
//! - [`keys`]: secret keys, the one seal/open pair (AES-256-GCM), HKDF subkeys, and the
//!   associated data bound into every ciphertext.
//! - [`kdf`]: passphrase → key-encryption key (NFC, Argon2id), with bounds checked first.
//! - [`recovery`]: the recovery key shown once to the user, and its slot key.

pub mod kdf;
/// Keys and the one seal/open pair; public for benchmarks and property tests.
pub mod keys;
pub mod recovery;

pub use kdf::{
    check_new_passphrase, KdfParams, MAX_PASSPHRASE_CHARS, MIN_PASSPHRASE_CHARS, SALT_LEN,
};
pub(crate) use keys::random_bytes;
pub use recovery::{RecoveryKey, RECOVERY_KEY_CHARS};
