// Runs the real backend module against Tauri's IPC mock, so the command names,
// argument shapes and error normalisation are checked as the app will use them.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import {
  firstScreen,
  firstScreenInPage,
  backupArchive,
  checkArchive,
  confirmRecoveryKey,
  INTERNAL_ERROR_MESSAGE,
  isIpcError,
  issueRecoveryKey,
  recoverArchive,
  saveBoardProfile,
  toIpcError,
} from ".";

afterEach(() => {
  clearMocks();
});

const keyringError = {
  code: "keyring.unavailable",
  message: "Your system keyring could not be reached.",
  details: { cause: "org.freedesktop.DBus.Error.ServiceUnknown", fields: [], actions: ["retry"] },
};

const confirmed = {
  version: "0.1.0",
  dataDir: "/home/chair/.local/share/scr",
  board: { name: "Anytown Safeguarding Children Board", area: "Anytown" },
  recoveryKeyConfirmed: true,
};

/** Records every IPC call and answers each command from `answers`. */
function recordIpc(answers: Record<string, unknown>) {
  const calls: Array<[string, unknown]> = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (!(cmd in answers)) throw new Error(`unexpected command ${cmd}`);
    return answers[cmd];
  });
  return calls;
}

const IN_PAGE = "scr-desk-first-screen";

function putInPage(text: string) {
  const block = document.createElement("script");
  block.type = "application/json";
  block.id = IN_PAGE;
  block.textContent = text;
  document.head.append(block);
}

afterEach(() => {
  document.getElementById(IN_PAGE)?.remove();
});

describe("firstScreen", () => {
  const answer = {
    status: { version: "0.1.0", dataDir: "/home/chair/.local/share/scr", board: null, recoveryKeyConfirmed: false },
    home: null,
  };

  it("invokes first_screen without arguments and returns the status and home page", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return answer;
    });

    await expect(firstScreen()).resolves.toEqual(answer);
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe("first_screen");
  });

  it("passes an IpcError from Rust through unchanged", async () => {
    mockIPC(() => {
      throw keyringError;
    });
    await expect(firstScreen()).rejects.toEqual(keyringError);
  });
});

describe("firstScreenInPage", () => {
  const answer = {
    status: { version: "0.1.0", dataDir: "/data", board: null, recoveryKeyConfirmed: false },
    home: null,
  };

  it("takes the screen the window put in the page, once", () => {
    putInPage(JSON.stringify(answer));
    expect(firstScreenInPage()).toEqual(answer);
    expect(document.getElementById(IN_PAGE)).toBeNull();
    expect(firstScreenInPage()).toBeNull();
  });

  it("gives null for a page without it, or with what cannot be read", () => {
    expect(firstScreenInPage()).toBeNull();
    putInPage("{ not JSON");
    expect(firstScreenInPage()).toBeNull();
    expect(document.getElementById(IN_PAGE)).toBeNull();
  });
});

describe("saveBoardProfile", () => {
  it("sends the profile under the `profile` key and returns what Rust saved", async () => {
    let received: unknown;
    mockIPC((cmd, args) => {
      expect(cmd).toBe("save_board_profile");
      received = args;
      return { name: "Anytown Safeguarding Children Board", area: "Anytown" };
    });

    const saved = await saveBoardProfile({ name: " Anytown Safeguarding Children Board ", area: "Anytown" });

    expect(received).toEqual({ profile: { name: " Anytown Safeguarding Children Board ", area: "Anytown" } });
    expect(saved).toEqual({ name: "Anytown Safeguarding Children Board", area: "Anytown" });
  });

  it("keeps the field errors of a board.invalid rejection", async () => {
    const invalid = {
      code: "board.invalid",
      message: "Check the board's details",
      details: { cause: null, fields: [{ field: "name", message: "Enter the board's name" }], actions: [] },
    };
    mockIPC(() => {
      throw invalid;
    });

    await expect(saveBoardProfile({ name: "", area: "Anytown" })).rejects.toEqual(invalid);
  });
});

