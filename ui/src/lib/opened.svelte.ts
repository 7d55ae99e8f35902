// A file handed to the app by the desktop (opened from a file manager or a mail program, or
// by a second launch): the page that opens its kind takes it, and starts the same flow as its
// own button, whose open dialog the file then stands in for (in Rust; the page never holds a
// path). Unlocked sets it; Sharing and Settings → Backups take it.
import type { OpenedFile, OpenedKind } from "./bindings";

export const opened = $state<{ file: OpenedFile | null }>({ file: null });

/** The file waiting, if it is of one of `kinds`: taken (it is opened once). */
export function takeOpened(kinds: OpenedKind[]): OpenedFile | null {
  const file = opened.file;
  if (!file || !kinds.includes(file.kind)) return null;
  opened.file = null;
  return file;
}

/** The page each kind of file is opened on. */
export function pageFor(kind: OpenedKind): "sharing" | "settings" {
  return kind === "backup" ? "settings" : "sharing";
}
