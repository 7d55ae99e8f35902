//! The shapes that cross IPC between the web UI and the shell. Their TypeScript twins are
//! generated into `ui/src/lib/bindings.ts` by [`super::bindings`]; change them here only.
//!
//! Secrets (passphrases, recovery keys) arrive and leave as [`Zeroizing`] strings, so the
//! shell's copy is wiped when dropped, and they never appear in `Debug` output or logs.

use std::fmt;

use attune_core::ErrorCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

/// Where the app looks for the vault, and whether one is there and open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultStatus {
    /// A vault exists in the directory.
    pub exists: bool,
    /// It is unlocked in this window.
    pub unlocked: bool,
    /// The vault directory, for the user to see where their journal lives.
    pub path: String,
}

/// Create a vault (`create_vault`).
#[derive(Deserialize, TS)]
pub struct CreateVaultRequest {
    /// The new passphrase.
    #[ts(type = "string")]
    pub passphrase: Zeroizing<String>,
    /// The user's display name, if given.
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
}

impl fmt::Debug for CreateVaultRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CreateVaultRequest(****)")
    }
}

/// A vault just created, unlocked, with the recovery key to show once.
#[derive(Serialize, TS)]
pub struct CreatedVault {
    /// The recovery key, `ABCD-EFGH-…`: shown once, never stored by the UI.
    #[ts(type = "string")]
    pub recovery_key: Zeroizing<String>,
}

impl fmt::Debug for CreatedVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CreatedVault(****)")
    }
}

/// Which secret an unlock uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnlockMethod {
    /// The passphrase.
    Passphrase,
    /// The recovery key shown when the vault was created.
    RecoveryKey,
}

/// Unlock the vault (`unlock_vault`).
#[derive(Deserialize, TS)]
pub struct UnlockRequest {
    /// The passphrase or the recovery key, as typed.
    #[ts(type = "string")]
    pub secret: Zeroizing<String>,
    /// Which of the two `secret` is.
    pub method: UnlockMethod,
}

impl fmt::Debug for UnlockRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnlockRequest({:?}, ****)", self.method)
    }
}

/// What an unlocked vault holds, in counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnlockedVault {
    /// Reflections that opened.
    pub reflections: usize,
    /// Records that failed to open (reported, never dropped).
    pub damaged: usize,
}

/// A failed command: a stable `code` for the UI to branch on, and a `message` in plain words.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// What went wrong, for programs.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
}

impl CommandError {
    /// An unexpected failure in the shell itself.
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

impl From<attune_core::Error> for CommandError {
    fn from(e: attune_core::Error) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// Only the code: messages can echo what the user typed (a recovery key's bad character, a
/// passphrase's length), and this is what the logs see.
impl fmt::Debug for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CommandError({:?})", self.code)
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}
