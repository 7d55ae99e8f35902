// Two versions of one reflection (this one, and one kept because another device edited it at
// the same time), compared field by field for the window's "Compare": only what differs,
// in the editor's order, each with the editor's label.
import type { Reflection } from "./bindings";
import { formatDay } from "./dates";
import { kindLabel, SECTIONS } from "./reflection";

/** One field that differs: its label, and its text in each version ("" when empty). */
export interface Difference {
  field: string;
  label: string;
  here: string;
  other: string;
}

type Content = Omit<Reflection, "id" | "created_at" | "updated_at">;

const FIELDS: readonly { key: keyof Content; label: string; show: (r: Content) => string }[] = [
  { key: "title", label: "Title", show: (r) => r.title },
  { key: "kind", label: "Kind", show: (r) => kindLabel(r.kind) },
  { key: "date", label: "Day", show: (r) => formatDay(r.date, "long") },
  { key: "family", label: "Family (pseudonym)", show: (r) => r.family },
  { key: "tags", label: "Tags", show: (r) => r.tags.join(", ") },
  ...SECTIONS.map((s) => ({ key: s.key, label: s.label, show: (r: Content) => r[s.key] })),
];

/** The fields in which `here` and `other` differ, in the editor's order. */
export function differences(here: Content, other: Content): Difference[] {
  return FIELDS.filter((f) => f.show(here) !== f.show(other)).map((f) => ({
    field: f.key,
    label: f.label,
    here: f.show(here),
    other: f.show(other),
  }));
}
