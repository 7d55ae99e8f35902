import { describe, expect, it } from "vitest";

import type { Association, RenewalProgress, RuleSet } from "./bindings";
import { calendarText, categoryChoices, choosableAlone, dueDayText, renewalHeading } from "./renewal";

const mi: Association = {
  id: "mi-aimh",
  name: "Michigan Association for Infant Mental Health (MI-AIMH)",
  source: "https://mi-aimh.org/x/",
  read: "2026-12-02",
  due_month: 1,
  due_day: 31,
  cycle_years: 1,
  cycle_due_year: null,
  exempt_first_year: true,
  rsc_min_spread_months: 6,
  rsc_max_spread_months: 12,
  note: "",
};

describe("an association's calendar", () => {
  it("says the due day in the user's locale", () => {
    expect(dueDayText(mi, "en-GB")).toBe("31 January");
    expect(dueDayText({ due_month: 12, due_day: 15 }, "en-US")).toBe("December 15");
    expect(dueDayText({ due_month: 6, due_day: 30 }, "de-DE")).toBe("30. Juni");
  });

  it("says the cycle, the first year and the spread", () => {
    expect(calendarText(mi, "en-GB")).toBe(
      "Renewals are due by 31 January, every year. The first renewal after your endorsement asks for no hours. The RSC hours must run over 6 to 12 months.",
    );
    const tx = { ...mi, due_month: 12, cycle_years: 3, exempt_first_year: false, rsc_min_spread_months: null, rsc_max_spread_months: null };
    expect(calendarText(tx, "en-GB")).toBe("Renewals are due by 31 December, every 3 years.");
  });
});

describe("the categories to choose from", () => {
  const set = (id: string, purpose: "application" | "renewal", name: string, categories: string[] = []) =>
    ({ id, purpose, name, renewal: purpose === "renewal" ? { categories, associations: [], provides_rsc: null, min_years_endorsed: null } : null }) as unknown as RuleSet;
  it("lists each renewal category once, named by its application rule set where there is one", () => {
    const sets = [
      set("imh-e/imhs", "application", "Infant Mental Health Specialist (IMHS)"),
      set("renewal/annual", "renewal", "Renewal", ["IFS", "IMHS"]),
      set("renewal/other", "renewal", "Renewal", ["IMHS", "ECMHM-P"]),
    ];
    expect(categoryChoices(sets)).toEqual([
      { value: "IFS", label: "IFS" },
      { value: "IMHS", label: "Infant Mental Health Specialist (IMHS)" },
      { value: "ECMHM-P", label: "ECMHM-P" },
    ]);
  });
});

describe("a renewal year's heading", () => {
  const r = {
    association_name: "First3Years (Texas)",
    year: 2027,
    due: "2027-12-31",
    from: "2025-01-01",
    to: "2027-12-31",
    cycle_years: 3,
    status: "due",
  } as RenewalProgress;
  it("names the year, the due day and the days that count", () => {
    const h = renewalHeading(r, "en-GB");
    expect(h.title).toBe("Renewal 2027 with First3Years (Texas)");
    expect(h.days).toBe("Due Friday, 31 December 2027. Sessions and training from 01/01/2025 to 31/12/2027 count (a 3-year cycle).");
    expect(h.status).toBeNull();
    expect(renewalHeading({ ...r, status: "first_year_exempt" }, "en-GB").status).toMatch(/asks for no hours/);
  });
});

describe("rule sets chosen on their own", () => {
  const set = (id: string, purpose: "application" | "renewal", calendarYear: boolean) =>
    ({ id, purpose, rsc: { calendar_year: calendarYear } }) as unknown as RuleSet;
  it("leave out renewals that need an association's calendar, unless already chosen", () => {
    const sets = [
      set("imh-e/ifs", "application", false),
      set("renewal/annual", "renewal", true),
      set("renewal/first3years", "renewal", false),
    ];
    expect(choosableAlone(sets, "").map((s) => s.id)).toEqual(["imh-e/ifs", "renewal/annual"]);
    expect(choosableAlone(sets, "renewal/first3years").map((s) => s.id)).toHaveLength(3);
  });
});
