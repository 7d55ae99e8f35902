// Generated from Rust (src-tauri/src/gui/ipc.rs, core/src/views/) by src-tauri/src/gui/bindings.rs: do not edit.
// Regenerate with: UPDATE_BINDINGS=1 cargo test -p attune-desktop bindings

/** Shortest passphrase a new vault accepts, in characters. */
export const MIN_PASSPHRASE_CHARS = 8;

/** Letters and digits in a recovery key, without the hyphens. */
export const RECOVERY_KEY_CHARS = 56;

/** The auto-lock time the vault accepts, in minutes. */
export const MIN_AUTO_LOCK_MINUTES = 1;
export const MAX_AUTO_LOCK_MINUTES = 240;

/** The most names the names-to-avoid list holds, and the longest name on it, in characters. */
export const MAX_NAMES_TO_AVOID = 500;
export const MAX_NAME_TO_AVOID_CHARS = 100;

/** The longest supervision session and training entry the vault accepts, in minutes. */
export const MAX_SESSION_MINUTES = 1440;
export const MAX_TRAINING_MINUTES = 6000;

/** The longest a reference rater can have known the applicant, in months. */
export const MAX_KNOWN_MONTHS = 600;

/** The label the window gives each section of a reflection (`Section::label`). */
export const SECTION_LABELS: Record<Section, string> = {
  parent_infant: "Parent and baby",
  practitioner_parent: "You and the parent",
  supervisor_practitioner: "You and your supervisor",
  self: "Yourself",
  for_supervision: "To bring to supervision",
};

/** Why each kind of de-identification hint matters, in one sentence (`HintKind::reason`). */
export const HINT_REASONS: Record<HintKind, string> = {
  phone: "A phone number leads straight to a family; leave it out of the reflection.",
  email: "An e-mail address names a person; leave it out, or write the pseudonym instead.",
  full_date: "A full date can identify a family (a date of birth); the child's age in months is safer.",
  address: "A street address shows where a family lives; a general description such as \"their flat\" is safer.",
  name: "This is on your list of names to avoid; use the family's pseudonym or initials instead.",
};

/**
 * Stable, machine-readable error codes. They cross IPC as `{code, message}`; the UI branches
 * on the code, never on message text.
 */
export type ErrorCode = "vault_not_found" | "vault_exists" | "vault_too_new" | "vault_in_use" | "vault_damaged" | "wrong_passphrase" | "wrong_recovery_key" | "passphrase_changed_elsewhere" | "recovery_key_invalid" | "passphrase_rejected" | "kdf_params_out_of_bounds" | "record_damaged" | "not_found" | "ambiguous_id" | "invalid_input" | "storage" | "not_a_backup" | "backup_damaged" | "backup_too_new" | "share_not_for_me" | "share_sender_unknown" | "share_sender_unverified" | "share_version" | "share_replayed" | "share_bad_signature" | "share_damaged" | "share_stale" | "locked" | "internal";

/**
 * A failed command: a stable `code` for the UI to branch on, and a `message` in plain words.
 */
export type CommandError = { 
/**
 * What went wrong, for programs.
 */
code: ErrorCode, 
/**
 * What went wrong, for people.
 */
message: string, 
/**
 * The field at fault (`minutes`), when one is: the form marks it.
 */
field: string | null, 
/**
 * The line of a file at fault, when one is.
 */
line: number | null, 
/**
 * The column of that line, when one cell is at fault.
 */
column: number | null, 
/**
 * The entry of a list at fault (from 1: a provider's second credential is 2), when one is.
 */
entry: number | null, };

/**
 * Where the app looks for the vault, and whether one is there and open.
 */
export type VaultStatus = { 
/**
 * A vault exists in the directory.
 */
exists: boolean, 
/**
 * It is unlocked in this window.
 */
unlocked: boolean, 
/**
 * The vault directory, for the user to see where their journal lives.
 */
path: string, };

/**
 * Create a vault (`create_vault`).
 */
export type CreateVaultRequest = { 
/**
 * The new passphrase.
 */
passphrase: string, 
/**
 * The user's display name, if given.
 */
name?: string, 
/**
 * Whose journal it is: a practitioner's (the default) or a supervisor's. It goes on the
 * contact card, so others see the right one.
 */
role?: Role, };

/**
 * A recovery key to show once: for a vault just created (and left unlocked), or one that
 * replaced the old key.
 */
export type RecoveryKeyToShow = { 
/**
 * The recovery key, `ABCD-EFGH-…`: shown once, never stored by the UI.
 */
recovery_key: string, };

/**
 * Which secret an unlock uses.
 */
export type UnlockMethod = "passphrase" | "recovery_key";

/**
 * Unlock the vault (`unlock_vault`).
 */
export type UnlockRequest = { 
/**
 * The passphrase or the recovery key, as typed.
 */
secret: string, 
/**
 * Which of the two `secret` is.
 */
method: UnlockMethod, };

/**
 * What an unlocked vault holds, in counts.
 */
export type UnlockedVault = { 
/**
 * Reflections that opened.
 */
reflections: number, 
/**
 * Records that failed to open (reported, never dropped).
 */
damaged: number, 
/**
 * The vault's role: a supervisor's window opens on the desk (Supervisees).
 */
role: Role, 
/**
 * Whether someone shared reflections or sessions with me: the desk is shown then too.
 */
supervises: boolean, };

/**
 * What a reflection is about.
 */
export type ReflectionKind = "home_visit" | "supervision" | "note";

/**
 * The content of a reflection, as written by the user (and as `entry add --json` takes it).
 */
export type ReflectionDraft = { 
/**
 * What the reflection is about.
 */
kind: ReflectionKind, 
/**
 * The day it is about (a visit's date), never in the future.
 */
date: string, 
/**
 * A short title.
 */
title: string, 
/**
 * The family's pseudonym (never a real name).
 */
family: string, 
/**
 * Free tags.
 */
tags: Array<string>, 
/**
 * Parent and infant: holding the baby in mind.
 */
parent_infant: string, 
/**
 * Practitioner and parent: what happened between us.
 */
practitioner_parent: string, 
/**
 * Supervisor and practitioner: the parallel process.
 */
supervisor_practitioner: string, 
/**
 * Professional use of self: what it stirred in me.
 */
self: string, 
/**
 * What to bring to supervision.
 */
for_supervision: string, };

/**
 * A saved reflection.
 */
export type Reflection = { 
/**
 * Random id (hex); the only part of a reflection stored in the clear.
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * What the reflection is about.
 */
kind: ReflectionKind, 
/**
 * The day it is about (a visit's date), never in the future.
 */
date: string, 
/**
 * A short title.
 */
title: string, 
/**
 * The family's pseudonym (never a real name).
 */
family: string, 
/**
 * Free tags.
 */
tags: Array<string>, 
/**
 * Parent and infant: holding the baby in mind.
 */
parent_infant: string, 
/**
 * Practitioner and parent: what happened between us.
 */
practitioner_parent: string, 
/**
 * Supervisor and practitioner: the parallel process.
 */
supervisor_practitioner: string, 
/**
 * Professional use of self: what it stirred in me.
 */
self: string, 
/**
 * What to bring to supervision.
 */
for_supervision: string, };

/**
 * Which reflections to show. Every field narrows; `None` means "any".
 */
export type ReflectionFilter = { 
/**
 * Only this kind.
 */
kind: ReflectionKind | null, 
/**
 * Only reflections with this tag (case- and accent-insensitive).
 */
tag: string | null, 
/**
 * Only this family pseudonym (case- and accent-insensitive).
 */
family: string | null, 
/**
 * Only dates on or after this day.
 */
from: string | null, 
/**
 * Only dates on or before this day.
 */
to: string | null, };

/**
 * A run of displayed text; `mark` is set on words the query matched.
 */
export type Segment = { 
/**
 * The text, exactly as written (not folded).
 */
text: string, 
/**
 * Whether this run is a matched word.
 */
mark: boolean, };

/**
 * Which reflections to list (the window's `list_reflections`).
 */
export type JournalQuery = { 
/**
 * Words to search for; empty lists every reflection, newest first.
 */
query: string, 
/**
 * Narrows the list by kind, tag, family and dates.
 */
filter: ReflectionFilter, 
/**
 * At most this many items come back; `total` counts them all.
 */
limit: number, };

/**
 * One reflection in a list: enough to recognise it, with the searched words marked.
 */
export type ReflectionSummary = { 
/**
 * Its id.
 */
id: string, 
/**
 * Home visit, supervision or note.
 */
kind: ReflectionKind, 
/**
 * The day it is about, `YYYY-MM-DD`.
 */
date: string, 
/**
 * The title, with matched words marked.
 */
title: Array<Segment>, 
/**
 * The family pseudonym.
 */
family: string, 
/**
 * Its tags.
 */
tags: Array<string>, 
/**
 * A short excerpt, around the first match when searching.
 */
excerpt: Array<Segment>, 
/**
 * Comments others sent back on it that have not been seen yet.
 */
unread_comments: number, };

/**
 * A page of the journal (the window's `list_reflections`).
 */
export type JournalPage = { 
/**
 * The reflections, best match (or newest) first.
 */
items: Array<ReflectionSummary>, 
/**
 * How many matched in all.
 */
total: number, };

/**
 * A tag or family pseudonym in use, with how many reflections carry it.
 */
export type Facet = { 
/**
 * The tag or pseudonym.
 */
name: string, 
/**
 * How many reflections carry it.
 */
count: number, };

/**
 * What the journal's filters can offer (the window's `journal_facets`).
 */
export type JournalFacets = { 
/**
 * Tags in use, most used first.
 */
tags: Array<Facet>, 
/**
 * Family pseudonyms in use, most used first.
 */
families: Array<Facet>, };

/**
 * Save a reflection (`save_reflection`): a new one without `id`, else replace that one.
 */
export type SaveReflectionRequest = { 
/**
 * The reflection to replace; absent for a new one.
 */
id?: string, 
/**
 * Its content.
 */
draft: ReflectionDraft, 
/**
 * The version the editor wrote it from (`version` of the reflection as it opened or was
 * last saved), when the vault syncs: a version another device brought in since is then
 * kept beside this one instead of being saved over unseen.
 */
started_from?: string, };

