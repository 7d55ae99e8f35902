import { describe, expect, it } from "vitest";

import { addDays, addMonths, firstDayOfWeek, monthGrid, monthOf, monthTitle, sameDayMonthsAway, weekdayNames } from "./calendar";

describe("calendar", () => {
  it("lays a month out in Monday-first weeks", () => {
    // November 2026 starts on a Sunday and has 30 days.
    const weeks = monthGrid("2026-11-14", "2026-11-23");
    expect(weeks[0]?.map((d) => d.day)).toEqual([26, 27, 28, 29, 30, 31, 1]);
    expect(weeks[0]?.[6]).toMatchObject({ iso: "2026-11-01", inMonth: true });
    expect(weeks[0]?.[0]?.inMonth).toBe(false);
    expect(weeks.length).toBe(6);
    expect(weeks.flat().filter((d) => d.inMonth).length).toBe(30);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it("never offers a day after the latest allowed one", () => {
    const days = monthGrid("2026-11-01", "2026-11-23").flat();
    expect(days.find((d) => d.iso === "2026-11-23")?.disabled).toBe(false);
    expect(days.find((d) => d.iso === "2026-11-24")?.disabled).toBe(true);
    expect(days.filter((d) => d.inMonth && d.disabled).length).toBe(7);
  });

  it("steps across months, years and leap days", () => {
    expect(addMonths("2026-01-01", -1)).toBe("2025-12-01");
    expect(addMonths("2026-12-01", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-11-23", 7)).toBe("2026-11-30");
    expect(monthOf("2026-11-23")).toBe("2026-11-01");
    expect(monthTitle("2026-11-23", "en-GB")).toBe("November 2026");
  });

  it("a month that starts on Monday has no leading days", () => {
    const weeks = monthGrid("2026-06-01", "2030-01-01");
    expect(weeks[0]?.[0]).toMatchObject({ iso: "2026-06-01", inMonth: true });
  });

  it("moves by months to the same day, or the last of a shorter month", () => {
    expect(sameDayMonthsAway("2026-01-31", 1)).toBe("2026-02-28");
    expect(sameDayMonthsAway("2024-03-31", -1)).toBe("2024-02-29");
    expect(sameDayMonthsAway("2026-11-15", 12)).toBe("2027-11-15");
    expect(sameDayMonthsAway("2026-01-15", -1)).toBe("2025-12-15");
  });

  it("starts weeks on the locale's first day", () => {
    expect(firstDayOfWeek("en-US")).toBe(7);
    expect(firstDayOfWeek("en-GB")).toBe(1);
    // November 2026 starts on a Sunday: a Sunday-first grid has no leading days.
    const weeks = monthGrid("2026-11-01", null, { firstDay: 7 });
    expect(weeks[0]?.[0]).toMatchObject({ iso: "2026-11-01", inMonth: true });
    expect(weeks.length).toBe(5);
    expect(weekdayNames(7, "en-US").map((d) => d.short)).toEqual(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
    expect(weekdayNames(1, "en-GB")[0]).toEqual({ short: "Mon", long: "Monday" });
  });

  it("never offers a day before the earliest allowed one", () => {
    const days = monthGrid("2026-11-01", null, { min: "2026-11-10" }).flat();
    expect(days.find((d) => d.iso === "2026-11-09")?.disabled).toBe(true);
    expect(days.find((d) => d.iso === "2026-11-10")?.disabled).toBe(false);
    expect(days.find((d) => d.iso === "2026-11-30")?.disabled).toBe(false);
  });
});
