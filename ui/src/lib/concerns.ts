// What the window asks before saving an entry, in words. For sessions the concerns come from
// Rust (`check_session`, the same checks `attune hours add` refuses without a flag); for
// training, the one check (a date ahead) is made here.
import type { Concern } from "./bindings";
import { formatDay, todayIso } from "./dates";
import { formatDuration } from "./hours";

/** Keeps a length or a day on one line ("1 h", "Wed 12/02/2026"): a break inside reads badly. */
const whole = (text: string): string => text.replace(/ /g, "\u00a0");

/** A concern about an entry (`what`: "session", "training") as one sentence ending in the
 *  question it asks, dates in the user's locale. */
export function concernText(concern: Concern, what: string, locale?: string): string {
  const kind = concern.kind;
  switch (kind.type) {
    case "planned":
      return `This ${what} is dated in the future (${whole(formatDay(kind.date, "weekday", locale))}); log it as planned?`;
    case "same_day":
      return `It is on the same day as your ${what} with ${kind.provider} (${whole(formatDuration(kind.minutes))}, ${whole(formatDay(kind.date, "weekday", locale))}); is it another one?`;
    case "long":
      return `It is ${whole(formatDuration(kind.minutes))} long, more than ${whole(formatDuration(kind.longest))}; is the length right?`;
  }
}

/** The concern about an entry dated `date`: none unless it is after today, and none when an
 *  edit keeps the day it had (`had`), since that was asked already. */
export function plannedConcerns(date: string, had: string | undefined, today: string = todayIso()): Concern[] {
  if (date <= today || date === had) return [];
  return [{ field: "date", kind: { type: "planned", date, today }, place: null }];
}
