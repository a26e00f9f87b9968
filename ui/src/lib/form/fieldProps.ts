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

/** The options of a yes-or-no question (GOV.UK radios, shown inline). */
export const YES_NO: { value: "yes" | "no"; label: string }[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/**
 * One field of a form whose answer is text, for `FieldList`: a line of text (the default), a
 * textarea or a select. Its answer and its error are found under its `name`, the name the
 * backend's field errors use.
 */
export type TextFieldSpec = Omit<FieldProps, "error"> &
  (
    | { kind?: "text"; inputClass?: string; autocomplete?: FullAutoFill }
    | { kind: "textarea"; rows?: number }
    | { kind: "select"; options: Array<{ value: string; label: string }> }
  );
