// The month grid of the date picker. Days are `YYYY-MM-DD` strings throughout (no time zones),
// and a day after `max` (today) can never be picked: dates are chosen, never guessed.

export interface CalendarDay {
  iso: string;
  day: number;
  /** In the month shown (the grid also shows the ends of the months around it). */
  inMonth: boolean;
  /** After the latest allowed day. */
  disabled: boolean;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first of the month of `day`, as `YYYY-MM-01`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first of the month `delta` months from `month`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  return iso(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + delta, 1)));
}

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return iso(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + delta)));
}

/** Weeks (Monday first) covering the month of `month`, six rows at most. */
export function monthGrid(month: string, max: string): CalendarDay[][] {
  const first = new Date(`${monthOf(month)}T00:00:00Z`);
  const offset = (first.getUTCDay() + 6) % 7; // days before it in its week (Monday = 0)
  const start = new Date(first);
  start.setUTCDate(1 - offset);
  const weeks: CalendarDay[][] = [];
  const cursor = new Date(start);
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const day = iso(cursor);
      week.push({
        iso: day,
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === first.getUTCMonth(),
        disabled: day > max,
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === first.getUTCMonth());
  return weeks;
}

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "November 2026". */
export function monthTitle(month: string): string {
  return MONTH.format(new Date(`${monthOf(month)}T00:00:00Z`));
}
