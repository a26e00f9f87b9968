import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import {
  firstScreen,
  backupArchive,
  checkArchive,
  confirmRecoveryKey,
  issueRecoveryKey,
  type BackupMade,
  type IntegrityReport,
} from "./backend";
import { openFromHome } from "./testing/openFromHome";
import { anytown, byId, deferred, RECOVERY_KEY, status, textOf, opened } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const checkMock = vi.mocked(checkArchive);
const backupMock = vi.mocked(backupArchive);

const clean: IntegrityReport = {
  clean: true,
  summary: "The archive is intact and its audit trail is unbroken.",
  auditEvents: 42,
  firstBrokenEvent: null,
  problems: [],
};

const broken: IntegrityReport = {
  clean: false,
  summary: "The audit trail is broken: events have been changed or removed.",
  auditEvents: 42,
  firstBrokenEvent: 17,
  problems: ["Event 17 does not follow event 16.", "Event 18 has the wrong checksum."],
};

beforeEach(() => {
  document.title = "";
  vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
});

afterEach(() => {
  vi.resetAllMocks();
});

function openArchivePage() {
  return openFromHome("nav-archive", "Your archive");
}

describe("navigation", () => {
  it("lists Board, Members, Settings, Signing, Verify a letter and Archive, marking the current page", async () => {
    const user = userEvent.setup();
    render(App);
    await screen.findByRole("heading", { level: 1, name: anytown.name });

    const nav = screen.getByRole("navigation", { name: "Menu" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => [link.id, link.textContent?.trim()])).toEqual([
      ["nav-board", "Board"],
      ["nav-cases", "Cases"],
      ["nav-members", "Members"],
      ["nav-settings", "Settings"],
      ["nav-signing", "Signing"],
      ["nav-verify", "Verify a letter"],
      ["nav-archive", "Archive"],
    ]);
    expect(byId("nav-board")?.getAttribute("aria-current")).toBe("page");
    expect(byId("nav-archive")?.hasAttribute("aria-current")).toBe(false);

    await user.click(byId("nav-archive")!);

    const archive = await screen.findByRole("heading", { level: 1, name: "Your archive" });
    expect(archive.id).toBe("archive-title");
    expect(document.activeElement).toBe(archive);
    expect(document.title).toBe("Your archive – SCR Decision Desk");
    expect(byId("nav-archive")?.getAttribute("aria-current")).toBe("page");
    expect(byId("nav-board")?.hasAttribute("aria-current")).toBe(false);
    expect(byId("nav-archive")?.closest("li")?.classList).toContain("govuk-service-navigation__item--active");
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);

    await user.click(byId("nav-board")!);

    const board = await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(board.id).toBe("board-title");
    expect(document.activeElement).toBe(board);
    expect(byId("nav-board")?.getAttribute("aria-current")).toBe("page");
  });

  it("can be used from the keyboard", async () => {
    const user = userEvent.setup();
    render(App);
    await screen.findByRole("heading", { level: 1, name: anytown.name });

    byId("nav-archive")!.focus();
    await user.keyboard("{Enter}");

    expect(await screen.findByRole("heading", { level: 1, name: "Your archive" })).toBeTruthy();
  });
});

