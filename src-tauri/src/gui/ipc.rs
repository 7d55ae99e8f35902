//! The window's own shapes that cross IPC: its requests, the start data, the appearance,
//! what the save commands return, and the error. What the window displays is built in
//! core (`attune_core::views`), shared with the command line. The TypeScript twins of both
//! are generated into `ui/src/lib/bindings.ts` by [`super::bindings`].
//!
//! Secrets (passphrases, recovery keys) arrive and leave as [`Zeroizing`] strings, so the
//! shell's copy is wiped when dropped, and they never appear in `Debug` output or logs.

use std::fmt;

use attune_core::hours::{
    PageSize, Period, SessionDraft, SupervisionSession, Training, TrainingDraft, Warning,
};
use attune_core::share::{ContactRef, Section, ShareEntry, ShareRequest, SharedMark};
use attune_core::{ErrorCode, Reflection, ReflectionDraft, Role};
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

/// What the first screen needs, given to the page when the window is made (as
/// `window.__ATTUNE_START__`) so that the first screen is drawn without waiting for a command.
/// Only the page's first load uses it: after a lock the page asks again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StartData {
    pub appearance: Appearance,
    pub status: VaultStatus,
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
    /// Whose journal it is: a practitioner's (the default) or a supervisor's. It goes on the
    /// contact card, so others see the right one.
    #[serde(default)]
    #[ts(optional)]
    pub role: Option<Role>,
}

impl fmt::Debug for CreateVaultRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CreateVaultRequest(****)")
    }
}

/// A recovery key to show once: for a vault just created (and left unlocked), or one that
/// replaced the old key.
#[derive(Serialize, Deserialize, TS)]
pub struct RecoveryKeyToShow {
    /// The recovery key, `ABCD-EFGH-…`: shown once, never stored by the UI.
    #[ts(type = "string")]
    pub recovery_key: Zeroizing<String>,
}

impl fmt::Debug for RecoveryKeyToShow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKeyToShow(****)")
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
    /// The vault's role: a supervisor's window opens on the desk (Supervisees).
    pub role: Role,
    /// Whether someone shared reflections or sessions with me: the desk is shown then too.
    pub supervises: bool,
}

/// Save a reflection (`save_reflection`): a new one without `id`, else replace that one.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveReflectionRequest {
    /// The reflection to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its content.
    pub draft: ReflectionDraft,
    /// The version the editor wrote it from (`version` of the reflection as it opened or was
    /// last saved), when the vault syncs: a version another device brought in since is then
    /// kept beside this one instead of being saved over unseen.
    #[serde(default)]
    #[ts(optional)]
    pub started_from: Option<String>,
}

/// A reflection as the editor opens or saves it (`get_reflection`, `save_reflection`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct EditedReflection {
    /// The reflection.
    #[serde(flatten)]
    #[ts(flatten)]
    pub reflection: Reflection,
    /// The version it is at, when the vault syncs: the editor names it when it saves.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub version: Option<String>,
}

/// Change the passphrase (`change_passphrase`).
#[derive(Deserialize, TS)]
pub struct ChangePassphraseRequest {
    /// The current passphrase.
    #[ts(type = "string")]
    pub old: Zeroizing<String>,
    /// The new passphrase.
    #[ts(type = "string")]
    pub new: Zeroizing<String>,
}

impl fmt::Debug for ChangePassphraseRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChangePassphraseRequest(****)")
    }
}

/// Set a new passphrase after unlocking with the recovery key (`reset_passphrase`), for
/// someone who forgot theirs: the recovery key they just used proves the change.
#[derive(Deserialize, TS)]
pub struct ResetPassphraseRequest {
    /// The recovery key, as typed.
    #[ts(type = "string")]
    pub recovery_key: Zeroizing<String>,
    /// The new passphrase.
    #[ts(type = "string")]
    pub new: Zeroizing<String>,
}

impl fmt::Debug for ResetPassphraseRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ResetPassphraseRequest(****)")
    }
}

/// What Settings shows under About (`about`): the app's version, where this window keeps the
/// journal and its logs, the licence, and whose Attune is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct About {
    /// The app's version, `0.1.0`.
    pub version: String,
    /// The vault directory this window opened.
    pub vault_dir: String,
    /// Where the app writes its logs; none if it has no log directory (logging is off).
    pub log_dir: Option<String>,
    /// The licence, as an SPDX expression (`AGPL-3.0-or-later`).
    pub license: String,
    /// The licence in words.
    pub license_name: String,
    /// That Attune is independent of the associations whose Endorsement® it helps track.
    pub independence: String,
}

