// The supervisor's desk, as plain functions the screens use: who sees the desk, which
// sessions a period or the ticks would sign, what a session's signed state says, and which
// shared reflections the person's page shows.
import type { DeskReflection, Role, SessionToSign } from "./bindings";

/** Whether the window shows the Supervisees view: a supervisor always, anyone else once
 * someone sent them reflections or sessions (a practitioner who also supervises). */
export function deskShown(role: Role | null, rows: number): boolean {
  return role === "supervisor" || rows > 0;
}

/** "1 session", "3 sessions". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The sessions a date range would sign: dated in it (open ends allowed), naming me, not
 * signed yet. */
export function signableIn(sessions: readonly SessionToSign[], from: string, to: string): SessionToSign[] {
  return sessions.filter(
    (s) => s.names_me && s.signed.status === "unsigned" && (!from || s.date >= from) && (!to || s.date <= to),
  );
}

/** Whether a session can be ticked to sign. */
export function tickable(s: SessionToSign): boolean {
  return s.names_me && s.signed.status === "unsigned";
}

/** What a session's state says in the signing list. */
export function signedLabel(s: SessionToSign, formatDay: (iso: string) => string): string {
  if (s.signed.status === "signed") {
    return `Signed ${formatDay(s.signed.signed_on)} (attestation ${s.signed.attestation_id.slice(0, 8)})`;
  }
  return s.names_me ? "Not signed yet" : `Names ${s.provider}, not you`;
}

/** The ticks kept when the list changes: only ids still tickable. */
export function keptTicks(ticked: readonly string[], sessions: readonly SessionToSign[]): string[] {
  const ok = new Set(sessions.filter(tickable).map((s) => s.shared_id));
  return ticked.filter((id) => ok.has(id));
}

/** The reflections the page shows: archived ones only when asked, and only the search's
 * matches while there is a search (`matches` null when none). Order kept (newest first). */
export function shownReflections(
  all: readonly DeskReflection[],
  showArchived: boolean,
  matches: ReadonlySet<string> | null,
): DeskReflection[] {
  return all.filter((r) => (showArchived || !r.archived) && (matches === null || matches.has(r.shared_id)));
}