/**
 * A reflection as the editor opens or saves it (`get_reflection`, `save_reflection`).
 */
export type EditedReflection = { 
/**
 * The version it is at, when the vault syncs: the editor names it when it saves.
 */
version?: string, 
/**
 * Random id (hex); the only part of a reflection stored in the clear.
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * What the reflection is about.
 */
kind: ReflectionKind, 
/**
 * The day it is about (a visit's date), never in the future.
 */
date: string, 
/**
 * A short title.
 */
title: string, 
/**
 * The family's pseudonym (never a real name).
 */
family: string, 
/**
 * Free tags.
 */
tags: Array<string>, 
/**
 * Parent and infant: holding the baby in mind.
 */
parent_infant: string, 
/**
 * Practitioner and parent: what happened between us.
 */
practitioner_parent: string, 
/**
 * Supervisor and practitioner: the parallel process.
 */
supervisor_practitioner: string, 
/**
 * Professional use of self: what it stirred in me.
 */
self: string, 
/**
 * What to bring to supervision.
 */
for_supervision: string, };

/**
 * Settings stored (sealed) in the vault.
 */
export type Settings = { 
/**
 * Lock the vault after this many idle minutes.
 */
auto_lock_minutes: number, 
/**
 * Real names the writer wants flagged while writing (families, places, agencies).
 */
names_to_avoid: Array<string>, 
/**
 * The Endorsement rule set the progress dashboard shows (`imh-e/imhm-c`), if chosen.
 */
rule_set: string | null, 
/**
 * Whether the writer provides reflective supervision/consultation to others: only then
 * does the session form ask whether a session was about the RSC they provide.
 */
provides_rsc: boolean, 
/**
 * The association the writer renews their Endorsement with (`mi-aimh`), if chosen.
 */
association: string | null, 
/**
 * The Endorsement category they hold (`IMHS`), if chosen.
 */
endorsement_category: string | null, 
/**
 * The day they were endorsed in that category: the first renewal after it may be
 * exempt, and some rules change after years held.
 */
endorsed_on: string | null, 
/**
 * A second folder every automatic backup is also written to (a USB drive, a synced
 * folder), as an absolute path; backups always go to the vault's own `backups` too.
 */
backup_folder: string | null, };

/**
 * Why a backup was taken.
 */
export type BackupReason = "manual" | "lock" | "quit" | "daily" | "before_migration" | "before_import" | "before_restore" | "before_passphrase_change";

/**
 * A key slot the backup holds: which kind, and when its secret was set.
 */
export type SlotInfo = { 
/**
 * `passphrase` or `recovery`.
 */
kind: string, 
/**
 * When the passphrase or recovery key of this slot was set (RFC 3339), if recorded.
 */
created_at: string | null, };

/**
 * What a backup says about itself, in the clear (nothing in it is the user's writing).
 */
export type Manifest = { 
/**
 * The backup format ([`BACKUP_FORMAT`]).
 */
format: number, 
/**
 * The vault's id, hex: backups of one vault share it.
 */
vault_id: string, 
/**
 * The vault format of the image (`PRAGMA user_version`).
 */
vault_format: number, 
/**
 * When it was taken.
 */
created_at: string, 
/**
 * Why.
 */
reason: BackupReason, 
/**
 * How many records of each kind the image holds.
 */
records: Record<string, number>, 
/**
 * The SHA-256 of the image, hex.
 */
image_sha256: string, 
/**
 * The key slots the image holds: the secrets that open it.
 */
slots: Array<SlotInfo>, 
/**
 * The Attune version that took it.
 */
app_version: string, };

/**
 * A folder where a backup failed, and why.
 */
export type FolderFailure = { 
/**
 * The folder.
 */
folder: string, 
/**
 * What went wrong.
 */
message: string, };

/**
 * An automatic backup that failed in one folder or more.
 */
export type BackupFailure = { 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * Which backup (on lock, on quit, daily, now).
 */
reason: BackupReason, 
/**
 * Each folder where it failed, and why, in words.
 */
folders: Array<FolderFailure>, };

/**
 * The newest backup of a vault in its folders, for Settings.
 */
export type BackupStatus = { 
/**
 * The vault's own backups folder.
 */
folder: string, 
/**
 * The second folder, when one is set.
 */
second_folder: string | null, 
/**
 * The newest backup of this vault in either (each was verified when written).
 */
newest_path: string | null, 
/**
 * What it says about itself.
 */
newest: Manifest | null, 
/**
 * How many backups of this vault the folders hold.
 */
count: number, 
/**
 * How many of them open with an older passphrase or recovery key than the vault's
 * (taken before a change): [`Vault::retire_older_backups`] deletes them.
 */
older_secrets: number, 
/**
 * Whether the newest is more than 7 days old, or there is none: the window warns.
 */
stale: boolean, 
/**
 * The last automatic backup, if it failed in a folder (until one succeeds in all).
 */
last_failure: BackupFailure | null, };

/**
 * Another device of the same journal.
 */
export type SyncDeviceView = { 
/**
 * Its name, as that device gave it.
 */
name: string, 
/**
 * How many of its segments this device has merged.
 */
merged_up_to: number, };

/**
 * A change of the journal's passphrase made on another device, not taken here yet.
 */
export type SyncKeysChangedView = { 
/**
 * The device where it was changed.
 */
device: string, 
/**
 * When.
 */
at: string, };

/**
 * Sync as the Settings page shows it.
 */
export type SyncView = { 
/**
 * Whether this vault mirrors into a synced folder.
 */
enabled: boolean, 
/**
 * The synced folder (empty when off).
 */
folder: string, 
/**
 * This device's name (empty when off).
 */
device_name: string, 
/**
 * The other devices seen in the folder.
 */
devices: Array<SyncDeviceView>, 
/**
 * When merging last finished.
 */
last_merge: string | null, 
/**
 * Concurrent edits kept as revisions, all told.
 */
conflicts_kept: number, 
/**
 * Files in the folder that are not Attune's (conflict copies, strays), ignored.
 */
files_ignored: Array<string>, 
/**
 * Where the folder went back in time (a restore in the cloud).
 */
rollbacks: Array<string>, 
/**
 * Files from other devices that have not opened for a day: damaged, not arriving.
 */
damaged: Array<string>, 
/**
 * Changes not mirrored yet.
 */
waiting: number, 
/**
 * The passphrase (or recovery key) was changed on another device since this one took
 * its keys: that device's name, and when.
 */
keys_changed: SyncKeysChangedView | null, };

/**
 * A version of a reflection kept because another device edited it at the same time, as
 * the window shows it beside the reflection ("Also edited on <device> on <date>").
 */
export type KeptRevisionView = { 
/**
 * The revision's id (what keeping either version names).
 */
id: string, 
/**
 * The device that made this version, by its name.
 */
device: string, 
/**
 * When that device saved it.
 */
at: string, 
/**
 * The reflection as it was in that version.
 */
reflection: Reflection, };

/**
 * The `sync-ran` event. When `merged` is more than nothing, what the window shows may be
 * out of date: it reads it again.
 */
export type SyncRan = { 
/**
 * Whether the app synced by itself (after an unlock, a save, or a change in the folder).
 */
automatic: boolean, 
/**
 * Changes from other devices that changed something here.
 */
merged: number, 
/**
 * Changes of this device written into the folder.
 */
mirrored: number, 
/**
 * How sync stands now (absent when it failed).
 */
view: SyncView | null, 
/**
 * Why it failed, when it did (shown calmly in Settings; the next try comes by itself).
 */
failure: CommandError | null, };

/**
 * Open the journal kept in a synced folder as this computer's journal
 * (`join_synced_folder`).
 */
export type JoinSyncedFolderRequest = { 
/**
 * The synced folder, as chosen (or pasted): a full path.
 */
folder: string, 
/**
 * The journal's passphrase or its recovery key, as typed.
 */
secret: string, 
/**
 * Which of the two `secret` is.
 */
method: UnlockMethod, 
/**
 * How the other devices will name this one ("Home computer").
 */
device_name: string, };

/**
 * Which version of a reflection to keep (`keep_version`).
 */
export type KeepWhich = "current" | "other";

/**
 * A folder where an automatic backup failed, and why.
 */
export type FailedFolder = { 
/**
 * The folder.
 */
folder: string, 
/**
 * What went wrong, in words.
 */
message: string, };

/**
 * What "Back up now" did (`back_up_now`).
 */
export type BackupDone = { 
/**
 * How many folders got a verified backup.
 */
written: number, 
/**
 * How many records each holds.
 */
records: number, 
/**
 * Where it failed.
 */
failed: Array<FailedFolder>, 
/**
 * The newest backup now.
 */
status: BackupStatus, };

/**
 * Restore a backup in place of the vault (`restore_from_backup`): the secret that was
 * current when the backup was taken. The file is chosen in a native dialog.
 */
export type RestoreRequest = { 
/**
 * The passphrase or recovery key of the backup, as typed.
 */
secret: string, 
/**
 * Which of the two `secret` is.
 */
method: UnlockMethod, };

/**
 * What a restore did; the vault is locked after it.
 */
export type RestoredBackup = { 
/**
 * When the backup was taken (RFC 3339).
 */
taken_at: string, 
/**
 * How many records it holds.
 */
records: number, 
/**
 * Where the vault it replaced was kept, as a backup.
 */
previous: string | null, };

/**
 * What retiring the backups that open with an older secret did (`retire_older_backups`).
 */
export type RetiredDone = { 
/**
 * How many were deleted.
 */
removed: number, 
/**
 * Files in the folders that do not read as a backup, left alone.
 */
left_unreadable: number, 
/**
 * Where the new backup failed, so nothing was deleted there.
 */
failed: Array<FailedFolder>, 
/**
 * The newest backup now.
 */
status: BackupStatus, };

/**
 * What a file handed to the app is, by its extension.
 */
