// When the vault's ways in were last set, as the unlock screen says it: an owner who sees a
// recovery key made on a day they did not make one knows someone else did. Dates the vault
// does not record (older vaults) are not mentioned at all.
import type { KeyDates } from "./bindings";
import { formatMoment } from "./dates";

/**
 * A recorded moment (RFC 3339) as a day on this computer's calendar, written as the window
 * writes days (e.g. "03/02/2026" in the US), or with `format` when given.
 */
export function localDay(moment: string, format?: Intl.DateTimeFormat): string | null {
  if (!format) return formatMoment(moment);
  // Rust writes up to nine digits of the second; JavaScript dates are sure to read three.
  const at = new Date(moment.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(at.getTime()) ? null : format.format(at);
}

/** The sentences to show, recovery key first; none for dates that are not recorded. */
export function keyDateLines(dates: KeyDates, format?: Intl.DateTimeFormat): string[] {
  const lines: string[] = [];
  const key = dates.recovery_key_made_at ? localDay(dates.recovery_key_made_at, format) : null;
  if (key) lines.push(`Recovery key made on ${key}.`);
  const pass = dates.passphrase_set_at ? localDay(dates.passphrase_set_at, format) : null;
  if (pass) lines.push(`Passphrase set on ${pass}.`);
  return lines;
}
