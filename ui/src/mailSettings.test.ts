// The mail settings page against a mocked backend: saving shows the notice in its banner, a test
// message says what the server answered, the buttons are disabled while a request runs, and axe
// finds nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mailSettings, saveMailSettings, sendTestMessage, type MailSettingsView } from "./backend";
import MailSettingsScreen from "./lib/distribution/MailSettingsScreen.svelte";
import { declarePageLanguage, violations } from "./testing/axe";
import { deferred, textOf } from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

const configured: MailSettingsView = {
  configured: true,
  host: "smtp.anytown.gov.uk",
  port: 587,
  security: "starttls",
  username: "scr",
  senderName: "Anytown Safeguarding Children Board",
  senderAddress: "scr@anytown.gov.uk",
  replyTo: "",
  caPem: "",
  markingInSubject: true,
  reminderWorkingDays: 5,
  passwordSaved: true,
};

declarePageLanguage();
afterEach(() => {
  vi.clearAllMocks();
});

describe("the mail settings page", () => {
  it("saves, showing the notice in a banner, with the button disabled meanwhile", async () => {
    const user = userEvent.setup();
    vi.mocked(mailSettings).mockResolvedValue(configured);
    const pending = deferred<MailSettingsView>();
    vi.mocked(saveMailSettings).mockReturnValue(pending.promise);
    render(MailSettingsScreen, { onback: () => {} });
    expect(await screen.findByDisplayValue("smtp.anytown.gov.uk")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Save mail settings" }));
    expect((document.getElementById("save-mail-settings") as HTMLButtonElement).disabled).toBe(true);
    pending.resolve(configured);
    expect(await screen.findByText("The mail settings were saved.")).toBeTruthy();
    expect(textOf("mail-notice")).toBe("The mail settings were saved.");
    expect(textOf("mail-notice-title")).toBe("Done");
    expect((document.getElementById("save-mail-settings") as HTMLButtonElement).disabled).toBe(false);
    expect(await violations()).toEqual([]);
  });

  it("says what the server answered to a test message", async () => {
    const user = userEvent.setup();
    vi.mocked(mailSettings).mockResolvedValue(configured);
    vi.mocked(sendTestMessage).mockResolvedValue({ to: "chair@anytown.gov.uk", messageId: "<1@anytown.gov.uk>", serverReply: "250 OK" });
    render(MailSettingsScreen, { onback: () => {} });
    await screen.findByDisplayValue("smtp.anytown.gov.uk");
    await user.click(screen.getByRole("button", { name: /Send a test message/ }));
    expect(await screen.findByText("A test message was sent to chair@anytown.gov.uk. The server said: 250 OK")).toBeTruthy();
  });
});