describe("recovery key", () => {
  it("issueRecoveryKey invokes issue_recovery_key, with the passphrase only when given", async () => {
    const issued = { recoveryKey: "7K2QM-9XH4T-B3NDP-R6WJC-F8YAE-5GV1S", passphrase: "none_set" };
    const calls = recordIpc({ issue_recovery_key: issued });

    await expect(issueRecoveryKey()).resolves.toEqual(issued);
    await issueRecoveryKey("the long walk to the sea");
    expect(calls).toEqual([
      ["issue_recovery_key", { passphrase: null }],
      ["issue_recovery_key", { passphrase: "the long walk to the sea" }],
    ]);
  });

  it("confirmRecoveryKey invokes confirm_recovery_key and returns the new status", async () => {
    const calls = recordIpc({ confirm_recovery_key: confirmed });

    await expect(confirmRecoveryKey()).resolves.toEqual(confirmed);
    expect(calls).toEqual([["confirm_recovery_key", {}]]);
  });

  it("recoverArchive sends the key as typed under `recoveryKey`", async () => {
    const calls = recordIpc({ recover_archive: confirmed });

    await expect(recoverArchive(" 7k2qm 9xh4t-b3ndp-r6wjc-f8yae-5gv1s")).resolves.toEqual(confirmed);
    expect(calls).toEqual([["recover_archive", { recoveryKey: " 7k2qm 9xh4t-b3ndp-r6wjc-f8yae-5gv1s" }]]);
  });

  it("recoverArchive passes a recovery.mistyped error through", async () => {
    const mistyped = {
      code: "recovery.mistyped",
      message: "The recovery key was mistyped (check group 3). Check the recovery key against the copy you kept and type it again.",
      details: { cause: "the recovery key was mistyped (check group 3)", fields: [], actions: [] },
    };
    mockIPC(() => {
      throw mistyped;
    });

    await expect(recoverArchive("ABCDE")).rejects.toEqual(mistyped);
  });
});

describe("archive care", () => {
  it("checkArchive invokes check_archive and returns the report", async () => {
    const report = { clean: true, summary: "The archive is intact.", auditEvents: 4, firstBrokenEvent: null, problems: [] };
    const calls = recordIpc({ check_archive: report });

    await expect(checkArchive()).resolves.toEqual(report);
    expect(calls).toEqual([["check_archive", {}]]);
  });

  it("backupArchive invokes backup_archive and returns where the backup went", async () => {
    const made = { path: "/home/chair/Documents/SCR Decision Desk backups/archive.scrbackup", bytes: 40960 };
    const calls = recordIpc({ backup_archive: made });

    await expect(backupArchive()).resolves.toEqual(made);
    expect(calls).toEqual([["backup_archive", {}]]);
  });

  it("normalises a failure of backup_archive too", async () => {
    mockIPC(() => {
      throw "disk full";
    });

    await expect(backupArchive()).rejects.toMatchObject({ code: "internal", details: { cause: "disk full" } });
  });
});

describe("normalising rejections", () => {
  it("wraps a string rejection as an internal error that keeps the text as the cause", async () => {
    mockIPC(() => {
      throw "command first_screen not found";
    });

    await expect(firstScreen()).rejects.toEqual({
      code: "internal",
      message: INTERNAL_ERROR_MESSAGE,
      details: { cause: "command first_screen not found", fields: [], actions: [] },
    });
  });

  it("wraps the failure of running outside Tauri as an internal error", async () => {
    // clearMocks() leaves no IPC bridge at all, as in a plain browser.
    const error = await firstScreen().then(
      () => null,
      (e: unknown) => e,
    );

    expect(isIpcError(error)).toBe(true);
    expect(error).toMatchObject({ code: "internal", message: INTERNAL_ERROR_MESSAGE });
    expect((error as { details: { cause: string } }).details.cause).toMatch(/^TypeError: /);
  });

  it("describes a non-error object as JSON rather than [object Object]", () => {
    expect(toIpcError({ status: 500 })).toEqual({
      code: "internal",
      message: INTERNAL_ERROR_MESSAGE,
      details: { cause: '{"status":500}', fields: [], actions: [] },
    });
  });

  it("fills in missing or malformed details", () => {
    expect(toIpcError({ code: "archive.io", message: "SCR Decision Desk could not read its archive file." })).toEqual({
      code: "archive.io",
      message: "SCR Decision Desk could not read its archive file.",
      details: null,
    });
    expect(
      toIpcError({
        code: "board.invalid",
        message: "Check the board's details",
        details: { cause: 42, fields: [{ field: "area", message: "Enter the area" }, { field: 1 }, null] },
      }),
    ).toEqual({
      code: "board.invalid",
      message: "Check the board's details",
      details: { cause: null, fields: [{ field: "area", message: "Enter the area" }], actions: [] },
    });
  });

  it("keeps the actions it knows and drops unknown ones, so no button is offered for them", () => {
    expect(
      toIpcError({
        code: "keyring.entry_missing",
        message: "The key to this archive is no longer in your system keyring.",
        details: { cause: "gone", fields: [], actions: ["retry", "restore_backup", 3, "recover"] },
      }).details?.actions,
    ).toEqual(["retry", "recover"]);
    expect(
      toIpcError({ code: "archive.io", message: "x", details: { cause: null, fields: [], actions: "recover" } }).details
        ?.actions,
    ).toEqual([]);
  });
});

describe("isIpcError", () => {
  it("accepts objects with a string code and message only", () => {
    expect(isIpcError(keyringError)).toBe(true);
    expect(isIpcError({ code: "internal", message: "x", details: null })).toBe(true);
    expect(isIpcError({ code: 1, message: "x" })).toBe(false);
    expect(isIpcError({ code: "internal" })).toBe(false);
    expect(isIpcError("internal")).toBe(false);
    expect(isIpcError(null)).toBe(false);
    expect(isIpcError(undefined)).toBe(false);
  });
});
