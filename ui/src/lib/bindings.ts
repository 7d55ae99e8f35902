// Generated from src-tauri/src/gui/ipc.rs by src-tauri/src/gui/bindings.rs: do not edit.
// Regenerate with: UPDATE_BINDINGS=1 cargo test -p attune bindings

/** Shortest passphrase a new vault accepts, in characters. */
export const MIN_PASSPHRASE_CHARS = 8;

/** Letters and digits in a recovery key, without the hyphens. */
export const RECOVERY_KEY_CHARS = 56;

/** The auto-lock time the vault accepts, in minutes. */
export const MIN_AUTO_LOCK_MINUTES = 1;
export const MAX_AUTO_LOCK_MINUTES = 240;

/**
 * Stable, machine-readable error codes. They cross IPC as `{code, message}`; the UI branches
 * on the code, never on message text.
 */
export type ErrorCode = "vault_not_found" | "vault_exists" | "vault_too_new" | "vault_in_use" | "vault_damaged" | "wrong_passphrase" | "wrong_recovery_key" | "recovery_key_invalid" | "passphrase_rejected" | "kdf_params_out_of_bounds" | "record_damaged" | "not_found" | "ambiguous_id" | "invalid_input" | "storage" | "locked" | "internal";

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
message: string, };

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
name?: string, };

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
damaged: number, };

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
 * Which reflections to list (`list_reflections`).
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
excerpt: Array<Segment>, };

/**
 * A page of the journal (`list_reflections`).
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
 * What the journal's filters can offer (`journal_facets`).
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
draft: ReflectionDraft, };

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
names_to_avoid: Array<string>, };

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
