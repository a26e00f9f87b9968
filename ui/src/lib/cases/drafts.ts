import type { DecisionDraft, FrameworkSummary } from "../../backend";

/** A fresh draft under a framework, as the backend's `DecisionDraft::new` makes one. */
export function emptyDraft(framework: Pick<FrameworkSummary, "id" | "version">): DecisionDraft {
  return {
    framework_id: framework.id,
    framework_version: framework.version,
    criteria: {},
    triggers: {},
    advice: null,
    qm2: {},
    decision: null,
    decision_date: null,
    review_plan: null,
    rationale: null,
    justification: null,
    notifications: [],
    signoffs: [],
  };
}
