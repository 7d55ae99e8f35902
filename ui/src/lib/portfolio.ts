// Words for the portfolio checklist: the parts, the statuses, the raters, and one line of
// what the user recorded. Counts only: Attune never says a part is met.
import type { ChecklistPart, ItemStatus, PortfolioPart, RaterRole } from "./bindings";

export const PART_LABELS: Record<PortfolioPart, string> = {
  education: "Education",
  work_experience: "Work experience",
  reference: "Reference ratings",
  exam: "Exam",
  membership: "Membership",
  code_of_ethics: "Code of Ethics and Endorsement® Agreement",
};

/** What a new item of each part is called in the form's heading and buttons. */
export const PART_ITEM: Record<PortfolioPart, string> = {
  education: "a degree or transcript",
  work_experience: "a job or placement",
  reference: "a reference rating",
  exam: "the exam",
  membership: "a membership",
  code_of_ethics: "the signed Code of Ethics",
};

export const STATUS_LABELS: Record<ItemStatus, string> = {
  to_do: "To do",
  requested: "Asked for or under way",
  done: "Done",
};

export const RATER_LABELS: Record<RaterRole, string> = {
  supervisor: "Current program supervisor, teacher, trainer or consultant",
  rsc_provider: "My supervisor or consultant (RSC)",
  colleague: "A colleague",
  supervisee: "Someone I supervise",
  other: "Someone else",
};

export const SEE_ASSOCIATION = "See your association's requirements for this category.";

/** One line of what is recorded for a part: "2 recorded (1 done, 1 asked for); 3 asked." */
export function recordedLine(part: ChecklistPart): string {
  const n = part.items.length;
  const asked = part.asked.count !== null ? ` ${part.asked.count} asked for.` : "";
  if (n === 0) return `Nothing recorded yet.${asked}`;
  const detail: string[] = [];
  if (part.done > 0) detail.push(`${part.done} done`);
  if (part.requested > 0) detail.push(`${part.requested} asked for or under way`);
  const toDo = n - part.done - part.requested;
  if (toDo > 0) detail.push(`${toDo} to do`);
  return `${n} recorded (${detail.join(", ")}).${asked}`;
}

/** Checks the months a rater has known the user: "" (not given), or a whole number up to `max`. */
export function parseKnownMonths(typed: string, max: number): { ok: true; months: number | null } | { ok: false; message: string } {
  const t = typed.trim();
  if (t === "") return { ok: true, months: null };
  if (!/^\d+$/.test(t)) return { ok: false, message: `"${t}" is not a whole number of months` };
  const months = Number(t);
  if (months > max) return { ok: false, message: `${months} months is more than ${max}; is it a typing mistake?` };
  return { ok: true, months };
}
