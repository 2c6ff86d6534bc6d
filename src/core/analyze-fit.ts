/**
 * Fit analysis: where validation was best, where Keras's EarlyStopping would have stopped, whether and where
 * overfitting began, and the generalization gap. Pure and DOM-free.
 */
import { EarlyStoppingState } from './early-stopping.js';
import { lowerBound } from './nearest.js';
import { seriesStats } from './series-stats.js';
import { asText, formatStep, formatValue } from './format.js';
import { resolveMode, type Mode } from './metric-mode.js';
import { normalizePair, type Series } from './series.js';
import { smoothEma, clampWeight } from './smoothing.js';
import { VerdictTracker, type Severity } from './fit-verdict.js';

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

export type FitState = 'ok' | 'plateau' | 'overfitting' | 'noisy' | 'diverged';

export type { Severity };

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
  /** How strong the overfitting is (`none` unless `state` is `"overfitting"`). */
  severity: Severity;
  /**
   * How much validation worsened from its best to its recent level, when `state` is `"overfitting"`: `relative` to
   * the best (0.3 = 30 % worse) and `absolute` in the metric's units; else null.
   */
  worsening: { relative: number; absolute: number } | null;
  /** Robust estimate of validation's check-to-check noise (a standard deviation, in the metric's units); 0 if unknown. */
  noise: number;
  /**
   * When `stopStep` comes before `best`: the smallest patience with which EarlyStopping would still have reached the
   * best checkpoint; else null.
   */
  suggestedPatience: number | null;
  /** What a practitioner would do next, when something needs doing; else null. */
  remedy: string | null;
  /**
   * Validation minus training (training minus validation in max mode) at each validation step: positive = overfit.
   * Computed when first read.
   */
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
export function analyzeFit(train: unknown, validation: unknown, options: FitOptions | null = {}): FitAnalysis {
  // One reading of null for both series, as the elements read them (see normalizePair).
  const { train: t, validation: v } = normalizePair(train, validation);
  return analyzeSeries(t, v, options);
}

/** {@link analyzeFit} over series that are already normalized. */
export function analyzeSeries(train: Series | null, validation: Series | null, options: FitOptions | null = {}): FitAnalysis {
  const tracker = new FitTracker(options);
  if (tracker.options.smoothing > 0) {
    const smooth = (s: Series | null) => s && { ...s, values: smoothEma(s.values, tracker.options.smoothing) };
    return tracker.update(smooth(train), smooth(validation));
  }
  return tracker.update(train, validation);
}

/**
 * The fit analysis of a run that grows: `update` takes the same (longer) series again and processes only the points
 * it has not seen, so a live chart pays O(new points + log n) per append. `analyzeSeries` is one update over the
 * whole run, so both give the same result.
 *
 * Series must only grow at the end (steps ascending); anything else needs a new tracker.
 */
export class FitTracker {
  readonly options: FitAnalysis['options'];
  readonly mode: Mode;
  readonly #sign: number;
  // Keras EarlyStopping over the validation checks: one step per validation point.
  readonly #stopping: EarlyStoppingState;
  #argIndex = -1;
  #lastFiniteValidation = -1;
  #validationSeen = 0;
  readonly #verdict: VerdictTracker;
  // Training statistics.
  #trainSeen = 0;
  #trainFirst = NaN;
  #trainBest = Infinity;
  #trainLast = -1;
  #diverged: number | null = null;
  // The gap: one entry per validation point that is not missing. Entry k is validation point k until the first
  // missing one; from then on #gapIndex holds each entry's point, so a run without gaps keeps no index at all.
  // Values are computed when the gap is first read; entries at validation steps past the last training step read
  // the last training value for now and are recomputed when training catches up.
  #gapCount = 0;
  #gapIndex: Int32Array | null = null;
  #gapValues: Float64Array | null = null;
  #provisional = 0;

