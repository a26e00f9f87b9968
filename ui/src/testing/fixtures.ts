// Shared by the component tests; not part of the app bundle.
import type {
  AppStatus,
  BoardProfile,
  FirstScreen,
  HomeView,
  ImportPreviewView,
  IpcError,
  MemberDetails,
  RegisterEntry,
  RegisterView,
  SettingsView,
} from "../backend";

export const anytown: BoardProfile = { name: "Anytown Safeguarding Children Board", area: "Anytown" };

export const RECOVERY_KEY = "7K2QM-9XH4T-B3NDP-R6WJC-F8YAE-5GV1S";

/** A status as the backend sends it; the recovery key is taken as confirmed unless said otherwise. */
export function status(board: BoardProfile | null, recoveryKeyConfirmed = true): AppStatus {
  return {
    version: "0.1.0",
    dataDir: "/home/chair/.local/share/scr-decision-desk",
    board,
    recoveryKeyConfirmed,
    passphraseSet: false,
  };
}

/** The first screen's answer: a status and, when given, the home page that came with it. */
export function opened(fresh: AppStatus, home: FirstScreen["home"] = null): FirstScreen {
  return { status: fresh, home };
}

/** A home page with nothing owed and no decision in the year, as the backend sends it. */
export const NOTHING_OWED: HomeView = {
  today: "2026-05-11",
  obligations: [],
  obligationsTotal: 0,
  page: 1,
  pageSize: 20,
  retentionDue: [],
  yearFrom: "2025-05-12",
  toldWithinWorkingDays: 5,
  year: {
    decisions: 0,
    decisionsWithTimescale: 0,
    decisionsOnTime: 0,
    decisionsOnTimePercent: null,
    medianWorkingDaysToDecision: null,
    membersToTell: 0,
    membersTold: 0,
    membersToldWithin: 0,
    membersToldWithinPercent: null,
    membersAcknowledged: 0,
    membersAcknowledgedPercent: null,
    reviewsEnded: 0,
    outcomeNoticesSent: 0,
    outcomeNoticesPercent: null,
  },
};

/** An error as Rust's `DeskError::Locked` arrives: the records are fine but the key is out of reach. */
export function lockedError(code: IpcError["code"] = "keyring.entry_missing"): IpcError {
  return {
    code,
    message:
      "The key to this archive is no longer in your system keyring. Your records are safe: open the archive with the recovery key you were given when it was set up.",
    details: { cause: "no entry in the keyring", fields: [], actions: ["retry", "recover"] },
  };
}

/** A refusal naming the fields to correct, each with its message, as the backend sends it. */
export function fieldsRefused(code: IpcError["code"], message: string, fields: Record<string, string>): IpcError {
  return {
    code,
    message,
    details: { cause: null, fields: Object.entries(fields).map(([field, text]) => ({ field, message: text })), actions: [] },
  };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const byId = (id: string) => document.getElementById(id);

/** Text as a screen reader would read it out, without template whitespace. */
export const textOf = (id: string) => byId(id)?.textContent?.replace(/\s+/g, " ").trim();


export function details(name: string, overrides: Partial<MemberDetails> = {}): MemberDetails {
  return {
    name,
    role: "Designated Safeguarding Lead",
    agency: "Police",
    email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org`,
    phone: null,
    termStart: "2024-04-01",
    termEnd: null,
    voting: "voting",
    receivesLetters: true,
    channel: "email",
    notes: "",
    ...overrides,
  };
}

export function entry(memberId: number, d: MemberDetails, status: RegisterEntry["status"] = "active"): RegisterEntry {
  return { memberId, status, details: d };
}

export const AGENCIES = ["Local authority children's services", "Police", "Health / ICB", "Probation", "Lay member"];

export function register(entries: RegisterEntry[], at = "2026-03-02"): RegisterView {
  return { at, today: "2026-03-02", entries, agencies: AGENCIES };
}

export const boardRegister = register([
  entry(1, details("Zoë Lloyd", { role: "Detective Chief Inspector", email: "zoe.lloyd@police.example" })),
  entry(2, details("Amira Haddad", { role: "Director of Children's Services", agency: "Local authority children's services" })),
  entry(3, details("Ben Carter", { role: "Head Teacher", agency: "Education", termEnd: "2025-12-31" }), "left"),
]);

export function importPreview(overrides: Partial<ImportPreviewView["preview"]> = {}, problemLines: number[] = []): ImportPreviewView {
  const preview: ImportPreviewView["preview"] = {
    headerLine: 1,
    columns: [
      { column: 1, header: "Name", field: "name", fieldLabel: "Name" },
      { column: 2, header: "E-mail", field: "email", fieldLabel: "Email address" },
      { column: 3, header: "Organisation", field: "agency", fieldLabel: "Agency" },
      { column: 4, header: "Job title", field: "role", fieldLabel: "Role" },
      { column: 5, header: "Shoe size", field: null, fieldLabel: null },
    ],
    assumptions: ["There is no voting column: new members are recorded as voting members."],
    additions: [{ line: 2, details: details("Siobhán Ní Bhriain", { agency: "Health / ICB" }), startDefaulted: false }],
    updates: [],
    unchanged: [],
    excludedLines: [],
    problems: [],
    newAgencies: [],
    ...overrides,
  };
  return {
    fileName: "members.csv",
    format: "CSV (Windows-1252, separated by semicolons)",
    preview,
    canImport: preview.problems.length === 0,
    problemLines,
    token: "token-1",
  };
}

export const settingsView: SettingsView = {
  settings: {
    addressLines: ["Civic Centre", "Market Street", "Westmoor WM1 1AA"],
    chairName: "Dr Helen Marsh",
    chairTitle: "Independent Chair",
    chairEmail: "chair@westmoor.example",
    protectiveMarking: "OFFICIAL-SENSITIVE",
    frameworkId: "wt2015-scr",
    subgroupName: "Case Review Sub-group",
    toldWithinWorkingDays: 5,
  },
  agencies: AGENCIES,
  frameworks: [
    { id: "wt2015-scr", version: "1.0", title: "Working Together 2015: Serious Case Reviews", builtin: true },
    { id: "wt2018-lcspr", version: "1.0", title: "Working Together 2018: local child safeguarding practice reviews", builtin: true },
  ],
  logo: null,
  closureDays: [{ date: "2026-12-29", name: "Office closed between Christmas and New Year" }],
};
