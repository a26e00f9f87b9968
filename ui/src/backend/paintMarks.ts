import { call } from "./ipc";

// The window benchmark (scripts/bench-window.sh): when a screen was painted. The type mirrors
// `PaintMark` in src-tauri/src/paint_marks.rs, which belongs to the window, not to the desk.
export type PaintMark = "home" | "cases";

/** How long after the click that led to a screen it was painted, and its data had arrived. */
export interface SinceClick {
  paintedMs: number | null;
  dataMs: number | null;
}

/** When the first screen's page reached each stage, on performance.now()'s clock (`PageStages` in paint_marks.rs). */
export interface PageStages {
  scriptMs: number | null;
  statusMs: number | null;
  dataMs: number | null;
  paintedMs: number | null;
}

/** Benchmark only: lib/paintMarks.ts calls it when the app was started to report paints. */
export function recordPaintMark(
  mark: PaintMark,
  sinceClick: SinceClick,
  clickAt: [number, number] | null,
  stages: PageStages | null,
): Promise<void> {
  return call<void>("record_paint_mark", { mark, sinceClick, clickAt, stages });
}
