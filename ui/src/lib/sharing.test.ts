import { describe, expect, it } from "vitest";

import type { Finding, Hint, HintKind, ReceivedSession, Section } from "./bindings";
import {
  attestable,
  attestPeriod,
  findingsIn,
  findingsSummary,
  fingerprintRows,
  receivedSummary,
  sectionLabel,
  segments,
  shareProblems,
  sessionsTotal,
} from "./sharing";

const hint = (kind: HintKind, start: number, end: number, text: string, key: string): Hint => ({
  kind,
  start,
  end,
  text,
  key,
  date: null,
});

const finding = (section: Section | null, h: Hint, reflectionId = "r1"): Finding => ({
  reflection_id: reflectionId,
  reflection: "Visit to Maria",
  section,
  where: section ?? "Title",
  ...h,
});

const session = (date: string, minutes: number, names_me: boolean): ReceivedSession => ({
  id: date,
  date,
  minutes,
  format: "individual",
  modality: null,
  provider: names_me ? "Ana Ruiz" : "Sam Okafor",
  credential: null,
  about_rsc_provided: false,
  names_me,
});

describe("fingerprintRows", () => {
  it("lays eight groups out as two rows of four", () => {
    expect(fingerprintRows("ABCD EFGH JKMN PQRS TVWX YZ01 2345 6789")).toEqual([
      "ABCD EFGH JKMN PQRS",
      "TVWX YZ01 2345 6789",
    ]);
  });
  it("tolerates extra spaces and shorter input", () => {
    expect(fingerprintRows("  ABCD   EFGH ")).toEqual(["ABCD EFGH"]);
    expect(fingerprintRows("")).toEqual([]);
  });
});

describe("findings", () => {
  // What core finds in "Maria" / "555-867-5309, 555-123-4567, Maria" with Maria to avoid.
  const found = [
    finding(null, hint("name", 0, 5, "Maria", "maria")),
    finding("parent_infant", hint("phone", 0, 12, "555-867-5309", "5558675309")),
    finding("parent_infant", hint("phone", 14, 26, "555-123-4567", "5551234567")),
    finding("parent_infant", hint("name", 28, 33, "Maria", "maria")),
    finding("self", hint("name", 0, 5, "Maria", "maria"), "r2"),
  ];

  it("summarises by kind in a fixed order", () => {
    expect(findingsSummary(found.slice(0, 4))).toBe("2 phone numbers and 2 names to avoid");
    expect(findingsSummary(found.slice(0, 1))).toBe("1 name to avoid");
    expect(findingsSummary([])).toBe("");
  });

  it("picks those of one field of one reflection", () => {
    expect(findingsIn(found, "r1", null).map((f) => f.text)).toEqual(["Maria"]);
    expect(findingsIn(found, "r1", "parent_infant").map((f) => f.kind)).toEqual(["phone", "phone", "name"]);
    expect(findingsIn(found, "r2", "self")).toHaveLength(1);
    expect(findingsIn(found, "r2", "parent_infant")).toEqual([]);
  });
});

describe("segments", () => {
  it("cuts text into plain and flagged pieces that join back to the text", () => {
    // What core finds with Maria to avoid.
    const text = "Ring 555-867-5309 before visiting Maria.";
    const hints = [hint("phone", 5, 17, "555-867-5309", "5558675309"), hint("name", 34, 39, "Maria", "maria")];
    const parts = segments(text, hints);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(parts.filter((p) => p.hint).map((p) => [p.hint, p.text])).toEqual([
      ["phone", "555-867-5309"],
      ["name", "Maria"],
    ]);
    expect(segments("", [])).toEqual([]);
    expect(segments("plain", [])).toEqual([{ text: "plain", hint: null }]);
  });

  it("ignores hints that do not hold for the text", () => {
    const parts = segments("Ring me later.", [hint("phone", 5, 17, "555-867-5309", "5558675309")]);
    expect(parts).toEqual([{ text: "Ring me later.", hint: null }]);
  });
});

describe("sectionLabel", () => {
  it("uses the editor's words", () => {
    expect(sectionLabel("parent_infant")).toBe("Parent and baby");
    expect(sectionLabel("self")).toBe("Yourself");
  });
});

