/**
 * The size-dependent half of a chart: margins, axes and the SVG geometry of every line, for a width and height.
 * Pure: it reads the prepared data and writes nothing into it, so the element and a Node-side SVG renderer draw the
 * same result. What it keeps between drawings (aggregates, path memos, the live domain) lives in the `LayoutCache`
 * passed to it.
 */
import { buildAxis, Extent, xDomain, yDomain, type Axis, type NumericScale } from './axes.js';
import { dashOffsets, dotsPath, drawable, isolatedPoints, linePaths, stepAfter, type PathMemo, type XY } from './geometry.js';
import type { CurveName } from './curve.js';
import { valueFormatter, type NumberFormat } from './tick-format.js';
import { LIVE_PARTS, lineVertices, type Mapping } from './decimate.js';
import { lowerBound } from './nearest.js';
import { count, formatStep, formatValue } from './format.js';
import { LOG_HINT_RATIO, logHint, outliersMode, squeezeHint, yRange, type OutliersMode, type YRange } from './outliers.js';
import { placeLabels, type Box, type LabelCandidate, type LabelRequest, type PlacedLabel } from './place-labels.js';
import { formatWorsening, type FitAnalysis, type Severity } from './analyze-fit.js';
import type { CurveKey, PreparedCurves } from './prepare-curves.js';
import { LayoutCache, type LineCache } from './layout-cache.js';
import {
  BELOW_BASELINE_EM,
  BESIDE_BASELINE_EM,
  BEST_CLEARANCE,
  BEST_LABEL_DISTANCES,
  BEST_LABEL_SHIFT,
  CHAR_WIDTH_EM,
  CLIPPED_HEIGHT,
  CLIPPED_WIDTH,
  COMPACT_CHARS,
  COMPACT_LINES,
  DOT_RADIUS,
  EDGE_SLACK,
  LABEL_AREA,
  LABEL_OFFSET,
  LABEL_PAD,
  LINE_END_CLEARANCE,
  LINE_HEIGHT_EM,
  MARGIN_BOTTOM_EM,
  MARGIN_LEFT_EM,
  MARGIN_RIGHT_EM,
  MARGIN_TOP_EM,
  MARK_LINE_CLEARANCE,
  MARKER_MAX,
  MARKER_SPACING,
  MIN_LABELS,
  MIN_PLOT,
  MIN_TICKS,
  POINTS_PER_COLUMN,
  ROW_STEP_EM,
  ROWS_BOTTOM_EM,
  ROWS_TOP_EM,
  X_TICK_SPACING,
  Y_OVERSHOOT_PLOTS,
  Y_TICK_SPACING,
} from './layout-constants.js';

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
  /** The plot's left edge is at least this many px from the chart's (to line up with charts stacked with it). */
  minLeft?: number;
  /** An x range the unzoomed axis covers besides the data's (the data of charts stacked with it). */
  xExtent?: [number, number] | null;
  /** How the y range treats outliers: `auto` (default), `show` or `clip` (see outliers.ts). */
  outliers?: OutliersMode;
  /** Tick label formats: d3-format specifiers or functions (see `resolveFormat`); default formats when absent. */
  xFormat?: NumberFormat | null;
  yFormat?: NumberFormat | null;
  /** How lines are drawn between their vertices: `linear` (default), `step` or `monotone` (see curve.ts). */
  curve?: CurveName | null;
}

/** A point the `outliers` rule leaves outside the y range, marked on the plot's edge at its x. */
export interface ClippedMarker {
  run: number;
  key: CurveKey;
  /** The point's x, and the y of the plot edge it lies beyond, in pixels. */
  x: number;
  y: number;
  side: 'above' | 'below';
  step: number;
  /** Its value; of the points that share a pixel column, the farthest out. */
  value: number;
}

export type AnnotationKind = 'best' | 'overfit' | 'stop' | 'divergence';

