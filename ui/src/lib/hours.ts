// Hours as the applicant reads and types them. Rust sums whole minutes; this module only
// formats them, parses what was typed, and shapes the dashboard's bars and chart.
import type { Modality, MonthMinutes, Progress, RuleSet } from "./bindings";
import { formatMonth } from "./dates";

/** How a session took place, as the session forms offer it ("" when not recorded). */
export const MODALITIES: readonly { value: Modality | ""; label: string }[] = [
  { value: "", label: "Not recorded" },
  { value: "in-person", label: "In person" },
  { value: "virtual", label: "Video" },
  { value: "phone", label: "Phone" },
];

/** `h:mm`, as in exports: 90 → "1:30". */
export function formatHmm(minutes: number): string {
  const m = Math.max(0, Math.trunc(minutes));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** In words: 90 → "1 h 30 min", 60 → "1 h", 45 → "45 min", 0 → "0 min". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.trunc(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

export { MAX_SESSION_MINUTES, MAX_TRAINING_MINUTES } from "./bindings";

export type ParsedMinutes = { ok: true; minutes: number } | { ok: false; message: string };

/**
 * What was typed in a duration field: whole minutes ("90"), hours and minutes ("1:30"),
 * or words ("1h30", "1 h 30 min", "2h", "45 min"). Refuses zero, fractions of a minute and
 * anything beyond `max`, saying what is wrong.
 */
export function parseMinutes(text: string, max: number): ParsedMinutes {
  const t = text.trim().toLowerCase();
  if (!t) return { ok: false, message: "Enter the length, e.g. 60 or 1:30." };
  let minutes: number | null = null;
  let match: RegExpMatchArray | null;
  if ((match = /^(\d{1,5})$/.exec(t))) {
    minutes = Number(match[1]);
  } else if ((match = /^(\d{1,4}):([0-5]\d)$/.exec(t))) {
    minutes = Number(match[1]) * 60 + Number(match[2]);
  } else if ((match = /^(?:(\d{1,4})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*m(?:in(?:utes?|s)?)?)?$/.exec(t))) {
    if (match[1] !== undefined || match[2] !== undefined) {
      minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
    }
  } else if ((match = /^(\d{1,4})\s*h(?:ours?|rs?)?\s*(\d{1,2})$/.exec(t))) {
    minutes = Number(match[1]) * 60 + Number(match[2]);
  }
  if (minutes === null) {
    return { ok: false, message: `"${text.trim()}" is not a length: type minutes (90) or hours:minutes (1:30).` };
  }
  if (minutes <= 0) return { ok: false, message: "The length must be more than 0 minutes." };
  if (minutes > max) {
    return { ok: false, message: `${formatDuration(minutes)} is more than ${formatDuration(max)}; is it a typing mistake?` };
  }
  return { ok: true, minutes };
}

/** A field that is wrong, and what to say about it. */
export interface FieldProblem {
  field: string;
  text: string;
}

/** A field an hours form cannot do without, and what to say when it is empty. */
export interface Required {
  field: string;
  value: string;
  missing: string;
}

/** Everything wrong with an hours form's length (at most `max` minutes) and its required
 *  field, together (the date picker says what is wrong with the day itself). */
export function formProblems(length: string, max: number, required: Required): FieldProblem[] {
  const out: FieldProblem[] = [];
  const parsed = parseMinutes(length, max);
  if (!parsed.ok) out.push({ field: "minutes", text: `Length: ${parsed.message}` });
  if (!required.value.trim()) out.push({ field: required.field, text: required.missing });
  return out;
}

/** One bar on the dashboard: a requirement with a target. */
export interface RequirementBar {
  key: string;
  label: string;
  /** What the numbers are ("1:30 of 24:00" or "7 of 12 months"). */
  detail: string;
  /** 0–100, for the bar's width. */
  percent: number;
  met: boolean;
}

function percentOf(done: number, needed: number): number {
  if (needed <= 0) return 100;
  return Math.min(100, Math.floor((done * 100) / needed));
}

function minutesBar(key: string, label: string, counted: number, required: number, met: boolean): RequirementBar {
  return {
    key,
    label,
    detail: `${formatHmm(counted)} of ${formatHmm(required)} h`,
    percent: percentOf(counted, required),
    met,
  };
}

/** The dashboard's bars for a rule set's progress, in the order a reviewer checks them. */
export function requirementBars(progress: Progress, rules: RuleSet | undefined): RequirementBar[] {
  // A category that asks for no RSC (IFA, Mentor - Policy) shows no RSC bar.
  const bars: RequirementBar[] =
    progress.required_minutes === 0
      ? []
      : [
          minutesBar(
            "rsc",
            "Reflective supervision/consultation",
            progress.counted_minutes,
            progress.required_minutes,
            progress.counted_minutes >= progress.required_minutes,
          ),
        ];
  const minMonths = rules?.rsc.window_min_months ?? null;
  if (minMonths !== null && minMonths > 0) {
    const months = progress.window?.months ?? 0;
    bars.push({
      key: "span",
      label: "Spread over time",
      detail: `${months} of at least ${minMonths} months`,
      percent: percentOf(months, minMonths),
      met: months >= minMonths,
    });
  }
  if (progress.about_rsc_provided) {
    const p = progress.about_rsc_provided;
    bars.push(minutesBar("about", "About the RSC you provide", p.counted_minutes, p.required_minutes, p.met));
  }
  if (progress.training) {
    const t = progress.training;
    bars.push(minutesBar("training", "In-service training", t.total.counted_minutes, t.total.required_minutes, t.total.met));
    if (t.iecmh.required_minutes > 0) {
      bars.push(
        minutesBar("iecmh", "Training on infant and early childhood mental health", t.iecmh.counted_minutes, t.iecmh.required_minutes, t.iecmh.met),
      );
    }
    if (t.dei.required_minutes > 0) {
      bars.push(minutesBar("dei", "Training on diversity, equity and inclusion", t.dei.counted_minutes, t.dei.required_minutes, t.dei.met));
    }
    if (t.providing_rsc.required_minutes > 0) {
      bars.push(
        minutesBar("providing_rsc", "Training on providing RSC", t.providing_rsc.counted_minutes, t.providing_rsc.required_minutes, t.providing_rsc.met),
      );
    }
  }
  return bars;
}

/** `YYYY-MM` → "Nov 2026". */
export function monthLabel(month: string): string {
  return formatMonth(month, true);
}

function nextMonth(month: string): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * The last `count` calendar months up to `lastMonth` (`YYYY-MM`), each with its minutes:
 * months without sessions are there with 0, so the chart's gaps are real gaps.
 */
export function monthSeries(byMonth: readonly MonthMinutes[], lastMonth: string, count: number): MonthMinutes[] {
  const known = new Map(byMonth.map((m) => [m.month, m]));
  let month = lastMonth;
  for (let i = 1; i < count; i++) month = previousMonth(month);
  const out: MonthMinutes[] = [];
  for (let i = 0; i < count; i++) {
    out.push(known.get(month) ?? { month, minutes: 0, individual_minutes: 0, group_minutes: 0 });
    month = nextMonth(month);
  }
  return out;
}

function previousMonth(month: string): string {
  const [y = 0, m = 1] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** Hours between grid lines for a scale topped at `hours`: about five lines at most. */
function tickStep(hours: number): number {
  return hours <= 5 ? 1 : hours <= 10 ? 2 : hours <= 25 ? 5 : 10;
}

/**
 * The chart's scale: a round top above the busiest month, in minutes (0–30 min → 1 h,
 * 7 h 10 → 8 h), and the whole hours where grid lines go.
 */
export function chartScale(series: readonly MonthMinutes[]): { top: number; tickHours: number[] } {
  const most = Math.max(0, ...series.map((m) => m.minutes));
  const hours = Math.max(1, Math.ceil(most / 60));
  const step = tickStep(hours);
  const topHours = Math.ceil(hours / step) * step;
  const tickHours: number[] = [];
  for (let h = 0; h <= topHours; h += step) tickHours.push(h);
  return { top: topHours * 60, tickHours };
}
