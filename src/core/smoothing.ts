/**
 * TensorBoard's debiased exponential moving average (tensorboard/components/vz_line_chart2/line-chart.ts,
 * `resmoothDataset`). A plain EMA starts at 0 and is biased low for the first ~1/(1-w) points; dividing by
 * 1 - w^k (the weight the k finite points so far carry, as in Adam's bias correction, Kingma & Ba 2015) removes
 * that bias, so the smoothed curve starts on the first value.
 *
 * Non-finite values pass through unchanged and do not update the average; a constant series is returned as is
 * (TensorBoard does the same, which avoids float drift on flat lines).
 *
 * @param values raw values; NaN marks a missing value
 * @param weight smoothing weight in [0, 1); 0 returns a copy
 */
export function smoothEma(values: ArrayLike<number>, weight: number): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values as ArrayLike<number>);
  const w = clampWeight(weight);
  if (w === 0 || n === 0) return out;
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = Object.is(values[i], values[0]);
  if (constant) return out;
  extendEma(values, out, 0, emaState(w));
  return out;
}

/** The running state of a debiased EMA, so a live series can be smoothed one appended point at a time. */
export interface EmaState {
  weight: number;
  /** The biased average so far. */
  last: number;
  /** Finite values averaged so far. */
  k: number;
}

export function emaState(weight: number): EmaState {
  return { weight: clampWeight(weight), last: 0, k: 0 };
}

/** Smooths `values[from..]` into `out[from..]`, continuing from `state` (which it advances). */
export function extendEma(values: ArrayLike<number>, out: { [i: number]: number }, from: number, state: EmaState): void {
  const w = state.weight;
  for (let i = from; i < values.length; i++) {
    const y = values[i];
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    state.last = state.last * w + (1 - w) * y;
    state.k++;
    out[i] = state.last / (1 - w ** state.k);
  }
}

/** Clamps a smoothing weight to [0, 0.999]; anything not a number is 0. */
export function clampWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return Math.min(weight, 0.999);
}
