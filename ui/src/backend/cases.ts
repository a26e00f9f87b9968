// Frameworks and cases: opening a case, its draft decision, its restricted annex, finalising.
import { call } from "./ipc";
import type { CaseListEntry } from "../generated/CaseListEntry";
import type { CaseSummary } from "../generated/CaseSummary";
import type { CaseView } from "../generated/CaseView";
import type { DecisionDraft } from "../generated/DecisionDraft";
import type { Finding } from "../generated/Finding";
import type { Framework } from "../generated/Framework";
import type { FrameworkSummary } from "../generated/FrameworkSummary";
import type { NewCase } from "../generated/NewCase";
import type { RestrictedAnnex } from "../generated/RestrictedAnnex";
import type { TimerReport } from "../generated/TimerReport";
import type { PageRef } from "../generated/PageRef";
import type { RationaleRule } from "../generated/RationaleRule";
import type { WizardPage } from "../generated/WizardPage";

export type {
  CaseListEntry,
  CaseSummary,
  CaseView,
  DecisionDraft,
  Finding,
  Framework,
  FrameworkSummary,
  NewCase,
  PageRef,
  RationaleRule,
  RestrictedAnnex,
  TimerReport,
  WizardPage,
};
import type { FolderFileProblem } from "../generated/FolderFileProblem";
import type { FrameworksView } from "../generated/FrameworksView";
import type { Holiday } from "../generated/Holiday";
import type { NextDeadline } from "../generated/NextDeadline";

export type { FolderFileProblem, FrameworksView, Holiday, NextDeadline };

/** The frameworks available and the board's own framework files that were refused at start. */
export function frameworksView(): Promise<FrameworksView> {
  return call<FrameworksView>("frameworks_view");
}

/** The frameworks a case can be decided under: the built-in ones and any the board added. */
export function listFrameworks(): Promise<FrameworkSummary[]> {
  return call<FrameworkSummary[]>("list_frameworks");
}

/** One framework in full: its criteria, triggers, factors, decisions, timers and notifications. */
export function getFramework(id: string, version: string): Promise<Framework> {
  return call<Framework>("get_framework", { id, version });
}

/** The cases, newest first; `search` matches the reference or the pseudonym. */
export function listCases(search?: string): Promise<CaseListEntry[]> {
  const trimmed = search?.trim();
  return call<CaseListEntry[]>("list_cases", trimmed ? { search: trimmed } : {});
}

/** Opens a case under the next reference, with its restricted annex kept apart. */
export function openCase(newCase: NewCase): Promise<CaseView> {
  return call<CaseView>("open_case", { newCase });
}

export function getCase(id: number): Promise<CaseView> {
  return call<CaseView>("get_case", { id });
}

/** Saves what the board is told about the case (dates, summary, parallel processes, family plan). */
export function saveCaseSummary(id: number, summary: CaseSummary): Promise<CaseView> {
  return call<CaseView>("save_case_summary", { id, summary });
}

/** Saves the whole draft; the answer carries fresh findings and timers. */
export function saveDraft(id: number, draft: DecisionDraft): Promise<CaseView> {
  return call<CaseView>("save_draft", { id, draft });
}

/**
 * The identifying details. Every call is recorded in the audit trail, so call it only when
 * the person has asked to see them.
 */
export function readAnnex(id: number): Promise<RestrictedAnnex> {
  return call<RestrictedAnnex>("read_annex", { id });
}

export function saveAnnex(id: number, annex: RestrictedAnnex): Promise<CaseView> {
  return call<CaseView>("save_annex", { id, annex });
}

/** Makes the draft the decision (version 1); refused with `decision.incomplete` while anything blocks. */
export function finaliseDecision(id: number): Promise<CaseView> {
  return call<CaseView>("finalise_decision", { id });
}

/** Supersedes the latest decision with the current draft, for the reason given. */
export function amendDecision(id: number, reason: string): Promise<CaseView> {
  return call<CaseView>("amend_decision", { id, reason });
}
