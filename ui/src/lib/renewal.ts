// Renewal in the window's words: an association's calendar as a sentence, the categories
// a renewal can be for (with their names where an application rule set gives one), and
// where a renewal year stands. The rules themselves stay in Rust (core/src/hours/progress/renewal.rs).
import type { Association, RenewalProgress, RuleSet } from "./bindings";
import { formatDay, userLocale } from "./dates";

/** "31 January" (in the user's locale): the day of the year an association's renewals are due. */
export function dueDayText(a: Pick<Association, "due_month" | "due_day">, locale: string = userLocale()): string {
  const day = new Date(Date.UTC(2001, a.due_month - 1, a.due_day));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone: "UTC" }).format(day);
}

/** An association's renewal calendar in one sentence. */
export function calendarText(a: Association, locale: string = userLocale()): string {
  const every = a.cycle_years > 1 ? `every ${a.cycle_years} years` : "every year";
  const parts = [`Renewals are due by ${dueDayText(a, locale)}, ${every}.`];
  if (a.exempt_first_year) parts.push("The first renewal after your endorsement asks for no hours.");
  const [min, max] = [a.rsc_min_spread_months, a.rsc_max_spread_months];
  if (min !== null && max !== null) parts.push(`The RSC hours must run over ${min} to ${max} months.`);
  else if (min !== null) parts.push(`The RSC hours must run over at least ${min} months.`);
  return parts.join(" ");
}

/** The categories some renewal rule set is for, in the rule sets' order, named as the application rule sets name them. */
export function categoryChoices(ruleSets: readonly RuleSet[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const set of ruleSets) {
    for (const c of set.renewal?.categories ?? []) {
      if (out.some((o) => o.value === c)) continue;
      const named = ruleSets.find((r) => r.purpose === "application" && r.name.endsWith(`(${c})`));
      out.push({ value: c, label: named ? named.name : c });
    }
  }
  return out;
}

/** What the dashboard says about one renewal year, besides its progress. */
export function renewalHeading(r: RenewalProgress, locale: string = userLocale()): { title: string; days: string; status: string | null } {
  const title = `Renewal ${r.year} with ${r.association_name}`;
  const cycle = r.cycle_years > 1 ? ` (a ${r.cycle_years}-year cycle)` : "";
  const days = `Due ${formatDay(r.due, "long", locale)}. Sessions and training from ${formatDay(r.from, "numeric", locale)} to ${formatDay(r.to, "numeric", locale)} count${cycle}.`;
  const status =
    r.status === "first_year_exempt"
      ? "Your first renewal after your endorsement: your association asks for no hours this time."
      : r.status === "before_endorsement"
        ? "This renewal was due before your endorsement: nothing was asked."
        : null;
  return { title, days, status };
}

/**
 * The rule sets that can be chosen on their own (the category menus): every application, and
 * the renewal rule sets that count one calendar year by themselves. The others need an
 * association's calendar (the renewal card), or they would count every day ever logged.
 * `chosen` stays listed, so that an older choice still shows.
 */
export function choosableAlone(ruleSets: readonly RuleSet[], chosen: string): RuleSet[] {
  return ruleSets.filter((r) => r.purpose === "application" || r.rsc.calendar_year || r.id === chosen);
}