export type OpenedKind = "share" | "attestation" | "card" | "backup";

/**
 * A file handed to the app, as the page sees it.
 */
export type OpenedFile = { 
/**
 * What it is.
 */
kind: OpenedKind, 
/**
 * Its file name, to say what will be opened (not its folder).
 */
name: string, };

/**
 * What the journal export writes.
 */
export type JournalFormat = "markdown" | "json";

/**
 * Export the journal (`export_journal`): unencrypted, so the passphrase is asked again.
 */
export type ExportJournalRequest = { 
/**
 * Markdown or JSON.
 */
format: JournalFormat, 
/**
 * The passphrase, typed again.
 */
passphrase: string, };

/**
 * What the journal export wrote.
 */
export type ExportedJournal = { 
/**
 * The file (JSON) or the new folder (Markdown).
 */
path: string, 
/**
 * How many reflections.
 */
reflections: number, };

/**
 * Where an import comes from (`preview_import`).
 */
export type ImportFrom = "jrnl" | "dayone" | "standardnotes" | "markdown" | "markdown_file" | "json";

/**
 * What an import would do, before it is confirmed.
 */
export type ImportPreview = { 
/**
 * The file or folder read.
 */
path: string, 
/**
 * How many reflections it would add.
 */
reflections: number, 
/**
 * How many entries were imported before, and are skipped.
 */
skipped: number, 
/**
 * The first and last day of what it would add.
 */
first: string | null, 
/**
 * See `first`.
 */
last: string | null, 
/**
 * The titles of the first few.
 */
titles: Array<string>, 
/**
 * What the source holds that reflections do not.
 */
dropped: Array<string>, };

/**
 * What a confirmed import did.
 */
export type ImportDone = { 
/**
 * How many reflections were added.
 */
added: number, 
/**
 * How many entries were skipped (imported before).
 */
skipped: number, };

/**
 * Change the passphrase (`change_passphrase`).
 */
export type ChangePassphraseRequest = { 
/**
 * The current passphrase.
 */
old: string, 
/**
 * The new passphrase.
 */
new: string, };

/**
 * Set a new passphrase after unlocking with the recovery key (`reset_passphrase`), for
 * someone who forgot theirs: the recovery key they just used proves the change.
 */
export type ResetPassphraseRequest = { 
/**
 * The recovery key, as typed.
 */
recovery_key: string, 
/**
 * The new passphrase.
 */
new: string, };

/**
 * What a passphrase change did to the keys.
 */
export type KeyChange = { 
/**
 * Whether the vault key was rotated (every record key re-wrapped), so that the old
 * passphrase opens no later copy of the vault. `false` when the recovery key is of an
 * older form that cannot be re-wrapped without it: making a new recovery key then
 * completes the rotation.
 */
vault_key_rotated: boolean, 
/**
 * How many backups of this vault (the one taken just before the change among them)
 * still open with the old passphrase: the window and the CLI offer to retire them
 * ([`Vault::retire_older_backups`]) for someone whose old passphrase may be known.
 */
older_backups: number, };

/**
 * Make a new recovery key (`new_recovery_key`): the current passphrase must be right, so
 * that nobody at an unlocked window can replace the owner's paper key.
 */
export type NewRecoveryKeyRequest = { 
/**
 * The current passphrase.
 */
passphrase: string, };

/**
 * When the vault's ways in were last set (stored in the clear, readable before unlock).
 */
export type KeyDates = { 
/**
 * When the passphrase was last set; `None` for vaults made before this was recorded.
 */
passphrase_set_at: string | null, 
/**
 * When the recovery key was last made; `None` for vaults made before this was recorded.
 */
recovery_key_made_at: string | null, };

/**
 * Why the app locked the vault by itself.
 */
export type LockReason = "idle";

/**
 * The `vault-locked` event: the app locked the vault by itself; the page shows the unlock
 * screen.
 */
export type VaultLocked = { 
/**
 * Why.
 */
reason: LockReason, 
/**
 * The error's code if the vault's file did not close cleanly (the keys are forgotten
 * either way).
 */
failure: ErrorCode | null, };

/**
 * Light, dark, or whatever the system uses.
 */
export type Theme = "system" | "light" | "dark";

/**
 * How large the text is.
 */
export type TextSize = "small" | "normal" | "large" | "larger";

/**
 * How the app looks. Kept outside the vault (it says nothing about anyone) so that the
 * unlock screen already looks the way the user chose.
 */
export type Appearance = { 
/**
 * Light, dark or system.
 */
theme: Theme, 
/**
 * Text size.
 */
text_size: TextSize, };

/**
 * What the first screen needs, given to the page when the window is made (as
 * `window.__ATTUNE_START__`) so that the first screen is drawn without waiting for a command.
 * Only the page's first load uses it: after a lock the page asks again.
 */
export type StartData = { appearance: Appearance, status: VaultStatus, };

/**
 * What Settings shows under About (`about`): the app's version, where this window keeps the
 * journal and its logs, the licence, and whose Attune is not.
 */
export type About = { 
/**
 * The app's version, `0.1.0`.
 */
version: string, 
/**
 * The vault directory this window opened.
 */
vault_dir: string, 
/**
 * Where the app writes its logs; none if it has no log directory (logging is off).
 */
log_dir: string | null, 
/**
 * The licence, as an SPDX expression (`AGPL-3.0-or-later`).
 */
license: string, 
/**
 * The licence in words.
 */
license_name: string, 
/**
 * That Attune is independent of the associations whose Endorsement® it helps track.
 */
independence: string, };

/**
 * A range of days, both ends included; `None` leaves that end open.
 */
export type Period = { 
/**
 * First day included.
 */
from: string | null, 
/**
 * Last day included.
 */
to: string | null, };

/**
 * One-to-one or in a group.
 */
export type SessionFormat = "individual" | "group";

/**
 * The ages a session's work was about: the Infant Mental Health Endorsement (IMH-E®)
 * covers 0-3, the Early Childhood one (ECMH-E®) 3-6. A category counts only sessions of its
 * own focus; a session with no focus recorded counts for both.
 */
export type AgeFocus = "0-3" | "3-6";

/**
 * How the session took place.
 */
export type Modality = "in-person" | "virtual" | "phone";

/**
 * A supervision session as the user enters it (and as CSV rows become).
 */
export type SessionDraft = { 
/**
 * The day it took place.
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or by phone; `None` when not recorded.
 */
modality: Modality | null, 
/**
 * Who provided it, named as the association knows them.
 */
provider: string, 
/**
 * The provider's endorsement category at the time (IMHM-C, ...); `None` when unknown.
 */
credential: string | null, 
/**
 * For a group: whether an identified RSC provider facilitated it. A group without one
 * is peer consultation, which no application category counts, whatever credential is
 * typed. `None` on records saved before the question existed: read as "facilitated"
 * when a credential was recorded, as those groups counted then
 * ([`SessionDraft::facilitated_group`]). Meaningless for individual sessions.
 */
facilitated: boolean | null, 
/**
 * The ages the session's work was about; `None`: not recorded (counts for both).
 */
age_focus: AgeFocus | null, 
/**
 * Whether the session was about the RSC the applicant provides to others (Mentor).
 */
about_rsc_provided: boolean, 
/**
 * A short reminder (no family details: those belong in reflections).
 */
note: string, 
/**
 * Ids of reflections brought to this session.
 */
reflections: Array<string>, };

/**
 * A saved supervision session.
 */
export type SupervisionSession = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The day it took place.
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or by phone; `None` when not recorded.
 */
modality: Modality | null, 
/**
 * Who provided it, named as the association knows them.
 */
provider: string, 
/**
 * The provider's endorsement category at the time (IMHM-C, ...); `None` when unknown.
 */
credential: string | null, 
/**
 * For a group: whether an identified RSC provider facilitated it. A group without one
 * is peer consultation, which no application category counts, whatever credential is
 * typed. `None` on records saved before the question existed: read as "facilitated"
 * when a credential was recorded, as those groups counted then
 * ([`SessionDraft::facilitated_group`]). Meaningless for individual sessions.
 */
facilitated: boolean | null, 
/**
 * The ages the session's work was about; `None`: not recorded (counts for both).
 */
age_focus: AgeFocus | null, 
/**
 * Whether the session was about the RSC the applicant provides to others (Mentor).
 */
about_rsc_provided: boolean, 
/**
 * A short reminder (no family details: those belong in reflections).
 */
note: string, 
/**
 * Ids of reflections brought to this session.
 */
reflections: Array<string>, };

/**
 * Whether a supervisor has signed for a session. Every session is `not_attested` until
 * sharing and attestations exist; the shape is fixed now so that exports need not change.
 */
export type AttestationStatus = { "status": "not_attested" } | { "status": "attested", 
/**
 * The attestation record's id.
 */
attestation_id: string, 
/**
 * The supervisor's name as on their contact card.
 */
supervisor: string, 
/**
 * The day the attestation was signed.
 */
signed_on: string, };

/**
 * A logged session, with whether a supervisor attested it.
 */
export type LoggedSession = { 
/**
 * Attested or not, and by whom.
 */
attestation: AttestationStatus, 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The day it took place.
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or by phone; `None` when not recorded.
 */
modality: Modality | null, 
/**
 * Who provided it, named as the association knows them.
 */
provider: string, 
/**
 * The provider's endorsement category at the time (IMHM-C, ...); `None` when unknown.
 */
credential: string | null, 
/**
 * For a group: whether an identified RSC provider facilitated it. A group without one
 * is peer consultation, which no application category counts, whatever credential is
 * typed. `None` on records saved before the question existed: read as "facilitated"
 * when a credential was recorded, as those groups counted then
 * ([`SessionDraft::facilitated_group`]). Meaningless for individual sessions.
 */
facilitated: boolean | null, 
/**
 * The ages the session's work was about; `None`: not recorded (counts for both).
 */
age_focus: AgeFocus | null, 
/**
 * Whether the session was about the RSC the applicant provides to others (Mentor).
 */
about_rsc_provided: boolean, 
/**
 * A short reminder (no family details: those belong in reflections).
 */
note: string, 
/**
 * Ids of reflections brought to this session.
 */
reflections: Array<string>, };

