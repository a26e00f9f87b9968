// Screens kept out of the main script (lib/lazyScreens.ts) are loaded when first shown: the
// screen is drawn whole with its heading focused, as the others are, and a script that cannot
// be loaded gives an error page that says so rather than a blank one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { firstScreen, homeView, retentionOverview } from "./backend";
import { anytown, byId, status, opened } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));
// The signing page's script "fails to load", as a damaged installation's would.
vi.mock("./lib/SigningScreen.svelte", () => {
  throw new Error("Importing a module script failed.");
});

afterEach(() => {
  vi.resetAllMocks();
});

function openHome() {
  vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
  vi.mocked(homeView).mockReturnValue(new Promise(() => {}));
  vi.mocked(retentionOverview).mockReturnValue(new Promise(() => {}));
  render(App);
}

describe("screens loaded when first shown", () => {
  it("draw the screen whole and put focus on its heading", async () => {
    const user = userEvent.setup();
    openHome();
    await user.click(await screen.findByRole("link", { name: "Verify a letter" }));
    const heading = await screen.findByRole("heading", { level: 1, name: "Verify a letter" });
    expect(document.activeElement).toBe(heading);
    expect(byId("board-title")).toBeNull();
  });

  it("say so when a screen's script cannot be loaded, and offer the way back", async () => {
    const user = userEvent.setup();
    openHome();
    await user.click(await screen.findByRole("link", { name: "Signing" }));
    const heading = await screen.findByRole("heading", { level: 1, name: "This page could not be shown" });
    expect(document.activeElement).toBe(heading);
    expect(byId("error-code")?.textContent).toBe("internal");
    expect(byId("error-cause")?.textContent).toMatch(/error/i);
    await user.click(byId("retry")!);
    expect(await screen.findByRole("heading", { level: 1, name: anytown.name })).toBeTruthy();
  });
});
