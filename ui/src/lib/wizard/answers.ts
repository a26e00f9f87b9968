// The check-your-answers page's rows: every answer, in the wizard's order, with the page
// that changes it.
import type { CaseView, Framework } from "../../backend";
import { longDate } from "../dates";
import { ASSESSMENTS, processKindLabel, processStatusLabel } from "./labels";
import type { PageRef } from "./pages";

export interface AnswerRow {
  key: string;
  value: string;
  /** Where "Change" goes; null for rows that cannot be changed here (the reference). */
  page: PageRef | null;
  /** Words for the hidden part of "Change ..." */
  change: string;
}

export interface AnswerSection {
  id: string;
  title: string;
  rows: AnswerRow[];
}

const NOT_ANSWERED = "Not answered";

function or(value: string | null | undefined): string {
  return value && value.trim() ? value : NOT_ANSWERED;
}

function date(value: string | null | undefined): string {
  return value ? longDate(value) : NOT_ANSWERED;
}

export function answerSections(view: CaseView, framework: Framework): AnswerSection[] {
  const { summary, draft } = view;
  const cd: PageRef = { page: "case_details", item: null };
  const sections: AnswerSection[] = [];
  const optionLabel = (kind: string | null | undefined) =>
    framework.decisionOptions.find((o) => o.kind === kind)?.label ?? NOT_ANSWERED;

  sections.push({
    id: "case",
    title: "Case details",
    rows: [
      { key: "Reference", value: view.reference, page: null, change: "reference" },
      { key: "Pseudonym", value: or(summary.pseudonym), page: cd, change: "pseudonym" },
      { key: "Date of the incident", value: date(summary.incidentDate), page: cd, change: "date of the incident" },
      { key: "Date notified", value: date(summary.notificationDate), page: cd, change: "date notified" },
      { key: "Date referred", value: date(summary.referralDate), page: cd, change: "date referred" },
      { key: "Referring agency", value: or(summary.referringAgency), page: cd, change: "referring agency" },
      { key: "Summary for the board", value: or(summary.summary), page: cd, change: "summary" },
    ],
  });

  sections.push({
    id: "criteria",
    title: "The criteria",
    rows: framework.criteria.map((c) => {
      const answer = draft.criteria[c.id];
      const assessment = answer?.assessment ? ASSESSMENTS[answer.assessment] : NOT_ANSWERED;
      const evidence = answer?.evidence ? `: ${answer.evidence}` : answer?.assessment ? ": no evidence given" : "";
      return { key: c.label, value: `${assessment}${evidence}`, page: { page: "criterion", item: c.id }, change: c.label };
    }),
  });

  if (framework.mandatoryTriggers.length > 0) {
    sections.push({
      id: "triggers",
      title: "Mandatory triggers",
      rows: framework.mandatoryTriggers.map((t) => {
        const answer = draft.triggers[t.id];
        const applies = answer?.applies == null ? NOT_ANSWERED : answer.applies ? "Applies" : "Does not apply";
        return {
          key: t.label,
          value: answer?.note ? `${applies}: ${answer.note}` : applies,
          page: { page: "trigger", item: t.id },
          change: t.label,
        };
      }),
    });
  }

  const advice: PageRef = { page: "advice", item: null };
  sections.push({
    id: "advice",
    title: `The ${framework.advice.label}`,
    rows: [
      { key: "Date", value: date(draft.advice?.date), page: advice, change: `date of the ${framework.advice.label}` },
      {
        key: "Recommendation",
        value: draft.advice?.recommendation ? optionLabel(draft.advice.recommendation) : NOT_ANSWERED,
        page: advice,
        change: "recommendation",
      },
      { key: "Summary", value: or(draft.advice?.summary), page: advice, change: `summary of the ${framework.advice.label}` },
    ],
  });

  sections.push({
    id: "factors",
    title: "What you weighed (Quality Marker 2)",
    rows: framework.qm2Factors.map((f) => ({
      key: f.label,
      value: or(draft.qm2[f.id]),
      page: { page: "qm2_factor", item: f.id },
      change: f.label,
    })),
  });

  const pp: PageRef = { page: "parallel_processes", item: null };
  const processes = summary.parallelProcesses;
  sections.push({
    id: "parallel",
    title: "Parallel processes",
    rows:
      processes.items.length > 0
        ? processes.items.map((p, index) => ({
            key: processKindLabel(p.kind),
            value: [processStatusLabel(p.status), p.description, p.liaison ? `Liaison: ${p.liaison}` : "Liaison: not answered"]
              .filter(Boolean)
              .join(". "),
            page: pp,
            change: `process ${index + 1}`,
          }))
        : [
            {
              key: "Processes",
              value: processes.noneKnown ? "None known" : NOT_ANSWERED,
              page: pp,
              change: "parallel processes",
            },
          ],
  });

  const fp: PageRef = { page: "family", item: null };
  const plan = summary.familyPlan;
  // When in words, then the planned date.
  const when = [plan?.when, plan?.plannedDate ? longDate(plan.plannedDate) : null].filter(Boolean).join(", ") || NOT_ANSWERED;
  const interpreter =
    plan?.interpreterNeeded == null ? "" : plan.interpreterNeeded ? ", with an interpreter" : ", no interpreter needed";
  sections.push({
    id: "family",
    title: "Telling the family",
    rows: [
      { key: "How", value: or(plan?.how), page: fp, change: "how the family will be told" },
      { key: "When", value: when, page: fp, change: "when the family will be told" },
      { key: "By whom", value: or(plan?.byWhom), page: fp, change: "who will tell the family" },
      { key: "Language", value: or(plan?.language) + interpreter, page: fp, change: "language" },
    ],
  });

  const dp: PageRef = { page: "decision", item: null };
  const alternative = framework.alternativeReviewTypes.find((t) => t.id === draft.decision?.alternativeType);
  const decided = draft.decision ? optionLabel(draft.decision.kind) + (alternative ? `: ${alternative.label}` : "") : NOT_ANSWERED;
  const decisionRows: AnswerRow[] = [
    { key: "Decision", value: decided, page: dp, change: "decision" },
    { key: "Date of the decision", value: date(draft.decisionDate), page: dp, change: "date of the decision" },
  ];
  if (draft.justification) {
    decisionRows.push({ key: "Justification", value: draft.justification, page: dp, change: "justification" });
  }
  sections.push({ id: "decision", title: "The decision", rows: decisionRows });

  if (view.pages.some((p) => p.page === "review_plan")) {
    const rp: PageRef = { page: "review_plan", item: null };
    const review = draft.reviewPlan;
    sections.push({
      id: "review",
      title: "The review",
      rows: [
        { key: "Scope", value: or(review?.scope), page: rp, change: "scope" },
        { key: "Methodology", value: or(review?.methodology), page: rp, change: "methodology" },
        { key: "Lead reviewer", value: or(review?.leadReviewer), page: rp, change: "lead reviewer" },
        { key: "Expected completion", value: date(review?.expectedCompletion), page: rp, change: "expected completion" },
      ],
    });
  }

  sections.push({
    id: "rationale",
    title: "The rationale",
    rows: [{ key: "Rationale", value: or(draft.rationale), page: { page: "rationale", item: null }, change: "rationale" }],
  });

  const due = framework.nationalNotifications.filter((n) => view.notificationsDue.includes(n.id));
  if (due.length > 0) {
    const np: PageRef = { page: "notifications", item: null };
    sections.push({
      id: "notifications",
      title: "National notifications",
      rows: due.map((n) => {
        const planned = draft.notifications.find((p) => p.notificationId === n.id);
        return {
          key: n.recipient,
          value: planned?.plannedDate ? `Planned for ${longDate(planned.plannedDate)}` : NOT_ANSWERED,
          page: np,
          change: `notification to ${n.recipient}`,
        };
      }),
    });
  }

  if (framework.decisionMaker.model === "joint") {
    const sp: PageRef = { page: "sign_offs", item: null };
    sections.push({
      id: "signoffs",
      title: "Sign-offs",
      rows: framework.decisionMaker.roles.map((role) => {
        const signed = draft.signoffs.find((s) => s.role === role.id);
        return {
          key: role.label,
          value: signed?.name ? `${signed.name}${signed.date ? `, ${longDate(signed.date)}` : ""}` : NOT_ANSWERED,
          page: sp,
          change: `sign-off of the ${role.label.toLowerCase()}`,
        };
      }),
    });
  }
  return sections;
}
