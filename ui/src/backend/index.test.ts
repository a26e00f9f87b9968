// Runs the real backend module against Tauri's IPC mock, so the command names,
// argument shapes and error normalisation are checked as the app will use them.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { appStatus, INTERNAL_ERROR_MESSAGE, isIpcError, saveBoardProfile, toIpcError } from ".";

afterEach(() => {
  clearMocks();
});

const keyringError = {
  code: "keyring.unavailable",
  message: "Your system keyring could not be reached.",
  details: { cause: "org.freedesktop.DBus.Error.ServiceUnknown", fields: [] },
};

describe("appStatus", () => {
  it("invokes app_status without arguments and returns the status", async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { version: "0.1.0", dataDir: "/home/chair/.local/share/scr", board: null };
    });

    await expect(appStatus()).resolves.toEqual({
      version: "0.1.0",
      dataDir: "/home/chair/.local/share/scr",
      board: null,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe("app_status");
  });

  it("passes an IpcError from Rust through unchanged", async () => {
    mockIPC(() => {
      throw keyringError;
    });

    await expect(appStatus()).rejects.toEqual(keyringError);
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
      details: { cause: null, fields: [{ field: "name", message: "Enter the board's name" }] },
    };
    mockIPC(() => {
      throw invalid;
    });

    await expect(saveBoardProfile({ name: "", area: "Anytown" })).rejects.toEqual(invalid);
  });
});

describe("normalising rejections", () => {
  it("wraps a string rejection as an internal error that keeps the text as the cause", async () => {
    mockIPC(() => {
      throw "command app_status not found";
    });

    await expect(appStatus()).rejects.toEqual({
      code: "internal",
      message: INTERNAL_ERROR_MESSAGE,
      details: { cause: "command app_status not found", fields: [] },
    });
  });

  it("wraps the failure of running outside Tauri as an internal error", async () => {
    // clearMocks() leaves no IPC bridge at all, as in a plain browser.
    const error = await appStatus().then(
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
      details: { cause: '{"status":500}', fields: [] },
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
      details: { cause: null, fields: [{ field: "area", message: "Enter the area" }] },
    });
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
