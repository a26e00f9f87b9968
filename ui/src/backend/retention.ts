// Records governance: the retention schedule, legal holds, keeping records longer, disposal.
import { call } from "./ipc";
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
