//! Typed errors for everything core does, and the stable codes the UI branches on.

use std::path::PathBuf;

/// Result alias used throughout core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in core. Messages are written for the user: they say what
/// was wrong and where, and never contain reflection text or key material.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No vault database in the directory.
    #[error("no Attune vault in {0} (create one with `attune init`)")]
    VaultNotFound(PathBuf),
    /// `create` was asked to overwrite an existing vault.
    #[error("a vault already exists in {0}; nothing was changed")]
    VaultExists(PathBuf),
    /// The vault was written by a newer Attune; it is never modified.
    #[error(
        "this vault was written by a newer version of Attune (format {found}); this version reads formats up to {supported}. Nothing was changed: please update Attune"
    )]
    VaultTooNew {
        /// The format version found in the file.
        found: i64,
        /// The newest format this build understands.
        supported: i64,
    },
    /// Another Attune process (a window or a command) has this vault open.
    #[error("the vault in {0} is open in another Attune window or command; close it there first")]
    VaultInUse(PathBuf),
    /// The file is not an Attune vault, or its structure is broken.
    #[error("the vault is damaged or not an Attune vault: {0}")]
    VaultDamaged(String),
    /// No passphrase slot opened with this passphrase.
    #[error("the passphrase does not open this vault")]
    WrongPassphrase,
    /// A well-formed recovery key that does not open this vault.
    #[error("the recovery key does not open this vault")]
    WrongRecoveryKey,
    /// A recovery key that is malformed (typo, bad checksum, wrong length).
    #[error("recovery key: {0}")]
    RecoveryKeyInvalid(String),
    /// A passphrase refused when creating or changing one.
    #[error("passphrase: {0}")]
    PassphraseRejected(String),
    /// Stored key-derivation parameters outside the accepted bounds (refused before any KDF work).
    #[error("the vault's key-derivation settings are out of bounds ({0}); refusing to run them")]
    KdfParamsOutOfBounds(String),
    /// One sealed record failed authentication or could not be decoded.
    #[error("record {id} is damaged and cannot be opened")]
    RecordDamaged {
        /// The id of the damaged record.
        id: String,
    },
    /// No record with this id (or id prefix).
    #[error("no {kind} with id {id}")]
    NotFound {
        /// What was looked for, in the user's words ("reflection").
        kind: &'static str,
        /// The id or prefix given.
        id: String,
    },
    /// An id prefix that matches several records.
    #[error("the id {0} matches more than one reflection; give more of it")]
    AmbiguousId(String),
    /// Input that failed validation: which field, and what is wrong with it.
    #[error("{field}: {message}")]
    InvalidInput {
        /// The field (or `line N, column M` location) at fault.
        field: String,
        /// What is wrong, in plain words.
        message: String,
    },
    /// SQLite reported an error.
    #[error("storage error: {0}")]
    Storage(#[from] rusqlite::Error),
    /// A migration could not be applied.
    #[error("storage migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file system error.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// A share bundle, attestation or contact card was refused.
    #[error(transparent)]
    Share(#[from] crate::share::ShareError),
    /// The system random generator or a crypto primitive failed (should never happen).
    #[error("cryptographic failure: {0}")]
    Crypto(&'static str),
    /// A bug in Attune itself, such as one of its own patterns failing to compile (should
    /// never happen; the tests would catch it).
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The stable code of this error, for programs (the UI) to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::VaultNotFound(_) => ErrorCode::VaultNotFound,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultTooNew { .. } => ErrorCode::VaultTooNew,
            Error::VaultInUse(_) => ErrorCode::VaultInUse,
            Error::VaultDamaged(_) => ErrorCode::VaultDamaged,
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            Error::RecoveryKeyInvalid(_) => ErrorCode::RecoveryKeyInvalid,
            Error::PassphraseRejected(_) => ErrorCode::PassphraseRejected,
            Error::KdfParamsOutOfBounds(_) => ErrorCode::KdfParamsOutOfBounds,
            Error::RecordDamaged { .. } => ErrorCode::RecordDamaged,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::AmbiguousId(_) => ErrorCode::AmbiguousId,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::Storage(_) | Error::Migration(_) | Error::Io(_) => ErrorCode::Storage,
            Error::Share(e) => e.code(),
            Error::Crypto(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// Stable, machine-readable error codes. They cross IPC as `{code, message}`; the UI branches
/// on the code, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    /// See [`Error::VaultNotFound`].
    VaultNotFound,
    /// See [`Error::VaultExists`].
    VaultExists,
    /// See [`Error::VaultTooNew`].
    VaultTooNew,
    /// See [`Error::VaultInUse`].
    VaultInUse,
    /// See [`Error::VaultDamaged`].
    VaultDamaged,
    /// See [`Error::WrongPassphrase`].
    WrongPassphrase,
    /// See [`Error::WrongRecoveryKey`].
    WrongRecoveryKey,
    /// See [`Error::RecoveryKeyInvalid`].
    RecoveryKeyInvalid,
    /// See [`Error::PassphraseRejected`].
    PassphraseRejected,
    /// See [`Error::KdfParamsOutOfBounds`].
    KdfParamsOutOfBounds,
    /// See [`Error::RecordDamaged`].
    RecordDamaged,
    /// See [`Error::NotFound`].
    NotFound,
    /// See [`Error::AmbiguousId`].
    AmbiguousId,
    /// See [`Error::InvalidInput`].
    InvalidInput,
    /// Storage or file-system failure.
    Storage,
    /// A share bundle or attestation made for someone else, or forwarded.
    ShareNotForMe,
    /// A share bundle or attestation from someone who is not a contact.
    ShareSenderUnknown,
    /// A share bundle or attestation from a contact whose fingerprint is not confirmed.
    ShareSenderUnverified,
    /// A share file of a format version this build does not read.
    ShareVersion,
    /// A share id received before with other content.
    ShareReplayed,
    /// A share file whose signature does not match its content.
    ShareBadSignature,
    /// A file that is not an Attune share file, or a damaged one (truncated, extra bytes).
    ShareDamaged,
    /// The vault is locked (used by the shell).
    Locked,
    /// An unexpected failure.
    Internal,
}
