import { describe, expect, it } from "vitest";

import { firstMatch, foldWord, moveInResults, queryWords } from "./search";

describe("moving through the results by keyboard", () => {
  it("goes down from the search box to the first result, and on to the last", () => {
    expect(moveInResults("ArrowDown", -1, 3)).toEqual({ to: "result", index: 0 });
    expect(moveInResults("ArrowDown", 0, 3)).toEqual({ to: "result", index: 1 });
    expect(moveInResults("ArrowDown", 2, 3)).toEqual({ to: "result", index: 2 });
  });

  it("goes up, and from the first result back to the search box", () => {
    expect(moveInResults("ArrowUp", 2, 3)).toEqual({ to: "result", index: 1 });
    expect(moveInResults("ArrowUp", 0, 3)).toEqual({ to: "search" });
  });

  it("goes back to the search box on Escape", () => {
    expect(moveInResults("Escape", 1, 3)).toEqual({ to: "search" });
  });

  it("reaches the first and last result with Home and End", () => {
    expect(moveInResults("Home", 2, 3)).toEqual({ to: "result", index: 0 });
    expect(moveInResults("End", 0, 3)).toEqual({ to: "result", index: 2 });
  });

  it("leaves the search box's own keys alone, and does nothing without results", () => {
    for (const key of ["ArrowUp", "Home", "End", "Escape", "Enter", "a"]) {
      expect(moveInResults(key, -1, 3), key).toBeNull();
    }
    expect(moveInResults("ArrowDown", -1, 0)).toBeNull();
    expect(moveInResults("Enter", 1, 3)).toBeNull();
  });
});

describe("finding the search's words in a reflection", () => {
  it("folds words as the search index does: lower case, accents removed", () => {
    expect(foldWord("Lucía")).toBe("lucia");
    expect(foldWord("ÉCOLE")).toBe("ecole");
    // An accent typed as its own code point.
    expect(foldWord("Luci\u0301a")).toBe("lucia");
    expect(queryWords("  Kestrel, moss! ")).toEqual(["kestrel", "moss"]);
    expect(queryWords("…")).toEqual([]);
  });

  it("finds the first word a query word begins, in the order of the fields", () => {
    const fields = [
      { id: "title", text: "Bath time" },
      { id: "parent_infant", text: "She held him; the Kestrelmoss lane was quiet." },
      { id: "self", text: "kestrel again" },
    ];
    expect(firstMatch("kestrel", fields)).toEqual({ field: "parent_infant", start: 18, end: 29 });
    const found = firstMatch("kestrel", fields);
    expect(found && fields[1]?.text.slice(found.start, found.end)).toBe("Kestrelmoss");
  });

  it("matches any of the query's words, accents and case aside", () => {
    const fields = [{ id: "self", text: "I met Lucía at the clinic." }];
    expect(firstMatch("zebra LUCIA", fields)).toEqual({ field: "self", start: 6, end: 11 });
  });

  it("matches only at the start of a word", () => {
    expect(firstMatch("moss", [{ id: "self", text: "Kestrelmoss" }])).toBeNull();
  });

  it("finds nothing for a query without words", () => {
    expect(firstMatch(" - ", [{ id: "self", text: "anything" }])).toBeNull();
  });

  it("counts offsets in UTF-16, as text fields select", () => {
    const text = "🙂 naïve café";
    const found = firstMatch("cafe", [{ id: "self", text }]);
    expect(found && text.slice(found.start, found.end)).toBe("café");
  });
});
