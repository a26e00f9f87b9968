import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import {
  addMember,
  firstScreen,
  boardSettings,
  confirmImport,
  editMember,
  exportRegister,
  leaveMember,
  memberRecord,
  previewImport,
  registerAt,
  saveBoardLogo,
  saveBoardSettings,
} from "./backend";
import { openFromHome } from "./testing/openFromHome";
import {
  anytown,
  boardRegister,
  byId,
  details,
  entry,
  fieldsRefused,
  importPreview,
  register,
  settingsView,
  status,
  textOf,
  opened,
} from "./testing/fixtures";

vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));

beforeEach(() => {
  vi.mocked(firstScreen).mockResolvedValue(opened(status(anytown)));
  vi.mocked(registerAt).mockResolvedValue(boardRegister);
});

afterEach(() => {
  vi.resetAllMocks();
});

async function openMembers() {
  const user = await openFromHome("nav-members", "Board members");
  await screen.findByRole("table");
  return user;
}

function rowNames() {
  return within(byId("register-table")!)
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.querySelector("td span")?.textContent);
}

describe("the register page", () => {
  it("lists current members sorted by name, filters them, and shows those who left on request", async () => {
    const user = await openMembers();
    expect(document.activeElement?.id).toBe("members-title");
    expect(rowNames()).toEqual(["Amira Haddad", "Zoë Lloyd"]);
    expect(textOf("show-current-label") ?? screen.getByLabelText("Members (2)")).toBeTruthy();

    await user.click(byId("sort-name")!);
    expect(rowNames()).toEqual(["Zoë Lloyd", "Amira Haddad"]);
    expect(byId("sort-name")!.closest("th")!.getAttribute("aria-sort")).toBe("descending");

    await user.type(byId("member-filter")!, "police");
    expect(rowNames()).toEqual(["Zoë Lloyd"]);
    await user.clear(byId("member-filter")!);

    await user.click(screen.getByLabelText("Have left (1)"));
    expect(rowNames()).toEqual(["Ben Carter"]);
    expect(byId("leave-member-3")).toBeNull();
  });

  it("shows the register as it was on a typed date, and refuses a date that is not real", async () => {
    const user = await openMembers();
    vi.mocked(registerAt).mockResolvedValue(register([entry(2, details("Amira Haddad"))], "2025-01-31"));
    await user.click(screen.getByText("See the register as it was on another date"));
    await user.type(byId("register-at")!, "31/01/2025");
    await user.click(byId("show-register-at")!);
    expect(registerAt).toHaveBeenLastCalledWith("2025-01-31");
    expect(await screen.findByText("The register on 31 January 2025")).toBeTruthy();

    await user.clear(byId("register-at")!);
    await user.type(byId("register-at")!, "31/02/2025");
    await user.click(byId("show-register-at")!);
    expect(await screen.findByText("There is a problem")).toBeTruthy();
    expect(textOf("register-at-error")).toBe("Error: The date to show the register on must be a real date, for example 27 3 2026");
  });

  it("exports and says where the file went", async () => {
    vi.mocked(exportRegister).mockResolvedValue({
      path: "/home/chair/Documents/SCR Decision Desk exports/board-register-2026-03-02.xlsx",
      at: "2026-03-02",
      members: 2,
    });
    const user = await openMembers();
    await user.click(byId("export-xlsx")!);
    expect(exportRegister).toHaveBeenCalledWith("xlsx", null);
    expect(await screen.findByText("2 members exported")).toBeTruthy();
    expect(document.activeElement?.id).toBe("export-result");
  });
});

