/**
 * Running statistics of a series (extents, counts, first and last finite points, first divergence), computed once
 * per series and then only over appended points. The chart's axes, notes and fit analysis all read them, so a
 * million-point series is scanned once, by normalization, instead of once per consumer.
 */
import type { Series } from './series.js';

export interface SeriesStats {
  /** Points folded in so far. */
  n: number;
  /** Finite values. */
  count: number;
  min: number;
  max: number;
  /** Smallest and largest value above 0 (the extent on a log axis). */
  minPositive: number;
  maxPositive: number;
  /** Finite values ≤ 0. */
  nonPositive: number;
  stepMin: number;
  stepMax: number;
  /** Points at a step ≤ 0. */
  nonPositiveSteps: number;
  /** Indices of the first and last finite value; -1 if none. */
  firstFinite: number;
  lastFinite: number;
  /** Index of the first value the run produced as NaN or ±Infinity (see `Series.nonFinite`); -1 if none. */
  firstFlagged: number;
}

export function emptyStats(): SeriesStats {
  return {
    n: 0,
    count: 0,
    min: Infinity,
    max: -Infinity,
    minPositive: Infinity,
    maxPositive: -Infinity,
    nonPositive: 0,
    stepMin: Infinity,
    stepMax: -Infinity,
    nonPositiveSteps: 0,
    firstFinite: -1,
    lastFinite: -1,
    firstFlagged: -1,
  };
}

/** Folds points `from..` of a series (steps ascending, as every normalized series has them) into `st`. */
export function updateStats(st: SeriesStats, s: Series, from = st.n): void {
  scanPoints(s.steps, s.values, s.nonFinite, from, s.values.length, st, false);
}

/**
 * Folds points `from..to` into `st` in one loop, with no call per point: on a cold page a million-point chart runs it
 * before the engine has optimized anything. With `fresh`, the data is new: the loop also flags each non-finite value
 * in `nonFinite`, which must be all zeros (a new array, whose untouched pages cost nothing until a flag is written),
 * and stops at the first step that is not finite and above the one before, returning its index (`st.n` is then left
 * as it was). Otherwise the flags are read and the steps trusted. Returns `to` when every point was folded.
 */
export function scanPoints(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  nonFinite: Uint8Array,
  from: number,
  to: number,
  st: SeriesStats,
  fresh: boolean,
): number {
  let { count, min, max, minPositive, maxPositive, nonPositive, stepMin, stepMax, nonPositiveSteps, firstFinite, lastFinite, firstFlagged } = st;
  let last = from > 0 ? steps[from - 1] : -Infinity;
  let i = from;
  for (; i < to; i++) {
    const step = steps[i];
    const v = values[i];
    let flagged: number;
    if (fresh) {
      if (!(step - step === 0) || step <= last) break;
      last = step;
      flagged = v - v === 0 ? 0 : 1;
      if (flagged) nonFinite[i] = 1;
    } else flagged = nonFinite[i];
    if (flagged && firstFlagged < 0) firstFlagged = i;
    if (!(v - v === 0)) continue;
    if (firstFinite < 0) firstFinite = i;
    lastFinite = i;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0) {
      if (v < minPositive) minPositive = v;
      if (v > maxPositive) maxPositive = v;
    } else nonPositive++;
  }
  if (i < to) return i;
  // Steps ascend (a normalized series; a fresh one was just checked): their extent is at the ends.
  if (to > from) {
    if (steps[from] < stepMin) stepMin = steps[from];
    if (steps[to - 1] > stepMax) stepMax = steps[to - 1];
    for (let j = from; j < to && steps[j] <= 0; j++) nonPositiveSteps++;
  }
  Object.assign(st, {
    n: to,
    count,
    min,
    max,
    minPositive,
    maxPositive,
    nonPositive,
    stepMin,
    stepMax,
    nonPositiveSteps,
    firstFinite,
    lastFinite,
    firstFlagged,
  });
  return to;
}

const known = new WeakMap<Series, SeriesStats>();

/**
 * The statistics of a whole series: computed on first use, then folded forward over points appended since. The same
 * object is returned for a series every time, so every reader shares one running state.
 */
export function seriesStats(s: Series): SeriesStats {
  let st = known.get(s);
  if (!st) known.set(s, (st = emptyStats()));
  if (st.n < s.values.length) updateStats(st, s, st.n);
  return st;
}

/** Records statistics already computed for `s` (by a scan that had to read every point anyway, or a copy). */
export function knowStats(s: Series, st: SeriesStats): void {
  known.set(s, st);
}
