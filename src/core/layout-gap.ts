/**
 * Geometry of the generalization-gap chart: each run's gap (from its fit analysis) over time, the zero line, the
 * threshold band, the area between the gap and zero split by sign, and the onset.
 */
import { buildAxis, Extent, xDomain, yDomain, type Axis } from './axes.js';
import { area, line } from 'd3-shape';
import { CURVES, type CurveName } from './curve.js';
import { dotsPath, drawable, isolatedPoints, linePath, stepAfter, type XY } from './geometry.js';
import type { NumberFormat } from './tick-format.js';
import { lineVertices } from './decimate.js';
import { lowerBound } from './nearest.js';
import type { Rect } from './layout-curves.js';
import type { PreparedCurves } from './prepare-curves.js';
import { LayoutCache } from './layout-cache.js';
import {
  CHAR_WIDTH_EM,
  GAP_DOT_RADIUS,
  GAP_LABEL_ROWS,
  GAP_ROW_STEP_EM,
  LABEL_OFFSET,
  LINE_HEIGHT_EM,
  MARGIN_BOTTOM_EM,
  MARGIN_LEFT_EM,
  MARGIN_RIGHT_EM,
  MARGIN_TOP_EM,
  MIN_PLOT,
  MIN_TICKS,
  ROWS_TOP_EM,
  SPARKLINE_DOT_RADIUS,
  SPARKLINE_MIN_PLOT,
  SPARKLINE_PAD,
  X_TICK_SPACING,
  Y_TICK_SPACING,
} from './layout-constants.js';
import type { StepPoint } from './analyze-fit.js';
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
  /** The plot's left edge is at least this many px from the chart's (to line up with charts stacked with it). */
  minLeft?: number;
  /** An x range the unzoomed axis covers besides the gap's (the data of charts stacked with it). */
  xExtent?: [number, number] | null;
  /** Tick label formats: d3-format specifiers or functions (see `resolveFormat`); default formats when absent. */
  xFormat?: NumberFormat | null;
  yFormat?: NumberFormat | null;
  /**
   * How the gap is drawn between its points (see curve.ts). Absent: steps where validation is sparse (see
   * `SPARSE_VALIDATION_RATIO`), else straight lines.
   */
  curve?: CurveName | null;
}

export { stepAfter };

/**
 * Validation is sparse, and its gap drawn as steps, when training logged at least this many points per validation
 * check: Lightning logs training every 50 steps and validates once per epoch, so a run of a few epochs has a handful
 * of checks over hundreds of training points. A straight line between two checks thousands of steps apart would
 * show a trend nobody measured; a step holds each check's gap until the next one (d3's `curveStepAfter`). Keras
 * histories (one value of each per epoch) and validation every few training logs stay lines.
 */
export const SPARSE_VALIDATION_RATIO = 10;

/** Whether a run's gap is drawn as steps: training has at least `SPARSE_VALIDATION_RATIO` points per gap point. */
export function sparseValidation(train: number, checks: number): boolean {
  return checks > 0 && train >= SPARSE_VALIDATION_RATIO * checks;
}

export interface GapRunLayout {
  run: number;
  /**
   * The gap line: every point, or each pixel column's first, lowest, highest and last when there are more. Joined by
   * steps when validation is sparse (`stepped`).
   */
  path: string;
  /** Area between the gap and zero where the gap is positive (training does better: the overfitting side). */
  positiveArea: string;
  /** Area between the gap and zero where it is negative (validation does better, as with Dropout): neutral. */
  negativeArea: string;
  /** The gap's vertices (null where the line breaks), the nearest point outside a zoomed range included. */
  points: Array<XY | null>;
  /** Whether validation is sparse and the gap drawn as steps (see `SPARSE_VALIDATION_RATIO`). */
  stepped: boolean;
  /** Dots on the validation checks of a stepped gap ('' otherwise). */
  dots: string;
  /**
   * The onset marker: at the analysis's onset step if the gap is positive there, else at the first later step where
   * it is; null if there is none (a negative gap is not overfitting, whatever validation did).
   */
  onset: (XY & { step: number }) | null;
}