/** The fit annotations of the visible runs, in pixels. */
export interface Annotations {
  best: Array<{ run: number; x: number; y: number; step: number; value: number }>;
  /** Overfitting regions, clipped to the plot; `severity` is the analysis's (the region's strength). */
  regions: Array<{ run: number; x0: number; x1: number; onset: number; severity: Exclude<Severity, 'none'> }>;
  stops: Array<{ run: number; x: number; step: number }>;
  divergences: Array<{ run: number; x: number; step: number; label: string }>;
  /** The labels that fit, clear of the curves, the markers and each other (see `layoutAnnotations`). */
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
  /** The raw line's vertices under a smoothed line, else null. */
  rawPoints: Array<XY | null> | null;
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
  /** The left edge the plot needs for its own y tick labels, before `minLeft`. */
  leftNeed: number;
  /** Points left outside the y range by the `outliers` rule: one marker per line, edge and pixel column. */
  clipped: ClippedMarker[];
  /** Notes about the y range: how many points it leaves out, or that a log axis would show the lines better. */
  notes: string[];
}

export function layoutCurves(
  p: PreparedCurves,
  {
    width,
    height,
    fontSize = 12,
    hidden,
    annotations = true,
    xDomain: zoom = null,
    outliers,
    minLeft = 0,
    xExtent = null,
    xFormat = null,
    yFormat = null,
    curve: curveOption = null,
  }: LayoutOptions,
  /** What earlier layouts of the chart kept (see layout-cache.ts); without it everything is computed afresh. */
  cache: LayoutCache = new LayoutCache(),
): CurveLayout {
  width = Math.max(0, width);
  height = Math.max(0, height);
  const charWidth = fontSize * CHAR_WIDTH_EM;
  const top = Math.ceil(fontSize * MARGIN_TOP_EM);
  const bottom = Math.ceil(fontSize * MARGIN_BOTTOM_EM);
  const right = Math.ceil(fontSize * MARGIN_RIGHT_EM);
  const plotHeight = Math.max(MIN_PLOT, height - top - bottom);

  const visible = p.lines.filter((l) => !hidden?.has(l.run));
  // The live domain only pays off once a line is decimated; until then the axis fits the data exactly.
  const decimating = visible.some((l) => l.series.steps.length > POINTS_PER_COLUMN * width);
  const { domain: domainX, live } = xDomainOf(p, visible, zoom, decimating, xExtent, cache);
  const shownY = yRangeOf(p, visible, cache, zoom ? domainX : null, outliersMode(outliers), annotations ? bestValues(p, hidden, zoom ? domainX : null) : []);
  const y = buildAxis({
    domain: yDomain(extentOf(shownY, p.logY), p.logY),
    range: [top + plotHeight, top],
    log: p.logY,
    count: Math.max(MIN_TICKS, Math.round(plotHeight / Y_TICK_SPACING)),
    format: yFormat,
  });
  const curve = curveOption ?? 'linear';
  const labelChars = Math.max(1, ...y.ticks.map((t) => t.label.length));
  const leftNeed = Math.ceil(labelChars * charWidth + fontSize * MARGIN_LEFT_EM);
  const left = Math.max(leftNeed, Math.ceil(minLeft));
  // Whole pixels, so that each M4 column is exactly one pixel column.
  const plotWidth = Math.max(MIN_PLOT, Math.floor(width - left - right));
  const x = buildAxis({
    domain: domainX,
    range: [left, left + plotWidth],
    log: p.logX,
    count: Math.max(MIN_TICKS, Math.round(plotWidth / X_TICK_SPACING)),
    // Epochs are whole; so are logged steps, which matters when a short range would get fractional ticks.
    integer:
      p.indexed ||
      (domainX[1] - domainX[0] <= 10 &&
        visible.every((l) => !l.series.steps.length || (Number.isInteger(l.stats.stepMin) && Number.isInteger(l.stats.stepMax)))),
    format: xFormat,
  });

  const mapping: Mapping = { x: x.scale, y: boundedY(y.scale, top, plotHeight), logX: p.logX, logY: p.logY, left, width: plotWidth, domain: domainX, live };
  const lines = visible.map((l): LaidOutLine => {
    const kept = cache.line(l);
    const drawnLine = { series: l.series, smoothed: l.smoothed, decimation: kept.decimation };
    const points = lineVertices(drawnLine, l.smoothed ? 'smoothed' : 'raw', mapping);
    const raw = l.smoothed ? lineVertices(drawnLine, 'raw', mapping) : null;
    const showAll = l.key === 'validation' && l.count <= Math.min(MARKER_MAX, plotWidth / MARKER_SPACING);
    const dots = showAll ? (points.filter(Boolean) as XY[]) : isolatedPoints(points);
    return {
      key: l.key,
      run: l.run,
      name: l.name,
      paths: linePaths(points, memoOf(kept, l.smoothed ? 'smoothed' : 'raw'), curve),
      dashOffsets: dashOffsets(points, curve),
      rawPaths: raw && linePaths(raw, memoOf(kept, 'raw'), curve),
      rawDashOffsets: raw && dashOffsets(raw, curve),
      rawPoints: raw,
      dots: dotsPath(dots, DOT_RADIUS),
      dotCount: dots.length,
      points,
    };
  });

  const plot = { left, top, width: plotWidth, height: plotHeight };
  const clipped = clippedMarkers(p, visible, shownY, x, y, plot);
  const notes = layoutAnnotations(p, {
    x,
    y,
    plot,
    lines,
    clipped: clipped.markers,
    hidden,
    fontSize,
    charWidth,
    enabled: annotations,
    curve,
    // A best value next to `.0%` ticks reads "best 85%", not "best 0.8525".
    formatValue: valueFormatter(yFormat, formatValue),
    formatStep: valueFormatter(xFormat, formatStep),
  });
  const first = notes.divergences.reduce<Annotations['divergences'][number] | null>((a, d) => (!a || d.step < a.step ? d : a), null);
  const divergence = first && { x: first.x, label: first.label };

  return {
    width,
    height,
    plot,
    x,
    y,
    lines,
    divergence,
    annotations: notes,
    leftNeed,
    clipped: clipped.markers,
    notes: yNotes(p, visible, shownY, clipped, y),
  };
}

