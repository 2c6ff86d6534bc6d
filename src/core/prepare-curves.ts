/**
 * The size-independent half of a chart: normalized series, smoothing, domains' data extents, divergence, the
 * accessible summary and every input issue. `layoutCurves` turns it into pixels for a given size.
 */
import { seriesFromHistory } from './history.js';
import { finiteCount, firstNonFinite, normalizeSeries, type InputIssue, type Series } from './series.js';
import { smoothEma, clampWeight } from './smoothing.js';
import { resolveMode, type Mode } from './metric-mode.js';
import { unionSteps } from './nearest.js';
import { describeCurves } from './summary.js';
import { analyzeSeries, type FitAnalysis } from './analyze-fit.js';

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
}

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
  /** Every step of every line, ascending and unique: where the crosshair can stop. */
  steps: Float64Array;
  divergence: Divergence | null;
  /** Shown inside the element in place of the chart when nothing can be drawn; null otherwise. */
  message: string | null;
  /** Short notes shown under the chart: data the chart cannot draw as given. */
  notices: string[];
  /** Every input issue, for one console warning each. */
  issues: InputIssue[];
  /** Text summary for screen readers. */
  summary: string;
}

const NAMES: Record<CurveKey, string> = { train: 'training', validation: 'validation' };

/** Normalizes the inputs of a curve chart. Never throws. */
export function prepareCurves(input: CurveInput): PreparedCurves {
  const metric = (input.metric ?? '').trim() || 'loss';
  const issues: InputIssue[] = [];
  const notices: string[] = [];
  const smoothing = clampWeight(input.smoothing ?? 0);
  const mode = resolveMode(input.mode, metric);
  const fitOptions = {
    mode,
    metric,
    patience: input.patience ?? undefined,
    minDelta: input.minDelta ?? undefined,
    startFrom: input.startFrom ?? undefined,
    baseline: input.baseline ?? null,
  };

  const sources = readRuns(input, metric, issues);
  const runs: PreparedRun[] = sources.map((src, index) => {
    const lines: PreparedLine[] = [];
    for (const [key, series] of [['train', src.train], ['validation', src.validation]] as const) {
      if (!series) continue;
      lines.push({
        key,
        run: index,
        name: src.name ? `${src.name} ${NAMES[key]}` : NAMES[key],
        series,
        smoothed: smoothing > 0 ? smoothEma(series.values, smoothing) : null,
        count: finiteCount(series),
      });
    }
    return { name: src.name, index, lines, analysis: analyzeSeries(src.train, src.validation, fitOptions) };
  });
  const lines = runs.flatMap((r) => r.lines);

  const indexed = lines.length > 0 && lines.every((l) => l.series.indexed);
  const unit = indexed ? 'epoch' : 'step';

  let logY = !!input.logY;
  let logX = !!input.logX;
  if (logY) {
    let nonPositive = 0;
    let positive = 0;
    for (const l of lines) for (const v of l.series.values) if (Number.isFinite(v)) v > 0 ? positive++ : nonPositive++;
    if (nonPositive && positive) {
      const text = `log-y: ${nonPositive} ${nonPositive === 1 ? 'value' : 'values'} ≤ 0 cannot be placed on a log axis and ${nonPositive === 1 ? 'is' : 'are'} not drawn.`;
      notices.push(text);
      issues.push({ code: 'non-numeric-values', message: text });
    } else if (nonPositive) {
      const text = 'log-y: no value is above 0, so the y axis is linear.';
      notices.push(text);
      issues.push({ code: 'non-numeric-values', message: text });
      logY = false;
    }
  }
  if (logX) {
    let dropped = 0;
    for (const l of lines) for (const s of l.series.steps) if (s <= 0) dropped++;
    if (dropped) {
      const text = `log-x: ${dropped} ${dropped === 1 ? 'point' : 'points'} at ${unit} ≤ 0 cannot be placed on a log axis and ${dropped === 1 ? 'is' : 'are'} not drawn.`;
      notices.push(text);
      issues.push({ code: 'invalid-steps', message: text });
    }
  }

  const divergence = findDivergence(lines);
  const drawn = lines.reduce((n, l) => n + l.count, 0);
  let message: string | null = null;
  const invalid = issues.find((i) => i.code === 'invalid-input');
  if (drawn === 0) {
    if (invalid) message = invalid.message;
    else if (divergence) message = `No finite values: ${NAMES[divergence.key]} ${metric} is ${divergence.value} from the first ${unit}.`;
    else if (lines.length && lines.some((l) => l.series.steps.length)) message = 'No numeric values to draw.';
    else message = 'No data yet.';
  } else if (invalid) {
    notices.push(invalid.message);
  }

  const title = (input.label ?? '').trim() || `${capitalize(metric)} curves`;
  const prepared: PreparedCurves = {
    metric,
    mode,
    title,
    xLabel: input.xLabel ?? unit,
    yLabel: input.yLabel ?? metric,
    indexed,
    logX,
    logY,
    smoothing,
    multi: input.runs != null,
    runs,
    lines,
    steps: unionSteps(lines.map((l) => l.series.steps)),
    divergence,
    message,
    notices,
    issues,
    summary: '',
  };
  prepared.summary = describeCurves(prepared);
  return prepared;
}

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
      issues.push({ code: 'invalid-input', message: `runs[${i}]: expected {name, train, validation} or {name, history}; got ${run === null ? 'null' : typeof run}.` });
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
    const t = normalizeSeries(input.train, { name: `${prefix}train` });
    const v = normalizeSeries(input.validation, { name: `${prefix}validation` });
    issues.push(...t.issues, ...v.issues);
    train = t.series;
    validation = v.series;
  } else if (input.history != null) {
    const h = seriesFromHistory(input.history, metric);
    issues.push(...h.issues.map((i) => (prefix ? { ...i, message: `${prefix}${i.message}` } : i)));
    train = h.train;
    validation = h.validation;
  }
  if (train && validation && train.indexed && validation.indexed && train.steps.length !== validation.steps.length) {
    issues.push({
      code: 'length-mismatch',
      message: `${prefix}train has ${train.steps.length} epochs but validation has ${validation.steps.length}; each is drawn over its own epochs.`,
    });
  }
  return { name, train, validation };
}

/** The first step at which either line holds a value the run produced as NaN or ±Infinity. */
function findDivergence(lines: PreparedLine[]): Divergence | null {
  let best: Divergence | null = null;
  for (const l of lines) {
    const i = firstNonFinite(l.series);
    if (i < 0) continue;
    const step = l.series.steps[i];
    if (!best || step < best.step) best = { step, key: l.key, value: l.series.values[i] };
  }
  return best;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
