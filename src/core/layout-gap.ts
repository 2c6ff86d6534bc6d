/**
 * Geometry of the generalization-gap chart: each run's gap (from its fit analysis) over time, the zero line, the
 * threshold band, the area between the gap and zero split into growing and steady stretches, and the onset.
 */
import { buildAxis, Extent, xDomain, yDomain, type Axis } from './axes.js';
import { coordinate, drawable, linePath, type XY } from './geometry.js';
import { lineVertices } from './decimate.js';
import { lowerBound } from './nearest.js';
import type { Rect } from './layout-curves.js';
import type { PreparedCurves } from './prepare-curves.js';
import { besideMark, placeLabels, type LabelRequest, type PlacedLabel } from './place-labels.js';
import { formatStep, formatValue } from './format.js';

export interface GapLayoutOptions {
  width: number;
  height: number;
  fontSize?: number;
  /** The gap above which a run counts as overfitting; draws the threshold band. */
  threshold?: number | null;
  /** Indices of runs not to draw. */
  hidden?: ReadonlySet<number>;
  /** A sparkline: no axes, no margins for labels. */
  compact?: boolean;
  /** A zoomed x range; the y axis then fits the gap inside it. */
  xDomain?: [number, number] | null;
}

export interface GapRunLayout {
  run: number;
  /** The gap line: every point, or each pixel column's first, lowest, highest and last when there are more. */
  path: string;
  /** Area between the gap and zero over the stretches where the gap grows, and over the rest. */
  growingArea: string;
  steadyArea: string;
  /** The drawn vertices (null where the line breaks), the nearest point outside a zoomed range included. */
  points: Array<XY | null>;
  onset: XY | null;
}

export interface GapLayout {
  width: number;
  height: number;
  plot: Rect;
  x: Axis;
  y: Axis;
  /** Pixel y of gap 0. */
  zeroY: number;
  /** Pixel y range of the band from 0 to the threshold, or null. */
  threshold: { y0: number; y1: number; value: number } | null;
  runs: GapRunLayout[];
  /** Where each visible run first produced NaN or ±Infinity, in pixels. */
  divergences: Array<{ run: number; x: number; step: number }>;
  /** Onset, divergence and threshold labels, placed clear of each other and of the gap lines. */
  labels: Array<PlacedLabel & { kind: 'onset' | 'threshold' | 'divergence'; run: number }>;
}

export function layoutGap(p: PreparedCurves, options: GapLayoutOptions): GapLayout {
  const { fontSize = 12, threshold = null, hidden, compact = false, xDomain: zoom = null } = options;
  const zoomed = zoom && zoom[1] > zoom[0] ? zoom : null;
  const width = Math.max(0, options.width);
  const height = Math.max(0, options.height);
  const charWidth = fontSize * 0.62;
  const runs = p.runs.filter((r) => !hidden?.has(r.index));

  const ys = new Extent();
  const xs = new Extent(p.logX);
  ys.add(0);
  if (threshold !== null && Number.isFinite(threshold)) ys.add(threshold);
  for (const r of runs) {
    const { steps, values } = r.analysis.gap;
    for (let i = 0; i < steps.length; i++) if (!zoomed || (steps[i] >= zoomed[0] && steps[i] <= zoomed[1])) ys.add(values[i]);
    xs.addAll(steps);
  }

  const pad = compact ? 2 : 0;
  const top = compact ? pad : Math.ceil(fontSize * 0.75);
  const bottom = compact ? pad : Math.ceil(fontSize * 3.4);
  const right = compact ? pad : Math.ceil(fontSize * 1.5);
  const plotHeight = Math.max(compact ? 4 : 10, height - top - bottom);
  const y = buildAxis({ domain: yDomain(ys, false), range: [top + plotHeight, top], log: false, count: Math.max(2, Math.round(plotHeight / 40)) });
  const labelChars = Math.max(1, ...y.ticks.map((t) => t.label.length));
  const left = compact ? pad : Math.ceil(labelChars * charWidth + fontSize * 2.4);
  const plotWidth = Math.max(compact ? 4 : 10, width - left - right);
  const x = buildAxis({
    domain: zoomed ?? xDomain(xs, p.logX),
    range: [left, left + plotWidth],
    log: p.logX,
    count: Math.max(2, Math.round(plotWidth / 80)),
    integer: p.indexed,
  });

  const zeroY = y.scale(0);
  const band =
    threshold !== null && Number.isFinite(threshold) ? { y0: zeroY, y1: y.scale(threshold), value: threshold } : null;

  // Decimated as the loss curves are (at most 4 vertices per pixel column, each column's extremes kept), afresh for
  // each layout: the gap has one point per validation step, and it is recomputed as training catches up.
  const mapping = { x: x.scale, y: y.scale, logX: p.logX, logY: false, left, width: plotWidth, domain: x.scale.domain() };
  const laid = runs.map((r): GapRunLayout => {
    const { steps, values } = r.analysis.gap;
    const points = lineVertices({ series: { steps, values }, smoothed: null, decimation: {} }, 'raw', mapping);
    const [growingArea, steadyArea] = gapAreas(points, zeroY);
    const onsetIndex = r.analysis.onset === null ? -1 : lowerBound(steps, r.analysis.onset);
    const onset =
      onsetIndex >= 0 && steps[onsetIndex] === r.analysis.onset && drawable(values[onsetIndex], false) && drawable(steps[onsetIndex], p.logX)
        ? { x: x.scale(steps[onsetIndex]), y: y.scale(values[onsetIndex]) }
        : null;
    return { run: r.index, path: linePath(points), growingArea, steadyArea, points, onset };
  });

  const plot = { left, top, width: plotWidth, height: plotHeight };
  const divergences = runs
    .filter((r) => r.analysis.diverged !== null && (!p.logX || r.analysis.diverged > 0))
    .map((r) => ({ run: r.index, x: x.scale(r.analysis.diverged!), step: r.analysis.diverged! }))
    .filter((d) => d.x >= plot.left && d.x <= plot.left + plot.width);
  const labels = compact ? [] : gapLabels(p, laid, divergences, plot, band, fontSize, charWidth);
  return { width, height, plot, x, y, zeroY, threshold: band, runs: laid, divergences, labels };
}

