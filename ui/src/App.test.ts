import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { firstScreen, homeView, saveBoardProfile, type BoardProfile, type IpcError } from "./backend";
import { anytown, byId, deferred, fieldsRefused, NOTHING_OWED, opened, status, textOf } from "./testing/fixtures";

// Only the calls into Rust are replaced; the error normalisation stays real.
vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const firstScreenMock = vi.mocked(firstScreen);
const saveMock = vi.mocked(saveBoardProfile);


beforeEach(() => {
  document.title = "";
});

afterEach(() => {
  vi.resetAllMocks();
});

describe("while the archive opens", () => {
  it("says so, and has the skip link and header", async () => {
    firstScreenMock.mockReturnValue(new Promise(() => {}));
    render(App);

    expect(screen.getByRole("heading", { level: 1, name: "Opening the archive…" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Skip to main content" }).getAttribute("href")).toBe("#main-content");
    expect(within(screen.getByRole("banner")).getByText("SCR Decision Desk")).toBeTruthy();
    expect(screen.getByRole("main").id).toBe("main-content");
    expect(byId("header-board-name")).toBeNull();
    await waitFor(() => expect(document.title).toBe("Opening the archive – SCR Decision Desk"));
  });
});

describe("first run", () => {
  it("shows the set-up form with labelled, hinted inputs", async () => {
    firstScreenMock.mockResolvedValue(opened(status(null)));
    render(App);

    const heading = await screen.findByRole("heading", { level: 1, name: "Set up your board" });
    expect(heading).toBeTruthy();
    expect(document.title).toBe("Set up your board – SCR Decision Desk");
    expect(screen.getByText(/appear on the letters/)).toBeTruthy();

    const name = screen.getByLabelText("Board name") as HTMLInputElement;
    expect(name.id).toBe("board-name");
    expect(name.name).toBe("name");
    expect(name.value).toBe("");
    expect(byId(name.getAttribute("aria-describedby")!)?.textContent).toMatch(/For example, Anytown/);

    const area = screen.getByLabelText("Area") as HTMLInputElement;
    expect(area.id).toBe("board-area");
    expect(area.name).toBe("area");
    expect(byId(area.getAttribute("aria-describedby")!)?.textContent).toMatch(/local authority area/);

    const button = screen.getByRole("button", { name: "Save and continue" });
    expect(button.id).toBe("save-board");
    expect(byId("header-board-name")).toBeNull();
    expect(screen.queryByRole("navigation", { name: "Menu" })).toBeNull();
  });

  it("saves trimmed values, disables the button meanwhile, then shows the home screen", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null)));
    const save = deferred<BoardProfile>();
    saveMock.mockReturnValue(save.promise);
    render(App);

    await user.type(await screen.findByLabelText("Board name"), "  Anytown Safeguarding Children Board  ");
    await user.type(screen.getByLabelText("Area"), " Anytown ");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    expect(saveMock).toHaveBeenCalledExactlyOnceWith({
      name: "Anytown Safeguarding Children Board",
      area: "Anytown",
    });
    expect((screen.getByRole("button", { name: "Save and continue" }) as HTMLButtonElement).disabled).toBe(true);

    save.resolve(anytown);

    const title = await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(title.id).toBe("board-title");
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
    expect(document.title).toBe(`${anytown.name} – SCR Decision Desk`);
    expect(document.activeElement).toBe(title);
    expect(saveMock).toHaveBeenCalledTimes(1);
  });

  it("does not block an empty submission: the backend decides", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null)));
    saveMock.mockReturnValue(new Promise(() => {}));
    render(App);

    await user.click(await screen.findByRole("button", { name: "Save and continue" }));

    expect(saveMock).toHaveBeenCalledExactlyOnceWith({ name: "", area: "" });
  });
});

