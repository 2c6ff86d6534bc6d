import { bisectLeft } from 'd3-array';

/**
 * Index of the value in an ascending array nearest to `target` (binary search; the earlier one on a tie), or -1
 * for an empty array.
 */
export function nearestIndex(sorted: ArrayLike<number>, target: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(target)) return -1;
  const lo = Math.min(n - 1, lowerBound(sorted, target));
  if (lo > 0 && target - sorted[lo - 1] <= sorted[lo] - target) return lo - 1;
  return lo;
}

/** Sorted union of several ascending step arrays, without duplicates. */
export function unionSteps(arrays: ReadonlyArray<ArrayLike<number>>): Float64Array {
  let total = 0;
  for (const a of arrays) total += a.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) all[k++] = a[i];
  all.sort();
  let u = 0;
  for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[u - 1]) all[u++] = all[i];
  return all.slice(0, u);
}

/**
 * First index with steps[i] >= v among indices `from` to `n` (d3-array's `bisectLeft`; all steps before `from` are
 * known to be < v).
 */
export const lowerBound = (steps: ArrayLike<number>, v: number, n = steps.length, from = 0): number => bisectLeft(steps, v, from, n);