/** The threshold label at the band's edge, then each onset's label in rows from the top, none overlapping. */
function gapLabels(
  p: PreparedCurves,
  runs: GapRunLayout[],
  divergences: GapLayout['divergences'],
  plot: Rect,
  band: GapLayout['threshold'],
  fontSize: number,
  charWidth: number,
): GapLayout['labels'] {
  const requests: Array<LabelRequest & { kind: 'onset' | 'threshold' | 'divergence'; run: number }> = [];
  const right = plot.left + plot.width;
  if (band) {
    const text = `threshold ${formatValue(band.value)}`;
    requests.push({ kind: 'threshold', run: -1, text, candidates: [{ x: right - 4, y: band.y1 - 4, anchor: 'end' }, { x: right - 4, y: band.y1 + fontSize, anchor: 'end' }, { x: plot.left + 4, y: band.y1 - 4, anchor: 'start' }] });
  }
  const rows = [0, 1, 2, 3, 4, 5].map((k) => plot.top + fontSize * (1.1 + 1.3 * k));
  for (const r of runs) {
    if (!r.onset) continue;
    const run = p.runs[r.run];
    const text = `${p.multi ? `${run.name}: ` : ''}overfitting from ${run.analysis.unit} ${formatStep(run.analysis.onset!)}`;
    const x = r.onset.x;
    requests.push({ kind: 'onset', run: r.run, text, candidates: besideMark(x, x, rows) });
  }
  for (const d of divergences) {
    const text = `${p.multi ? `${p.runs[d.run].name}: ` : ''}NaN or ∞ at ${p.indexed ? 'epoch' : 'step'} ${formatStep(d.step)}`;
    requests.push({ kind: 'divergence', run: d.run, text, candidates: besideMark(d.x, d.x, rows) });
  }
  const bounds = { x0: plot.left, y0: plot.top, x1: right, y1: plot.top + plot.height };
  const placed = placeLabels(requests, { bounds, curves: runs.map((r) => r.points), charWidth, lineHeight: fontSize * 1.2 });
  return placed.map((l, i) => ({ ...l, kind: requests[i].kind, run: requests[i].run }));
}

/**
 * Two area paths between the gap line and zero: one over every interval where the gap grows (the next point is
 * higher: the y axis is linear and points up), one over the rest. Each maximal stretch of one kind becomes one closed
 * polygon.
 */
export function gapAreas(points: ReadonlyArray<XY | null>, zeroY: number): [string, string] {
  const areas = ['', ''];
  const grows = (k: number) => points[k + 1]!.y < points[k]!.y;
  let i = 0;
  while (i < points.length - 1) {
    if (!points[i] || !points[i + 1]) {
      i++;
      continue;
    }
    const growing = grows(i);
    let j = i + 1;
    while (j < points.length - 1 && points[j + 1] && grows(j) === growing) j++;
    let d = `M${coordinate(points[i]!.x)},${coordinate(zeroY)}`;
    for (let k = i; k <= j; k++) d += `L${coordinate(points[k]!.x)},${coordinate(points[k]!.y)}`;
    d += `L${coordinate(points[j]!.x)},${coordinate(zeroY)}Z`;
    areas[growing ? 0 : 1] += d;
    i = j;
  }
  return [areas[0], areas[1]];
}
