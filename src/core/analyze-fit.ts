/**
 * Fit analysis: where validation was best, where Keras's EarlyStopping would have stopped, whether and where
 * overfitting began, and the generalization gap. Pure and DOM-free.
 */
import { earlyStopping } from './early-stopping.js';
import { formatStep, formatValue } from './format.js';
import { resolveMode, type Mode } from './metric-mode.js';
import { normalizeSeries, type Series } from './series.js';
import { smoothEma, clampWeight } from './smoothing.js';

/**
 * The default patience of the charts. Keras's own default of 0 calls the first wiggle of a noisy validation curve
 * an onset; Lightning's 3 still trips on the epoch-to-epoch noise typical of small validation sets; 5 waits out
 * that noise yet flags a real turn within a few epochs (Keras's own examples use 5 to 10).
 */
export const DEFAULT_PATIENCE = 5;

export interface FitOptions {
  /** `"min"`, `"max"` or `"auto"` (the default: from `metric`, max for accuracy-like names). */
  mode?: 'min' | 'max' | 'auto';
  /** Metric name, for `mode: "auto"` and the summary. Default `"loss"`. */
  metric?: string;
  /** Minimum change that counts as an improvement (Keras `min_delta`). Default 0. */
  minDelta?: number;
  /** Validation checks without improvement before stopping or calling an onset. Default {@link DEFAULT_PATIENCE}. */
  patience?: number;
  /** Validation checks to skip before monitoring (Keras `start_from_epoch`). Default 0. */
  startFrom?: number;
  /** Keras `baseline`: the value validation must beat before the wait counter resets. Default none. */
  baseline?: number | null;
  /** Analyze smoothed values (TensorBoard weight in [0, 1)) instead of raw ones. Default 0: raw. */
  smoothing?: number;
}

export type FitState = 'ok' | 'plateau' | 'overfitting' | 'diverged';

export interface StepPoint {
  step: number;
  value: number;
}

export interface FitAnalysis {
  mode: Mode;
  metric: string;
  /** Whether steps are epochs (1..n from arrays) or explicit steps: the unit of every step below. */
  unit: 'epoch' | 'step';
  /** Best validation point under Keras's improvement rule (the `ModelCheckpoint(save_best_only=True)` pick). */
  best: StepPoint | null;
  /** The plain argmin (argmax in max mode) of validation. Differs from `best` when `minDelta` > 0. */
  argBest: StepPoint | null;
  /** Where `EarlyStopping` with these options would first have stopped training, or null. */
  stopStep: number | null;
  /** Where overfitting began (the best step, once confirmed), or null. */
  onset: number | null;
  state: FitState;
  /** Validation minus training (training minus validation in max mode) at each validation step: positive = overfit. */
  gap: { steps: number[]; values: number[] };
  /** First step whose training or validation value is NaN or infinite, or null. */
  diverged: number | null;
  /** One sentence a person can read. */
  summary: string;
  /** The options in effect, defaults filled in. */
  options: Required<Omit<FitOptions, 'baseline'>> & { baseline: number | null };
}

/**
 * Analyzes a training run. `train` and `validation` take every series form the elements accept (plain arrays are
 * epochs 1..n). Never throws: unusable input yields an `"ok"` analysis with null markers.
 *
 * @example
 * const fit = analyzeFit(history.loss, history.val_loss, { patience: 5 });
 * if (fit.state === 'overfitting') console.log(`overfitting since epoch ${fit.onset}`);
 */
export function analyzeFit(train: unknown, validation: unknown, options: FitOptions = {}): FitAnalysis {
  const t = normalizeSeries(train, { name: 'train' }).series;
  const v = normalizeSeries(validation, { name: 'validation' }).series;
  return analyzeSeries(t, v, options);
}