describe("when the backend rejects the board", () => {
  const invalid: IpcError = fieldsRefused("board.invalid", "Check the board's details", {
    name: "Enter the board's name",
    area: "Enter the area the board covers",
  });

  it("shows a focused error summary linking to each field, and inline messages", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null)));
    saveMock.mockRejectedValue(invalid);
    render(App);

    await user.click(await screen.findByRole("button", { name: "Save and continue" }));

    const alert = await screen.findByRole("alert");
    const summary = byId("error-summary")!;
    expect(summary.contains(alert)).toBe(true);
    expect(document.activeElement).toBe(summary);
    expect(within(alert).getByRole("heading", { level: 2, name: "There is a problem" })).toBeTruthy();

    const links = within(alert).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Enter the board's name", "#board-name"],
      ["Enter the area the board covers", "#board-area"],
    ]);

    for (const [inputId, message] of [
      ["board-name", "Enter the board's name"],
      ["board-area", "Enter the area the board covers"],
    ]) {
      const input = byId(inputId) as HTMLInputElement;
      const errorElement = byId(`${inputId}-error`)!;
      expect(errorElement.classList.contains("govuk-error-message")).toBe(true);
      expect(errorElement.textContent?.replace(/\s+/g, " ").trim()).toBe(`Error: ${message}`);
      expect(errorElement.querySelector(".govuk-visually-hidden")?.textContent).toBe("Error:");
      expect(input.getAttribute("aria-describedby")?.split(" ")).toEqual([`${inputId}-hint`, `${inputId}-error`]);
      expect(input.classList.contains("govuk-input--error")).toBe(true);
      expect(input.closest(".govuk-form-group")?.classList.contains("govuk-form-group--error")).toBe(true);
    }

    expect(document.title).toBe("Error: Set up your board – SCR Decision Desk");
    expect((screen.getByRole("button", { name: "Save and continue" }) as HTMLButtonElement).disabled).toBe(false);

    await user.click(links[1]);
    expect(document.activeElement).toBe(byId("board-area"));
  });

  it("clears the errors once a later save succeeds", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null)));
    saveMock.mockRejectedValueOnce(invalid).mockResolvedValueOnce(anytown);
    render(App);

    await user.click(await screen.findByRole("button", { name: "Save and continue" }));
    await screen.findByRole("alert");
    await user.type(screen.getByLabelText(/Board name/), anytown.name);
    await user.type(screen.getByLabelText(/Area/), anytown.area);
    await user.click(screen.getByRole("button", { name: "Save and continue" }));

    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.title).toBe(`${anytown.name} – SCR Decision Desk`);
  });

  it("shows the message of any other error in the summary, without field links", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(null)));
    saveMock.mockRejectedValue({
      code: "archive.io",
      message: "The archive could not be written to.",
      details: { cause: "disk full", fields: [] },
    });
    render(App);

    await user.click(await screen.findByRole("button", { name: "Save and continue" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The archive could not be written to.")).toBeTruthy();
    expect(within(alert).queryAllByRole("link")).toHaveLength(0);
    expect(byId("board-name-error")).toBeNull();
    expect(document.title).toBe("Error: Set up your board – SCR Decision Desk");
  });
});

describe("when the archive cannot be opened", () => {
  const keyring: IpcError = {
    code: "keyring.unavailable",
    message: "SCR Decision Desk could not reach your system keyring.",
    details: { cause: "Unable to autolaunch a dbus-daemon without a $DISPLAY for X11", fields: [], actions: ["retry"] },
  };

  it("explains a keyring failure, shows its code and cause, and retries", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockRejectedValueOnce(keyring).mockResolvedValueOnce(opened(status(anytown)));
    render(App);

    const heading = await screen.findByRole("heading", {
      level: 1,
      name: "Your system keyring could not be reached",
    });
    expect(heading.id).toBe("keyring-error-title");
    expect(document.title).toBe("Your system keyring could not be reached – SCR Decision Desk");
    expect(byId("error-message")?.textContent).toBe(keyring.message);

    const details = document.querySelector("details.govuk-details")!;
    expect(within(details as HTMLElement).getByText("Technical details")).toBeTruthy();
    expect(details.contains(byId("error-code"))).toBe(true);
    expect(byId("error-code")?.textContent).toBe("keyring.unavailable");
    expect(byId("error-cause")?.textContent).toBe(keyring.details!.cause);

    const retry = screen.getByRole("button", { name: "Try again" });
    expect(retry.id).toBe("retry");
    expect(firstScreenMock).toHaveBeenCalledTimes(1);
    await user.click(retry);

    expect(firstScreenMock).toHaveBeenCalledTimes(2);
    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
  });

  it("says when another window has the archive open, and opens it once that one has closed", async () => {
    const user = userEvent.setup();
    const inUse: IpcError = {
      code: "archive.in_use",
      message:
        "The archive in /home/chair/.local/share/scr-desk is open in another SCR Decision Desk (a window, or a command still running). Nothing has been changed. Switch to the window that has it open (or wait for the command to finish), or close that window, then try again.",
      details: { cause: null, fields: [], actions: ["retry"] },
    };
    firstScreenMock.mockRejectedValueOnce(inUse).mockResolvedValueOnce(opened(status(anytown)));
    render(App);

    const heading = await screen.findByRole("heading", { level: 1, name: "SCR Decision Desk is already open" });
    expect(heading.id).toBe("in-use-title");
    expect(byId("error-message")?.textContent).toBe(inUse.message);
    expect(byId("error-code")?.textContent).toBe("archive.in_use");

    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
  });

  it("shows a generic page for other codes", async () => {
    firstScreenMock.mockRejectedValue({
      code: "archive.io",
      message: "SCR Decision Desk could not read its archive file.",
      details: null,
    });
    render(App);

    const heading = await screen.findByRole("heading", {
      level: 1,
      name: "SCR Decision Desk could not open its archive",
    });
    expect(byId("keyring-error-title")).toBeNull();
    expect(heading.id).toBe("error-title");
    expect(byId("error-message")?.textContent).toBe("SCR Decision Desk could not read its archive file.");
    expect(byId("error-code")?.textContent).toBe("archive.io");
    expect(byId("error-cause")).toBeNull();
    expect(screen.getByRole("button", { name: "Try again" }).id).toBe("retry");
  });

  it("shows a rejection that is not an IpcError as an internal error", async () => {
    firstScreenMock.mockRejectedValue(new Error("boom"));
    render(App);

    await screen.findByRole("heading", { level: 1, name: "SCR Decision Desk could not open its archive" });
    expect(byId("error-code")?.textContent).toBe("internal");
    expect(byId("error-cause")?.textContent).toBe("Error: boom");
  });
});

