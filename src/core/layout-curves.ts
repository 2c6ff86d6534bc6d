/**
 * The size-dependent half of a chart: margins, axes and the SVG geometry of every line, for a width and height.
 * Pure: the element and a Node-side SVG renderer draw the same result.
 */
import { buildAxis, Extent, xDomain, yDomain, type Axis } from './axes.js';
import { dashOffsets, dotsPath, drawable, isolatedPoints, linePaths, type PathMemo, type XY } from './geometry.js';
import { LIVE_PARTS, lineVertices, type Mapping } from './decimate.js';
import { lowerBound } from './nearest.js';
import { formatStep, formatValue } from './format.js';
import { besideMark, placeLabels, type Box, type LabelRequest, type PlacedLabel } from './place-labels.js';
import type { CurveKey, PreparedCurves, PreparedLine } from './prepare-curves.js';

export interface LayoutOptions {
  width: number;
  height: number;
  /** Font size of tick labels in px, used to reserve room for them. */
  fontSize?: number;
  /** Indices of runs not to draw (toggled off in the legend); the axes fit the visible runs. */
  hidden?: ReadonlySet<number>;
  /** Lay out the fit annotations (best, overfitting region, early stop, divergence). Default true. */
  annotations?: boolean;
  /** A zoomed x range; the y axis then fits the data inside it. Default: all the data. */
  xDomain?: [number, number] | null;
}

export type AnnotationKind = 'best' | 'overfit' | 'stop' | 'divergence';

