// Opening a journal from a synced folder: which of the form's fields a refusal from Rust is
// about. Branches on the error's code and field, never on its message.
import type { ApiError } from "./api";

/** The join form's fields, and `form` for a refusal about none of them. */
export type JoinField = "folder" | "secret" | "device" | "form";

/** The field to mark for a failed join. */
export function joinProblemField(error: Pick<ApiError, "code" | "field">): JoinField {
  switch (error.code) {
    case "wrong_passphrase":
    case "wrong_recovery_key":
    case "recovery_key_invalid":
    case "kdf_params_out_of_bounds":
      return "secret";
    default:
      break;
  }
  if (error.field === "folder") return "folder";
  if (error.field === "device-name") return "device";
  return "form";
}
