// The text helpers around the de-identification hints. Finding the hints is core's (its tests
// are in core/src/share/deid/tests.rs); the hints below are exactly what core finds for these
// texts, which `the_fixtures_of_the_window_tests_are_what_core_finds` there checks.
import { describe, expect, it } from "vitest";

import {
  ageInMonths,
  currentHints,
  describeHint,
  initialOf,
  isCurrent,
  replaceAllOf,
  replaceHint,
  replacementsFor,
  type Hint,
  type HintKind,
} from "./deid";

const KINDS: readonly HintKind[] = ["phone", "email", "full_date", "address", "name"];

const hint = (kind: HintKind, start: number, end: number, text: string, key: string): Hint => ({
  kind,
  start,
  end,
  text,
  key,
  date: null,
});

// "Met Lucía's mum at 12 Oak Street. 👶🏽 Lucía crawled.", names to avoid: Lucia.
const TEXT = "Met Lucía's mum at 12 Oak Street. 👶🏽 Lucía crawled.";
const TEXT_HINTS: readonly Hint[] = [
  hint("name", 4, 9, "Lucía", "lucia"),
  hint("address", 19, 32, "12 Oak Street", "12 oak street"),
  hint("name", 39, 44, "Lucía", "lucia"),
];

describe("isCurrent and currentHints", () => {
  it("keep a hint only where its text still is", () => {
    expect(TEXT_HINTS.every((h) => isCurrent(TEXT, h))).toBe(true);
    // Typed at the end: every hint still holds.
    expect(currentHints(`${TEXT} More.`, TEXT_HINTS)).toEqual(TEXT_HINTS);
    // Typed at the start: every offset moved, none holds.
    expect(currentHints(`I ${TEXT}`, TEXT_HINTS)).toEqual([]);
    // Changed in the middle: what comes before still holds.
    expect(currentHints(TEXT.replace("Oak", "Cedar"), TEXT_HINTS)).toEqual([TEXT_HINTS[0]]);
  });

  it.each<[string, Hint]>([
    ["the text changed", hint("name", 4, 9, "Lucía", "lucia")],
    ["out of range", hint("name", 400, 405, "Lucía", "lucia")],
    ["empty", hint("name", 4, 4, "", "")],
    ["negative", hint("name", -1, 3, "Met", "met")],
  ])("refuse a stale hint (%s)", (_, h) => {
    expect(isCurrent("Met Lucas's mum.", h)).toBe(false);
  });
});

describe("replaceHint", () => {
  it("replaces a name and keeps the text around it", () => {
    const [first] = TEXT_HINTS;
    if (first === undefined) throw new Error("expected a hint");
    expect(replaceHint(TEXT, first, "L.")).toBe("Met L.'s mum at 12 Oak Street. 👶🏽 Lucía crawled.");
  });

  it("replaces a hint after emoji", () => {
    const last = TEXT_HINTS.at(-1);
    if (last === undefined) throw new Error("expected a hint");
    expect(replaceHint(TEXT, last, "L.")).toBe("Met Lucía's mum at 12 Oak Street. 👶🏽 L. crawled.");
  });

  it("replaces an address and keeps the full stop", () => {
    const address = TEXT_HINTS.find((h) => h.kind === "address");
    if (address === undefined) throw new Error("expected a hint");
    expect(replaceHint(TEXT, address, "their flat")).toBe("Met Lucía's mum at their flat. 👶🏽 Lucía crawled.");
  });

  it("replaces a decomposed name with its accent", () => {
    const t = "Luci\u0301a laughed.";
    expect(replaceHint(t, hint("name", 0, 6, "Luci\u0301a", "lucia"), "B.")).toBe("B. laughed.");
  });

  it("replaces every hint from the end without disturbing the others", () => {
    let out = TEXT;
    for (const h of [...TEXT_HINTS].reverse()) out = replaceHint(out, h, `<${h.kind}>`);
    expect(out).toBe("Met <name>'s mum at <address>. 👶🏽 <name> crawled.");
  });

  it.each<[string, Hint]>([
    ["the text changed", hint("name", 4, 9, "Lucía", "lucia")],
    ["out of range", hint("name", 400, 405, "Lucía", "lucia")],
    ["empty", hint("name", 4, 4, "", "")],
  ])("leaves the text alone when the hint is stale (%s)", (_, h) => {
    const edited = "Met Lucas's mum.";
    expect(replaceHint(edited, h, "L.")).toBe(edited);
  });
});

