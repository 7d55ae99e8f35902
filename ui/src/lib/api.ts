// The one place in the UI that talks to Rust. Every command's argument and result types come
// from bindings.ts, which is generated from the Rust types (src-tauri/src/gui/ipc.rs).
// Longer than 600 lines because it is the one typed door to Rust: one short function per
// command, and the table of every command's arguments and result, kept together so the
// whole contract reads in one file.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type {
  About,
  BackupDone,
  ExportJournalRequest,
  ExportedJournal,
  ImportDone,
  ImportFrom,
  ImportPreview,
  BackupStatus,
  SyncView,
  SyncRan,
  JoinSyncedFolderRequest,
  KeptRevisionView,
  EditedReflection,
  KeepWhich,
  OpenedFile,
  RetiredDone,
  RestoreRequest,
  RestoredBackup,
  AddedContactView,
  Appearance,
  Association,
  AttestationView,
  Checklist,
  Period,
  PortfolioItem,
  ProvidedLog,
  ProvidedSession,
  SaveProvidedRequest,
  SavePortfolioItemRequest,
  AttestRequest,
  CommentRequest,
  EditCommentRequest,
  MarkSharedRequest,
  NoteRequest,
  SignSessionsRequest,
  SuperviseeNote,
  SuperviseePage,
  DeskView,
  SupervisionPrep,
  CommentView,
  CommentsBack,
  Concern,
  ContactView,
  MyIdentity,
  ReceivedFile,
  SentComments,
  SharedByPerson,
  SharePreview,
  ShareSelection,
  StartData,
  ChangePassphraseRequest,
  CommandError,
  CreateVaultRequest,
  ErrorCode,
  ExportRequest,
  Hint,
  HoursLog,
  HoursSummary,
  JournalFacets,
  JournalPage,
  JournalQuery,
  KeyChange,
  KeyDates,
  NewRecoveryKeyRequest,
  ProgressQuery,
  RecoveryKeyToShow,
  Reflection,
  ResetPassphraseRequest,
  RenewalProgress,
  RuleSet,
  SavedSession,
  SavedTraining,
  SaveReflectionRequest,
  SaveSessionRequest,
  SaveProviderRequest,
  SaveTrainingRequest,
  Provider,
  ProvidersView,
  SessionQuery,
  Settings,
  Training,
  UnlockRequest,
  UnlockedVault,
  VaultLocked,
  VaultStatus,
} from "./bindings";

/** Where a failed command's input was wrong, as Rust sent it. */
export interface ErrorPlace {
  /** The field at fault (`minutes`), for the form to mark. */
  field?: string | null;
  /** The line of a file at fault. */
  line?: number | null;
  /** The column of that line. */
  column?: number | null;
  /** The entry of a list at fault, from 1 (a provider's second credential is 2). */
  entry?: number | null;
}

/** A failed command. Branch on `code` and `field`; show `message` only as a fallback. */
export class ApiError extends Error implements CommandError {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly entry: number | null;

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = place.field ?? null;
    this.line = place.line ?? null;
    this.column = place.column ?? null;
    this.entry = place.entry ?? null;
  }
}

// Every code, checked by the compiler against the generated union (a missing or unknown code
// does not type-check), so an error from Rust is recognised without trusting its shape.
const CODES: Record<ErrorCode, true> = {
  not_a_backup: true,
  backup_damaged: true,
  backup_too_new: true,
  vault_not_found: true,
  vault_exists: true,
  vault_too_new: true,
  vault_in_use: true,
  vault_damaged: true,
  wrong_passphrase: true,
  wrong_recovery_key: true,
  passphrase_changed_elsewhere: true,
  recovery_key_invalid: true,
  passphrase_rejected: true,
  kdf_params_out_of_bounds: true,
  record_damaged: true,
  not_found: true,
  ambiguous_id: true,
  invalid_input: true,
  storage: true,
  share_not_for_me: true,
  share_sender_unknown: true,
  share_sender_unverified: true,
  share_version: true,
  share_replayed: true,
  share_bad_signature: true,
  share_damaged: true,
  share_stale: true,
  locked: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(CODES, value);
}

