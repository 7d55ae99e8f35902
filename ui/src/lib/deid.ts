// De-identification hints: spots what could identify a family in a reflection (phone numbers,
// e-mail addresses, full dates, street addresses, names from the writer's "names to avoid" list)
// so the editor can underline it and offer a one-click replacement. It is advice, not a gate, and
// it never leaves the machine: pure functions over the text being written.
//
// Runs on every (debounced) keystroke over reflections of tens of thousands of characters, so:
// - every pattern is bounded (no nested unbounded quantifiers, no backtracking blow-ups);
// - e-mail addresses are found by expanding around each "@" in code rather than by a regex;
// - no lookbehind assertions (older WebKit engines reject them when the module loads): a pattern
//   starts with a captured "boundary" group instead, and the hint starts after it.
// Offsets are UTF-16 indices into the original text, so `text.slice(h.start, h.end) === h.text`.
// Names are compared on a folded copy (case, accents, compatibility forms) that keeps a map back
// to the original offsets; the text itself is never normalised.

export type HintKind = "phone" | "email" | "full_date" | "address" | "name";

export interface Hint {
  kind: HintKind;
  /** UTF-16 offset of the first character, into the text as given. */
  start: number;
  /** UTF-16 offset just past the last character (exclusive). */
  end: number;
  /** `text.slice(start, end)`. */
  text: string;
}

/**
 * Everything in `text` that could identify a family, sorted by `start`, never overlapping.
 *
 * When candidates overlap, the longest span wins (it hides the most); on equal length the kind
 * order email, phone, full_date, address, name decides, then the earlier start. So
 * "lucia.gomez@example.org" is one e-mail hint even if "Gomez" is a name to avoid, and
 * "March 14, 2023" is one date hint even if "March" is.
 *
 * `namesToAvoid` entries match whole words only, ignoring case and accents ("Lucía" finds
 * "LUCIA" but "Ana" does not find "banana"); a multi-word entry ("Mary Ann") matches across any
 * spaces or hyphens ("Mary-Ann"). Blank entries are ignored.
 */
export function findHints(text: string, namesToAvoid: readonly string[]): Hint[] {
  if (text.length === 0) return [];
  const candidates: Hint[] = [];
  findEmails(text, candidates);
  findPhones(text, candidates);
  findDates(text, candidates);
  findAddresses(text, candidates);
  findNames(text, namesToAvoid, candidates);
  return resolveOverlaps(candidates);
}

/**
 * `text` with `hint` replaced by `replacement`, everything around it untouched. If the hint is
 * stale (the text changed since it was found and no longer holds `hint.text` at its offsets) the
 * text is returned unchanged: a debounced hint must never overwrite what the writer typed since.
 */
export function replaceHint(text: string, hint: Hint, replacement: string): string {
  if (!isCurrent(text, hint)) return text;
  return text.slice(0, hint.start) + replacement + text.slice(hint.end);
}

/**
 * `text` with every hint "like" `hint` replaced by `replacement`: the same kind and the same
 * thing, compared the way it was found (a name ignoring case, accents and spacing, so replacing
 * "Lucía" also replaces "LUCIA"; a phone number by its digits; an e-mail ignoring case). Hints
 * are found again in the current text with `namesToAvoid`, so a stale `hint` is harmless: only
 * its kind and text are used.
 */
export function replaceAllOf(
  text: string,
  hint: Hint,
  replacement: string,
  namesToAvoid: readonly string[],
): string {
  const key = sameKey(hint.kind, hint.text);
  const same = findHints(text, namesToAvoid).filter(
    (h) => h.kind === hint.kind && sameKey(h.kind, h.text) === key,
  );
  let out = text;
  for (let i = same.length - 1; i >= 0; i--) {
    const h = same[i];
    if (h) out = out.slice(0, h.start) + replacement + out.slice(h.end);
  }
  return out;
}

/** One plain sentence for the hover explanation of a hint. */
export function describeHint(kind: HintKind): string {
  switch (kind) {
    case "phone":
      return "A phone number leads straight to a family; leave it out of the reflection.";
    case "email":
      return "An e-mail address names a person; leave it out, or write the pseudonym instead.";
    case "full_date":
      return "A full date can identify a family (a date of birth); the child's age in months is safer.";
    case "address":
      return "A street address shows where a family lives; a general description such as \"their flat\" is safer.";
    case "name":
      return "This is on your list of names to avoid; use the family's pseudonym or initials instead.";
  }
}

