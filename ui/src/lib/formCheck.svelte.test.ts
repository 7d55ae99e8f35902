import { describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { FormCheck } from "./formCheck.svelte";
import type { FieldProblem } from "./hours";

describe("what a form shows wrong", () => {
  it("shows nothing until a save is tried, then every problem as the form stands", () => {
    let title = "";
    const check = new FormCheck((): FieldProblem[] => (title ? [] : [{ field: "title", text: "Title: what was it called?" }]));
    expect(check.problems).toEqual([]);
    expect(check.invalid("title")).toBeUndefined();
    expect(check.attempt()).toBe(false);
    expect(check.problems.map((p) => p.field)).toEqual(["title"]);
    expect(check.invalid("title")).toBe("true");
    title = "Reflective practice";
    expect(check.attempt()).toBe(true);
    check.clear();
    expect(check.problems).toEqual([]);
    expect(check.tried).toBe(false);
  });

  it("shows what Rust refused beside its field until the form changes", () => {
    const check = new FormCheck(() => []);
    expect(check.attempt()).toBe(true);
    check.refuse({ code: "invalid_input", message: "minutes: more than a day", field: "minutes", line: null, column: null, entry: null });
    expect(check.problems).toHaveLength(1);
    expect(check.invalid("minutes")).toBe("true");
    expect(check.problems[0]?.text).toContain("more than a day");
    check.changed();
    expect(check.problems).toEqual([]);
    // A new try starts without the old refusal.
    check.refuse({ code: "storage", message: "disk full", field: null, line: null, column: null, entry: null });
    expect(check.invalid("")).toBe("true");
    check.attempt();
    expect(check.refused).toBeNull();
  });
});
