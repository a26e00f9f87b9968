// Reports the first paint the way the app does (ui/src/lib/paintMarks.ts): after the second
// frame callback, when the frame showing the page has been drawn, with the page's own stages.
if (window.__SCR_DESK_PAINT_MARKS__ === true) {
  const scriptMs = performance.now();
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      window.__TAURI_INTERNALS__.invoke("record_paint_mark", {
        mark: "home",
        sinceClick: { paintedMs: null, dataMs: null },
        clickAt: null,
        stages: { scriptMs, statusMs: null, dataMs: null, paintedMs: performance.now() },
      });
    }),
  );
}