/**
 * One credential a provider holds or held: which, since when, from which association,
 * under which number.
 */
export type HeldCredential = { 
/**
 * The category as named today (IMHM-C, ...); an older or regional name typed is read as
 * the name in use today where one is published (`Level IV-Clinical` is IMHM-C). `None`:
 * endorsed, category not known.
 */
credential: string | null, 
/**
 * The day they were endorsed in it; `None` when not known (see
 * [`super::credentials`] for how such a credential counts).
 */
since: string | null, 
/**
 * The association that endorsed them (e.g. MI-AIMH).
 */
association: string, 
/**
 * Their endorsement number, if known (reviewers check it).
 */
endorsement_number: string, };

/**
 * Someone who provides reflective supervision/consultation, as the applicant's address
 * book knows them. Sessions carry the provider's name and the credential typed when they
 * were logged; the credentials here, with their dates, decide which one counts.
 */
export type ProviderDraft = { 
/**
 * Full name, as the association knows them.
 */
name: string, 
/**
 * The credentials they hold or held, oldest first (those with no known start first).
 */
credentials: Array<HeldCredential>, };

/**
 * A saved provider.
 */
export type Provider = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * Full name, as the association knows them.
 */
name: string, 
/**
 * The credentials they hold or held, oldest first (those with no known start first).
 */
credentials: Array<HeldCredential>, };

/**
 * A provider as lists show them: every detail, and the credential held today beside them
 * (the fields a provider had before credentials had dates, so that readers of those keep
 * working).
 */
export type ProviderEntry = { 
/**
 * The credential they hold today (the latest started), else one with no known start.
 */
credential: string | null, 
/**
 * Its endorsement number; empty when not known.
 */
endorsement_number: string, 
/**
 * Its association; empty when not known.
 */
association: string, 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * Full name, as the association knows them.
 */
name: string, 
/**
 * The credentials they hold or held, oldest first (those with no known start first).
 */
credentials: Array<HeldCredential>, };

/**
 * A credential in use today, or a regional one.
 */
export type CredentialName = { 
/**
 * Its short name (IMHM-C).
 */
name: string, 
/**
 * Written out (Infant Mental Health Mentor - Clinical).
 */
title: string, 
/**
 * A credential of one region with no published equivalent among today's categories.
 */
regional: boolean, 
/**
 * The page that names it.
 */
source: string, };

/**
 * An older name, and the name in use today it is read as.
 */
export type CredentialAlias = { 
/**
 * The older name (Level IV-Clinical).
 */
name: string, 
/**
 * The name in use today (IMHM-C).
 */
means: string, 
/**
 * The page that equates them.
 */
source: string, };

/**
 * Every credential name Attune knows (`assets/credentials.toml`).
 */
export type CredentialCatalogue = { 
/**
 * The day the sources were read.
 */
read: string, 
/**
 * The credentials, today's categories first, then the regional ones.
 */
credential: Array<CredentialName>, 
/**
 * The older names.
 */
alias: Array<CredentialAlias>, };

/**
 * The providers' screen: the address book and the credential names to choose from.
 */
export type ProvidersView = { 
/**
 * Every provider, in the order first saved.
 */
providers: Array<ProviderEntry>, 
/**
 * The credentials to choose from, and the older names they are also known by.
 */
catalogue: CredentialCatalogue, };

/**
 * Save a provider (`save_provider`): a new one without `id`, else replace that one.
 */
export type SaveProviderRequest = { 
/**
 * The provider to replace; absent for a new one.
 */
id?: string, 
/**
 * Their name and credentials.
 */
draft: ProviderDraft, };

/**
 * Where in what the user gave a problem is: a line (and cell) of a file, or one entry of a
 * list. Carried as data, so that no program has to read it back out of a message.
 */
export type Place = { "in": "line", 
/**
 * The line, as a text editor numbers it.
 */
line: number, 
/**
 * The column, when one cell is at fault.
 */
column: number | null, } | { "in": "entry", 
/**
 * What the list holds, in the user's words.
 */
kind: string, 
/**
 * Its position in the list, from 1.
 */
number: number, };

/**
 * A warning about input that was accepted (a date in the future): shown, never blocking.
 */
export type Warning = { 
/**
 * The field concerned (`date`).
 */
field: string, 
/**
 * What looks wrong, in plain words.
 */
message: string, 
/**
 * Where in a file or list, when the input was one.
 */
place: Place | null, };

/**
 * Something about a session to ask before saving it: accepted once the person confirms.
 */
export type Concern = { 
/**
 * The field it is about: `date`, `provider` or `minutes`.
 */
field: string, 
/**
 * What it is, as data: each shell puts it in its own words (dates in the window's locale).
 */
kind: ConcernKind, 
/**
 * Where in a file, when the session is a row of an import.
 */
place: Place | null, };

/**
 * What a [`Concern`] is about.
 */
export type ConcernKind = { "type": "planned", 
/**
 * The session's date.
 */
date: string, 
/**
 * Today, as the check saw it.
 */
today: string, } | { "type": "same_day", 
/**
 * The day of both.
 */
date: string, 
/**
 * The other session's provider, as it was written there.
 */
provider: string, 
/**
 * The other session's minutes.
 */
minutes: number, 
/**
 * Which session that is: one logged, or an earlier row of the same import.
 */
same_as: SameAs, } | { "type": "long", 
/**
 * The session's minutes.
 */
minutes: number, 
/**
 * [`LONG_SESSION_MINUTES`].
 */
longest: number, };

/**
 * What a duplicate session is the same as.
 */
export type SameAs = { "type": "logged", 
/**
 * Its id.
 */
id: string, } | { "type": "earlier", 
/**
 * Where it is.
 */
at: Place, };

/**
 * Which sessions to list (the window's `list_sessions`).
 */
export type SessionQuery = { 
/**
 * Only sessions dated in this period.
 */
period: Period, 
/**
 * At most this many come back, newest first; `total` counts them all.
 */
limit: number, };

/**
 * The hours log (the window's `list_sessions`).
 */
export type HoursLog = { 
/**
 * The sessions, newest first.
 */
sessions: Array<LoggedSession>, 
/**
 * How many sessions are in the period in all.
 */
total: number, 
/**
 * Their minutes, summed exactly.
 */
total_minutes: number, 
/**
 * The provider address book, for suggestions and their credentials.
 */
providers: Array<ProviderEntry>, 
/**
 * The last session's content, to prefill the next one (same provider, format, length).
 */
last: SessionDraft | null, };

/**
 * Save a session (`save_session`): a new one without `id`, else replace that one.
 */
export type SaveSessionRequest = { 
/**
 * The session to replace; absent for a new one.
 */
id?: string, 
/**
 * Its content.
 */
draft: SessionDraft, };

/**
 * A session as saved, and what to tell the user about it (a date in the future).
 */
export type SavedSession = { 
/**
 * The session as stored.
 */
session: SupervisionSession, 
/**
 * Accepted oddities.
 */
warnings: Array<Warning>, };

/**
 * The part of the training requirement an entry counts toward. The parts are disjoint: the
 * 2024 rules ask for 48 hours as 30 + 15 + 3, so one hour counts toward one part only.
 */
export type TrainingTopic = "iecmh" | "providing-rsc" | "dei";

/**
 * In-service training as the user enters it.
 * Read through [`StoredTrainingDraft`], which knows the older shape.
 */
export type TrainingDraft = { 
/**
 * The day it took place (the last day, for a course over several days).
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * The training's title.
 */
title: string, 
/**
 * Who ran it.
 */
organiser: string, 
/**
 * The one part of the requirement it counts toward.
 */
topic: TrainingTopic, 
/**
 * A short reminder.
 */
note: string, };

/**
 * A saved training entry.
 */
export type Training = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The day it took place (the last day, for a course over several days).
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * The training's title.
 */
title: string, 
/**
 * Who ran it.
 */
organiser: string, 
/**
 * The one part of the requirement it counts toward.
 */
topic: TrainingTopic, 
/**
 * A short reminder.
 */
note: string, };

/**
 * Save a training entry (`save_training`): a new one without `id`, else replace that one.
 */
export type SaveTrainingRequest = { 
/**
 * The entry to replace; absent for a new one.
 */
id?: string, 
/**
 * Its content.
 */
draft: TrainingDraft, };

/**
 * A training entry as saved, and what to tell the user about it.
 */
export type SavedTraining = { 
/**
 * The entry as stored.
 */
training: Training, 
/**
 * Accepted oddities.
 */
warnings: Array<Warning>, };

/**
 * What a rule set is for.
 */
export type Purpose = "application" | "renewal";

/**
 * The reflective supervision/consultation part of a rule set.
 */
export type RscRule = { 
/**
 * Clock minutes of RSC required.
 */
required_minutes: number, 
/**
 * The counted hours must be spread over at least this many months.
 */
window_min_months: number | null, 
/**
 * The counted hours must fall within this many months.
 */
window_max_months: number | null, 
/**
 * Only sessions in one calendar year count (renewals due by 31 December).
 */
calendar_year: boolean, 
/**
 * Credential categories whose holders' sessions count. Empty: any named provider for
 * individual sessions (a group always needs a credentialed provider).
 */
allowed_credentials: Array<string>, 
/**
 * Peer supervision or collaborative consultation (a group with no identified provider)
 * counts too, as for an IMHM-C who has held the category three years.
 */
peer_allowed: boolean, 
/**
 * At most this many providers count.
 */
max_sources: number | null, 
/**
 * More than half of the required minutes must come from one provider.
 */
majority_from_one: boolean, 
/**
 * Each group minute counts as this much (1.0: fully).
 */
group_weight: number, 
/**
 * At most this many (weighted) group minutes count; `None`: no cap.
 */
group_cap_minutes: number | null, 
/**
 * Of the counted minutes, at least this many about the RSC the applicant provides.
 */
about_rsc_provided_minutes: number, 
/**
 * The ages the category is about: only sessions of this focus (or with none recorded)
 * count. `None`: any.
 */
age_focus: AgeFocus | null, };

