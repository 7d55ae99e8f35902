import { describe, expect, it } from "vitest";

import type { Progress, RuleSet } from "./bindings";
import {
  chartScale,
  formatDuration,
  formatHmm,
  MAX_SESSION_MINUTES,
  monthLabel,
  monthSeries,
  parseMinutes,
  requirementBars,
  formProblems,
} from "./hours";

describe("formatting minutes", () => {
  it.each([
    [0, "0:00", "0 min"],
    [5, "0:05", "5 min"],
    [60, "1:00", "1 h"],
    [90, "1:30", "1 h 30 min"],
    [1440, "24:00", "24 h"],
    [600_000, "10000:00", "10000 h"],
  ])("%i minutes", (minutes, hmm, words) => {
    expect(formatHmm(minutes)).toBe(hmm);
    expect(formatDuration(minutes)).toBe(words);
  });
});

describe("parseMinutes", () => {
  it.each([
    ["90", 90],
    [" 60 ", 60],
    ["1:30", 90],
    ["0:45", 45],
    ["2h", 120],
    ["1h30", 90],
    ["1 h 30", 90],
    ["1 h 30 min", 90],
    ["1 hour 5 minutes", 65],
    ["45 min", 45],
    ["45m", 45],
    ["24:00", 1440],
  ])("accepts %j", (text, minutes) => {
    expect(parseMinutes(text, MAX_SESSION_MINUTES)).toEqual({ ok: true, minutes });
  });

  it.each([
    ["", "Enter the length"],
    ["0", "more than 0"],
    ["0:00", "more than 0"],
    ["1:75", "is not a length"],
    ["1.5", "is not a length"],
    ["-30", "is not a length"],
    ["abc", "is not a length"],
    ["h", "is not a length"],
    ["24:01", "typing mistake"],
    ["99999", "typing mistake"],
  ])("refuses %j, saying why", (text, words) => {
    const parsed = parseMinutes(text, MAX_SESSION_MINUTES);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(words);
  });
});

describe("the month chart", () => {
  it("fills months without sessions with zero, oldest first, across a year end", () => {
    const series = monthSeries(
      [
        { month: "2025-11", minutes: 60, individual_minutes: 60, group_minutes: 0 },
        { month: "2026-01", minutes: 90, individual_minutes: 30, group_minutes: 60 },
      ],
      "2026-02",
      4,
    );
    expect(series.map((m) => [m.month, m.minutes])).toEqual([
      ["2025-11", 60],
      ["2025-12", 0],
      ["2026-01", 90],
      ["2026-02", 0],
    ]);
  });

  it("leaves out months outside the range", () => {
    const series = monthSeries([{ month: "2020-01", minutes: 60, individual_minutes: 60, group_minutes: 0 }], "2026-02", 2);
    expect(series.every((m) => m.minutes === 0)).toBe(true);
  });

  it("has a round top above the busiest month", () => {
    const month = (minutes: number) => ({ month: "2026-01", minutes, individual_minutes: minutes, group_minutes: 0 });
    expect(chartScale([])).toEqual({ top: 60, tickHours: [0, 1] });
    expect(chartScale([month(30)]).top).toBe(60);
    expect(chartScale([month(250)])).toEqual({ top: 300, tickHours: [0, 1, 2, 3, 4, 5] });
    expect(chartScale([month(430)])).toEqual({ top: 480, tickHours: [0, 2, 4, 6, 8] });
    expect(chartScale([month(1300)])).toEqual({ top: 1500, tickHours: [0, 5, 10, 15, 20, 25] });
    expect(chartScale([month(1900)])).toEqual({ top: 2400, tickHours: [0, 10, 20, 30, 40] });
  });

  it("names months in words", () => {
    expect(monthLabel("2026-11")).toBe("Nov 2026");
    expect(monthLabel("nonsense")).toBe("nonsense");
  });
});

const part = (required_minutes: number, counted_minutes: number) => ({
  required_minutes,
  counted_minutes,
  met: counted_minutes >= required_minutes,
});

