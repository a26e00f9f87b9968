import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { firstScreen, issueRecoveryKey, recoverArchive, type AppStatus, type IpcError } from "./backend";
import { anytown, byId, deferred, lockedError, RECOVERY_KEY, status, textOf } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const firstScreenMock = vi.mocked(firstScreen);
const recoverMock = vi.mocked(recoverArchive);

const RECOVER_HEADING = { level: 1, name: "Open the archive with your recovery key" } as const;

const mistyped: IpcError = {
  code: "recovery.mistyped",
  message:
    "The recovery key was mistyped (check group 3): 'U' is not a character a recovery key uses. Check the recovery key against the copy you kept and type it again.",
  details: { cause: "the recovery key was mistyped (check group 3)", fields: [], actions: [] },
};

beforeEach(() => {
  document.title = "";
});

afterEach(() => {
  vi.resetAllMocks();
});

async function openRecoveryForm() {
  const user = userEvent.setup();
  firstScreenMock.mockRejectedValue(lockedError());
  render(App);
  await user.click(await screen.findByRole("button", { name: "Use your recovery key" }));
  await screen.findByRole("heading", RECOVER_HEADING);
  return user;
}

describe("an archive whose key is out of reach", () => {
  it.each(["keyring.entry_missing", "keyring.backend_changed", "keyring.locked", "archive.wrong_key"] as const)(
    "is shown as locked for %s, with a way in by recovery key",
    async (code) => {
      const error = lockedError(code);
      firstScreenMock.mockRejectedValue(error);
      render(App);

      const heading = await screen.findByRole("heading", { level: 1, name: "Your archive is locked" });
      expect(heading.id).toBe("locked-title");
      expect(document.title).toBe("Your archive is locked – SCR Decision Desk");
      expect(byId("error-message")?.textContent).toBe(error.message);
      expect(byId("error-code")?.textContent).toBe(code);
      expect(byId("error-cause")?.textContent).toBe("no entry in the keyring");
      expect(screen.getByRole("button", { name: "Try again" }).id).toBe("retry");
      const recover = screen.getByRole("button", { name: "Use your recovery key" });
      expect(recover.id).toBe("use-recovery-key");
      expect(recover.classList).toContain("govuk-button--secondary");
    },
  );

  it("keeps the keyring heading for keyring.unavailable, offering recovery when the backend does", async () => {
    firstScreenMock.mockRejectedValue({ ...lockedError(), code: "keyring.unavailable" });
    render(App);

    const heading = await screen.findByRole("heading", { level: 1, name: "Your system keyring could not be reached" });
    expect(heading.id).toBe("keyring-error-title");
    expect(byId("locked-title")).toBeNull();
    expect(byId("use-recovery-key")).toBeTruthy();
  });

  it("offers no recovery key when the backend does not say it can help", async () => {
    firstScreenMock.mockRejectedValue({
      ...lockedError("archive.wrong_key"),
      details: { cause: "damaged", fields: [], actions: ["retry"] },
    });
    render(App);

    const heading = await screen.findByRole("heading", { level: 1, name: "SCR Decision Desk could not open its archive" });
    expect(heading.id).toBe("error-title");
    expect(byId("use-recovery-key")).toBeNull();
    expect(byId("retry")).toBeTruthy();
  });
});

