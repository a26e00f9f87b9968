import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { firstScreen, confirmRecoveryKey, issueRecoveryKey, saveBoardProfile, type IssuedRecoveryKey } from "./backend";
import { anytown, byId, deferred, RECOVERY_KEY, status, textOf, opened } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const firstScreenMock = vi.mocked(firstScreen);
const issueMock = vi.mocked(issueRecoveryKey);
const confirmMock = vi.mocked(confirmRecoveryKey);

const HEADING = { level: 1, name: "Save your recovery key" } as const;

beforeEach(() => {
  document.title = "";
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetAllMocks();
});

async function openWithUnconfirmedKey() {
  firstScreenMock.mockResolvedValue(opened(status(anytown, false)));
  issueMock.mockResolvedValue({ recoveryKey: RECOVERY_KEY, passphrase: "none_set" });
  render(App);
  await screen.findByText(RECOVERY_KEY);
}

describe("the recovery key screen", () => {
  it("follows the board form on first run, issues one key and shows it exactly", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null, false)));
    vi.mocked(saveBoardProfile).mockResolvedValue(anytown);
    const issued = deferred<IssuedRecoveryKey>();
    issueMock.mockReturnValue(issued.promise);
    render(App);

    await user.type(await screen.findByLabelText("Board name"), anytown.name);
    await user.type(screen.getByLabelText("Area"), anytown.area);
    expect(issueMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    const heading = await screen.findByRole("heading", HEADING);
    expect(heading.id).toBe("recovery-key-title");
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe("Save your recovery key – SCR Decision Desk");
    expect(byId("recovery-key")).toBeNull();
    expect((byId("confirm-recovery-key") as HTMLButtonElement).disabled).toBe(true);

    issued.resolve({ recoveryKey: RECOVERY_KEY, passphrase: "none_set" });
    await screen.findByText(RECOVERY_KEY);
    expect(byId("recovery-key")?.textContent).toBe(RECOVERY_KEY);
    expect(byId("recovery-key")?.classList.contains("app-recovery-key")).toBe(true);
    expect(issueMock).toHaveBeenCalledTimes(1);
    expect((byId("confirm-recovery-key") as HTMLButtonElement).disabled).toBe(false);

    // The step cannot be skipped through the navigation, but the board is named.
    expect(screen.queryByRole("navigation", { name: "Menu" })).toBeNull();
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
  });

  it("explains why the key matters, with a warning and a checkbox", async () => {
    await openWithUnconfirmedKey();

    const main = screen.getByRole("main");
    expect(within(main).getByText(/encrypted archive/)).toBeTruthy();
    expect(within(main).getByText(/key that opens it is kept in this computer’s keyring/)).toBeTruthy();
    expect(within(main).getByText(/only way to open the board’s records/)).toBeTruthy();
    expect(within(main).getByText(/away from this computer/)).toBeTruthy();
    expect(within(main).getByText("This key will not be shown again.")).toBeTruthy();

    const warning = main.querySelector(".govuk-warning-text")!;
    expect(warning.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "! Warning Anyone with this key and a copy of the archive can read it.",
    );
    expect(warning.querySelector(".govuk-warning-text__icon")?.getAttribute("aria-hidden")).toBe("true");

    const box = screen.getByLabelText(
      "I have written down or printed this recovery key and stored it safely",
    ) as HTMLInputElement;
    expect(box.id).toBe("recovery-key-saved");
    expect(box.type).toBe("checkbox");
    expect(box.checked).toBe(false);
    expect(screen.getByRole("button", { name: "Continue" }).id).toBe("confirm-recovery-key");
  });

  it("goes to the board's home page directly when the key was confirmed before", async () => {
    firstScreenMock.mockResolvedValue(opened(status(anytown, true)));
    render(App);

    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
    expect(issueMock).not.toHaveBeenCalled();
  });

  it("will not continue until the box is ticked", async () => {
    const user = userEvent.setup();
    await openWithUnconfirmedKey();

    await user.click(screen.getByRole("button", { name: "Continue" }));

    const summary = byId("error-summary")!;
    expect(document.activeElement).toBe(summary);
    const link = within(summary).getByRole("link", { name: "Confirm that you have stored the recovery key safely" });
    expect(link.getAttribute("href")).toBe("#recovery-key-saved");
    expect(textOf("recovery-key-saved-error")).toBe("Error: Confirm that you have stored the recovery key safely");
    expect(byId("recovery-key-saved")?.getAttribute("aria-describedby")).toBe("recovery-key-saved-error");
    expect(byId("recovery-key-saved")?.closest(".govuk-form-group")?.classList).toContain("govuk-form-group--error");
    expect(document.title).toBe("Error: Save your recovery key – SCR Decision Desk");
    expect(confirmMock).not.toHaveBeenCalled();
    expect(byId("recovery-key")?.textContent).toBe(RECOVERY_KEY);

    await user.click(link);
    expect(document.activeElement).toBe(byId("recovery-key-saved"));
  });

  it("confirms once ticked, goes home and leaves no trace of the key", async () => {
    const user = userEvent.setup();
    const setItem = vi.spyOn(Storage.prototype, "setItem");
    const logs = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    confirmMock.mockResolvedValue(status(anytown, true));
    await openWithUnconfirmedKey();

    await user.click(screen.getByLabelText(/I have written down or printed/));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    const home = await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(document.activeElement).toBe(home);
    expect(confirmMock).toHaveBeenCalledExactlyOnceWith();
    expect(issueMock).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("navigation", { name: "Menu" })).toBeTruthy();

    expect(document.body.textContent).not.toContain(RECOVERY_KEY);
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
    for (const log of logs) {
      expect(JSON.stringify(log.mock.calls)).not.toContain(RECOVERY_KEY);
    }
  });

  it("keeps the key on screen and shows the summary when confirming fails", async () => {
    const user = userEvent.setup();
    confirmMock.mockRejectedValue({
      code: "archive.database",
      message: "The archive reported an error and the change was not saved.",
      details: { cause: "locked", fields: [], actions: ["retry"] },
    });
    await openWithUnconfirmedKey();

    await user.click(screen.getByLabelText(/I have written down or printed/));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The archive reported an error and the change was not saved.")).toBeTruthy();
    expect(within(alert).queryAllByRole("link")).toHaveLength(0);
    expect(byId("recovery-key-saved-error")).toBeNull();
    expect(byId("recovery-key")?.textContent).toBe(RECOVERY_KEY);
    expect(screen.getByRole("heading", HEADING)).toBeTruthy();
  });

  it("shows the error screen when no key can be made, and tries again from the start", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(anytown, false)));
    issueMock
      .mockRejectedValueOnce({
        code: "archive.io",
        message: "A file in the archive's folder could not be read or written.",
        details: { cause: "permission denied", fields: [], actions: ["retry"] },
      })
      .mockResolvedValueOnce({ recoveryKey: RECOVERY_KEY, passphrase: "none_set" });
    render(App);

    const heading = await screen.findByRole("heading", { level: 1, name: "Your recovery key could not be made" });
    expect(heading.id).toBe("error-title");
    expect(document.activeElement).toBe(heading);
    expect(byId("error-code")?.textContent).toBe("archive.io");
    expect(byId("use-recovery-key")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByText(RECOVERY_KEY)).toBeTruthy();
    expect(firstScreenMock).toHaveBeenCalledTimes(2);
    expect(issueMock).toHaveBeenCalledTimes(2);
  });
});
