// Words about backups shared by Settings and the banner of a failed automatic backup.
import type { BackupFailure, BackupReason } from "./bindings";

const WHEN: Record<BackupReason, string> = {
  manual: "asked for",
  lock: "taken when the journal locked",
  quit: "taken when Attune quit",
  daily: "of the day",
  before_migration: "taken before an update",
  before_import: "taken before an import",
  before_restore: "taken before a restore",
  before_passphrase_change: "taken before a passphrase change",
};

/** "The backup taken when the journal locked on 2 December at 15:40 could not be written
 *  to /media/usb (…)." — one sentence per failure, every folder named with its reason. */
export function describeBackupFailure(failure: BackupFailure, locale?: string): string {
  const at = new Date(failure.at).toLocaleString(locale, {
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
  });
  const where = failure.folders.map((f) => `${f.folder} (${f.message})`).join("; ");
  return `The backup ${WHEN[failure.reason]} on ${at} could not be written to ${where}.`;
}