describe("receivedSummary", () => {
  it("says what a bundle brought", () => {
    expect(
      receivedSummary({
        type: "bundle",
        from: "Sam Lee",
        reflections: 2,
        sessions: 1,
        comments: 0,
        comments_skipped: 0,
        already_received: false,
      }),
    ).toBe("Received from Sam Lee: 2 reflections, 1 session to confirm.");
    expect(
      receivedSummary({
        type: "bundle",
        from: "Ana Ruiz",
        reflections: 0,
        sessions: 0,
        comments: 1,
        comments_skipped: 2,
        already_received: false,
      }),
    ).toBe(
      "Received from Ana Ruiz: 1 comment. 2 comments were about reflections no longer in your journal and not kept.",
    );
    expect(
      receivedSummary({
        type: "bundle",
        from: "Sam Lee",
        reflections: 0,
        sessions: 0,
        comments: 0,
        comments_skipped: 0,
        already_received: true,
      }),
    ).toBe("You had already received this from Sam Lee. Nothing changed.");
  });
  it("says what an attestation confirmed, and what no longer matches", () => {
    expect(
      receivedSummary({ type: "attestation", from: "Ana Ruiz", sessions: 3, matched: 2, already_received: false }),
    ).toBe(
      "Ana Ruiz attested 3 sessions; 2 now show as attested in your hours. 1 no longer match your log (changed or deleted since you sent them).",
    );
    expect(
      receivedSummary({ type: "attestation", from: "Ana Ruiz", sessions: 1, matched: 1, already_received: false }),
    ).toBe("Ana Ruiz attested 1 session; 1 now show as attested in your hours.");
  });
});

describe("attestations", () => {
  const sessions = [
    session("2026-03-03", 60, true),
    session("2026-03-10", 45, false),
    session("2026-03-17", 90, true),
    session("2026-04-02", 60, true),
  ];
  it("covers only the sessions naming me, in the period, both days included", () => {
    expect(attestable(sessions, "2026-03-01", "2026-03-31").map((s) => s.date)).toEqual([
      "2026-03-03",
      "2026-03-17",
    ]);
    expect(attestable(sessions, "2026-03-17", "2026-04-02")).toHaveLength(2);
    expect(attestable(sessions, "", "")).toHaveLength(3);
  });
  it("offers the span of the sessions naming me", () => {
    expect(attestPeriod(sessions)).toEqual({ from: "2026-03-03", to: "2026-04-02" });
    expect(attestPeriod([session("2026-03-10", 45, false)])).toEqual({ from: "", to: "" });
  });
  it("totals in words", () => {
    expect(sessionsTotal(attestable(sessions, "2026-03-01", "2026-03-31"))).toBe("2 sessions, 2 h 30 min");
    expect(sessionsTotal([])).toBe("0 sessions, 0 min");
  });
});

describe("shareProblems", () => {
  const none = { to: "", chosen: [], withHours: false, from: "", until: "" };
  const fields = (form: Parameters<typeof shareProblems>[0]) => shareProblems(form).map((p) => p.field);

  it("gives every problem of the form at once", () => {
    expect(fields(none)).toEqual(["to", "what"]);
    const chosen = [
      { id: "r1", title: "Home visit", date: "2026-03-02", sections: [] },
      { id: "r2", title: "", date: "2026-03-03", sections: ["self" as Section] },
      { id: "r3", title: "Second visit", date: "2026-03-04", sections: [] },
    ];
    expect(fields({ ...none, chosen, withHours: true, from: "2026-03-10", until: "2026-03-01" })).toEqual([
      "to",
      "sections:r1",
      "sections:r3",
      "hours_to",
    ]);
  });

  it("names the reflection without sections, by its title or else its day", () => {
    const [problem] = shareProblems({
      ...none,
      to: "FP",
      chosen: [{ id: "r1", title: "", date: "2026-03-02", sections: [] }],
    });
    expect(problem?.field).toBe("sections:r1");
    expect(problem?.text).not.toContain("“”");
  });

  it("is content with a contact and something to send", () => {
    expect(shareProblems({ ...none, to: "FP", withHours: true, from: "2026-03-01", until: "2026-03-01" })).toEqual([]);
    expect(
      shareProblems({ ...none, to: "FP", chosen: [{ id: "r1", title: "t", date: "2026-03-02", sections: ["self"] }] }),
    ).toEqual([]);
  });

  it("leaves a missing day of the period to the date field's own check", () => {
    expect(fields({ ...none, to: "FP", withHours: true, from: "", until: "" })).toEqual([]);
  });
});
