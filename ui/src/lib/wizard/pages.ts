// The wizard's pages, as the backend lists them for the case (CaseView.pages): one question per
// page, in the order the checks use, so a finding's location leads straight to its page.
import type { CaseView, Finding, Framework, PageRef, WizardPage } from "../../backend";

export type { PageRef };

/** Pages whose answers belong to the case (what the board is told) rather than the draft. */
export const CASE_PAGES: ReadonlySet<WizardPage> = new Set(["case_details", "parallel_processes", "family"]);

export function samePage(a: PageRef, b: PageRef): boolean {
  return a.page === b.page && a.item === b.item;
}

/** The heading's id, stable for the end-to-end tests: `wizard-criterion-child_died`, `wizard-rationale`. */
export function headingId(ref: PageRef): string {
  const page = ref.page.replaceAll("_", "-");
  return ref.item === null ? `wizard-${page}` : `wizard-${page}-${ref.item}`;
}

/**
 * The page that fixes a finding. Repeating pages match on the item; a finding about a list
 * (a parallel process, a notification, a sign-off) or about all criteria goes to the first
 * page of its kind.
 */
export function pageForFinding(finding: Finding, pages: PageRef[]): PageRef {
  const { page, item } = finding.location;
  return (
    pages.find((p) => p.page === page && p.item !== null && p.item === item) ??
    pages.find((p) => p.page === page) ??
    // A page the draft no longer shows (say, a review plan after "no review") still exists.
    { page, item }
  );
}

/**
 * Where the wizard resumes: the first page with a blocking finding, so an unfinished draft
 * opens where the answers stop. Null when nothing blocks (the check page is next).
 */
export function resumePage(view: CaseView): PageRef | null {
  const pages = view.pages;
  const blocking = view.findings.filter((f) => f.blocks);
  let best: { index: number; ref: PageRef } | null = null;
  for (const finding of blocking) {
    const ref = pageForFinding(finding, pages);
    const index = pages.findIndex((p) => samePage(p, ref));
    if (index >= 0 && (best === null || index < best.index)) best = { index, ref };
  }
  return best?.ref ?? null;
}

/** A short name for the page, for the caption, the check page and link text. */
export function pageLabel(ref: PageRef, framework: Framework): string {
  switch (ref.page) {
    case "case_details":
      return "Case details";
    case "criterion":
      return framework.criteria.find((c) => c.id === ref.item)?.label ?? "Criterion";
    case "trigger":
      return framework.mandatoryTriggers.find((t) => t.id === ref.item)?.label ?? "Mandatory trigger";
    case "advice":
      return `The ${framework.advice.label}'s recommendation`;
    case "qm2_factor":
      return framework.qm2Factors.find((f) => f.id === ref.item)?.label ?? "Factor";
    case "parallel_processes":
      return "Parallel processes";
    case "family":
      return "Telling the family";
    case "decision":
      return "The decision";
    case "review_plan":
      return "The review's scope and methodology";
    case "rationale":
      return "The rationale";
    case "notifications":
      return "National notifications";
    case "sign_offs":
      return "Sign-offs";
  }
}

/** The section a page belongs to, shown as the caption above its question. */
export function pageSection(ref: PageRef, framework: Framework): string {
  switch (ref.page) {
    case "criterion": {
      const index = framework.criteria.findIndex((c) => c.id === ref.item);
      return `Criterion ${index + 1} of ${framework.criteria.length}`;
    }
    case "trigger": {
      const index = framework.mandatoryTriggers.findIndex((t) => t.id === ref.item);
      return `Mandatory trigger ${index + 1} of ${framework.mandatoryTriggers.length}`;
    }
    case "qm2_factor": {
      const index = framework.qm2Factors.findIndex((f) => f.id === ref.item);
      return `What you weighed ${index + 1} of ${framework.qm2Factors.length}`;
    }
    default:
      return pageLabel(ref, framework);
  }
}

/** Words as the backend counts them: runs of non-space characters with a letter or digit. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