/// Make a new recovery key (`new_recovery_key`): the current passphrase must be right, so
/// that nobody at an unlocked window can replace the owner's paper key.
#[derive(Deserialize, TS)]
pub struct NewRecoveryKeyRequest {
    /// The current passphrase.
    #[ts(type = "string")]
    pub passphrase: Zeroizing<String>,
}

impl fmt::Debug for NewRecoveryKeyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewRecoveryKeyRequest(****)")
    }
}

/// Why the app locked the vault by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// No command used the vault for longer than the auto-lock time.
    Idle,
}

/// The `vault-locked` event: the app locked the vault by itself; the page shows the unlock
/// screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultLocked {
    /// Why.
    pub reason: LockReason,
    /// The error's code if the vault's file did not close cleanly (the keys are forgotten
    /// either way).
    pub failure: Option<ErrorCode>,
}

/// Light, dark, or whatever the system uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// How large the text is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// 15 px.
    Small,
    /// 16 px.
    #[default]
    Normal,
    /// 18 px.
    Large,
    /// 20 px.
    Larger,
}

/// How the app looks. Kept outside the vault (it says nothing about anyone) so that the
/// unlock screen already looks the way the user chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Appearance {
    /// Light, dark or system.
    pub theme: Theme,
    /// Text size.
    pub text_size: TextSize,
}

/// A failed command: a stable `code` for the UI to branch on, and a `message` in plain words.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// What went wrong, for programs.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
    /// The field at fault (`minutes`), when one is: the form marks it.
    pub field: Option<String>,
    /// The line of a file at fault, when one is.
    pub line: Option<u32>,
    /// The column of that line, when one cell is at fault.
    pub column: Option<u32>,
    /// The entry of a list at fault (from 1: a provider's second credential is 2), when one is.
    pub entry: Option<u32>,
}

impl CommandError {
    /// An error with a code and a message, about no field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError {
            code,
            message: message.into(),
            field: None,
            line: None,
            column: None,
            entry: None,
        }
    }

    /// Input refused, marked on the form's `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CommandError {
            field: Some(field.to_owned()),
            ..CommandError::new(ErrorCode::InvalidInput, message)
        }
    }

    /// The vault is locked (a command that needs it was called after lock).
    pub fn locked() -> Self {
        CommandError::new(ErrorCode::Locked, "the vault is locked")
    }

    /// The same error, marked on `field` when it is a wrong passphrase (core's error names
    /// no field: which form field held the passphrase is the window's knowledge).
    pub fn wrong_passphrase_in(mut self, field: &str) -> Self {
        if self.code == ErrorCode::WrongPassphrase {
            self.field = Some(field.to_owned());
        }
        self
    }

    /// An unexpected failure in the shell itself.
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError::new(ErrorCode::Internal, message)
    }
}

impl From<attune_core::Error> for CommandError {
    fn from(e: attune_core::Error) -> Self {
        let mut out = CommandError::new(e.code(), e.to_string());
        if let attune_core::Error::InvalidInput { field, place, .. } = e {
            out.field = Some(field).filter(|f| !f.is_empty());
            let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            match place {
                Some(attune_core::Place::Line { line, column }) => {
                    out.line = Some(small(line));
                    out.column = column.map(small);
                }
                Some(attune_core::Place::Entry { number, .. }) => out.entry = Some(small(number)),
                None => {}
            }
        }
        out
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

/// Save a session (`save_session`): a new one without `id`, else replace that one.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveSessionRequest {
    /// The session to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its content.
    pub draft: SessionDraft,
}

/// A session as saved, and what to tell the user about it (a date in the future).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedSession {
    /// The session as stored.
    pub session: SupervisionSession,
    /// Accepted oddities.
    pub warnings: Vec<Warning>,
}

/// Save a training entry (`save_training`): a new one without `id`, else replace that one.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveTrainingRequest {
    /// The entry to replace; absent for a new one.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its content.
    pub draft: TrainingDraft,
}

/// A training entry as saved, and what to tell the user about it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedTraining {
    /// The entry as stored.
    pub training: Training,
    /// Accepted oddities.
    pub warnings: Vec<Warning>,
}

