import { describe, expect, it } from "vitest";

import type { DeskReflection, SessionToSign } from "./bindings";
import { counted, deskShown, keptTicks, shownReflections, signableIn, signedLabel, tickable } from "./desk";

function session(id: string, date: string, names_me = true, signed = false): SessionToSign {
  return {
    shared_id: id,
    id: `p-${id}`,
    date,
    minutes: 60,
    format: "individual",
    modality: null,
    provider: names_me ? "Lucía Pérez" : "Sam Other",
    credential: null,
    about_rsc_provided: false,
    names_me,
    signed: signed ? { status: "signed", attestation_id: "abcdef0123456789", signed_on: "2026-11-30" } : { status: "unsigned" },
  };
}

function reflection(id: string, archived = false): DeskReflection {
  return {
    shared_id: id,
    received_at: "2026-11-01T10:00:00Z",
    new: false,
    discussed: false,
    archived,
    reflection: { id: `p-${id}`, kind: "home_visit", date: "2026-11-01", title: id, family: "", sections: [] },
    comments: [],
  };
}

describe("the desk", () => {
  it("is shown to a supervisor, and to anyone once something was shared with them", () => {
    expect(deskShown("supervisor", 0)).toBe(true);
    expect(deskShown("practitioner", 0)).toBe(false);
    expect(deskShown("practitioner", 2)).toBe(true);
    expect(deskShown(null, 0)).toBe(false);
  });

  it("counts in words", () => {
    expect(counted(1, "session")).toBe("1 session");
    expect(counted(0, "session")).toBe("0 sessions");
    expect(counted(2, "reply", "replies")).toBe("2 replies");
  });
});

describe("signing", () => {
  const all = [
    session("a", "2026-10-01"),
    session("b", "2026-10-15", true, true),
    session("c", "2026-11-01", false),
    session("d", "2026-11-20"),
  ];

  it("offers only sessions naming me and not signed yet, in the range", () => {
    expect(signableIn(all, "", "").map((s) => s.shared_id)).toEqual(["a", "d"]);
    expect(signableIn(all, "2026-10-02", "").map((s) => s.shared_id)).toEqual(["d"]);
    expect(signableIn(all, "", "2026-10-31").map((s) => s.shared_id)).toEqual(["a"]);
    expect(all.filter(tickable).map((s) => s.shared_id)).toEqual(["a", "d"]);
  });

  it("says by which attestation a session was signed", () => {
    const day = (iso: string) => `on ${iso}`;
    expect(signedLabel(all[1]!, day)).toBe("Signed on 2026-11-30 (attestation abcdef01)");
    expect(signedLabel(all[0]!, day)).toBe("Not signed yet");
    expect(signedLabel(all[2]!, day)).toBe("Names Sam Other, not you");
  });

  it("keeps only ticks still tickable", () => {
    expect(keptTicks(["a", "b", "c", "gone", "d"], all)).toEqual(["a", "d"]);
  });
});

describe("the person's reflections", () => {
  const all = [reflection("x"), reflection("y", true), reflection("z")];

  it("hides archived ones unless asked, and keeps only a search's matches", () => {
    expect(shownReflections(all, false, null).map((r) => r.shared_id)).toEqual(["x", "z"]);
    expect(shownReflections(all, true, null).map((r) => r.shared_id)).toEqual(["x", "y", "z"]);
    expect(shownReflections(all, true, new Set(["y", "z"])).map((r) => r.shared_id)).toEqual(["y", "z"]);
    expect(shownReflections(all, false, new Set()).map((r) => r.shared_id)).toEqual([]);
  });
});