/**
 * The in-service training part of a rule set.
 */
export type TrainingRule = { 
/**
 * Clock minutes of training required in all.
 */
required_minutes: number, 
/**
 * Of which at least this many on infant or early childhood mental health (the general
 * part; each training counts toward one part only).
 */
iecmh_minutes: number, 
/**
 * Of which at least this many on diversity, equity and inclusion.
 */
dei_minutes: number, 
/**
 * Of which at least this many on providing RSC.
 */
providing_rsc_minutes: number, 
/**
 * Only training in one calendar year counts.
 */
calendar_year: boolean, };

/**
 * Whom a renewal rule set applies to. The association's calendar (due date, cycle, first
 * year exempt, spread of the RSC hours) is in `associations.toml`.
 */
export type RenewalRule = { 
/**
 * The Endorsement categories held by those renewing (`IMHS`, `IMHM-R/F`).
 */
categories: Array<string>, 
/**
 * Only for these associations; empty: every association without a rule set of its own
 * for the category.
 */
associations: Array<string>, 
/**
 * Only for those who do (`true`) or do not (`false`) provide RSC; `None`: either.
 */
provides_rsc: boolean | null, 
/**
 * Only once the category has been held this many whole years on the due date.
 */
min_years_endorsed: number | null, };

/**
 * One category's requirements, with where they come from.
 */
export type RuleSet = { 
/**
 * Stable id, `family/category` (e.g. `imh-e/imhm-c`).
 */
id: string, 
/**
 * The category's name as the associations write it.
 */
name: string, 
/**
 * Application or renewal.
 */
purpose: Purpose, 
/**
 * The public page the figures come from.
 */
source: string, 
/**
 * The day that page was read.
 */
read: string | null, 
/**
 * The date from which the figures apply.
 */
effective: string, 
/**
 * What the figures leave out, in plain words.
 */
note: string, 
/**
 * Reflective supervision/consultation.
 */
rsc: RscRule, 
/**
 * In-service training, when the category asks for it.
 */
training: TrainingRule | null, 
/**
 * For a renewal: whom it applies to.
 */
renewal: RenewalRule | null, };

/**
 * One association's renewal calendar.
 */
export type Association = { 
/**
 * Stable id (`mi-aimh`).
 */
id: string, 
/**
 * The association's name as it writes it.
 */
name: string, 
/**
 * The public page the calendar comes from.
 */
source: string, 
/**
 * The day that page was read.
 */
read: string, 
/**
 * Renewals are due by this month (1 to 12)...
 */
due_month: number, 
/**
 * ...and day of the month.
 */
due_day: number, 
/**
 * A renewal every this many years.
 */
cycle_years: number, 
/**
 * With a cycle longer than a year: one year in which a renewal is due.
 */
cycle_due_year: number | null, 
/**
 * The first renewal after endorsement asks for no hours.
 */
exempt_first_year: boolean, 
/**
 * The counted RSC hours must span at least this many months.
 */
rsc_min_spread_months: number | null, 
/**
 * The counted RSC hours must fall within this many months.
 */
rsc_max_spread_months: number | null, 
/**
 * What the calendar leaves out, in plain words.
 */
note: string, };

/**
 * A stretch of time: the first and last counted session and the whole months between.
 */
export type Window = { 
/**
 * First day.
 */
from: string, 
/**
 * Last day.
 */
to: string, 
/**
 * Whole calendar months from `from` to `to`.
 */
months: number, };

/**
 * One provider's part of the counted minutes.
 */
export type ProviderShare = { 
/**
 * Name as on their latest session.
 */
provider: string, 
/**
 * Credential as on their latest session.
 */
credential: string | null, 
/**
 * Their minutes in the window (group minutes weighted).
 */
minutes: number, 
/**
 * Of which individual.
 */
individual_minutes: number, 
/**
 * Of which group (weighted).
 */
group_minutes: number, 
/**
 * Of which about the RSC the applicant provides.
 */
about_rsc_provided_minutes: number, 
/**
 * Their share of the counted minutes, in whole percent (rounded down); 0 if not counted.
 */
share_percent: number, 
/**
 * Whether their minutes count (false: beyond the number of sources allowed).
 */
counted: boolean, };

/**
 * Why some minutes do not count.
 */
export type NotCountedReason = "planned" | "peer_group" | "no_credential" | "credential_not_accepted" | "other_age_focus" | "not_yet_endorsed" | "outside_window" | "too_many_sources";

/**
 * Minutes left out, and why.
 */
export type NotCounted = { 
/**
 * Why.
 */
reason: NotCountedReason, 
/**
 * How many minutes.
 */
minutes: number, 
/**
 * In how many sessions.
 */
sessions: number, 
/**
 * The same in plain words.
 */
text: string, };

/**
 * One requirement with a target: required, counted, met.
 */
export type Part = { 
/**
 * Minutes required.
 */
required_minutes: number, 
/**
 * Minutes that count.
 */
counted_minutes: number, 
/**
 * Whether enough count.
 */
met: boolean, };

/**
 * Progress on in-service training.
 */
export type TrainingProgress = { 
/**
 * All training.
 */
total: Part, 
/**
 * Training on infant or early childhood mental health (the general part).
 */
iecmh: Part, 
/**
 * Training on diversity, equity and inclusion.
 */
dei: Part, 
/**
 * Training on providing RSC.
 */
providing_rsc: Part, 
/**
 * Minutes of training dated after today: planned, not counted.
 */
planned_minutes: number, 
/**
 * In how many entries.
 */
planned_entries: number, 
/**
 * Whether the total and every part are met.
 */
met: boolean, };

/**
 * Progress toward one rule set. The contract's fields (`id`, `met`, `required_minutes`,
 * `counted_minutes`, `shortfalls`) and the detail behind them.
 */
export type Progress = { 
/**
 * The rule set's id.
 */
id: string, 
/**
 * The rule set's name.
 */
name: string, 
/**
 * Whether every requirement is met.
 */
met: boolean, 
/**
 * RSC minutes required.
 */
required_minutes: number, 
/**
 * RSC minutes that count, in the best window.
 */
counted_minutes: number, 
/**
 * Of which individual.
 */
individual_minutes: number, 
/**
 * Of which group (weighted and capped).
 */
group_minutes: number, 
/**
 * The counted sessions' first and last day, when any count.
 */
window: Window | null, 
/**
 * The providers in the window, most minutes first.
 */
providers: Array<ProviderShare>, 
/**
 * Minutes about the RSC the applicant provides, when the rule set asks for them.
 */
about_rsc_provided: Part | null, 
/**
 * In-service training, when the rule set asks for it.
 */
training: TrainingProgress | null, 
/**
 * Minutes left out, and why.
 */
not_counted: Array<NotCounted>, 
/**
 * What is missing, in plain words; empty when met.
 */
shortfalls: Array<string>, 
/**
 * What a reviewer may question although it does not change `met`: a source beyond
 * those allowed, counted sessions with no age focus, planned training. Plain words.
 */
cautions: Array<string>, 
/**
 * Of the counted minutes, those of sessions with no age focus recorded (they count for
 * both 0-3 and 3-6); 0 when the rule set has no focus.
 */
unmarked_focus_minutes: number, 
/**
 * In how many counted sessions.
 */
unmarked_focus_sessions: number, 
/**
 * What Attune checked, in one sentence naming the source: "Your RSC and training hours
 * meet the requirement as Attune reads <source>" or that they do not yet.
 */
verdict: string, 
/**
 * The parts of an application Attune does not check (degree, work experience, ...).
 */
not_checked: Array<string>, };

/**
 * One provider's minutes in a summary.
 */
export type ProviderMinutes = { 
/**
 * The name as written on their most recent session.
 */
provider: string, 
/**
 * The credential on their most recent session that has one.
 */
credential: string | null, 
/**
 * All their minutes.
 */
minutes: number, 
/**
 * Of which individual.
 */
individual_minutes: number, 
/**
 * Of which group.
 */
group_minutes: number, 
/**
 * Number of sessions.
 */
sessions: number, };

/**
 * One calendar month's minutes in a summary.
 */
export type MonthMinutes = { 
/**
 * `YYYY-MM`.
 */
month: string, 
/**
 * All minutes that month.
 */
minutes: number, 
/**
 * Of which individual.
 */
individual_minutes: number, 
/**
 * Of which group.
 */
group_minutes: number, };

/**
 * What `hours summary` reports: the contract's fields (`from`, `to`, `total_minutes`,
 * `individual_minutes`, `group_minutes`, `by_provider`, `requirement`) and a few more.
 */
export type HoursSummary = { 
/**
 * The first day covered: the one asked for, else the first session's date.
 */
from: string | null, 
/**
 * The last day covered: the one asked for, else the last session's date.
 */
to: string | null, 
/**
 * Number of sessions.
 */
sessions: number, 
/**
 * All minutes: the exact sum of the sessions' minutes.
 */
total_minutes: number, 
/**
 * Minutes in individual sessions.
 */
individual_minutes: number, 
/**
 * Minutes in group sessions.
 */
group_minutes: number, 
/**
 * Minutes of sessions about the RSC the applicant provides.
 */
about_rsc_provided_minutes: number, 
/**
 * Sessions a supervisor has attested.
 */
attested_sessions: number, 
/**
 * Of all minutes, those of sessions dated after today: planned, never counted toward a
 * requirement ([`HoursSummary::count_as_of`]).
 */
planned_minutes: number, 
/**
 * In how many sessions.
 */
planned_sessions: number, 
/**
 * Of all minutes, those of sessions with no age focus (0-3 or 3-6) recorded.
 */
unmarked_focus_minutes: number, 
/**
 * In how many sessions.
 */
unmarked_focus_sessions: number, 
/**
 * Per provider, most minutes first.
 */
by_provider: Array<ProviderMinutes>, 
/**
 * Per calendar month, oldest first; months without sessions are left out.
 */
by_month: Array<MonthMinutes>, 
/**
 * Progress toward a rule set, when one was chosen.
 */
requirement?: Progress, };

