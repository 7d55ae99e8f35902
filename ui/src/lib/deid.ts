// De-identification hints in the window: the text helpers around them. Finding the hints is
// core's work (core/src/share/deid.rs, through `findHints` in api.ts), with the names to avoid
// from the vault's settings; here the editor only checks that a hint still holds for the text
// being written and replaces what the writer chooses to.
//
// A hint's offsets are UTF-16 indices into the text it was found in, so that
// `text.slice(h.start, h.end) === h.text`. Hints arrive a little after the text changed
// (debounced), so every helper here checks a hint against the current text before using it:
// a stale hint must never overwrite what the writer typed since.
import { HINT_REASONS, type Hint, type HintKind } from "./bindings";

export type { Hint, HintKind };

/** Whether `hint` still holds for `text`: the same characters at the same offsets. */
export function isCurrent(text: string, hint: Hint): boolean {
  return (
    hint.start >= 0 &&
    hint.end <= text.length &&
    hint.start < hint.end &&
    text.slice(hint.start, hint.end) === hint.text
  );
}

/**
 * The hints of `hints` that still hold for `text`. Hints found for an older version of the
 * text keep their place only where that part of the text is unchanged.
 */
export function currentHints(text: string, hints: readonly Hint[]): Hint[] {
  return hints.filter((h) => isCurrent(text, h));
}

/**
 * `text` with `hint` replaced by `replacement`, everything around it untouched. If the hint is
 * stale (the text changed since it was found and no longer holds `hint.text` at its offsets) the
 * text is returned unchanged.
 */
export function replaceHint(text: string, hint: Hint, replacement: string): string {
  if (!isCurrent(text, hint)) return text;
  return text.slice(0, hint.start) + replacement + text.slice(hint.end);
}

/**
 * `text` with every hint of `hints` "like" `hint` replaced by `replacement`: the same kind and
 * the same `key`, which core gives every spelling of one thing (a name whatever its case,
 * accents or spacing, so replacing "Lucía" also replaces "LUCIA"; a phone number by its digits;
 * an e-mail ignoring case). `hints` are those core found for the text; any that no longer hold
 * for `text` are left alone, so a stale `hint` is harmless: only its kind and key are used.
 */
export function replaceAllOf(text: string, hint: Hint, replacement: string, hints: readonly Hint[]): string {
  const same = currentHints(text, hints)
    .filter((h) => h.kind === hint.kind && h.key === hint.key)
    .sort((a, b) => b.start - a.start);
  let out = text;
  let before = text.length + 1; // replace from the end, skipping any overlap
  for (const h of same) {
    if (h.end > before) continue;
    out = out.slice(0, h.start) + replacement + out.slice(h.end);
    before = h.start;
  }
  return out;
}

/** One plain sentence for the hover explanation of a hint (core's words). */
export function describeHint(kind: HintKind): string {
  return HINT_REASONS[kind];
}

/** Whole months from the day `born` to the day `asOf` (both `YYYY-MM-DD`): the age a
 *  reflection can give instead of a date of birth. Null when either is not a date or `born`
 *  is after `asOf`. */
export function ageInMonths(born: string, asOf: string): number | null {
  const parse = (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  };
  const b = parse(born);
  const a = parse(asOf);
  if (!b || !a) return null;
  let months = (a.y - b.y) * 12 + (a.m - b.m);
  if (a.d < b.d) months -= 1;
  return months < 0 ? null : months;
}

/** "1 month old", "14 months old". */
export function monthsOld(months: number): string {
  return months === 1 ? "1 month old" : `${months} months old`;
}

/** The first letter of a name and a full stop ("Lucía" gives "L."); empty if none. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first.toLocaleUpperCase()}.` : "";
}

/** The roles a parent's or child's name can be replaced with, so that sentences stay right
 *  ("the Wren family seemed to want me to see her" reads wrong; "Mom seemed to…" does not). */
export const ROLES = ["Mom", "Dad", "the baby"] as const;

const PLACEHOLDERS: Record<HintKind, string> = {
  name: "",
  phone: "[phone]",
  email: "[e-mail]",
  full_date: "[date]",
  address: "[address]",
};

/**
 * What `hint` can be replaced with, best first: for a name, the family pseudonym (when there
 * is one), a role, or its initial; for a date of birth whose day is certain, the age in months
 * on the day the reflection is about (`asOf`), then a placeholder; for the rest, a placeholder.
 */
export function replacementsFor(hint: Hint, pseudonym: string, asOf: string): string[] {
  if (hint.kind === "name") {
    const options = [pseudonym.trim(), ...ROLES, initialOf(hint.text)];
    return options.filter((o, i) => o !== "" && options.indexOf(o) === i);
  }
  if (hint.kind === "full_date" && hint.date) {
    const months = ageInMonths(hint.date, asOf);
    if (months !== null) return [monthsOld(months), PLACEHOLDERS.full_date];
  }
  return [PLACEHOLDERS[hint.kind]];
}
