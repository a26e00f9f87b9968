// The annex guard on the letters page, against a mocked backend: the warning that board text
// matches the restricted details, allowing a detail after a refusal (with its checks), the list of
// details allowed by kind, withdrawing one, and axe-core on each step.
import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { violations } from "./testing/axe";
import { setUpLettersPage } from "./testing/lettersPage";
import {
  allowAnnexTerm,
  annexOverrides,
  getCase,
  getFramework,
  previewLetters,
  restrictedTermsInDraft,
  restrictedTermsInLetters,
  withdrawAnnexOverride,
  type AnnexOverrideView,
  type LetterPreview,
} from "./backend";
import IssueLettersScreen from "./lib/letters/IssueLettersScreen.svelte";
import CheckAnswersScreen from "./lib/wizard/CheckAnswersScreen.svelte";
import { finding, framework, view } from "./testing/cases";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

vi.mock("pdfjs-dist", () => import("./testing/pdfjsStub"));
vi.mock("pdfjs-dist/build/pdf.worker.min.mjs?url", () => ({ default: "worker.js" }));

const surname: AnnexOverrideView = {
  id: 3,
  kinds: ["child_family_name"],
  description: "the child’s surname",
  createdAt: "2026-12-06T10:00:00Z",
};

const refusal = {
  code: "letter.restricted_detail",
  message: "The letter for SCR-2016-004 would print restricted details (the child’s surname). Nothing was signed.",
  details: { cause: null, fields: [], actions: [] },
};

setUpLettersPage(1);

async function writeDecisionNotice(user: ReturnType<typeof userEvent.setup>) {
  render(IssueLettersScreen, { id: 7, ongo: vi.fn() });
  await screen.findByRole("heading", { level: 1, name: "Write to the board" });
  await user.click(screen.getByLabelText("Decision notice"));
  await user.click(screen.getByRole("button", { name: "Preview the letter" }));
}

