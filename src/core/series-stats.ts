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

/** Folds points `from..` of a series into `st`. */
export function updateStats(st: SeriesStats, s: Series, from = st.n): void {
  const { steps, values, nonFinite } = s;
  const n = values.length;
  for (let i = from; i < n; i++) foldPoint(st, i, steps[i], values[i], nonFinite[i]);
  st.n = n;
}

/** Folds point i into `st`. Small enough to be inlined into the scans that call it. */
export function foldPoint(st: SeriesStats, i: number, step: number, v: number, flagged: number): void {
  if (step < st.stepMin) st.stepMin = step;
  if (step > st.stepMax) st.stepMax = step;
  if (step <= 0) st.nonPositiveSteps++;
  if (flagged && st.firstFlagged < 0) st.firstFlagged = i;
  if (!(v - v === 0)) return;
  if (st.firstFinite < 0) st.firstFinite = i;
  st.lastFinite = i;
  st.count++;
  if (v < st.min) st.min = v;
  if (v > st.max) st.max = v;
  if (v > 0) {
    if (v < st.minPositive) st.minPositive = v;
    if (v > st.maxPositive) st.maxPositive = v;
  } else st.nonPositive++;
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
