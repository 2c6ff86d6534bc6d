/**
 * How much a validation curve moves by chance: a robust estimate of its check-to-check noise, and the step of a
 * quantized metric (accuracy on N samples moves in steps of 1/N). Pure and DOM-free.
 */
import { bisectLeft, quickselect } from 'd3-array';

/** Median of `values`, reordering them in place (d3's quickselect: O(n)); NaN when empty. */
export function medianInPlace(values: number[] | Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  quickselect(values, h);
  if (n % 2) return values[h];
  // Even: the mean of the middle two; the lower one is the largest of the half quickselect left before h.
  let lower = values[0];
  for (let i = 1; i < h; i++) if (values[i] > lower) lower = values[i];
  return (lower + values[h]) / 2;
}

/** Median of `values[from, to)`, without changing `values`. */
export function median(values: ArrayLike<number>, from = 0, to = values.length): number {
  const copy: number[] = [];
  for (let i = Math.max(0, from); i < to; i++) copy.push(values[i]);
  return medianInPlace(copy);
}

// 1.4826 turns a median absolute deviation into a standard deviation for Gaussian noise; a second difference
// x[i+1] - 2x[i] + x[i-1] of independent noise has 6 times the noise's variance.
const MAD_TO_SD = 1.4826;
const SECOND_DIFFERENCE_SD = Math.sqrt(6);

/**
 * The noise of `values[from, to)` as a standard deviation, from the median absolute second difference (a robust
 * form of von Neumann's successive-difference estimator). Second differences cancel a linear trend, so a falling
 * loss is not mistaken for noise; the median ignores single spikes, so one bad epoch does not inflate it. 0 when
 * there are fewer than 3 values.
 */
export function secondDifferenceNoise(values: ArrayLike<number>, from = 0, to = values.length): number {
  const d: number[] = [];
  for (let i = Math.max(1, from + 1); i < to - 1; i++) d.push(Math.abs(values[i + 1] - 2 * values[i] + values[i - 1]));
  return d.length ? (MAD_TO_SD * medianInPlace(d)) / SECOND_DIFFERENCE_SD : 0;
}

/** Distinct values tracked at most: past this a series is continuous for any practical purpose. */
const QUANTUM_CAP = 4096;

/**
 * The step of a quantized metric, kept as values arrive (O(log d) each, d distinct values so far): an accuracy
 * measured on N samples takes values k/N, so it cannot move by less than 1/N, and a move of one or two samples is
 * no evidence of anything. A series is quantized when it repeats values: fewer distinct values than 60 % of its
 * length. Values are compared to 7 significant digits, as logs print them.
 */
export class QuantumTracker {
  readonly #distinct: number[] = [];
  #count = 0;
  #minGap = Infinity;
  #overflow = false;

  add(value: number): void {
    this.#count++;
    if (this.#overflow || !Number.isFinite(value)) return;
    const v = Number(value.toPrecision(7));
    const d = this.#distinct;
    const lo = bisectLeft(d, v);
    if (d[lo] === v) return;
    if (d.length >= QUANTUM_CAP) {
      this.#overflow = true;
      return;
    }
    if (lo > 0) this.#minGap = Math.min(this.#minGap, v - d[lo - 1]);
    if (lo < d.length) this.#minGap = Math.min(this.#minGap, d[lo] - v);
    d.splice(lo, 0, v);
  }

  /** The smallest step between distinct values when the series is quantized, else 0. */
  get quantum(): number {
    if (this.#overflow || this.#count < 5 || this.#distinct.length > 0.6 * this.#count || this.#minGap === Infinity) return 0;
    return this.#minGap;
  }
}

export interface NoiseEstimate {
  /** Check-to-check noise as a standard deviation (see {@link secondDifferenceNoise}). */
  sigma: number;
  /** The step of a quantized metric, else 0 (see {@link QuantumTracker}). */
  quantum: number;
}

/**
 * The noise of a whole series: `sigma` from its second differences and `quantum` from its repeated values. Non-finite
 * values are left out.
 *
 * @example
 * estimateNoise(history.val_accuracy); // {sigma: 0.0082, quantum: 0.0164}: 61 validation samples
 */
export function estimateNoise(values: ArrayLike<number>): NoiseEstimate {
  const finite: number[] = [];
  const q = new QuantumTracker();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      finite.push(v);
      q.add(v);
    }
  }
  return { sigma: secondDifferenceNoise(finite), quantum: q.quantum };
}
