// The case screens and the wizard with the backend replaced: what is saved on each page,
// where the pages lead, and that the restricted annex is read only when asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import {
  amendDecision,
  finaliseDecision,
  getCase,
  getFramework,
  listCases,
  listFrameworks,
  openCase,
  readAnnex,
  saveCaseSummary,
  saveDraft,
  type CaseView,
  type DecisionDraft,
} from "./backend";
import CaseScreen from "./lib/cases/CaseScreen.svelte";
import CasesScreen from "./lib/cases/CasesScreen.svelte";
import NewCaseScreen from "./lib/cases/NewCaseScreen.svelte";
import AmendReasonScreen from "./lib/cases/AmendReasonScreen.svelte";
import CheckAnswersScreen from "./lib/wizard/CheckAnswersScreen.svelte";
import WizardScreen from "./lib/wizard/WizardScreen.svelte";
import { annexOfChildT, finding, framework, view } from "./testing/cases";
import { byId, textOf } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

beforeEach(() => {
  vi.mocked(getFramework).mockResolvedValue(framework());
  // Saving answers with the draft or summary it was given, as the backend would.
  vi.mocked(saveDraft).mockImplementation(async (_id, draft: DecisionDraft) => view({}, draft));
  vi.mocked(saveCaseSummary).mockImplementation(async (_id, summary) => view({ summary }));
});

afterEach(() => {
  vi.resetAllMocks();
});

function savedDraft(call = -1): DecisionDraft {
  const calls = vi.mocked(saveDraft).mock.calls;
  return calls.at(call)![1];
}

describe("the cases list", () => {
  it("shows each case with a status tag, searches, and opens a new case", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    vi.mocked(listCases).mockResolvedValue([
      { id: 1, reference: "SCR-2026-001", pseudonym: "Child T", decisionVersion: null, updatedAt: "2026-03-20T10:00:00Z", nextDeadline: null },
      { id: 2, reference: "SCR-2026-002", pseudonym: "Child K", decisionVersion: 2, updatedAt: "2026-03-21T10:00:00Z", nextDeadline: null },
    ]);
    render(CasesScreen, { ongo });
    await screen.findByText("SCR-2026-001");
    expect(byId("cases-table")?.textContent).toMatch(/Draft/);
    expect(byId("cases-table")?.textContent).toMatch(/Amended \(version 2\)/);

    await user.type(screen.getByLabelText("Search by reference or pseudonym"), "Child K");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(listCases).toHaveBeenLastCalledWith("Child K");

    await user.click(screen.getByRole("link", { name: "SCR-2026-002" }));
    expect(ongo).toHaveBeenLastCalledWith({ kind: "case", id: 2 });
    await user.click(screen.getByRole("button", { name: "Open a new case" }));
    expect(ongo).toHaveBeenLastCalledWith({ kind: "new-case" });
  });
});

describe("opening a case", () => {
  it("sends the board's details and the restricted annex separately, then shows the case", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    vi.mocked(listFrameworks).mockResolvedValue([{ id: "wt2015-scr", version: "1.0", title: "WT2015", builtin: true }]);
    vi.mocked(openCase).mockResolvedValue(view());
    render(NewCaseScreen, { ongo });

    await user.type(screen.getByLabelText("Pseudonym"), "Child T");
    await user.type(byId("case-notification-date-day")!, "17");
    await user.type(byId("case-notification-date-month")!, "3");
    await user.type(byId("case-notification-date-year")!, "2016");
    await user.type(screen.getByLabelText("Child’s given names"), "Tyler");
    await user.type(screen.getByLabelText("Postcode"), "AN1 4XY");
    await user.click(screen.getByRole("button", { name: "Open the case" }));

    await waitFor(() => expect(ongo).toHaveBeenCalledWith({ kind: "case", id: 7 }));
    const sent = vi.mocked(openCase).mock.calls[0][0];
    expect(sent.summary.pseudonym).toBe("Child T");
    expect(sent.summary.notificationDate).toBe("2016-03-17");
    expect(sent.annex.childGivenNames).toBe("Tyler");
    expect(sent.annex.address).toEqual({ lines: [], town: null, postcode: "AN1 4XY" });
    expect(JSON.stringify(sent.summary)).not.toMatch(/Tyler/);
    expect(saveDraft).not.toHaveBeenCalled();
  });

  it("refuses a missing pseudonym and an impossible date, with links to each box", async () => {
    const user = userEvent.setup();
    vi.mocked(listFrameworks).mockResolvedValue([]);
    render(NewCaseScreen, { ongo: vi.fn() });
    await user.type(byId("case-incident-date-day")!, "31");
    await user.type(byId("case-incident-date-month")!, "2");
    await user.type(byId("case-incident-date-year")!, "2016");
    await user.click(screen.getByRole("button", { name: "Open the case" }));

    const alert = await screen.findByRole("alert");
    const links = [...alert.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(links).toEqual(["#case-pseudonym", "#case-incident-date-day"]);
    expect(openCase).not.toHaveBeenCalled();
  });
});

