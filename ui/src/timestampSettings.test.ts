// The timestamp authority's settings page, against a mocked backend: what letters carry now,
// saving (the backend asks the authority first), the error when it does not answer, turning it
// off, and axe-core on each state.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { declarePageLanguage, violations } from "./testing/axe";
import { saveTimestampSettings, timestampSettings, type TimestampSettingsView } from "./backend";
import TimestampSettingsScreen from "./lib/letters/TimestampSettingsScreen.svelte";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const off: TimestampSettingsView = {
  configured: false,
  url: "",
  caPem: "",
  caSubjects: [],
  level: "PAdES B-LT, no timestamp (the signer's clock only)",
};
const on: TimestampSettingsView = {
  configured: true,
  url: "http://tsa.anytown.example/tsr",
  caPem: "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----",
  caSubjects: ["CN=Anytown TSA root"],
  level: "PAdES B-LT with a timestamp from the authority",
};

declarePageLanguage();

afterEach(() => {
  vi.clearAllMocks();
});

describe("the timestamp authority page", () => {
  it("saves an authority that answers, and says what letters carry", async () => {
    vi.mocked(timestampSettings).mockResolvedValue(off);
    vi.mocked(saveTimestampSettings).mockResolvedValueOnce(on);
    const user = userEvent.setup();
    render(TimestampSettingsScreen, { onback: vi.fn() });
    expect(await screen.findByRole("heading", { level: 1, name: "Timestamp authority" })).toBeTruthy();
    expect((await screen.findByText(/no timestamp/)).textContent).toContain("signer's clock only");
    expect(await violations()).toEqual([]);

    await user.type(screen.getByLabelText("The authority's address"), on.url);
    await user.type(screen.getByLabelText("The authority's CA certificate (optional)"), "PEM");
    await user.click(screen.getByRole("button", { name: "Check and save" }));
    expect(await screen.findByText(/answered a test request and was saved/)).toBeTruthy();
    expect(saveTimestampSettings).toHaveBeenCalledWith({ url: on.url, caPem: "PEM" });
    expect(screen.getByText("Trusted through: CN=Anytown TSA root")).toBeTruthy();
    expect(screen.getByText(/with a timestamp from the authority/)).toBeTruthy();
    expect(await violations()).toEqual([]);
  });

  it("shows why an authority was refused, linked to the address", async () => {
    vi.mocked(timestampSettings).mockResolvedValue(off);
    vi.mocked(saveTimestampSettings).mockRejectedValueOnce({
      code: "letter.timestamp_failed",
      message: "the timestamp could not be obtained: could not reach tsa.example:80: connection refused",
      details: null,
    });
    const user = userEvent.setup();
    render(TimestampSettingsScreen, { onback: vi.fn() });
    await user.type(await screen.findByLabelText("The authority's address"), "http://tsa.example/");
    await user.click(screen.getByRole("button", { name: "Check and save" }));
    const link = await screen.findByRole("link", { name: /could not reach/ });
    expect(link.getAttribute("href")).toBe("#tsa-url");
    expect(document.title).toContain("Error");
    expect(await violations()).toEqual([]);
  });

  it("turns timestamping off", async () => {
    vi.mocked(timestampSettings).mockResolvedValue(on);
    vi.mocked(saveTimestampSettings).mockResolvedValueOnce(off);
    const user = userEvent.setup();
    render(TimestampSettingsScreen, { onback: vi.fn() });
    await user.click(await screen.findByRole("button", { name: "Turn timestamping off" }));
    expect(await screen.findByText(/Timestamping is off/)).toBeTruthy();
    expect(saveTimestampSettings).toHaveBeenCalledWith({ url: "", caPem: "" });
    expect(screen.queryByRole("button", { name: "Turn timestamping off" })).toBeNull();
  });
});
