// The board-shaped rules in the UI, with the backend replaced: the dashboard's deadlines and
// overdue warning, refused framework files, changing the restricted details of an open case,
// and the board's closure days on the settings page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import {
  addClosureDay,
  boardSettings,
  frameworksView,
  getCase,
  listCases,
  listFrameworks,
  readAnnex,
  removeClosureDay,
  saveAnnex,
  type CaseListEntry,
  type NextDeadline,
} from "./backend";
import CaseScreen from "./lib/cases/CaseScreen.svelte";
import CasesScreen from "./lib/cases/CasesScreen.svelte";
import NewCaseScreen from "./lib/cases/NewCaseScreen.svelte";
import { deadlineText, missedWarning } from "./lib/cases/deadlines";
import SettingsScreen from "./lib/register/SettingsScreen.svelte";
import { annexOfChildT, finding, frameworksWithProblem, overdue, view } from "./testing/cases";
import { byId, settingsView, textOf } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

afterEach(() => {
  vi.resetAllMocks();
});

const running = (calendarDays: number, workingDays: number, unit: NextDeadline["unit"] = "calendar_days"): NextDeadline => ({
  label: "Rapid review and decision",
  due: "2026-04-20",
  unit,
  calendarDays,
  workingDays,
  overdue: false,
});

function entry(id: number, pseudonym: string, nextDeadline: NextDeadline | null): CaseListEntry {
  return { id, reference: `SCR-2026-00${id}`, pseudonym, decisionVersion: null, updatedAt: "2026-03-20T10:00:00Z", nextDeadline };
}

describe("deadline wording", () => {
  it("says days left, working days left, due today or overdue by", () => {
    expect(deadlineText(running(8, 6))).toBe("8 days left");
    expect(deadlineText(running(1, 1))).toBe("1 day left");
    expect(deadlineText(running(8, 6, "working_days"))).toBe("6 working days left");
    expect(deadlineText(running(0, 0, "working_days"))).toBe("Due today");
    expect(deadlineText(overdue)).toBe("Overdue by 11 days");
    expect(deadlineText(overdue, true)).toBe("by 11 days");
    expect(deadlineText({ ...overdue, calendarDays: 1 })).toBe("Overdue by 1 day");
    expect(deadlineText({ ...overdue, calendarDays: 3905 })).toBe("Overdue by 3,905 days");
  });

  it("counts the cases with a missed deadline", () => {
    expect(missedWarning([entry(1, "Child A", running(3, 3))])).toBeNull();
    expect(missedWarning([entry(1, "Child A", overdue), entry(2, "Child B", null)])).toBe("1 case has a missed deadline");
    expect(missedWarning([entry(1, "Child A", overdue), entry(2, "Child B", overdue)])).toBe("2 cases have a missed deadline");
    const thousand = Array.from({ length: 1000 }, (_, i) => entry(i + 1, `Child ${i}`, overdue));
    expect(missedWarning(thousand)).toBe("1,000 cases have a missed deadline");
  });
});

