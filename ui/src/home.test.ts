// The chair's home and the milestones page, with the backend replaced: what needs doing in the
// backend's order with its links landing on the exact place to act, the year in figures, and a
// milestone recorded from a link (and corrected only with a reason), with no axe violations.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import {
  caseMilestones,
  correctMilestone,
  homeView,
  recordMilestone,
  type HomeView,
  type MilestonesView,
  type Obligation,
} from "./backend";
import HomeScreen from "./lib/HomeScreen.svelte";
import MilestonesScreen from "./lib/cases/MilestonesScreen.svelte";
import { dueText, screenToAct } from "./lib/home/obligations";
import { anytown, byId, NOTHING_OWED, textOf } from "./testing/fixtures";

vi.mock("./backend", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./backend")>()),
  caseMilestones: vi.fn(),
  correctMilestone: vi.fn(),
  homeView: vi.fn(),
  recordMilestone: vi.fn(),
}));

beforeAll(() => {
  document.documentElement.lang = "en-GB";
});

afterEach(() => {
  vi.resetAllMocks();
});

async function violations() {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
  });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

const ofsted: Obligation = {
  caseId: 4,
  reference: "SCR-2026-004",
  pseudonym: "Child T",
  owed: { kind: "national_notification", notificationId: "ofsted_review", recipient: "Ofsted" },
  title: "Tell Ofsted of the decision",
  detail: "The framework asks for the decision and the rationale.",
  due: "2026-05-01",
  overdue: true,
  workingDays: 6,
  calendarDays: 10,
  act: { place: "record_milestone", event: "national_notification_sent", notificationId: "ofsted_review" },
};

const send: Obligation = {
  ...ofsted,
  owed: { kind: "send_letters", letter: "decision_notice", members: 11 },
  title: "Send the decision notice",
  detail: "11 members have not been sent it.",
  due: "2026-05-15",
  overdue: false,
  workingDays: 4,
  calendarDays: 4,
  act: { place: "distribution" },
};

const home: HomeView = {
  ...NOTHING_OWED,
  obligations: [ofsted, send],
  obligationsTotal: 2,
  year: {
    ...NOTHING_OWED.year,
    decisions: 3,
    decisionsWithTimescale: 3,
    decisionsOnTime: 2,
    decisionsOnTimePercent: 67,
    medianWorkingDaysToDecision: 18,
    membersToTell: 33,
    membersTold: 33,
    membersToldWithin: 30,
    membersToldWithinPercent: 91,
    membersAcknowledged: 20,
    membersAcknowledgedPercent: 61,
  },
};

const milestones = (recorded: string | null, recordId: number | null): MilestonesView => ({
  caseId: 4,
  reference: "SCR-2026-004",
  decision: "review",
  decisionDate: "2026-04-20",
  slots: [
    {
      slot: { event: "national_notification_sent", notificationId: "ofsted_review", label: "Sent to Ofsted", hint: null, recorded },
      recordId,
    },
    { slot: { event: "review_start", notificationId: null, label: "The SCR started", hint: null, recorded: null }, recordId: null },
  ],
  history: recorded
    ? [{ id: recordId ?? 0, label: "Sent to Ofsted", date: recorded, correction: false, reason: null, recordedAt: "2026-05-11T10:00:00Z" }]
    : [],
});