// ---------------------------------------------------------------------------------------------
// Overlaps

const PRIORITY: Readonly<Record<HintKind, number>> = {
  email: 0,
  phone: 1,
  full_date: 2,
  address: 3,
  name: 4,
};

function resolveOverlaps(candidates: readonly Hint[]): Hint[] {
  const order = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      PRIORITY[a.kind] - PRIORITY[b.kind] ||
      a.start - b.start,
  );
  const kept: Hint[] = []; // sorted by start, pairwise disjoint
  for (const c of order) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid]?.start ?? 0) < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if (prev !== undefined && prev.end > c.start) continue;
    if (next !== undefined && next.start < c.end) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}

function isCurrent(text: string, hint: Hint): boolean {
  return (
    hint.start >= 0 &&
    hint.end <= text.length &&
    hint.start < hint.end &&
    text.slice(hint.start, hint.end) === hint.text
  );
}

function sameKey(kind: HintKind, text: string): string {
  switch (kind) {
    case "phone":
      return text.replace(/\D+/g, "");
    case "email":
      return text.toLowerCase();
    case "name":
      return foldString(text).split(NAME_SEPARATORS).filter(Boolean).join(" ");
    case "full_date":
    case "address":
      return foldString(text).replace(/\s+/gu, " ");
  }
}

// ---------------------------------------------------------------------------------------------
// Matching helpers

/** Every match of a global regex, from the start. */
function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/**
 * The hint in a match of a pattern shaped `(boundary)(hint)…`: group 1 is the character before
 * the hint (or nothing at the start of the text), group 2 the hint itself.
 */
function hintOf(kind: HintKind, m: RegExpExecArray): Hint {
  const start = m.index + (m[1] ?? "").length;
  const text = m[2] ?? "";
  return { kind, start, end: start + text.length, text };
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses: expand around each "@" (linear, whatever the text).

const EMAIL_LOCAL = /^[\p{L}\p{N}._%+-]$/u;
const EMAIL_DOMAIN = /^[\p{L}\p{N}.-]$/u;
const EMAIL_TLD = /^\p{L}{2,}$/u;

function isEmailLocal(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) {
    return (
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || "._%+-".includes(ch)
    );
  }
  return EMAIL_LOCAL.test(ch);
}

function isEmailDomain(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || ch === "." || ch === "-";
  }
  return EMAIL_DOMAIN.test(ch);
}

function findEmails(text: string, out: Hint[]): void {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && isEmailLocal(text.charAt(start - 1))) start--;
    while (start < at && text.charAt(start) === ".") start++;
    let end = at + 1;
    while (end < text.length && isEmailDomain(text.charAt(end))) end++;
    while (end > at + 1 && (text.charAt(end - 1) === "." || text.charAt(end - 1) === "-")) end--;
    if (start === at || end === at + 1) continue;
    const labels = text.slice(at + 1, end).split(".");
    if (labels.length < 2 || labels.some((l) => l.length === 0)) continue;
    if (!EMAIL_TLD.test(labels[labels.length - 1] ?? "")) continue;
    out.push({ kind: "email", start, end, text: text.slice(start, end) });
  }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers. Three shapes, each bounded; the end may not run into more digits.

const SP = "[ \\u00A0]"; // a space inside a number
const SEP = "[ \\u00A0.\\-]"; // a separator between digit groups
const PHONE_BOUNDARY = "(^|[^\\p{L}\\p{N}+])";
const PHONE_END = "(?!\\d)(?![.\\-]\\d)";

