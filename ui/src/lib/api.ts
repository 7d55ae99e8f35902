// The one place in the UI that talks to Rust. Every command's argument and result types come
// from bindings.ts, which is generated from the Rust types (src-tauri/src/gui/ipc.rs).
import { invoke } from "@tauri-apps/api/core";

import type {
  CommandError,
  CreateVaultRequest,
  CreatedVault,
  ErrorCode,
  UnlockRequest,
  UnlockedVault,
  VaultStatus,
} from "./bindings";

/** A failed command. Branch on `code`; show `message` only as a fallback. */
export class ApiError extends Error implements CommandError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

// Every code, checked by the compiler against the generated union (a missing or unknown code
// does not type-check), so an error from Rust is recognised without trusting its shape.
const CODES: Record<ErrorCode, true> = {
  vault_not_found: true,
  vault_exists: true,
  vault_too_new: true,
  vault_in_use: true,
  vault_damaged: true,
  wrong_passphrase: true,
  wrong_recovery_key: true,
  recovery_key_invalid: true,
  passphrase_rejected: true,
  kdf_params_out_of_bounds: true,
  record_damaged: true,
  not_found: true,
  ambiguous_id: true,
  invalid_input: true,
  storage: true,
  locked: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(CODES, value);
}

/**
 * Turns whatever a rejected `invoke` gave into an ApiError. Commands reject with
 * `{code, message}`; Tauri itself rejects with a plain string (e.g. a command the capability
 * does not allow), which becomes `internal`.
 */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (typeof raw === "object" && raw !== null) {
    const { code, message } = raw as { code?: unknown; message?: unknown };
    if (isErrorCode(code)) {
      return new ApiError(code, typeof message === "string" ? message : "");
    }
  }
  const text = raw instanceof Error ? raw.message : String(raw);
  return new ApiError("internal", text);
}

type Commands = {
  vault_status: { args: Record<string, never>; result: VaultStatus };
  create_vault: { args: { request: CreateVaultRequest }; result: CreatedVault };
  unlock_vault: { args: { request: UnlockRequest }; result: UnlockedVault };
  lock_vault: { args: Record<string, never>; result: null };
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

/** Where the vault is, whether it exists, whether it is unlocked. */
export function vaultStatus(): Promise<VaultStatus> {
  return call("vault_status", {});
}

/** Creates the vault (left unlocked) and returns the recovery key to show once. */
export function createVault(request: CreateVaultRequest): Promise<CreatedVault> {
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
