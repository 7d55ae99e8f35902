// What each error code means to the person at the keyboard. The UI branches on the code only;
// Rust's message is shown where it carries useful detail (which part of a recovery key is
// wrong, why a passphrase was refused).
import type { ApiError } from "./api";
import type { ErrorCode } from "./bindings";
import { sentence } from "./sentence";

type Words = string | ((message: string) => string);

const detail = (lead: string) => (message: string) =>
  message ? `${lead} ${sentence(message)}` : lead;

const WORDS: Record<ErrorCode, Words> = {
  wrong_passphrase: "That passphrase does not open this journal.",
  wrong_recovery_key: "That recovery key does not open this journal.",
  // Rust's message says where and when it was changed, and what opens the journal now.
  passphrase_changed_elsewhere: (message) =>
    sentence(message) || "This passphrase was changed on another device. Unlock with the new one, or with the recovery key.",
  recovery_key_invalid: detail("That recovery key is not quite right."),
  passphrase_rejected: detail("Please choose another passphrase."),
  vault_not_found: "There is no journal here yet.",
  vault_exists: "A journal already exists here. Unlock it instead.",
  vault_too_new: detail("This journal needs a newer version of Attune."),
  vault_in_use: "This journal is open in another Attune window or command. Close it there first.",
  vault_damaged: detail("The journal could not be read."),
  kdf_params_out_of_bounds: detail("The journal asks for unsafe unlock settings, so it was not opened."),
  record_damaged: detail("A record could not be opened."),
  not_found: detail("Not found."),
  ambiguous_id: detail("That matches more than one item."),
  invalid_input: detail("Please check what you entered."),
  storage: detail("Attune could not read or write its files."),
  not_a_backup: "This file is not an Attune backup.",
  backup_damaged: detail("This backup is damaged, so nothing was restored from it."),
  backup_too_new: detail("This backup needs a newer version of Attune."),
  share_not_for_me: detail("This file is not meant for you."),
  share_sender_unknown: detail("This file comes from someone who is not one of your contacts."),
  share_sender_unverified: detail("This file comes from a contact you have not verified yet."),
  share_version: detail("This file needs a newer version of Attune."),
  share_replayed: detail("This file reuses the id of one you received before."),
  share_bad_signature: detail("This file was changed after it was signed, so it was not trusted."),
  share_damaged: detail("This file is damaged or is not an Attune file."),
  share_stale: detail("This file is older than one you already received from the same person."),
  locked: "The journal is locked. Unlock it first.",
  internal: detail("Something went wrong inside Attune."),
};

/** The plain-words message to show for a failed command. */
export function describeError(error: Pick<ApiError, "code" | "message">): string {
  const words = WORDS[error.code];
  return typeof words === "string" ? words : words(error.message);
}