describe("the recovery form", () => {
  it("asks for the key in one plain, unassisted text input", async () => {
    await openRecoveryForm();

    const heading = screen.getByRole("heading", RECOVER_HEADING);
    expect(heading.id).toBe("recover-title");
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe("Open the archive with your recovery key – SCR Decision Desk");
    expect(screen.getByText(/records are safe/)).toBeTruthy();
    expect(screen.getByText(/a new key is put in this computer’s keyring/)).toBeTruthy();

    const input = screen.getByLabelText("Recovery key") as HTMLInputElement;
    expect(input.id).toBe("recovery-key-input");
    expect(input.type).toBe("text");
    expect(input.getAttribute("autocomplete")).toBe("off");
    expect(input.getAttribute("spellcheck")).toBe("false");
    expect(input.getAttribute("autocapitalize")).toBe("characters");
    expect(textOf(input.getAttribute("aria-describedby")!)).toBe(
      "30 letters and numbers in 6 groups, for example ABCDE-12345-…",
    );
    expect(screen.getByRole("button", { name: "Open the archive" }).id).toBe("recover-archive");
    expect(screen.queryByRole("navigation", { name: "Menu" })).toBeNull();
  });

  it("goes back to the locked page", async () => {
    const user = await openRecoveryForm();

    await user.click(screen.getByRole("link", { name: "Back" }));

    const heading = await screen.findByRole("heading", { level: 1, name: "Your archive is locked" });
    expect(document.activeElement).toBe(heading);
    expect(byId("error-code")?.textContent).toBe("keyring.entry_missing");
    expect(recoverMock).not.toHaveBeenCalled();
  });

  it.each([
    ["recovery.mistyped", mistyped.message],
    ["recovery.wrong_key", "That recovery key does not open this archive. Nothing has been changed."],
  ])("shows %s in the summary and at the input, keeping what was typed", async (code, message) => {
    recoverMock.mockRejectedValue({ code, message, details: { cause: code, fields: [], actions: [] } });
    const user = await openRecoveryForm();
    const input = screen.getByLabelText("Recovery key") as HTMLInputElement;

    await user.type(input, "7K2QM-9XH4T-B3NDU");
    await user.click(screen.getByRole("button", { name: "Open the archive" }));

    const summary = byId("error-summary")!;
    await vi.waitFor(() => expect(document.activeElement).toBe(summary));
    const link = within(summary).getByRole("link", { name: message });
    expect(link.getAttribute("href")).toBe("#recovery-key-input");
    expect(textOf("recovery-key-input-error")).toBe(`Error: ${message}`);
    expect(input.getAttribute("aria-describedby")?.split(" ")).toEqual([
      "recovery-key-input-hint",
      "recovery-key-input-error",
    ]);
    expect(input.classList).toContain("govuk-input--error");
    expect(input.value).toBe("7K2QM-9XH4T-B3NDU");
    expect(document.title).toBe("Error: Open the archive with your recovery key – SCR Decision Desk");

    await user.click(link);
    expect(document.activeElement).toBe(input);
  });

  it("shows any other failure in the summary only, as it is not about what was typed", async () => {
    recoverMock.mockRejectedValue({
      code: "keyring.unavailable",
      message: "SCR Decision Desk could not reach your system keyring.",
      details: { cause: "no secret service", fields: [], actions: ["retry"] },
    });
    const user = await openRecoveryForm();

    await user.type(screen.getByLabelText("Recovery key"), RECOVERY_KEY);
    await user.click(screen.getByRole("button", { name: "Open the archive" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("SCR Decision Desk could not reach your system keyring.")).toBeTruthy();
    expect(within(alert).queryAllByRole("link")).toHaveLength(0);
    expect(byId("recovery-key-input-error")).toBeNull();
  });

  it("sends the key as typed and, once open, goes to the board's home page", async () => {
    const opened = deferred<AppStatus>();
    recoverMock.mockReturnValue(opened.promise);
    const user = await openRecoveryForm();

    await user.type(screen.getByLabelText("Recovery key"), RECOVERY_KEY.toLowerCase());
    await user.click(screen.getByRole("button", { name: "Open the archive" }));

    expect(recoverMock).toHaveBeenCalledExactlyOnceWith(RECOVERY_KEY.toLowerCase());
    const button = byId("recover-archive") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe("Opening the archive…");

    opened.resolve(status(anytown, true));

    const home = await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(document.activeElement).toBe(home);
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
    expect(byId("recovery-key-input")).toBeNull();
  });

  it("asks for the recovery key to be saved again when the backend says it is not confirmed", async () => {
    recoverMock.mockResolvedValue(status(anytown, false));
    vi.mocked(issueRecoveryKey).mockResolvedValue({ recoveryKey: RECOVERY_KEY, passphrase: "none_set" });
    const user = await openRecoveryForm();

    await user.type(screen.getByLabelText("Recovery key"), RECOVERY_KEY);
    await user.click(screen.getByRole("button", { name: "Open the archive" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Save your recovery key" })).toBeTruthy();
    expect(await screen.findByText(RECOVERY_KEY, { selector: "#recovery-key" })).toBeTruthy();
  });
});