/**
 * Turns whatever a rejected `invoke` gave into an ApiError. Commands reject with
 * `{code, message, field, line, column, entry}`; Tauri itself rejects with a plain string (e.g. a
 * command the capability does not allow), which becomes `internal`.
 */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (typeof raw === "object" && raw !== null) {
    const { code, message, field, line, column, entry } = raw as Record<string, unknown>;
    if (isErrorCode(code)) {
      const text = (v: unknown) => (typeof v === "string" ? v : null);
      const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);
      return new ApiError(code, text(message) ?? "", {
        field: text(field),
        line: count(line),
        column: count(column),
        entry: count(entry),
      });
    }
  }
  const text = raw instanceof Error ? raw.message : String(raw);
  return new ApiError("internal", text);
}

type Commands = {
  vault_status: { args: Record<string, never>; result: VaultStatus };
  create_vault: { args: { request: CreateVaultRequest }; result: RecoveryKeyToShow };
  unlock_vault: { args: { request: UnlockRequest }; result: UnlockedVault };
  lock_vault: { args: Record<string, never>; result: null };
  list_reflections: { args: { request: JournalQuery }; result: JournalPage };
  get_reflection: { args: { id: string }; result: EditedReflection };
  save_reflection: { args: { request: SaveReflectionRequest }; result: EditedReflection };
  delete_reflection: { args: { id: string }; result: null };
  journal_facets: { args: Record<string, never>; result: JournalFacets };
  get_settings: { args: Record<string, never>; result: Settings };
  save_settings: { args: { settings: Settings }; result: Settings };
  change_passphrase: { args: { request: ChangePassphraseRequest }; result: KeyChange };
  reset_passphrase: { args: { request: ResetPassphraseRequest }; result: KeyChange };
  new_recovery_key: { args: { request: NewRecoveryKeyRequest }; result: RecoveryKeyToShow };
  save_recovery_key: { args: { key: RecoveryKeyToShow }; result: string | null };
  key_dates: { args: Record<string, never>; result: KeyDates };
  note_activity: { args: Record<string, never>; result: null };
  get_appearance: { args: Record<string, never>; result: Appearance };
  set_appearance: { args: { appearance: Appearance }; result: null };
  first_screen_painted: {
    args: { paintedAtMs: number; afterNavigationMs: number };
    result: null;
  };
  about: { args: Record<string, never>; result: About };
  find_hints: { args: { text: string }; result: Hint[] };
  list_sessions: { args: { request: SessionQuery }; result: HoursLog };
  check_session: { args: { request: SaveSessionRequest }; result: Concern[] };
  save_session: { args: { request: SaveSessionRequest }; result: SavedSession };
  delete_session: { args: { id: string }; result: null };
  list_training: { args: Record<string, never>; result: Training[] };
  save_training: { args: { request: SaveTrainingRequest }; result: SavedTraining };
  delete_training: { args: { id: string }; result: null };
  list_rule_sets: { args: Record<string, never>; result: RuleSet[] };
  hours_progress: { args: { request: ProgressQuery }; result: HoursSummary };
  list_associations: { args: Record<string, never>; result: Association[] };
  hours_renewal: { args: { year: number | null }; result: RenewalProgress };
  export_hours: { args: { request: ExportRequest }; result: string | null };
  backup_status: { args: Record<string, never>; result: BackupStatus };
  back_up_now: { args: Record<string, never>; result: BackupDone };
  retire_older_backups: { args: Record<string, never>; result: RetiredDone };
  opened_file: { args: Record<string, never>; result: OpenedFile | null };
  dismiss_opened_file: { args: Record<string, never>; result: null };
  choose_backup_folder: { args: Record<string, never>; result: string | null };
  sync_status: { args: Record<string, never>; result: SyncView };
  enable_sync: { args: { deviceName: string }; result: SyncView | null };
  sync_now: { args: Record<string, never>; result: SyncView };
  choose_sync_folder: { args: Record<string, never>; result: string | null };
  join_synced_folder: { args: { request: JoinSyncedFolderRequest }; result: UnlockedVault };
  reflections_with_revisions: { args: Record<string, never>; result: string[] };
  kept_revisions: { args: { id: string }; result: KeptRevisionView[] };
  keep_version: { args: { revisionId: string; keep: KeepWhich }; result: EditedReflection };
  restore_from_backup: { args: { request: RestoreRequest }; result: RestoredBackup | null };
  export_journal: { args: { request: ExportJournalRequest }; result: ExportedJournal | null };
  preview_import: { args: { from: ImportFrom }; result: ImportPreview | null };
  confirm_import: { args: Record<string, never>; result: ImportDone };
  portfolio_checklist: { args: { category: string | null }; result: Checklist };
  save_portfolio_item: { args: { request: SavePortfolioItemRequest }; result: PortfolioItem };
  delete_portfolio_item: { args: { id: string }; result: null };
  list_provided: { args: { period: Period }; result: ProvidedLog };
  save_provided: { args: { request: SaveProvidedRequest }; result: ProvidedSession };
  delete_provided: { args: { id: string }; result: null };
  list_providers: { args: Record<string, never>; result: ProvidersView };
  save_provider: { args: { request: SaveProviderRequest }; result: Provider };
  delete_provider: { args: { id: string }; result: null };
  open_saved_file: { args: { path: string }; result: null };
  show_saved_file: { args: { path: string }; result: null };
  open_rule_source: { args: { ruleSetId: string }; result: null };
  my_identity: { args: Record<string, never>; result: MyIdentity };
  set_my_name: { args: { name: string }; result: MyIdentity };
  set_provider_spellings: { args: { spellings: string[] }; result: MyIdentity };
  save_my_card: { args: Record<string, never>; result: string | null };
  list_contacts: { args: Record<string, never>; result: ContactView[] };
  add_contact: { args: { text: string }; result: AddedContactView };
  add_contact_file: { args: Record<string, never>; result: AddedContactView | null };
  verify_contact: { args: { fingerprint: string }; result: ContactView };
  preview_share: { args: { selection: ShareSelection }; result: SharePreview };
  save_share: { args: { selection: ShareSelection }; result: string | null };
  receive_file: { args: Record<string, never>; result: ReceivedFile | null };
  shared_with_me: { args: Record<string, never>; result: SharedByPerson[] };
  add_comment: { args: { request: CommentRequest }; result: CommentView };
  reflection_comments: { args: { id: string }; result: CommentView[] };
  comments_back: { args: Record<string, never>; result: CommentsBack[] };
  mark_comments_read: { args: { id: string }; result: number };
  send_comments: { args: { fingerprint: string }; result: SentComments | null };
  sign_attestation: { args: { request: AttestRequest }; result: AttestationView | null };
  check_attestation: { args: Record<string, never>; result: AttestationView | null };
  supervisees: { args: Record<string, never>; result: DeskView };
  supervisee_page: { args: { fingerprint: string }; result: SuperviseePage };
  search_supervisee: { args: { fingerprint: string; query: string }; result: string[] };
  mark_shared: { args: { request: MarkSharedRequest }; result: null };
  add_supervisee_note: { args: { request: NoteRequest }; result: SuperviseeNote };
  delete_supervisee_note: { args: { id: string }; result: null };
  prepare_supervision: { args: { fingerprint: string }; result: SupervisionPrep };
  edit_comment: { args: { request: EditCommentRequest }; result: CommentView };
  delete_comment: { args: { id: string }; result: null };
  sign_sessions: { args: { request: SignSessionsRequest }; result: AttestationView | null };
  save_issued_attestation: { args: { id: string }; result: string | null };
};