/** A decimated line's last path segments, kept with its aggregates, so that a live append redraws only the last. */
function memoOf(line: LineCache, which: 'raw' | 'smoothed'): PathMemo | undefined {
  const cache = line.decimation[which];
  return cache && (cache.path ??= { points: [], segments: [] });
}

/**
 * The x domain: the zoom if any; in live mode the data's start plus the fewest sixteenths of the live span that reach
 * the last step, the span doubling when the data outgrows it (so the decimation columns only ever merge); else
 * exactly the data's step range. The live domain grows from where appends started it (`p.live`), in the cache: a
 * fresh cache grows it again from that start, to the same domain while the data only grows.
 */
function xDomainOf(
  p: PreparedCurves,
  lines: PreparedCurves['lines'],
  zoom: [number, number] | null,
  decimating: boolean,
  extent: [number, number] | null,
  cache: LayoutCache,
): { domain: [number, number]; live?: Mapping['live'] } {
  if (zoom && zoom[1] > zoom[0] && (!p.logX || zoom[0] > 0)) return { domain: zoom };
  const xs = new Extent(p.logX);
  for (const l of lines) {
    if (!l.series.steps.length) continue;
    xs.add(p.logX && l.stats.stepMin <= 0 ? (l.series.steps[lowerBound(l.series.steps, Number.MIN_VALUE)] ?? NaN) : l.stats.stepMin);
    xs.add(l.stats.stepMax);
  }
  if (extent) for (const v of extent) xs.add(v);
  const live = decimating && !p.logX && !xs.empty ? cache.live(p) : null;
  if (!live) return { domain: xDomain(xs, p.logX) };
  if (xs.min < live.x0) live.x0 = xs.min;
  while (live.x0 + live.span < xs.max) live.span *= 2;
  // The fewest sixteenths that reach the last step, computed as the domain end is (at most 16 tries).
  let parts = 1;
  while (parts < LIVE_PARTS && live.x0 + (live.span * parts) / LIVE_PARTS < xs.max) parts++;
  return { domain: [live.x0, live.x0 + (live.span * parts) / LIVE_PARTS], live: { span: live.span, parts } };
}

/**
 * The y range of the lines under the `outliers` rule (see outliers.ts): from running statistics, or over the zoomed
 * range (with the points just outside it, which the lines run to). `best` values are always kept in range.
 */
