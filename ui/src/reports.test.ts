// The Quality Marker 3 report page with the backend replaced: the period's figures, both charts
// as SVG with a text alternative, the cases table, a changed period sent to the backend, the
// report saved as a signed PDF, CSV or XLSX for the period shown (and a refusal shown); axe clean.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { qm3Report, saveQm3Report, type Qm3Report } from "./backend";
import ReportsScreen from "./lib/reports/ReportsScreen.svelte";
import { CHART, PLOT, decisionBars, toldLine } from "./lib/reports/charts";
import { byId, textOf } from "./testing/fixtures";

vi.mock("./backend", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./backend")>()),
  qm3Report: vi.fn(),
  saveQm3Report: vi.fn(),
}));

beforeAll(() => {
  document.documentElement.lang = "en-GB";
});

afterEach(() => {
  vi.resetAllMocks();
});

const report: Qm3Report = {
  from: "2025-05-12",
  to: "2026-05-11",
  toldWithinWorkingDays: 5,
  rows: [
    {
      caseId: 4, reference: "SCR-2026-004", pseudonym: "Child T", notified: "2026-04-09", decided: "2026-05-05",
      workingDaysToDecision: 17, timescaleWorkingDays: 20, withinTimescale: true, decision: "Serious Case Review",
      lettersIssued: 12, membersInPost: 11, membersTold: 11, toldByEmail: 10, toldBySecureExport: 1, toldByPost: 0,
      toldWithin: 11, acknowledged: 4, updatesSent: 0, outcomeNoticeSent: null, reviewEnded: null, published: null,
    },
  ],
  totals: {
    decisions: 1, decisionsWithTimescale: 1, decisionsOnTime: 1, decisionsOnTimePercent: 100,
    medianWorkingDaysToDecision: 17, membersToTell: 11, membersTold: 11, membersToldWithin: 11,
    membersToldWithinPercent: 100, membersAcknowledged: 4, membersAcknowledgedPercent: 36, reviewsEnded: 0,
    outcomeNoticesSent: 0, outcomeNoticesPercent: null,
  },
  decisionChart: [{ reference: "SCR-2026-004", pseudonym: "Child T", workingDays: 17, timescale: 20, withinTimescale: true }],
  toldChart: [
    { day: 0, told: 0, percent: 0 },
    { day: 1, told: 10, percent: 91 },
    { day: 2, told: 11, percent: 100 },
  ],
};

describe("the chart geometry", () => {
  it("scales bars to the larger of the figures and the timescale, and the line to 100%", () => {
    const { bars, max } = decisionBars(report.decisionChart);
    expect(max).toBe(20);
    expect(bars[0].height).toBeCloseTo((17 / 20) * PLOT.height);
    expect(bars[0].timescaleY).toBeCloseTo(CHART.top);
    expect(bars[0].late).toBe(false);
    const points = toldLine(report.toldChart).split(" ");
    expect(points[0]).toBe(`${CHART.left.toFixed(1)},${(CHART.top + PLOT.height).toFixed(1)}`);
    expect(points[2]).toBe(`${(CHART.left + PLOT.width).toFixed(1)},${CHART.top.toFixed(1)}`);
  });
});

describe("the report page", () => {
  it("shows the figures, both charts with their words, the cases, and asks again for a new period", async () => {
    vi.mocked(qm3Report).mockResolvedValue(report);
    render(ReportsScreen, { from: "2025-05-12", to: "2026-05-11", onback: vi.fn() });
    await screen.findByText("12 May 2025 to 11 May 2026");
    expect(qm3Report).toHaveBeenCalledWith("2025-05-12", "2026-05-11");
    expect(textOf("report-figures")).toContain("Members told within 5 working days 11 of 11 (100%)");
    expect(textOf("chart-decisions-desc")).toBe("SCR-2026-004: 17 working days against 20");
    expect(textOf("chart-told-desc")).toBe("day 0: 0%; day 1: 91%; day 2: 100%");
    expect(document.querySelectorAll("#chart-decisions rect")).toHaveLength(1);
    expect(textOf("report-cases")).toContain("SCR-2026-004 (Child T)");
    expect(textOf("report-cases")).toContain("11 of 11");
    expect(await violations()).toEqual([]);

    const user = userEvent.setup();
    await user.clear(byId("report-from-year")! as HTMLInputElement);
    await user.type(byId("report-from-year")!, "2016");
    await user.click(byId("report-show")!);
    await waitFor(() => expect(qm3Report).toHaveBeenLastCalledWith("2016-05-12", "2026-05-11"));
  });
});

describe("saving the report", () => {
  it("saves the period shown in the format chosen and says where, or why not", async () => {
    vi.mocked(qm3Report).mockResolvedValue(report);
    vi.mocked(saveQm3Report).mockResolvedValueOnce({
      from: report.from, to: report.to, cases: 1,
      files: ["/home/chair/Documents/SCR Decision Desk reports/qm3-2025-05-12-to-2026-05-11.pdf"],
    });
    render(ReportsScreen, { from: "2025-05-12", to: "2026-05-11", onback: vi.fn() });
    await screen.findByText("12 May 2025 to 11 May 2026");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Save as PDF (signed)" }));
    expect(saveQm3Report).toHaveBeenCalledWith("2025-05-12", "2026-05-11", "pdf");
    await waitFor(() => expect(textOf("report-saved")).toContain("qm3-2025-05-12-to-2026-05-11.pdf"));
    expect(await violations()).toEqual([]);

    vi.mocked(saveQm3Report).mockRejectedValueOnce({
      code: "report.shows_restricted", message: "The line of SCR-2026-004 shows the child's first name", details: null,
    });
    await user.click(screen.getByRole("button", { name: "Save as spreadsheet (XLSX)" }));
    expect(saveQm3Report).toHaveBeenLastCalledWith("2025-05-12", "2026-05-11", "xlsx");
    await waitFor(() => expect(textOf("report-save-error")).toContain("shows the child's first name"));
    expect(byId("report-saved")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save as CSV" }));
    expect(saveQm3Report).toHaveBeenLastCalledWith("2025-05-12", "2026-05-11", "csv");
  });
});

async function violations() {
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
  });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}
