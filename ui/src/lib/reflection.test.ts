import { describe, expect, it } from "vitest";

import { emptyDraft, hasText, kindLabel, parseTags, SECTIONS } from "./reflection";

describe("reflection editing", () => {
  it("has the five sections of the parallel process, each with a prompt", () => {
    expect(SECTIONS.map((s) => s.key)).toEqual([
      "parent_infant",
      "practitioner_parent",
      "supervisor_practitioner",
      "self",
      "for_supervision",
    ]);
    for (const s of SECTIONS) expect(s.prompt.length).toBeGreaterThan(20);
  });

  it("an empty draft is about today and has nothing to save", () => {
    const d = emptyDraft("2026-11-23");
    expect(d.date).toBe("2026-11-23");
    expect(d.kind).toBe("home_visit");
    expect(hasText(d)).toBe(false);
    expect(hasText({ ...d, family: "Rowan", tags: ["sleep"] })).toBe(false);
    expect(hasText({ ...d, self: "  " })).toBe(false);
    expect(hasText({ ...d, self: "tired" })).toBe(true);
    expect(hasText({ ...d, title: "Visit" })).toBe(true);
  });

  it("splits tags on commas and lines, trimmed, without repeats", () => {
    expect(parseTags(" sleep, feeding ,,Sleep\nrupture ")).toEqual(["sleep", "feeding", "rupture"]);
    expect(parseTags("")).toEqual([]);
  });

  it("labels kinds in words", () => {
    expect(kindLabel("home_visit")).toBe("Home visit");
  });
});
