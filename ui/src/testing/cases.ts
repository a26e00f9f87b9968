// Case fixtures for the component tests: a small framework shaped like WT2015, and views of a
// case as the backend returns them. Fictional throughout.
import type { CaseView, DecisionDraft, Finding, Framework, FrameworksView, NextDeadline, RestrictedAnnex } from "../backend";
import { emptyDraft } from "../lib/cases/drafts";
import { emptySummary } from "../lib/wizard/values";

export function framework(joint = false): Framework {
  return {
    id: joint ? "wt2023-lcspr" : "wt2015-scr",
    version: "1.0",
    title: joint ? "Working Together 2023: LCSPR" : "Working Together to Safeguard Children 2015: Serious Case Review",
    legalBasis: "SI 2006/90 reg. 5",
    criteriaEffect: joint ? "discretionary" : "mandatory",
    notes: [],
    terminology: {
      decisionMaker: joint ? "the safeguarding partners" : "the LSCB chair",
      decisionMakerTitle: "Chair",
      reviewName: "Serious Case Review",
      reviewShortName: "SCR",
      nationalBody: "National Panel",
      notificationName: "notifiable incident notification",
      boardName: "Local Safeguarding Children Board",
    },
    decisionMaker: joint
      ? {
          model: "joint",
          description: "The three safeguarding partners decide jointly.",
          roles: [
            { id: "local_authority", label: "Local authority" },
            { id: "police", label: "Chief officer of police" },
          ],
        }
      : { model: "single", description: "The LSCB chair decides.", roles: [{ id: "chair", label: "LSCB chair" }] },
    advice: { label: "SCR sub-group", description: "The sub-group recommends to the chair.", required: true },
    criteria: [
      {
        id: "abuse_or_neglect",
        label: "(a) Abuse or neglect known or suspected",
        question: "Is abuse or neglect of the child known or suspected?",
        citation: "SI 2006/90 reg. 5(2)(a)",
        guidance: null,
        section: null,
        mandatory: true,
        unverified: false,
      },
      {
        id: "child_died",
        label: "(b)(i) The child has died",
        question: "Has the child died?",
        citation: "SI 2006/90 reg. 5(2)(b)(i)",
        guidance: "Includes a death by suspected suicide.",
        section: null,
        mandatory: true,
        unverified: false,
      },
    ],
    logic: { all: [{ criterion: "abuse_or_neglect" }, { criterion: "child_died" }] },
    reviewIndicated: null,
    mandatoryTriggers: [
      {
        id: "death_in_custody",
        label: "Death in custody",
        question: "Did the child die in police custody, on remand or following sentencing?",
        citation: "Working Together 2015, chapter 4",
        unverified: true,
      },
    ],
    decisionOptions: [
      { kind: "review", label: "Hold a Serious Case Review", description: null },
      { kind: "alternative_review", label: "Hold another kind of review", description: null },
      { kind: "no_review", label: "No further review", description: null },
    ],
    alternativeReviewTypes: [
      { id: "learning_review", label: "Learning review", description: null },
      { id: "multi_agency_audit", label: "Multi-agency audit", description: null },
    ],
    qm2Factors: [
      { id: "likely_learning", label: "Likely learning", prompt: "What learning is a review likely to bring?" },
      { id: "resources", label: "Resources", prompt: "What would a review need, and is it available?" },
    ],
    timers: [],
    nationalNotifications: [
      {
        id: "panel_review",
        recipient: "National Panel of Independent Experts",
        onDecision: ["review"],
        deadlineTimer: null,
        attachments: ["the decision and the rationale"],
        citation: null,
      },
    ],
  };
}

export function finding(page: Finding["location"]["page"], item: string | null, field: string, code: Finding["code"], blocks = true): Finding {
  return { code, message: `Fix ${code}`, location: { page, item, field }, blocks };
}

export function view(overrides: Partial<CaseView> = {}, draft: Partial<DecisionDraft> = {}): CaseView {
  const summary = emptySummary();
  summary.reference = "SCR-2026-001";
  summary.pseudonym = "Child T";
  summary.incidentDate = "2026-03-14";
  summary.notificationDate = "2026-03-17";
  summary.summary = "Child T was admitted to hospital.";
  return {
    id: 7,
    reference: "SCR-2026-001",
    summary,
    draft: { ...emptyDraft({ id: "wt2015-scr", version: "1.0" }), ...draft },
    framework: { id: "wt2015-scr", version: "1.0", title: "WT2015", builtin: true },
    findings: [],
    finalisable: true,
    timers: [
      {
        timerId: "decision_due",
        label: "Decision on whether to hold an SCR",
        unit: "months",
        length: 1,
        due: "2026-04-17",
        status: { state: "overdue", due: "2026-04-17", calendarDays: 3, workingDays: 2 },
        unverified: false,
      },
      {
        timerId: "review_completion",
        label: "Complete the SCR",
        unit: "months",
        length: 6,
        due: null,
        status: { state: "not_started" },
        unverified: false,
      },
    ],
    decisions: [],
    // As the backend lists them for framework() and a draft with no decision yet.
    pages: [
      { page: "case_details", item: null },
      { page: "criterion", item: "abuse_or_neglect" },
      { page: "criterion", item: "child_died" },
      { page: "trigger", item: "death_in_custody" },
      { page: "advice", item: null },
      { page: "qm2_factor", item: "likely_learning" },
      { page: "qm2_factor", item: "resources" },
      { page: "parallel_processes", item: null },
      { page: "family", item: null },
      { page: "decision", item: null },
      { page: "rationale", item: null },
    ],
    rationaleRule: { minWords: 60, minChars: 400 },
    notificationsDue: [],
    ...overrides,
  };
}

export const annexOfChildT: RestrictedAnnex = {
  childGivenNames: "Tyler",
  childFamilyName: "Blackwood",
  childOtherNames: [],
  dateOfBirth: "2014-06-09",
  address: { lines: ["7 Mill Lane"], town: "Anytown", postcode: "AN1 4XY" },
  familyMembers: [{ name: "Dana Blackwood", relationship: "mother", dateOfBirth: null, notes: null }],
  notes: null,
};

/** A decision deadline missed eleven days ago (1 April 2016, seen on 12 April). */
export const overdue: NextDeadline = {
  label: "Decision on whether to hold an SCR",
  due: "2016-04-01",
  unit: "months",
  calendarDays: 11,
  workingDays: 7,
  overdue: true,
};

/** The built-in frameworks, a board's own, and one board file refused at line 12. */
export const frameworksWithProblem: FrameworksView = {
  frameworks: [
    { id: "wt2015-scr", version: "1.0", title: "WT2015", builtin: true },
    { id: "westmoor-local", version: "1.0", title: "Westmoor local framework", builtin: false },
  ],
  problems: [{ file: "broken.toml", code: "framework.invalid", line: 12, column: 10, reason: "invalid type: string \"one month\", expected u32" }],
  folder: "/home/chair/.local/share/scr-desk/frameworks",
};
