/**
 * The size-independent half of a chart: normalized series, smoothing, domains' data extents, divergence, the
 * accessible summary and every input issue. `layoutCurves` turns it into pixels for a given size.
 */
import { seriesFromHistory } from './history.js';
import { normalizePair, type InputIssue, type Series } from './series.js';
import { lowerBound } from './nearest.js';
import { clampWeight, emaState, extendEma, type EmaState } from './smoothing.js';
import { resolveMode, type Mode } from './metric-mode.js';
import { unionSteps } from './nearest.js';
import { describeCurves } from './summary.js';
import { asText, count } from './format.js';
import { FitTracker, type FitAnalysis, type FitOptions } from './analyze-fit.js';
import { seriesStats, type SeriesStats } from './series-stats.js';

export type CurveKey = 'train' | 'validation';

/** What a curve chart is drawn from: the element's properties, or a static renderer's options. */
export interface CurveInput {
  train?: unknown;
  validation?: unknown;
  /** A Keras `history.history` dict; `metric` and `val_<metric>` are read from it when train/validation are unset. */
  history?: unknown;
  metric?: string | null;
  xLabel?: string | null;
  yLabel?: string | null;
  label?: string | null;
  logX?: boolean;
  logY?: boolean;
  /** TensorBoard smoothing weight in [0, 1). */
  smoothing?: number;
  /** `"min"`, `"max"` or `"auto"` (from the metric name): which direction is better. */
  mode?: string | null;
  /** Several runs to compare, each `{name, train, validation}` or `{name, history}`; replaces the single run. */
  runs?: unknown;
  /** Fit analysis options (see `analyzeFit`). */
  patience?: number | null;
  minDelta?: number | null;
  startFrom?: number | null;
  baseline?: number | null;
}

/** One run of a comparison: `{name, train, validation}` or `{name, history}`. */
export interface RunInput {
  name?: string;
  train?: unknown;
  validation?: unknown;
  history?: unknown;
}

export interface PreparedRun {
  /** Display name; '' for the single run of a chart without `runs`. */
  name: string;
  /** Position in `runs`: selects the run's color. */
  index: number;
  lines: PreparedLine[];
  analysis: FitAnalysis;
  /** Keeps the analysis current as points are appended. */
  tracker: FitTracker;
}

/** Running statistics of a line, kept current by appends so that layout never rescans the data. */
export type LineStats = SeriesStats;

export interface PreparedLine {
  key: CurveKey;
  /** Index of the run in `PreparedCurves.runs`. */
  run: number;
  /** Legend name: "training" or "validation". */
  name: string;
  series: Series;
  /** The smoothed values when smoothing is on, else null. */
  smoothed: Float64Array | null;
  /** Finite values drawn. */
  count: number;
  stats: LineStats;
  /** Smoothing state for appends, or null without smoothing. */
  ema: EmaState | null;
  /** Capacity-doubling storage behind `smoothed` once points are appended. */
  smoothedBuffer?: Float64Array;
  /**
   * Changes whenever the line's points are replaced rather than appended to (new data, an out-of-order append merged
   * in): what a layout cache derived from the points starts over (see layout-cache.ts). Unique across lines.
   */
  revision: number;
}

export interface Divergence {
  step: number;
  key: CurveKey;
  /** The first non-finite value: NaN, Infinity or -Infinity. */
  value: number;
}

export interface PreparedCurves {
  metric: string;
  mode: Mode;
  title: string;
  xLabel: string;
  yLabel: string;
  /** True when x is an epoch index (plain arrays or a Keras history). */
  indexed: boolean;
  logX: boolean;
  logY: boolean;
  smoothing: number;
  /** True when the chart compares `runs`. */
  multi: boolean;
  runs: PreparedRun[];
  /** Every line of every run. */
  lines: PreparedLine[];
  /** Every step of every line, ascending and unique: where the crosshair can stop. Computed when first read. */
  readonly steps: Float64Array;
  /**
   * Bumped whenever what the layout draws changes (appends; with a `CurvePipeline`, new data, smoothing,
   * analysis or log axes; never texts alone), so that caches derived from the data know they are stale.
   */
  version: number;
  /**
   * Live mode: set once, by the first append, to the data's step range then. It is data, not layout state: that
   * points were appended (the chart shows a growing domain, and the element redraws unzoomed), and where the live
   * domain starts, which no later state of the data tells. The layout grows the domain from it (the start moving
   * down, the span doubling as the data outgrows it, so decimation stays incremental) and keeps the grown domain in
   * its `LayoutCache`, never here; without a cache it grows it afresh from this start to the same result.
   */
  live: Readonly<{ x0: number; span: number }> | null;
  divergence: Divergence | null;
  /** Shown inside the element in place of the chart when nothing can be drawn; null otherwise. */
  message: string | null;
  /** Short notes shown under the chart: data the chart cannot draw as given. */
  notices: string[];
  /** Every input issue, for one console warning each. */
  issues: InputIssue[];
  /** Text summary for screen readers. */
  summary: string;
  /** What the input asked for, kept so `refreshCurves` can recompute after appends. */
  requested: { logX: boolean; logY: boolean; xLabel: string | null; yLabel: string | null; label: string | null; inputIssues: InputIssue[] };
}