const PHONE_PATTERNS: readonly { re: RegExp; minDigits: number; maxDigits: number }[] = [
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, 1-800-555-1234.
  {
    re: new RegExp(
      `${PHONE_BOUNDARY}((?:\\+?1${SEP}?)?(?:\\(\\d{3}\\)${SP}?|\\d{3}${SEP})\\d{3}${SEP}\\d{4})${PHONE_END}`,
      "gu",
    ),
    minDigits: 10,
    maxDigits: 11,
  },
  // International with a country code: +44 20 7946 0958, +44 (0)20 7946 0958, +33 6 12 34 56 78,
  // +49 30 12345678, +447946095800.
  {
    re: new RegExp(
      `${PHONE_BOUNDARY}(\\+\\d{1,3}(?:${SEP}?\\(\\d{1,4}\\)${SEP}?\\d{1,8}|${SEP}\\d{1,8}){1,6}|\\+\\d{7,15})${PHONE_END}`,
      "gu",
    ),
    minDigits: 8,
    maxDigits: 16,
  },
  // National with a trunk 0 and one repeated separator: 06 12 34 56 78, 020 7946 0958,
  // 07700 900123, 0612345678. The repeated separator and the digit count keep 04.03.2023 out.
  {
    re: new RegExp(
      `${PHONE_BOUNDARY}(0\\d{1,4}(${SEP})\\d{2,8}(?:\\3\\d{2,8}){0,5}|0\\d{9,10})${PHONE_END}`,
      "gu",
    ),
    minDigits: 9,
    maxDigits: 12,
  },
];

