// Settings apply as soon as a field holds a valid change: nothing waits for a Save button
// that could be forgotten. Saves go one at a time, each carrying every change made so far, so
// that two quick changes (the idle minutes, then the names) never undo each other; a refused
// value is marked on its field and is not carried by later saves.
import { toApiError } from "./api";
import {
  MAX_AUTO_LOCK_MINUTES,
  MAX_NAME_TO_AVOID_CHARS,
  MAX_NAMES_TO_AVOID,
  MIN_AUTO_LOCK_MINUTES,
  type Settings,
} from "./bindings";
import { describeError } from "./errors";

/** A setting kept in the vault, by its field name (as Rust names it in errors). */
export type SettingKey = keyof Settings;

/** What the page says beside a field. */
export type FieldStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved" }
  | { state: "error"; message: string; line: number | null };

/** Told of each field's status, with the settings as stored once a save went through. */
export type Report = (key: SettingKey, status: FieldStatus, stored?: Settings) => void;

const KEYS: Record<SettingKey, true> = {
  auto_lock_minutes: true,
  names_to_avoid: true,
  rule_set: true,
  provides_rsc: true,
  association: true,
  endorsement_category: true,
  endorsed_on: true,
  backup_folder: true,
};

/** The setting an error from Rust is about (its `field`), if it names one. */
export function settingOf(field: string | null | undefined): SettingKey | null {
  return field && Object.hasOwn(KEYS, field) ? (field as SettingKey) : null;
}

/**
 * The idle minutes as typed (a number field gives a number, or null when empty): a whole
 * number in the range the vault accepts, or why not.
 */
export function parseMinutes(
  typed: string | number | null | undefined,
): { ok: true; minutes: number } | { ok: false; message: string } {
  const trimmed = String(typed ?? "").trim();
  const n = Number(trimmed);
  if (trimmed === "" || !Number.isInteger(n) || n < MIN_AUTO_LOCK_MINUTES || n > MAX_AUTO_LOCK_MINUTES) {
    return {
      ok: false,
      message: `Choose a whole number of minutes from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`,
    };
  }
  return { ok: true, minutes: n };
}

/**
 * The names to avoid as typed, one per line, checked as the vault checks them (it also trims
 * them and drops blank lines and repeats), or why not and on which line.
 */
export function parseNames(
  text: string,
): { ok: true; names: string[] } | { ok: false; message: string; line: number | null } {
  const names = text.split("\n");
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    const trimmed = name.trim();
    if ([...trimmed].length > MAX_NAME_TO_AVOID_CHARS) {
      return {
        ok: false,
        message: `Line ${i + 1} is longer than ${MAX_NAME_TO_AVOID_CHARS} characters. Put one name on each line.`,
        line: i + 1,
      };
    }
    if (trimmed) seen.add(trimmed.toLowerCase());
  }
  if (seen.size > MAX_NAMES_TO_AVOID) {
    return { ok: false, message: `The list holds at most ${MAX_NAMES_TO_AVOID} names.`, line: null };
  }
  return { ok: true, names };
}

/** Saves settings field by field, in order (see the module comment). */
export class SettingsSaver {
  #stored: Settings;
  #wanted: Settings;
  #queue: Promise<void> = Promise.resolve();
  readonly #save: (settings: Settings) => Promise<Settings>;
  readonly #report: Report;

  constructor(stored: Settings, save: (settings: Settings) => Promise<Settings>, report: Report) {
    this.#stored = stored;
    this.#wanted = stored;
    this.#save = save;
    this.#report = report;
  }

  /** The settings as the vault last confirmed them. */
  get stored(): Settings {
    return this.#stored;
  }

  /** Whether `value` is already what `key` holds or is about to. */
  holds<K extends SettingKey>(key: K, value: Settings[K]): boolean {
    return same(this.#wanted[key], value);
  }

  /** Applies a valid change to `key`: saved after any save under way. Resolves when saved (or refused). */
  change<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    this.#wanted = { ...this.#wanted, [key]: value };
    this.#report(key, { state: "saving" });
    this.#queue = this.#queue.then(() => this.#send(key, true));
    return this.#queue;
  }

  async #send(key: SettingKey, retry: boolean): Promise<void> {
    const sending = this.#wanted;
    try {
      const stored = await this.#save(sending);
      this.#stored = stored;
      // What the vault tidied replaces what was sent; changes made since stay wanted.
      const wanted = { ...this.#wanted };
      for (const k of Object.keys(KEYS) as SettingKey[]) {
        if (same(wanted[k], sending[k])) (wanted as Record<SettingKey, unknown>)[k] = stored[k];
      }
      this.#wanted = wanted;
      this.#report(key, { state: "saved" }, stored);
    } catch (raw) {
      const error = toApiError(raw);
      const at = settingOf(error.field) ?? key;
      // The refused value is not carried by later saves.
      this.#wanted = { ...this.#wanted, [at]: this.#stored[at] };
      this.#report(at, { state: "error", message: describeError(error), line: error.line });
      if (at !== key && retry) {
        // Another field's earlier value was refused: this one's change goes on without it.
        await this.#send(key, false);
      } else if (at !== key) {
        this.#report(key, { state: "idle" });
      }
    }
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}
