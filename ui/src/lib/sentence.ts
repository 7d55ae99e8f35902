// Ending what the window says with one full stop, whatever words a person gave it: a name
// written "J. R." or a title ending in "?" already ends a sentence.

/** `text` with a full stop after it, unless it already ends a sentence (".", "!", "?" or "…",
 *  perhaps inside closing quotes or brackets). */
export function fullStop(text: string): string {
  return /[.!?…]["'”’)\]]*$/.test(text) ? text : `${text}.`;
}

/** `text` trimmed, capitalised, with a full stop (empty stays empty). */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return fullStop(t.charAt(0).toUpperCase() + t.slice(1));
}