export interface GapLayout {
  width: number;
  height: number;
  plot: Rect;
  x: Axis;
  y: Axis;
  /** Pixel y of gap 0. */
  zeroY: number;
  /** The left edge the plot needs for its own y tick labels, before `minLeft`. */
  leftNeed: number;
  /** Pixel y range of the band from 0 to the threshold, or null. */
  threshold: { y0: number; y1: number; value: number } | null;
  runs: GapRunLayout[];
  /** Where each visible run first produced NaN or ±Infinity, in pixels. */
  divergences: Array<{ run: number; x: number; step: number }>;
  /** Onset, divergence and threshold labels, placed clear of each other and of the gap lines. */
  labels: Array<PlacedLabel & { kind: 'onset' | 'threshold' | 'divergence'; run: number }>;
}

/**
 * Lays out the gap chart for a size. Pure: nothing is written into `p`; `cache` (see layout-cache.ts) keeps the
 * decimation of each run's gap between layouts of the same analysis, and without it everything is computed afresh.
 */
export function layoutGap(p: PreparedCurves, options: GapLayoutOptions, cache: LayoutCache = new LayoutCache()): GapLayout {
  const {
    fontSize = 12,
    threshold = null,
    hidden,
    compact = false,
    xDomain: zoom = null,
    minLeft = 0,
    xExtent = null,
    xFormat = null,
    yFormat = null,
    curve = null,
  } = options;
  const zoomed = zoom && zoom[1] > zoom[0] ? zoom : null;
  const width = Math.max(0, options.width);
  const height = Math.max(0, options.height);
  const charWidth = fontSize * CHAR_WIDTH_EM;
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
  if (xExtent && !compact) for (const v of xExtent) xs.add(v);

  const pad = compact ? SPARKLINE_PAD : 0;
  const top = compact ? pad : Math.ceil(fontSize * MARGIN_TOP_EM);
  const bottom = compact ? pad : Math.ceil(fontSize * MARGIN_BOTTOM_EM);
  const right = compact ? pad : Math.ceil(fontSize * MARGIN_RIGHT_EM);
  const plotHeight = Math.max(compact ? SPARKLINE_MIN_PLOT : MIN_PLOT, height - top - bottom);
  const y = buildAxis({
    domain: yDomain(ys, false),
    range: [top + plotHeight, top],
    log: false,
    count: Math.max(MIN_TICKS, Math.round(plotHeight / Y_TICK_SPACING)),
    format: yFormat,
  });
  const labelChars = Math.max(1, ...y.ticks.map((t) => t.label.length));
  const leftNeed = compact ? pad : Math.ceil(labelChars * charWidth + fontSize * MARGIN_LEFT_EM);
  const left = compact ? pad : Math.max(leftNeed, Math.ceil(minLeft));
  // Whole pixels, as the loss curves' plot: a chart stacked with one ends at the same pixel.
  const plotWidth = compact ? Math.max(SPARKLINE_MIN_PLOT, width - left - right) : Math.max(MIN_PLOT, Math.floor(width - left - right));
  const domainX = zoomed ?? xDomain(xs, p.logX);
  const x = buildAxis({
    domain: domainX,
    range: [left, left + plotWidth],
    log: p.logX,
    count: Math.max(MIN_TICKS, Math.round(plotWidth / X_TICK_SPACING)),
    integer: p.indexed,
    format: xFormat,
  });

  const zeroY = y.scale(0);
  const band = threshold !== null && Number.isFinite(threshold) ? { y0: zeroY, y1: y.scale(threshold), value: threshold } : null;

  // Decimated as the loss curves are (at most 4 vertices per pixel column, each column's extremes kept). The gap has
  // one point per validation step and is recomputed as training catches up (its last values can change), so its
  // aggregates are kept only for the same gap arrays: a re-render of the same analysis.
  const mapping = { x: x.scale, y: y.scale, logX: p.logX, logY: false, left, width: plotWidth, domain: domainX };
  const laid = runs.map((r): GapRunLayout => {
    const { steps, values } = r.analysis.gap;
    const points = lineVertices({ series: { steps, values }, smoothed: null, decimation: cache.gap(r.analysis.gap).decimation }, 'raw', mapping);
    const train = r.lines.find((l) => l.key === 'train')?.count ?? 0;
    const stepped = sparseValidation(train, finiteCount(values));
    const drawnCurve: CurveName = curve ?? (stepped ? 'step' : 'linear');
    // The vertices of what is drawn, for the areas and the labels' collision test: a step line's corners included.
    const drawn = drawnCurve === 'step' ? stepAfter(points) : points;
    const [positiveArea, negativeArea] = gapAreas(drawn, zeroY, drawnCurve === 'monotone' ? 'monotone' : 'linear');
    const onset = positiveOnset(steps, values, r.analysis.onset, p.logX);
    // Dots on every check of a stepped gap; else on the points no line segment draws (a single gap point), which the
    // line's butt caps would leave invisible.
    const all = points.filter((pt): pt is XY => pt !== null);
    const marked = stepped && !compact ? all : isolatedPoints(points);
    return {
      run: r.index,
      path: linePath(points, drawnCurve),
      positiveArea,
      negativeArea,
      points: drawn,
      stepped,
      dots: dotsPath(marked, compact ? SPARKLINE_DOT_RADIUS : GAP_DOT_RADIUS),
      onset: onset && { x: x.scale(onset.step), y: y.scale(onset.value), step: onset.step },
    };
  });

  const plot = { left, top, width: plotWidth, height: plotHeight };
  const divergences = runs
    .filter((r) => r.analysis.diverged !== null && (!p.logX || r.analysis.diverged > 0))
    .map((r) => ({ run: r.index, x: x.scale(r.analysis.diverged!), step: r.analysis.diverged! }))
    .filter((d) => d.x >= plot.left && d.x <= plot.left + plot.width);
  const labels = compact ? [] : gapLabels(p, laid, divergences, plot, band, fontSize, charWidth);
  return { width, height, plot, x, y, zeroY, leftNeed, threshold: band, runs: laid, divergences, labels };
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
    requests.push({
      kind: 'threshold',
      run: -1,
      text,
      candidates: [
        { x: right - LABEL_OFFSET, y: band.y1 - LABEL_OFFSET, anchor: 'end' },
        { x: right - LABEL_OFFSET, y: band.y1 + fontSize, anchor: 'end' },
        { x: plot.left + LABEL_OFFSET, y: band.y1 - LABEL_OFFSET, anchor: 'start' },
      ],
    });
  }
  const rows = Array.from({ length: GAP_LABEL_ROWS }, (_, k) => plot.top + fontSize * (ROWS_TOP_EM + GAP_ROW_STEP_EM * k));
  for (const r of runs) {
    if (!r.onset) continue;
    const run = p.runs[r.run];
    const text = `${p.multi ? `${run.name}: ` : ''}overfitting from ${run.analysis.unit} ${formatStep(r.onset.step)}`;
    const x = r.onset.x;
    requests.push({ kind: 'onset', run: r.run, text, candidates: besideMark(x, x, rows) });
  }
  for (const d of divergences) {
    const text = `${p.multi ? `${p.runs[d.run].name}: ` : ''}NaN or ∞ at ${p.indexed ? 'epoch' : 'step'} ${formatStep(d.step)}`;
    requests.push({ kind: 'divergence', run: d.run, text, candidates: besideMark(d.x, d.x, rows) });
  }
  const bounds = { x0: plot.left, y0: plot.top, x1: right, y1: plot.top + plot.height };
  const placed = placeLabels(requests, { bounds, curves: runs.map((r) => r.points), charWidth, lineHeight: fontSize * LINE_HEIGHT_EM });
  return placed.map((l, i) => ({ ...l, kind: requests[i].kind, run: requests[i].run }));
}

