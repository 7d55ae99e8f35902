//! The shapes that cross IPC between the web UI and the shell. Their TypeScript twins are
//! generated into `ui/src/lib/bindings.ts` by [`super::bindings`]; change them here only.
//!
//! Secrets (passphrases, recovery keys) arrive and leave as [`Zeroizing`] strings, so the
//! shell's copy is wiped when dropped, and they never appear in `Debug` output or logs.

use std::fmt;

use attune_core::hours::{
    AttestationStatus, Period, Provider, SessionDraft, SupervisionSession, Training, TrainingDraft,
    Warning,
};
use attune_core::journal::Segment;
use attune_core::share::deid::Finding;
use attune_core::share::{Section, SessionItem};
use attune_core::{ErrorCode, ReflectionDraft, ReflectionFilter, ReflectionKind, Role};
use chrono::{DateTime, NaiveDate, Utc};
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
}

/// Which reflections to list (`list_reflections`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct JournalQuery {
    /// Words to search for; empty lists every reflection, newest first.
    pub query: String,
    /// Narrows the list by kind, tag, family and dates.
    pub filter: ReflectionFilter,
    /// At most this many items come back; `total` counts them all.
    pub limit: u32,
}

/// One reflection in a list: enough to recognise it, with the searched words marked.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReflectionSummary {
    /// Its id.
    pub id: String,
    /// Home visit, supervision or note.
    pub kind: ReflectionKind,
    /// The day it is about, `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub date: chrono::NaiveDate,
    /// The title, with matched words marked.
    pub title: Vec<Segment>,
    /// The family pseudonym.
    pub family: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// A short excerpt, around the first match when searching.
    pub excerpt: Vec<Segment>,
}

/// A page of the journal (`list_reflections`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct JournalPage {
    /// The reflections, best match (or newest) first.
    pub items: Vec<ReflectionSummary>,
    /// How many matched in all.
    pub total: usize,
}

/// A tag or family pseudonym in use, with how many reflections carry it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Facet {
    /// The tag or pseudonym.
    pub name: String,
    /// How many reflections carry it.
    pub count: usize,
}

/// What the journal's filters can offer (`journal_facets`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct JournalFacets {
    /// Tags in use, most used first.
    pub tags: Vec<Facet>,
    /// Family pseudonyms in use, most used first.
    pub families: Vec<Facet>,
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
        }
    }

    /// The vault is locked (a command that needs it was called after lock).
    pub fn locked() -> Self {
        CommandError::new(ErrorCode::Locked, "the vault is locked")
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
            if let Some(attune_core::Place::Line { line, column }) = place {
                let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                out.line = Some(small(line));
                out.column = column.map(small);
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

/// Which sessions to list (`list_sessions`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SessionQuery {
    /// Only sessions dated in this period.
    pub period: Period,
    /// At most this many come back, newest first; `total` counts them all.
    pub limit: u32,
}

/// A logged session, with whether a supervisor attested it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LoggedSession {
    /// The session.
    #[serde(flatten)]
    #[ts(flatten)]
    pub session: SupervisionSession,
    /// Attested or not, and by whom.
    pub attestation: AttestationStatus,
}

/// The hours log (`list_sessions`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct HoursLog {
    /// The sessions, newest first.
    pub sessions: Vec<LoggedSession>,
    /// How many sessions are in the period in all.
    pub total: usize,
    /// Their minutes, summed exactly.
    pub total_minutes: u32,
    /// The provider address book, for suggestions and their credentials.
    pub providers: Vec<Provider>,
    /// The last session's content, to prefill the next one (same provider, format, length).
    pub last: Option<SessionDraft>,
}

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
}

/// Export the hours of a period (`export_hours`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportRequest {
    /// CSV or PDF.
    pub format: ExportFormat,
    /// The sessions exported.
    pub period: Period,
    /// For the PDF, the rule set whose progress it shows; none for totals only.
    pub rules: Option<String>,
}

// Sharing: identities, contacts, share bundles, comments and attestations.

/// My identity (`my_identity`): what others need to share with me.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MyIdentity {
    /// The name on my card (empty until set).
    pub name: String,
    /// Practitioner or supervisor.
    pub role: Role,
    /// My fingerprint in groups of four, to read aloud.
    pub fingerprint: String,
    /// My contact card as text to paste into a message.
    pub card: String,
}

/// A contact: someone whose card I added.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ContactView {
    /// Their fingerprint in groups of four: also how commands name them.
    pub fingerprint: String,
    /// The name on their card.
    pub name: String,
    /// Practitioner or supervisor.
    pub role: Role,
    /// Whether I confirmed the fingerprint with them.
    pub verified: bool,
    /// When I added the card.
    #[ts(type = "string")]
    pub added_at: DateTime<Utc>,
}

