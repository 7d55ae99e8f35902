// Dates as the journal shows them. Reflection dates are calendar days (`YYYY-MM-DD`, no time
// zone); they are never parsed through `Date` strings, which would shift them by the zone.

/** Today's date on this computer's calendar, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The UTC midnight of a `YYYY-MM-DD` day, or null if it is not a real calendar day. */
function utcDay(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real ? date : null;
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return utcDay(text) !== null;
}

/** The day before `iso` (itself if it is not a date). */
export function previousDay(iso: string): string {
  const date = utcDay(iso);
  if (!date) return iso;
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const LONG = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "Today", "Yesterday", or e.g. "Monday 16 November 2026". */
export function dayHeading(iso: string, today: string): string {
  if (iso === today) return "Today";
  if (iso === previousDay(today)) return "Yesterday";
  const date = utcDay(iso);
  return date ? LONG.format(date).replace(",", "") : iso;
}

/** Items with a `date`, in runs of the same day, keeping their order. */
export function groupByDay<T extends { date: string }>(items: readonly T[]): { date: string; items: T[] }[] {
  const groups: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.date === item.date) last.items.push(item);
    else groups.push({ date: item.date, items: [item] });
  }
  return groups;
}

/** "Saved at 21:04" style clock time. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

const SHORT = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** e.g. "Mon 16 Nov 2026", for tables (the date itself if it is not one). */
export function shortDay(iso: string): string {
  const date = utcDay(iso);
  return date ? SHORT.format(date).replace(",", "") : iso;
}
