// Letters about a finalised decision: preview and issue, the annex guard's overrides, issued copies.
import { call } from "./ipc";
import type { IssuedLetterSummary } from "../generated/IssuedLetterSummary";
import type { Addressing } from "../generated/Addressing";
import type { CaseLetter } from "../generated/CaseLetter";
import type { DemoCreated } from "../generated/DemoCreated";
import type { LetterContent } from "../generated/LetterContent";
import type { LetterPreview } from "../generated/LetterPreview";
import type { LetterRequest } from "../generated/LetterRequest";
import type { LetterSaved } from "../generated/LetterSaved";
import type { OutcomeDetails } from "../generated/OutcomeDetails";
import type { UpdateDetails } from "../generated/UpdateDetails";

export type {
  Addressing,
  CaseLetter,
  DemoCreated,
  LetterContent,
  LetterPreview,
  LetterRequest,
  LetterSaved,
  OutcomeDetails,
  UpdateDetails,
};

/** Composes the letters and renders the first, unsigned; nothing is stored. The preview's token issues them. */
export function previewLetters(request: LetterRequest): Promise<LetterPreview> {
  return call<LetterPreview>("preview_letters", { request });
}

/**
 * Signs and stores exactly the letters of the preview with this token (refused with
 * `letter.changed_since_preview` if what they print changed since); issued letters are kept for good.
 */
export function issueLetters(token: string): Promise<IssuedLetterSummary[]> {
  return call<IssuedLetterSummary[]>("issue_letters", { token });
}

// The annex guard's overrides: a term of a case's restricted details that the chair has judged
// safe in context. Listed by kind of detail; the terms themselves are read only on request.
import type { AnnexOverrideView } from "../generated/AnnexOverrideView";
import type { AnnexTerm } from "../generated/AnnexTerm";
import type { BoardTextWarning } from "../generated/BoardTextWarning";

export type { AnnexOverrideView, AnnexTerm, BoardTextWarning };

export function annexOverrides(caseId: number): Promise<AnnexOverrideView[]> {
  return call<AnnexOverrideView[]>("annex_overrides", { caseId });
}

/** The restricted details a refused letter would print, as the annex writes them (recorded as a reading). */
export function restrictedTermsInLetters(request: LetterRequest): Promise<AnnexTerm[]> {
  return call<AnnexTerm[]>("restricted_terms_in_letters", { request });
}

/** The restricted details the case's text for the board uses, blocking finalising (recorded as a reading). */
export function restrictedTermsInDraft(caseId: number): Promise<AnnexTerm[]> {
  return call<AnnexTerm[]>("restricted_terms_in_draft", { caseId });
}

export function allowAnnexTerm(caseId: number, termKey: string): Promise<AnnexOverrideView[]> {
  return call<AnnexOverrideView[]>("allow_annex_term", { caseId, termKey });
}

export function withdrawAnnexOverride(caseId: number, id: number): Promise<AnnexOverrideView[]> {
  return call<AnnexOverrideView[]>("withdraw_annex_override", { caseId, id });
}

export function caseLetters(caseId: number): Promise<CaseLetter[]> {
  return call<CaseLetter[]>("case_letters", { caseId });
}

/** An issued letter's exact bytes. */
export async function issuedLetterPdf(id: number): Promise<Uint8Array> {
  return fromBase64(await call<string>("issued_letter_pdf", { id }));
}

/** Writes a copy of an issued letter into the Documents folder. */
export function saveIssuedLetter(id: number): Promise<LetterSaved> {
  return call<LetterSaved>("save_issued_letter", { id });
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