/**
 * Totals and progress for a period (`hours_progress`).
 */
export type ProgressQuery = { 
/**
 * The sessions counted.
 */
period: Period, 
/**
 * A rule set's id (`imh-e/imhm-c`) to weigh them against; none for totals only.
 */
rules: string | null, };

/**
 * Where a renewal year stands.
 */
export type RenewalStatus = "due" | "first_year_exempt" | "before_endorsement";

/**
 * One renewal: when it is due, which days count, and progress toward it.
 */
export type RenewalProgress = { 
/**
 * The association's id.
 */
association: string, 
/**
 * The association's name.
 */
association_name: string, 
/**
 * The category held.
 */
category: string, 
/**
 * The year the renewal is due in: "renewal year 2027".
 */
year: number, 
/**
 * The due date.
 */
due: string, 
/**
 * The first day that counts.
 */
from: string, 
/**
 * The last day that counts (the due date).
 */
to: string, 
/**
 * Years per renewal.
 */
cycle_years: number, 
/**
 * Where this renewal stands.
 */
status: RenewalStatus, 
/**
 * The rule set applied (`renewal/imhm-c`).
 */
rules: string, 
/**
 * Its name.
 */
rules_name: string, 
/**
 * The pages the calendar and the figures come from.
 */
sources: Array<string>, 
/**
 * The counted RSC must run over at least this many months: the association's spread
 * rule, else the rule set's.
 */
rsc_min_months: number | null, 
/**
 * The renewal before, unless this one is the first after endorsement.
 */
earlier_year: number | null, 
/**
 * The renewal after, unless this one is the current one.
 */
later_year: number | null, 
/**
 * Progress, when hours are asked for.
 */
progress: Progress | null, };

/**
 * A sheet of paper.
 */
export type PageSize = "a4" | "letter";

/**
 * What an export writes.
 */
export type ExportFormat = "csv" | "pdf" | "application_csv" | "application_pdf";

/**
 * Export the hours of a period (`export_hours`).
 */
export type ExportRequest = { 
/**
 * What to write.
 */
format: ExportFormat, 
/**
 * The sessions exported.
 */
period: Period, 
/**
 * For the PDF summary, the rule set whose progress it shows (none for totals only);
 * for the application's experiences, the category applied for (required).
 */
rules: string | null, 
/**
 * For a PDF, the paper; absent for that of the user's locale.
 */
page_size?: PageSize, };

/**
 * A part of the application.
 */
export type PortfolioPart = "education" | "work_experience" | "reference" | "exam" | "membership" | "code_of_ethics";

/**
 * Where an item stands, as the user says.
 */
export type ItemStatus = "to_do" | "requested" | "done";

/**
 * Whom a reference rating comes from, in the words the associations use.
 */
export type RaterRole = "supervisor" | "rsc_provider" | "colleague" | "supervisee" | "other";

/**
 * One thing the user records for their application, as entered.
 */
export type PortfolioItemDraft = { 
/**
 * Which part of the application.
 */
part: PortfolioPart, 
/**
 * What it is: "MSW, Wayne State University", "Sam Rivera (reference)", "Exam, spring".
 */
title: string, 
/**
 * Where it stands.
 */
status: ItemStatus, 
/**
 * The day it was done, conferred, signed or asked for, when known.
 */
date: string | null, 
/**
 * A reference rating: whom it comes from.
 */
rater_role: RaterRole | null, 
/**
 * A reference rating: how long the rater has known the applicant, in months.
 */
known_months: number | null, 
/**
 * A short reminder.
 */
note: string, };

/**
 * A saved item.
 */
export type PortfolioItem = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * Which part of the application.
 */
part: PortfolioPart, 
/**
 * What it is: "MSW, Wayne State University", "Sam Rivera (reference)", "Exam, spring".
 */
title: string, 
/**
 * Where it stands.
 */
status: ItemStatus, 
/**
 * The day it was done, conferred, signed or asked for, when known.
 */
date: string | null, 
/**
 * A reference rating: whom it comes from.
 */
rater_role: RaterRole | null, 
/**
 * A reference rating: how long the rater has known the applicant, in months.
 */
known_months: number | null, 
/**
 * A short reminder.
 */
note: string, };

/**
 * Save a portfolio item (`save_portfolio_item`): a new one without `id`, else replace it.
 */
export type SavePortfolioItemRequest = { 
/**
 * The item to replace; absent for a new one.
 */
id?: string, 
/**
 * Its content.
 */
draft: PortfolioItemDraft, };

/**
 * What one part of the application asks, for the user's category.
 */
export type PartAsked = { 
/**
 * What is asked, in plain words; `None` when Attune has no summary for this category
 * ("see your association's requirements").
 */
text: string | null, 
/**
 * `Some(false)` when the category does not ask for this part at all (no exam).
 */
asked: boolean | null, 
/**
 * How many are asked for (reference ratings), when a number is published.
 */
count: number | null, };

/**
 * One part: what is asked, and what the user recorded.
 */
export type ChecklistPart = { 
/**
 * Which part.
 */
part: PortfolioPart, 
/**
 * What the category asks.
 */
asked: PartAsked, 
/**
 * The user's items of this part.
 */
items: Array<PortfolioItem>, 
/**
 * How many of them the user marked done.
 */
done: number, 
/**
 * How many the user marked requested (asked for, under way).
 */
requested: number, };

/**
 * The whole checklist.
 */
export type Checklist = { 
/**
 * The category's rule-set id, when one is chosen.
 */
category: string | null, 
/**
 * The category's name.
 */
category_name: string | null, 
/**
 * The pages the summaries come from.
 */
sources: Array<string>, 
/**
 * When they were read.
 */
read: string | null, 
/**
 * Every part, in order.
 */
parts: Array<ChecklistPart>, 
/**
 * [`NOT_CHECKED`].
 */
not_checked: string, };

/**
 * A session of RSC the user provided, as entered.
 */
export type ProvidedDraft = { 
/**
 * The day it took place (today or before: it was provided).
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * One-to-one or a group.
 */
format: SessionFormat, 
/**
 * How it took place, when said.
 */
modality: Modality | null, 
/**
 * Whom: a pseudonym or initials (or a group's name), never a full name.
 */
supervisee: string, 
/**
 * A short reminder.
 */
note: string, };

/**
 * A saved session of RSC provided.
 */
export type ProvidedSession = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * The day it took place (today or before: it was provided).
 */
date: string, 
/**
 * Clock minutes, whole.
 */
minutes: number, 
/**
 * One-to-one or a group.
 */
format: SessionFormat, 
/**
 * How it took place, when said.
 */
modality: Modality | null, 
/**
 * Whom: a pseudonym or initials (or a group's name), never a full name.
 */
supervisee: string, 
/**
 * A short reminder.
 */
note: string, };

/**
 * Minutes of RSC provided in a period, summed exactly.
 */
export type ProvidedTotals = { 
/**
 * Sessions.
 */
sessions: number, 
/**
 * All minutes.
 */
minutes: number, 
/**
 * Of which one-to-one.
 */
individual_minutes: number, 
/**
 * Of which in groups.
 */
group_minutes: number, 
/**
 * How many different people or groups (by name, as providers are told apart: case and
 * spacing ignored, see `provider_key`).
 */
supervisees: number, };

/**
 * RSC provided and received in one period.
 */
export type ProvidedLog = { 
/**
 * The sessions provided, newest first.
 */
sessions: Array<ProvidedSession>, 
/**
 * Their totals.
 */
provided: ProvidedTotals, 
/**
 * The RSC received in the same period: sessions logged.
 */
received_sessions: number, 
/**
 * And their minutes, summed exactly.
 */
received_minutes: number, };

/**
 * Save a session of RSC provided (`save_provided`): a new one without `id`, else replace it.
 */
export type SaveProvidedRequest = { 
/**
 * The session to replace; absent for a new one.
 */
id?: string, 
/**
 * Its content.
 */
draft: ProvidedDraft, };

/**
 * Whether the vault belongs to a practitioner or a supervisor.
 */
export type Role = "practitioner" | "supervisor";

/**
 * My identity (the window's `my_identity`): what others need to share with me.
 */
export type MyIdentity = { 
/**
 * The name on my card (empty until set).
 */
name: string, 
/**
 * Why my name cannot go on a card, when it was set before today's rule (hidden or
 * text-direction characters, or it looks like a fingerprint): set it again.
 */
name_problem: string | null, 
/**
 * Practitioner or supervisor.
 */
role: Role, 
/**
 * My fingerprint in groups of four, to read aloud.
 */
fingerprint: string, 
/**
 * My contact card as text to paste into a message.
 */
card: string, 
/**
 * Other spellings of my name that sessions I can sign may give as their provider.
 */
provider_spellings: Array<string>, };

/**
 * A contact: someone whose card I added.
 */
export type ContactView = { 
/**
 * Their fingerprint in groups of four: also how commands name them.
 */
fingerprint: string, 
/**
 * Its first two groups, shown beside the name wherever the name stands for them.
 */
short_fingerprint: string, 
/**
 * The name on their card (any hidden character written out, see
 * [`shown_name`]).
 */
name: string, 
/**
 * Practitioner or supervisor.
 */
role: Role, 
/**
 * Whether I confirmed the fingerprint with them (under the name their card has now).
 */
verified: boolean, 
/**
 * The name they were verified under, when their card has come back under another
 * since: "name changed from …", until verified again.
 */
renamed_from: string | null, 
/**
 * When I added the card.
 */
added_at: string, };

/**
 * A card just added (the window's `add_contact`): the contact, and whether it was new.
 */
export type AddedContactView = { 
/**
 * The contact as stored.
 */
contact: ContactView, 
/**
 * False when the card was already a contact (its name and role are updated).
 */
new: boolean, };

/**
 * A section of a reflection: one relationship of the parallel process.
 */
export type Section = "parent_infant" | "practitioner_parent" | "supervisor_practitioner" | "self" | "for_supervision";