/// Totals and progress for a period (`hours_progress`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgressQuery {
    /// The sessions counted.
    pub period: Period,
    /// A rule set's id (`imh-e/imhm-c`) to weigh them against; none for totals only.
    pub rules: Option<String>,
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The sessions in the hours CSV format (it re-imports).
    Csv,
    /// The PDF summary: per provider and month, progress, attestations.
    Pdf,
    /// The RSC experiences of an application (one row per provider, format and stretch of
    /// dates) as CSV; needs `rules`.
    ApplicationCsv,
    /// The same as a PDF page; needs `rules`.
    ApplicationPdf,
}

/// Export the hours of a period (`export_hours`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    /// What to write.
    pub format: ExportFormat,
    /// The sessions exported.
    pub period: Period,
    /// For the PDF summary, the rule set whose progress it shows (none for totals only);
    /// for the application's experiences, the category applied for (required).
    pub rules: Option<String>,
    /// For a PDF, the paper; absent for that of the user's locale.
    #[serde(default)]
    #[ts(optional)]
    pub page_size: Option<PageSize>,
}

// Sharing: identities, contacts, share bundles, comments and attestations.

/// One reflection to share and which of its sections (`[]` for every section with text).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ShareEntryRequest {
    /// The reflection's id.
    pub id: String,
    /// The sections that leave.
    pub sections: Vec<Section>,
}

/// What to share and with whom (`preview_share`, `save_share`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ShareSelection {
    /// The contact's whole fingerprint, as the contact list gives it: looked up exactly,
    /// never compared with a name.
    pub fingerprint: String,
    /// The reflections.
    pub entries: Vec<ShareEntryRequest>,
    /// A period of hours to send for confirmation (both days given).
    pub hours: Option<Period>,
}

impl ShareSelection {
    /// The share request core takes.
    pub fn into_request(self) -> ShareRequest {
        ShareRequest {
            to: ContactRef::Fingerprint(self.fingerprint),
            entries: self
                .entries
                .into_iter()
                .map(|e| ShareEntry {
                    id: e.id,
                    sections: e.sections,
                })
                .collect(),
            hours: self.hours,
        }
    }
}

/// A comment to write on a reflection shared with me (`add_comment`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommentRequest {
    /// The shared reflection's id.
    pub shared_id: String,
    /// The comment.
    pub text: String,
}

/// The supervisor's desk (`supervisees`): my role, which says whether the window opens on
/// it, and one row per person who sent me reflections or sessions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DeskView {
    /// The vault's role: a supervisor's window opens on the desk.
    pub role: Role,
    /// One row per supervisee, by name.
    pub rows: Vec<attune_core::desk::SuperviseeRow>,
}

/// A change to my comment not sent yet (`edit_comment`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct EditCommentRequest {
    /// The comment's record id.
    pub id: String,
    /// Its new text.
    pub text: String,
}

/// A change of a shared reflection's state on the desk (`mark_shared`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MarkSharedRequest {
    /// The shared reflection's record id.
    pub shared_id: String,
    /// What to mark it.
    pub mark: SharedMark,
}

/// A private note about a supervisee (`add_supervisee_note`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NoteRequest {
    /// Whom it is about: their whole fingerprint.
    pub fingerprint: String,
    /// The day it is about; today when absent.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub date: Option<chrono::NaiveDate>,
    /// What do I notice in myself?
    #[serde(default)]
    pub in_me: String,
    /// What might the parallel process be?
    #[serde(default)]
    pub parallel_process: String,
    /// What will I hold in mind next time?
    #[serde(default)]
    pub next_time: String,
    /// Anything else.
    #[serde(default)]
    pub text: String,
}

/// Sign the sessions ticked one by one (`sign_sessions`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignSessionsRequest {
    /// The practitioner's whole fingerprint.
    pub practitioner_fingerprint: String,
    /// My record ids of the sessions ticked.
    pub shared_ids: Vec<String>,
}

/// Comments sent back in a file (`send_comments`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SentComments {
    /// Where the file was saved.
    pub path: String,
    /// How many comments it holds.
    pub comments: usize,
}

/// Sign the hours a practitioner sent (`sign_attestation`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttestRequest {
    /// The practitioner's whole fingerprint: looked up exactly, never compared with a name.
    pub practitioner_fingerprint: String,
    /// The sessions' days (open ends allowed).
    pub period: Period,
}