describe("the case page", () => {
  it("shows the timers with an overdue warning, and reads the annex only when asked", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(readAnnex).mockResolvedValue(annexOfChildT);
    render(CaseScreen, { id: 7, ongo: vi.fn() });

    await screen.findByRole("heading", { level: 1, name: "SCR-2026-001: Child T" });
    expect(textOf("timer-overdue-decision_due")).toMatch(/Overdue: Decision on whether to hold an SCR\. It was due by 17 April 2026, 3 days ago\./);
    expect(byId("timer-review_completion")?.textContent).toMatch(/Not started/);
    expect(byId("decision-status")?.textContent).toMatch(/Draft/);
    expect(readAnnex).not.toHaveBeenCalled();
    expect(document.body.textContent).not.toMatch(/Tyler/);

    await user.click(screen.getByRole("button", { name: "Show restricted details (this is recorded)" }));
    await screen.findByText(/Tyler Blackwood/);
    expect(readAnnex).toHaveBeenCalledTimes(1);
    expect(readAnnex).toHaveBeenCalledWith(7);
    await user.click(screen.getByRole("button", { name: "Hide restricted details" }));
    expect(document.body.textContent).not.toMatch(/Tyler/);
  });

  it("offers to amend a finalised decision", async () => {
    const ongo = vi.fn();
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view({ decisions: [{ version: 1, contentHash: "ab12", amendmentReason: null }] }));
    render(CaseScreen, { id: 7, ongo });
    await user.click(await screen.findByRole("button", { name: "Amend the decision" }));
    expect(ongo).toHaveBeenCalledWith({ kind: "amend-reason", id: 7, reason: "" });
    expect(screen.queryByRole("button", { name: "Continue the decision" })).toBeNull();
  });
});

