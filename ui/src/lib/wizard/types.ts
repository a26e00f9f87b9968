import type { CaseSummary, DecisionDraft, Framework, RationaleRule } from "../../backend";

/** What every wizard page is given. Pages copy what they need when they open. */
export interface PageProps {
  framework: Framework;
  item: string | null;
  draft: DecisionDraft;
  summary: CaseSummary;
  /** What a full and explicit rationale needs (the backend's rule). */
  rationaleRule: RationaleRule;
  /** The ids of the national notifications the decision as drafted calls for. */
  notificationsDue: string[];
  headingId: string;
  caption: string;
  /** Messages by the id of the input to fix. */
  errors: Record<string, string>;
}

/**
 * Writes the page's answers into the draft and case summary about to be saved; returns the
 * problems that stop saving (only dates that are not real dates: gaps are for the check page).
 */
export type Collect = (draft: DecisionDraft, summary: CaseSummary) => Record<string, string>;
