// The benchmark's paint marks: silent unless the app set the flag, and then only the mark's
// name and times (never anything from the screen) go to the backend.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";

type Flagged = { __SCR_DESK_PAINT_MARKS__?: boolean };

function recordIpc(): Array<[string, unknown]> {
  const calls: Array<[string, unknown]> = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
  });
  return calls;
}

/** The module afresh: it reads the flag when it is first imported, as in the app. */
async function freshModule(flag: boolean) {
  vi.resetModules();
  if (flag) (window as Flagged).__SCR_DESK_PAINT_MARKS__ = true;
  else delete (window as Flagged).__SCR_DESK_PAINT_MARKS__;
  return import("./paintMarks");
}

async function frames(count: number) {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => {
  clearMocks();
  delete (window as Flagged).__SCR_DESK_PAINT_MARKS__;
  document.body.innerHTML = "";
});

describe("paint marks", () => {
  it("call nothing in a normal run", async () => {
    const calls = recordIpc();
    const { markPainted } = await freshModule(false);
    markPainted("home");
    markPainted("cases", performance.now());
    await frames(3);
    expect(calls).toEqual([]);
  });

  it("report the first screen after it was drawn, with where the Cases link is", async () => {
    const calls = recordIpc();
    document.body.innerHTML = '<a id="nav-cases" href="#cases">Cases</a>';
    const { markPainted } = await freshModule(true);
    markPainted("home");
    expect(calls).toEqual([]);
    await frames(3);
    expect(calls).toHaveLength(1);
    const [cmd, args] = calls[0];
    expect(cmd).toBe("record_paint_mark");
    expect(args).toMatchObject({ mark: "home", sinceClick: { paintedMs: null, dataMs: null } });
    expect(Object.keys(args as object).sort()).toEqual(["clickAt", "mark", "sinceClick", "stages"]);
  });

  it("report the first screen's stages in the order the page reached them, each once", async () => {
    const calls = recordIpc();
    const { markPainted, noteStage } = await freshModule(true);
    noteStage("scriptMs");
    noteStage("statusMs");
    await frames(1);
    noteStage("statusMs");
    noteStage("dataMs");
    markPainted("home");
    await frames(3);
    const { stages } = calls[0][1] as { stages: Record<string, number> };
    expect(stages.scriptMs).toBeGreaterThanOrEqual(0);
    expect(stages.statusMs).toBeGreaterThanOrEqual(stages.scriptMs);
    expect(stages.dataMs).toBeGreaterThan(stages.statusMs);
    expect(stages.paintedMs).toBeGreaterThanOrEqual(stages.dataMs);
  });

  it("time the cases list from the click that led to it", async () => {
    const calls = recordIpc();
    const { markPainted } = await freshModule(true);
    document.body.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    const dataAt = performance.now();
    markPainted("cases", dataAt);
    await frames(3);
    expect(calls).toHaveLength(1);
    const { mark, sinceClick, clickAt } = calls[0][1] as {
      mark: string;
      sinceClick: { paintedMs: number; dataMs: number };
      clickAt: unknown;
    };
    expect(mark).toBe("cases");
    expect(clickAt).toBeNull();
    expect((calls[0][1] as { stages: unknown }).stages).toBeNull();
    expect(sinceClick.dataMs).toBeGreaterThanOrEqual(0);
    expect(sinceClick.paintedMs).toBeGreaterThanOrEqual(sinceClick.dataMs);
  });
});
