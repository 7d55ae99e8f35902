// The month grid of the date picker. Days are `YYYY-MM-DD` strings throughout (no time zones),
// and a day outside the field's range (after today, for a reflection) can never be picked:
// dates are chosen, never guessed. Weeks start on the locale's first day.
import { formatMonth, userLocale } from "./dates";

export interface CalendarDay {
  iso: string;
  day: number;
  /** In the month shown (the grid also shows the ends of the months around it). */
  inMonth: boolean;
  /** Outside the days allowed. */
  disabled: boolean;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utc(y: number, monthIndex: number, d: number): Date {
  const date = new Date(Date.UTC(2000, monthIndex, d));
  date.setUTCFullYear(y, monthIndex, d);
  return date;
}

/** The first of the month of `day`, as `YYYY-MM-01`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first of the month `delta` months from `month`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  return iso(utc(y ?? 1970, (m ?? 1) - 1 + delta, 1));
}

/** The same day `delta` months away, or the last day of that month if it is shorter. */
export function sameDayMonthsAway(day: string, delta: number): string {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  const last = utc(y, m - 1 + delta + 1, 0).getUTCDate();
  return iso(utc(y, m - 1 + delta, Math.min(d, last)));
}

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return iso(utc(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + delta));
}

/** The first day of the week in `locale`: 1 is Monday, 7 is Sunday (Monday if not known). */
export function firstDayOfWeek(locale: string = userLocale()): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return first && first >= 1 && first <= 7 ? first : 1;
  } catch {
    return 1;
  }
}

/** The days of the week from `firstDay` (1 = Monday), short and in full, in `locale`. */
export function weekdayNames(firstDay = 1, locale: string = userLocale()): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = utc(2024, 0, firstDay + i);
    return { short: short.format(date), long: long.format(date) };
  });
}

export interface GridOptions {
  /** The earliest day allowed. */
  min?: string | null | undefined;
  /** The first day of the week: 1 is Monday (the default), 7 is Sunday. */
  firstDay?: number | undefined;
}

/** Weeks covering the month of `month`, six rows at most; days after `max` or before `min` are disabled. */
export function monthGrid(month: string, max: string | null, options: GridOptions = {}): CalendarDay[][] {
  const firstDay = options.firstDay ?? 1;
  const min = options.min ?? null;
  const first = new Date(`${monthOf(month)}T00:00:00Z`);
  const weekday = ((first.getUTCDay() + 6) % 7) + 1; // 1 = Monday … 7 = Sunday
  const offset = (weekday - firstDay + 7) % 7; // days before it in its week
  const cursor = new Date(first);
  cursor.setUTCDate(1 - offset);
  const weeks: CalendarDay[][] = [];
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const day = iso(cursor);
      week.push({
        iso: day,
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === first.getUTCMonth(),
        disabled: (max !== null && day > max) || (min !== null && day < min),
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === first.getUTCMonth());
  return weeks;
}

/** "November 2026", in the user's locale. */
export function monthTitle(month: string, locale: string = userLocale()): string {
  return formatMonth(monthOf(month), false, locale);
}