describe("the cases dashboard", () => {
  it("shows each case's next deadline, tags the overdue ones and warns at the top", async () => {
    vi.mocked(frameworksView).mockResolvedValue({ ...frameworksWithProblem, problems: [] });
    vi.mocked(listCases).mockResolvedValue([
      entry(1, "Child A", running(8, 6)),
      entry(2, "Child B", running(0, 0)),
      entry(3, "Child C", overdue),
      entry(4, "Child D", { ...overdue, calendarDays: 2 }),
      entry(5, "Child T", null),
    ]);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("SCR-2026-001");
    expect(textOf("missed-deadlines")).toBe("! Warning 2 cases have a missed deadline");
    expect(textOf("case-deadline-1")).toBe("Rapid review and decision: 20 April 2026 8 days left");
    expect(textOf("case-deadline-2")).toMatch(/Due today$/);
    expect(textOf("case-deadline-3")).toBe("Decision on whether to hold an SCR: 1 April 2016 Overdue by 11 days");
    expect(byId("case-deadline-3")?.querySelector(".govuk-tag--red")).not.toBeNull();
    expect(byId("case-deadline-1")?.querySelector(".govuk-tag")).toBeNull();
    expect(textOf("case-deadline-5")).toBe("None running");
    expect(byId("framework-problems")).toBeNull();
  });

  it("has no warning when nothing is missed", async () => {
    vi.mocked(frameworksView).mockResolvedValue({ ...frameworksWithProblem, problems: [] });
    vi.mocked(listCases).mockResolvedValue([entry(1, "Child A", running(8, 6))]);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("SCR-2026-001");
    expect(byId("missed-deadlines")).toBeNull();
  });
  it("draws a long list fifty rows at a time, and the pages move focus to the rows shown", async () => {
    const user = userEvent.setup();
    vi.mocked(frameworksView).mockResolvedValue({ ...frameworksWithProblem, problems: [] });
    const many = Array.from({ length: 120 }, (_, i) => ({ ...entry(i + 1, `Child ${i + 1}`, null), reference: `SCR-${i + 1}` }));
    vi.mocked(listCases).mockResolvedValue(many);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("SCR-1");
    const rows = () => byId("cases-table")!.querySelectorAll("tbody tr");
    expect(rows()).toHaveLength(50);
    expect(textOf("cases-shown")).toBe("Showing 1 to 50 of 120 cases");
    expect(byId("cases-pages-previous")).toBeNull();

    await user.click(byId("cases-pages-next")!);
    expect(textOf("cases-shown")).toBe("Showing 51 to 100 of 120 cases");
    expect(document.activeElement).toBe(byId("cases-shown"));
    expect(rows()[0].textContent).toContain("SCR-51");
    expect(byId("cases-pages-page-2")?.getAttribute("aria-current")).toBe("page");

    await user.click(byId("cases-pages-page-3")!);
    expect(rows()).toHaveLength(20);
    expect(byId("cases-pages-next")).toBeNull();
    // Every case is still there to find: the warning and search see all of them, not the page.
    expect(textOf("cases-shown")).toBe("Showing 101 to 120 of 120 cases");
  });

  it("has no pages for a short list", async () => {
    vi.mocked(frameworksView).mockResolvedValue({ ...frameworksWithProblem, problems: [] });
    vi.mocked(listCases).mockResolvedValue([entry(1, "Child A", null)]);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("SCR-2026-001");
    expect(byId("cases-pages")).toBeNull();
    expect(textOf("cases-shown")).toBe("1 case");
  });
});

describe("the board's framework files", () => {
  it("names a refused file with its line and reason on the cases page", async () => {
    vi.mocked(frameworksView).mockResolvedValue(frameworksWithProblem);
    vi.mocked(listCases).mockResolvedValue([]);
    render(CasesScreen, { ongo: vi.fn() });
    await screen.findByText("One of the board’s framework files was not loaded");
    expect(textOf("framework-problems")).toContain('broken.toml, line 12: invalid type: string "one month", expected u32');
    expect(textOf("framework-problems")).toContain("/home/chair/.local/share/scr-desk/frameworks");
  });

  it("warns on the new-case form too, and offers the board's own framework", async () => {
    vi.mocked(frameworksView).mockResolvedValue(frameworksWithProblem);
    vi.mocked(listFrameworks).mockResolvedValue(frameworksWithProblem.frameworks);
    render(NewCaseScreen, { ongo: vi.fn() });
    await screen.findByText(/broken\.toml, line 12/);
    expect(await screen.findByLabelText("Westmoor local framework (the board’s own framework)")).toBeTruthy();
  });
});

describe("changing the restricted details", () => {
  it("opens a form filled from the annex, saves the change and says when board text now mentions it", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(readAnnex).mockResolvedValue(annexOfChildT);
    vi.mocked(saveAnnex).mockResolvedValue(view({ findings: [finding("rationale", null, "rationale", "annex.leak")] }));
    render(CaseScreen, { id: 1, ongo: vi.fn() });
    await user.click(await screen.findByRole("button", { name: /Show restricted details/ }));
    await user.click(await screen.findByRole("button", { name: "Change restricted details" }));

    expect((byId("annex-given-names") as HTMLInputElement).value).toBe("Tyler");
    expect((byId("annex-dob-year") as HTMLInputElement).value).toBe("2014");
    expect((byId("annex-family-0-name") as HTMLInputElement).value).toBe("Dana Blackwood");
    await user.click(screen.getByRole("button", { name: "Add another family member" }));
    await user.type(byId("annex-family-1-name")!, "Grace Okafor");
    await user.type(byId("annex-family-1-relationship")!, "grandmother");
    await user.click(screen.getByRole("button", { name: "Save restricted details" }));

    await screen.findByText("Restricted details saved");
    const [id, saved] = vi.mocked(saveAnnex).mock.calls[0];
    expect(id).toBe(1);
    expect(saved.familyMembers).toEqual([
      annexOfChildT.familyMembers[0],
      { name: "Grace Okafor", relationship: "grandmother", dateOfBirth: null, notes: null },
    ]);
    expect(saved.dateOfBirth).toBe("2014-06-09");
    expect(byId("annex-leak-note")).not.toBeNull();
    expect(textOf("annex")).toContain("Grace Okafor (grandmother)");
    // Read once to show; the save does not read it again.
    expect(readAnnex).toHaveBeenCalledTimes(1);
  });

  it("refuses an impossible date of birth before saving, and cancel keeps the details as they were", async () => {
    const user = userEvent.setup();
    vi.mocked(getCase).mockResolvedValue(view());
    vi.mocked(readAnnex).mockResolvedValue(annexOfChildT);
    render(CaseScreen, { id: 1, ongo: vi.fn() });
    await user.click(await screen.findByRole("button", { name: /Show restricted details/ }));
    await user.click(await screen.findByRole("button", { name: "Change restricted details" }));
    const day = byId("annex-dob-day") as HTMLInputElement;
    await user.clear(day);
    await user.type(day, "31");
    await user.clear(byId("annex-dob-month")!);
    await user.type(byId("annex-dob-month")!, "2");
    await user.click(screen.getByRole("button", { name: "Save restricted details" }));
    await waitFor(() => expect(document.querySelector(".govuk-error-summary")?.textContent).toMatch(/must be a real date/));
    expect(saveAnnex).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(textOf("annex")).toContain("Tyler Blackwood");
    expect(document.activeElement?.id).toBe("change-annex");
  });
});