const NAMES: Record<CurveKey, string> = { train: 'training', validation: 'validation' };

/** A line's legend name: "training", or "<run> validation" in a comparison. */
export function lineName(run: string, key: CurveKey): string {
  return run ? `${run} ${NAMES[key]}` : NAMES[key];
}

/**
 * The default texts of a chart: the title when `label` is unset and the y-axis label when `yLabel` is unset. A chart
 * that draws something else of the same data (the generalization gap, say) passes its own.
 */
export interface CurveTexts {
  title(metric: string): string;
  yLabel(metric: string, mode: Mode): string;
}

export const CURVE_TEXTS: CurveTexts = {
  title: (metric) => `${capitalize(metric)} curves`,
  yLabel: (metric) => metric,
};

/**
 * Normalizes the inputs of a curve chart. Never throws. The stages a `CurvePipeline` (pipeline.ts) memoizes, run once each:
 * a chart whose options change over time keeps a pipeline instead, so that each change costs only what it changes.
 */
export function prepareCurves(input: CurveInput, texts: CurveTexts = CURVE_TEXTS): PreparedCurves {
  const p = readData(input);
  smoothLines(p, smoothingOf(input));
  analyzeRuns(p, fitOptionsOf(input, p.metric));
  setTexts(p, input, texts);
  return p;
}

/** The metric an input names: `metric`, else loss. */
export function metricOf(input: CurveInput): string {
  return asText(input.metric, '').trim() || 'loss';
}

/** The smoothing weight an input asks for, clamped to [0, 0.999]. */
export function smoothingOf(input: CurveInput): number {
  return clampWeight(Number(input.smoothing ?? 0));
}

/** The fit analysis options an input asks for, with `null` read as "the default". */
export function fitOptionsOf(input: CurveInput, metric: string): FitOptions {
  return {
    mode: input.mode === 'min' || input.mode === 'max' ? input.mode : 'auto',
    metric,
    patience: input.patience ?? undefined,
    minDelta: input.minDelta ?? undefined,
    startFrom: input.startFrom ?? undefined,
    baseline: input.baseline ?? null,
  };
}

/**
 * The data stage: reads `train`, `validation`, `history` or `runs` for `metric` into lines with their running
 * statistics, and keeps the input issues. O(points). Leaves the lines unsmoothed and the runs unanalyzed: the next
 * stages fill them in (see {@link smoothLines}, {@link analyzeRuns}, {@link setTexts}).
 */
export function readData(input: CurveInput, version = 0): PreparedCurves {
  const metric = metricOf(input);
  const issues: InputIssue[] = [];
  const sources = readRuns(input, metric, issues);
  const runs: PreparedRun[] = sources.map((src, index) => {
    const lines: PreparedLine[] = [];
    for (const [key, series] of [
      ['train', src.train],
      ['validation', src.validation],
    ] as const) {
      if (!series) continue;
      lines.push(prepareLine(key, index, lineName(src.name, key), series, 0));
    }
    // The analysis stage replaces both before anyone reads them.
    const tracker = new FitTracker({ metric });
    return { name: src.name, index, lines, tracker, analysis: tracker.update(null, null) };
  });
  const lines = runs.flatMap((r) => r.lines);

  let stepsCache: { version: number; steps: Float64Array } | null = null;
  return {
    metric,
    mode: resolveMode(input.mode, metric),
    title: '',
    xLabel: '',
    yLabel: '',
    indexed: false,
    logX: false,
    logY: false,
    smoothing: 0,
    multi: input.runs != null,
    runs,
    lines,
    get steps() {
      if (stepsCache?.version !== this.version) stepsCache = { version: this.version, steps: unionSteps(this.lines.map((l) => l.series.steps)) };
      return stepsCache.steps;
    },
    version,
    live: null,
    divergence: null,
    message: null,
    notices: [],
    issues: [],
    summary: '',
    requested: { logX: false, logY: false, xLabel: null, yLabel: null, label: null, inputIssues: issues },
  };
}

