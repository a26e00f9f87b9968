// The Distribution page against a mocked backend: anyone missed is listed first, sending shows
// progress until the batch finishes, acknowledgements are recorded, and axe finds nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { declarePageLanguage, violations } from "./testing/axe";
import DistributionScreen from "./lib/distribution/DistributionScreen.svelte";
import {
  getDistribution,
  recordAcknowledgement,
  startSending,
  type DeliveryAction,
  type DeliveryStatus,
  type DeliveryView,
  type DistributionView,
  type ToldRow,
} from "./backend";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

function row(memberId: number, name: string, status: DeliveryStatus | null, acknowledgedOn: string | null = null): ToldRow {
  return {
    memberId,
    name,
    agency: "Anyshire Police",
    email: `m${memberId}@example.org`,
    channel: "email",
    receivesLetters: true,
    status,
    deliveryId: status ? memberId : null,
    missed: status !== "sent",
    acknowledgedOn,
    acknowledgedHow: acknowledgedOn ? "Email reply" : null,
    remindersSent: 0,
    reminderDue: false,
    canAcknowledge: status === "sent" && !acknowledgedOn,
  };
}

function view(rows: ToldRow[], running = false): DistributionView {
  return {
    reference: "SCR-2026-003",
    registerDate: "2026-03-02",
    registerDateIsDecisionDate: true,
    lettersIssued: true,
    mailConfigured: true,
    reminderWorkingDays: 5,
    told: rows,
    deliveries: [],
    missed: rows.filter((r) => r.missed).map((r) => r.name),
    notAcknowledged: rows.filter((r) => !r.missed && !r.acknowledgedOn).map((r) => r.name),
    uncertain: 0,
    toSend: rows.filter((r) => r.status === "queued").length,
    toExport: 0,
    remindersDue: 0,
    progress: { reference: "SCR-2026-003", total: 2, done: running ? 1 : 2, sent: 2, failed: 0, running, cancelled: false, current: null, stoppedBy: null },
  };
}

declarePageLanguage();
afterEach(() => vi.clearAllMocks());

describe("Distribution page", () => {
  it("lists anyone missed first, then sends and polls until the batch finishes", async () => {
    vi.mocked(getDistribution)
      .mockResolvedValueOnce(view([row(1, "Ann Lee", null), row(2, "Bo Ng", null)]))
      .mockResolvedValueOnce(view([row(1, "Ann Lee", "sent"), row(2, "Bo Ng", "queued")], true))
      .mockResolvedValue(view([row(1, "Ann Lee", "sent"), row(2, "Bo Ng", "sent")]));
    vi.mocked(startSending).mockResolvedValue(undefined);
    render(DistributionScreen, { id: 1, reference: "SCR-2026-003", ongo: () => {} });
    expect(await screen.findByText("Not yet told")).toBeTruthy();
    expect(document.getElementById("missed-list")?.textContent).toContain("Bo Ng");

    await userEvent.click(screen.getByRole("button", { name: "Send the letters" }));
    expect(startSending).toHaveBeenCalledWith("SCR-2026-003");
    await vi.waitFor(() => expect(document.getElementById("send-status")?.textContent).toBe("Finished"), { timeout: 3000 });
    expect(document.getElementById("missed")).toBeNull();
    expect(document.getElementById("not-acknowledged")?.textContent).toContain("Ann Lee");
    expect(await violations()).toEqual([]);
  });

  it("records an acknowledgement for the member chosen", async () => {
    const sent = [row(1, "Ann Lee", "sent"), row(2, "Bo Ng", "sent")];
    vi.mocked(getDistribution).mockResolvedValue(view(sent));
    vi.mocked(recordAcknowledgement).mockResolvedValue(view([row(1, "Ann Lee", "sent"), row(2, "Bo Ng", "sent", "2026-03-04")]));
    render(DistributionScreen, { id: 1, reference: "SCR-2026-003", ongo: () => {} });
    await screen.findByText("Record an acknowledgement");
    await userEvent.selectOptions(screen.getByLabelText("Member"), "Bo Ng");
    await userEvent.type(screen.getByLabelText("Date", { exact: false }), "4 March 2026");
    await userEvent.click(screen.getByRole("button", { name: "Record acknowledgement" }));
    expect(recordAcknowledgement).toHaveBeenCalledWith({ reference: "SCR-2026-003", memberId: 2, date: "4 March 2026", how: "Email reply" });
  });

  it("offers exactly the actions the backend gives each delivery, and shows why a batch stopped", async () => {
    const delivery = (id: number, name: string, status: DeliveryStatus, actions: DeliveryAction[]): DeliveryView => ({
      id,
      letterId: 1,
      memberId: id,
      memberName: name,
      address: `m${id}@example.org`,
      channel: "email",
      status,
      actions,
      attempts: 1,
      messageId: null,
      serverReply: null,
      error: null,
      retryable: null,
      exportFile: null,
      queuedAt: "2026-03-02T10:00:00.000Z",
      sentAt: null,
    });
    const shown = view([row(1, "Ann Lee", "uncertain"), row(2, "Bo Ng", "sent")]);
    shown.deliveries = [delivery(1, "Ann Lee", "uncertain", ["confirm_sent", "resend"]), delivery(2, "Bo Ng", "sent", [])];
    shown.progress = {
      ...shown.progress!,
      running: false,
      stoppedBy: { code: "mail.connection", message: "The mail server could not be reached.", details: null },
    };
    vi.mocked(getDistribution).mockResolvedValue(shown);
    render(DistributionScreen, { id: 1, reference: "SCR-2026-003", ongo: () => {} });
    expect(await screen.findByText("Letters to confirm")).toBeTruthy();
    const confirmList = screen.getByText("Letters to confirm").nextElementSibling;
    expect(confirmList?.textContent).toContain("Ann Lee");
    expect(confirmList?.textContent).not.toContain("Bo Ng");
    const resend = document.getElementById("resend-delivery") as HTMLSelectElement;
    expect([...resend.options].map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining("Ann Lee")]),
    );
    expect([...resend.options].some((o) => o.textContent?.includes("Bo Ng"))).toBe(false);
    expect(document.body.textContent).toContain("The mail server could not be reached.");
  });
});
