// Sharing, the parts that are pure logic: fingerprints laid out to read aloud, the
// de-identification check over everything a share bundle would carry, what a received file
// did in words, and which received sessions an attestation would cover.
import type { ReceivedFile, ReceivedSession, Section, SharePreview } from "./bindings";
import { findHints, type Hint, type HintKind } from "./deid";
import { formatDuration } from "./hours";
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

/** Something in a share bundle that could identify a family. */
export interface Finding {
  /** The reflection's title (or its date when untitled). */
  reflection: string;
  /** Where in it: "Title", "Family", or a section's label. */
  where: string;
  kind: HintKind;
  text: string;
}

/**
 * Everything in what would leave that the de-identification hints flag: each reflection's
 * title and its shared sections (the family field is the pseudonym itself, and is not checked
 * against itself). Sessions carry no free text but the provider's name, which is the point.
 */
export function previewFindings(preview: SharePreview, namesToAvoid: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const r of preview.reflections) {
    const reflection = r.title.trim() || `Reflection of ${r.date}`;
    const add = (where: string, text: string) => {
      for (const h of findHints(text, namesToAvoid)) {
        out.push({ reflection, where, kind: h.kind, text: h.text });
      }
    };
    add("Title", r.title);
    for (const s of r.sections) add(sectionLabel(s.section), s.text);
  }
  return out;
}

/** A piece of text, marked when it is a hint. */
export interface Segment {
  text: string;
  hint: HintKind | null;
}

/** `text` cut into plain and flagged pieces, in order, for showing with the hints marked. */
export function segments(text: string, namesToAvoid: readonly string[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const hints: Hint[] = findHints(text, namesToAvoid);
  for (const h of hints) {
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
