// Generated from src-tauri/src/gui/ipc.rs by src-tauri/src/gui/bindings.rs: do not edit.
// Regenerate with: UPDATE_BINDINGS=1 cargo test -p attune bindings

/** Shortest passphrase a new vault accepts, in characters. */
export const MIN_PASSPHRASE_CHARS = 8;

/** Letters and digits in a recovery key, without the hyphens. */
export const RECOVERY_KEY_CHARS = 56;

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
 * A vault just created, unlocked, with the recovery key to show once.
 */
export type CreatedVault = { 
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