  constructor(options: FitOptions | null = {}) {
    options ??= {};
    const metric = asText(options.metric, 'loss');
    this.mode = resolveMode(options.mode, metric);
    this.#sign = this.mode === 'min' ? 1 : -1;
    this.#verdict = new VerdictTracker(this.mode);
    this.options = {
      mode: options.mode ?? 'auto',
      metric,
      // Numbers as Keras compares them: not rounded, and ±Infinity allowed (patience=inf never stops); only what
      // is not a number at all falls back to the default.
      minDelta: numberOr(options.minDelta, 0),
      patience: numberOr(options.patience, DEFAULT_PATIENCE),
      startFrom: numberOr(options.startFrom, 0),
      baseline: typeof options.baseline === 'number' && !Number.isNaN(options.baseline) ? options.baseline : null,
      smoothing: clampWeight(numberOr(options.smoothing, 0)),
    };
    const { minDelta, patience, startFrom, baseline } = this.options;
    this.#stopping = new EarlyStoppingState({ mode: this.mode, minDelta, patience, startFrom, baseline });
  }

  /** Processes the points of `train` and `validation` not seen yet and returns the analysis of the whole run. */
  update(train: Series | null, validation: Series | null): FitAnalysis {
    if (train) this.#readTrain(train);
    if (validation) this.#readValidation(validation);
    return this.#result(train, validation);
  }

  /** Training's first, best and last finite values and its divergence, from its running statistics. */
  #readTrain(t: Series): void {
    const st = seriesStats(t);
    if (st.firstFlagged >= 0 && (this.#diverged === null || t.steps[st.firstFlagged] < this.#diverged)) this.#diverged = t.steps[st.firstFlagged];
    this.#trainFirst = st.firstFinite >= 0 ? t.values[st.firstFinite] : NaN;
    this.#trainBest = st.min;
    this.#trainLast = st.lastFinite;
    this.#trainSeen = t.values.length;
  }

  #readValidation(val: Series): void {
    const { steps, values, nonFinite } = val;
    const { mode } = this;
    const stopping = this.#stopping;
    const verdict = this.#verdict;
    let argIndex = this.#argIndex;
    let lastFinite = this.#lastFiniteValidation;
    let diverged = this.#diverged;
    for (let epoch = this.#validationSeen; epoch < values.length; epoch++) {
      const current = values[epoch];
      const flagged = nonFinite[epoch] === 1;
      if (flagged && (diverged === null || steps[epoch] < diverged)) diverged = steps[epoch];
      // NaN that the run did not produce: a missing value, which Keras sees as an absent log entry.
      if (current !== current && !flagged) {
        stopping.step(undefined);
        continue;
      }
      this.#addGapEntry(epoch);
      if (current - current === 0) lastFinite = epoch;
      if (current === current && (argIndex < 0 || (mode === 'min' ? current < values[argIndex] : current > values[argIndex]))) argIndex = epoch;
      // The verdict reads the checks Keras monitors (from `startFrom` on) that are finite.
      if (stopping.step(current) && current - current === 0) verdict.push(steps[epoch], current);
    }
    this.#argIndex = argIndex;
    this.#lastFiniteValidation = lastFinite;
    this.#diverged = diverged;
    this.#validationSeen = values.length;
  }

