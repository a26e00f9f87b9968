// Reports when a screen has been painted with its data, for scripts/bench-window.sh only.
// The app sets the flag below before any script runs, and only when the benchmark asks it to
// (src-tauri/src/paint_marks.rs); otherwise every function here does nothing.
import { recordPaintMark, type PageStages, type PaintMark } from "../backend";

const on =
  typeof window !== "undefined" &&
  (window as { __SCR_DESK_PAINT_MARKS__?: unknown }).__SCR_DESK_PAINT_MARKS__ === true;

// When the last click reached the page, on performance.now()'s clock: read as the click's
// dispatch begins (a listener on the window, capturing), before any handler of the app's runs.
let lastClick: number | null = null;
if (on) {
  window.addEventListener("click", () => (lastClick = performance.now()), { capture: true });
}

/** The first screen's stages so far (see `PageStages`). */
const stages: PageStages = { scriptMs: null, statusMs: null, dataMs: null, paintedMs: null };

/** Notes that the page has reached `stage` on its way to the first screen (the first time only). */
export function noteStage(stage: "scriptMs" | "statusMs" | "dataMs"): void {
  if (on && stages[stage] === null) stages[stage] = performance.now();
}

/** Where the benchmark clicks after the first screen: the middle of the Cases link. */
function casesLinkCentre(): [number, number] | null {
  const box = document.getElementById("nav-cases")?.getBoundingClientRect();
  return box ? [box.left + box.width / 2, box.top + box.height / 2] : null;
}

/**
 * Reports `mark` once the frame showing the current screen has been drawn: the first frame
 * callback runs before that frame is painted, the second only after it. The cases list also
 * says how long after the click that led there it was painted, and its data had arrived
 * (`dataAt`, from performance.now() when the backend answered).
 */
export function markPainted(mark: PaintMark, dataAt: number | null = null): void {
  if (!on) return;
  const clicked = mark === "cases" ? lastClick : null;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const sinceClick = {
        paintedMs: clicked === null ? null : performance.now() - clicked,
        dataMs: clicked === null || dataAt === null ? null : dataAt - clicked,
      };
      const clickAt = mark === "home" ? casesLinkCentre() : null;
      const reached = mark === "home" ? { ...stages, paintedMs: performance.now() } : null;
      recordPaintMark(mark, sinceClick, clickAt, reached).catch(() => undefined);
    }),
  );
}
