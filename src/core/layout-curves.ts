/**
 * The size-dependent half of a chart: margins, axes and the SVG geometry of every line, for a width and height.
 * Pure: the element and a Node-side SVG renderer draw the same result.
 */
import { buildAxis, Extent, xDomain, yDomain, type Axis } from './axes.js';
import { dotsPath, isolatedPoints, linePath, project, type XY } from './geometry.js';
import { formatStep } from './format.js';
import type { CurveKey, PreparedCurves } from './prepare-curves.js';

export interface LayoutOptions {
  width: number;
  height: number;
  /** Font size of tick labels in px, used to reserve room for them. */
  fontSize?: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LaidOutLine {
  key: CurveKey;
  name: string;
  /** The drawn line: smoothed values when smoothing is on, raw otherwise. */
  path: string;
  /** The raw line under a smoothed one (drawn faint), else null. */
  rawPath: string | null;
  /** Dots: every point when the series is short enough to read them, else only points no segment draws. */
  dots: string;
  /** Number of dots in `dots`. */
  dotCount: number;
  /** Pixel positions of the drawn values, null where the line breaks; index-aligned with the series. */
  points: Array<XY | null>;
}

export interface CurveLayout {
  width: number;
  height: number;
  plot: Rect;
  x: Axis;
  y: Axis;
  lines: LaidOutLine[];
  /** Where the run produced NaN/Infinity first, in pixels, with its label; null if it never did. */
  divergence: { x: number; label: string } | null;
}

/** Validation points get markers while there are at most this many, and at least this many pixels each. */
const MARKER_MAX = 60;
const MARKER_SPACING = 10;
const DOT_RADIUS = 2.5;

export function layoutCurves(p: PreparedCurves, { width, height, fontSize = 12 }: LayoutOptions): CurveLayout {
  width = Math.max(0, width);
  height = Math.max(0, height);
  const charWidth = fontSize * 0.62;
  const top = Math.ceil(fontSize * 0.75);
  const bottom = Math.ceil(fontSize * 3.4);
  const right = Math.ceil(fontSize * 1.5);
  const plotHeight = Math.max(10, height - top - bottom);

  const ys = new Extent(p.logY);
  const xs = new Extent(p.logX);
  for (const l of p.lines) {
    ys.addAll(l.series.values);
    xs.addAll(l.series.steps);
  }
  const y = buildAxis({
    domain: yDomain(ys, p.logY),
    range: [top + plotHeight, top],
    log: p.logY,
    count: Math.max(2, Math.round(plotHeight / 40)),
  });
  const labelChars = Math.max(1, ...y.ticks.map((t) => t.label.length));
  const left = Math.ceil(labelChars * charWidth + fontSize * 2.4);
  const plotWidth = Math.max(10, width - left - right);
  const x = buildAxis({
    domain: xDomain(xs, p.logX),
    range: [left, left + plotWidth],
    log: p.logX,
    count: Math.max(2, Math.round(plotWidth / 80)),
    integer: p.indexed,
  });

  const lines = p.lines.map((l): LaidOutLine => {
    const { steps, values } = l.series;
    const points = project(steps, l.smoothed ?? values, x.scale, y.scale, p.logX, p.logY);
    const rawPath = l.smoothed ? linePath(project(steps, values, x.scale, y.scale, p.logX, p.logY)) : null;
    const showAll = l.key === 'validation' && l.count <= Math.min(MARKER_MAX, plotWidth / MARKER_SPACING);
    const dots = showAll ? (points.filter(Boolean) as XY[]) : isolatedPoints(points);
    return { key: l.key, name: l.name, path: linePath(points), rawPath, dots: dotsPath(dots, DOT_RADIUS), dotCount: dots.length, points };
  });

  let divergence: CurveLayout['divergence'] = null;
  if (p.divergence) {
    const what = Number.isNaN(p.divergence.value) ? 'NaN' : p.divergence.value > 0 ? '∞' : '−∞';
    const unit = p.indexed ? 'epoch' : 'step';
    divergence = { x: x.scale(p.divergence.step), label: `${what} at ${unit} ${formatStep(p.divergence.step)}` };
  }

  return { width, height, plot: { left, top, width: plotWidth, height: plotHeight }, x, y, lines, divergence };
}
