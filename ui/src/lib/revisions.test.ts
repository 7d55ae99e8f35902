import { describe, expect, it } from "vitest";

import type { Reflection } from "./bindings";
import { differences } from "./revisions";

const base: Reflection = {
  id: "ab12",
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-02T10:00:00Z",
  kind: "home_visit",
  date: "2026-12-01",
  title: "Visit with M.",
  family: "M.",
  tags: ["sleep"],
  parent_infant: "The baby turned to her mother.",
  practitioner_parent: "",
  supervisor_practitioner: "",
  self: "",
  for_supervision: "",
};

describe("comparing two versions of a reflection", () => {
  it("lists only the fields that differ, in the editor's order, with the editor's labels", () => {
    const other = { ...base, self: "I felt rushed.", parent_infant: "The baby looked away.", tags: ["sleep", "rupture"] };
    const found = differences(base, other);
    expect(found.map((d) => d.label)).toEqual(["Tags", "Parent and baby", "Yourself"]);
    expect(found[0]).toEqual({ field: "tags", label: "Tags", here: "sleep", other: "sleep, rupture" });
    expect(found[2]).toMatchObject({ here: "", other: "I felt rushed." });
  });

  it("finds nothing when only the times differ", () => {
    const later: Reflection = { ...base, updated_at: "2026-12-03T10:00:00Z" };
    expect(differences(base, later)).toEqual([]);
  });
});
