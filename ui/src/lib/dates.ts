// Dates as the window shows them and as people type them: in the user's locale, one way
// everywhere. Inside the program (IPC, files) a day is ISO `YYYY-MM-DD` with no time zone; it
// is never parsed through `Date` strings, which would shift it by the zone. Only this module
// turns days into text for people and typed text back into days.

/** Today's date on this computer's calendar, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The UTC midnight of a `YYYY-MM-DD` day, or null if it is not a real calendar day. */
function utcDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Years below 100 would be taken as 19xx by Date.UTC.
  date.setUTCFullYear(y);
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real ? date : null;
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return utcDay(text) !== null;
}

/** `day` moved by `delta` days (itself if it is not a date). */
export function addDays(day: string, delta: number): string {
  const date = utcDay(day);
  if (!date) return day;
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** The day before `iso` (itself if it is not a date). */
export function previousDay(iso: string): string {
  return addDays(iso, -1);
}

// ---------------------------------------------------------------------------------------
// The locale

/** A usable locale tag from the candidates, first that works; `en-US` if none does. */
export function pickLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const tag of candidates) {
    if (!tag) continue;
    try {
      const found = Intl.DateTimeFormat.supportedLocalesOf([tag])[0];
      if (found) return found;
    } catch {
      // Not a locale tag at all (WebKit reports "C" under the POSIX locale).
    }
  }
  return "en-US";
}

/**
 * The locale of the window: WebKit's language (which follows the system's), unless the page
 * was loaded with `?locale=TAG` (the end-to-end tests show each locale that way).
 */
const LOCALE = pickLocale([
  typeof location === "undefined" ? null : new URLSearchParams(location.search).get("locale"),
  typeof navigator === "undefined" ? null : navigator.language,
]);

/** The locale dates are shown and typed in. */
export function userLocale(): string {
  return LOCALE;
}

