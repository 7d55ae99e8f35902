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
    /// The secret opens this device's vault, but the journal's passphrase (or recovery key)
    /// was changed since on another device that syncs with it: the old secret no longer
    /// unlocks it anywhere (docs/design/sync.md, "Keys").
    #[error("{}", changed_elsewhere(device, at, *crossed))]
    PassphraseChangedElsewhere {
        /// The name of the device where it was changed.
        device: String,
        /// When.
        at: chrono::DateTime<chrono::Utc>,
        /// Whether this device changed its own at the same time (and lost: the other
        /// device's change holds on every device), so that only the recovery key brings it
        /// in line.
        crossed: bool,
    },
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
    #[error("the id {id} matches more than one {kind}; give more of it")]
    AmbiguousId {
        /// What was looked for, in the user's words ("reflection").
        kind: &'static str,
        /// The prefix given.
        id: String,
    },
    /// Input that failed validation: which field, where in a file or list, and what is
    /// wrong with it.
    #[error("{}", described(field, message, place.as_ref()))]
    InvalidInput {
        /// The field at fault (`minutes`), or empty when a whole line is.
        field: String,
        /// What is wrong, in plain words.
        message: String,
        /// Where in a file or a list, when the input was one.
        place: Option<Place>,
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
    /// A file that is not an Attune backup at all.
    #[error("this file is not an Attune backup: {0}")]
    NotABackup(String),
    /// An Attune backup with damage: cut short, bytes changed, or an image that does not
    /// open as a vault. Never reported as a wrong passphrase.
    #[error("the backup is damaged: {0}. Nothing was restored from it")]
    BackupDamaged(String),
    /// A backup written by a newer Attune.
    #[error("this backup was written by a newer version of Attune (backup format {found}); this version reads formats up to {supported}. Please update Attune")]
    BackupTooNew {
        /// The format found.
        found: u16,
        /// The newest this build reads.
        supported: u16,
    },
    /// A share bundle, attestation or contact card was refused.
    #[error(transparent)]
    Share(#[from] ShareError),
    /// The system random generator or a crypto primitive failed (should never happen).
    #[error("cryptographic failure: {0}")]
    Crypto(&'static str),
    /// A bug in Attune itself, such as one of its own patterns failing to compile (should
    /// never happen; the tests would catch it).
    #[error("internal error: {0}")]
    Internal(String),
}

/// Where in what the user gave a problem is: a line (and cell) of a file, or one entry of a
/// list. Carried as data, so that no program has to read it back out of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "in", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Place {
    /// A line of a file (1-based), and the column (1-based) when one cell is at fault.
    Line {
        /// The line, as a text editor numbers it.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        line: u64,
        /// The column, when one cell is at fault.
        #[cfg_attr(feature = "ts", ts(type = "number | null"))]
        column: Option<u64>,
    },
    /// The `number`th entry (1-based) of a list of `kind` (`reflection`, `training entry`).
    Entry {
        /// What the list holds, in the user's words.
        kind: &'static str,
        /// Its position in the list, from 1.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        number: u64,
    },
}

impl Place {
    /// A line of a file, whole.
    pub fn line(line: u64) -> Place {
        Place::Line { line, column: None }
    }

    /// One cell of a file.
    pub fn cell(line: u64, column: u64) -> Place {
        Place::Line {
            line,
            column: Some(column),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line { line, column: None } => write!(f, "line {line}"),
            Place::Line {
                line,
                column: Some(c),
            } => write!(f, "line {line}, column {c}"),
            Place::Entry { kind, number } => write!(f, "{kind} {number}"),
        }
    }
}

/// An invalid input in words: `line 4, column 2 (minutes): ...` for a cell, `line 4: ...`
/// for a line, `reflection 3: date: ...` for an entry of a list, `minutes: ...` otherwise.
pub(crate) fn described(field: &str, message: &str, place: Option<&Place>) -> String {
    match place {
        None => format!("{field}: {message}"),
        Some(p) if field.is_empty() => format!("{p}: {message}"),
        Some(
            p @ Place::Line {
                column: Some(_), ..
            },
        ) => format!("{p} ({field}): {message}"),
        Some(p) => format!("{p}: {field}: {message}"),
    }
}

fn changed_elsewhere(device: &str, at: &chrono::DateTime<chrono::Utc>, crossed: bool) -> String {
    let day = at.format("%-d %B %Y");
    if crossed {
        format!(
            "the passphrase was changed on {device} on {day}, at the same time as on this computer, and the change made on {device} holds: unlock here once with the recovery key to bring this computer in line"
        )
    } else {
        format!(
            "this passphrase was changed on {device} on {day}: unlock with the new passphrase, or with the recovery key"
        )
    }
}

impl Error {
    /// Shorthand for [`Error::InvalidInput`] about a field, anywhere.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
            place: None,
        }
    }

    /// [`Error::InvalidInput`] at a place in a file or list.
    pub fn invalid_at(place: Place, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
            place: Some(place),
        }
    }

    /// This error, if it is about input, placed at `place` (unless it already has a place).
    pub fn placed(self, place: Place) -> Self {
        match self {
            Error::InvalidInput {
                field,
                message,
                place: None,
            } => Error::InvalidInput {
                field,
                message,
                place: Some(place),
            },
            e => e,
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
            Error::PassphraseChangedElsewhere { .. } => ErrorCode::PassphraseChangedElsewhere,
            Error::RecoveryKeyInvalid(_) => ErrorCode::RecoveryKeyInvalid,
            Error::PassphraseRejected(_) => ErrorCode::PassphraseRejected,
            Error::KdfParamsOutOfBounds(_) => ErrorCode::KdfParamsOutOfBounds,
            Error::RecordDamaged { .. } => ErrorCode::RecordDamaged,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::AmbiguousId { .. } => ErrorCode::AmbiguousId,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::Storage(_) | Error::Migration(_) | Error::Io(_) => ErrorCode::Storage,
            Error::NotABackup(_) => ErrorCode::NotABackup,
            Error::BackupDamaged(_) => ErrorCode::BackupDamaged,
            Error::BackupTooNew { .. } => ErrorCode::BackupTooNew,
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
    /// See [`Error::PassphraseChangedElsewhere`].
    PassphraseChangedElsewhere,
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
    /// See [`Error::NotABackup`].
    NotABackup,
    /// See [`Error::BackupDamaged`].
    BackupDamaged,
    /// See [`Error::BackupTooNew`].
    BackupTooNew,
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
    /// A share bundle older than one already received from the same sender for the same
    /// dates: receiving it would bring back what they have since changed or deleted.
    ShareStale,
    /// The vault is locked (used by the shell).
    Locked,
    /// An unexpected failure.
    Internal,
}

/// Why a bundle, attestation or contact card was refused. Every message ends by saying that
/// nothing was imported, because that is what the user needs to know next.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// The file is none of the formats Attune writes.
    #[error("this is not an Attune {0}")]
    NotAttune(&'static str),
    /// The bundle was encrypted to someone else's key.
    #[error(
        "this share bundle was encrypted for someone else; this vault cannot open it. Nothing was imported"
    )]
    NotForMe,
    /// The file ends early.
    #[error("the {0} is truncated (it ends too early); nothing was imported")]
    Truncated(&'static str),
    /// Bytes follow the end of the file.
    #[error("the {0} has unexpected bytes after its end; nothing was imported")]
    TrailingBytes(&'static str),
    /// A format version this build does not read.
    #[error(
        "the {what} is format version {found}, which this version of Attune does not read (it reads {}); nothing was imported",
        if *newest == 1 { "version 1".to_owned() } else { format!("versions 1 to {newest}") }
    )]
    UnknownVersion {
        /// What kind of file.
        what: &'static str,
        /// The newest version this build reads.
        newest: u32,
        /// The version found.
        found: String,
    },
    /// Bytes that cannot be authentic: a broken encryption layer or structure.
    #[error("the {what} is damaged: {detail}; nothing was imported")]
    Damaged {
        /// What kind of file.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// The signature does not match the signed bytes.
    #[error(
        "the {0}'s signature does not match its content: it was altered or not made by the key it names; nothing was imported"
    )]
    BadSignature(&'static str),
    /// A bundle whose signed manifest names another recipient: it was forwarded.
    #[error(
        "this share bundle names another recipient ({0}): it was forwarded to you, not sent to you. Nothing was imported"
    )]
    Forwarded(String),
    /// An attestation made out to another practitioner.
    #[error(
        "this attestation is for another practitioner (fingerprint {0}), not for you; nothing was imported"
    )]
    AttestationNotForMe(String),
    /// The sender or signer is not among the contacts.
    #[error(
        "{name} ({fingerprint}) is not one of your contacts: add their contact card and verify it first. Nothing was imported"
    )]
    UnknownSender {
        /// The name on their card.
        name: String,
        /// Their fingerprint, grouped.
        fingerprint: String,
    },
    /// The sender is a contact whose fingerprint has not been confirmed.
    #[error(
        "{name} ({fingerprint}) is a contact you have not verified: compare fingerprints with them, then mark them verified (in Sharing → Contacts, or `attune contact verify`). Nothing was imported"
    )]
    UnverifiedSender {
        /// The name on their card.
        name: String,
        /// Their fingerprint, grouped.
        fingerprint: String,
    },
    /// A share bundle whose encryption header is not the shape Attune writes (checked
    /// before the age library reads it).
    #[error(
        "the share bundle's encryption header is not one Attune writes: {0}; nothing was imported"
    )]
    UnexpectedAgeHeader(AgeHeaderProblem),
    /// A bundle of sessions made before one already received from the same sender for
    /// overlapping dates.
    #[error(
        "this share bundle from {name} was made {made}, before the one they sent {newer} with sessions of the same dates: receiving it would bring back sessions they have since changed or deleted. Ask {name} to send a new one. Nothing was imported"
    )]
    Stale {
        /// The sender's name, as my contacts know them.
        name: String,
        /// When this bundle was made (`2026-04-01 10:00 UTC`).
        made: String,
        /// When the newer one already received was made.
        newer: String,
    },
    /// An id seen before, now with different content.
    #[error(
        "{what} {id} was already received with different content; refusing a replayed id. Nothing was imported"
    )]
    Replayed {
        /// Bundle or attestation.
        what: &'static str,
        /// The id.
        id: String,
    },
}