describe("the archive page", () => {
  it("shows where the archive is kept and the version", async () => {
    await openArchivePage();

    const keys = [...document.querySelectorAll("#archive-summary .govuk-summary-list__key")].map((k) => k.textContent);
    expect(keys).toEqual(["Data folder", "Version"]);
    expect(byId("archive-data-dir")?.textContent).toBe(status(anytown).dataDir);
    expect(byId("archive-version")?.textContent).toBe("0.1.0");
    expect(screen.getByRole("heading", { level: 2, name: "Check the archive" })).toBeTruthy();
    expect(screen.getByText(/has not been altered or damaged/)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Back up the archive" })).toBeTruthy();
    expect(screen.getByText(/opens only with the board’s recovery key/)).toBeTruthy();
    expect(screen.getByText(/away from this computer/)).toBeTruthy();
  });

  it("reports a clean check in a success banner", async () => {
    const pending = deferred<IntegrityReport>();
    checkMock.mockReturnValue(pending.promise);
    const user = await openArchivePage();

    await user.click(screen.getByRole("button", { name: "Check the archive" }));

    const button = byId("check-archive") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe("Checking…");
    expect(checkMock).toHaveBeenCalledExactlyOnceWith();

    pending.resolve(clean);

    const result = await screen.findByRole("alert");
    expect(result.id).toBe("check-result");
    expect(result.classList).toContain("govuk-notification-banner--success");
    expect(within(result).getByText("Success")).toBeTruthy();
    expect(textOf("check-summary")).toBe(clean.summary);
    expect(textOf("check-events")).toBe("42 audit events checked.");
    expect(byId("check-problems")).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(result));
    expect(button.disabled).toBe(false);
    expect(button.textContent?.trim()).toBe("Check the archive");
  });

  it("reports a failed check in an error-coloured banner listing the problems", async () => {
    checkMock.mockResolvedValue(broken);
    const user = await openArchivePage();

    await user.click(screen.getByRole("button", { name: "Check the archive" }));

    const result = await screen.findByRole("alert");
    expect(result.id).toBe("check-result");
    expect(result.classList).toContain("app-notification-banner--problem");
    expect(result.classList).not.toContain("govuk-notification-banner--success");
    expect(within(result).getByText("Problem found")).toBeTruthy();
    expect(textOf("check-summary")).toBe(broken.summary);
    expect(textOf("check-first-broken")).toBe("The audit trail breaks at event 17.");
    expect([...byId("check-problems")!.querySelectorAll("li")].map((li) => li.textContent)).toEqual(broken.problems);
  });

  it("makes a backup and says where it went and how big it is", async () => {
    const pending = deferred<BackupMade>();
    backupMock.mockReturnValue(pending.promise);
    const user = await openArchivePage();

    await user.click(screen.getByRole("button", { name: "Make a backup" }));

    const button = byId("backup-archive") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe("Backing up…");

    const path = "/home/chair/Documents/SCR Decision Desk backups/scr-decision-desk-2025-03-01.scrbackup";
    pending.resolve({ path, bytes: 3 * 1024 * 1024 });

    const result = await screen.findByRole("alert");
    expect(result.id).toBe("backup-result");
    expect(result.classList).toContain("govuk-notification-banner--success");
    expect(byId("backup-path")?.tagName).toBe("CODE");
    expect(byId("backup-path")?.textContent).toBe(path);
    expect(byId("backup-size")?.textContent).toBe("3.0 MB");
    await vi.waitFor(() => expect(document.activeElement).toBe(result));
    expect(button.disabled).toBe(false);
  });

  it("shows a failure in the error summary and clears it on the next success", async () => {
    backupMock
      .mockRejectedValueOnce({
        code: "archive.io",
        message: "A file in the archive's folder could not be read or written.",
        details: { cause: "No space left on device", fields: [], actions: ["retry"] },
      })
      .mockResolvedValueOnce({ path: "/tmp/backup.scrbackup", bytes: 2048 });
    const user = await openArchivePage();

    await user.click(screen.getByRole("button", { name: "Make a backup" }));

    const summary = byId("error-summary")!;
    await vi.waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByText("A file in the archive's folder could not be read or written.")).toBeTruthy();
    expect(document.title).toBe("Error: Your archive – SCR Decision Desk");
    expect(byId("backup-result")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Make a backup" }));

    expect(await screen.findByText("2 KB")).toBeTruthy();
    expect(byId("error-summary")).toBeNull();
    expect(document.title).toBe("Your archive – SCR Decision Desk");
  });
});

describe("replacing the recovery key", () => {
  it("asks first, can be cancelled, and issues nothing until confirmed", async () => {
    const user = await openArchivePage();
    await user.click(byId("replace-recovery-key")!);
    const question = await screen.findByRole("heading", { name: "Are you sure you want to replace the recovery key?" });
    expect(document.activeElement).toBe(question);
    expect(byId("replace-key-passphrase")).toBeNull();
    await user.click(byId("replace-key-cancel")!);
    expect(document.activeElement).toBe(byId("replace-recovery-key"));
    expect(vi.mocked(issueRecoveryKey)).not.toHaveBeenCalled();
  });

  it("with a passphrase set, keeps it when given, then shows the new key once and says what it replaced", async () => {
    vi.mocked(firstScreen).mockResolvedValue(opened({ ...status(anytown), passphraseSet: true }));
    vi.mocked(issueRecoveryKey).mockResolvedValue({ recoveryKey: RECOVERY_KEY, passphrase: "kept" });
    vi.mocked(confirmRecoveryKey).mockResolvedValue(status(anytown));
    const user = await openArchivePage();
    await user.click(byId("replace-recovery-key")!);
    const field = byId("replace-key-passphrase") as HTMLInputElement;
    expect(field.type).toBe("password");
    await user.type(field, "the long walk to the sea");
    await user.click(byId("replace-key-yes")!);

    await screen.findByRole("heading", { level: 1, name: "Save your recovery key" });
    expect(vi.mocked(issueRecoveryKey).mock.calls).toEqual([["the long walk to the sea"]]);
    expect(textOf("recovery-key")).toBe(RECOVERY_KEY);
    expect(textOf("recovery-key-replaces")).toContain("Backups made before today still open with that older key");
    expect(byId("recovery-key-passphrase-removed")).toBeNull();
  });

  it("warns when the passphrase was not given and so no longer opens the archive", async () => {
    vi.mocked(firstScreen).mockResolvedValue(opened({ ...status(anytown), passphraseSet: true }));
    vi.mocked(issueRecoveryKey).mockResolvedValue({ recoveryKey: RECOVERY_KEY, passphrase: "removed" });
    const user = await openArchivePage();
    await user.click(byId("replace-recovery-key")!);
    await user.click(byId("replace-key-yes")!);
    await screen.findByRole("heading", { level: 1, name: "Save your recovery key" });
    expect(vi.mocked(issueRecoveryKey).mock.calls).toEqual([[null]]);
    expect(textOf("recovery-key-passphrase-removed")).toContain("no longer opens the archive");
  });
});
