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
 * Replays `EarlyStopping.on_epoch_end` over `values`. A missing value (`undefined`, or NaN where `missing[i]` is
 * set) is what Keras sees as an absent log entry: the check is skipped without touching the wait counter. The
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
 * The replay goes on past the stop so that `bestIndex` covers the whole series.
 */
export function earlyStopping(values: ArrayLike<number>, options: EarlyStoppingOptions, missing?: ArrayLike<number | boolean>): EarlyStoppingResult {
  const { mode, minDelta = 0, patience = 0, startFrom = 0, baseline = null } = options;
  let wait = 0;
  let best: number | null = null;
  let bestIndex = -1;
  let stopIndex = -1;
  let bestAtStopIndex = -1;
  for (let epoch = 0; epoch < values.length; epoch++) {
    const current = values[epoch];
    if (current === undefined || missing?.[epoch] || epoch < startFrom) continue;
    wait++;
    if (isImprovement(current, best, mode, minDelta)) {
      best = current;
      bestIndex = epoch;
      if (baseline === null || baseline === undefined || isImprovement(current, baseline, mode, minDelta)) wait = 0;
      continue;
    }
    if (stopIndex < 0 && wait >= patience && epoch > 0) {
      stopIndex = epoch;
      bestAtStopIndex = bestIndex;
    }
  }
  return { stopIndex, bestIndex, bestAtStopIndex };
}