/** The fit annotations of the visible runs, in pixels. */
export interface Annotations {
  best: Array<{ run: number; x: number; y: number; step: number; value: number }>;
  regions: Array<{ run: number; x0: number; x1: number; onset: number }>;
  stops: Array<{ run: number; x: number; step: number }>;
  divergences: Array<{ run: number; x: number; step: number; label: string }>;
  labels: Array<PlacedLabel & { run: number; kind: AnnotationKind }>;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LaidOutLine {
  key: CurveKey;
  run: number;
  name: string;
  /**
   * The drawn line (smoothed values when smoothing is on, raw otherwise) as path segments side by side, each of at
   * most `SEGMENT_VERTICES` points; a segment that continues the line starts with a move to the last one's end.
   */
  paths: string[];
  /** Each segment's `stroke-dashoffset`, so that a dashed line's pattern runs on across segments (see `dashOffsets`). */
  dashOffsets: number[];
  /** The raw line under a smoothed one (drawn faint), in segments likewise, else null. */
  rawPaths: string[] | null;
  /** The raw line's segment offsets likewise, else null. */
  rawDashOffsets: number[] | null;
  /** Dots: every point when the series is short enough to read them, else only points no segment draws. */
  dots: string;
  /** Number of dots in `dots`. */
  dotCount: number;
  /** The drawn vertices (every point, or each pixel column's M4 points), null where the line breaks. */
  points: Array<XY | null>;
}

export interface CurveLayout {
  width: number;
  height: number;
  plot: Rect;
  x: Axis;
  y: Axis;
  lines: LaidOutLine[];
  /** Where a visible run produced NaN/Infinity first, in pixels, with its label; null if none did. */
  divergence: { x: number; label: string } | null;
  annotations: Annotations;
}

/** Validation points get markers while there are at most this many, and at least this many pixels each. */
const MARKER_MAX = 60;
const MARKER_SPACING = 10;
const DOT_RADIUS = 2.5;

export function layoutCurves(p: PreparedCurves, { width, height, fontSize = 12, hidden, annotations = true, xDomain: zoom = null }: LayoutOptions): CurveLayout {
  width = Math.max(0, width);
  height = Math.max(0, height);
  const charWidth = fontSize * 0.62;
  const top = Math.ceil(fontSize * 0.75);
  const bottom = Math.ceil(fontSize * 3.4);
  const right = Math.ceil(fontSize * 1.5);
  const plotHeight = Math.max(10, height - top - bottom);

  const visible = p.lines.filter((l) => !hidden?.has(l.run));
  // The live domain only pays off once a line is decimated; until then the axis fits the data exactly.
  const decimating = visible.some((l) => l.series.steps.length > 4 * width);
  const { domain: domainX, live } = xDomainOf(p, visible, zoom, decimating);
  const y = buildAxis({
    domain: yDomain(yExtent(p, visible, zoom ? domainX : null), p.logY),
    range: [top + plotHeight, top],
    log: p.logY,
    count: Math.max(2, Math.round(plotHeight / 40)),
  });
  const labelChars = Math.max(1, ...y.ticks.map((t) => t.label.length));
  const left = Math.ceil(labelChars * charWidth + fontSize * 2.4);
  // Whole pixels, so that each M4 column is exactly one pixel column.
  const plotWidth = Math.max(10, Math.floor(width - left - right));
  const x = buildAxis({
    domain: domainX,
    range: [left, left + plotWidth],
    log: p.logX,
    count: Math.max(2, Math.round(plotWidth / 80)),
    // Epochs are whole; so are logged steps, which matters when a short range would get fractional ticks.
    integer:
      p.indexed ||
      (domainX[1] - domainX[0] <= 10 &&
        visible.every((l) => !l.series.steps.length || (Number.isInteger(l.stats.stepMin) && Number.isInteger(l.stats.stepMax)))),
  });

  const mapping: Mapping = { x: x.scale, y: y.scale, logX: p.logX, logY: p.logY, left, width: plotWidth, domain: domainX, live };
  const lines = visible.map((l): LaidOutLine => {
    const points = lineVertices(l, l.smoothed ? 'smoothed' : 'raw', mapping);
    const raw = l.smoothed ? lineVertices(l, 'raw', mapping) : null;
    const showAll = l.key === 'validation' && l.count <= Math.min(MARKER_MAX, plotWidth / MARKER_SPACING);
    const dots = showAll ? (points.filter(Boolean) as XY[]) : isolatedPoints(points);
    return {
      key: l.key,
      run: l.run,
      name: l.name,
      paths: linePaths(points, memoOf(l, l.smoothed ? 'smoothed' : 'raw')),
      dashOffsets: dashOffsets(points),
      rawPaths: raw && linePaths(raw, memoOf(l, 'raw')),
      rawDashOffsets: raw && dashOffsets(raw),
      dots: dotsPath(dots, DOT_RADIUS),
      dotCount: dots.length,
      points,
    };
  });

  const plot = { left, top, width: plotWidth, height: plotHeight };
  const notes = layoutAnnotations(p, { x, y, plot, lines, hidden, fontSize, charWidth, enabled: annotations });
  const first = notes.divergences.reduce<Annotations['divergences'][number] | null>((a, d) => (!a || d.step < a.step ? d : a), null);
  const divergence = first && { x: first.x, label: first.label };

  return { width, height, plot, x, y, lines, divergence, annotations: notes };
}

/** A decimated line's last path segments, kept with its aggregates, so that a live append redraws only the last. */
function memoOf(line: PreparedLine, which: 'raw' | 'smoothed'): PathMemo | undefined {
  const cache = line.decimation[which];
  return cache && (cache.path ??= { points: [], segments: [] });
}

/**
 * The x domain: the zoom if any; in live mode the data's start plus the fewest sixteenths of the live span that reach
 * the last step, the span doubling when the data outgrows it (so the decimation columns only ever merge); else
 * exactly the data's step range.
 */
function xDomainOf(p: PreparedCurves, lines: PreparedCurves['lines'], zoom: [number, number] | null, decimating: boolean): { domain: [number, number]; live?: Mapping['live'] } {
  if (zoom && zoom[1] > zoom[0] && (!p.logX || zoom[0] > 0)) return { domain: zoom };
  const xs = new Extent(p.logX);
  for (const l of lines) {
    if (!l.series.steps.length) continue;
    xs.add(p.logX && l.stats.stepMin <= 0 ? l.series.steps[lowerBound(l.series.steps, Number.MIN_VALUE)] ?? NaN : l.stats.stepMin);
    xs.add(l.stats.stepMax);
  }
  if (!p.live || !decimating || p.logX || xs.empty) return { domain: xDomain(xs, p.logX) };
  const live = p.live;
  if (xs.min < live.x0) live.x0 = xs.min;
  while (live.x0 + live.span < xs.max) live.span *= 2;
  // The fewest sixteenths that reach the last step, computed as the domain end is (at most 16 tries).
  let parts = 1;
  while (parts < LIVE_PARTS && live.x0 + (live.span * parts) / LIVE_PARTS < xs.max) parts++;
  return { domain: [live.x0, live.x0 + (live.span * parts) / LIVE_PARTS], live: { span: live.span, parts } };
}

/** The y extent of the lines: from running statistics, or by scanning the zoomed range. */
function yExtent(p: PreparedCurves, lines: PreparedCurves['lines'], range: [number, number] | null): Extent {
  const ys = new Extent(p.logY);
  for (const l of lines) {
    if (!range) {
      ys.add(p.logY ? l.stats.minPositive : l.stats.min);
      ys.add(p.logY ? l.stats.maxPositive : l.stats.max);
      continue;
    }
    const { steps, values } = l.series;
    const from = Math.max(0, lowerBound(steps, range[0]) - 1);
    const to = Math.min(steps.length, lowerBound(steps, range[1]) + 1);
    for (let i = from; i < to; i++) ys.add(values[i]);
  }
  return ys;
}

interface AnnotationContext {
  x: Axis;
  y: Axis;
  plot: Rect;
  lines: LaidOutLine[];
  hidden?: ReadonlySet<number>;
  fontSize: number;
  charWidth: number;
  enabled: boolean;
}

/**
 * Markers from each visible run's fit analysis, and their labels placed clear of each other and of the lines'
 * end points. Divergence is always computed (it is also what `divergence` reports); the rest only when enabled.
 */
function layoutAnnotations(p: PreparedCurves, c: AnnotationContext): Annotations {
  const out: Annotations = { best: [], regions: [], stops: [], divergences: [], labels: [] };
  const { x, y, plot } = c;
  const unit = p.indexed ? 'epoch' : 'step';
  const inX = (step: number) => drawable(step, p.logX) && Number.isFinite(x.scale(step));
  const requests: Array<LabelRequest & { run: number; kind: AnnotationKind }> = [];
  const top = plot.top + c.fontSize * 1.1;
  const bottom = plot.top + plot.height - c.fontSize * 0.5;
  const rows = (y0: number, dir: number) => [0, 1, 2, 3].map((k) => y0 + dir * k * c.fontSize * 1.3);
  const prefix = (run: number) => (p.multi ? `${p.runs[run].name}: ` : '');

  for (const run of p.runs) {
    if (c.hidden?.has(run.index)) continue;
    const a = run.analysis;
    if (a.diverged !== null && inX(a.diverged)) {
      const value = run.lines
        .map((l) => {
          const i = lowerBound(l.series.steps, a.diverged!);
          return l.series.steps[i] === a.diverged ? l.series.values[i] : undefined;
        })
        .find((v) => v !== undefined && !Number.isFinite(v));
      const what = value === undefined || Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
      const label = `${what} at ${unit} ${formatStep(a.diverged)}`;
      const px = x.scale(a.diverged);
      out.divergences.push({ run: run.index, x: px, step: a.diverged, label });
      requests.push({ run: run.index, kind: 'divergence', text: prefix(run.index) + label, candidates: besideMark(px, px, rows(top, 1)) });
    }
    if (!c.enabled) continue;
    if (a.onset !== null && inX(a.onset)) {
      const x0 = x.scale(a.onset);
      const last = Math.max(...run.lines.map((l) => l.series.steps[l.series.steps.length - 1] ?? -Infinity));
      const x1 = Math.max(x0, x.scale(last));
      out.regions.push({ run: run.index, x0, x1, onset: a.onset });
      const text = `${prefix(run.index)}overfitting`;
      requests.push({ run: run.index, kind: 'overfit', text, candidates: besideMark(x0, x1, rows(top, 1)) });
    }
    if (a.best && inX(a.best.step) && drawable(a.best.value, p.logY)) {
      const bx = x.scale(a.best.step);
      const by = y.scale(a.best.value);
      out.best.push({ run: run.index, x: bx, y: by, step: a.best.step, value: a.best.value });
      const text = `${prefix(run.index)}best ${formatValue(a.best.value)}`;
      const d = 8;
      requests.push({ run: run.index, kind: 'best', text, candidates: [
        { x: bx, y: by + d + c.fontSize * 0.8, anchor: 'middle' }, { x: bx, y: by - d, anchor: 'middle' },
        { x: bx + d, y: by + c.fontSize * 0.35, anchor: 'start' }, { x: bx - d, y: by + c.fontSize * 0.35, anchor: 'end' },
        { x: bx + d, y: by + d + c.fontSize * 0.8, anchor: 'start' }, { x: bx - d, y: by + d + c.fontSize * 0.8, anchor: 'end' },
        { x: bx + d, y: by - d, anchor: 'start' }, { x: bx - d, y: by - d, anchor: 'end' },
      ] });
    }
    if (a.stopStep !== null && inX(a.stopStep)) {
      const sx = x.scale(a.stopStep);
      out.stops.push({ run: run.index, x: sx, step: a.stopStep });
      const text = `${prefix(run.index)}early stop`;
      requests.push({ run: run.index, kind: 'stop', text, candidates: besideMark(sx, sx, rows(bottom, -1)) });
    }
  }

  // Keep labels off the lines' end points, where the eye reads the final values, and off the best markers.
  const obstacles: Box[] = [];
  const r = 7;
  for (const l of c.lines) {
    for (let i = l.points.length - 1; i >= 0; i--) {
      const pt = l.points[i];
      if (pt) {
        obstacles.push({ x0: pt.x - r, y0: pt.y - r, x1: pt.x + r, y1: pt.y + r });
        break;
      }
    }
  }
  for (const b of out.best) obstacles.push({ x0: b.x - r, y0: b.y - r, x1: b.x + r, y1: b.y + r });
  const bounds = { x0: plot.left, y0: plot.top, x1: plot.left + plot.width, y1: plot.top + plot.height };
  // Curves are obstacles too, weighted lower than end points: a label may cross a line when nothing else fits.
  const curves = c.lines.map((l) => l.points);
  const placed = placeLabels(requests, { bounds, obstacles, curves, charWidth: c.charWidth, lineHeight: c.fontSize * 1.2 });
  out.labels = placed.map((l, i) => ({ ...l, run: requests[i].run, kind: requests[i].kind }));
  return out;
}
