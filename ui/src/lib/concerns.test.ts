import { describe, expect, it } from "vitest";

import type { Concern } from "./bindings";
import { concernText as withNoBreaks, plannedConcerns } from "./concerns";

/** The words, with the no-break spaces that keep a length or a day whole read as spaces. */
const concernText = (c: Concern, what: string, locale: string) => withNoBreaks(c, what, locale).replace(/\u00a0/g, " ");

const sameDay: Concern = {
  field: "provider",
  kind: {
    type: "same_day",
    date: "2026-03-02",
    provider: "Dr. Lucía Pérez",
    minutes: 90,
    same_as: { type: "logged", id: "aaaa1111" },
  },
  place: null,
};

describe("concerns in words", () => {
  it("names the other session's provider, length and day, in the user's locale", () => {
    expect(concernText(sameDay, "session", "en-GB")).toBe(
      "It is on the same day as your session with Dr. Lucía Pérez (1 h 30 min, Mon 02/03/2026); is it another one?",
    );
    expect(concernText(sameDay, "session", "en-US")).toContain("Mon 03/02/2026");
    // A length or a day never breaks across lines.
    expect(withNoBreaks(sameDay, "session", "en-GB")).toContain("(1\u00a0h\u00a030\u00a0min, Mon\u00a002/03/2026)");
  });

  it("says how long a long session is, and the length it asks above", () => {
    const long: Concern = { field: "minutes", kind: { type: "long", minutes: 181, longest: 180 }, place: null };
    expect(concernText(long, "session", "en-GB")).toBe("It is 3 h 1 min long, more than 3 h; is the length right?");
  });

  it("asks about a planned date as before", () => {
    const [planned] = plannedConcerns("2026-03-09", undefined, "2026-03-02");
    expect(concernText(planned!, "training", "en-GB")).toBe(
      "This training is dated in the future (Mon 09/03/2026); log it as planned?",
    );
  });
});

describe("a date ahead", () => {
  it("asks only after today, and not again when an edit keeps the day", () => {
    expect(plannedConcerns("2026-03-02", undefined, "2026-03-02")).toEqual([]);
    expect(plannedConcerns("2026-03-03", "2026-03-03", "2026-03-02")).toEqual([]);
    expect(plannedConcerns("2026-03-03", "2026-03-01", "2026-03-02")).toEqual([
      { field: "date", kind: { type: "planned", date: "2026-03-03", today: "2026-03-02" }, place: null },
    ]);
  });
});
