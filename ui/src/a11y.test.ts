// A first, structural accessibility pass in jsdom (names, labels, ARIA, landmarks, ids).
// jsdom has no layout, so contrast and focus visibility are left to the end-to-end audit,
// which runs the same axe-core rules in the real webview.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { violations } from "./testing/axe";
import App from "./App.svelte";
import {
  addMember,
  firstScreen,
  boardSettings,
  memberRecord,
  previewImport,
  registerAt,
  saveBoardSettings,
  backupArchive,
  checkArchive,
  issueRecoveryKey,
  recoverArchive,
  saveBoardProfile,
  type IpcError,
} from "./backend";
import {
  anytown,
  boardRegister,
  byId,
  details,
  fieldsRefused,
  importPreview,
  lockedError,
  RECOVERY_KEY,
  settingsView,
  status,
  opened,
} from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

beforeAll(() => {
  // What index.html sets on the real page.
  document.documentElement.lang = "en-GB";
  document.documentElement.classList.add("govuk-template");
  document.body.classList.add("govuk-template__body");
});

afterEach(() => {
  vi.resetAllMocks();
});

describe("axe-core finds no WCAG A/AA violations on", () => {
  it("the loading screen", async () => {
    vi.mocked(firstScreen).mockReturnValue(new Promise(() => {}));
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Opening the archive…" });
    expect(await violations()).toEqual([]);
  });

  it("the keyring error screen with its details open", async () => {
    const error: IpcError = {
      code: "keyring.unavailable",
      message: "SCR Decision Desk could not reach your system keyring.",
      details: { cause: "no secret service", fields: [], actions: ["retry"] },
    };
    vi.mocked(firstScreen).mockRejectedValue(error);
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Your system keyring could not be reached" });
    document.querySelector("details")!.open = true;
    expect(await violations()).toEqual([]);
  });

  it("the set-up form, before and after a board.invalid error", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(null)));
    vi.mocked(saveBoardProfile).mockRejectedValue(fieldsRefused("board.invalid", "Check the board's details", {
      name: "Enter the board's name",
      area: "Enter the area the board covers",
    }));
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Set up your board" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the home screen", async () => {
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    render(App);
    await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(await violations()).toEqual([]);
  });

  it("the recovery key screen, before and after the unticked-box error", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown, false)));
    vi.mocked(issueRecoveryKey).mockResolvedValue({ recoveryKey: RECOVERY_KEY, passphrase: "none_set" });
    render(App);
    await screen.findByText(RECOVERY_KEY);
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the locked archive screen with its recovery button", async () => {
    vi.mocked(firstScreen).mockRejectedValue(lockedError());
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Your archive is locked" });
    document.querySelector("details")!.open = true;
    expect(await violations()).toEqual([]);
  });

  it("the recovery form, before and after a mistyped key", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockRejectedValue(lockedError());
    vi.mocked(recoverArchive).mockRejectedValue({
      code: "recovery.mistyped",
      message: "The recovery key was mistyped (check group 2). Check the recovery key against the copy you kept and type it again.",
      details: { cause: "mistyped", fields: [], actions: [] },
    });
    render(App);
    await user.click(await screen.findByRole("button", { name: "Use your recovery key" }));
    await screen.findByRole("heading", { level: 1, name: "Open the archive with your recovery key" });
    expect(await violations()).toEqual([]);

    await user.type(screen.getByLabelText("Recovery key"), "ABCDE");
    await user.click(screen.getByRole("button", { name: "Open the archive" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the archive page with check and backup results", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(checkArchive).mockResolvedValue({
      clean: true,
      summary: "The archive is intact and its audit trail is unbroken.",
      auditEvents: 12,
      firstBrokenEvent: null,
      problems: [],
    });
    vi.mocked(backupArchive).mockResolvedValue({
      path: "/home/chair/Documents/SCR Decision Desk backups/scr-2025-01-01.scrbackup",
      bytes: 48_000,
    });
    render(App);
    await user.click(await screen.findByRole("link", { name: "Archive" }));
    await screen.findByRole("heading", { level: 1, name: "Your archive" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Check the archive" }));
    await user.click(screen.getByRole("button", { name: "Make a backup" }));
    await screen.findByText(/Backup made/);
    expect(await violations()).toEqual([]);
  });

  it("the archive page with a failed check and an error", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(checkArchive).mockResolvedValue({
      clean: false,
      summary: "The audit trail is broken.",
      auditEvents: 12,
      firstBrokenEvent: 7,
      problems: ["Event 7 does not follow event 6."],
    });
    vi.mocked(backupArchive).mockRejectedValue({
      code: "archive.io",
      message: "A file could not be written.",
      details: { cause: "disk full", fields: [], actions: ["retry"] },
    });
    render(App);
    await user.click(await screen.findByRole("link", { name: "Archive" }));
    await user.click(await screen.findByRole("button", { name: "Check the archive" }));
    await screen.findByText("Problem found");
    await user.click(screen.getByRole("button", { name: "Make a backup" }));
    await screen.findByText("There is a problem");
    expect(await violations()).toEqual([]);
  });

  it("the register page, both lists", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(registerAt).mockResolvedValue(boardRegister);
    render(App);
    await user.click(await screen.findByRole("link", { name: "Members" }));
    await screen.findByRole("table");
    expect(await violations()).toEqual([]);
    await user.click(screen.getByLabelText("Have left (1)"));
    expect(await violations()).toEqual([]);
  });

  it("the member form, before and after a member.invalid error", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(registerAt).mockResolvedValue(boardRegister);
    vi.mocked(memberRecord).mockResolvedValue({ member: { id: 1, details: details("Zoë Lloyd") }, history: [] });
    vi.mocked(addMember).mockRejectedValue(fieldsRefused("member.invalid", "The member's details need correcting", {
      name: "Enter the member's full name",
      channel: "Select how the member prefers to receive letters",
    }));
    render(App);
    await user.click(await screen.findByRole("link", { name: "Members" }));
    await user.click(await screen.findByRole("button", { name: "Add a member" }));
    await screen.findByLabelText("Full name");
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Add member" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the import preview with problems", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(registerAt).mockResolvedValue(boardRegister);
    vi.mocked(previewImport).mockResolvedValue(
      importPreview(
        {
          problems: [{ line: 3, column: "E-mail", message: "Enter an email address in the correct format" }],
          updates: [
            {
              line: 4,
              memberId: 1,
              name: "Zoë Lloyd",
              changes: [{ field: "Role", from: "DCI", to: "Superintendent" }],
              details: details("Zoë Lloyd"),
            },
          ],
        },
        [3],
      ),
    );
    render(App);
    await user.click(await screen.findByRole("link", { name: "Members" }));
    await user.click(await screen.findByRole("button", { name: "Import from a spreadsheet" }));
    await screen.findByLabelText("Upload a file");
    expect(await violations()).toEqual([]);
    await user.upload(byId("import-file") as HTMLInputElement, new File(["x"], "members.csv", { type: "text/csv" }));
    await user.click(screen.getByRole("button", { name: "Check the file" }));
    await screen.findByRole("heading", { level: 1, name: "Check the import" });
    expect(await violations()).toEqual([]);
  });

  it("the settings page with an error", async () => {
    const user = userEvent.setup();
    vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
    vi.mocked(boardSettings).mockResolvedValue({
      ...settingsView,
      logo: { mediaType: "image/png", width: 200, height: 80, bytes: 1200, dataUrl: "data:image/png;base64,iVBORw0KGgo=" },
    });
    vi.mocked(saveBoardSettings).mockRejectedValue({
      code: "board.invalid",
      message: "The board's settings need correcting",
      details: { cause: null, fields: [{ field: "agencies", message: "Enter at least one agency" }], actions: [] },
    });
    render(App);
    await user.click(await screen.findByRole("link", { name: "Settings" }));
    await screen.findByLabelText("Postal address");
    expect(await violations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });
});
