import { describe, expect, it } from "vitest";

import {
  caretAfterDigits,
  checkTyped,
  clockTime,
  datePattern,
  dayHeading,
  formatDay,
  formatMoment,
  formatMonth,
  groupByDay,
  isIsoDate,
  pickLocale,
  previousDay,
  readTyped,
  shapeTyped,
  todayIso,
} from "./dates";

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
    expect(dayHeading("2026-11-16", "2026-11-23", "en-GB")).toBe("Monday, 16 November 2026");
    expect(dayHeading("2026-11-16", "2026-11-23", "en-US")).toBe("Monday, November 16, 2026");
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
    expect(clockTime(new Date(2026, 0, 1, 9, 5), "en-GB")).toBe("09:05");
    expect(clockTime(new Date(2026, 0, 1, 21, 5), "en-US")).toBe("9:05 PM");
  });
});

describe("formatDay", () => {
  it("names the weekday, day, month and year, without a time-zone shift", () => {
    expect(formatDay("2026-11-16", "weekday", "en-GB")).toBe("Mon 16/11/2026");
    expect(formatDay("2024-02-29", "weekday", "en-GB")).toBe("Thu 29/02/2024");
    expect(formatDay("2026-11-16", "weekday", "en-US")).toBe("Mon 11/16/2026");
  });
  it("leaves what is not a date alone", () => {
    expect(formatDay("2026-02-30")).toBe("2026-02-30");
    expect(formatDay("")).toBe("");
  });
  it("writes a day the way the locale's date fields do", () => {
    const day = "2026-11-03";
    expect(formatDay(day, "numeric", "en-US")).toBe("11/03/2026");
    expect(formatDay(day, "numeric", "en-GB")).toBe("03/11/2026");
    expect(formatDay(day, "numeric", "sv-SE")).toBe("2026-11-03");
    expect(formatDay(day, "numeric", "de-DE")).toBe("03.11.2026");
    expect(formatDay(day, "numeric", "ja-JP")).toBe("2026/11/03");
    expect(formatDay(day, "numeric", "ko-KR")).toBe("2026. 11. 03.");
    // Right-to-left marks are left out; the year is Gregorian, the digits Western.
    expect(formatDay(day, "numeric", "ar-EG")).toBe("03/11/2026");
    expect(formatDay(day, "numeric", "th-TH")).toBe("03/11/2026");
  });
  it("spells days out for headings in the locale", () => {
    expect(formatDay("2026-11-16", "long", "en-US")).toBe("Monday, November 16, 2026");
    expect(formatDay("2026-11-16", "long", "de-DE")).toBe("Montag, 16. November 2026");
  });
  it("names months in the locale", () => {
    expect(formatMonth("2026-11", false, "en-US")).toBe("November 2026");
    expect(formatMonth("2026-11-30", true, "en-GB")).toBe("Nov 2026");
    expect(formatMonth("nonsense")).toBe("nonsense");
  });
  it("shows a recorded moment as the local day, with the time when asked", () => {
    const moment = "2026-03-02T12:00:00.123456789Z";
    const local = todayIso(new Date("2026-03-02T12:00:00.123Z"));
    expect(formatMoment(moment, false, "en-US")).toBe(formatDay(local, "numeric", "en-US"));
    expect(formatMoment(moment, true, "en-GB")).toMatch(/^0[123]\/03\/2026, \d\d:\d\d$/);
    expect(formatMoment("soon")).toBeNull();
  });
});

describe("the locale", () => {
  it("takes the first usable tag, and en-US when none is", () => {
    expect(pickLocale([null, "en-GB", "fr-FR"])).toBe("en-GB");
    // WebKit says "C" under the POSIX locale: not a language.
    expect(pickLocale(["C", undefined, ""])).toBe("en-US");
    expect(pickLocale(["not a tag!", "sv-SE"])).toBe("sv-SE");
  });
  it("reads the order, separators and hint of the locale's dates", () => {
    expect(datePattern("en-US")).toEqual({ order: ["month", "day", "year"], separators: ["/", "/"], suffix: "", hint: "MM/DD/YYYY" });
    expect(datePattern("en-GB").hint).toBe("DD/MM/YYYY");
    expect(datePattern("sv-SE").hint).toBe("YYYY-MM-DD");
    expect(datePattern("de-DE").hint).toBe("DD.MM.YYYY");
    expect(datePattern("ko-KR")).toMatchObject({ order: ["year", "month", "day"], separators: [". ", ". "], suffix: "." });
  });
});