describe("replaceAllOf", () => {
  it("replaces every spelling of the same name and nothing else", () => {
    // Names to avoid: Lucía, Lucas.
    const text = "Lucía smiled; LUCIA's mum and lucia played. Lucas watched.";
    const hints = [
      hint("name", 0, 5, "Lucía", "lucia"),
      hint("name", 14, 19, "LUCIA", "lucia"),
      hint("name", 30, 35, "lucia", "lucia"),
      hint("name", 44, 49, "Lucas", "lucas"),
    ];
    expect(replaceAllOf(text, hints[0] as Hint, "L.", hints)).toBe(
      "L. smiled; L.'s mum and L. played. Lucas watched.",
    );
  });

  it("treats spacing in multi-word names as the same name", () => {
    // Names to avoid: Mary Ann, Mary.
    const text = "Mary Ann, mary  ann and Mary-Ann; Mary alone.";
    const hints = [
      hint("name", 0, 8, "Mary Ann", "mary ann"),
      hint("name", 10, 19, "mary  ann", "mary ann"),
      hint("name", 24, 32, "Mary-Ann", "mary ann"),
      hint("name", 34, 38, "Mary", "mary"),
    ];
    expect(replaceAllOf(text, hints[0] as Hint, "M.A.", hints)).toBe("M.A., M.A. and M.A.; Mary alone.");
  });

  it("replaces the same phone number however it is written", () => {
    const text = "(555) 123-4567 or 555.123.4567, not 555-999-0000.";
    const hints = [
      hint("phone", 0, 14, "(555) 123-4567", "5551234567"),
      hint("phone", 18, 30, "555.123.4567", "5551234567"),
      hint("phone", 36, 48, "555-999-0000", "5559990000"),
    ];
    expect(replaceAllOf(text, hints[0] as Hint, "[phone]", hints)).toBe("[phone] or [phone], not 555-999-0000.");
  });

  it("works from a hint found in an older version of the text", () => {
    const stale = hint("name", 0, 3, "Ana", "ana");
    const hints = [hint("name", 5, 8, "ana", "ana"), hint("name", 13, 16, "ANA", "ana")];
    expect(replaceAllOf("Then ana and ANA.", stale, "A.", hints)).toBe("Then A. and A..");
  });

  it("leaves alone the hints that no longer hold for the text", () => {
    const hints = [hint("name", 5, 8, "ana", "ana"), hint("name", 13, 16, "ANA", "ana")];
    // The writer typed since the hints were found: the second moved, and is left as typed.
    expect(replaceAllOf("Then ana and so ANA.", hints[0] as Hint, "A.", hints)).toBe("Then A. and so ANA.");
  });

  it("changes nothing when nothing matches", () => {
    const h = hint("email", 0, 9, "ana@x.org", "ana@x.org");
    expect(replaceAllOf("nothing here", h, "x", [])).toBe("nothing here");
  });
});

describe("describeHint", () => {
  it.each(KINDS)("explains %s in one plain sentence", (kind) => {
    const text = describeHint(kind);
    expect(text.length).toBeGreaterThan(20);
    expect(text.endsWith(".")).toBe(true);
  });

  it("suggests the age in months for a full date", () => {
    expect(describeHint("full_date")).toContain("age in months");
  });
});

describe("ageInMonths", () => {
  it("counts whole months to the day of the reflection", () => {
    expect(ageInMonths("2025-03-14", "2026-05-13")).toBe(13);
    expect(ageInMonths("2025-03-14", "2026-05-14")).toBe(14);
    expect(ageInMonths("2026-05-14", "2026-05-14")).toBe(0);
    expect(ageInMonths("2025-12-31", "2026-01-31")).toBe(1);
  });
  it("has none for a day after the reflection or a text that is not a date", () => {
    expect(ageInMonths("2026-06-01", "2026-05-14")).toBeNull();
    expect(ageInMonths("14/03/2025", "2026-05-14")).toBeNull();
    expect(ageInMonths("2025-03-14", "")).toBeNull();
  });
});

describe("replacementsFor", () => {
  const at = (kind: HintKind, text: string, date: string | null = null): Hint => ({
    ...hint(kind, 0, text.length, text, text.toLowerCase()),
    date,
  });
  it("offers a name the pseudonym, a role and its initial", () => {
    expect(replacementsFor(at("name", "Lucía"), "Wren", "2026-05-14")).toEqual([
      "Wren",
      "Mom",
      "Dad",
      "the baby",
      "L.",
    ]);
    expect(replacementsFor(at("name", "lucía"), "  ", "2026-05-14")).toEqual(["Mom", "Dad", "the baby", "L."]);
  });
  it("offers a date of birth the age in months when its day is certain", () => {
    expect(replacementsFor(at("full_date", "14/03/2025", "2025-03-14"), "Wren", "2026-05-14")).toEqual([
      "14 months old",
      "[date]",
    ]);
    expect(replacementsFor(at("full_date", "03/04/2025"), "Wren", "2026-05-14")).toEqual(["[date]"]);
    expect(replacementsFor(at("full_date", "2027-01-01", "2027-01-01"), "Wren", "2026-05-14")).toEqual(["[date]"]);
  });
  it("offers the rest a placeholder", () => {
    expect(replacementsFor(at("phone", "555-123-4567"), "Wren", "2026-05-14")).toEqual(["[phone]"]);
  });
  it("takes the initial of the first letter", () => {
    expect(initialOf(" élodie")).toBe("É.");
    expect(initialOf("")).toBe("");
  });
});
