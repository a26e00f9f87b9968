// The only module that talks to the Rust side. Everything else imports from here,
// so unit tests can replace it and the end-to-end tests exercise the real thing.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../generated/AppStatus";
import type { BoardProfile } from "../generated/BoardProfile";
import type { FieldError } from "../generated/FieldError";
import type { IpcError } from "../generated/IpcError";

export type { AppStatus, BoardProfile, FieldError, IpcError };

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong in SCR Decision Desk. Try again, and if it keeps happening, restart the app.";

// Any string code is accepted, not only the ErrorCode values known at build time, so that
// a code added on the Rust side still reaches the screen instead of becoming "internal".
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === "string" && typeof candidate.message === "string";
}

/** Turns whatever a rejected call produced into an IpcError the screens can show. */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) {
    return { code: error.code, message: error.message, details: toDetails(error.details) };
  }
  return {
    code: "internal",
    message: INTERNAL_ERROR_MESSAGE,
    details: { cause: describe(error), fields: [] },
  };
}

// The Rust side always sends well-formed details, but the screens must not crash
// on a rejection that was made some other way.
function toDetails(value: unknown): IpcError["details"] {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as { cause?: unknown; fields?: unknown };
  const fields = Array.isArray(raw.fields)
    ? raw.fields.filter((f: unknown): f is FieldError => {
        const field = f as Partial<Record<keyof FieldError, unknown>> | null;
        return typeof field?.field === "string" && typeof field.message === "string";
      })
    : [];
  return { cause: typeof raw.cause === "string" ? raw.cause : null, fields };
}

function describe(error: unknown): string {
  // A plain object (say, a malformed error from the Rust side) says more as JSON than "[object Object]".
  if (typeof error === "object" && error !== null && !(error instanceof Error)) {
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Opens the archive (creating it on first run) and reports what the app knows. */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>("app_status");
}

/** Saves the board's name and area; the backend trims and validates them. */
export function saveBoardProfile(profile: BoardProfile): Promise<BoardProfile> {
  return call<BoardProfile>("save_board_profile", { profile });
}