/**
 * The smoothing stage: smooths every line (appended points included) with `weight`, or drops the smoothing at 0.
 * O(points); the raw values, statistics and analyses are untouched.
 */
export function smoothLines(p: PreparedCurves, weight: number): void {
  p.smoothing = weight;
  for (const line of p.lines) {
    line.ema = weight > 0 ? emaState(weight) : null;
    line.smoothed = null;
    line.smoothedBuffer = undefined;
    if (line.ema) {
      line.smoothed = new Float64Array(line.series.values.length);
      extendEma(line.series.values, line.smoothed, 0, line.ema);
    }
  }
}

/**
 * The analysis stage: a fit tracker per run over its current lines (appended points included), and the mode.
 * O(validation points) plus O(1) per training line, whose running statistics are kept.
 */
function analyzeRuns(p: PreparedCurves, options: FitOptions): void {
  for (const _ of analyzeRunsInChunks(p, options, Infinity));
}

/**
 * {@link analyzeRuns}, `chunk` validation points at a time, yielding between chunks (for data too large to analyze
 * in one task). The tracker reads only new points, and training once at the end, so the analysis is the one a single
 * update gives. Each run's analysis is set when its last chunk is read.
 */
export function* analyzeRunsInChunks(p: PreparedCurves, options: FitOptions, chunk: number): Generator<void, void> {
  p.mode = resolveMode(options.mode, p.metric);
  for (const run of p.runs) {
    const series = (key: CurveKey) => run.lines.find((l) => l.key === key)?.series ?? null;
    const tracker = new FitTracker(options);
    const validation = series('validation');
    for (let to = chunk; validation && to < validation.values.length; to += chunk) {
      tracker.update(null, prefix(validation, to));
      yield;
    }
    run.tracker = tracker;
    run.analysis = tracker.update(series('train'), validation);
  }
}

/** The first `n` points of a series, as views (no copy). */
function prefix(s: Series, n: number): Series {
  return { steps: s.steps.subarray(0, n), values: s.values.subarray(0, n), nonFinite: s.nonFinite.subarray(0, n), indexed: s.indexed };
}

/**
 * The texts stage: the title and axis labels (from `label`, `xLabel`, `yLabel`, else `texts`), the log axes asked
 * for, and what follows from them (see {@link refreshCurves}). O(lines).
 */
export function setTexts(p: PreparedCurves, input: CurveInput, texts: CurveTexts = CURVE_TEXTS): void {
  const r = p.requested;
  r.label = input.label ?? null;
  r.xLabel = input.xLabel ?? null;
  r.yLabel = input.yLabel ?? null;
  r.logX = !!input.logX;
  r.logY = !!input.logY;
  p.title = asText(r.label, '').trim() || texts.title(p.metric);
  p.yLabel = r.yLabel ?? texts.yLabel(p.metric, p.mode);
  refreshCurves(p);
}

/**
 * Recomputes what depends on all the lines (axis kinds, notes, divergence, message, summary) from their running
 * statistics and analyses: O(lines), so appends can call it every time.
 */
export function refreshCurves(p: PreparedCurves): void {
  const { lines, metric, requested } = p;
  const issues = [...requested.inputIssues];
  const notices: string[] = [];
  /** A note under the chart that is also a console warning. */
  const note = (code: InputIssue['code'], text: string) => {
    notices.push(text);
    issues.push({ code, message: text });
  };
  /** Notes that `n` points (`what`) at or below 0 are not drawn on a log axis. */
  const offLog = (axis: string, n: number, what: string, code: InputIssue['code']) =>
    note(code, `log-${axis}: ${what} ≤ 0 cannot be placed on a log axis and ${n === 1 ? 'is' : 'are'} not drawn.`);
  p.indexed = lines.length > 0 && lines.every((l) => l.series.indexed);
  const unit = p.indexed ? 'epoch' : 'step';
  p.xLabel = requested.xLabel ?? unit;
  p.logY = requested.logY;
  p.logX = requested.logX;
  if (p.logY) {
    let nonPositive = 0;
    let positive = 0;
    for (const l of lines) {
      nonPositive += l.stats.nonPositive;
      positive += l.stats.count - l.stats.nonPositive;
    }
    if (nonPositive && positive) offLog('y', nonPositive, count(nonPositive, 'value'), 'non-numeric-values');
    else if (nonPositive) {
      note('non-numeric-values', 'log-y: no value is above 0, so the y axis is linear.');
      p.logY = false;
    }
  }
  if (p.logX) {
    let dropped = 0;
    for (const l of lines) dropped += l.stats.nonPositiveSteps;
    if (dropped) offLog('x', dropped, `${count(dropped, 'point')} at ${unit}`, 'invalid-steps');
  }

  p.divergence = findDivergence(p);
  const drawn = lines.reduce((n, l) => n + l.stats.count, 0);
  let message: string | null = null;
  const invalid = issues.find((i) => i.code === 'invalid-input');
  if (drawn === 0) {
    if (invalid) message = invalid.message;
    else if (p.divergence) message = `No finite values: ${NAMES[p.divergence.key]} ${metric} is ${p.divergence.value} from the first ${unit}.`;
    else if (lines.some((l) => l.series.steps.length)) message = 'No numeric values to draw.';
    else message = 'No data yet.';
  } else {
    if (invalid) notices.push(invalid.message);
    // A line with points but nothing to draw would otherwise vanish with only a console warning.
    for (const l of lines) {
      if (l.stats.count || !l.series.steps.length) continue;
      const what = l.stats.firstFlagged >= 0 ? 'no finite values' : 'no numeric values';
      notices.push(`${l.name} ${metric}: ${what}; drawn without it.`);
    }
  }
  p.message = message;
  p.notices = notices;
  p.issues = issues;
  p.summary = describeCurves(p);
}

