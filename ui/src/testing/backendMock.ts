// One way for the component tests to replace some backend calls with `vi.fn()` and keep the rest
// (error helpers, types, the calls a test drives through `mockIPC`) as they are. `vi.mock` is
// hoisted above the imports, so a test reaches this through a dynamic import in its factory:
//   vi.mock("./backend", (original) => import("./testing/backendMock").then((m) => m.withMocked(original, [...])));
import { vi } from "vitest";

type Backend = typeof import("../backend");

export async function withMocked(
  importOriginal: <T>() => Promise<T>,
  names: readonly (keyof Backend)[],
): Promise<Backend> {
  const original = await importOriginal<Backend>();
  return { ...original, ...Object.fromEntries(names.map((name) => [name, vi.fn()])) };
}
