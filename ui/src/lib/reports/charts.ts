// Geometry for the QM3 report's two charts, drawn as plain SVG (no script or inline style, so
// the strict CSP holds). The figures come from the backend; this only scales them to the box.
import type { DecisionBar, ToldByDay } from "../../backend";

export const CHART = { width: 640, height: 240, left: 48, bottom: 32, top: 12, right: 12 } as const;

const plotHeight = CHART.height - CHART.top - CHART.bottom;
const plotWidth = CHART.width - CHART.left - CHART.right;

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  late: boolean;
  /** The timescale's mark over the bar, when there is one. */
  timescaleY: number | null;
}

/** One bar per case: working days from notification to decision, against its timescale. */
export function decisionBars(bars: DecisionBar[]): { bars: Bar[]; max: number } {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.workingDays, b.timescale ?? 0)));
  const slot = plotWidth / Math.max(1, bars.length);
  const scale = (v: number) => (v / max) * plotHeight;
  return {
    max,
    bars: bars.map((b, i) => ({
      x: CHART.left + i * slot + slot * 0.15,
      y: CHART.top + plotHeight - scale(b.workingDays),
      width: slot * 0.7,
      height: scale(b.workingDays),
      label: b.reference,
      late: b.withinTimescale === false,
      timescaleY: b.timescale === null ? null : CHART.top + plotHeight - scale(b.timescale),
    })),
  };
}

/** The cumulative share of members told, as a polyline's points (day on x, percent on y). */
export function toldLine(days: ToldByDay[]): string {
  const last = Math.max(1, ...days.map((d) => d.day));
  return days
    .map((d) => {
      const x = CHART.left + (d.day / last) * plotWidth;
      const y = CHART.top + plotHeight - (d.percent / 100) * plotHeight;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

export const PLOT = { height: plotHeight, width: plotWidth } as const;