describe("typing a date", () => {
  /** What the field shows after each key of `keys`. */
  function typeKeys(keys: string, locale: string): string[] {
    const shown: string[] = [];
    let text = "";
    for (const key of keys) {
      text = key === "\b" ? shapeTyped(text.slice(0, -1), true, locale) : shapeTyped(text + key, false, locale);
      shown.push(text);
    }
    return shown;
  }

  it("fills in the separators as each part is finished, in the locale's order", () => {
    expect(typeKeys("11302026", "en-US")).toEqual(["1", "11/", "11/3", "11/30/", "11/30/2", "11/30/20", "11/30/202", "11/30/2026"]);
    expect(typeKeys("30112026", "en-GB").at(-1)).toBe("30/11/2026");
    expect(typeKeys("20261130", "sv-SE")).toEqual(["2", "20", "202", "2026-", "2026-1", "2026-11-", "2026-11-3", "2026-11-30"]);
    expect(typeKeys("30112026", "de-DE").at(-1)).toBe("30.11.2026");
    expect(typeKeys("20261130", "ko-KR").at(-1)).toBe("2026. 11. 30.");
  });

  it("ignores digits past the year and letters", () => {
    expect(shapeTyped("113020261", false, "en-US")).toBe("11/30/2026");
    expect(shapeTyped("11a30", false, "en-US")).toBe("11/30/");
  });

  it("takes a separator typed after one digit as the end of that part", () => {
    expect(shapeTyped("1/5/2026", false, "en-US")).toBe("01/05/2026");
    expect(shapeTyped("5.3.2026", false, "de-DE")).toBe("05.03.2026");
    expect(shapeTyped("2026-3-", false, "sv-SE")).toBe("2026-03-");
  });

  it("finishes a part at once when its first digit can start no other", () => {
    // No month starts with 4, no day with 5.
    expect(shapeTyped("45", false, "en-US")).toBe("04/05/");
    expect(shapeTyped("4", false, "en-GB")).toBe("04/");
    expect(shapeTyped("1", false, "en-US")).toBe("1");
  });

  it("lets Backspace take a separator away", () => {
    expect(typeKeys("11\b\b", "en-US")).toEqual(["1", "11/", "11", "1"]);
    expect(typeKeys("1130\b", "en-US").at(-1)).toBe("11/30");
  });

  it("takes a whole ISO day typed or pasted in any locale", () => {
    expect(shapeTyped("2026-11-30", false, "en-US")).toBe("11/30/2026");
    expect(readTyped("2026-11-30", "en-GB")).toEqual({ kind: "day", iso: "2026-11-30" });
  });

  it("keeps the caret after the same digits", () => {
    expect(caretAfterDigits("11/30/2026", 2)).toBe(3);
    expect(caretAfterDigits("11/30/2026", 3)).toBe(4);
    expect(caretAfterDigits("11/30/2026", 0)).toBe(0);
    expect(caretAfterDigits("11/3", 9)).toBe(4);
  });

  it("reads whole, partial and impossible dates", () => {
    expect(readTyped("", "en-US")).toEqual({ kind: "empty" });
    expect(readTyped("11/3", "en-US")).toEqual({ kind: "partial" });
    expect(readTyped("11/30/26", "en-US")).toEqual({ kind: "partial" });
    expect(readTyped("11/30/2026", "en-US")).toEqual({ kind: "day", iso: "2026-11-30" });
    expect(readTyped("30/11/2026", "en-GB")).toEqual({ kind: "day", iso: "2026-11-30" });
    expect(readTyped("13/11/2026", "en-US")).toEqual({ kind: "impossible", reason: "there is no month 13" });
    expect(readTyped("02/29/2024", "en-US")).toEqual({ kind: "day", iso: "2024-02-29" });
    expect(readTyped("02/29/2026", "en-US")).toEqual({ kind: "impossible", reason: "February 2026 has 28 days" });
    expect(readTyped("00/10/2026", "en-US")).toEqual({ kind: "impossible", reason: "there is no month 0" });
    expect(readTyped("2026. 11. 30.", "ko-KR")).toEqual({ kind: "day", iso: "2026-11-30" });
  });

  it("says what is wrong, naming the field, in the locale's words", () => {
    const limits = { max: "2026-11-23", today: "2026-11-23", required: true };
    expect(checkTyped("Date", "11/20/2026", limits, "en-US")).toEqual({ value: "2026-11-20", problem: "" });
    expect(checkTyped("Date", "02/30/2025", limits, "en-US").problem).toBe("Date: 02/30/2025 is not a date: February 2025 has 28 days.");
    expect(checkTyped("Date", "11/3", limits, "en-US").problem).toBe("Date: “11/3” is not a whole date; type it as MM/DD/YYYY.");
    expect(checkTyped("Date", "", limits, "en-GB").problem).toBe("Date: type the day as DD/MM/YYYY, or choose it from the calendar.");
    expect(checkTyped("From", "", { max: "2026-11-23" }, "en-GB")).toEqual({ value: "", problem: "" });
    expect(checkTyped("Date", "24/11/2026", limits, "en-GB").problem).toBe(
      "Date: 24/11/2026 has not happened yet; choose today or an earlier day.",
    );
    expect(checkTyped("Date", "2027-12-01", { max: "2027-11-24", today: "2026-11-23" }, "sv-SE").problem).toBe(
      "Date: 2027-12-01 is after 2027-11-24, the latest day it can be; check the year.",
    );
    expect(checkTyped("First day", "01/01/1899", { min: "1900-01-01" }, "en-US")).toEqual({
      value: "",
      problem: "First day: 01/01/1899 is before 01/01/1900; check the year.",
    });
  });
});
