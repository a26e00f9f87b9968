// axe-core (WCAG 2.0–2.2 A and AA) on every case screen and every kind of wizard page, in
// jsdom; the end-to-end test runs the same rules in the real window.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { declarePageLanguage, violations } from "./testing/axe";
import {
  finaliseDecision,
  frameworksView,
  getCase,
  getFramework,
  listCases,
  listFrameworks,
  readAnnex,
  saveAnnex,
  saveDraft,
} from "./backend";
import AmendReasonScreen from "./lib/cases/AmendReasonScreen.svelte";
import CaseScreen from "./lib/cases/CaseScreen.svelte";
import CasesScreen from "./lib/cases/CasesScreen.svelte";
import FinalisedScreen from "./lib/cases/FinalisedScreen.svelte";
import NewCaseScreen from "./lib/cases/NewCaseScreen.svelte";
import CheckAnswersScreen from "./lib/wizard/CheckAnswersScreen.svelte";
import WizardScreen from "./lib/wizard/WizardScreen.svelte";
import type { PageRef } from "./lib/wizard/pages";
import { annexOfChildT, finding, framework, frameworksWithProblem, overdue, view } from "./testing/cases";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

declarePageLanguage();

beforeEach(() => {
  vi.mocked(getFramework).mockResolvedValue(framework(true));
});

afterEach(() => {
  vi.resetAllMocks();
});

describe("axe-core finds no WCAG A/AA violations on", () => {
  it("the cases list", async () => {
    vi.mocked(listCases).mockResolvedValue([
      { id: 1, reference: "SCR-2026-001", pseudonym: "Child T", decisionVersion: null, updatedAt: "2026-03-20T10:00:00Z", nextDeadline: overdue },
      { id: 2, reference: "SCR-2026-002", pseudonym: "Child K", decisionVersion: 1, updatedAt: "2026-03-21T10:00:00Z", nextDeadline: null },
    ]);
    vi.mocked(frameworksView).mockResolvedValue(frameworksWithProblem);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("SCR-2026-001");
    await screen.findByText(/broken\.toml, line 12/);
    expect(screen.getByText("1 case has a missed deadline")).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it("the open-a-case form, before and after its errors, with a family member", async () => {
    const user = userEvent.setup();
    vi.mocked(listFrameworks).mockResolvedValue([
      { id: "wt2015-scr", version: "1.0", title: "WT2015", builtin: true },
      { id: "wt2023-lcspr", version: "1.0", title: "WT2023", builtin: true },
    ]);
    render(NewCaseScreen, { ongo: vi.fn() });
    await screen.findByText("WT2023");
    await user.click(screen.getByRole("button", { name: "Add a family member" }));
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Open the case" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the case page, with the restricted details shown", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(readAnnex).mockResolvedValue(annexOfChildT);
    render(CaseScreen, { id: 7, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "SCR-2026-001: Child T" });
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Show restricted details (this is recorded)" }));
    await screen.findByText(/Tyler Blackwood/);
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Change restricted details" }));
    await screen.findByRole("button", { name: "Save restricted details" });
    expect(await violations()).toEqual([]);
    vi.mocked(saveAnnex).mockResolvedValue(view({ findings: [finding("rationale", null, "rationale", "annex.leak")] }));
    await user.click(screen.getByRole("button", { name: "Save restricted details" }));
    await screen.findByText("Restricted details saved");
    expect(await violations()).toEqual([]);
  });

  const pages: PageRef[] = [
    { page: "case_details", item: null },
    { page: "criterion", item: "child_died" },
    { page: "trigger", item: "death_in_custody" },
    { page: "advice", item: null },
    { page: "qm2_factor", item: "resources" },
    { page: "parallel_processes", item: null },
    { page: "family", item: null },
    { page: "decision", item: null },
    { page: "review_plan", item: null },
    { page: "rationale", item: null },
    { page: "notifications", item: null },
    { page: "sign_offs", item: null },
  ];

  for (const start of pages) {
    it(`the wizard's ${start.page} page`, async () => {
      const user = userEvent.setup();
      vi.mocked(getCase).mockResolvedValue(view({}, { decision: { kind: "review", alternativeType: null } }));
      render(WizardScreen, { id: 7, start, amendReason: null, returnToCheck: false, ongo: vi.fn() });
      await screen.findByRole("button", { name: "Save and continue" });
      if (start.page === "parallel_processes") await user.click(screen.getByRole("button", { name: "Add a process" }));
      if (start.page === "decision") await user.click(screen.getByLabelText("Hold another kind of review"));
      expect(await violations()).toEqual([]);
    });
  }

  it("a wizard page with a date error", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    render(WizardScreen, { id: 7, start: { page: "advice", item: null }, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    await user.type(await screen.findByLabelText("Day"), "32");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await screen.findByRole("alert");
    expect(saveDraft).not.toHaveBeenCalled();
    expect(await violations()).toEqual([]);
  });

  it("check your answers, with blocking findings, warnings and a refusal", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(
      view({
        finalisable: false,
        findings: [
          finding("criterion", "child_died", "evidence", "criterion.no_evidence"),
          finding("decision", null, "decision_date", "decision.late", false),
        ],
      }),
    );
    vi.mocked(finaliseDecision).mockRejectedValue({
      code: "decision.incomplete",
      message: "The decision cannot be finalised yet.",
      details: { cause: null, fields: [{ field: "criterion.no_evidence", message: "Give the evidence" }], actions: [] },
    });
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo: vi.fn() });
    await screen.findByRole("link", { name: "Fix criterion.no_evidence" });
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Finalise decision" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the amendment reason page, with its error", async () => {
    const user = userEvent.setup();
    render(AmendReasonScreen, { id: 7, reason: "", ongo: vi.fn() });
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the confirmation page", async () => {
    render(FinalisedScreen, {
      view: view({
        decisions: [
          { version: 1, contentHash: "a".repeat(64), amendmentReason: null },
          { version: 2, contentHash: "b".repeat(64), amendmentReason: "New information." },
        ],
      }),
      ongo: vi.fn(),
    });
    await screen.findByRole("heading", { level: 1, name: "Amended decision finalised" });
    expect(await violations()).toEqual([]);
  });
});
