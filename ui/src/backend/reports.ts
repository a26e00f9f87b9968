// After the decision: the review's milestones, what needs doing (the home page), the QM3 report.
import { call } from "./ipc";
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

/** The home page, with page `page` (from 1) of what needs doing; past the last page, the last. */
export function homeView(page: number): Promise<HomeView> {
  return call<HomeView>("home_view", { page });
}

export function qm3Report(from: string, to: string): Promise<Qm3Report> {
  return call<Qm3Report>("qm3_report", { from, to });
}

/** Saves the report for the period into the Documents folder: the signed PDF, CSV or XLSX. */
export function saveQm3Report(from: string, to: string, format: Qm3Format): Promise<Qm3Exported> {
  return call<Qm3Exported>("save_qm3_report", { from, to, format });
}
