// The only module that talks to the Rust side. Everything else imports from here,
// so unit tests can replace it and the end-to-end tests exercise the real thing.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../generated/AppStatus";
import type { BackupMade } from "../generated/BackupMade";
import type { BoardProfile } from "../generated/BoardProfile";
import type { ErrorAction } from "../generated/ErrorAction";
import type { FieldError } from "../generated/FieldError";
import type { IntegrityReport } from "../generated/IntegrityReport";
import type { IpcError } from "../generated/IpcError";
import type { IssuedRecoveryKey } from "../generated/IssuedRecoveryKey";
import type { CertificateExported } from "../generated/CertificateExported";
import type { CertificateSummary } from "../generated/CertificateSummary";
import type { IssuedLetterSummary } from "../generated/IssuedLetterSummary";
import type { LetterVerification } from "../generated/LetterVerification";
import type { SignatureCheck } from "../generated/SignatureCheck";
import type { SignerSummary } from "../generated/SignerSummary";
import type { SigningSetupInput } from "../generated/SigningSetupInput";
import type { SigningStatus } from "../generated/SigningStatus";

export type { AppStatus, BackupMade, BoardProfile, ErrorAction, FieldError, IntegrityReport, IpcError, IssuedRecoveryKey };
export type {
  CertificateExported,
  CertificateSummary,
  IssuedLetterSummary,
  LetterVerification,
  SignatureCheck,
  SignerSummary,
  SigningSetupInput,
  SigningStatus,
};

/** Letters are about 60 KB; the backend refuses anything over 20 MB, so the UI does too. */
export const MAX_LETTER_BYTES = 20 * 1024 * 1024;
import type { BoardSettings } from "../generated/BoardSettings";
import type { ExportFormat } from "../generated/ExportFormat";
import type { FileUpload } from "../generated/FileUpload";
import type { ImportDone } from "../generated/ImportDone";
import type { ImportPreviewView } from "../generated/ImportPreviewView";
import type { Member } from "../generated/Member";
import type { MemberDetails } from "../generated/MemberDetails";
import type { MemberInput } from "../generated/MemberInput";
import type { MemberRecord } from "../generated/MemberRecord";
import type { RegisterEntry } from "../generated/RegisterEntry";
import type { RegisterExported } from "../generated/RegisterExported";
import type { RegisterView } from "../generated/RegisterView";
import type { SettingsView } from "../generated/SettingsView";

export type {
  BoardSettings,
  ExportFormat,
  FileUpload,
  ImportDone,
  ImportPreviewView,
  Member,
  MemberDetails,
  MemberInput,
  MemberRecord,
  RegisterEntry,
  RegisterExported,
  RegisterView,
  SettingsView,
};
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

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong in SCR Decision Desk. Try again, and if it keeps happening, restart the app.";

// Any string code is accepted, not only the ErrorCode values known at build time, so that
// a code added on the Rust side still reaches the screen instead of becoming "internal".
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === "string" && typeof candidate.message === "string";
}

/** Turns whatever a rejected call produced into an IpcError the screens can show. */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) {
    return { code: error.code, message: error.message, details: toDetails(error.details) };
  }
  return {
    code: "internal",
    message: INTERNAL_ERROR_MESSAGE,
    details: { cause: describe(error), fields: [], actions: [] },
  };
}

// The Rust side always sends well-formed details, but the screens must not crash
// on a rejection that was made some other way.
function toDetails(value: unknown): IpcError["details"] {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as { cause?: unknown; fields?: unknown; actions?: unknown };
  const fields = Array.isArray(raw.fields)
    ? raw.fields.filter((f: unknown): f is FieldError => {
        const field = f as Partial<Record<keyof FieldError, unknown>> | null;
        return typeof field?.field === "string" && typeof field.message === "string";
      })
    : [];
  // An action this build does not know has no button to offer, so it is dropped.
  const actions = Array.isArray(raw.actions) ? raw.actions.filter(isErrorAction) : [];
  return { cause: typeof raw.cause === "string" ? raw.cause : null, fields, actions };
}