/**
 * One reflection to share and which of its sections (`[]` for every section with text).
 */
export type ShareEntryRequest = { 
/**
 * The reflection's id.
 */
id: string, 
/**
 * The sections that leave.
 */
sections: Array<Section>, };

/**
 * What to share and with whom (`preview_share`, `save_share`).
 */
export type ShareSelection = { 
/**
 * The contact's whole fingerprint, as the contact list gives it: looked up exactly,
 * never compared with a name.
 */
fingerprint: string, 
/**
 * The reflections.
 */
entries: Array<ShareEntryRequest>, 
/**
 * A period of hours to send for confirmation (both days given).
 */
hours: Period | null, };

/**
 * One section of a shared reflection.
 */
export type SectionText = { 
/**
 * Which section.
 */
section: Section, 
/**
 * Its heading, as the editor shows it.
 */
heading: string, 
/**
 * Its text.
 */
text: string, };

/**
 * A reflection as it leaves (or arrived): only the chosen sections.
 */
export type SharedReflectionView = { 
/**
 * The author's id of the reflection.
 */
id: string, 
/**
 * What it is about.
 */
kind: ReflectionKind, 
/**
 * The day it is about.
 */
date: string, 
/**
 * Its title.
 */
title: string, 
/**
 * The family's pseudonym.
 */
family: string, 
/**
 * The sections, in the editor's order.
 */
sections: Array<SectionText>, };

/**
 * A session sent for confirmation: what the practitioner logged, without the note.
 */
export type SessionItem = { 
/**
 * The practitioner's id of the session (attestations name it).
 */
id: string, 
/**
 * The day.
 */
date: string, 
/**
 * Clock minutes.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or phone.
 */
modality: Modality | null, 
/**
 * The provider as the practitioner named them.
 */
provider: string, 
/**
 * The provider's credential as logged.
 */
credential: string | null, 
/**
 * About the RSC the practitioner provides.
 */
about_rsc_provided: boolean, };

/**
 * Sessions sent for confirmation.
 */
export type SessionsToConfirm = { 
/**
 * First day of the period.
 */
from: string, 
/**
 * Last day of the period.
 */
to: string, 
/**
 * The sessions, as they leave (no notes).
 */
sessions: Array<SessionItem>, 
/**
 * Their minutes, summed.
 */
minutes: number, };

/**
 * What kind of identifying detail a hint is.
 */
export type HintKind = "phone" | "email" | "full_date" | "address" | "name";

/**
 * One detail that could identify a family, found in a text.
 *
 * `start` and `end` are **UTF-16 code-unit offsets** into the text as given (not bytes, not
 * characters): the window's JavaScript slices with them, `text.slice(start, end) === text`.
 */
export type Hint = { 
/**
 * What it is.
 */
kind: HintKind, 
/**
 * UTF-16 offset of its first character.
 */
start: number, 
/**
 * UTF-16 offset just past its last character (exclusive).
 */
end: number, 
/**
 * The text found, exactly as written.
 */
text: string, 
/**
 * What makes two hints of a kind the same thing, so that "replace all" in the editor
 * replaces every spelling of it: a phone number's digits, an e-mail address in lower
 * case, a name folded (case, accents, spacing), a date or address folded.
 */
key: string, 
/**
 * For a full date, the day it names (`YYYY-MM-DD`) when that is certain: not for
 * "03/04/2025", which is 3 April or March 4. The window offers the child's age in months
 * in its place.
 */
date: string | null, };

/**
 * Something in a share that could identify a family: which reflection, where in it, and
 * what was found.
 */
export type Finding = { 
/**
 * The id of the reflection it is in.
 */
reflection_id: string, 
/**
 * The reflection as the person knows it: its title, or "Reflection of YYYY-MM-DD".
 */
reflection: string, 
/**
 * The section it is in; none when it is in the title.
 */
section: Section | null, 
/**
 * Where, in the window's words: "Title" or the section's label ([`Section::label`]).
 */
where: string, 
/**
 * What it is.
 */
kind: HintKind, 
/**
 * UTF-16 offset of its first character.
 */
start: number, 
/**
 * UTF-16 offset just past its last character (exclusive).
 */
end: number, 
/**
 * The text found, exactly as written.
 */
text: string, 
/**
 * What makes two hints of a kind the same thing, so that "replace all" in the editor
 * replaces every spelling of it: a phone number's digits, an e-mail address in lower
 * case, a name folded (case, accents, spacing), a date or address folded.
 */
key: string, 
/**
 * For a full date, the day it names (`YYYY-MM-DD`) when that is certain: not for
 * "03/04/2025", which is 3 April or March 4. The window offers the child's age in months
 * in its place.
 */
date: string | null, };

/**
 * Exactly what a share would send (the window's `preview_share`), for the person to
 * check first.
 */
export type SharePreview = { 
/**
 * The recipient's name.
 */
to: string, 
/**
 * The recipient's fingerprint.
 */
fingerprint: string, 
/**
 * Its short form, shown beside the name.
 */
short_fingerprint: string, 
/**
 * The reflections, with only the chosen sections.
 */
reflections: Array<SharedReflectionView>, 
/**
 * The sessions for confirmation, if a period was chosen.
 */
hours: SessionsToConfirm | null, 
/**
 * What in the reflections could identify a family, found by core with the names to
 * avoid from the vault's settings: each reflection's title, then its sections in order.
 */
findings: Array<Finding>, };

/**
 * A comment on a reflection.
 */
export type CommentView = { 
/**
 * Its record id.
 */
id: string, 
/**
 * Who wrote it.
 */
author: string, 
/**
 * The short form of their fingerprint, shown beside the name.
 */
author_fingerprint: string, 
/**
 * What they wrote.
 */
text: string, 
/**
 * When.
 */
written_at: string, 
/**
 * For my own comments: whether they went out in a reply.
 */
sent: boolean, 
/**
 * For comments on my reflections: not seen before this reflection was last opened.
 */
unread: boolean, };

/**
 * The comments that came back on one of my reflections (the practitioner's side of "Shared
 * with me").
 */
export type CommentsBack = { 
/**
 * The reflection's id.
 */
reflection_id: string, 
/**
 * Home visit, supervision or note.
 */
kind: ReflectionKind, 
/**
 * The day the reflection is about.
 */
date: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Who commented, in the order they first did (names as shown).
 */
authors: Array<string>, 
/**
 * How many comments it has.
 */
comments: number, 
/**
 * How many of them have not been seen.
 */
unread: number, 
/**
 * When the newest was written.
 */
latest_at: string, };

/**
 * A reflection someone shared with me, with my comments on it.
 */
export type ReceivedReflection = { 
/**
 * The id to comment on it with.
 */
shared_id: string, 
/**
 * When it arrived.
 */
received_at: string, 
/**
 * What was shared.
 */
reflection: SharedReflectionView, 
/**
 * My comments on it, oldest first.
 */
comments: Array<CommentView>, };

/**
 * A session someone sent me to confirm.
 */
export type ReceivedSession = { 
/**
 * Whether it names me as the provider (only those can be attested by me).
 */
names_me: boolean, 
/**
 * The practitioner's id of the session (attestations name it).
 */
id: string, 
/**
 * The day.
 */
date: string, 
/**
 * Clock minutes.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or phone.
 */
modality: Modality | null, 
/**
 * The provider as the practitioner named them.
 */
provider: string, 
/**
 * The provider's credential as logged.
 */
credential: string | null, 
/**
 * About the RSC the practitioner provides.
 */
about_rsc_provided: boolean, };

/**
 * Everything one person shared with me (the window's `shared_with_me`).
 */
export type SharedByPerson = { 
/**
 * Their name.
 */
name: string, 
/**
 * Their fingerprint (how commands name them).
 */
fingerprint: string, 
/**
 * Its short form, shown beside the name.
 */
short_fingerprint: string, 
/**
 * The name they were verified under, when their card has come back under another
 * since ("name changed from …").
 */
renamed_from: string | null, 
/**
 * Whether they are a verified contact still (only then can I reply or attest).
 */
verified: boolean, 
/**
 * Their reflections, newest first.
 */
reflections: Array<ReceivedReflection>, 
/**
 * Their sessions to confirm, oldest first.
 */
sessions: Array<ReceivedSession>, 
/**
 * My comments not yet sent back to them.
 */
unsent_comments: number, };

/**
 * What receiving a file did (the window's `receive_file`).
 */
export type ReceivedFile = { "type": "bundle", 
/**
 * The sender.
 */
from: string, 
/**
 * Reflections added or updated.
 */
reflections: number, 
/**
 * Sessions added or updated.
 */
sessions: number, 
/**
 * Comments attached to my reflections.
 */
comments: number, 
/**
 * Comments on reflections no longer in my journal (not kept).
 */
comments_skipped: number, 
/**
 * Received before: nothing changed.
 */
already_received: boolean, } | { "type": "attestation", 
/**
 * The supervisor who signed it.
 */
from: string, 
/**
 * Sessions it covers.
 */
sessions: number, 
/**
 * Of those, sessions in my log now shown as attested.
 */
matched: number, 
/**
 * Received before: nothing changed.
 */
already_received: boolean, };

/**
 * A comment to write on a reflection shared with me (`add_comment`).
 */
export type CommentRequest = { 
/**
 * The shared reflection's id.
 */
shared_id: string, 
/**
 * The comment.
 */
text: string, };

/**
 * Comments sent back in a file (`send_comments`).
 */
export type SentComments = { 
/**
 * Where the file was saved.
 */
path: string, 
/**
 * How many comments it holds.
 */
comments: number, };

/**
 * Sign the hours a practitioner sent (`sign_attestation`).
 */
export type AttestRequest = { 
/**
 * The practitioner's whole fingerprint: looked up exactly, never compared with a name.
 */
practitioner_fingerprint: string, 
/**
 * The sessions' days (open ends allowed).
 */
period: Period, };

/**
 * What a signed attestation says (the window's `sign_attestation`, `check_attestation`).
 */
