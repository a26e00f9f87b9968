import type { FullAutoFill } from "svelte/elements";

// What every labelled control of the kit is given: the input's id (a label's `for`, and the
// stem of its hint's and error's ids), the name it is sent under, and the words around it.
export interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string | null;
  error?: string | null;
}

/** One choice of a set of radios: the value sent, its label, and an optional hint under it. */
export interface RadioOption<T extends string = string> {
  value: T;
  label: string;
  hint?: string | null;
}

/** The options of a yes-or-no question (GOV.UK radios, shown inline). */
export const YES_NO: RadioOption<"yes" | "no">[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/**
 * One field of a form, for `FieldList`: a line of text (the default), a textarea, a select, a
 * date or radios (whose `id` is the stem of each radio's). Its answer is found under `key` (its `name` unless given), and its error, by default,
 * under its `name`, the name the backend's field errors use.
 */
export type FieldSpec = Omit<FieldProps, "error"> & { key?: string } & (
    | { kind?: "text"; inputClass?: string; autocomplete?: FullAutoFill; type?: "text" | "password" }
    | { kind: "textarea"; rows?: number; spellcheck?: boolean }
    | { kind: "select"; options: Array<{ value: string; label: string }> }
    | { kind: "date"; dayId?: string }
    | { kind: "radios"; options: RadioOption[]; inline?: boolean }
  );

/** The id of the input a field's error links to: the field's own, a date's day box, or the first radio. */
export function inputIdOf(field: FieldSpec): string {
  if (field.kind === "date") return field.dayId ?? `${field.id}-day`;
  if (field.kind === "radios") return `${field.id}-${field.options[0]?.value}`;
  return field.id;
}