impl ShareError {
    /// The stable code of this refusal, for the UI to branch on.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            ShareError::NotForMe
            | ShareError::Forwarded(_)
            | ShareError::AttestationNotForMe(_) => C::ShareNotForMe,
            ShareError::UnknownSender { .. } => C::ShareSenderUnknown,
            ShareError::UnverifiedSender { .. } => C::ShareSenderUnverified,
            ShareError::UnknownVersion { .. } => C::ShareVersion,
            ShareError::Replayed { .. } => C::ShareReplayed,
            ShareError::BadSignature(_) => C::ShareBadSignature,
            ShareError::Stale { .. } => C::ShareStale,
            ShareError::UnexpectedAgeHeader(_)
            | ShareError::NotAttune(_)
            | ShareError::Truncated(_)
            | ShareError::TrailingBytes(_)
            | ShareError::Damaged { .. } => C::ShareDamaged,
        }
    }
}

/// What is wrong with a share bundle's age header, found before the age library reads it
/// (`share::age_header::check`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgeHeaderProblem {
    /// The header runs past the size bound.
    #[error("it is longer than {limit} bytes (Attune writes about 300)")]
    TooLarge {
        /// The bound, in bytes.
        limit: usize,
    },
    /// Not exactly one X25519 recipient.
    #[error("it is encrypted to {0} X25519 recipients; Attune encrypts to exactly one")]
    Recipients(usize),
    /// A recipient of another kind: a passphrase, an SSH key, a plugin.
    #[error(
        "it has a recipient of type {0:?}, which Attune does not write (a passphrase, an SSH key or a plugin)"
    )]
    ForeignRecipient(String),
    /// More than the one filler stanza age adds.
    #[error("it has more than one filler (\"grease\") stanza")]
    ExtraStanza,
    /// The X25519 stanza has the wrong number or size of parts.
    #[error("its X25519 recipient stanza is not well formed")]
    MalformedRecipient,
    /// A line that is none of the age header's lines.
    #[error("line {line} of it is not well formed")]
    MalformedLine {
        /// The line, from 1.
        line: usize,
    },
}

impl From<AgeHeaderProblem> for ShareError {
    fn from(p: AgeHeaderProblem) -> Self {
        ShareError::UnexpectedAgeHeader(p)
    }
}