describe("closure days on the settings page", () => {
  it("lists, adds and removes the board's closure days", async () => {
    const user = userEvent.setup();
    vi.mocked(boardSettings).mockResolvedValue(settingsView);
    const added = { ...settingsView, closureDays: [...settingsView.closureDays, { date: "2026-11-10", name: "Office move" }] };
    vi.mocked(addClosureDay).mockResolvedValue(added);
    vi.mocked(removeClosureDay).mockResolvedValue({ ...settingsView, closureDays: [] });
    render(SettingsScreen);
    await screen.findByText("Office closed between Christmas and New Year");
    expect(textOf("closure-days")).toContain("29 December 2026");

    await user.type(byId("closure-date-day")!, "10");
    await user.type(byId("closure-date-month")!, "11");
    await user.type(byId("closure-date-year")!, "2026");
    await user.type(byId("closure-name")!, "Office move");
    await user.click(screen.getByRole("button", { name: "Add closure day" }));
    await screen.findByText("Closure day added");
    expect(addClosureDay).toHaveBeenCalledWith("2026-11-10", "Office move");
    expect(textOf("closure-days")).toContain("10 November 2026 Office move");
    expect((byId("closure-date-day") as HTMLInputElement).value).toBe("");

    expect(textOf("remove-closure-2026-12-29")).toBe("Remove the closure on 29 December 2026");
    await user.click(byId("remove-closure-2026-12-29")!);
    await screen.findByText("Closure day removed");
    expect(removeClosureDay).toHaveBeenCalledWith("2026-12-29");
    expect(byId("closure-days-none")).not.toBeNull();
  });

  it("shows the backend's reason for refusing a day, and a missing date before asking", async () => {
    const user = userEvent.setup();
    vi.mocked(boardSettings).mockResolvedValue(settingsView);
    render(SettingsScreen);
    await screen.findByText("Office closed between Christmas and New Year");
    await user.click(screen.getByRole("button", { name: "Add closure day" }));
    await waitFor(() => expect(textOf("closure-date")?.length).toBeGreaterThan(0));
    expect(document.querySelector(".govuk-error-summary")?.textContent).toContain("Enter the date the office is closed");
    expect(addClosureDay).not.toHaveBeenCalled();

    vi.mocked(addClosureDay).mockRejectedValueOnce({
      code: "board.invalid",
      message: "The closure day needs correcting",
      details: {
        cause: null,
        fields: [{ field: "closure_date", message: "14 November 2026 is already a non-working day (Saturday); enter a working day" }],
        actions: [],
      },
    });
    await user.type(byId("closure-date-day")!, "14");
    await user.type(byId("closure-date-month")!, "11");
    await user.type(byId("closure-date-year")!, "2026");
    await user.type(byId("closure-name")!, "Saturday work");
    await user.click(screen.getByRole("button", { name: "Add closure day" }));
    await waitFor(() =>
      expect(document.querySelector(".govuk-error-summary")?.textContent).toContain("already a non-working day"),
    );
    const link = document.querySelector('.govuk-error-summary a[href="#closure-date-day"]');
    expect(link).not.toBeNull();
  });
});