function findPhones(text: string, out: Hint[]): void {
  for (const { re, minDigits, maxDigits } of PHONE_PATTERNS) {
    for (const m of execAll(re, text)) {
      const h = hintOf("phone", m);
      const digits = countDigits(h.text);
      if (digits < minDigits || digits > maxDigits) continue;
      // Part of a longer dotted or dashed number (12-555-123-4567, 3.555 123 4567).
      const before = text.charAt(h.start - 1);
      if ((before === "." || before === "-" || before === "/") && isAsciiDigit(text[h.start - 2])) {
        continue;
      }
      out.push(h);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Full dates: day, month and year all present.

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTH_INDEX: readonly string[] = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];
const NUM_BOUNDARY = "(^|[^\\p{L}\\p{N}./\\-])";
const NUM_END = "(?!\\d)(?![./\\-]\\d)";
const ORDINAL = "(?:st|nd|rd|th)?";

// 03/14/2023, 14.03.2023, 14-03-2023, 3/14/23, 14.3.23 (no two-digit year with dashes).
const DATE_DMY_OR_MDY = new RegExp(
  `${NUM_BOUNDARY}((\\d{1,2})([./\\-])(\\d{1,2})\\4(\\d{4}|\\d{2}))${NUM_END}`,
  "gu",
);
// 2023-03-14, 2023/3/14, 2023.03.14.
const DATE_YMD = new RegExp(`${NUM_BOUNDARY}((\\d{4})([./\\-])(\\d{1,2})\\4(\\d{1,2}))${NUM_END}`, "gu");
// March 14, 2023; Mar 14 2023; Sept. 3rd, 2023.
const DATE_MONTH_DAY_YEAR = new RegExp(
  `(^|[^\\p{L}\\p{N}])(${MONTH}\\.?\\s+(\\d{1,2})(?!\\d)${ORDINAL}(?:,\\s*|\\s+)(\\d{4}))(?![\\p{L}\\p{N}])`,
  "giu",
);
// 14 March 2023; 14th of March, 2023; 14-Mar-2023.
const DATE_DAY_MONTH_YEAR = new RegExp(
  `(^|[^\\p{L}\\p{N}])((\\d{1,2})${ORDINAL}(?:\\s+(?:of\\s+)?|-)${MONTH}\\.?(?:,\\s*|\\s+|-)(\\d{4}))(?![\\p{L}\\p{N}])`,
  "giu",
);

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function isPlausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2099;
}

function monthNumber(name: string): number {
  return MONTH_INDEX.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function findDates(text: string, out: Hint[]): void {
  for (const m of execAll(DATE_DMY_OR_MDY, text)) {
    const a = Number(m[3]);
    const b = Number(m[5]);
    const y = m[6] ?? "";
    if (y.length === 2 && m[4] === "-") continue;
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    if (y.length === 4 && !isPlausibleYear(year)) continue;
    if (!isValidDate(year, b, a) && !isValidDate(year, a, b)) continue;
    out.push(hintOf("full_date", m));
  }
  for (const m of execAll(DATE_YMD, text)) {
    const year = Number(m[3]);
    if (!isPlausibleYear(year) || !isValidDate(year, Number(m[5]), Number(m[6]))) continue;
    out.push(hintOf("full_date", m));
  }
  for (const m of execAll(DATE_MONTH_DAY_YEAR, text)) {
    const year = Number(m[5]);
    if (!isPlausibleYear(year) || !isValidDate(year, monthNumber(m[3] ?? ""), Number(m[4]))) continue;
    out.push(hintOf("full_date", m));
  }
  for (const m of execAll(DATE_DAY_MONTH_YEAR, text)) {
    const year = Number(m[5]);
    if (!isPlausibleYear(year) || !isValidDate(year, monthNumber(m[4] ?? ""), Number(m[3]))) continue;
    out.push(hintOf("full_date", m));
  }
}

// ---------------------------------------------------------------------------------------------
// Street addresses: a house number, one to four street-name words (capitalised, or an ordinal
// such as 5th), a street word, optionally an apartment. The capital letter is what keeps
// "3 weeks on the road" out; "12 oak street" in lower case is therefore not found.

const STREET_WORDS: readonly string[] = [
  "Street", "St", "Avenue", "Ave", "Av", "Road", "Rd", "Lane", "Ln", "Drive", "Dr",
  "Boulevard", "Blvd", "Court", "Ct", "Way", "Place", "Pl", "Terrace", "Terr", "Ter",
  "Circle", "Cir", "Parkway", "Pkwy", "Highway", "Hwy", "Square", "Sq", "Trail", "Trl",
  "Crescent", "Cres", "Close", "Grove", "Gardens", "Mews", "Alley", "Plaza",
];
const APARTMENT_WORDS: readonly string[] = ["Apartment", "Apt", "Unit", "Suite", "Ste", "Flat", "Room", "Rm"];

/** "Street" -> "[Ss]treet|STREET": either capitalisation of the first letter, or all capitals. */
function anyFirstCase(word: string): string {
  const first = word.charAt(0);
  return `[${first.toUpperCase()}${first.toLowerCase()}]${word.slice(1)}|${word.toUpperCase()}`;
}

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map(anyFirstCase)
    .join("|");
}

const ADDRESS = new RegExp(
  "(^|[^\\p{L}\\p{N}])(" +
    "\\d{1,5}[A-Za-z]?(?:[/\\-]\\d{1,5}[A-Za-z]?)?" + // 12, 12B, 12-14
    `${SP}+` +
    `((?:(?:\\p{Lu}[\\p{L}'’\\-]{0,40}\\.?|\\d{1,3}(?:st|nd|rd|th))${SP}+){1,4})` + // Oak, West 5th
    `(${alternation(STREET_WORDS)})` +
    // A full stop right after the street word belongs to the sentence, unless an apartment follows.
    `(?:\\.?,?${SP}*(?:(?:${alternation(APARTMENT_WORDS)})\\.?${SP}*#?${SP}*|#${SP}*)` +
    "[A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,6})?)?" + // Apt 4B, #12, Unit 3-2
    ")(?![\\p{L}\\p{N}])",
  "gu",
);

// "PO Box 123", "P.O. Box 123", "Post Office Box 12".
const PO_BOX = new RegExp(
  `(^|[^\\p{L}\\p{N}])((?:[Pp]\\.?${SP}?[Oo]\\.?|[Pp]ost${SP}+[Oo]ffice)${SP}*(?:[Bb]ox|BOX)${SP}*#?${SP}*\\d{1,6})(?!\\d)`,
  "gu",
);

// "2 Family Court hearings" is about a court, not a home.
const NOT_A_STREET_BEFORE_COURT = new Set([
  "family", "juvenile", "county", "district", "supreme", "superior", "probate", "youth",
  "drug", "dependency", "circuit", "crown", "high", "magistrates", "magistrates'", "federal",
  "appeals", "children's", "childrens",
]);

function findAddresses(text: string, out: Hint[]): void {
  for (const m of execAll(ADDRESS, text)) {
    const streetWord = (m[4] ?? "").toLowerCase();
    if (streetWord === "court" || streetWord === "ct") {
      const words = (m[3] ?? "").trim().toLowerCase().split(/\s+/u);
      if (words.some((w) => NOT_A_STREET_BEFORE_COURT.has(w.replace("’", "'")))) continue;
    }
    out.push(hintOf("address", m));
  }
  for (const m of execAll(PO_BOX, text)) out.push(hintOf("address", m));
}

// ---------------------------------------------------------------------------------------------
// Names to avoid: matched on a folded copy of the text, mapped back to original offsets.

const MARKS = /\p{M}/gu;
// Invisible characters that may sit inside a word (soft hyphen, zero-width spaces and joiners).
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
// Letters that NFKD does not decompose but readers treat as accented forms of plain ones.
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  "ß": "ss",
  "æ": "ae",
  "œ": "oe",
  "ø": "o",
  "ł": "l",
  "đ": "d",
  "ð": "d",
  "þ": "th",
  "ħ": "h",
  "ı": "i",
  "ŀ": "l",
  "ς": "σ",
  "’": "'",
  "‘": "'",
  "ʼ": "'",
  "‐": "-",
  "‑": "-",
};
const SPECIAL_FOLD_RE = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join("")}]`, "gu");
const NAME_SEPARATORS = /[\s-]+/u;

const foldCache = new Map<string, string>();

/** How one code point compares: lower case, no accents, compatibility forms unfolded. */
function foldCodePoint(cp: string): string {
  if (cp.length === 1 && cp.charCodeAt(0) < 128) return cp.toLowerCase();
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const folded = cp
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(MARKS, "")
    .replace(INVISIBLE, "")
    .replace(SPECIAL_FOLD_RE, (c) => SPECIAL_FOLDS[c] ?? c);
  if (foldCache.size < 4096) foldCache.set(cp, folded);
  return folded;
}

interface Folded {
  text: string;
  /** origin[i]: offset in the original of the code point folded char i came from;
   *  origin[text.length] is the original's length. */
  origin: number[];
}

function fold(text: string): Folded {
  const parts: string[] = [];
  const origin: number[] = [];
  let offset = 0;
  for (const cp of text) {
    const f = foldCodePoint(cp);
    parts.push(f);
    for (let k = 0; k < f.length; k++) origin.push(offset);
    offset += cp.length;
  }
  origin.push(text.length);
  return { text: parts.join(""), origin };
}

function foldString(text: string): string {
  let out = "";
  for (const cp of text) out += foldCodePoint(cp);
  return out;
}

function escapeRegExp(s: string): string {
  // Syntax characters only: in a /u pattern any other escape ("\\-" outside a class) is an error.
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

let namesCache: { key: string; re: RegExp | null } = { key: "[]", re: null };

/** One pattern for all the names, longest first so "Mary Ann" wins over "Mary" at the same place. */
function namesPattern(names: readonly string[]): RegExp | null {
  const key = JSON.stringify(names);
  if (namesCache.key === key) return namesCache.re;
  const patterns = new Set<string>();
  for (const name of names) {
    const words = foldString(name).split(NAME_SEPARATORS).filter((w) => w.length > 0);
    if (words.length > 0) patterns.add(words.map(escapeRegExp).join("[\\s\\-]+"));
  }
  const sorted = [...patterns].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const re =
    sorted.length === 0
      ? null
      : new RegExp(`(^|[^\\p{L}\\p{N}])(${sorted.join("|")})(?![\\p{L}\\p{N}])`, "gu");
  namesCache = { key, re };
  return re;
}

function findNames(text: string, names: readonly string[], out: Hint[]): void {
  const re = namesPattern(names);
  if (re === null) return;
  const folded = fold(text);
  for (const m of execAll(re, folded.text)) {
    const from = m.index + (m[1] ?? "").length;
    const to = from + (m[2] ?? "").length;
    const start = folded.origin[from] ?? text.length;
    // The start of the next folded character: includes accents and invisible characters that
    // belong to the last letter of the name.
    const end = folded.origin[to] ?? text.length;
    if (end > start) out.push({ kind: "name", start, end, text: text.slice(start, end) });
  }
}
