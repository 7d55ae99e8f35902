//! Generates `ui/src/lib/bindings.ts`, the TypeScript types of everything that crosses IPC:
//! the window's own shapes ([`super::ipc`]), what core builds for both shells to display
//! (`attune_core::views`), and core's domain types.
//! The file is committed; a test fails when it differs from what this module generates.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p attune-desktop bindings`.

use attune_core::backup::{BackupReason, Manifest, SlotInfo};
use attune_core::crypto::{MIN_PASSPHRASE_CHARS, RECOVERY_KEY_CHARS};
use attune_core::desk::{
    IssuedRow, NoteDraft, PrepItem, SuperviseeNote, SuperviseeRow, SupervisionPrep,
};
use attune_core::hours::{
    AgeFocus, Association, AttestationStatus, Concern, ConcernKind, CredentialAlias,
    CredentialCatalogue, CredentialName, HeldCredential, HoursSummary, Modality, MonthMinutes,
    NotCounted, NotCountedReason, PageSize, Part, Period, Progress, Provider, ProviderDraft,
    ProviderMinutes, ProviderShare, Purpose, RenewalProgress, RenewalRule, RenewalStatus, RscRule,
    RuleSet, SameAs, SessionDraft, SessionFormat, SupervisionSession, Training, TrainingDraft,
    TrainingProgress, TrainingRule, TrainingTopic, Warning, Window, MAX_SESSION_MINUTES,
    MAX_TRAINING_MINUTES,
};
use attune_core::journal::Segment;
use attune_core::portfolio::{
    Checklist, ChecklistPart, ItemStatus, PartAsked, PortfolioItem, PortfolioItemDraft,
    PortfolioPart, RaterRole, MAX_KNOWN_MONTHS,
};
use attune_core::settings::{
    MAX_AUTO_LOCK_MINUTES, MAX_NAMES_TO_AVOID, MAX_NAME_CHARS, MIN_AUTO_LOCK_MINUTES,
};
use attune_core::share::deid::{Finding, Hint, HintKind};
use attune_core::share::{Section, SessionItem, SessionToSign, SharedMark, SignedState};
use attune_core::vault::{BackupFailure, BackupStatus, FolderFailure};
use attune_core::views::{
    AddedContactView, AttestationView, CommentView, CommentsBack, ContactView, DeskReflection,
    Facet, HoursLog, JournalFacets, JournalPage, JournalQuery, KeptRevisionView, LoggedSession,
    MyIdentity, ProvidedLog, ProviderEntry, ProvidersView, ReceivedFile, ReceivedReflection,
    ReceivedSession, ReflectionSummary, SectionText, SessionQuery, SessionsToConfirm, SharePreview,
    SharedByPerson, SharedReflectionView, SuperviseePage, SyncDeviceView, SyncKeysChangedView,
    SyncView, UnsentComment,
};
use attune_core::Role;
use attune_core::{
    ErrorCode, KeyChange, KeyDates, Place, Reflection, ReflectionDraft, ReflectionFilter,
    ReflectionKind, Settings,
};
use ts_rs::TS;

use super::backups::{BackupDone, FailedFolder, RestoreRequest, RestoredBackup, RetiredDone};
use super::ipc::{
    About, Appearance, AttestRequest, ChangePassphraseRequest, CommandError, CommentRequest,
    CreateVaultRequest, DeskView, EditCommentRequest, EditedReflection, ExportFormat,
    ExportRequest, LockReason, MarkSharedRequest, NewRecoveryKeyRequest, NoteRequest,
    ProgressQuery, RecoveryKeyToShow, ResetPassphraseRequest, SaveReflectionRequest,
    SaveSessionRequest, SaveTrainingRequest, SavedSession, SavedTraining, SentComments,
    ShareEntryRequest, ShareSelection, SignSessionsRequest, StartData, TextSize, Theme,
    UnlockMethod, UnlockRequest, UnlockedVault, VaultLocked, VaultStatus,
};
use super::journal_files::{
    ExportJournalRequest, ExportedJournal, ImportDone, ImportFrom, ImportPreview, JournalFormat,
};
use super::opened::{OpenedFile, OpenedKind};
use super::portfolio::SavePortfolioItemRequest;
use super::provided::SaveProvidedRequest;
use super::providers::SaveProviderRequest;
use super::sync::{JoinSyncedFolderRequest, KeepWhich, SyncRan};
use attune_core::provided::{ProvidedDraft, ProvidedSession, ProvidedTotals};