// Every format is Gregorian with Western digits, as the fields are typed, and reads the day
// in UTC because days carry no time zone.
const FIXED = { calendar: "gregory", numberingSystem: "latn", timeZone: "UTC" } as const;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${key}`;
  let found = formats.get(id);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...FIXED, ...options });
    formats.set(id, found);
  }
  return found;
}

// Marks that only steer the direction of text (right-to-left locales put them round "/").
const DIRECTION_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export type DatePart = "year" | "month" | "day";

/** How a locale writes a day in digits: the order of its parts and what goes between them. */
export interface DatePattern {
  order: [DatePart, DatePart, DatePart];
  /** Between the first and second part, and between the second and third. */
  separators: [string, string];
  /** After the last part (Korean and Hungarian end with "."). */
  suffix: string;
  /** What to type, e.g. "MM/DD/YYYY". */
  hint: string;
}

/** Digits in each part: the year is always written in full. */
export const PART_LENGTH: Record<DatePart, number> = { year: 4, month: 2, day: 2 };
const PART_HINT: Record<DatePart, string> = { year: "YYYY", month: "MM", day: "DD" };

const ISO_PATTERN: DatePattern = { order: ["year", "month", "day"], separators: ["-", "-"], suffix: "", hint: "YYYY-MM-DD" };
const patterns = new Map<string, DatePattern>();

/** The locale's numeric date, as its own short date format writes it (e.g. 11/30/2026). */
export function datePattern(locale: string = LOCALE): DatePattern {
  const known = patterns.get(locale);
  if (known) return known;
  const parts = format(locale, "digits", { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    new Date(Date.UTC(2026, 10, 30)),
  );
  const order: DatePart[] = [];
  const literals: string[] = [];
  for (const part of parts) {
    if (part.type === "year" || part.type === "month" || part.type === "day") {
      order.push(part.type);
      literals.push("");
    } else if (part.type === "literal" && order.length > 0) {
      literals[order.length - 1] += part.value.replace(DIRECTION_MARKS, "");
    }
  }
  let pattern = ISO_PATTERN;
  const [a, b, c] = order;
  const [sepA, sepB] = literals;
  if (a && b && c && new Set(order).size === 3 && sepA && sepB && !/\d/.test(literals.join(""))) {
    const suffix = literals[2] ?? "";
    pattern = {
      order: [a, b, c],
      separators: [sepA, sepB],
      suffix,
      hint: `${PART_HINT[a]}${sepA}${PART_HINT[b]}${sepB}${PART_HINT[c]}${suffix}`.trim(),
    };
  }
  patterns.set(locale, pattern);
  return pattern;
}

// ---------------------------------------------------------------------------------------
// Showing days

export type DayStyle = "numeric" | "weekday" | "long";

/**
 * A `YYYY-MM-DD` day as the window shows it, in the user's locale (the day itself if it is
 * not one). "numeric" is exactly what the date fields show and take (11/30/2026 in the US,
 * 30/11/2026 in the UK, 2026-11-30 in Sweden); "weekday" puts the day of the week before it,
 * for lists (Mon 11/30/2026); "long" spells it out, for headings (Monday, November 30, 2026).
 */
export function formatDay(iso: string, style: DayStyle = "numeric", locale: string = LOCALE): string {
  const date = utcDay(iso);
  if (!date) return iso;
  if (style === "long") {
    return format(locale, "long", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date);
  }
  const p = datePattern(locale);
  const value: Record<DatePart, string> = { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10) };
  const digits = `${value[p.order[0]]}${p.separators[0]}${value[p.order[1]]}${p.separators[1]}${value[p.order[2]]}${p.suffix}`;
  if (style === "numeric") return digits;
  return `${format(locale, "weekday", { weekday: "short" }).format(date)} ${digits}`;
}

/** "Today", "Yesterday", or the day spelled out ("Monday, November 16, 2026"). */
export function dayHeading(iso: string, today: string, locale: string = LOCALE): string {
  if (iso === today) return "Today";
  if (iso === previousDay(today)) return "Yesterday";
  return formatDay(iso, "long", locale);
}

/** A `YYYY-MM` month (or a day in it) as "November 2026", or "Nov 2026" when `short`. */
export function formatMonth(month: string, short = false, locale: string = LOCALE): string {
  const date = utcDay(`${month.slice(0, 7)}-01`);
  if (!date) return month;
  return format(locale, short ? "month-short" : "month", { month: short ? "short" : "long", year: "numeric" }).format(date);
}

/** A clock time on this computer, in the locale's way ("21:04", or "9:04 PM" in the US). */
export function clockTime(date: Date, locale: string = LOCALE): string {
  const id = `${locale}|clock`;
  let clock = formats.get(id);
  if (!clock) {
    // On this computer's clock, not UTC: a moment, not a day.
    clock = new Intl.DateTimeFormat(locale, { timeStyle: "short", numberingSystem: "latn" });
    formats.set(id, clock);
  }
  return clock.format(date);
}

/**
 * A recorded moment (RFC 3339, as Rust writes them) as the day it was on this computer's
 * calendar, and the time too when asked: "11/30/2026" or "11/30/2026, 9:04 PM". Null if it is
 * not a moment.
 */
export function formatMoment(moment: string, withTime = false, locale: string = LOCALE): string | null {
  // Rust writes up to nine digits of the second; JavaScript dates are sure to read three.
  const at = new Date(moment.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(at.getTime())) return null;
  const day = formatDay(todayIso(at), "numeric", locale);
  return withTime ? `${day}, ${clockTime(at, locale)}` : day;
}

/** Items with a `date`, in runs of the same day, keeping their order. */
export function groupByDay<T extends { date: string }>(items: readonly T[]): { date: string; items: T[] }[] {
  const groups: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.date === item.date) last.items.push(item);
    else groups.push({ date: item.date, items: [item] });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------
// Typing days

interface Segments {
  /** The digits typed for each part, in the locale's order. */
  digits: [string, string, string];
  /** How many parts are finished (full, or ended by a typed separator). */
  done: number;
}

/**
 * Reads typed text into the locale's parts. A part ends when it is full, when a separator
 * (any non-digit) is typed after some digits, or at once when its first digit cannot start a
 * two-digit month (2-9) or day (4-9). A part ended early gets its leading zero.
 */
function segments(text: string, pattern: DatePattern): Segments {
  const digits: [string, string, string] = ["", "", ""];
  let done = 0;
  for (const ch of text) {
    if (done >= 3) break;
    const part = pattern.order[done] as DatePart;
    if (ch >= "0" && ch <= "9") {
      digits[done] += ch;
      const early = digits[done]!.length === 1 && ((part === "month" && ch > "1") || (part === "day" && ch > "3"));
      if (early) digits[done] = `0${ch}`;
      if (digits[done]!.length === PART_LENGTH[part]) done++;
    } else if (digits[done] !== "") {
      if (part !== "year") digits[done] = digits[done]!.padStart(PART_LENGTH[part], "0");
      done++;
    }
  }
  return { digits, done };
}

/** A whole ISO day typed or pasted as such is taken in any locale. */
const TYPED_ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

/**
 * What a date field shows for what was typed: the digits in the locale's parts, with the
 * separators filled in as each part is finished ("1130" → "11/30/" in the US). While
 * `deleting`, a separator is not added back after the last digit, so Backspace can remove it.
 */
export function shapeTyped(text: string, deleting = false, locale: string = LOCALE): string {
  const pattern = datePattern(locale);
  const iso = TYPED_ISO.exec(text);
  if (iso && pattern.order[0] !== "year") {
    const [y, m, d] = [iso[1], iso[2]!.padStart(2, "0"), iso[3]!.padStart(2, "0")];
    return formatDay(`${y}-${m}-${d}`, "numeric", locale);
  }
  const { digits, done } = segments(text, pattern);
  let out = digits[0];
  if (done >= 1) out += pattern.separators[0] + digits[1];
  if (done >= 2) out += pattern.separators[1] + digits[2];
  if (done >= 3) out += pattern.suffix;
  if (deleting && !/\D$/.test(text)) out = out.replace(/\D+$/, "");
  return out;
}

/** Where the caret goes in `shaped` to stay after the first `count` digits. */
export function caretAfterDigits(shaped: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < shaped.length; i++) {
    if (/\d/.test(shaped[i]!) && ++seen === count) {
      // Past the separator that follows a finished part, so typing carries on.
      let at = i + 1;
      while (at < shaped.length && !/\d/.test(shaped[at]!)) at++;
      return at;
    }
  }
  return shaped.length;
}

export type TypedDay =
  | { kind: "empty" }
  | { kind: "partial" }
  | { kind: "impossible"; reason: string }
  | { kind: "day"; iso: string };

/** What a date field's text says: nothing, not yet a whole date, no such day, or a day. */
export function readTyped(text: string, locale: string = LOCALE): TypedDay {
  if (text.trim() === "") return { kind: "empty" };
  const pattern = datePattern(locale);
  const iso = TYPED_ISO.exec(text);
  let value: Record<DatePart, string>;
  if (iso) {
    value = { year: iso[1]!, month: iso[2]!.padStart(2, "0"), day: iso[3]!.padStart(2, "0") };
  } else {
    const { digits } = segments(text, pattern);
    value = { year: "", month: "", day: "" };
    pattern.order.forEach((part, i) => (value[part] = digits[i]!));
    // A part is finished when full; a single digit was padded if a separator ended it.
    if (value.year.length < 4 || value.month.length < 2 || value.day.length < 2) return { kind: "partial" };
  }
  const [y, m, d] = [Number(value.year), Number(value.month), Number(value.day)];
  if (m < 1 || m > 12) return { kind: "impossible", reason: `there is no month ${m}` };
  if (d < 1) return { kind: "impossible", reason: "there is no day 0" };
  const day = `${value.year}-${value.month}-${value.day}`;
  if (!isIsoDate(day)) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { kind: "impossible", reason: `${formatMonth(day.slice(0, 7), false, locale)} has ${last} days` };
  }
  return { kind: "day", iso: day };
}

export interface DayLimits {
  /** The earliest day allowed (`YYYY-MM-DD`). */
  min?: string | undefined;
  /** The latest day allowed (`YYYY-MM-DD`). */
  max?: string | undefined;
  /** Whether an empty field is a problem. */
  required?: boolean | undefined;
  /** Today (for saying "has not happened yet"); the computer's today by default. */
  today?: string | undefined;
}

/**
 * A date field's text checked: its day (`YYYY-MM-DD`, or "" when empty or wrong), and what is
 * wrong in words naming the field (`label`), or "".
 */
export function checkTyped(
  label: string,
  text: string,
  limits: DayLimits = {},
  locale: string = LOCALE,
): { value: string; problem: string } {
  const { hint } = datePattern(locale);
  const typed = readTyped(text, locale);
  const shown = text.trim();
  const wrong = (problem: string) => ({ value: "", problem: `${label}: ${problem}` });
  switch (typed.kind) {
    case "empty":
      return limits.required ? wrong(`type the day as ${hint}, or choose it from the calendar.`) : { value: "", problem: "" };
    case "partial":
      return wrong(`“${shown}” is not a whole date; type it as ${hint}.`);
    case "impossible":
      return wrong(`${shown} is not a date: ${typed.reason}.`);
    case "day":
      break;
  }
  const day = typed.iso;
  const today = limits.today ?? todayIso();
  if (limits.min && day < limits.min) {
    return wrong(`${formatDay(day, "numeric", locale)} is before ${formatDay(limits.min, "numeric", locale)}; check the year.`);
  }
  if (limits.max && day > limits.max) {
    return wrong(
      limits.max === today
        ? `${formatDay(day, "numeric", locale)} has not happened yet; choose today or an earlier day.`
        : `${formatDay(day, "numeric", locale)} is after ${formatDay(limits.max, "numeric", locale)}, the latest day it can be; check the year.`,
    );
  }
  return { value: day, problem: "" };
}
