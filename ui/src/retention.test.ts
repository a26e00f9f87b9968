// The retention pages against a mocked backend: the disposal confirmation names what will be
// destroyed and what stays, refuses without the chair's tick and sends a second person's name
// when the board requires one; the hold banner shows on a case's pages; axe-core on each.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import {
  caseRetention,
  disposalPreview,
  disposeRecords,
  keepRecordsLonger,
  type CaseRetentionView,
  type DisposalCertificate,
  type DisposalPreview,
  type RetentionOverview,
} from "./backend";
import CaseRetentionScreen from "./lib/retention/CaseRetentionScreen.svelte";
import DueNotice from "./lib/retention/DueNotice.svelte";
import DisposeScreen from "./lib/retention/DisposeScreen.svelte";
import HoldBanner from "./lib/retention/HoldBanner.svelte";

vi.mock("./backend", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./backend")>()),
  caseRetention: vi.fn(),
  disposalPreview: vi.fn(),
  disposeRecords: vi.fn(),
  keepRecordsLonger: vi.fn(),
}));

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
async function violations() {
  const results = await axe.run(document, { runOnly: { type: "tag", values: WCAG_TAGS } });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

const preview: DisposalPreview = {
  caseId: 1,
  reference: "SCR-2016-004",
  class: "restricted_annex",
  classLabel: "Restricted details",
  rule: "Dispose of 6 years after the later of the case closed and the child's 18th birthday",
  action: "dispose",
  due: null,
  early: true,
  removed: [
    { what: "restricted details", count: 1, ids: [1] },
    { what: "annex override", count: 2, ids: [4, 5] },
  ],
  kept: ["The case summary, the finalised decisions and the letters"],
  letters: [],
  decisions: [],
  backupsBefore: [{ madeAt: "2026-11-01T10:00:00Z", location: "/backups/board.scrbackup", stillPresent: true }],
  chair: "Dr Jane Smith",
  secondPersonRequired: true,
  blocked: null,
};

const certificate: DisposalCertificate = {
  format: "scr-desk-disposal-certificate/1",
  number: 1,
  reference: "SCR-2016-004",
  class: "restricted_annex",
  classLabel: "Restricted details",
  disposedAt: "2026-12-07T10:00:00Z",
  rule: { scheduleId: "x", scheduleVersion: "1", rule: preview.rule, citation: "", action: "dispose", due: null },
  authorisedBy: { chair: "Dr Jane Smith", account: "chair", secondPerson: { name: "Sam Patel", role: "Business manager" } },
  removed: preview.removed,
  letters: [],
  decisions: [],
  backupsBefore: preview.backupsBefore,
  erasure: "VACUUM",
};

beforeAll(() => {
  document.documentElement.lang = "en-GB";
});

afterEach(() => {
  vi.clearAllMocks();
});

describe("the disposal confirmation", () => {
  it("names what is destroyed, what stays and the backups, and needs the chair and a second person", async () => {
    vi.mocked(disposalPreview).mockResolvedValue(preview);
    vi.mocked(disposeRecords)
      .mockRejectedValueOnce({
        code: "retention.invalid",
        message: "The disposal needs confirming",
        details: { cause: null, fields: [{ field: "confirm", message: "Confirm that you, the chair, authorise this disposal" }], actions: [] },
      })
      .mockResolvedValueOnce(certificate);
    const user = userEvent.setup();
    render(DisposeScreen, { id: 1, recordClass: "restricted_annex", ongo: vi.fn() });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Dispose of the restricted details of SCR-2016-004" }),
    ).toBeTruthy();
    expect(screen.getByText("Restricted details: 1 record")).toBeTruthy();
    expect(screen.getByText("Annex override: 2 records")).toBeTruthy();
    expect(screen.getByText(/finalised decisions and the letters/)).toBeTruthy();
    expect(screen.getByText(/1 backup\(s\) made before now still hold these records/)).toBeTruthy();
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Destroy these records" }));
    const link = await screen.findByRole("link", { name: /authorise this disposal/ });
    expect(link.getAttribute("href")).toBe("#confirm-disposal");

    await user.click(screen.getByLabelText(/I, Dr Jane Smith, authorise/));
    await user.type(screen.getByLabelText("The second person's name"), "Sam Patel");
    await user.type(screen.getByLabelText("Their role"), "Business manager");
    await user.keyboard("{Enter}");
    expect(await screen.findByText(/Certificate 1: the restricted details of SCR-2016-004 were destroyed/)).toBeTruthy();
    expect(disposeRecords).toHaveBeenLastCalledWith({
      caseId: 1,
      class: "restricted_annex",
      chairConfirmed: true,
      secondPerson: { name: "Sam Patel", role: "Business manager" },
    });
    expect(screen.getByText(/\/backups\/board.scrbackup/)).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it("offers no confirmation while the backend says the disposal is blocked", async () => {
    vi.mocked(disposalPreview).mockResolvedValue({ ...preview, blocked: "SCR-2016-004 is on legal hold" });
    render(DisposeScreen, { id: 1, recordClass: "restricted_annex", ongo: vi.fn() });
    expect(await screen.findByText(/is on legal hold/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Destroy these records" })).toBeNull();
  });
});

describe("the hold banner", () => {
  it("shows every hold covering the case", async () => {
    const view: CaseRetentionView = {
      caseId: 1,
      reference: "SCR-2016-004",
      holds: [
        {
          id: 3,
          caseId: 1,
          reference: "SCR-2016-004",
          reason: "Civil claim by the family",
          authority: "Council legal services",
          placedAt: "2026-12-01T09:00:00Z",
          placedOn: "2026-12-01",
          placedBy: "chair",
          liftedAt: null,
          liftReason: null,
        },
      ],
      classes: [],
      disposals: [],
    };
    vi.mocked(caseRetention).mockResolvedValue(view);
    render(HoldBanner, { caseId: 1 });
    expect(await screen.findByText(/This case is held: Civil claim by the family/)).toBeTruthy();
    // The day it was placed in England, in words, as the backend gives it.
    expect(screen.getByText(/placed 1 December 2026 by chair/)).toBeTruthy();
    expect(await violations()).toEqual([]);
  });
});

describe("the home page's notice", () => {
  it("lists what is due, with the way to the due-for-review page", async () => {
    const overview: RetentionOverview = {
      schedule: { id: "scr-desk-default", version: "1", title: "Default", source: "", builtin: true, rules: [] },
      scheduleProblems: [],
      disposalBlocked: null,
      folder: "/data/retention",
      today: "2046-12-07",
      due: [
        {
          caseId: 1,
          reference: "SCR-2016-004",
          class: "letters",
          classLabel: "Letters",
          action: "review",
          due: "2046-04-12",
          daysOverdue: 239,
          rule: "Review 30 years after the case closed",
          citation: "",
          held: true,
        },
      ],
      backupsDue: [],
      archiveHolds: [],
      caseHolds: [],
      secondPersonRequired: false,
      disposals: [],
    };
    const onopen = vi.fn();
    const user = userEvent.setup();
    render(DueNotice, { due: overview.due, onopen });
    expect(await screen.findByText("SCR-2016-004: letters, since 2046-04-12 (on legal hold)")).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Review them" }));
    expect(onopen).toHaveBeenCalled();
    expect(await violations()).toEqual([]);
  });
});

describe("a case's retention page", () => {
  it("records a review that keeps the letters for longer, with the date as ISO", async () => {
    const view: CaseRetentionView = {
      caseId: 1,
      reference: "SCR-2016-004",
      holds: [],
      classes: [
        {
          class: "letters",
          classLabel: "Letters",
          action: "review",
          rule: "Review 30 years after the case closed",
          state: { state: "due", due: "2046-04-12" },
          keptUntil: null,
          held: false,
        },
      ],
      disposals: [],
    };
    vi.mocked(caseRetention).mockResolvedValue(view);
    vi.mocked(keepRecordsLonger).mockResolvedValue(view);
    const ongo = vi.fn();
    const user = userEvent.setup();
    render(CaseRetentionScreen, { id: 1, ongo });
    expect(await screen.findByText("Due since 2046-04-12")).toBeTruthy();
    expect(await violations()).toEqual([]);
    await user.selectOptions(screen.getByLabelText("Which records"), "letters");
    await user.type(screen.getByLabelText("Day"), "1");
    await user.type(screen.getByLabelText("Month"), "4");
    await user.type(screen.getByLabelText("Year"), "2056");
    await user.type(screen.getByLabelText("Why the review keeps them"), "A member's claim is still open");
    await user.click(screen.getByRole("button", { name: "Record the review" }));
    expect(keepRecordsLonger).toHaveBeenCalledWith({
      caseId: 1,
      class: "letters",
      until: "2056-04-01",
      reason: "A member's claim is still open",
    });
    expect(ongo).toHaveBeenCalledWith({ kind: "case-retention", id: 1 });
  });
});
