// What is wrong with a form in Hours, as every one of its forms shows it: nothing until a
// save is tried; from then on every problem at once, checked again as the form is typed in
// (so one goes as soon as its field is fixed); and what Rust refused, until the form changes
// (the form's own $effect over its fields calls `changed`).
import { toApiError } from "./api";
import { describeError } from "./errors";
import type { FieldProblem } from "./hours";

export class FormCheck {
  /** A save was tried. */
  tried = $state(false);
  /** What Rust refused, with its field. */
  refused = $state<FieldProblem | null>(null);
  /** Every problem to show now. */
  readonly problems: FieldProblem[] = $derived.by(() => {
    const checked = this.tried ? this.now() : [];
    return this.refused ? [...checked, this.refused] : checked;
  });

  /** `now` checks the form as it stands. */
  constructor(private readonly now: () => FieldProblem[]) {}

  /** For a field's `aria-invalid`. */
  invalid = (field: string): "true" | undefined => (this.problems.some((p) => p.field === field) ? "true" : undefined);

  /** A save is tried: every problem shows from now on. Whether the form's own checks pass. */
  attempt(): boolean {
    this.tried = true;
    this.refused = null;
    return this.now().length === 0;
  }

  /** Rust refused the save: shown beside the field it names. */
  refuse(raw: unknown): void {
    const error = toApiError(raw);
    this.refused = { field: error.field ?? "", text: describeError(error) };
  }

  /** The form changed: what Rust refused no longer applies. */
  changed(): void {
    this.refused = null;
  }

  /** A new form (emptied, or another row to edit): nothing shows until a save is tried. */
  clear(): void {
    this.tried = false;
    this.refused = null;
  }
}
