// The "write letters" form as plain data: what the chair typed, turned into the backend's
// LetterContent, with GOV.UK messages for dates typed wrongly. The backend checks the rest.
import type { Addressing, FieldError, LetterContent } from "../../backend";
import { fromParts, type DateParts } from "../form/dateParts";

export type LetterKindChoice = "decision_notice" | "update" | "outcome_notice";

export interface LetterForm {
  kind: LetterKindChoice | null;
  addressing: Addressing | null;
  whatChanged: string;
  reason: string;
  revisedCompletion: DateParts;
  updateNextSteps: string;
  completedOn: DateParts;
  published: "yes" | "no" | null;
  publication: string;
  notPublishedReason: string;
  boardResponse: string;
  outcomeNextSteps: string;
}

const empty = (): DateParts => ({ day: "", month: "", year: "" });

export function newLetterForm(): LetterForm {
  return {
    kind: null,
    addressing: "both",
    whatChanged: "",
    reason: "",
    revisedCompletion: empty(),
    updateNextSteps: "",
    completedOn: empty(),
    published: null,
    publication: "",
    notPublishedReason: "",
    boardResponse: "",
    outcomeNextSteps: "",
  };
}

/** Where each field's error summary link lands (the backend names fields as in Rust). */
export const LETTER_FIELD_IDS: Record<string, string> = {
  kind: "letter-kind-decision_notice",
  addressing: "letter-to-circular",
  what_changed: "what-changed",
  reason: "update-reason",
  revised_completion: "revised-completion-day",
  completed_on: "completed-on-day",
  published: "published-yes",
  publication: "publication",
  not_published_reason: "not-published-reason",
  board_response: "board-response",
};

export type Built = { ok: true; content: LetterContent; addressing: Addressing } | { ok: false; errors: FieldError[] };

/** The form as the backend's request, or the problems the chair must fix first. */
export function buildContent(form: LetterForm): Built {
  const errors: FieldError[] = [];
  if (!form.kind) errors.push({ field: "kind", message: "Select which letter to write" });
  if (!form.addressing) errors.push({ field: "addressing", message: "Select who the letter is addressed to" });
  const date = (parts: DateParts, field: string, label: string): string | null => {
    const parsed = fromParts(parts, label);
    if (parsed.ok) return parsed.value;
    errors.push({ field, message: parsed.message });
    return null;
  };
  let content: LetterContent = { kind: "decision_notice" };
  if (form.kind === "update") {
    content = {
      kind: "update",
      whatChanged: form.whatChanged,
      reason: form.reason,
      revisedCompletion: date(form.revisedCompletion, "revised_completion", "The new completion date"),
      nextSteps: form.updateNextSteps,
    };
  } else if (form.kind === "outcome_notice") {
    content = {
      kind: "outcome_notice",
      completedOn: date(form.completedOn, "completed_on", "The date the review ended"),
      published: form.published === null ? null : form.published === "yes",
      publication: form.published === "yes" ? form.publication : "",
      notPublishedReason: form.published === "no" ? form.notPublishedReason : "",
      boardResponse: form.boardResponse,
      nextSteps: form.outcomeNextSteps,
    };
  }
  if (errors.length > 0 || !form.addressing) return { ok: false, errors };
  return { ok: true, content, addressing: form.addressing };
}
