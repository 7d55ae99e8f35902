// The shape of a reflection as the editor shows it: one section per relationship of the
// parallel process, each with a short, gentle prompt.
import { SECTION_LABELS, type ReflectionDraft, type ReflectionKind } from "./bindings";

/** The text sections of a reflection, in the order they are written. */
export type SectionKey =
  | "parent_infant"
  | "practitioner_parent"
  | "supervisor_practitioner"
  | "self"
  | "for_supervision";

export interface Section {
  key: SectionKey;
  /** Core's label for the section (`Section::label`), which findings use too. */
  label: string;
  prompt: string;
}

export const SECTIONS: readonly Section[] = [
  {
    key: "parent_infant",
    label: SECTION_LABELS.parent_infant,
    prompt: "Holding the baby in mind: what passed between them? What might the baby have felt?",
  },
  {
    key: "practitioner_parent",
    label: SECTION_LABELS.practitioner_parent,
    prompt: "What happened between you? What did the parent seem to need from you?",
  },
  {
    key: "supervisor_practitioner",
    label: SECTION_LABELS.supervisor_practitioner,
    prompt: "The parallel process: how might this visit echo in your supervision, or your supervision in it?",
  },
  {
    key: "self",
    label: SECTION_LABELS.self,
    prompt: "Professional use of self: what did it stir in you? What did you notice in your body and thoughts?",
  },
  {
    key: "for_supervision",
    label: SECTION_LABELS.for_supervision,
    prompt: "What would you like to explore, and what do you hope for from it?",
  },
];

export const KINDS: readonly { value: ReflectionKind; label: string }[] = [
  { value: "home_visit", label: "Home visit" },
  { value: "supervision", label: "Supervision" },
  { value: "note", label: "Note" },
];

export function kindLabel(kind: ReflectionKind): string {
  return KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** A new, empty reflection about today. */
export function emptyDraft(today: string): ReflectionDraft {
  return {
    kind: "home_visit",
    date: today,
    title: "",
    family: "",
    tags: [],
    parent_infant: "",
    practitioner_parent: "",
    supervisor_practitioner: "",
    self: "",
    for_supervision: "",
  };
}

/** Whether a draft has anything worth saving (the vault refuses an empty reflection). */
export function hasText(draft: ReflectionDraft): boolean {
  return [draft.title, ...SECTIONS.map((s) => draft[s.key])].some((t) => t.trim() !== "");
}

/** Splits what was typed in the tags box: commas or new lines, trimmed, no repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const tag = raw.trim();
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}
