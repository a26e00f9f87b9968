// Between what the backend stores and what the form boxes hold: trimmed text or null, dates
// as three boxes.
import type { CaseSummary } from "../../backend";
import { fromParts, toParts, type DateParts } from "../form/dateParts";

/** Trimmed text, or null when nothing meaningful was typed. */
export function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

export interface CaseDetailsValues {
  pseudonym: string;
  incident: DateParts;
  notification: DateParts;
  referral: DateParts;
  agency: string;
  summary: string;
}

export function caseDetailsValues(summary: CaseSummary | null): CaseDetailsValues {
  return {
    pseudonym: summary?.pseudonym ?? "",
    incident: toParts(summary?.incidentDate),
    notification: toParts(summary?.notificationDate),
    referral: toParts(summary?.referralDate),
    agency: summary?.referringAgency ?? "",
    summary: summary?.summary ?? "",
  };
}

/** Writes the boxes into `target`; returns the date errors by the id of the box to fix. */
export function applyCaseDetails(values: CaseDetailsValues, target: CaseSummary): Record<string, string> {
  const errors: Record<string, string> = {};
  const dates: Array<[keyof CaseDetailsValues & ("incident" | "notification" | "referral"), string, string]> = [
    ["incident", "case-incident-date-day", "The date of the incident"],
    ["notification", "case-notification-date-day", "The date the board was notified"],
    ["referral", "case-referral-date-day", "The date of the referral"],
  ];
  const parsed: Record<string, string | null> = {};
  for (const [key, id, label] of dates) {
    const result = fromParts(values[key], label);
    if (result.ok) parsed[key] = result.value;
    else errors[id] = result.message;
  }
  if (Object.keys(errors).length > 0) return errors;
  target.pseudonym = text(values.pseudonym);
  target.incidentDate = parsed.incident;
  target.notificationDate = parsed.notification;
  target.referralDate = parsed.referral;
  target.referringAgency = text(values.agency);
  target.summary = text(values.summary);
  return errors;
}

export function emptySummary(): CaseSummary {
  return {
    reference: null,
    pseudonym: null,
    incidentDate: null,
    notificationDate: null,
    referralDate: null,
    referringAgency: null,
    summary: null,
    parallelProcesses: { noneKnown: false, items: [] },
    familyPlan: null,
  };
}