export type AttestationView = { 
/**
 * Where it was saved (when just signed) or read from.
 */
path: string, 
/**
 * The supervisor who signed it.
 */
signer: string, 
/**
 * The signer's fingerprint, to compare with their card.
 */
signer_fingerprint: string, 
/**
 * Its short form, shown beside the signer's name: a name alone proves nothing.
 */
signer_short_fingerprint: string, 
/**
 * The practitioner's fingerprint.
 */
practitioner: string, 
/**
 * The practitioner's name as their card carried it when it was signed (shown with
 * every hidden character written out); `None` for a format-1 file, which names the
 * practitioner by fingerprint only.
 */
practitioner_name: string | null, 
/**
 * Its short form, shown beside the practitioner's name.
 */
practitioner_short_fingerprint: string, 
/**
 * First day covered.
 */
from: string, 
/**
 * Last day covered.
 */
to: string, 
/**
 * Sessions confirmed.
 */
sessions: number, 
/**
 * Their minutes.
 */
minutes: number, 
/**
 * Of which one-to-one.
 */
individual_minutes: number, 
/**
 * Of which in groups.
 */
group_minutes: number, 
/**
 * When it was signed.
 */
issued_at: string, };

/**
 * One supervisee on the desk.
 */
export type SuperviseeRow = { 
/**
 * Their name, as their card now says.
 */
name: string, 
/**
 * Their fingerprint, grouped (how commands name them).
 */
fingerprint: string, 
/**
 * Its short form, shown beside the name.
 */
short_fingerprint: string, 
/**
 * Whether they are a verified contact still (only then can I reply or sign).
 */
verified: boolean, 
/**
 * Reflections they shared not yet opened or marked seen (a reflection shared again
 * unchanged stays as it was; changed, it is new again).
 */
new: number, 
/**
 * My comments on their reflections not yet sent back.
 */
unsent: number, 
/**
 * Their reflections with no comment of mine, not marked discussed, not archived.
 */
unanswered: number, 
/**
 * Sessions they sent that name me as provider and that no attestation I issued covers.
 */
unsigned_sessions: number, 
/**
 * The day I signed the last attestation for them.
 */
last_attested: string | null, 
/**
 * The day of the latest session they logged with me (of those they sent).
 */
last_supervision: string | null, 
/**
 * My private notes about them.
 */
notes: number, };

/**
 * The supervisor's desk (`supervisees`): my role, which says whether the window opens on
 * it, and one row per person who sent me reflections or sessions.
 */
export type DeskView = { 
/**
 * The vault's role: a supervisor's window opens on the desk.
 */
role: Role, 
/**
 * One row per supervisee, by name.
 */
rows: Array<SuperviseeRow>, };

/**
 * A change of a shared reflection's state on the supervisor's desk.
 */
export type SharedMark = "seen" | "unseen" | "discussed" | "not_discussed" | "archived" | "unarchived";

/**
 * A change of a shared reflection's state on the desk (`mark_shared`).
 */
export type MarkSharedRequest = { 
/**
 * The shared reflection's record id.
 */
shared_id: string, 
/**
 * What to mark it.
 */
mark: SharedMark, };

/**
 * A reflection shared with me, as the desk shows it: with its state and my comments.
 */
export type DeskReflection = { 
/**
 * My record id of it (to mark it, comment on it).
 */
shared_id: string, 
/**
 * When it arrived (first, while it comes again unchanged).
 */
received_at: string, 
/**
 * Not opened since it arrived (or came back changed).
 */
new: boolean, 
/**
 * Marked discussed.
 */
discussed: boolean, 
/**
 * Put away as done.
 */
archived: boolean, 
/**
 * What was shared.
 */
reflection: SharedReflectionView, 
/**
 * My comments on it, oldest first.
 */
comments: Array<CommentView>, };

/**
 * One of my comments not sent yet, with the reflection it is on.
 */
export type UnsentComment = { 
/**
 * The comment.
 */
comment: CommentView, 
/**
 * My record id of the reflection it is on, when it is still shared with me.
 */
shared_id: string | null, 
/**
 * That reflection's title (empty when untitled or gone).
 */
title: string, };

/**
 * A private note about a supervisee, as written.
 */
export type NoteDraft = { 
/**
 * Whom it is about (their fingerprint: names change, keys do not).
 */
about: string, 
/**
 * The day it is about (today or before).
 */
date: string, 
/**
 * What do I notice in myself?
 */
in_me: string, 
/**
 * What might the parallel process be?
 */
parallel_process: string, 
/**
 * What will I hold in mind next time?
 */
next_time: string, 
/**
 * Anything else.
 */
text: string, };

/**
 * A saved private note about a supervisee.
 */
export type SuperviseeNote = { 
/**
 * Random id (hex).
 */
id: string, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When it was last saved.
 */
updated_at: string, 
/**
 * Whom it is about (their fingerprint: names change, keys do not).
 */
about: string, 
/**
 * The day it is about (today or before).
 */
date: string, 
/**
 * What do I notice in myself?
 */
in_me: string, 
/**
 * What might the parallel process be?
 */
parallel_process: string, 
/**
 * What will I hold in mind next time?
 */
next_time: string, 
/**
 * Anything else.
 */
text: string, };

/**
 * A private note about a supervisee (`add_supervisee_note`).
 */
export type NoteRequest = { 
/**
 * Whom it is about: their whole fingerprint.
 */
fingerprint: string, 
/**
 * The day it is about; today when absent.
 */
date: string | null, 
/**
 * What do I notice in myself?
 */
in_me: string, 
/**
 * What might the parallel process be?
 */
parallel_process: string, 
/**
 * What will I hold in mind next time?
 */
next_time: string, 
/**
 * Anything else.
 */
text: string, };

/**
 * An attestation I signed, in a list.
 */
export type IssuedRow = { 
/**
 * The attestation's id (as `attune verify` prints it).
 */
id: string, 
/**
 * Whom it is for, as their card now says.
 */
name: string, 
/**
 * Their fingerprint, grouped.
 */
fingerprint: string, 
/**
 * The day I signed it.
 */
signed_on: string, 
/**
 * First day covered.
 */
from: string, 
/**
 * Last day covered.
 */
to: string, 
/**
 * Sessions signed.
 */
sessions: number, 
/**
 * Their minutes.
 */
minutes: number, };

/**
 * Whether an attestation I issued covers a session someone sent me.
 */
export type SignedState = { "status": "unsigned" } | { "status": "signed", 
/**
 * The attestation's id (as `attune verify` prints it).
 */
attestation_id: string, 
/**
 * The day I signed it.
 */
signed_on: string, };

/**
 * A session a supervisee sent me, with what I can do about it.
 */
export type SessionToSign = { 
/**
 * My record id of it (a prefix of it ticks it: `attune attest --sessions`).
 */
shared_id: string, 
/**
 * Whether it names me as provider: only those can be signed by me.
 */
names_me: boolean, 
/**
 * Whether I signed it already, and in which attestation.
 */
signed: SignedState, 
/**
 * The practitioner's id of the session (attestations name it).
 */
id: string, 
/**
 * The day.
 */
date: string, 
/**
 * Clock minutes.
 */
minutes: number, 
/**
 * Individual or group.
 */
format: SessionFormat, 
/**
 * In person, virtual or phone.
 */
modality: Modality | null, 
/**
 * The provider as the practitioner named them.
 */
provider: string, 
/**
 * The provider's credential as logged.
 */
credential: string | null, 
/**
 * About the RSC the practitioner provides.
 */
about_rsc_provided: boolean, };

/**
 * One supervisee's page on the desk.
 */
export type SuperviseePage = { 
/**
 * Their name, as their card now says.
 */
name: string, 
/**
 * Their fingerprint, grouped (how commands name them).
 */
fingerprint: string, 
/**
 * Its short form.
 */
short_fingerprint: string, 
/**
 * Whether they are a verified contact still (only then can I reply or sign).
 */
verified: boolean, 
/**
 * My comments on their reflections not sent yet, oldest first.
 */
unsent: Array<UnsentComment>, 
/**
 * Their shared reflections, newest first (by day, then by arrival).
 */
reflections: Array<DeskReflection>, 
/**
 * My private notes about them, newest first.
 */
notes: Array<SuperviseeNote>, 
/**
 * The attestations I signed for them, newest first.
 */
issued: Array<IssuedRow>, 
/**
 * The sessions they sent, oldest first, each with whether I signed it and can.
 */
sessions: Array<SessionToSign>, };

/**
 * One line of the list: which reflection (or note) it comes from, and its text.
 */
export type PrepItem = { 
/**
 * The shared reflection's record id, or the note's.
 */
id: string, 
/**
 * Its date.
 */
date: string, 
/**
 * The reflection's title (empty for a note).
 */
title: string, 
/**
 * The text to bring.
 */
text: string, };

/**
 * Everything to have in hand for the next supervision with one person.
 */
export type SupervisionPrep = { 
/**
 * Their name.
 */
name: string, 
/**
 * Their fingerprint, grouped.
 */
fingerprint: string, 
/**
 * What they wrote to bring to supervision, newest first (archived reflections left out).
 */
to_bring: Array<PrepItem>, 
/**
 * Their reflections with no comment of mine, not discussed, not archived, newest first
 * (the text is the reflection's title, or its first section when untitled).
 */
unanswered: Array<PrepItem>, 
/**
 * What I wrote to hold in mind next time, in my private notes, newest first.
 */
my_notes: Array<PrepItem>, 
/**
 * My comments on their reflections not sent yet.
 */
unsent_comments: number, };

/**
 * A change to my comment not sent yet (`edit_comment`).
 */
export type EditCommentRequest = { 
/**
 * The comment's record id.
 */
id: string, 
/**
 * Its new text.
 */
text: string, };

/**
 * Sign the sessions ticked one by one (`sign_sessions`).
 */
export type SignSessionsRequest = { 
/**
 * The practitioner's whole fingerprint.
 */
practitioner_fingerprint: string, 
/**
 * My record ids of the sessions ticked.
 */
shared_ids: Array<string>, };
