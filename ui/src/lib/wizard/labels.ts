import type { ParallelProcessKind } from "../../generated/ParallelProcessKind";
import type { ProcessStatus } from "../../generated/ProcessStatus";
import type { Assessment } from "../../generated/Assessment";

export const PROCESS_KINDS: Array<{ value: ParallelProcessKind; label: string }> = [
  { value: "police_investigation", label: "Police or CPS investigation" },
  { value: "coroners_inquest", label: "Coroner’s inquest" },
  { value: "family_court", label: "Family court proceedings" },
  { value: "hr_disciplinary", label: "HR or disciplinary process" },
  { value: "domestic_homicide_review", label: "Domestic homicide review" },
  { value: "safeguarding_adults_review", label: "Safeguarding adults review" },
  { value: "complaints_or_litigation", label: "Complaints or litigation" },
  { value: "other", label: "Something else" },
];

export const PROCESS_STATUSES: Array<{ value: ProcessStatus; label: string }> = [
  { value: "expected", label: "Expected" },
  { value: "under_way", label: "Under way" },
  { value: "concluded", label: "Concluded" },
  { value: "not_known", label: "Not known" },
];

export const ASSESSMENTS: Record<Assessment, string> = { met: "Met", not_met: "Not met", not_known: "Not known" };

export function processKindLabel(kind: ParallelProcessKind): string {
  return PROCESS_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export function processStatusLabel(status: ProcessStatus): string {
  return PROCESS_STATUSES.find((s) => s.value === status)?.label ?? status;
}
