// A first, structural accessibility pass in jsdom (names, labels, ARIA, landmarks, ids).
// jsdom has no layout, so contrast and focus visibility are left to the end-to-end audit,
// which runs the same axe-core rules in the real webview.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import App from "./App.svelte";
import { appStatus, saveBoardProfile, type BoardProfile, type IpcError } from "./backend";

vi.mock("./backend", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./backend")>()),
  appStatus: vi.fn(),
  saveBoardProfile: vi.fn(),
}));

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const anytown: BoardProfile = { name: "Anytown Safeguarding Children Board", area: "Anytown" };
const status = (board: BoardProfile | null) => ({ version: "0.1.0", dataDir: "/tmp/scr", board });

async function violations() {
  const results = await axe.run(document, { runOnly: { type: "tag", values: WCAG_TAGS } });
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

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
    vi.mocked(appStatus).mockReturnValue(new Promise(() => {}));
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Opening the archive…" });
    expect(await violations()).toEqual([]);
  });

  it("the keyring error screen with its details open", async () => {
    const error: IpcError = {
      code: "keyring.unavailable",
      message: "SCR Decision Desk could not reach your system keyring.",
      details: { cause: "no secret service", fields: [] },
    };
    vi.mocked(appStatus).mockRejectedValue(error);
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Your system keyring could not be reached" });
    document.querySelector("details")!.open = true;
    expect(await violations()).toEqual([]);
  });

  it("the set-up form, before and after a board.invalid error", async () => {
    const user = userEvent.setup();
    vi.mocked(appStatus).mockResolvedValue(status(null));
    vi.mocked(saveBoardProfile).mockRejectedValue({
      code: "board.invalid",
      message: "Check the board's details",
      details: {
        cause: null,
        fields: [
          { field: "name", message: "Enter the board's name" },
          { field: "area", message: "Enter the area the board covers" },
        ],
      },
    });
    render(App);
    await screen.findByRole("heading", { level: 1, name: "Set up your board" });
    expect(await violations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
  });

  it("the home screen", async () => {
    vi.mocked(appStatus).mockResolvedValue(status(anytown));
    render(App);
    await screen.findByRole("heading", { level: 1, name: anytown.name });
    expect(await violations()).toEqual([]);
  });
});
