// The one crossing to the Rust side: every command goes through `call`, which turns whatever a
// rejected command produced into an IpcError the screens can show.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorAction } from "../generated/ErrorAction";
import type { FieldError } from "../generated/FieldError";
import type { IpcError } from "../generated/IpcError";

export type { ErrorAction, FieldError, IpcError };

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
    details: { cause: describe(error), fields: [], actions: [] },
  };
}

// The Rust side always sends well-formed details, but the screens must not crash
// on a rejection that was made some other way.
function toDetails(value: unknown): IpcError["details"] {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as { cause?: unknown; fields?: unknown; actions?: unknown };
  const fields = Array.isArray(raw.fields)
    ? raw.fields.filter((f: unknown): f is FieldError => {
        const field = f as Partial<Record<keyof FieldError, unknown>> | null;
        return typeof field?.field === "string" && typeof field.message === "string";
      })
    : [];
  // An action this build does not know has no button to offer, so it is dropped.
  const actions = Array.isArray(raw.actions) ? raw.actions.filter(isErrorAction) : [];
  return { cause: typeof raw.cause === "string" ? raw.cause : null, fields, actions };
}

function isErrorAction(value: unknown): value is ErrorAction {
  return value === "retry" || value === "recover";
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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  // A call that throws before it is made (no Tauri at all) is rejected like one that failed.
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}