function yRangeOf(
  p: PreparedCurves,
  lines: PreparedCurves['lines'],
  cache: LayoutCache,
  range: [number, number] | null,
  mode: OutliersMode,
  best: number[],
): YRange {
  const series = lines.map((l) => {
    const { steps, values } = l.series;
    if (!range) {
      const { min, max, minPositive, maxPositive } = l.stats;
      return { values, from: 0, to: values.length, min: p.logY ? minPositive : min, max: p.logY ? maxPositive : max, memo: cache.line(l).story };
    }
    const from = Math.max(0, lowerBound(steps, range[0]) - 1);
    const to = Math.min(steps.length, lowerBound(steps, range[1]) + 1);
    return { values, from, to };
  });
  return yRange(series, { mode, log: p.logY, include: best });
}

/**
 * The y scale the lines are drawn with: a value outside the y range (an outlier left out) is drawn at most
 * `Y_OVERSHOOT_PLOTS` (8) plot heights past the plot's edge. A segment that reaches that far is all but vertical inside the plot (where it leaves
 * moves by under a ninth of its step), while an unbounded coordinate (a 1e6 spike on a range of 1) would send every
 * reader of the geometry, label placement included, across millions of pixels.
 */
function boundedY(scale: NumericScale, top: number, height: number): NumericScale {
  const lo = top - Y_OVERSHOOT_PLOTS * height;
  const hi = top + (Y_OVERSHOOT_PLOTS + 1) * height;
  const bounded = ((v: number) => {
    const px = scale(v);
    return px < lo ? lo : Math.min(px, hi);
  }) as NumericScale;
  bounded.invert = (px) => scale.invert(px);
  bounded.domain = () => scale.domain();
  bounded.range = () => scale.range();
  bounded.ticks = (count) => scale.ticks(count);
  return bounded;
}

function extentOf(r: YRange, log: boolean): Extent {
  const e = new Extent(log);
  e.add(r.min);
  e.add(r.max);
  return e;
}

/** The best validation values of the visible runs inside the x range: the best marker always lies in the y range. */
function bestValues(p: PreparedCurves, hidden: ReadonlySet<number> | undefined, range: [number, number] | null): number[] {
  const out: number[] = [];
  for (const run of p.runs) {
    const best = run.analysis.best;
    if (!best || hidden?.has(run.index) || (range && (best.step < range[0] || best.step > range[1]))) continue;
    out.push(best.value);
  }
  return out;
}

/**
 * Markers for the points outside the final y domain (the rule's outliers that padding and round ticks did not bring
 * back in), one per line, edge and pixel column, and how many points lie above and below it inside the x range.
 */
function clippedMarkers(p: PreparedCurves, lines: PreparedCurves['lines'], r: YRange, x: Axis, y: Axis, plot: Rect) {
  const [d0, d1] = y.scale.domain();
  const markers: ClippedMarker[] = [];
  let above = 0;
  let below = 0;
  lines.forEach((l, k) => {
    const columns = new Map<number, ClippedMarker>();
    for (const i of r.outside[k]) {
      const value = l.series.values[i];
      const side = value > d1 ? 'above' : value < d0 ? 'below' : null;
      const step = l.series.steps[i];
      if (!side || !drawable(step, p.logX)) continue;
      const px = x.scale(step);
      if (!(px >= plot.left - EDGE_SLACK && px <= plot.left + plot.width + EDGE_SLACK)) continue;
      if (side === 'above') above++;
      else below++;
      const column = Math.round(px) * 2 + (side === 'above' ? 0 : 1);
      const m = columns.get(column);
      if (m && (side === 'above' ? m.value >= value : m.value <= value)) continue;
      columns.set(column, { run: l.run, key: l.key, x: px, y: side === 'above' ? plot.top : plot.top + plot.height, side, step, value });
    }
    markers.push(...columns.values());
  });
  return { markers, above, below };
}