const finiteCount = (values: ArrayLike<number>) => {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  return n;
};

/**
 * Where to mark the onset: the first step at or after `onset` whose gap is positive, or null. The analysis dates
 * the onset from validation alone (its best check); a gap at or below zero there means validation still does at
 * least as well as training, which the chart does not call overfitting.
 */
export function positiveOnset(steps: ArrayLike<number>, values: ArrayLike<number>, onset: number | null, logX: boolean): StepPoint | null {
  if (onset === null) return null;
  for (let i = lowerBound(steps, onset); i < steps.length; i++) {
    if (values[i] > 0 && Number.isFinite(values[i]) && drawable(steps[i], logX)) return { step: steps[i], value: values[i] };
  }
  return null;
}

/**
 * Two area paths between the line through `points` and zero (pixel y `zeroY`; the y axis points up): one where the
 * gap is positive (above the zero line), one where it is negative. A stretch of one sign becomes one closed polygon;
 * where the line crosses zero between two vertices, both polygons end at the crossing.
 */
export function gapAreas(points: ReadonlyArray<XY | null>, zeroY: number, curve: CurveName = 'linear'): [string, string] {
  const areas = ['', ''];
  // Each stretch of one sign is written by d3-shape: as the closed line from the zero line through the stretch and
  // back down (a vertex per point, where an area() would add one on the zero line per point too); a monotone stretch
  // by area(), whose curve needs the points alone.
  const polygon = line<XY>()
    .x((p) => p.x)
    .y((p) => p.y)
    .digits(2);
  const smooth = area<XY>()
    .x((p) => p.x)
    .y1((p) => p.y)
    .y0(zeroY)
    .curve(CURVES[curve])
    .digits(2);
  const shape = (stretch: XY[]) =>
    curve === 'linear' ? `${polygon([{ x: stretch[0].x, y: zeroY }, ...stretch, { x: stretch[stretch.length - 1].x, y: zeroY }])}Z` : (smooth(stretch) ?? '');
  const sign = (p: XY) => (p.y < zeroY ? 1 : p.y > zeroY ? -1 : 0);
  let stretch: XY[] = [];
  let current = 0;
  const close = () => {
    if (stretch.length > 1 && current !== 0 && stretch[stretch.length - 1].x !== stretch[0].x) areas[current > 0 ? 0 : 1] += shape(stretch);
    stretch = [];
  };
  for (let i = 0; i < points.length; i++) {
    const b = points[i];
    const a = i > 0 ? points[i - 1] : null;
    if (!b) {
      close();
      current = 0;
      continue;
    }
    const s = sign(b);
    if (a && s !== 0 && current !== 0 && s !== current) {
      // The line crosses zero between a and b (at a itself when a is on the zero line).
      const x = a.y === b.y ? a.x : a.x + ((b.x - a.x) * (zeroY - a.y)) / (b.y - a.y);
      stretch.push({ x, y: zeroY });
      close();
      stretch.push({ x, y: zeroY });
    }
    if (s !== 0) current = s;
    stretch.push(b);
  }
  close();
  return [areas[0], areas[1]];
}

/**
 * A gap as the badge shows it, in one format for every value so that a column of badges reads at a glance: always
 * signed (U+2212 for minus), three decimals (d3-format's `+.3f`: +3.087, +0.090, −0.084, −0.008), the decimal points
 * aligned in tabular figures. Magnitudes of 1000 and more, which would not fit the badge's fixed width, take an SI
 * prefix with three significant digits (d3's `+.3s`: +1.23k, +45.6M). NaN and infinities are written out.
 */
export function formatGap(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  const sign = v < 0 || Object.is(v, -0) ? '−' : '+';
  const a = Math.abs(v);
  if (Number(a.toFixed(3)) < 1000) return sign + a.toFixed(3);
  let e = Math.floor(Math.log10(a) / 3) * 3;
  let m = Number((a / 10 ** e).toPrecision(3));
  if (m >= 1000) {
    e += 3;
    m = Number((m / 1000).toPrecision(3));
  }
  const unit = 'kMGTPEZY'[e / 3 - 1];
  return unit ? sign + m.toPrecision(3) + unit : sign + a.toExponential(2);
}