function isErrorAction(value: unknown): value is ErrorAction {
  return value === "retry" || value === "recover";
}

function describe(error: unknown): string {
  // A plain object (say, a malformed error from the Rust side) says more as JSON than "[object Object]".
  if (typeof error === "object" && error !== null && !(error instanceof Error)) {
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Opens the archive (creating it on first run) and reports what the app knows. */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

/** Saves the board's name and area; the backend trims and validates them. */
export function saveBoardProfile(profile: BoardProfile): Promise<BoardProfile> {
  return call<BoardProfile>("save_board_profile", { profile });
}

/**
 * Makes a new recovery key, replacing any earlier one (the archive gets a new key with it), and
 * returns it this once. A passphrase, if one is set, is kept only when given again here.
 * Callers must not keep or log either beyond showing the key.
 */
export function issueRecoveryKey(passphrase: string | null = null): Promise<IssuedRecoveryKey> {
  return call<IssuedRecoveryKey>("issue_recovery_key", { passphrase });
}

/** Records that the chair has stored the recovery key, so the app stops asking. */
export function confirmRecoveryKey(): Promise<AppStatus> {
  return call<AppStatus>("confirm_recovery_key");
}

/** Opens a locked archive with the recovery key as typed; the backend forgives case, spaces and hyphens. */
export function recoverArchive(recoveryKey: string): Promise<AppStatus> {
  return call<AppStatus>("recover_archive", { recoveryKey });
}

/** Checks the archive file and its audit trail. */
export function checkArchive(): Promise<IntegrityReport> {
  return call<IntegrityReport>("check_archive");
}

/** Writes an encrypted backup into the user's Documents folder. */
export function backupArchive(): Promise<BackupMade> {
  return call<BackupMade>("backup_archive");
}

/** Whether the board can sign letters: its certificate and the signers. */
export function signingStatus(): Promise<SigningStatus> {
  return call<SigningStatus>("signing_status");
}

/** Creates the board's certificate and the chair's signing key, kept inside the archive. */
export function setUpSigning(input: SigningSetupInput): Promise<SigningStatus> {
  return call<SigningStatus>("set_up_signing", { input });
}

/** Saves the board's certificate as a .cer file in the Documents folder, for members to trust. */
export function exportBoardCertificate(): Promise<CertificateExported> {
  return call<CertificateExported>("export_board_certificate");
}

/**
 * Checks a letter against this board's certificate and its record of issued letters.
 * The bytes cross to Rust as a plain array of numbers (`Vec<u8>` on the other side): letters are
 * small, and this needs no encoding on either side.
 */
export function verifyLetter(pdf: Uint8Array): Promise<LetterVerification> {
  return call<LetterVerification>("verify_letter", { pdf: Array.from(pdf) });
}

/** The register as it stood on a date (YYYY-MM-DD), or today. */
export function registerAt(at: string | null = null): Promise<RegisterView> {
  return call<RegisterView>("register_at", { at });
}

/** One member with every version recorded for them. */
export function memberRecord(id: number): Promise<MemberRecord> {
  return call<MemberRecord>("member_record", { id });
}

export function addMember(input: MemberInput): Promise<Member> {
  return call<Member>("add_member", { input });
}

/** New details for a member, in effect from `effectiveFrom` as typed (today when empty). */
export function editMember(id: number, input: MemberInput, effectiveFrom: string): Promise<Member> {
  return call<Member>("edit_member", { id, input, effectiveFrom });
}

/** Records the last day of a member's term; the member stays in the register's history. */
export function leaveMember(id: number, lastDay: string): Promise<Member> {
  return call<Member>("leave_member", { id, lastDay });
}

/**
 * Reads a chosen file for the backend. The bytes travel as base64: a JSON array of numbers
 * would be about four times the size.
 */
export async function fileUpload(file: File): Promise<FileUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return { name: file.name, base64: btoa(binary) };
}

/** What importing the file would do; nothing is written. */
export function previewImport(file: FileUpload, excludedLines: number[]): Promise<ImportPreviewView> {
  return call<ImportPreviewView>("preview_import", { file, excludedLines });
}

/** Imports the file exactly as previewed (the token ties the two), or nothing at all. */
export function confirmImport(file: FileUpload, excludedLines: number[], token: string): Promise<ImportDone> {
  return call<ImportDone>("confirm_import", { file, excludedLines, token });
}

/** Writes the register (as at a date, or today) into the Documents folder. */
export function exportRegister(format: ExportFormat, at: string | null = null): Promise<RegisterExported> {
  return call<RegisterExported>("export_register", { format, at });
}

export function boardSettings(): Promise<SettingsView> {
  return call<SettingsView>("board_settings");
}

export function saveBoardSettings(settings: BoardSettings, agencies: string[]): Promise<SettingsView> {
  return call<SettingsView>("save_board_settings", { settings, agencies });
}

/** Checks, scales and stores the letterhead logo; null removes it. */
export function saveBoardLogo(file: FileUpload | null): Promise<SettingsView> {
  return call<SettingsView>("save_board_logo", { file });
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

// Letters about a finalised decision, and the demonstration board.
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

/** Creates the archive with the fictional demonstration board (first run only). */
export function startDemo(): Promise<DemoCreated> {
  return call<DemoCreated>("start_demo");
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

import type { FrameworkFileProblem } from "../generated/FrameworkFileProblem";
import type { FrameworksView } from "../generated/FrameworksView";
import type { Holiday } from "../generated/Holiday";
import type { NextDeadline } from "../generated/NextDeadline";

export type { FrameworkFileProblem, FrameworksView, Holiday, NextDeadline };

/** The frameworks available and the board's own framework files that were refused at start. */
export function frameworksView(): Promise<FrameworksView> {
  return call<FrameworksView>("frameworks_view");
}

/** Adds a day the board's office is closed (working-day timers skip it); `date` is YYYY-MM-DD. */
export function addClosureDay(date: string, name: string): Promise<SettingsView> {
  return call<SettingsView>("add_closure_day", { date, name });
}

export function removeClosureDay(date: string): Promise<SettingsView> {
  return call<SettingsView>("remove_closure_day", { date });
}

// Distribution
import type { AcknowledgementInput } from "../generated/AcknowledgementInput";
import type { BatchProgress } from "../generated/BatchProgress";
import type { DeliveryView } from "../generated/DeliveryView";
import type { DistributionView } from "../generated/DistributionView";
import type { ExportDone } from "../generated/ExportDone";
import type { MailSettingsInput } from "../generated/MailSettingsInput";
import type { MailSettingsView } from "../generated/MailSettingsView";
import type { ReminderReport } from "../generated/ReminderReport";
import type { TestMessageSent } from "../generated/TestMessageSent";
import type { ToldRow } from "../generated/ToldRow";
import type { DeliveryAction } from "../generated/DeliveryAction";
import type { DeliveryChannel } from "../generated/DeliveryChannel";
import type { DeliveryStatus } from "../generated/DeliveryStatus";

export type {
  AcknowledgementInput,
  BatchProgress,
  DeliveryAction,
  DeliveryChannel,
  DeliveryStatus,
  DeliveryView,
  DistributionView,
  ExportDone,
  MailSettingsInput,
  MailSettingsView,
  ReminderReport,
  TestMessageSent,
  ToldRow,
};

export function mailSettings(): Promise<MailSettingsView> {
  return call<MailSettingsView>("mail_settings");
}

/** Saves the mail server settings; a password given goes into the system keyring. */
export function saveMailSettings(input: MailSettingsInput): Promise<MailSettingsView> {
  return call<MailSettingsView>("save_mail_settings", { input });
}

/** A short message through the saved settings, to `to` or the sender's own address. */
export function sendTestMessage(to: string | null): Promise<TestMessageSent> {
  return call<TestMessageSent>("send_test_message", { to });
}

/** Who was told for a decision: members in post against the delivery log, and any batch's progress. */
export function getDistribution(reference: string): Promise<DistributionView> {
  return call<DistributionView>("get_distribution", { reference });
}

/** Starts sending in the background; poll getDistribution for the progress. */
export function startSending(reference: string): Promise<void> {
  return call<void>("start_sending", { reference });
}

/** Stops the batch after the message being sent now. */
export function cancelSending(): Promise<void> {
  return call<void>("cancel_sending");
}

/** Writes the secure-export members' letters and index.csv into the Documents folder. */
export function exportForSecureMail(reference: string): Promise<ExportDone> {
  return call<ExportDone>("export_for_secure_mail", { reference });
}

export function confirmDeliverySent(id: number, note: string): Promise<DeliveryView> {
  return call<DeliveryView>("confirm_delivery_sent", { id, note });
}

/** Queues a letter to go again (audited with the reason); the next send sends it. */
export function resendDelivery(id: number, reason: string): Promise<DeliveryView> {
  return call<DeliveryView>("resend_delivery", { id, reason });
}

export function recordAcknowledgement(input: AcknowledgementInput): Promise<DistributionView> {
  return call<DistributionView>("record_acknowledgement", { input });
}

export function sendReminders(reference: string): Promise<ReminderReport> {
  return call<ReminderReport>("send_reminders", { reference });
}

// Trusted timestamps
import type { TimestampSettingsInput } from "../generated/TimestampSettingsInput";
import type { TimestampSettingsView } from "../generated/TimestampSettingsView";
import type { TimestampCheck } from "../generated/TimestampCheck";
import type { DocumentCheck } from "../generated/DocumentCheck";

export type { DocumentCheck, TimestampCheck, TimestampSettingsInput, TimestampSettingsView };

export function timestampSettings(): Promise<TimestampSettingsView> {
  return call<TimestampSettingsView>("timestamp_settings");
}

/** Saves the timestamp authority after one test request to it; an empty address turns timestamping off. */
export function saveTimestampSettings(input: TimestampSettingsInput): Promise<TimestampSettingsView> {
  return call<TimestampSettingsView>("save_timestamp_settings", { input });
}

// After the decision (issue 14): the review's milestones, what needs doing, the QM3 report.
import type { CaseEvent } from "../generated/CaseEvent";
import type { HomeView } from "../generated/HomeView";
import type { MilestoneCorrection } from "../generated/MilestoneCorrection";
import type { MilestoneInput } from "../generated/MilestoneInput";
import type { MilestonesView } from "../generated/MilestonesView";
import type { MilestoneSlotView } from "../generated/MilestoneSlotView";
import type { Obligation } from "../generated/Obligation";
import type { PlaceToAct } from "../generated/PlaceToAct";
import type { Qm3Exported } from "../generated/Qm3Exported";
import type { Qm3Format } from "../generated/Qm3Format";
import type { Qm3Report } from "../generated/Qm3Report";
import type { Qm3Totals } from "../generated/Qm3Totals";
import type { DecisionBar } from "../generated/DecisionBar";
import type { ToldByDay } from "../generated/ToldByDay";

export type {
  CaseEvent,
  DecisionBar,
  ToldByDay,
  HomeView,
  MilestoneCorrection,
  MilestoneInput,
  MilestonesView,
  MilestoneSlotView,
  Obligation,
  PlaceToAct,
  Qm3Exported,
  Qm3Format,
  Qm3Report,
  Qm3Totals,
};

export function caseMilestones(caseId: number): Promise<MilestonesView> {
  return call<MilestonesView>("case_milestones", { caseId });
}

export function recordMilestone(caseId: number, milestone: MilestoneInput): Promise<MilestonesView> {
  return call<MilestonesView>("record_milestone", { caseId, milestone });
}

export function correctMilestone(caseId: number, correction: MilestoneCorrection): Promise<MilestonesView> {
  return call<MilestonesView>("correct_milestone", { caseId, correction });
}

export function homeView(): Promise<HomeView> {
  return call<HomeView>("home_view");
}

export function qm3Report(from: string, to: string): Promise<Qm3Report> {
  return call<Qm3Report>("qm3_report", { from, to });
}

/** Saves the report for the period into the Documents folder: the signed PDF, CSV or XLSX. */
export function saveQm3Report(from: string, to: string, format: Qm3Format): Promise<Qm3Exported> {
  return call<Qm3Exported>("save_qm3_report", { from, to, format });
}

// Records governance
import type { CaseRetentionView } from "../generated/CaseRetentionView";
import type { ClassStatus } from "../generated/ClassStatus";
import type { DisposalCertificate } from "../generated/DisposalCertificate";
import type { DisposalInput } from "../generated/DisposalInput";
import type { DisposalPreview } from "../generated/DisposalPreview";
import type { DueItem } from "../generated/DueItem";
import type { HoldInput } from "../generated/HoldInput";
import type { HoldView } from "../generated/HoldView";
import type { KeepLongerInput } from "../generated/KeepLongerInput";
import type { LiftHoldInput } from "../generated/LiftHoldInput";
import type { RecordClass } from "../generated/RecordClass";
import type { RetentionOverview } from "../generated/RetentionOverview";

export type {
  CaseRetentionView,
  ClassStatus,
  DisposalCertificate,
  DisposalInput,
  DisposalPreview,
  DueItem,
  HoldInput,
  HoldView,
  KeepLongerInput,
  LiftHoldInput,
  RecordClass,
  RetentionOverview,
};

/** The due-for-review page: the schedule, what is due, the holds, the disposals so far. */
export function retentionOverview(): Promise<RetentionOverview> {
  return call<RetentionOverview>("retention_overview");
}

/** One case's holds (shown on every page of the case), its records under the schedule, its disposals. */
export function caseRetention(caseId: number): Promise<CaseRetentionView> {
  return call<CaseRetentionView>("case_retention", { caseId });
}

export function placeLegalHold(input: HoldInput): Promise<HoldView> {
  return call<HoldView>("place_legal_hold", { input });
}

export function liftLegalHold(input: LiftHoldInput): Promise<HoldView> {
  return call<HoldView>("lift_legal_hold", { input });
}

export function legalHoldHistory(): Promise<HoldView[]> {
  return call<HoldView[]>("legal_hold_history");
}

export function keepRecordsLonger(input: KeepLongerInput): Promise<CaseRetentionView> {
  return call<CaseRetentionView>("keep_records_longer", { input });
}

/** Whether a second person must confirm each disposal; returns the setting as saved. */
export function saveRetentionSettings(secondPersonRequired: boolean): Promise<boolean> {
  return call<boolean>("save_retention_settings", { secondPersonRequired });
}

/** What disposing of one class of a case's records would destroy and keep; changes nothing. */
export function disposalPreview(caseId: number, recordClass: RecordClass): Promise<DisposalPreview> {
  return call<DisposalPreview>("disposal_preview", { caseId, class: recordClass });
}

export function disposeRecords(input: DisposalInput): Promise<DisposalCertificate> {
  return call<DisposalCertificate>("dispose_records", { input });
}

// The window benchmark (scripts/bench-window.sh): when a screen was painted. The type mirrors
// `PaintMark` in src-tauri/src/paint_marks.rs, which belongs to the window, not to the desk.
export type PaintMark = "home" | "cases";

/** How long after the click that led to a screen it was painted, and its data had arrived. */
export interface SinceClick {
  paintedMs: number | null;
  dataMs: number | null;
}

/** When the first screen's page reached each stage, on performance.now()'s clock (`PageStages` in paint_marks.rs). */
export interface PageStages {
  scriptMs: number | null;
  statusMs: number | null;
  dataMs: number | null;
  paintedMs: number | null;
}

/** Benchmark only: lib/paintMarks.ts calls it when the app was started to report paints. */
export function recordPaintMark(
  mark: PaintMark,
  sinceClick: SinceClick,
  clickAt: [number, number] | null,
  stages: PageStages | null,
): Promise<void> {
  return call<void>("record_paint_mark", { mark, sinceClick, clickAt, stages });
}