describe("adding and changing a member", () => {
  it("shows each field's problem in the summary and beside the field, then adds", async () => {
    const user = await openMembers();
    await user.click(byId("add-member")!);
    await screen.findByRole("heading", { level: 1, name: "Add a member" });
    vi.mocked(addMember).mockRejectedValueOnce(fieldsRefused("member.invalid", "The member's details need correcting", {
      email: "Enter an email address in the correct format, like name@example.org",
      voting: "Select whether the member votes or is advisory",
    }));
    await user.type(byId("member-name")!, "Siobhán Ní Bhriain");
    await user.click(byId("save-member")!);
    const alert = await screen.findByRole("alert");
    const links = within(alert).getAllByRole("link");
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#member-email", "#member-voting-voting"]);
    expect(textOf("member-email-error")).toContain("correct format");
    expect(document.title).toBe("Error: Add a member – SCR Decision Desk");

    vi.mocked(addMember).mockResolvedValueOnce({ id: 4, details: details("Siobhán Ní Bhriain") });
    await user.selectOptions(byId("member-agency")!, "Health / ICB");
    await user.click(byId("member-voting-voting")!);
    await user.click(byId("save-member")!);
    expect(await screen.findByText("Siobhán Ní Bhriain was added to the register")).toBeTruthy();
    const input = vi.mocked(addMember).mock.calls[1][0];
    expect(input).toMatchObject({ name: "Siobhán Ní Bhriain", agency: "Health / ICB", voting: "voting", receivesLetters: true, channel: "email" });
  });

  it("edits with the date the change applies from", async () => {
    vi.mocked(memberRecord).mockResolvedValue({ member: { id: 1, details: details("Zoë Lloyd") }, history: [] });
    vi.mocked(editMember).mockResolvedValue({ id: 1, details: details("Zoë Lloyd", { role: "Superintendent" }) });
    const user = await openMembers();
    await user.click(byId("change-member-1")!);
    await screen.findByRole("heading", { level: 1, name: "Change Zoë Lloyd’s details" });
    // The term start is a date input; its day box keeps the id the single box had.
    expect((byId("member-term-start") as HTMLInputElement).value).toBe("1");
    expect((byId("member-term-start-month") as HTMLInputElement).value).toBe("4");
    expect((byId("member-term-start-year") as HTMLInputElement).value).toBe("2024");
    await user.clear(byId("member-role")!);
    await user.type(byId("member-role")!, "Superintendent");
    await user.type(byId("member-effective-from")!, "01/01/2026");
    await user.click(byId("save-member")!);
    expect(await screen.findByText("Zoë Lloyd’s details were saved")).toBeTruthy();
    expect(editMember).toHaveBeenCalledWith(
      1,
      expect.objectContaining({ role: "Superintendent", termStart: "2024-04-01", termEnd: "" }),
      "2026-01-01",
    );
  });

  it("takes term dates as day, month and year, and stops a date that is not real before saving", async () => {
    const user = await openMembers();
    await user.click(byId("add-member")!);
    await screen.findByRole("heading", { level: 1, name: "Add a member" });
    await user.type(byId("member-name")!, "Siobhán Ní Bhriain");
    await user.type(byId("member-term-start")!, "31");
    await user.type(byId("member-term-start-month")!, "2");
    await user.type(byId("member-term-start-year")!, "2025");
    await user.click(byId("save-member")!);
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link").getAttribute("href")).toBe("#member-term-start");
    expect(textOf("member-term-start-error")).toBe("Error: The start of their term must be a real date, for example 27 3 2026");
    expect(document.activeElement?.id).toBe("error-summary");
    expect(addMember).not.toHaveBeenCalled();

    vi.mocked(addMember).mockResolvedValueOnce({ id: 4, details: details("Siobhán Ní Bhriain") });
    await user.clear(byId("member-term-start")!);
    await user.type(byId("member-term-start")!, "28");
    await user.click(byId("save-member")!);
    expect(await screen.findByText("Siobhán Ní Bhriain was added to the register")).toBeTruthy();
    expect(vi.mocked(addMember).mock.calls[0][0]).toMatchObject({ termStart: "2025-02-28", termEnd: "" });
  });

  it("records a member leaving after confirmation", async () => {
    vi.mocked(memberRecord).mockResolvedValue({ member: { id: 2, details: details("Amira Haddad") }, history: [] });
    vi.mocked(leaveMember).mockResolvedValue({ id: 2, details: details("Amira Haddad", { termEnd: "2026-03-31" }) });
    const user = await openMembers();
    await user.click(byId("leave-member-2")!);
    await screen.findByRole("heading", { level: 1, name: "Record that Amira Haddad has left the board" });
    await user.type(byId("leave-last-day")!, "31/03/2026");
    await user.click(byId("confirm-leave")!);
    expect(await screen.findByText("Amira Haddad’s term ends on 31 March 2026")).toBeTruthy();
    expect(leaveMember).toHaveBeenCalledWith(2, "2026-03-31");
  });
});