/** {@link analyzeFit} over series that are already normalized. */
export function analyzeSeries(train: Series | null, validation: Series | null, options: FitOptions = {}): FitAnalysis {
  const metric = options.metric ?? 'loss';
  const mode = resolveMode(options.mode, metric);
  const opts = {
    mode: options.mode ?? 'auto',
    metric,
    minDelta: finiteOr(options.minDelta, 0),
    patience: Math.max(0, Math.floor(finiteOr(options.patience, DEFAULT_PATIENCE))),
    startFrom: Math.max(0, Math.floor(finiteOr(options.startFrom, 0))),
    baseline: options.baseline != null && Number.isFinite(options.baseline) ? options.baseline : null,
    smoothing: clampWeight(finiteOr(options.smoothing, 0)),
  } as FitAnalysis['options'];
  const indexed = (train?.indexed ?? true) && (validation?.indexed ?? true);
  const unit = indexed ? 'epoch' : 'step';
  const tValues = train ? smoothed(train, opts.smoothing) : new Float64Array(0);
  const tSteps = train?.steps ?? new Float64Array(0);
  const vSteps = validation?.steps ?? new Float64Array(0);
  const vValues = validation ? smoothed(validation, opts.smoothing) : new Float64Array(0);
  const missing = validation ? missingMask(validation) : new Uint8Array(0);

  const es = earlyStopping(vValues, { ...opts, mode }, missing);
  const best = es.bestIndex >= 0 ? { step: vSteps[es.bestIndex], value: vValues[es.bestIndex] } : null;
  const stopStep = es.stopIndex >= 0 ? vSteps[es.stopIndex] : null;
  const argBest = argBestPoint(vSteps, vValues, mode);
  const sign = mode === 'min' ? 1 : -1;

  // The gap at each validation step, with training interpolated where the steps differ.
  const trainAt = interpolator(tSteps, tValues);
  const gap = { steps: [] as number[], values: [] as number[] };
  for (let i = 0; i < vSteps.length; i++) {
    if (missing[i]) continue;
    gap.steps.push(vSteps[i]);
    gap.values.push(sign * (vValues[i] - trainAt(vSteps[i])));
  }

  const diverged = firstDivergence(train, validation);
  const lastTrain = lastFiniteIndex(tValues);
  const trainBlewUp = mode === 'min' && lastTrain >= 0 && blewUp(tValues, lastTrain);

  let onset: number | null = null;
  let plateau = false;
  if (best && es.bestIndex >= 0) {
    let checksAfter = 0;
    let lastCheck = -1;
    for (let i = es.bestIndex + 1; i < vValues.length; i++) {
      if (!missing[i]) {
        checksAfter++;
        lastCheck = i;
      }
    }
    if (checksAfter >= Math.max(opts.patience, 1) && lastTrain >= 0) {
      const trainAtBest = trainAt(best.step);
      const trainImproved = sign * (tValues[lastTrain] - trainAtBest) < 0;
      const gapAtBest = sign * (best.value - trainAtBest);
      const gapLatest = sign * (vValues[lastCheck] - trainAt(vSteps[lastCheck]));
      if (trainImproved && gapLatest > gapAtBest) onset = best.step;
      else plateau = true;
    }
  }

  const state: FitState = diverged !== null || trainBlewUp ? 'diverged' : onset !== null ? 'overfitting' : plateau ? 'plateau' : 'ok';
  const analysis: FitAnalysis = {
    mode,
    metric,
    unit,
    best,
    argBest,
    stopStep,
    onset,
    state,
    gap,
    diverged,
    summary: '',
    options: opts,
  };
  analysis.summary = describeFit(analysis, train, validation);
  return analysis;
}

function finiteOr(v: number | null | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function smoothed(s: Series, weight: number): Float64Array {
  return weight > 0 ? smoothEma(s.values, weight) : s.values;
}

/** 1 where a value is missing (a hole in the input), as opposed to a NaN the run produced. */
function missingMask(s: Series): Uint8Array {
  const m = new Uint8Array(s.values.length);
  for (let i = 0; i < m.length; i++) m[i] = Number.isNaN(s.values[i]) && !s.nonFinite[i] ? 1 : 0;
  return m;
}

function argBestPoint(steps: ArrayLike<number>, values: ArrayLike<number>, mode: Mode): StepPoint | null {
  let k = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (k < 0 || (mode === 'min' ? v < values[k] : v > values[k])) k = i;
  }
  return k < 0 ? null : { step: steps[k], value: values[k] };
}