/** The notes under the chart about its y range. */
function yNotes(p: PreparedCurves, lines: PreparedCurves['lines'], r: YRange, clipped: { above: number; below: number }, y: Axis): string[] {
  const notes: string[] = [];
  const [d0, d1] = y.scale.domain();
  const { above, below } = clipped;
  if (above || below) {
    const where = [below && `${count(below, 'point')} below ${formatValue(d0)}`, above && `${below ? above : count(above, 'point')} above ${formatValue(d1)}`];
    const one = above + below === 1;
    notes.push(`${where.filter(Boolean).join(' and ')} ${one ? 'is' : 'are'} outside the y range (outliers="show" shows ${one ? 'it' : 'them'}).`);
  }
  if (logHint(r.stories, p.logY)) {
    let lo = -1;
    let hi = -1;
    r.stories.forEach((s, k) => {
      if (!s) return;
      if (lo < 0 || s.median < r.stories[lo]!.median) lo = k;
      if (hi < 0 || s.median > r.stories[hi]!.median) hi = k;
    });
    notes.push(`${lines[lo].name} and ${lines[hi].name} differ by more than ${LOG_HINT_RATIO}× (log-y shows both).`);
  } else {
    const k = squeezeHint(r.stories, d0, d1, p.logY);
    if (k >= 0) notes.push(`${lines[k].name} moves within a sliver of the y range (log-y shows it).`);
  }
  return notes;
}

interface AnnotationContext {
  x: Axis;
  y: Axis;
  plot: Rect;
  lines: LaidOutLine[];
  /** The clipped markers on the plot's edges, which labels keep clear of too. */
  clipped: ClippedMarker[];
  hidden?: ReadonlySet<number>;
  fontSize: number;
  charWidth: number;
  enabled: boolean;
  /** The lines' curve: labels keep clear of a step line's corners. */
  curve: CurveName;
  /** How labels write a value and a step: as the tick labels do when `yFormat`/`xFormat` is set. */
  formatValue: (value: number) => string;
  formatStep: (step: number) => string;
}

/** Which labels stay when the plot is crowded, highest first: divergence labels are dropped first, stop labels last. */
const LABEL_PRIORITY: Record<AnnotationKind, number> = { stop: 4, best: 3, overfit: 2, divergence: 1 };

/** A label's full text, its short text, and for small plots a shorter one still (default: the short text). */
type LabelText = { text: string; short: string; tiny?: string };

/**
 * What a run's labels say, in full and short. `what` is the divergence's value ("NaN", "∞"). The
 * stop label names the rule it replays, never advice; it says when that rule stops before the best checkpoint.
 */
function labelTexts(
  a: FitAnalysis,
  unit: 'epoch' | 'step',
  what: string,
  { formatValue, formatStep }: Pick<AnnotationContext, 'formatValue' | 'formatStep'>,
): Record<AnnotationKind, LabelText> {
  const worse = formatWorsening(a);
  const mild = a.severity === 'mild';
  const patience = a.options.patience;
  const early = a.stopStep !== null && a.best !== null && a.stopStep < a.best.step;
  const best = a.best ? `best ${formatValue(a.best.value)}` : 'best';
  return {
    overfit: {
      text: `${mild ? 'mild ' : ''}overfitting${worse ? ` (${worse})` : ''}`,
      short: `${mild ? 'mild ' : ''}overfit${worse ? ` ${worse}` : ''}`,
      tiny: worse ? `overfit ${worse}` : mild ? 'mild overfit' : 'overfit',
    },
    stop: {
      text: `EarlyStopping(patience=${patience})${early ? ': stops before best' : ''}`,
      short: `stop (p=${patience})${early ? ', before best' : ''}`,
      tiny: `stop (p=${patience})`,
    },
    best: { text: best, short: best },
    divergence: { text: a.diverged === null ? what : `${what} at ${unit} ${formatStep(a.diverged)}`, short: what },
  };
}

/**
 * Markers from each visible run's fit analysis, and their labels. Divergence is always computed (it is also what
 * `divergence` reports); the rest only when enabled. The overfitting region and label only when the run's state is
 * "overfitting"; markers outside a zoomed x range are left out, and regions are clipped to it.
 *
 * Labels never cover a curve (raw ones included), a marker or each other: each tries positions beside its mark, with
 * its full text and then its short one, and is left out when none is clear. They are placed by priority (stop, best,
 * overfitting, divergence), so a crowded plot loses the divergence label first. Small plots use the short texts
 * only; a comparison of runs labels at most one mark per `LABEL_AREA` of plot, each run's in legend order.
 */
