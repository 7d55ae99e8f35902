import { describe, expect, it } from "vitest";

import type { ChecklistPart, PortfolioItem } from "./bindings";
import { parseKnownMonths, recordedLine } from "./portfolio";

function item(status: PortfolioItem["status"]): PortfolioItem {
  return {
    id: status,
    part: "reference",
    title: "Sam",
    status,
    date: null,
    rater_role: null,
    known_months: null,
    note: "",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

function part(items: PortfolioItem[], count: number | null): ChecklistPart {
  const n = (s: string) => items.filter((i) => i.status === s).length;
  return {
    part: "reference",
    asked: { text: null, asked: null, count },
    items,
    done: n("done"),
    requested: n("requested"),
  };
}

describe("recordedLine", () => {
  it("counts what was recorded, by status, and what is asked, never a verdict", () => {
    const line = recordedLine(part([item("done"), item("requested"), item("to_do")], 3));
    expect(line).toBe("3 recorded (1 done, 1 asked for or under way, 1 to do). 3 asked for.");
    expect(line.toLowerCase()).not.toContain("met");
  });

  it("says when nothing is recorded", () => {
    expect(recordedLine(part([], null))).toBe("Nothing recorded yet.");
    expect(recordedLine(part([], 3))).toBe("Nothing recorded yet. 3 asked for.");
  });
});

describe("parseKnownMonths", () => {
  it("takes nothing, or a whole number up to the maximum", () => {
    expect(parseKnownMonths(" ", 600)).toEqual({ ok: true, months: null });
    expect(parseKnownMonths("26", 600)).toEqual({ ok: true, months: 26 });
    expect(parseKnownMonths("2.5", 600).ok).toBe(false);
    expect(parseKnownMonths("601", 600)).toEqual({ ok: false, message: "601 months is more than 600; is it a typing mistake?" });
  });
});