  #addGapEntry(epoch: number): void {
    const k = this.#gapCount++;
    let index = this.#gapIndex;
    if (!index && k === epoch) return;
    if (!index || k >= index.length) {
      const next = new Int32Array(Math.max(16, 2 * k));
      if (index) next.set(index);
      else for (let i = 0; i < k; i++) next[i] = i;
      index = this.#gapIndex = next;
    }
    index[k] = epoch;
  }

  /** The validation point of gap entry k. */
  #gapPoint(k: number): number {
    return this.#gapIndex ? this.#gapIndex[k] : k;
  }

  /**
   * The first `count` gap entries, after computing those that are new or were waiting for training to reach their
   * step. Called when an analysis's `gap` is first read: a chart that never shows the gap never computes it.
   */
  #gapUpTo(train: Series | null, validation: Series | null, count: number): FitAnalysis['gap'] {
    this.#refreshGap(train, validation);
    const steps: number[] = new Array(count);
    const values: number[] = new Array(count);
    for (let k = 0; k < count; k++) {
      steps[k] = validation!.steps[this.#gapPoint(k)];
      values[k] = this.#gapValues![k];
    }
    return { steps, values };
  }

  #refreshGap(train: Series | null, validation: Series | null): void {
    if (!validation) return;
    // The entries of the points this series holds (a stale analysis may be read after later updates).
    let count = this.#gapCount;
    while (count > 0 && this.#gapPoint(count - 1) >= validation.values.length) count--;
    let gapValues = this.#gapValues;
    if (!gapValues || gapValues.length < count) {
      const next = new Float64Array(Math.max(16, count, 2 * (gapValues?.length ?? 0)));
      if (gapValues) next.set(gapValues);
      gapValues = this.#gapValues = next;
    }
    const lastStep = train && this.#trainLast >= 0 ? train.steps[this.#trainLast] : -Infinity;
    // Gap steps ascend: each lookup in training starts where the previous one ended.
    let from = 0;
    for (let k = this.#provisional; k < count; k++) {
      const step = validation.steps[this.#gapPoint(k)];
      let value = NaN;
      if (train && this.#trainLast >= 0) {
        from = lowerBound(train.steps, step, this.#trainSeen, from);
        value = interpolateAt(train.steps, train.values, step, this.#trainSeen, from);
      }
      gapValues[k] = this.#sign * (validation.values[this.#gapPoint(k)] - value);
    }
    // Everything up to the last training step is final.
    let p = this.#provisional;
    while (p < count && validation.steps[this.#gapPoint(p)] <= lastStep) p++;
    this.#provisional = p;
  }

  #result(train: Series | null, validation: Series | null): FitAnalysis {
    const { mode, options } = this;
    const vSteps = validation?.steps;
    const vValues = validation?.values;
    const { bestIndex, stopIndex, maxWaitBeforeBest } = this.#stopping;
    const best = bestIndex >= 0 && vSteps && vValues ? { step: vSteps[bestIndex], value: vValues[bestIndex] } : null;
    const argBest = this.#argIndex >= 0 && vSteps && vValues ? { step: vSteps[this.#argIndex], value: vValues[this.#argIndex] } : null;
    const stopStep = stopIndex >= 0 && vSteps ? vSteps[stopIndex] : null;

    // A training loss "blew up" when its latest value is more than double its first and more than triple its best:
    // far beyond noise, the way a too-high learning rate diverges before it reaches NaN.
    const latest = this.#trainLast >= 0 ? train!.values[this.#trainLast] : NaN;
    const blewUp = mode === 'min' && this.#trainFirst > 0 && latest > 2 * this.#trainFirst && latest > 3 * this.#trainBest;
    const verdict = this.#verdict.judge(this.#trainLast >= 0 ? train : null, this.#trainSeen, options.patience);
    const state: FitState = this.#diverged !== null || blewUp ? 'diverged' : verdict.state;
    const onset = state === 'overfitting' ? verdict.onset : null;
    // The smallest patience that would not have stopped before the best: one more than the longest wait before it.
    const suggestedPatience = stopStep !== null && best && stopStep < best.step ? maxWaitBeforeBest + 1 : null;
    const unit = (train?.indexed ?? true) && (validation?.indexed ?? true) ? 'epoch' : 'step';
    const lastValidation =
      this.#lastFiniteValidation >= 0 && vSteps && vValues ? { step: vSteps[this.#lastFiniteValidation], value: vValues[this.#lastFiniteValidation] } : best;
    const tracker = this;
    const count = this.#gapCount;
    let gap: FitAnalysis['gap'] | undefined;
    const analysis: FitAnalysis = {
      mode,
      metric: options.metric,
      unit,
      best,
      argBest,
      stopStep,
      onset,
      state,
      severity: state === 'overfitting' ? verdict.severity : 'none',
      worsening: state === 'overfitting' ? verdict.worsening : null,
      noise: verdict.noise,
      suggestedPatience,
      remedy: null,
      get gap() {
        return (gap ??= tracker.#gapUpTo(train, validation, count));
      },
      diverged: this.#diverged,
      summary: '',
      options,
    };
    const exploded = verdict.state === 'diverged' && this.#diverged === null && !blewUp;
    analysis.remedy = remedyFor(analysis, verdict.trainHeld, this.#trainLast >= 0);
    analysis.summary = describeFit(analysis, !!train, !!validation, lastValidation, {
      exploded,
      flatSince: verdict.flatSince,
      recent: verdict.recent,
      trainHeld: verdict.trainHeld,
    });
    return analysis;
  }
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && !Number.isNaN(v) ? v : fallback;
}

/**
 * A series at `step`, linearly interpolated between its nearest finite points (the first `n`): exact on a point,
 * the nearest end value outside their range (a validation check logged after the last training step reads the last
 * training value), NaN if none is finite. O(log n) plus the run of non-finite values next to `step`; `lo`, when the
 * caller already knows it, is `lowerBound(steps, step, n)`.
 */
export function interpolateAt(steps: ArrayLike<number>, values: ArrayLike<number>, step: number, n = steps.length, lo = lowerBound(steps, step, n)): number {
  let after = lo;
  while (after < n && !Number.isFinite(values[after])) after++;
  if (after < n && steps[after] === step) return values[after];
  let before = lo - 1;
  while (before >= 0 && !Number.isFinite(values[before])) before--;
  if (before < 0) return after < n ? values[after] : NaN;
  if (after >= n) return values[before];
  const t = (step - steps[before]) / (steps[after] - steps[before]);
  return values[before] + t * (values[after] - values[before]);
}

interface VerdictNotes {
  /** Validation exploded (its level up an order of magnitude) rather than training producing NaN or blowing up. */
  exploded: boolean;
  flatSince: number | null;
  recent: number;
  trainHeld: boolean;
}

const SEVERITY_WORDS = { none: '', mild: 'mild overfitting', clear: 'overfitting', severe: 'severe overfitting' } as const;

/** What a practitioner would do next, by state; null when nothing needs doing. */
function remedyFor(a: FitAnalysis, trainHeld: boolean, hasTrain: boolean): string | null {
  const at = (step: number) => `${a.unit} ${formatStep(step)}`;
  const keep = (step: number) => `Keep the weights of ${at(step)}: EarlyStopping(restore_best_weights=True) or ModelCheckpoint(save_best_only=True).`;
  switch (a.state) {
    case 'overfitting':
      return a.severity === 'mild' ? keep(a.onset!) : `${keep(a.onset!)} The gap keeps widening: regularize (Dropout, weight decay, augmentation) or add data.`;
    case 'plateau':
      return trainHeld
        ? `${a.best ? `${keep(a.best.step)} ` : ''}Training longer gains nothing on validation: stop earlier, or lower the learning rate (ReduceLROnPlateau) to get further.`
        : `${hasTrain ? 'Both curves have' : 'Validation has'} flattened: lower the learning rate (ReduceLROnPlateau) or give the model more capacity to get further.`;
    case 'noisy':
      return 'Validate on more samples (or compare several seeds) before reading a trend into it.';
    case 'diverged':
      return 'Lower the learning rate (or clip gradients) and resume from the last good checkpoint.';
    default:
      return null;
  }
}

/**
 * "Validation loss was best at epoch 26 (3.256); by epoch 40 it rose to 4.237 (+30 %) while training loss kept
 * falling: severe overfitting. Keep the weights of epoch 26: ..."
 */
function describeFit(a: FitAnalysis, hasTrain: boolean, hasValidation: boolean, last: StepPoint | null, notes: VerdictNotes): string {
  const u = a.unit;
  const m = a.metric;
  const at = (step: number) => `${u} ${formatStep(step)}`;
  const worse = a.mode === 'min' ? 'rose' : 'fell';
  const better = a.mode === 'min' ? 'falling' : 'rising';
  let stop = '';
  if (a.stopStep !== null) {
    stop = `; EarlyStopping(patience=${formatValue(a.options.patience)}) would have stopped at ${at(a.stopStep)}`;
    if (a.suggestedPatience !== null && a.best) stop += `, before the best ${at(a.best.step)} (patience=${a.suggestedPatience} would have reached it)`;
  }
  const withRemedy = (text: string) => (a.remedy ? `${text} ${a.remedy}` : text);
  if (!hasValidation || !a.best || !last) {
    if (a.diverged !== null) return withRemedy(`Training ${m} became NaN or infinite at ${at(a.diverged)}.`);
    return hasTrain ? `No validation ${m} to analyze.` : `No data to analyze.`;
  }
  const bestText = `Validation ${m} was best at ${at(a.best.step)} (${formatValue(a.best.value)})`;
  const lowerBest = bestText.charAt(0).toLowerCase() + bestText.slice(1);
  if (a.state === 'diverged') {
    if (notes.exploded)
      return withRemedy(
        `Validation ${m} ${a.mode === 'min' ? 'exploded' : 'collapsed'}: from its best ${formatValue(a.best.value)} at ${at(a.best.step)} to about ${formatValue(notes.recent)} by ${at(last.step)}${stop}.`,
      );
    const what = a.diverged !== null ? `values became NaN or infinite at ${at(a.diverged)}` : `training ${m} blew up`;
    return withRemedy(`Training diverged: ${what}; ${lowerBest}${stop}.`);
  }
  if (a.state === 'overfitting' && a.onset !== null) {
    const size = formatWorsening(a);
    const onsetText = a.onset === a.best.step ? bestText : `Validation ${m} was at its best around ${at(a.onset)}`;
    return withRemedy(
      `${onsetText}; by ${at(last.step)} it ${worse} to about ${formatValue(notes.recent)}${size ? ` (${size})` : ''} while training ${m} ${notes.trainHeld ? `kept ${better}` : 'held'}: ${SEVERITY_WORDS[a.severity]}${stop}.`,
    );
  }
  if (a.state === 'noisy') {
    return withRemedy(
      `Validation ${m} is too noisy to judge: it moves by about ±${formatValue(Number(a.noise.toPrecision(2)))} from check to check around ${formatValue(notes.recent)}${stop}.`,
    );
  }
  if (a.state === 'plateau') {
    const training = hasTrain ? (notes.trainHeld ? `, while training ${m} kept ${better}` : `; training ${m} has stopped improving too`) : '';
    // Flat since a check other than the best: the best is one check of that flat stretch (or a lucky one before it).
    const reading =
      notes.flatSince !== null && notes.flatSince !== a.best.step
        ? `Validation ${m} has been flat within its noise since ${at(notes.flatSince)} (best ${formatValue(a.best.value)} at ${at(a.best.step)})`
        : `${bestText} and has not improved since`;
    return withRemedy(`${reading}${training}${stop}.`);
  }
  if (last.step === a.best.step) return `Validation ${m} is still improving: ${formatValue(last.value)} at ${at(last.step)}, the best so far${stop}.`;
  return `${bestText}; no sign of overfitting by ${at(last.step)}${stop}.`;
}

/**
 * How much validation worsened, as a label says it: relative for loss-like metrics ("+2.5 %", "+30 %"), in points
 * for accuracy-like metrics between 0 and 1 ("−3.1 pts"), relative otherwise; '' when there is nothing to say.
 */
export function formatWorsening(a: Pick<FitAnalysis, 'mode' | 'worsening' | 'best'>): string {
  const w = a.worsening;
  if (!w || !(w.relative > 0) || !Number.isFinite(w.relative)) return '';
  const digits = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1).replace(/\.0$/, '') : x.toFixed(2).replace(/0$/, ''));
  if (a.mode === 'max' && a.best && a.best.value > 0 && a.best.value <= 1) return `−${digits(w.absolute * 100)} pts`;
  return `${a.mode === 'min' ? '+' : '−'}${digits(w.relative * 100)} %`;
}