describe("the wizard", () => {
  it("resumes at the first page with a missing answer and focuses its heading", async () => {
    vi.mocked(getCase).mockResolvedValue(
      view({ findings: [finding("criterion", "child_died", "assessment", "criterion.unassessed")] }),
    );
    render(WizardScreen, { id: 7, start: null, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    const heading = await screen.findByRole("heading", { level: 1, name: /Has the child died\?/ });
    expect(heading.id).toBe("wizard-criterion-child_died");
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it("goes to the check page when nothing is missing", async () => {
    const ongo = vi.fn();
    vi.mocked(getCase).mockResolvedValue(view());
    render(WizardScreen, { id: 7, start: null, amendReason: null, returnToCheck: false, ongo });
    await waitFor(() => expect(ongo).toHaveBeenCalledWith({ kind: "check-answers", id: 7, amendReason: null }));
  });

  it("saves the whole draft on each page, forward and back", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    const start = { page: "criterion" as const, item: "abuse_or_neglect" };
    render(WizardScreen, { id: 7, start, amendReason: null, returnToCheck: false, ongo: vi.fn() });

    await screen.findByRole("heading", { level: 1, name: /Is abuse or neglect/ });
    await user.click(screen.getByLabelText("Met"));
    await user.type(screen.getByLabelText("The evidence for your assessment"), "Injuries thought non-accidental.");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    await screen.findByRole("heading", { level: 1, name: /Has the child died\?/ });
    expect(savedDraft().criteria.abuse_or_neglect).toEqual({ assessment: "met", evidence: "Injuries thought non-accidental." });
    expect(savedDraft().frameworkId).toBe("wt2015-scr");
    await waitFor(() => expect(document.activeElement?.id).toBe("wizard-criterion-child_died"));

    await user.click(screen.getByLabelText("Not met"));
    await user.click(screen.getByRole("link", { name: "Back" }));
    await screen.findByRole("heading", { level: 1, name: /Is abuse or neglect/ });
    expect(savedDraft().criteria.child_died).toEqual({ assessment: "not_met", evidence: null });
    // The earlier answer is still there when the page is shown again.
    expect((screen.getByLabelText("Met") as HTMLInputElement).checked).toBe(true);
  });

  it("saves the case's own pages through save_case_summary", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    const start = { page: "parallel_processes" as const, item: null };
    render(WizardScreen, { id: 7, start, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "Which other processes are running alongside?" });
    await user.click(screen.getByRole("button", { name: "Add a process" }));
    expect(document.activeElement?.id).toBe("parallel-0-kind");
    await user.type(screen.getByLabelText("The liaison planned"), "Through the senior investigating officer.");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    await screen.findByRole("heading", { level: 1, name: "How will the family be told?" });
    const summary = vi.mocked(saveCaseSummary).mock.calls[0][1];
    expect(summary.parallelProcesses.items).toEqual([
      { kind: "police_investigation", status: "under_way", description: null, liaison: "Through the senior investigating officer." },
    ]);
    expect(saveDraft).not.toHaveBeenCalled();
  });

  it("shows the review plan after choosing a review, and stops on an impossible date", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    // The backend lists the review plan's page once the draft decides on a review.
    vi.mocked(saveDraft).mockImplementation(async (_id, draft: DecisionDraft) => {
      const saved = view({}, draft);
      const rationale = saved.pages.findIndex((p) => p.page === "rationale");
      saved.pages.splice(rationale, 0, { page: "review_plan", item: null });
      return saved;
    });
    const start = { page: "decision" as const, item: null };
    render(WizardScreen, { id: 7, start, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "What have you decided?" });
    await user.click(screen.getByLabelText("Hold a Serious Case Review"));
    await user.type(byId("decision-date-day")!, "40");
    await user.type(byId("decision-date-month")!, "4");
    await user.type(byId("decision-date-year")!, "2016");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    await screen.findByRole("alert");
    expect(saveDraft).not.toHaveBeenCalled();
    expect(byId("decision-date-error")?.textContent).toMatch(/must be a real date/);

    await user.clear(byId("decision-date-day")!);
    await user.type(byId("decision-date-day")!, "12");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await screen.findByRole("heading", { level: 1, name: "How will the review be done?" });
    expect(savedDraft().decision).toEqual({ kind: "review", alternativeType: null });
    expect(savedDraft().decisionDate).toBe("2016-04-12");
  });

  it("counts the rationale's words as they are typed", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    render(WizardScreen, { id: 7, start: { page: "rationale", item: null }, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "Why have you made this decision?" });
    await user.type(screen.getByRole("textbox"), "Three short words");
    expect(byId("rationale-word-count")?.textContent).toMatch(/3 words\. A full and explicit rationale needs at least 60 words/);
  });

  it("judges the rationale by the backend's rule, counting characters as it does", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view({ rationaleRule: { minWords: 2, minChars: 6 } }));
    render(WizardScreen, { id: 7, start: { page: "rationale", item: null }, amendReason: null, returnToCheck: false, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "Why have you made this decision?" });
    // Five characters that are ten UTF-16 units: not yet enough.
    await user.type(screen.getByRole("textbox"), "𝐀𝐁 𝐂𝐃");
    expect(byId("rationale-word-count")?.textContent).toMatch(/needs at least 2 words and 6 characters/);
    await user.type(screen.getByRole("textbox"), "𝐄");
    expect(byId("rationale-word-count")?.textContent).toMatch(/Long enough to be full and explicit/);
  });

  it("records the partners' sign-offs under a joint framework", async () => {
    const user = userEvent.setup();
    vi.mocked(getFramework).mockResolvedValue(framework(true));
    vi.mocked(getCase).mockResolvedValue(view());
    const ongo = vi.fn();
    render(WizardScreen, { id: 7, start: { page: "sign_offs", item: null }, amendReason: null, returnToCheck: false, ongo });
    await screen.findByRole("heading", { level: 1, name: "Record each partner’s sign-off" });
    await user.type(byId("signoff-police-name")!, "A. Officer");
    await user.type(byId("signoff-police-date-day")!, "1");
    await user.type(byId("signoff-police-date-month")!, "5");
    await user.type(byId("signoff-police-date-year")!, "2026");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await waitFor(() => expect(ongo).toHaveBeenCalledWith({ kind: "check-answers", id: 7, amendReason: null }));
    expect(savedDraft().signoffs).toEqual([{ role: "police", name: "A. Officer", date: "2026-05-01" }]);
  });
});

