// Search in the journal, on this side: moving through the results by keyboard, and finding
// where a search's words are in the reflection it opened. Words match as core's search index
// matches them (journal/snippet.rs): folded (lower case, accents removed), each query word a
// prefix of a word of the text.

/** Where a key pressed in the search box or in the results sends focus. */
export type ResultsMove = { to: "result"; index: number } | { to: "search" } | null;

/**
 * The move for `key` from the result at `index` (or from the search box: -1) in a list of
 * `count` results. Down and Up step through the results (staying at the last); Up from the
 * first, and Escape, go back to the search box; Home and End reach the first and last.
 * `null`: the key is not for the list (in the search box, Home and End edit the text).
 */
export function moveInResults(key: string, index: number, count: number): ResultsMove {
  const inList = index >= 0 && index < count;
  switch (key) {
    case "ArrowDown":
      if (count === 0) return null;
      return { to: "result", index: inList ? Math.min(index + 1, count - 1) : 0 };
    case "ArrowUp":
      if (!inList) return null;
      return index === 0 ? { to: "search" } : { to: "result", index: index - 1 };
    case "Home":
      return inList ? { to: "result", index: 0 } : null;
    case "End":
      return inList ? { to: "result", index: count - 1 } : null;
    case "Escape":
      return inList ? { to: "search" } : null;
    default:
      return null;
  }
}

/** A run of the text that is a word (letters, digits, and the accents that go with them). */
const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;

/** A word as the search index keeps it: lower case, accents removed. */
export function foldWord(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The folded words of a query, the way the search index splits it. */
export function queryWords(query: string): string[] {
  return [...query.matchAll(WORD)].map((m) => foldWord(m[0])).filter((w) => w !== "");
}

/** Where a search's words were found: in which field, and the characters (UTF-16 offsets). */
export interface Match {
  field: string;
  start: number;
  end: number;
}

/**
 * The first word, reading `fields` in order, that a word of `query` is a prefix of (after
 * folding both); `null` when the query has no words or nothing matches.
 */
export function firstMatch(query: string, fields: readonly { id: string; text: string }[]): Match | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  for (const { id, text } of fields) {
    for (const m of text.matchAll(WORD)) {
      const folded = foldWord(m[0]);
      if (words.some((w) => folded.startsWith(w))) {
        return { field: id, start: m.index, end: m.index + m[0].length };
      }
    }
  }
  return null;
}
