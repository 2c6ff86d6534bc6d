/**
 * Keras 3's `EarlyStopping` callback (keras/src/callbacks/early_stopping.py), replayed over a recorded series of
 * monitored values. One value is one `on_epoch_end` call; its index is the callback's 0-based `epoch`.
 */
import type { Mode } from './metric-mode.js';

export interface EarlyStoppingOptions {
  mode: Mode;
  /** Minimum change that counts as an improvement; its sign is ignored, as in Keras (`abs(min_delta)`). */
  minDelta?: number;
  /** Checks without improvement after which training stops. Keras's default is 0. */
  patience?: number;
  /** Checks to skip before monitoring starts (`start_from_epoch`). */
  startFrom?: number;
  /** A value the monitored quantity must beat before the wait counter resets (`baseline`), or null. */
  baseline?: number | null;
}

export interface EarlyStoppingResult {
  /** Index of the check at which training would first have stopped, or -1. */
  stopIndex: number;
  /** Index of the running best after the whole series (the checkpoint `save_best_only` keeps), or -1. */
  bestIndex: number;
  /** Index of the running best at the moment training stopped (what `restore_best_weights` restores), or -1. */
  bestAtStopIndex: number;
}

/**
 * Keras's improvement test: `monitor_op(current - min_delta, reference)` with `min_delta` negated in min mode, so
 * a value improves only by beating the reference by more than `minDelta`. A missing reference (the first check)
 * is beaten by any value. NaN is never an improvement: Keras compares with `<`/`>`, which are false for NaN, and
 * we extend that to the first check so that a run that starts at NaN never gets a NaN "best".
 */
export function isImprovement(current: number, reference: number | null, mode: Mode, minDelta: number): boolean {
  if (Number.isNaN(current)) return false;
  if (reference === null) return true;
  const d = Math.abs(minDelta);
  return mode === 'min' ? current + d < reference : current - d > reference;
}

/**
 * The state of one `EarlyStopping` callback, stepped once per `on_epoch_end`: the one implementation of the rule,
 * shared by {@link earlyStopping} (a recorded series) and the fit tracker (checks as a live run logs them). The
 * counting follows Keras 3 exactly:
 *
 *     if current is None or epoch < start_from_epoch: return
 *     wait += 1
 *     if improvement(current, best):
 *         best = current
 *         if baseline is None or improvement(current, baseline): wait = 0
 *         return
 *     if wait >= patience and epoch > 0: stop
 *
 * Stepping goes on past the stop, so that `bestIndex` covers everything seen.
 */
export class EarlyStoppingState {
  readonly mode: Mode;
  readonly minDelta: number;
  readonly patience: number;
  readonly startFrom: number;
  readonly baseline: number | null;
  /** Keras's `wait`: checks since the last improvement that reset it. */
  wait = 0;
  /** Keras's `best`: the running best value, or null before the first monitored check. */
  best: number | null = null;
  /** Epoch (0-based index of the `step` call) of the running best, or -1. */
  bestIndex = -1;
  /** Epoch at which training would first have stopped, or -1. */
  stopIndex = -1;
  /** The running best at the moment training stopped (what `restore_best_weights` restores), or -1. */
  bestAtStopIndex = -1;
  /** The longest wait of a check that could stop training (every check but the first), so far and before the best. */
  maxWait = 0;
  maxWaitBeforeBest = 0;
  /** `on_epoch_end` calls so far: the epoch of the next `step`. */
  epoch = 0;

  constructor(options: EarlyStoppingOptions) {
    this.mode = options.mode;
    this.minDelta = options.minDelta ?? 0;
    this.patience = options.patience ?? 0;
    this.startFrom = options.startFrom ?? 0;
    this.baseline = options.baseline ?? null;
  }

  /**
   * One `on_epoch_end` call; `current` is undefined when the epoch logged no value (the check is skipped without
   * touching the wait counter). Returns whether the check was monitored: logged, and not before `startFrom`.
   */
  step(current: number | undefined): boolean {
    const epoch = this.epoch++;
    if (current === undefined || epoch < this.startFrom) return false;
    this.wait++;
    if (isImprovement(current, this.best, this.mode, this.minDelta)) {
      this.best = current;
      this.bestIndex = epoch;
      this.maxWaitBeforeBest = this.maxWait;
      if (this.baseline === null || isImprovement(current, this.baseline, this.mode, this.minDelta)) this.wait = 0;
      return true;
    }
    // Only a check after the first can stop training, so only its wait counts.
    if (epoch > 0 && this.wait > this.maxWait) this.maxWait = this.wait;
    if (this.stopIndex < 0 && this.wait >= this.patience && epoch > 0) {
      this.stopIndex = epoch;
      this.bestAtStopIndex = this.bestIndex;
    }
    return true;
  }
}

/**
 * Replays `EarlyStopping.on_epoch_end` over `values` (see {@link EarlyStoppingState}). A missing value (`undefined`,
 * or NaN where `missing[i]` is set) is what Keras sees as an absent log entry: the check is skipped without touching
 * the wait counter.
 */
export function earlyStopping(values: ArrayLike<number>, options: EarlyStoppingOptions, missing?: ArrayLike<number | boolean>): EarlyStoppingResult {
  const state = new EarlyStoppingState(options);
  for (let epoch = 0; epoch < values.length; epoch++) state.step(missing?.[epoch] ? undefined : values[epoch]);
  const { stopIndex, bestIndex, bestAtStopIndex } = state;
  return { stopIndex, bestIndex, bestAtStopIndex };
}