function progress(overrides: Partial<Progress>): Progress {
  return {
    id: "imh-e/imhm-c",
    name: "Infant Mental Health Mentor – Clinical",
    met: false,
    required_minutes: 3000,
    counted_minutes: 750,
    individual_minutes: 750,
    group_minutes: 0,
    window: { from: "2026-01-05", to: "2026-06-01", months: 5 },
    providers: [],
    about_rsc_provided: null,
    training: null,
    not_counted: [],
    shortfalls: [],
    cautions: [],
    unmarked_focus_minutes: 0,
    unmarked_focus_sessions: 0,
    verdict: "Your RSC and training hours do not yet meet the requirement as Attune reads https://example.invalid",
    not_checked: [],
    ...overrides,
  };
}

function rules(windowMin: number | null): RuleSet {
  return {
    id: "imh-e/imhm-c",
    name: "Mentor – Clinical",
    purpose: "application",
    source: "https://example.invalid",
    read: null,
    effective: "2024-01-01",
    note: "",
    rsc: {
      required_minutes: 3000,
      window_min_months: windowMin,
      window_max_months: 24,
      calendar_year: false,
      allowed_credentials: [],
      peer_allowed: false,
      max_sources: 2,
      majority_from_one: true,
      group_weight: 1,
      group_cap_minutes: null,
      about_rsc_provided_minutes: 0,
      age_focus: "0-3",
    },
    training: null,
    renewal: null,
  };
}

describe("requirement bars", () => {
  it("shows RSC hours and the months they span", () => {
    const bars = requirementBars(progress({}), rules(12));
    expect(bars.map((b) => [b.key, b.detail, b.percent, b.met])).toEqual([
      ["rsc", "12:30 of 50:00 h", 25, false],
      ["span", "5 of at least 12 months", 41, false],
    ]);
  });

  it("caps a bar at 100 % and leaves out what the rule set does not ask for", () => {
    const bars = requirementBars(progress({ counted_minutes: 4000, window: null }), rules(null));
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ percent: 100, met: true });
  });

  it("adds about-RSC and the training parts that have a target", () => {
    const bars = requirementBars(
      progress({
        about_rsc_provided: part(600, 120),
        training: {
          total: part(900, 900),
          iecmh: part(600, 840),
          dei: part(0, 0),
          providing_rsc: part(300, 60),
          planned_minutes: 0,
          planned_entries: 0,
          met: false,
        },
      }),
      rules(null),
    );
    expect(bars.map((b) => [b.key, b.percent, b.met])).toEqual([
      ["rsc", 25, false],
      ["about", 20, false],
      ["training", 100, true],
      ["iecmh", 100, true],
      ["providing_rsc", 20, false],
    ]);
  });

  it("shows no RSC bar for a category that asks for no RSC (IFA, Mentor - Policy)", () => {
    const bars = requirementBars(
      progress({
        required_minutes: 0,
        counted_minutes: 0,
        window: null,
        training: {
          total: part(1800, 600),
          iecmh: part(0, 0),
          dei: part(0, 0),
          providing_rsc: part(0, 0),
          planned_minutes: 0,
          planned_entries: 0,
          met: false,
        },
      }),
      rules(null),
    );
    expect(bars.map((b) => b.key)).toEqual(["training"]);
  });
});

describe("formProblems", () => {
  const provider = (value: string) => ({ field: "provider", value, missing: "Who led the session?" });
  it("says every problem of the form at once", () => {
    expect(formProblems("0", MAX_SESSION_MINUTES, provider("  "))).toEqual([
      { field: "minutes", text: "Length: The length must be more than 0 minutes." },
      { field: "provider", text: "Who led the session?" },
    ]);
  });
  it("has none once both are right", () => {
    expect(formProblems("1:30", MAX_SESSION_MINUTES, provider("Ana Ruiz"))).toEqual([]);
  });
});