describe("the home page", () => {
  it("lists what needs doing in the backend's order, with due dates and links that land where to act", async () => {
    vi.mocked(homeView).mockResolvedValue(home);
    const ongo = vi.fn();
    render(HomeScreen, { board: anytown, first: null, onchange: vi.fn(), ongo });
    await screen.findByText("Tell Ofsted of the decision");
    expect(textOf("obligation-0")).toContain("Overdue");
    expect(textOf("obligation-0")).toContain("Due 1 May 2026: Overdue by 6 working days");
    expect(textOf("obligation-1")).toContain("Send the decision notice");
    expect(textOf("obligation-1")).toContain("4 working days left");
    expect(textOf("year-summary")).toContain("Decided within the timescale 2 of 3 (67%)");
    expect(textOf("year-summary")).toContain("Members told within 5 working days 30 of 33 (91%)");
    expect(textOf("year-summary")).toContain("Outcome notices sent for reviews that ended none");
    expect(await violations()).toEqual([]);

    const user = userEvent.setup();
    byId("obligation-0-link")!.focus();
    await user.keyboard("{Enter}");
    expect(ongo).toHaveBeenCalledWith({ kind: "milestones", id: 4, event: "national_notification_sent", notificationId: "ofsted_review" });
    await user.click(byId("obligation-1-link")!);
    expect(ongo).toHaveBeenLastCalledWith({ kind: "distribution", id: 4, reference: "SCR-2026-004" });
  });

  it("shows a long list a page at a time as the backend hands it out, and keeps each item's number", async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ ...send, reference: `SCR-2026-${String(i + 1).padStart(3, "0")}` }));
    const pageOf = (page: number): HomeView => ({
      ...home,
      obligations: many.slice((page - 1) * 20, page * 20),
      obligationsTotal: many.length,
      page,
    });
    vi.mocked(homeView).mockImplementation((page) => Promise.resolve(pageOf(page)));
    // The first page came with the first screen: nothing is asked for until the page is turned.
    render(HomeScreen, { board: anytown, first: pageOf(1), onchange: vi.fn(), ongo: vi.fn() });
    expect(byId("obligations")?.children).toHaveLength(20);
    expect(textOf("obligations-shown")).toBe("Showing 1 to 20 of 45 things to do, most urgent first");
    expect(homeView).not.toHaveBeenCalled();
    const user = userEvent.setup();
    await user.click(byId("obligations-pages-page-3")!);
    expect(homeView).toHaveBeenCalledWith(3);
    await waitFor(() => expect(byId("obligations")?.children).toHaveLength(5));
    expect(textOf("obligation-40")).toContain("SCR-2026-041");
    expect(document.activeElement).toBe(byId("obligations-shown"));
    expect(await violations()).toEqual([]);
  });

  it("keeps the page shown when the next one cannot be read, and says why", async () => {
    const first = { ...home, obligationsTotal: 45 };
    vi.mocked(homeView).mockRejectedValue({ code: "keyring.timeout", message: "The keyring did not answer.", details: null });
    render(HomeScreen, { board: anytown, first, onchange: vi.fn(), ongo: vi.fn() });
    await userEvent.setup().click(byId("obligations-pages-page-2")!);
    await waitFor(() => expect(textOf("home-error")).toBe("The keyring did not answer."));
  });

  it("shows the records due for review that came with the home page", async () => {
    const due = {
      caseId: 4,
      reference: "SCR-2016-004",
      class: "letters" as const,
      classLabel: "Letters",
      action: "review" as const,
      due: "2046-04-12",
      daysOverdue: 3,
      rule: "Six years after the last letter",
      citation: "Local retention schedule",
      held: false,
    };
    const ongo = vi.fn();
    render(HomeScreen, { board: anytown, first: { ...home, retentionDue: [due] }, onchange: vi.fn(), ongo });
    expect(textOf("retention-due-notice")).toContain("SCR-2016-004: letters, since 2046-04-12");
    await userEvent.setup().click(byId("home-open-retention")!);
    expect(ongo).toHaveBeenCalledWith({ kind: "retention" });
    expect(homeView).not.toHaveBeenCalled();
  });

  it("says so when nothing is owed", async () => {
    vi.mocked(homeView).mockResolvedValue({ ...home, obligations: [], obligationsTotal: 0 });
    render(HomeScreen, { board: anytown, first: null, onchange: vi.fn(), ongo: vi.fn() });
    await waitFor(() => expect(textOf("home-nothing")).toBe("Nothing is owed on any case today (11 May 2026)."));
  });

  it("words due dates and maps every place to act", () => {
    expect(dueText({ ...send, calendarDays: 0, workingDays: 0 })).toBe("Due today");
    expect(dueText({ ...send, workingDays: 1 })).toBe("1 working day left");
    expect(dueText({ ...send, overdue: true, workingDays: 2693 })).toBe("Overdue by 2,693 working days");
    expect(screenToAct({ ...send, act: { place: "wizard" } })).toEqual({
      kind: "wizard", id: 4, start: null, amendReason: null, returnToCheck: false,
    });
    expect(screenToAct({ ...send, act: { place: "write_letters", letter: "outcome_notice" } })).toEqual({ kind: "issue-letters", id: 4 });
  });
});

describe("the milestones page", () => {
  it("opens on the milestone a link named, records it, then corrects it only with a reason", async () => {
    vi.mocked(caseMilestones).mockResolvedValue(milestones(null, null));
    vi.mocked(recordMilestone).mockResolvedValue(milestones("2026-04-22", 7));
    render(MilestonesScreen, { id: 4, event: "national_notification_sent", notificationId: "ofsted_review", ongo: vi.fn() });
    await waitFor(() => expect(document.activeElement?.id).toBe("milestone-form-title"));
    expect(textOf("milestone-form-title")).toBe("Record: Sent to Ofsted");
    expect(await violations()).toEqual([]);

    const user = userEvent.setup();
    await user.click(byId("milestone-save")!);
    expect(textOf("milestone-date-day-error") ?? textOf("milestone-date-error")).toContain("Enter the date it happened");
    expect(recordMilestone).not.toHaveBeenCalled();

    await user.type(byId("milestone-date-day")!, "22/04/2026");
    await user.click(byId("milestone-save")!);
    expect(recordMilestone).toHaveBeenCalledWith(4, {
      event: "national_notification_sent",
      notificationId: "ofsted_review",
      date: "2026-04-22",
    });
    await waitFor(() => expect(textOf("milestone-notice")).toContain("Sent to Ofsted: recorded as 22 April 2026"));
    expect(textOf("milestone-national_notification_sent-ofsted_review-date")).toBe("22 April 2026");

    vi.mocked(correctMilestone).mockRejectedValue({
      code: "milestone.invalid",
      message: "The correction needs a reason",
      details: { fields: [{ field: "reason", message: "Enter why the date is corrected" }], cause: null, actions: [] },
    });
    await user.click(byId("milestone-national_notification_sent-ofsted_review-action")!);
    expect(textOf("milestone-form-title")).toBe("Correct: Sent to Ofsted");
    await user.click(byId("milestone-save")!);
    expect(correctMilestone).toHaveBeenCalledWith(4, { recordId: 7, date: "2026-04-22", reason: "" });
    await waitFor(() => expect(textOf("milestone-reason-error")).toContain("Enter why the date is corrected"));
  });
});