function layoutAnnotations(p: PreparedCurves, c: AnnotationContext): Annotations {
  const out: Annotations = { best: [], regions: [], stops: [], divergences: [], labels: [] };
  const { x, y, plot } = c;
  const unit = p.indexed ? 'epoch' : 'step';
  const right = plot.left + plot.width;
  const bottom = plot.top + plot.height;
  // Inside the plot's x range (half a pixel of slack for rounding): a zoom can leave marks outside it.
  const inX = (step: number) => {
    if (!drawable(step, p.logX)) return false;
    const px = x.scale(step);
    return px >= plot.left - EDGE_SLACK && px <= right + EDGE_SLACK;
  };
  const requests: Array<LabelRequest & { run: number; kind: AnnotationKind }> = [];
  const compact = plot.width < COMPACT_CHARS * c.charWidth || plot.height < COMPACT_LINES * c.fontSize;
  // Baselines across the plot every half line, from the top or from the bottom, both ends included.
  const rows = (fromTop: boolean) => {
    const first = plot.top + c.fontSize * ROWS_TOP_EM;
    const last = bottom - c.fontSize * ROWS_BOTTOM_EM;
    const n = Math.max(0, Math.floor((last - first) / (c.fontSize * ROW_STEP_EM)));
    const ys = last < first ? [] : n === 0 ? [first] : Array.from({ length: n + 1 }, (_, k) => first + ((last - first) * k) / n);
    return fromTop ? ys : ys.reverse();
  };
  // Beside a vertical mark, row by row: right of `left`, then left of `right`.
  const beside = (left: number, right: number, ys: number[]): LabelCandidate[] =>
    ys.flatMap((y) => [
      { x: left + LABEL_OFFSET, y, anchor: 'start' as const },
      { x: right - LABEL_OFFSET, y, anchor: 'end' as const },
    ]);
  const request = (run: number, kind: AnnotationKind, { text, short, tiny = short }: LabelText, candidates: LabelCandidate[]) => {
    // Compared runs' labels name the run; short texts leave the name to the label's color.
    const full = p.multi ? `${p.runs[run].name}: ${text}` : text;
    // A large plot falls back to the tiny text last: an early-stop line among spiky curves still says what it is.
    requests.push({ run, kind, text: compact ? short : full, short: compact ? tiny : short, shortest: tiny, priority: LABEL_PRIORITY[kind], candidates });
  };

  for (const run of p.runs) {
    if (c.hidden?.has(run.index)) continue;
    const a = run.analysis;
    const value =
      a.diverged === null
        ? undefined
        : run.lines
            .map((l) => {
              const i = lowerBound(l.series.steps, a.diverged!);
              return l.series.steps[i] === a.diverged ? l.series.values[i] : undefined;
            })
            .find((v) => v !== undefined && !Number.isFinite(v));
    const texts = labelTexts(a, unit, value === undefined || Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞', c);
    if (a.diverged !== null && drawable(a.diverged, p.logX) && Number.isFinite(x.scale(a.diverged))) {
      const label = texts.divergence;
      const px = x.scale(a.diverged);
      out.divergences.push({ run: run.index, x: px, step: a.diverged, label: label.text });
      if (inX(a.diverged)) request(run.index, 'divergence', label, beside(px, px, rows(true)));
    }
    if (!c.enabled) continue;
    if (a.state === 'overfitting' && a.onset !== null && drawable(a.onset, p.logX)) {
      const last = Math.max(...run.lines.map((l) => l.series.steps[l.series.steps.length - 1] ?? -Infinity));
      const x0 = Math.max(plot.left, x.scale(a.onset));
      const x1 = Math.min(right, Math.max(x0, x.scale(last)));
      if (x0 <= right && Number.isFinite(x1)) {
        out.regions.push({ run: run.index, x0, x1, onset: a.onset, severity: a.severity === 'none' ? 'clear' : a.severity });
        request(run.index, 'overfit', texts.overfit, beside(x0, x1, rows(true)));
      }
    }
    if (a.best && inX(a.best.step) && drawable(a.best.value, p.logY)) {
      const bx = x.scale(a.best.step);
      const by = y.scale(a.best.value);
      out.best.push({ run: run.index, x: bx, y: by, step: a.best.step, value: a.best.value });
      // Below, above, right, left of the marker; then below and above starting or ending just past its center (for a
      // marker near the plot's edge); then the corners. Then farther out, up to about two lines away (farther, a label
      // no longer reads as the marker's; see BEST_LABEL_DISTANCES).
      const shift = BEST_LABEL_SHIFT;
      const candidates = BEST_LABEL_DISTANCES.flatMap((d) => {
        const below = by + d + c.fontSize * BELOW_BASELINE_EM;
        const above = by - d;
        const side = by + c.fontSize * BESIDE_BASELINE_EM;
        return [
          { x: bx, y: below, anchor: 'middle' as const },
          { x: bx, y: above, anchor: 'middle' as const },
          { x: bx + d, y: side, anchor: 'start' as const },
          { x: bx - d, y: side, anchor: 'end' as const },
          { x: bx - shift, y: below, anchor: 'start' as const },
          { x: bx + shift, y: below, anchor: 'end' as const },
          { x: bx - shift, y: above, anchor: 'start' as const },
          { x: bx + shift, y: above, anchor: 'end' as const },
          { x: bx + d, y: below, anchor: 'start' as const },
          { x: bx - d, y: below, anchor: 'end' as const },
          { x: bx + d, y: above, anchor: 'start' as const },
          { x: bx - d, y: above, anchor: 'end' as const },
        ];
      });
      request(run.index, 'best', texts.best, candidates);
    }
    if (a.stopStep !== null && inX(a.stopStep)) {
      const sx = x.scale(a.stopStep);
      out.stops.push({ run: run.index, x: sx, step: a.stopStep });
      request(run.index, 'stop', texts.stop, beside(sx, sx, rows(false)));
    }
  }

  // Markers: the lines' end points (where the eye reads the final values), the best markers, the dots, the clipped
  // markers, and the stop and divergence lines.
  const obstacles: Box[] = [];
  const around = (px: number, py: number, r: number) => obstacles.push({ x0: px - r, y0: py - r, x1: px + r, y1: py + r });
  for (const l of c.lines) {
    for (let i = l.points.length - 1; i >= 0; i--) {
      const pt = l.points[i];
      if (pt) {
        around(pt.x, pt.y, LINE_END_CLEARANCE);
        break;
      }
    }
    if (l.dotCount) {
      const all = l.points.filter((pt): pt is XY => pt !== null);
      for (const pt of all.length === l.dotCount ? all : isolatedPoints(l.points)) around(pt.x, pt.y, DOT_RADIUS + EDGE_SLACK);
    }
  }
  for (const b of out.best) around(b.x, b.y, BEST_CLEARANCE);
  // Clipped markers: triangles pointing out of the plot from its edge.
  const half = CLIPPED_WIDTH / 2;
  for (const m of c.clipped) {
    obstacles.push({
      x0: m.x - half,
      y0: m.side === 'above' ? m.y : m.y - CLIPPED_HEIGHT,
      x1: m.x + half,
      y1: m.side === 'above' ? m.y + CLIPPED_HEIGHT : m.y,
    });
  }
  for (const m of [...out.stops, ...out.divergences])
    obstacles.push({ x0: m.x - MARK_LINE_CLEARANCE, y0: plot.top, x1: m.x + MARK_LINE_CLEARANCE, y1: bottom });
  const bounds = { x0: plot.left, y0: plot.top, x1: right, y1: bottom };
  const drawnAs = (points: Array<XY | null>) => (c.curve === 'step' ? stepAfter(points) : points);
  const curves = c.lines.flatMap((l) => (l.rawPoints ? [drawnAs(l.points), drawnAs(l.rawPoints)] : [drawnAs(l.points)]));
  const max = p.multi ? Math.max(MIN_LABELS, Math.floor((plot.width * plot.height) / LABEL_AREA)) : Infinity;
  const placed = placeLabels(requests, {
    bounds,
    obstacles,
    curves,
    charWidth: c.charWidth,
    lineHeight: c.fontSize * LINE_HEIGHT_EM,
    crowded: 'drop',
    max,
    pad: LABEL_PAD,
  });
  out.labels = placed.map((l) => ({ ...l, run: requests[l.request].run, kind: requests[l.request].kind }));
  return out;
}