/// The path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

fn declare<T: TS>(out: &mut String) {
    out.push('\n');
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl());
    out.push('\n');
}

/// A constant record of text by key, from Rust: `export const NAME: Record<Type, string>`.
fn labels<const N: usize>(
    doc: &str,
    name: &str,
    key_type: &str,
    entries: [(&str, &str); N],
) -> String {
    let mut out = format!("\n/** {doc} */\nexport const {name}: Record<{key_type}, string> = {{\n");
    for (key, text) in entries {
        // JSON strings are valid TypeScript strings.
        let text = serde_json::to_string(text).unwrap_or_default();
        out.push_str(&format!("  {key}: {text},\n"));
    }
    out.push_str("};\n");
    out
}

/// The whole text of `ui/src/lib/bindings.ts`.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from Rust (src-tauri/src/gui/ipc.rs, core/src/views/) by src-tauri/src/gui/bindings.rs: do not edit.\n\
         // Regenerate with: UPDATE_BINDINGS=1 cargo test -p attune-desktop bindings\n",
    );
    out.push_str(&format!(
        "\n/** Shortest passphrase a new vault accepts, in characters. */\n\
         export const MIN_PASSPHRASE_CHARS = {MIN_PASSPHRASE_CHARS};\n\
         \n/** Letters and digits in a recovery key, without the hyphens. */\n\
         export const RECOVERY_KEY_CHARS = {RECOVERY_KEY_CHARS};\n\
         \n/** The auto-lock time the vault accepts, in minutes. */\n\
         export const MIN_AUTO_LOCK_MINUTES = {MIN_AUTO_LOCK_MINUTES};\n\
         export const MAX_AUTO_LOCK_MINUTES = {MAX_AUTO_LOCK_MINUTES};\n\
         \n/** The most names the names-to-avoid list holds, and the longest name on it, in characters. */\n\
         export const MAX_NAMES_TO_AVOID = {MAX_NAMES_TO_AVOID};\n\
         export const MAX_NAME_TO_AVOID_CHARS = {MAX_NAME_CHARS};\n\
         \n/** The longest supervision session and training entry the vault accepts, in minutes. */\n\
         export const MAX_SESSION_MINUTES = {MAX_SESSION_MINUTES};\n\
         export const MAX_TRAINING_MINUTES = {MAX_TRAINING_MINUTES};\n\
         \n/** The longest a reference rater can have known the applicant, in months. */\n\
         export const MAX_KNOWN_MONTHS = {MAX_KNOWN_MONTHS};\n"
    ));
    out.push_str(&labels(
        "The label the window gives each section of a reflection (`Section::label`).",
        "SECTION_LABELS",
        "Section",
        Section::ALL.map(|s| (s.as_str(), s.label())),
    ));
    out.push_str(&labels(
        "Why each kind of de-identification hint matters, in one sentence (`HintKind::reason`).",
        "HINT_REASONS",
        "HintKind",
        HintKind::ALL.map(|k| (k.as_str(), k.reason())),
    ));
    declare::<ErrorCode>(&mut out);
    declare::<CommandError>(&mut out);
    declare::<VaultStatus>(&mut out);
    declare::<CreateVaultRequest>(&mut out);
    declare::<RecoveryKeyToShow>(&mut out);
    declare::<UnlockMethod>(&mut out);
    declare::<UnlockRequest>(&mut out);
    declare::<UnlockedVault>(&mut out);
    declare::<ReflectionKind>(&mut out);
    declare::<ReflectionDraft>(&mut out);
    declare::<Reflection>(&mut out);
    declare::<ReflectionFilter>(&mut out);
    declare::<Segment>(&mut out);
    declare::<JournalQuery>(&mut out);
    declare::<ReflectionSummary>(&mut out);
    declare::<JournalPage>(&mut out);
    declare::<Facet>(&mut out);
    declare::<JournalFacets>(&mut out);
    declare::<SaveReflectionRequest>(&mut out);
    declare::<EditedReflection>(&mut out);
    declare::<Settings>(&mut out);
    declare::<BackupReason>(&mut out);
    declare::<SlotInfo>(&mut out);
    declare::<Manifest>(&mut out);
    declare::<FolderFailure>(&mut out);
    declare::<BackupFailure>(&mut out);
    declare::<BackupStatus>(&mut out);
    declare::<SyncDeviceView>(&mut out);
    declare::<SyncKeysChangedView>(&mut out);
    declare::<SyncView>(&mut out);
    declare::<KeptRevisionView>(&mut out);
    declare::<SyncRan>(&mut out);
    declare::<JoinSyncedFolderRequest>(&mut out);
    declare::<KeepWhich>(&mut out);
    declare::<FailedFolder>(&mut out);
    declare::<BackupDone>(&mut out);
    declare::<RestoreRequest>(&mut out);
    declare::<RestoredBackup>(&mut out);
    declare::<RetiredDone>(&mut out);
    declare::<OpenedKind>(&mut out);
    declare::<OpenedFile>(&mut out);
    declare::<JournalFormat>(&mut out);
    declare::<ExportJournalRequest>(&mut out);
    declare::<ExportedJournal>(&mut out);
    declare::<ImportFrom>(&mut out);
    declare::<ImportPreview>(&mut out);
    declare::<ImportDone>(&mut out);
    declare::<ChangePassphraseRequest>(&mut out);
    declare::<ResetPassphraseRequest>(&mut out);
    declare::<KeyChange>(&mut out);
    declare::<NewRecoveryKeyRequest>(&mut out);
    declare::<KeyDates>(&mut out);
    declare::<LockReason>(&mut out);
    declare::<VaultLocked>(&mut out);
    declare::<Theme>(&mut out);
    declare::<TextSize>(&mut out);
    declare::<Appearance>(&mut out);
    declare::<StartData>(&mut out);
    declare::<About>(&mut out);
    declare::<Period>(&mut out);
    declare::<SessionFormat>(&mut out);
    declare::<AgeFocus>(&mut out);
    declare::<Modality>(&mut out);
    declare::<SessionDraft>(&mut out);
    declare::<SupervisionSession>(&mut out);
    declare::<AttestationStatus>(&mut out);
    declare::<LoggedSession>(&mut out);
    declare::<HeldCredential>(&mut out);
    declare::<ProviderDraft>(&mut out);
    declare::<Provider>(&mut out);
    declare::<ProviderEntry>(&mut out);
    declare::<CredentialName>(&mut out);
    declare::<CredentialAlias>(&mut out);
    declare::<CredentialCatalogue>(&mut out);
    declare::<ProvidersView>(&mut out);
    declare::<SaveProviderRequest>(&mut out);
    declare::<Place>(&mut out);
    declare::<Warning>(&mut out);
    declare::<Concern>(&mut out);
    declare::<ConcernKind>(&mut out);
    declare::<SameAs>(&mut out);
    declare::<SessionQuery>(&mut out);
    declare::<HoursLog>(&mut out);
    declare::<SaveSessionRequest>(&mut out);
    declare::<SavedSession>(&mut out);
    declare::<TrainingTopic>(&mut out);
    declare::<TrainingDraft>(&mut out);
    declare::<Training>(&mut out);
    declare::<SaveTrainingRequest>(&mut out);
    declare::<SavedTraining>(&mut out);
    declare::<Purpose>(&mut out);
    declare::<RscRule>(&mut out);
    declare::<TrainingRule>(&mut out);
    declare::<RenewalRule>(&mut out);
    declare::<RuleSet>(&mut out);
    declare::<Association>(&mut out);
    declare::<Window>(&mut out);
    declare::<ProviderShare>(&mut out);
    declare::<NotCountedReason>(&mut out);
    declare::<NotCounted>(&mut out);
    declare::<Part>(&mut out);
    declare::<TrainingProgress>(&mut out);
    declare::<Progress>(&mut out);
    declare::<ProviderMinutes>(&mut out);
    declare::<MonthMinutes>(&mut out);
    declare::<HoursSummary>(&mut out);
    declare::<ProgressQuery>(&mut out);
    declare::<RenewalStatus>(&mut out);
    declare::<RenewalProgress>(&mut out);
    declare::<PageSize>(&mut out);
    declare::<ExportFormat>(&mut out);
    declare::<ExportRequest>(&mut out);
    declare::<PortfolioPart>(&mut out);
    declare::<ItemStatus>(&mut out);
    declare::<RaterRole>(&mut out);
    declare::<PortfolioItemDraft>(&mut out);
    declare::<PortfolioItem>(&mut out);
    declare::<SavePortfolioItemRequest>(&mut out);
    declare::<PartAsked>(&mut out);
    declare::<ChecklistPart>(&mut out);
    declare::<Checklist>(&mut out);
    declare::<ProvidedDraft>(&mut out);
    declare::<ProvidedSession>(&mut out);
    declare::<ProvidedTotals>(&mut out);
    declare::<ProvidedLog>(&mut out);
    declare::<SaveProvidedRequest>(&mut out);
    declare::<Role>(&mut out);
    declare::<MyIdentity>(&mut out);
    declare::<ContactView>(&mut out);
    declare::<AddedContactView>(&mut out);
    declare::<Section>(&mut out);
    declare::<ShareEntryRequest>(&mut out);
    declare::<ShareSelection>(&mut out);
    declare::<SectionText>(&mut out);
    declare::<SharedReflectionView>(&mut out);
    declare::<SessionItem>(&mut out);
    declare::<SessionsToConfirm>(&mut out);
    declare::<HintKind>(&mut out);
    declare::<Hint>(&mut out);
    declare::<Finding>(&mut out);
    declare::<SharePreview>(&mut out);
    declare::<CommentView>(&mut out);
    declare::<CommentsBack>(&mut out);
    declare::<ReceivedReflection>(&mut out);
    declare::<ReceivedSession>(&mut out);
    declare::<SharedByPerson>(&mut out);
    declare::<ReceivedFile>(&mut out);
    declare::<CommentRequest>(&mut out);
    declare::<SentComments>(&mut out);
    declare::<AttestRequest>(&mut out);
    declare::<AttestationView>(&mut out);
    declare::<SuperviseeRow>(&mut out);
    declare::<DeskView>(&mut out);
    declare::<SharedMark>(&mut out);
    declare::<MarkSharedRequest>(&mut out);
    declare::<DeskReflection>(&mut out);
    declare::<UnsentComment>(&mut out);
    declare::<NoteDraft>(&mut out);
    declare::<SuperviseeNote>(&mut out);
    declare::<NoteRequest>(&mut out);
    declare::<IssuedRow>(&mut out);
    declare::<SignedState>(&mut out);
    declare::<SessionToSign>(&mut out);
    declare::<SuperviseePage>(&mut out);
    declare::<PrepItem>(&mut out);
    declare::<SupervisionPrep>(&mut out);
    declare::<EditCommentRequest>(&mut out);
    declare::<SignSessionsRequest>(&mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(BINDINGS_PATH);
        let generated = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{BINDINGS_PATH} is stale (the IPC types in src-tauri/src/gui/ipc.rs or core/src/views/ changed).\n\
             Regenerate it with: UPDATE_BINDINGS=1 cargo test -p attune-desktop bindings"
        );
    }
}