/** A line with its statistics and smoothing, ready to lay out. */
export function prepareLine(key: CurveKey, run: number, name: string, series: Series, smoothing: number): PreparedLine {
  const ema = smoothing > 0 ? emaState(smoothing) : null;
  let smoothed: Float64Array | null = null;
  if (ema) {
    smoothed = new Float64Array(series.values.length);
    extendEma(series.values, smoothed, 0, ema);
  }
  const stats = seriesStats(series);
  return { key, run, name, series, smoothed, count: stats.count, stats, ema, revision: ++revisions };
}

/** The last line revision handed out. */
let revisions = 0;

interface RunSource {
  name: string;
  train: Series | null;
  validation: Series | null;
}

/** The runs to draw: `runs` when given, else the single run of `train`/`validation` or `history`. */
function readRuns(input: CurveInput, metric: string, issues: InputIssue[]): RunSource[] {
  if (input.runs == null) return [readRun('', input, metric, issues, '')];
  if (!Array.isArray(input.runs)) {
    issues.push({ code: 'invalid-input', message: `runs: expected an array of {name, train, validation} or {name, history}; got ${typeof input.runs}.` });
    return [];
  }
  const out: RunSource[] = [];
  input.runs.forEach((run: unknown, i: number) => {
    if (typeof run !== 'object' || run === null) {
      issues.push({
        code: 'invalid-input',
        message: `runs[${i}]: expected {name, train, validation} or {name, history}; got ${run === null ? 'null' : typeof run}.`,
      });
      return;
    }
    const r = run as RunInput;
    const name = typeof r.name === 'string' && r.name.trim() ? r.name.trim() : `run ${i + 1}`;
    out.push(readRun(name, r, metric, issues, `runs[${i}] (${name}).`));
  });
  return out;
}

function readRun(name: string, input: RunInput, metric: string, issues: InputIssue[], prefix: string): RunSource {
  let train: Series | null = null;
  let validation: Series | null = null;
  if (input.train != null || input.validation != null) {
    // The same reading as a history's and analyzeFit's (see normalizePair).
    const pair = normalizePair(input.train, input.validation, { train: `${prefix}train`, validation: `${prefix}validation` });
    issues.push(...pair.issues);
    ({ train, validation } = pair);
  } else if (input.history != null) {
    const h = seriesFromHistory(input.history, metric);
    issues.push(...h.issues.map((i) => (prefix ? { ...i, message: `${prefix}${i.message}` } : i)));
    train = h.train;
    validation = h.validation;
  }
  if (train && validation && train.indexed && validation.indexed && train.steps.length !== validation.steps.length) {
    issues.push({
      code: 'length-mismatch',
      message: `${prefix}train has ${count(train.steps.length, 'epoch')} but validation has ${validation.steps.length}; each is drawn over its own epochs.`,
    });
  }
  return { name, train, validation };
}

/** The first step at which a line holds a value the run produced as NaN or ±Infinity (from the runs' analyses). */
function findDivergence(p: PreparedCurves): Divergence | null {
  let best: Divergence | null = null;
  for (const run of p.runs) {
    const step = run.analysis.diverged;
    if (step === null || (best && step >= best.step)) continue;
    for (const l of run.lines) {
      const i = lowerBound(l.series.steps, step);
      if (i < l.series.steps.length && l.series.steps[i] === step && l.series.nonFinite[i]) {
        best = { step, key: l.key, value: l.series.values[i] };
        break;
      }
    }
  }
  return best;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
