// A gentle hint about how hard a new passphrase is to guess. It is advice, not a gate: the only
// hard rule is Rust's minimum length (MIN_PASSPHRASE_CHARS, generated from core). And the
// checks of every form that sets a new passphrase, in one place.
import { MIN_PASSPHRASE_CHARS } from "./bindings";
import type { FieldProblem } from "./problems";

export type Strength = "empty" | "too_short" | "weak" | "fair" | "strong";

export interface StrengthHint {
  strength: Strength;
  /** Whether Rust will accept it as a new passphrase. */
  acceptable: boolean;
  /** One calm sentence for the person choosing it. */
  message: string;
}

// A few of the passphrases every guesser tries first.
const COMMON = [
  "password",
  "passphrase",
  "qwerty",
  "azerty",
  "letmein",
  "iloveyou",
  "welcome",
  "attune",
  "admin",
  "abc123",
];

/** Length in characters as core counts them (NFC-normalised code points). */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize("NFC")].length;
}

function isPredictable(p: string): boolean {
  const lower = p.toLowerCase();
  const compact = lower.replace(/[\s\d!@#$%^&*._-]+/g, "");
  if (COMMON.some((w) => compact === w || compact === `${w}${w}`)) return true;
  if (/^(.)\1*$/u.test(p)) return true; // one character repeated
  // A straight run up or down the keyboard's digits or the alphabet: 12345678, abcdefgh.
  const codes = [...lower].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  if (Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step)) {
    return true;
  }
  return false;
}

function words(p: string): number {
  return p.trim().split(/\s+/u).filter((w) => w.length >= 2).length;
}

function variety(p: string): number {
  let kinds = 0;
  if (/\p{Ll}/u.test(p)) kinds++;
  if (/\p{Lu}/u.test(p)) kinds++;
  if (/\p{N}/u.test(p)) kinds++;
  if (/[^\p{L}\p{N}\s]/u.test(p)) kinds++;
  return kinds;
}

/** How a new passphrase looks, in one sentence. */
export function strengthHint(passphrase: string): StrengthHint {
  const length = passphraseLength(passphrase);
  if (passphrase.trim().length === 0) {
    return {
      strength: "empty",
      acceptable: false,
      message: `Use at least ${MIN_PASSPHRASE_CHARS} characters. A short sentence you will remember works well.`,
    };
  }
  if (length < MIN_PASSPHRASE_CHARS) {
    const more = MIN_PASSPHRASE_CHARS - length;
    return {
      strength: "too_short",
      acceptable: false,
      message: `${more} more character${more === 1 ? "" : "s"} needed. A short sentence works well.`,
    };
  }
  if (isPredictable(passphrase)) {
    return {
      strength: "weak",
      acceptable: true,
      message: "This is one of the first things a guesser would try. A sentence of your own is safer.",
    };
  }
  if (length >= 20 || (words(passphrase) >= 4 && length >= 16)) {
    return {
      strength: "strong",
      acceptable: true,
      message: "Strong: long and hard to guess.",
    };
  }
  if (length >= 12 && variety(passphrase) >= 2) {
    return {
      strength: "fair",
      acceptable: true,
      message: "Fair. A few more words would make it much harder to guess.",
    };
  }
  return {
    strength: "weak",
    acceptable: true,
    message: "Short and easy to guess. Try a sentence of four or five words.",
  };
}

/** A form that sets a new passphrase: the current one (where the form asks for it), the new one, and the new one again. */
export interface NewPassphraseForm {
  /** Absent where the form does not ask for it (a new journal, after the recovery key). */
  current?: string;
  passphrase: string;
  repeat: string;
}

/**
 * Everything wrong with a new-passphrase form, together, on the fields `current`,
 * `passphrase` and `repeat`: the one rule of the journal creation, the change in Settings and
 * the new passphrase after the recovery key.
 */
export function newPassphraseProblems(form: NewPassphraseForm): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (form.current !== undefined && form.current === "") {
    out.push({ field: "current", text: "Type your current passphrase." });
  }
  const hint = strengthHint(form.passphrase);
  if (!hint.acceptable) out.push({ field: "passphrase", text: hint.message });
  if (form.repeat === "") {
    if (form.passphrase !== "") out.push({ field: "repeat", text: "Type the new passphrase again." });
  } else if (form.repeat !== form.passphrase) {
    out.push({ field: "repeat", text: "The two passphrases are not the same." });
  }
  return out;
}
