import { describe, expect, it } from "vitest";

import { clockTime, dayHeading, groupByDay, isIsoDate, previousDay, shortDay, todayIso } from "./dates";

describe("dates", () => {
  it("writes today from the local calendar, padded", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(todayIso(new Date(2026, 11, 31, 0, 0))).toBe("2026-12-31");
  });

  it("accepts only real calendar days", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    for (const bad of ["2023-02-29", "2026-13-01", "2026-1-01", "May 16", "", "2026-04-31"]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it("steps back across months, years and leap days", () => {
    expect(previousDay("2026-03-01")).toBe("2026-02-28");
    expect(previousDay("2024-03-01")).toBe("2024-02-29");
    expect(previousDay("2026-01-01")).toBe("2025-12-31");
  });

  it("names today and yesterday, and spells out other days", () => {
    expect(dayHeading("2026-11-23", "2026-11-23")).toBe("Today");
    expect(dayHeading("2026-11-22", "2026-11-23")).toBe("Yesterday");
    expect(dayHeading("2026-11-16", "2026-11-23")).toBe("Monday 16 November 2026");
    expect(dayHeading("not a date", "2026-11-23")).toBe("not a date");
  });

  it("groups consecutive items of the same day, in order", () => {
    const groups = groupByDay([
      { date: "2026-11-23", n: 1 },
      { date: "2026-11-23", n: 2 },
      { date: "2026-11-20", n: 3 },
    ]);
    expect(groups.map((g) => [g.date, g.items.map((i) => i.n)])).toEqual([
      ["2026-11-23", [1, 2]],
      ["2026-11-20", [3]],
    ]);
    expect(groupByDay([])).toEqual([]);
  });

  it("shows clock times with two digits", () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 5))).toBe("09:05");
  });
});

describe("shortDay", () => {
  it("names the weekday, day, month and year, without a time-zone shift", () => {
    expect(shortDay("2026-11-16")).toBe("Mon 16 Nov 2026");
    expect(shortDay("2024-02-29")).toBe("Thu 29 Feb 2024");
  });
  it("leaves what is not a date alone", () => {
    expect(shortDay("2026-02-30")).toBe("2026-02-30");
  });
});