describe("the annex guard on the letters page", () => {
  it("warns, without blocking, when a member's name matches the restricted details", async () => {
    const user = userEvent.setup();
    const preview: LetterPreview = {
      pdfBase64: btoa("%PDF-1.7 not really"),
      pageCount: 1,
      title: "Decision on a Serious Case Review: Child T",
      shown: "The circular to every member",
      letterCount: 12,
      distribution: ["Sam Blackwood, Police"],
      signatories: ["Dr Jane Smith"],
      warnings: [{ source: "Sam Blackwood (a member)", details: ["the child’s surname", "a family member’s name"] }],
      missingCharacters: [],
      token: "c0ffee",
    };
    vi.mocked(previewLetters).mockResolvedValueOnce(preview);
    await writeDecisionNotice(user);
    await screen.findByRole("heading", { level: 1, name: "Check the letter before it is signed" });
    const warnings = document.getElementById("board-text-warnings");
    expect(warnings?.textContent).toContain(
      "Sam Blackwood (a member): matches the child’s surname and a family member’s name",
    );
    expect(screen.getByRole("button", { name: "Sign and issue 12 letters" })).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it("after a refusal, shows the details found on request and allows one the chair confirms", async () => {
    const user = userEvent.setup();
    vi.mocked(previewLetters).mockRejectedValueOnce(refusal);
    await writeDecisionNotice(user);
    expect(await screen.findByRole("heading", { name: "If a detail is safe in this letter" })).toBeTruthy();
    expect(restrictedTermsInLetters).not.toHaveBeenCalled();
    expect(await violations()).toEqual([]);

    vi.mocked(restrictedTermsInLetters).mockResolvedValueOnce([
      { key: "hope", label: "Hope", kinds: ["child_family_name"], description: "the child’s surname" },
      { key: "mill lane", label: "7 Mill Lane", kinds: ["address_line"], description: "part of the child’s address" },
    ]);
    await user.click(screen.getByRole("button", { name: "Show the restricted details found (this is recorded)" }));
    const hope = await screen.findByLabelText("Hope");
    expect(document.activeElement).toBe(hope);
    expect(vi.mocked(restrictedTermsInLetters).mock.calls[0][0]).toMatchObject({ caseId: 7, addressing: "both" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Allow it in this case’s letters" }));
    expect(await screen.findByText("Select the detail that is safe in this letter")).toBeTruthy();
    expect(screen.getByText("Confirm that you have checked this letter")).toBeTruthy();
    expect(allowAnnexTerm).not.toHaveBeenCalled();
    expect(await violations()).toEqual([]);

    await user.click(hope);
    await user.click(screen.getByLabelText(/I have checked that/));
    vi.mocked(allowAnnexTerm).mockResolvedValueOnce([surname]);
    await user.click(screen.getByRole("button", { name: "Allow it in this case’s letters" }));
    expect(allowAnnexTerm).toHaveBeenCalledWith(7, "hope");
    const banner = await screen.findByText("Allowed in this case’s letters: the child’s surname");
    expect(banner).toBeTruthy();
    expect(document.activeElement?.id).toBe("allowed-banner");
    // Listed by kind of detail, never by the word itself.
    const list = document.getElementById("overrides");
    expect(list?.textContent).toContain("the child’s surname");
    expect(list?.textContent).not.toContain("Hope");
    expect(screen.queryByRole("heading", { name: "If a detail is safe in this letter" })).toBeNull();
    expect(await violations()).toEqual([]);
  });

  it("lists the details allowed and withdraws one", async () => {
    const user = userEvent.setup();
    vi.mocked(annexOverrides).mockResolvedValue([surname]);
    render(IssueLettersScreen, { id: 7, ongo: vi.fn() });
    const withdraw = await screen.findByRole("button", { name: "Withdraw the allowance for the child’s surname" });
    expect(document.getElementById("overrides")?.textContent).toContain("Allowed on 6 December 2026");
    expect(await violations()).toEqual([]);

    vi.mocked(withdrawAnnexOverride).mockResolvedValueOnce([]);
    await user.click(withdraw);
    expect(withdrawAnnexOverride).toHaveBeenCalledWith(7, 3);
    await vi.waitFor(() => expect(document.getElementById("overrides")).toBeNull());
    expect(await violations()).toEqual([]);
  });
});

describe("the annex guard before finalising", () => {
  it("lets the chair allow a detail that blocks finalising, then shows the findings afresh", async () => {
    const user = userEvent.setup();
    const leak = finding("case_details", null, "summary", "annex.leak");
    vi.mocked(getFramework).mockResolvedValue(framework());
    vi.mocked(getCase).mockResolvedValueOnce(view({ findings: [leak], finalisable: false }));
    render(CheckAnswersScreen, { id: 7, amendReason: null, ongo: vi.fn() });
    expect(await screen.findByRole("heading", { name: "If a detail is safe in the decision" })).toBeTruthy();
    expect(await violations()).toEqual([]);

    vi.mocked(restrictedTermsInDraft).mockResolvedValueOnce([
      { key: "hope", label: "Hope", kinds: ["child_family_name"], description: "the child’s surname" },
    ]);
    await user.click(screen.getByRole("button", { name: "Show the restricted details found (this is recorded)" }));
    await user.click(await screen.findByLabelText("Hope"));
    await user.click(screen.getByLabelText(/I have checked that, where the decision uses it/));
    vi.mocked(allowAnnexTerm).mockResolvedValueOnce([surname]);
    vi.mocked(getCase).mockResolvedValueOnce(view());
    await user.click(screen.getByRole("button", { name: "Allow it in this case’s letters" }));

    expect(restrictedTermsInDraft).toHaveBeenCalledWith(7);
    expect(allowAnnexTerm).toHaveBeenCalledWith(7, "hope");
    await vi.waitFor(() => expect(screen.queryByRole("heading", { name: "If a detail is safe in the decision" })).toBeNull());
    expect(document.getElementById("overrides")?.textContent).toContain("the child’s surname");
    expect(screen.getByRole("button", { name: "Finalise decision" })).toBeTruthy();
    expect(await violations()).toEqual([]);
  });
});
