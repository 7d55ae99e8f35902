// Deleting one row of a list once the person confirms it, as every log in Hours does: which
// row is asked about (in a ConfirmDelete dialog), the deletion itself, whose refusal is
// shown in the dialog where the person is looking, and what follows it in the screen.
import { toApiError } from "./api";
import { describeError } from "./errors";

/** What a ConfirmDelete dialog offers: opening it. */
export interface Asks {
  open(): void;
}

export class Deletion<T> {
  /** The row asked about, until another one is. */
  pending = $state<T | null>(null);
  /** The dialog that asks (bound with `bind:this`). */
  dialog = $state<Asks>();

  /**
   * `remove` deletes a row (its refusal is shown in the dialog); `after` runs once it is
   * deleted (saying so, reloading the list, leaving an edit of that row).
   */
  constructor(
    private readonly remove: (row: T) => Promise<unknown>,
    private readonly after: (row: T) => void | Promise<void>,
  ) {}

  /** Asks about `row`. */
  ask(row: T): void {
    this.pending = row;
    this.dialog?.open();
  }

  /** Deletes the row asked about: for the dialog's `onConfirm`. */
  confirm = async (): Promise<string | null> => {
    const gone = this.pending;
    if (gone === null) return null;
    try {
      await this.remove(gone);
    } catch (raw) {
      return describeError(toApiError(raw));
    }
    await this.after(gone);
    return null;
  };
}
