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
 * First index with steps[i] >= v, searching from index `from` (all steps before it are known to be < v): gallops
 * forward from there, so a sweep of ascending lookups costs O(log distance) each instead of O(log n).
 */
export function lowerBound(steps: ArrayLike<number>, v: number, n = steps.length, from = 0): number {
  let lo = from;
  let hi = from;
  for (let jump = 1; hi < n && steps[hi] < v; jump *= 2) {
    lo = hi + 1;
    hi += jump;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