describe("home", () => {
  it("opens on the home page that came with the first screen, and asks again when the board is reopened", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(anytown), NOTHING_OWED));
    vi.mocked(homeView).mockResolvedValue({ ...NOTHING_OWED, today: "2026-05-12" });
    render(App);

    await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(textOf("home-nothing")).toBe("Nothing is owed on any case today (11 May 2026).");
    expect(homeView).not.toHaveBeenCalled();
    await user.click(within(screen.getByRole("navigation", { name: "Menu" })).getByRole("link", { name: "Board" }));
    await waitFor(() => expect(textOf("home-nothing")).toBe("Nothing is owed on any case today (12 May 2026)."));
    expect(homeView).toHaveBeenCalledExactlyOnceWith(1);
  });

  it("draws the first screen the window put in the page at once, asking nothing and with no loading screen", async () => {
    render(App, { first: opened(status(anytown), NOTHING_OWED) });

    // Drawn in the same turn as the mount: no await before these.
    expect(screen.getByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
    expect(textOf("home-nothing")).toBe("Nothing is owed on any case today (11 May 2026).");
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
    expect(byId("loading-title")).toBeNull();
    await waitFor(() => expect(document.title).toBe(`${anytown.name} – SCR Decision Desk`));
    expect(firstScreenMock).not.toHaveBeenCalled();
    expect(homeView).not.toHaveBeenCalled();
  });

  it("shows the board in the heading, header and summary list", async () => {
    firstScreenMock.mockResolvedValue(opened(status(anytown)));
    render(App);

    const title = await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(title.id).toBe("board-title");
    expect(byId("header-board-name")?.textContent).toBe(anytown.name);
    expect(byId("summary-board-name")?.textContent).toBe(anytown.name);
    expect(byId("summary-board-area")?.textContent).toBe(anytown.area);
    const keys = [...document.querySelectorAll(".govuk-summary-list__key")].map((key) => key.textContent);
    expect(keys).toEqual(["Board name", "Area"]);
    const nav = screen.getByRole("navigation", { name: "Menu" });
    expect(within(nav).getByRole("link", { name: "Board" }).getAttribute("aria-current")).toBe("page");
    expect(document.title).toBe(`${anytown.name} – SCR Decision Desk`);
  });

  it("changes the board through the same form, pre-filled", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(anytown)));
    const renamed = { name: "Anytown and District Safeguarding Children Board", area: "Anytown" };
    saveMock.mockResolvedValue(renamed);
    render(App);

    await screen.findByRole("heading", { level: 1, name: anytown.name });
    const change = byId("change-board-name")!;
    expect(change.textContent).toBe("Change board name");
    await user.click(change);

    expect(screen.getByRole("heading", { level: 1, name: "Change your board’s details" })).toBeTruthy();
    const name = screen.getByLabelText("Board name") as HTMLInputElement;
    expect(name.value).toBe(anytown.name);
    expect((screen.getByLabelText("Area") as HTMLInputElement).value).toBe(anytown.area);
    expect(document.activeElement).toBe(name);
    expect(screen.getByRole("button", { name: "Save changes" }).id).toBe("save-board");

    await user.clear(name);
    await user.type(name, renamed.name);
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(saveMock).toHaveBeenCalledExactlyOnceWith(renamed);
    expect(await screen.findByRole("heading", { level: 1, name: renamed.name })).toBeTruthy();
    expect(byId("header-board-name")?.textContent).toBe(renamed.name);
  });

  it("leaves the board unchanged when the change is cancelled", async () => {
    const user = userEvent.setup();
    firstScreenMock.mockResolvedValue(opened(status(anytown)));
    render(App);

    await screen.findByRole("heading", { level: 1, name: anytown.name });
    const change = byId("change-board-area")!;
    expect(change.textContent).toBe("Change area");
    await user.click(change);
    expect(document.activeElement).toBe(byId("board-area"));
    await user.type(screen.getByLabelText("Area"), " and District");
    await user.click(screen.getByRole("link", { name: "Cancel" }));

    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
    expect(byId("summary-board-area")?.textContent).toBe(anytown.area);
    expect(saveMock).not.toHaveBeenCalled();
  });
});