async function call<C extends keyof Commands>(
  command: C,
  args: Commands[C]["args"],
): Promise<Commands[C]["result"]> {
  try {
    return await invoke<Commands[C]["result"]>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

declare global {
  interface Window {
    /** Set by the app before the page's scripts run (see `startData`). */
    readonly __ATTUNE_START__?: StartData;
  }
}

/**
 * What the window was opened with (the appearance and the vault's status), so that the first
 * screen needs no command. Only for the page's first load: a page loaded again (after a lock,
 * which always adds a query, or a reload) gets null and must ask, as the data may be stale.
 */
export function startData(): StartData | null {
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const first = window.location.search === "" && (navigation?.type ?? "navigate") === "navigate";
  return first ? (window.__ATTUNE_START__ ?? null) : null;
}

/** Where the vault is, whether it exists, whether it is unlocked. */
export function vaultStatus(): Promise<VaultStatus> {
  return call("vault_status", {});
}

/** Creates the vault (left unlocked) and returns the recovery key to show once. */
export function createVault(request: CreateVaultRequest): Promise<RecoveryKeyToShow> {
  return call("create_vault", { request });
}

/** Unlocks the vault with the passphrase or the recovery key. Takes about half a second. */
export function unlockVault(request: UnlockRequest): Promise<UnlockedVault> {
  return call("unlock_vault", { request });
}

/** Locks the vault: the app forgets every key. */
export async function lockVault(): Promise<void> {
  await call("lock_vault", {});
}

/** A page of the journal: reflections matching `query` and the filters, best first. */
export function listReflections(request: JournalQuery): Promise<JournalPage> {
  return call("list_reflections", { request });
}

/** One whole reflection, with the version it is at (when the vault syncs). */
export function getReflection(id: string): Promise<EditedReflection> {
  return call("get_reflection", { id });
}

/**
 * Saves a reflection durably (new without `id`); returns it as saved. `started_from` names the
 * version the editor wrote it from, so a version merged in meanwhile is kept, not saved over.
 */
export function saveReflection(request: SaveReflectionRequest): Promise<EditedReflection> {
  return call("save_reflection", { request });
}

/** Deletes a reflection and destroys its key. */
export async function deleteReflection(id: string): Promise<void> {
  await call("delete_reflection", { id });
}

/** Tags and family pseudonyms in use, most used first. */
export function journalFacets(): Promise<JournalFacets> {
  return call("journal_facets", {});
}

/** The settings kept (sealed) in the vault. */
export function getSettings(): Promise<Settings> {
  return call("get_settings", {});
}

/** Saves the settings kept in the vault; returns them as stored (tidied). */
export function saveSettings(settings: Settings): Promise<Settings> {
  return call("save_settings", { settings });
}

/**
 * Changes the passphrase; the old one must be right (a wrong one comes back with field `old`).
 * Takes about a second. Says whether the vault key was rotated too.
 */
export function changePassphrase(request: ChangePassphraseRequest): Promise<KeyChange> {
  return call("change_passphrase", { request });
}

/**
 * Sets a new passphrase after an unlock with the recovery key, which proves it (a wrong key
 * comes back with field `recovery_key`, a refused passphrase with field `new`). Takes about a
 * second. Says whether the vault key was rotated too.
 */
export function resetPassphrase(request: ResetPassphraseRequest): Promise<KeyChange> {
  return call("reset_passphrase", { request });
}

/**
 * Makes a new recovery key (the old one stops working); show it once. The passphrase must be
 * right (a wrong one comes back with field `passphrase`).
 */
export function newRecoveryKey(request: NewRecoveryKeyRequest): Promise<RecoveryKeyToShow> {
  return call("new_recovery_key", { request });
}

/** When the passphrase was set and the recovery key made (null where not recorded); works while locked. */
export function keyDates(): Promise<KeyDates> {
  return call("key_dates", {});
}

/**
 * Tells the app someone is at the window (keyboard or pointer), so that its own idle lock,
 * which otherwise counts only commands, does not lock while a person reads.
 */
export async function noteActivity(): Promise<void> {
  await call("note_activity", {});
}

/** The event the app sends when it locked the vault by itself (after idle time). */
export const VAULT_LOCKED_EVENT = "vault-locked";

/** Calls `onLocked` when the app locks the vault by itself; returns how to stop listening. */
export function onVaultLocked(onLocked: (locked: VaultLocked) => void): Promise<UnlistenFn> {
  return listen<VaultLocked>(VAULT_LOCKED_EVENT, (event) => onLocked(event.payload));
}

/** The event the app sends when a second launch handed it a file. */
export const FILE_OPENED_EVENT = "file-opened";

/** Calls `onOpened` when a file is handed to the running window; returns how to stop. */
export function onFileOpened(onOpened: (file: OpenedFile) => void): Promise<UnlistenFn> {
  return listen<OpenedFile>(FILE_OPENED_EVENT, (event) => onOpened(event.payload));
}

/** The file handed to the app (a share, an attestation, a card, a backup) not yet opened. */
export function openedFile(): Promise<OpenedFile | null> {
  return call("opened_file", {});
}

/** Forgets the file handed to the app. */
export async function dismissOpenedFile(): Promise<void> {
  await call("dismiss_opened_file", {});
}

/** Asks where to save the recovery key and writes it there; the path, or null if cancelled. */
export function saveRecoveryKey(recoveryKey: string): Promise<string | null> {
  return call("save_recovery_key", { key: { recovery_key: recoveryKey } });
}

/**
 * What in `text` could identify a family (phone numbers, e-mail addresses, full dates,
 * addresses, the names to avoid from the vault's settings), found by core. Sorted, never
 * overlapping; offsets are UTF-16 indices into `text`.
 */
export function findHints(text: string): Promise<Hint[]> {
  return call("find_hints", { text });
}

/** How the app looks (also while locked). */
export function getAppearance(): Promise<Appearance> {
  return call("get_appearance", {});
}

/**
 * Tells the app when the first screen was painted (milliseconds since 1970, and since the
 * page's navigation started), for its log: times only.
 */
export async function firstScreenPainted(paintedAtMs: number, afterNavigationMs: number): Promise<void> {
  await call("first_screen_painted", { paintedAtMs, afterNavigationMs });
}

/** The version, where the journal and the logs are kept, and the licence (also while locked). */
export function about(): Promise<About> {
  return call("about", {});
}

/** Saves how the app looks. */
export async function setAppearance(appearance: Appearance): Promise<void> {
  await call("set_appearance", { appearance });
}

/** The supervision sessions of a period, newest first, with the providers and a prefill. */
export function listSessions(request: SessionQuery): Promise<HoursLog> {
  return call("list_sessions", { request });
}

/** What to ask before saving a session (a date ahead, the same day as a similar provider's
 *  session, longer than 3 h); refuses a draft that saving would refuse. */
export function checkSession(request: SaveSessionRequest): Promise<Concern[]> {
  return call("check_session", { request });
}

/** Saves a session durably (new without `id`); returns it as saved, with any warnings. */
export function saveSession(request: SaveSessionRequest): Promise<SavedSession> {
  return call("save_session", { request });
}

/** Deletes a session and destroys its key. */
export async function deleteSession(id: string): Promise<void> {
  await call("delete_session", { id });
}

/** All in-service training, newest first. */
export function listTraining(): Promise<Training[]> {
  return call("list_training", {});
}

/** Saves a training entry durably (new without `id`); returns it with any warnings. */
export function saveTraining(request: SaveTrainingRequest): Promise<SavedTraining> {
  return call("save_training", { request });
}

/** Deletes a training entry and destroys its key. */
export async function deleteTraining(id: string): Promise<void> {
  await call("delete_training", { id });
}

/** The portfolio checklist for `category` (a rule-set id), or the chosen category when null. */
export function portfolioChecklist(category: string | null = null): Promise<Checklist> {
  return call("portfolio_checklist", { category });
}

/** Saves a portfolio item durably (new without `id`); returns it as stored. */
export function savePortfolioItem(request: SavePortfolioItemRequest): Promise<PortfolioItem> {
  return call("save_portfolio_item", { request });
}

/** Deletes a portfolio item and destroys its key. */
export async function deletePortfolioItem(id: string): Promise<void> {
  await call("delete_portfolio_item", { id });
}

/** The RSC provided in `period`, newest first, with totals and the RSC received beside. */
export function listProvided(period: Period): Promise<ProvidedLog> {
  return call("list_provided", { period });
}

/** Saves a session of RSC provided durably (new without `id`); returns it as stored. */
export function saveProvided(request: SaveProvidedRequest): Promise<ProvidedSession> {
  return call("save_provided", { request });
}

/** Deletes a session of RSC provided and destroys its key. */
export async function deleteProvided(id: string): Promise<void> {
  await call("delete_provided", { id });
}

/** Your supervisors and consultants, with their credentials, and the names to choose from. */
export function listProviders(): Promise<ProvidersView> {
  return call("list_providers", {});
}

/** Saves a provider (new without `id`): their name and credentials with dates. */
export function saveProvider(request: SaveProviderRequest): Promise<Provider> {
  return call("save_provider", { request });
}

/** Removes a provider from the address book; their sessions stay as logged. */
export async function deleteProvider(id: string): Promise<void> {
  await call("delete_provider", { id });
}

/** The Endorsement rule sets this version knows. */
export function listRuleSets(): Promise<RuleSet[]> {
  return call("list_rule_sets", {});
}

/** Totals per provider and month, with progress toward a rule set when one is given. */
export function hoursProgress(request: ProgressQuery): Promise<HoursSummary> {
  return call("hours_progress", { request });
}

/** The associations whose renewal calendars this version knows. */
export function listAssociations(): Promise<Association[]> {
  return call("list_associations", {});
}

/** Progress toward the renewal due in `year` (null: the current one) for the Settings' choice. */
export function hoursRenewal(year: number | null): Promise<RenewalProgress> {
  return call("hours_renewal", { year });
}

/** Asks where to save, then writes the hours export there; the path, or null if cancelled. */
export function exportHours(request: ExportRequest): Promise<string | null> {
  return call("export_hours", { request });
}

/** The newest backup of the vault, in its folder and the second one. */
export function backupStatus(): Promise<BackupStatus> {
  return call("backup_status", {});
}

/** Takes a verified backup now into both folders. */
export function backUpNow(): Promise<BackupDone> {
  return call("back_up_now", {});
}

/** A new backup first, then deletes the backups that open with an older passphrase or
 *  recovery key. */
export function retireOlderBackups(): Promise<RetiredDone> {
  return call("retire_older_backups", {});
}

/** Asks for a second backup folder (a native dialog); its path, or null if cancelled. */
export function chooseBackupFolder(): Promise<string | null> {
  return call("choose_backup_folder", {});
}

/** Whether this vault syncs through a folder, and how it stands. */
export function syncStatus(): Promise<SyncView> {
  return call("sync_status", {});
}

/** Asks for the synced folder and mirrors this vault into it; null if cancelled. */
export function enableSync(deviceName: string): Promise<SyncView | null> {
  return call("enable_sync", { deviceName });
}

/** Mirrors what changed here, then merges what the other devices wrote. */
export function syncNow(): Promise<SyncView> {
  return call("sync_now", {});
}

/** Asks which synced folder holds the journal to open (a native dialog); its path, or null. */
export function chooseSyncFolder(): Promise<string | null> {
  return call("choose_sync_folder", {});
}

/** Makes this computer's journal from the one in a synced folder and leaves it unlocked. */
export function joinSyncedFolder(request: JoinSyncedFolderRequest): Promise<UnlockedVault> {
  return call("join_synced_folder", { request });
}

/** The ids of the reflections that have a version kept beside them (edited on two devices at once). */
export function reflectionsWithRevisions(): Promise<string[]> {
  return call("reflections_with_revisions", {});
}

/** The versions of a reflection kept beside it, oldest first. */
export function keptRevisions(id: string): Promise<KeptRevisionView[]> {
  return call("kept_revisions", { id });
}

/** Keeps the reflection as it is, or the other version; the kept revision goes. */
export function keepVersion(revisionId: string, keep: KeepWhich): Promise<EditedReflection> {
  return call("keep_version", { revisionId, keep });
}

/** The event after a sync ran (by itself or "Sync now"). */
export const SYNC_RAN_EVENT = "sync-ran";

/** Calls `onRan` after each sync; returns how to stop listening. */
export function onSyncRan(onRan: (ran: SyncRan) => void): Promise<UnlistenFn> {
  return listen<SyncRan>(SYNC_RAN_EVENT, (event) => onRan(event.payload));
}

/**
 * Asks which backup to restore (a native dialog), checks it with the secret, then replaces
 * the vault with it and locks; what was restored, or null if cancelled.
 */
export function restoreFromBackup(request: RestoreRequest): Promise<RestoredBackup | null> {
  return call("restore_from_backup", { request });
}

/** Checks the passphrase, asks where (a native dialog), then writes the journal there, unencrypted. */
export function exportJournal(request: ExportJournalRequest): Promise<ExportedJournal | null> {
  return call("export_journal", { request });
}

/** Asks for a file or folder to import (a native dialog) and says what the import would add. */
export function previewImport(from: ImportFrom): Promise<ImportPreview | null> {
  return call("preview_import", { from });
}

/** Imports what the last preview read (a backup is taken first). */
export function confirmImport(): Promise<ImportDone> {
  return call("confirm_import", {});
}

/** Opens a file this app saved (the path its save command returned) in the system's program for it. */
export function openSavedFile(path: string): Promise<null> {
  return call("open_saved_file", { path });
}

/** Shows a file this app saved in the system's file manager. */
export function showSavedFile(path: string): Promise<null> {
  return call("show_saved_file", { path });
}

/** Opens the public page a rule set cites, in the system's browser. */
export function openRuleSource(ruleSetId: string): Promise<null> {
  return call("open_rule_source", { ruleSetId });
}

/** My name, role, fingerprint and contact card (empty until a name is set). */
export function myIdentity(): Promise<MyIdentity> {
  return call("my_identity", {});
}

/** Sets the name on my contact card. */
export function setMyName(name: string): Promise<MyIdentity> {
  return call("set_my_name", { name });
}

/** Replaces the other spellings of my name that sessions I can sign may give as provider. */
export function setProviderSpellings(spellings: string[]): Promise<MyIdentity> {
  return call("set_provider_spellings", { spellings });
}

/** Asks where to save my contact card, then writes it; the path, or null if cancelled. */
export function saveMyCard(): Promise<string | null> {
  return call("save_my_card", {});
}

/** The contacts, by name. */
export function listContacts(): Promise<ContactView[]> {
  return call("list_contacts", {});
}

/** Adds a contact from a card pasted as text. */
export function addContact(text: string): Promise<AddedContactView> {
  return call("add_contact", { text });
}

/** Asks for a card file, then adds it; null if cancelled. */
export function addContactFile(): Promise<AddedContactView | null> {
  return call("add_contact_file", {});
}

/** Marks a contact verified after comparing fingerprints. */
export function verifyContact(fingerprint: string): Promise<ContactView> {
  return call("verify_contact", { fingerprint });
}

/** Exactly what a share would send. */
export function previewShare(selection: ShareSelection): Promise<SharePreview> {
  return call("preview_share", { selection });
}

/** Asks where to save, then writes the share bundle; the path, or null if cancelled. */
export function saveShare(selection: ShareSelection): Promise<string | null> {
  return call("save_share", { selection });
}

/** Asks for a share bundle or attestation, then receives it; null if cancelled. */
export function receiveFile(): Promise<ReceivedFile | null> {
  return call("receive_file", {});
}

/** What others shared with me, grouped by person. */
export function sharedWithMe(): Promise<SharedByPerson[]> {
  return call("shared_with_me", {});
}

/** Writes a comment on a reflection shared with me. */
export function addComment(request: CommentRequest): Promise<CommentView> {
  return call("add_comment", { request });
}

/** Comments others wrote on one of my reflections. */
export function reflectionComments(id: string): Promise<CommentView[]> {
  return call("reflection_comments", { id });
}

/** My reflections that others commented on, the most recently commented first. */
export function commentsBack(): Promise<CommentsBack[]> {
  return call("comments_back", {});
}

/** Marks the comments on my reflection `id` as seen; how many were new. */
export function markCommentsRead(id: string): Promise<number> {
  return call("mark_comments_read", { id });
}

/** Asks where to save, then writes my unsent comments for one person (named by their whole
 * fingerprint, never by name); null if cancelled. */
export function sendComments(fingerprint: string): Promise<SentComments | null> {
  return call("send_comments", { fingerprint });
}

/** Signs the hours a practitioner sent, then asks where to save it; null if cancelled. */
export function signAttestation(request: AttestRequest): Promise<AttestationView | null> {
  return call("sign_attestation", { request });
}

/** Asks for an attestation file and checks its signature; null if cancelled. */
export function checkAttestation(): Promise<AttestationView | null> {
  return call("check_attestation", {});
}

/** The supervisor's desk: my role, and one row per person who sent me reflections or sessions. */
export function supervisees(): Promise<DeskView> {
  return call("supervisees", {});
}

/** One supervisee's page, named by their whole fingerprint. */
export function superviseePage(fingerprint: string): Promise<SuperviseePage> {
  return call("supervisee_page", { fingerprint });
}

/** The ids of one supervisee's shared reflections that match every word of `query`. */
export function searchSupervisee(fingerprint: string, query: string): Promise<string[]> {
  return call("search_supervisee", { fingerprint, query });
}

/** Marks a reflection shared with me: seen, discussed, archived, or back. */
export function markShared(request: MarkSharedRequest): Promise<null> {
  return call("mark_shared", { request });
}

/** Saves a private note about a supervisee (never sent). */
export function addSuperviseeNote(request: NoteRequest): Promise<SuperviseeNote> {
  return call("add_supervisee_note", { request });
}

/** Deletes a private note about a supervisee. */
export function deleteSuperviseeNote(id: string): Promise<null> {
  return call("delete_supervisee_note", { id });
}

/** The list for the next supervision with one person. */
export function prepareSupervision(fingerprint: string): Promise<SupervisionPrep> {
  return call("prepare_supervision", { fingerprint });
}

/** Changes my comment not sent yet. */
export function editComment(request: EditCommentRequest): Promise<CommentView> {
  return call("edit_comment", { request });
}

/** Deletes my comment not sent yet. */
export function deleteComment(id: string): Promise<null> {
  return call("delete_comment", { id });
}

/** Signs the sessions ticked one by one, then asks where to save it; null if cancelled. */
export function signSessions(request: SignSessionsRequest): Promise<AttestationView | null> {
  return call("sign_sessions", { request });
}

/** Asks where to save an attestation I issued, and writes it again; null if cancelled. */
export function saveIssuedAttestation(id: string): Promise<string | null> {
  return call("save_issued_attestation", { id });
}