/// A card just added (`add_contact`): the contact, and whether it was new (else updated).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AddedContactView {
    /// The contact as stored.
    pub contact: ContactView,
    /// False when the card was already a contact (its name and role are updated).
    pub new: bool,
}

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
    /// The contact's fingerprint.
    pub to: String,
    /// The reflections.
    pub entries: Vec<ShareEntryRequest>,
    /// A period of hours to send for confirmation (both days given).
    pub hours: Option<Period>,
}

/// One section of a shared reflection.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SectionText {
    /// Which section.
    pub section: Section,
    /// Its heading, as the editor shows it.
    pub heading: String,
    /// Its text.
    pub text: String,
}

/// A reflection as it leaves (or arrived): only the chosen sections.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SharedReflectionView {
    /// The author's id of the reflection.
    pub id: String,
    /// What it is about.
    pub kind: ReflectionKind,
    /// The day it is about.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Its title.
    pub title: String,
    /// The family's pseudonym.
    pub family: String,
    /// The sections, in the editor's order.
    pub sections: Vec<SectionText>,
}

/// Sessions sent for confirmation.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionsToConfirm {
    /// First day of the period.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day of the period.
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// The sessions, as they leave (no notes).
    pub sessions: Vec<SessionItem>,
    /// Their minutes, summed.
    pub minutes: u32,
}

/// Exactly what a share would send (`preview_share`), for the person to check first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SharePreview {
    /// The recipient's name.
    pub to: String,
    /// The recipient's fingerprint.
    pub fingerprint: String,
    /// The reflections, with only the chosen sections.
    pub reflections: Vec<SharedReflectionView>,
    /// The sessions for confirmation, if a period was chosen.
    pub hours: Option<SessionsToConfirm>,
    /// What in the reflections could identify a family, found by core with the names to
    /// avoid from the vault's settings: each reflection's title, then its sections in order.
    pub findings: Vec<Finding>,
}

/// A comment on a reflection.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CommentView {
    /// Its record id.
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// What they wrote.
    pub text: String,
    /// When.
    #[ts(type = "string")]
    pub written_at: DateTime<Utc>,
    /// For my own comments: whether they went out in a reply.
    pub sent: bool,
}

/// A reflection someone shared with me, with my comments on it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReceivedReflection {
    /// The id to comment on it with.
    pub shared_id: String,
    /// When it arrived.
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    /// What was shared.
    pub reflection: SharedReflectionView,
    /// My comments on it, oldest first.
    pub comments: Vec<CommentView>,
}

/// A session someone sent me to confirm.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReceivedSession {
    /// The session as sent.
    #[serde(flatten)]
    #[ts(flatten)]
    pub session: SessionItem,
    /// Whether it names me as the provider (only those can be attested by me).
    pub names_me: bool,
}

/// Everything one person shared with me (`shared_with_me`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SharedByPerson {
    /// Their name.
    pub name: String,
    /// Their fingerprint (how commands name them).
    pub fingerprint: String,
    /// Whether they are a verified contact still (only then can I reply or attest).
    pub verified: bool,
    /// Their reflections, newest first.
    pub reflections: Vec<ReceivedReflection>,
    /// Their sessions to confirm, oldest first.
    pub sessions: Vec<ReceivedSession>,
    /// My comments not yet sent back to them.
    pub unsent_comments: usize,
}

/// What receiving a file did (`receive_file`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReceivedFile {
    /// A share bundle.
    Bundle {
        /// The sender.
        from: String,
        /// Reflections added or updated.
        reflections: usize,
        /// Sessions added or updated.
        sessions: usize,
        /// Comments attached to my reflections.
        comments: usize,
        /// Comments on reflections no longer in my journal (not kept).
        comments_skipped: usize,
        /// Received before: nothing changed.
        already_received: bool,
    },
    /// An attestation.
    Attestation {
        /// The supervisor who signed it.
        from: String,
        /// Sessions it covers.
        sessions: usize,
        /// Of those, sessions in my log now shown as attested.
        matched: usize,
        /// Received before: nothing changed.
        already_received: bool,
    },
}

/// A comment to write on a reflection shared with me (`add_comment`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommentRequest {
    /// The shared reflection's id.
    pub shared_id: String,
    /// The comment.
    pub text: String,
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
    /// The practitioner's fingerprint.
    pub practitioner: String,
    /// The sessions' days (open ends allowed).
    pub period: Period,
}

/// What a signed attestation says (`sign_attestation`, `check_attestation`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttestationView {
    /// Where it was saved (when just signed) or read from.
    pub path: String,
    /// The supervisor who signed it.
    pub signer: String,
    /// The signer's fingerprint, to compare with their card.
    pub signer_fingerprint: String,
    /// The practitioner's fingerprint.
    pub practitioner: String,
    /// First day covered.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day covered.
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Sessions confirmed.
    pub sessions: u32,
    /// Their minutes.
    pub minutes: u32,
    /// Of which one-to-one.
    pub individual_minutes: u32,
    /// Of which in groups.
    pub group_minutes: u32,
    /// When it was signed.
    #[ts(type = "string")]
    pub issued_at: DateTime<Utc>,
}
