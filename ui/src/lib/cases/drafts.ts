import type { DecisionDraft, FrameworkSummary } from "../../backend";

/** A fresh draft under a framework, as the backend's `DecisionDraft::new` makes one. */
export function emptyDraft(framework: Pick<FrameworkSummary, "id" | "version">): DecisionDraft {
  return {
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    criteria: {},
    triggers: {},
    advice: null,
    qm2: {},
    decision: null,
    decisionDate: null,
    reviewPlan: null,
    rationale: null,
    justification: null,
    notifications: [],
    signoffs: [],
  };
}
