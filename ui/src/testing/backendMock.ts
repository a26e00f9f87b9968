// The component tests' stand-in for `ui/src/backend`: every call that crosses to Rust is a
// `vi.fn()` that a test gives the answer it needs; unanswered, it fails as the real call does where
// there is no Tauri (`vi.resetAllMocks` brings that back). The functions that do their work in the
// page stay real. `vi.mock` is hoisted above the
// imports, so a test reaches this through a dynamic import in its factory:
//   vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.mockBackend(original)));
import { vi } from "vitest";

type Backend = typeof import("../backend");

/** Exported functions that never call the backend: they format errors, read or decode bytes, or read the page. */
const DONE_IN_THE_PAGE: readonly (keyof Backend)[] = [
  "isIpcError",
  "toIpcError",
  "fileUpload",
  "fromBase64",
  "firstScreenInPage",
];

export async function mockBackend(importOriginal: <T>() => Promise<T>): Promise<Backend> {
  const original = await importOriginal<Backend>();
  const mocked = Object.entries(original)
    .filter(([name, value]) => typeof value === "function" && !DONE_IN_THE_PAGE.includes(name as keyof Backend))
    .map(([name]) => [name, vi.fn(() => Promise.reject(original.toIpcError(new Error(`no backend in tests: ${name}`))))]);
  return { ...original, ...Object.fromEntries(mocked) };
}