describe("the import wizard", () => {
  it("previews, lists problems by line, leaves them out, then imports", async () => {
    const withProblem = importPreview(
      { problems: [{ line: 3, column: "E-mail", message: "Enter an email address in the correct format, like name@example.org (found “zoe@”)" }] },
      [3],
    );
    vi.mocked(previewImport).mockResolvedValueOnce(withProblem).mockResolvedValueOnce(importPreview({ excludedLines: [3] }));
    vi.mocked(confirmImport).mockResolvedValue({ added: 1, updated: 0, unchanged: 0, excluded: 1 });
    const user = await openMembers();
    await user.click(byId("import-members")!);
    await screen.findByRole("heading", { level: 1, name: "Import members from a spreadsheet" });

    await user.click(byId("preview-import")!);
    expect(textOf("import-file-error")).toBe("Error: Select a CSV or Excel (.xlsx) file");

    const file = new File(["Name;E-mail\r\n"], "members.csv", { type: "text/csv" });
    await user.upload(byId("import-file") as HTMLInputElement, file);
    await user.click(byId("preview-import")!);
    await screen.findByRole("heading", { level: 1, name: "Check the import" });
    const [upload, excluded] = vi.mocked(previewImport).mock.calls[0];
    expect(upload).toEqual({ name: "members.csv", base64: btoa("Name;E-mail\r\n") });
    expect(excluded).toEqual([]);
    expect(document.activeElement?.id).toBe("import-title");
    const problems = within(byId("import-problems")!).getAllByRole("row").slice(1);
    expect(problems.map((row) => row.textContent)).toEqual([
      "3E-mailEnter an email address in the correct format, like name@example.org (found “zoe@”)",
    ]);
    expect(byId("confirm-import")).toBeNull();
    expect(textOf("import-mapping")).toContain("Shoe sizeNot imported");

    await user.click(byId("leave-out-problems")!);
    expect(vi.mocked(previewImport).mock.calls[1][1]).toEqual([3]);
    expect(await screen.findByText("Left out: line 3.")).toBeTruthy();
    await user.click(byId("confirm-import")!);
    expect(confirmImport).toHaveBeenCalledWith(upload, [3], "token-1");
    expect(await screen.findByText("1 member added, 0 updated")).toBeTruthy();
    await user.click(byId("import-see-register")!);
    await screen.findByRole("heading", { level: 1, name: "Board members" });
  });

  it("says when a file cannot be read", async () => {
    vi.mocked(previewImport).mockRejectedValue({
      code: "import.unreadable",
      message: "The file cannot be read: this is an old-style Excel workbook (.xls). Nothing was imported.",
      details: { cause: null, fields: [], actions: [] },
    });
    const user = await openMembers();
    await user.click(byId("import-members")!);
    await user.upload(byId("import-file") as HTMLInputElement, new File(["x"], "workbook.xlsx"));
    await user.click(byId("preview-import")!);
    expect(await screen.findByText(/old-style Excel workbook/)).toBeTruthy();
  });
});

describe("the settings page", () => {
  it("saves the settings and the agency list, and shows field problems", async () => {
    vi.mocked(boardSettings).mockResolvedValue(settingsView);
    const user = await openFromHome("nav-settings", "Settings");
    await screen.findByLabelText("Postal address");
    expect((byId("settings-address") as HTMLTextAreaElement).value).toBe("Civic Centre\nMarket Street\nWestmoor WM1 1AA");
    expect((byId("settings-framework") as HTMLSelectElement).value).toBe("wt2015-scr");

    vi.mocked(saveBoardSettings).mockRejectedValueOnce({
      code: "board.invalid",
      message: "The board's settings need correcting",
      details: { cause: null, fields: [{ field: "chair_email", message: "Enter an email address in the correct format, like name@example.org" }], actions: [] },
    });
    await user.click(byId("save-settings")!);
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("link").getAttribute("href")).toBe("#settings-chair-email");

    vi.mocked(saveBoardSettings).mockResolvedValueOnce(settingsView);
    await user.selectOptions(byId("settings-framework")!, "wt2018-lcspr");
    await user.click(byId("save-settings")!);
    expect(await screen.findByText("Settings saved")).toBeTruthy();
    const [settings, agencies] = vi.mocked(saveBoardSettings).mock.calls[1];
    expect(settings.frameworkId).toBe("wt2018-lcspr");
    expect(agencies).toEqual(settingsView.agencies);
  });

  it("uploads a logo and shows it", async () => {
    vi.mocked(boardSettings).mockResolvedValue(settingsView);
    vi.mocked(saveBoardLogo).mockResolvedValue({
      ...settingsView,
      logo: { mediaType: "image/png", width: 200, height: 80, bytes: 1200, dataUrl: "data:image/png;base64,iVBORw0KGgo=" },
    });
    const user = userEvent.setup();
    render(App);
    await screen.findByRole("heading", { level: 1, name: anytown.name });
    await user.click(byId("nav-settings")!);
    await screen.findByText("No logo yet.");
    await user.upload(byId("settings-logo") as HTMLInputElement, new File([new Uint8Array([137, 80, 78, 71])], "logo.png", { type: "image/png" }));
    await user.click(byId("upload-logo")!);
    expect(await screen.findByText("Logo saved")).toBeTruthy();
    expect(byId("logo-preview")?.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(textOf("logo-details")).toBe("200 × 80 pixels, 1 KB");
  });
});
