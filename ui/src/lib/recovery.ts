// The recovery key as the person sees and types it: 14 groups of 4 Crockford base32 characters.
// Rust checks the key itself; this only helps to show it and to confirm it was written down.

/** The groups of a displayed key, `ABCD-EFGH-…` → `["ABCD", "EFGH", …]`. */
export function keyGroups(key: string): string[] {
  return key.split("-").filter((g) => g.length > 0);
}

/** The last group, which the person types back to confirm they saved the key. */
export function lastGroup(key: string): string {
  return keyGroups(key).at(-1) ?? "";
}

/**
 * Normalises typed recovery-key characters as Rust reads them: case, spaces and hyphens do not
 * matter, I and L read as 1, O as 0.
 */
export function normalizeKeyText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
}

/** Whether `typed` is the last group of `key`, allowing for the usual misreadings. */
export function confirmsLastGroup(key: string, typed: string): boolean {
  const expected = normalizeKeyText(lastGroup(key));
  return expected.length > 0 && normalizeKeyText(typed) === expected;
}