describe("check your answers", () => {
  const blocked = (): CaseView =>
    view({
      finalisable: false,
      findings: [
        finding("criterion", "child_died", "evidence", "criterion.no_evidence"),
        finding("rationale", null, "rationale", "annex.leak"),
        finding("decision", null, "decision_date", "decision.late", false),
      ],
    });

  it("lists every answer with Change links, blocking findings as links to fix, and warnings", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    vi.mocked(getCase).mockResolvedValue(blocked());
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo });
    await screen.findByRole("link", { name: "Fix criterion.no_evidence" });

    expect(byId("answers-case")?.textContent).toMatch(/Child T/);
    expect(byId("warnings")?.textContent).toMatch(/Fix decision.late/);

    await user.click(screen.getByRole("link", { name: "Fix criterion.no_evidence" }));
    expect(ongo).toHaveBeenLastCalledWith({
      kind: "wizard",
      id: 7,
      start: { page: "criterion", item: "child_died" },
      amendReason: null,
      returnToCheck: true,
    });

    // jsdom drops the space before the visually hidden words in the accessible name; the text has it.
    const changeRationale = screen.getAllByRole("link").find((a) => a.textContent === "Change rationale");
    await user.click(changeRationale!);
    expect(ongo).toHaveBeenLastCalledWith({
      kind: "wizard",
      id: 7,
      start: { page: "rationale", item: null },
      amendReason: null,
      returnToCheck: true,
    });
  });

  it("shows the backend's refusal when finalising while something blocks", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    vi.mocked(getCase).mockResolvedValue(blocked());
    vi.mocked(finaliseDecision).mockRejectedValue({
      code: "decision.incomplete",
      message: "The decision cannot be finalised yet.",
      details: { cause: null, fields: [{ field: "annex.leak", message: "The rationale includes the child's given name" }], actions: [] },
    });
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo });
    await user.click(await screen.findByRole("button", { name: "Finalise decision" }));

    // The refusal is shown on the list of things to fix, which takes focus; nothing is said twice.
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/There is a problem: the decision cannot be finalised until these 2 things are fixed/);
    expect(alert.textContent).toMatch(/Fix annex.leak/);
    expect(byId("error-summary")).toBeNull();
    expect(ongo).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement?.id).toBe("blocking-findings"));
    expect(document.title).toMatch(/^Error: /);
  });

  it("shows any other refusal in an error summary", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(finaliseDecision).mockRejectedValue({
      code: "decision.final",
      message: "A finalised decision never changes: amend it, giving the reason.",
      details: null,
    });
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo: vi.fn() });
    await user.click(await screen.findByRole("button", { name: "Finalise decision" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/amend it, giving the reason/);
    await waitFor(() => expect(document.activeElement?.id).toBe("error-summary"));
  });

  it("finalises when nothing blocks, and shows the confirmation", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    const done = view({ decisions: [{ version: 1, contentHash: "ab12", amendmentReason: null }] });
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(finaliseDecision).mockResolvedValue(done);
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo });
    await user.click(await screen.findByRole("button", { name: "Finalise decision" }));
    await waitFor(() => expect(ongo).toHaveBeenCalledWith({ kind: "finalised", id: 7, view: done }));
  });
});

describe("a finalised decision", () => {
  it("is shown without Change links or a finalise button until an amendment is started", async () => {
    vi.mocked(getCase).mockResolvedValue(
      view({
        decisions: [{ version: 1, contentHash: "ab", amendmentReason: null }],
        findings: [finding("rationale", null, "rationale", "rationale.too_short")],
      }),
    );
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo: vi.fn() });
    await screen.findByRole("heading", { level: 1, name: "The finalised decision" });
    await screen.findByText("This decision is finalised");
    expect(screen.queryAllByRole("link").filter((a) => a.textContent?.startsWith("Change"))).toEqual([]);
    expect(byId("blocking-findings")).toBeNull();
    expect(byId("finalise-decision")).toBeNull();
  });
});

describe("amending", () => {
  it("asks for the reason, then finalises the amendment with it", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    render(AmendReasonScreen, { id: 7, reason: "", ongo });
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Say why the decision is being changed/);

    await user.type(screen.getByRole("textbox"), "The police investigation found new information.");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const reason = "The police investigation found new information.";
    expect(ongo).toHaveBeenLastCalledWith({ kind: "check-answers", id: 7, amendReason: reason });

    const finalised = view({ decisions: [{ version: 1, contentHash: "ab", amendmentReason: null }] });
    vi.mocked(getCase).mockResolvedValue(finalised);
    const amended = view({
      decisions: [
        { version: 1, contentHash: "ab", amendmentReason: null },
        { version: 2, contentHash: "cd", amendmentReason: reason },
      ],
    });
    vi.mocked(amendDecision).mockResolvedValue(amended);
    document.body.innerHTML = "";
    render(CheckAnswersScreen, { id: 7, amendReason: reason, ongo });
    await user.click(await screen.findByRole("button", { name: "Finalise amendment" }));
    await waitFor(() => expect(amendDecision).toHaveBeenCalledWith(7, reason));
    expect(finaliseDecision).not.toHaveBeenCalled();
    expect(ongo).toHaveBeenLastCalledWith({ kind: "finalised", id: 7, view: amended });
  });
});
