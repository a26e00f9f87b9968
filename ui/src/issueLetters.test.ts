// Writing to the board about a finalised decision, against a mocked backend: the form's
// errors, the preview (pdf.js replaced by a stand-in), issuing, the case's list of letters,
// and axe-core on each step.
import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { violations } from "./testing/axe";
import { setUpLettersPage } from "./testing/lettersPage";
import { pdfStub } from "./testing/pdfjsStub";
import {
  caseLetters,
  issueLetters,
  previewLetters,
  saveIssuedLetter,
  type CaseLetter,
  type LetterPreview,
} from "./backend";
import CaseLetters from "./lib/letters/CaseLetters.svelte";
import IssueLettersScreen from "./lib/letters/IssueLettersScreen.svelte";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

vi.mock("pdfjs-dist", () => import("./testing/pdfjsStub"));
vi.mock("pdfjs-dist/build/pdf.worker.min.mjs?url", () => ({ default: "worker.js" }));

const preview: LetterPreview = {
  pdfBase64: btoa("%PDF-1.7 not really"),
  pageCount: 2,
  title: "Update on the case of Child T",
  shown: "The circular to every member",
  letterCount: 12,
  distribution: ["Amira Ahmed, Anytown Council", "Ben Brown, Anyshire Police"],
  signatories: ["Dr Jane Smith"],
  warnings: [],
  missingCharacters: [],
  token: "c0ffee",
};

setUpLettersPage(2);

describe("writing to the board", () => {
  it("asks which letter, shows the backend's field errors, previews, then issues", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    render(IssueLettersScreen, { id: 7, ongo });
    expect(await screen.findByRole("heading", { level: 1, name: "Write to the board" })).toBeTruthy();
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    expect(await screen.findByRole("link", { name: "Select which letter to write" })).toBeTruthy();
    expect(previewLetters).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText("Update"));
    vi.mocked(previewLetters).mockRejectedValueOnce({
      code: "letter.invalid",
      message: "The letter needs more detail",
      details: { cause: null, fields: [{ field: "reason", message: "Enter why it has changed" }], actions: [] },
    });
    await user.type(screen.getByLabelText("What has changed or been delayed?"), "The review will report later.");
    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    const link = await screen.findByRole("link", { name: "Enter why it has changed" });
    expect(link.getAttribute("href")).toBe("#update-reason");
    expect(await violations()).toEqual([]);

    vi.mocked(previewLetters).mockResolvedValueOnce(preview);
    await user.type(screen.getByLabelText("Why?"), "The police asked us to wait.");
    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Check the letter before it is signed" })).toBeTruthy();
    expect(vi.mocked(previewLetters).mock.calls[1][0]).toMatchObject({
      caseId: 7,
      addressing: "both",
      content: { kind: "update", whatChanged: "The review will report later.", reason: "The police asked us to wait." },
    });
    await vi.waitFor(() => expect(pdfStub.rendered).toEqual([1, 2]));
    expect(screen.getAllByRole("img").map((c) => c.getAttribute("aria-label"))).toEqual(["Page 1 of 2", "Page 2 of 2"]);
    expect(await violations()).toEqual([]);

    vi.mocked(issueLetters).mockResolvedValueOnce(Array(12).fill({}));
    await user.click(screen.getByRole("button", { name: "Sign and issue 12 letters" }));
    expect(await screen.findByText("12 letters signed and stored in the archive")).toBeTruthy();
    // Issued by the preview's token: exactly what was shown.
    expect(issueLetters).toHaveBeenCalledWith("c0ffee");
    await user.click(screen.getByRole("button", { name: "Back to the case" }));
    expect(ongo).toHaveBeenCalledWith({ kind: "case", id: 7 });
  });

  it("warns before signing when a character cannot be printed", async () => {
    const user = userEvent.setup();
    render(IssueLettersScreen, { id: 7, ongo: vi.fn() });
    await user.click(await screen.findByLabelText("Decision notice"));
    vi.mocked(previewLetters).mockResolvedValueOnce({ ...preview, missingCharacters: ["漢"] });
    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    const warning = await screen.findByText(/cannot be printed and would show as an empty box/);
    expect(warning.textContent).toContain("“漢” (U+6F22)");
    expect(await violations()).toEqual([]);
    expect(screen.getByRole("button", { name: "Sign and issue 12 letters" })).toBeTruthy();
  });

  it("says nothing about characters when every one can be printed", async () => {
    const user = userEvent.setup();
    render(IssueLettersScreen, { id: 7, ongo: vi.fn() });
    await user.click(await screen.findByLabelText("Decision notice"));
    vi.mocked(previewLetters).mockResolvedValueOnce(preview);
    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    await screen.findByRole("heading", { level: 1, name: "Check the letter before it is signed" });
    expect(screen.queryByText(/cannot be printed/)).toBeNull();
  });

  it("goes back to the form with the answers kept", async () => {
    const user = userEvent.setup();
    render(IssueLettersScreen, { id: 7, ongo: vi.fn() });
    await user.click(await screen.findByLabelText("Decision notice"));
    await user.click(screen.getByLabelText("One circular to all members"));
    vi.mocked(previewLetters).mockResolvedValueOnce({ ...preview, letterCount: 1 });
    await user.click(screen.getByRole("button", { name: "Preview the letter" }));
    await user.click(await screen.findByRole("button", { name: "Change the letter" }));
    expect((screen.getByLabelText("One circular to all members") as HTMLInputElement).checked).toBe(true);
    expect(issueLetters).not.toHaveBeenCalled();
  });
});

describe("the case's letters", () => {
  const letter = (id: number, to: string): CaseLetter => ({
    letter: {
      id,
      reference: "SCR-2026-001",
      kind: "decision_notice",
      recipient: to === "All members (circular)" ? "circular" : String(id),
      sha256: "ab".repeat(32),
      size: 47_000,
      createdAt: "2026-11-28T10:15:00Z",
      signerFingerprints: [],
    },
    kindLabel: "Decision notice",
    recipientLabel: to,
  });

  it("lists each letter with view and save, and says where a copy went", async () => {
    const user = userEvent.setup();
    const ongo = vi.fn();
    vi.mocked(caseLetters).mockResolvedValue([letter(2, "Ben Brown"), letter(1, "All members (circular)")]);
    vi.mocked(saveIssuedLetter).mockResolvedValue({ path: "/home/chair/Documents/SCR Decision Desk letters/x.pdf" });
    render(CaseLetters, { caseId: 7, ongo });
    expect(await screen.findByText("2 issued, newest first")).toBeTruthy();
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Save a copy of the decision notice to Ben Brown" }));
    expect(await screen.findByRole("status")).toHaveProperty(
      "textContent",
      "Saved a copy to /home/chair/Documents/SCR Decision Desk letters/x.pdf",
    );
    await user.click(screen.getByRole("button", { name: "View the decision notice to All members (circular)" }));
    expect(ongo).toHaveBeenCalledWith({
      kind: "letter",
      caseId: 7,
      letterId: 1,
      label: "Decision notice to All members (circular)",
    });
  });
});
