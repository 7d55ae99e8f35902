// Sharing, the parts that are pure logic: fingerprints laid out to read aloud, the findings of
// the de-identification check (which core makes) in words and marks, what a received file did
// in words, which received sessions an attestation would cover, and the share form's checks.
import type { Finding, Hint, HintKind, ReceivedFile, ReceivedSession, Section } from "./bindings";
import { formatDay, isIsoDate } from "./dates";
import { currentHints } from "./deid";
import { formatDuration } from "./hours";
import type { FieldProblem } from "./problems";
import { SECTIONS } from "./reflection";

/** A fingerprint ("ABCD EFGH …", 8 groups) as two rows of four groups, to compare aloud. */
export function fingerprintRows(fingerprint: string): string[] {
  const groups = fingerprint.trim().split(/\s+/).filter(Boolean);
  const rows: string[] = [];
  for (let i = 0; i < groups.length; i += 4) rows.push(groups.slice(i, i + 4).join(" "));
  return rows;
}

/** The label the editor gives a section. */
export function sectionLabel(section: Section): string {
  return SECTIONS.find((s) => s.key === section)?.label ?? section;
}

/** The findings in one field of one reflection: its title (`section` null) or a section. */
export function findingsIn(findings: readonly Finding[], reflectionId: string, section: Section | null): Finding[] {
  return findings.filter((f) => f.reflection_id === reflectionId && f.section === section);
}

/** A piece of text, marked when it is a hint. */
export interface Segment {
  text: string;
  hint: HintKind | null;
}

/**
 * `text` cut into plain and flagged pieces, in order, for showing with the hints marked. The
 * hints are core's, found in this same text; any that do not hold for it are ignored.
 */
export function segments(text: string, hints: readonly Hint[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const h of currentHints(text, hints)) {
    if (h.start < at) continue;
    if (h.start > at) out.push({ text: text.slice(at, h.start), hint: null });
    out.push({ text: h.text, hint: h.kind });
    at = h.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hint: null });
  return out;
}

const KIND_WORDS: Record<HintKind, [string, string]> = {
  phone: ["phone number", "phone numbers"],
  email: ["e-mail address", "e-mail addresses"],
  full_date: ["full date", "full dates"],
  address: ["street address", "street addresses"],
  name: ["name to avoid", "names to avoid"],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 phone numbers and 1 name to avoid", or "" when nothing was found. */
export function findingsSummary(findings: readonly Finding[]): string {
  const byKind = new Map<HintKind, number>();
  for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const parts = (Object.keys(KIND_WORDS) as HintKind[])
    .filter((k) => byKind.has(k))
    .map((k) => count(byKind.get(k) ?? 0, KIND_WORDS[k]));
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** What receiving a file did, in a sentence. */
export function receivedSummary(r: ReceivedFile): string {
  if (r.type === "bundle") {
    if (r.already_received) return `You had already received this from ${r.from}. Nothing changed.`;
    const parts: string[] = [];
    if (r.reflections) parts.push(count(r.reflections, ["reflection", "reflections"]));
    if (r.sessions) parts.push(count(r.sessions, ["session to confirm", "sessions to confirm"]));
    if (r.comments) parts.push(count(r.comments, ["comment", "comments"]));
    let text = `Received from ${r.from}: ${parts.length ? parts.join(", ") : "nothing new"}.`;
    if (r.comments_skipped) {
      text += ` ${count(r.comments_skipped, ["comment was", "comments were"])} about reflections no longer in your journal and not kept.`;
    }
    return text;
  }
  if (r.already_received) return `You had already received this attestation from ${r.from}. Nothing changed.`;
  let text = `${r.from} attested ${count(r.sessions, ["session", "sessions"])}; ${r.matched} now show as attested in your hours.`;
  if (r.matched < r.sessions) {
    text += ` ${r.sessions - r.matched} no longer match your log (changed or deleted since you sent them).`;
  }
  return text;
}

/** The sessions an attestation for `from`–`to` would cover: those naming me, in the period. */
export function attestable(sessions: readonly ReceivedSession[], from: string, to: string): ReceivedSession[] {
  return sessions.filter((s) => s.names_me && (!from || s.date >= from) && (!to || s.date <= to));
}

/** "3 sessions, 4 h 30 min". */
export function sessionsTotal(sessions: readonly { minutes: number }[]): string {
  const minutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
  return `${count(sessions.length, ["session", "sessions"])}, ${formatDuration(minutes)}`;
}

/** The first and last day of the sessions naming me, to offer as the attestation's period. */
export function attestPeriod(sessions: readonly ReceivedSession[]): { from: string; to: string } {
  const days = sessions.filter((s) => s.names_me).map((s) => s.date).sort();
  return { from: days[0] ?? "", to: days[days.length - 1] ?? "" };
}

/** What the share form holds, for its checks. */
export interface ShareForm {
  /** The contact's fingerprint, "" when none is chosen. */
  to: string;
  /** The reflections chosen, with the sections of each. */
  chosen: readonly { id: string; title: string; date: string; sections: readonly Section[] }[];
  /** Whether hours are sent to confirm, and their first and last day (ISO, "" when not given). */
  withHours: boolean;
  from: string;
  until: string;
}

/**
 * Everything wrong with the share form, together: on `to`, `what` (nothing chosen),
 * `sections:<reflection id>` and `hours_to` (the days of the period are the date fields' own
 * checks).
 */
export function shareProblems(form: ShareForm): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!form.to) out.push({ field: "to", text: "Choose who to share with." });
  if (form.chosen.length === 0 && !form.withHours) {
    out.push({ field: "what", text: "Choose reflections, hours to confirm, or both." });
  }
  for (const c of form.chosen) {
    if (c.sections.length === 0) {
      out.push({
        field: `sections:${c.id}`,
        text: `Choose at least one section of “${c.title || formatDay(c.date)}”.`,
      });
    }
  }
  if (form.withHours && isIsoDate(form.from) && isIsoDate(form.until) && form.from > form.until) {
    out.push({ field: "hours_to", text: "Last day: it is before the first day." });
  }
  return out;
}