function lastFiniteIndex(values: ArrayLike<number>): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return i;
  return -1;
}

/**
 * Linear interpolation over the finite points of a series: `at(step)` is exact on a point, linear between two, and
 * the nearest end value outside their range (a validation check logged after the last training step reads the
 * last training value); NaN if no point is finite. O(n) to build, O(log n) per call.
 */
export function interpolator(steps: ArrayLike<number>, values: ArrayLike<number>): (step: number) => number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    if (Number.isFinite(values[i])) {
      xs.push(steps[i]);
      ys.push(values[i]);
    }
  }
  const n = xs.length;
  return (step) => {
    if (n === 0) return NaN;
    if (step <= xs[0]) return ys[0];
    if (step >= xs[n - 1]) return ys[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= step) lo = mid;
      else hi = mid;
    }
    const t = (step - xs[lo]) / (xs[hi] - xs[lo]);
    return ys[lo] + t * (ys[hi] - ys[lo]);
  };
}

function firstDivergence(train: Series | null, validation: Series | null): number | null {
  let step: number | null = null;
  for (const s of [train, validation]) {
    if (!s) continue;
    for (let i = 0; i < s.nonFinite.length; i++) {
      if (s.nonFinite[i]) {
        if (step === null || s.steps[i] < step) step = s.steps[i];
        break;
      }
    }
  }
  return step;
}

/**
 * A training loss "blew up" when its latest value is more than double its first and more than triple its best:
 * far beyond noise, the way a too-high learning rate diverges before it reaches NaN.
 */
function blewUp(values: ArrayLike<number>, last: number): boolean {
  let first = NaN;
  let best = Infinity;
  for (let i = 0; i <= last; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    if (v < best) best = v;
  }
  const latest = values[last];
  return first > 0 && best > 0 && latest > 2 * first && latest > 3 * best;
}

/** "Validation loss was best at epoch 12 (0.231); by epoch 20 it rose to 0.297 while training loss kept falling." */
function describeFit(a: FitAnalysis, train: Series | null, validation: Series | null): string {
  const u = a.unit;
  const m = a.metric;
  const at = (step: number) => `${u} ${formatStep(step)}`;
  const worse = a.mode === 'min' ? 'rose' : 'fell';
  const better = a.mode === 'min' ? 'falling' : 'rising';
  const stop = a.stopStep !== null ? ` EarlyStopping(patience=${a.options.patience}) would have stopped at ${at(a.stopStep)}.` : '';
  if (!validation || !a.best) {
    if (a.diverged !== null) return `Training ${m} became NaN or infinite at ${at(a.diverged)}.`;
    return train ? `No validation ${m} to analyze.` : `No data to analyze.`;
  }
  const bestText = `Validation ${m} was best at ${at(a.best.step)} (${formatValue(a.best.value)})`;
  if (a.state === 'diverged') {
    const what = a.diverged !== null ? `values became NaN or infinite at ${at(a.diverged)}` : `training ${m} blew up`;
    return `Training diverged: ${what}. ${bestText}.`;
  }
  const lastIndex = lastFiniteIndex(validation.values);
  const last = lastIndex < 0 ? a.best : { step: validation.steps[lastIndex], value: validation.values[lastIndex] };
  if (a.state === 'overfitting') {
    return `${bestText}; by ${at(last.step)} it ${worse} to ${formatValue(last.value)} while training ${m} kept ${better}.${stop}`;
  }
  if (a.state === 'plateau') {
    return `${bestText}; it has not improved since, and training ${m} has stopped improving too.${stop}`;
  }
  if (last.step === a.best.step) return `Validation ${m} is still improving: ${formatValue(last.value)} at ${at(last.step)}, the best so far.${stop}`;
  return `${bestText}; no sign of overfitting by ${at(last.step)}.${stop}`;
}
