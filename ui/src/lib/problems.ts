// The problems of a form, all shown at once, each beside its field (the pattern of the hours
// forms): the form's own checks, run again as it is typed once a submit was tried (so an
// error goes as soon as its field is fixed), and what Rust refused, kept until the refused
// field is changed.
import type { FieldProblem } from "./hours";

export type { FieldProblem };

/** What to say about `field`: its problems in one line, or "" when nothing is wrong with it. */
export function problemOf(problems: readonly FieldProblem[], field: string): string {
  return problems
    .filter((p) => p.field === field)
    .map((p) => p.text)
    .join(" ");
}

/** The form's problems to show: its own checks (once a submit was tried) and Rust's refusal. */
export function shownProblems(
  tried: boolean,
  check: () => FieldProblem[],
  refused: FieldProblem | null,
): FieldProblem[] {
  const own = tried ? check() : [];
  return refused && !own.some((p) => p.field === refused.field) ? [...own, refused] : own;
}

/** The refusal that still holds once `field` was changed: none if it was about that field. */
export function changed(refused: FieldProblem | null, field: string): FieldProblem | null {
  return refused?.field === field ? null : refused;
}
