/**
 * Scales, domains and ticks. Linear or true logarithmic axes, never a linear-near-zero blend.
 */
import { linearTickFormat } from './format.js';
import { linearScale, logScale, niceDomain, type NumericScale } from './scale.js';

export type { NumericScale };

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  pos: number;
  /** Label text; empty for a minor tick (a log axis's 2..9 multiples when labels would crowd). */
  label: string;
}

export interface Axis {
  scale: NumericScale;
  ticks: Tick[];
  log: boolean;
}

/** Running [min, max] over finite values, optionally positive only (for log axes). */
export class Extent {
  min = Infinity;
  max = -Infinity;
  constructor(readonly positiveOnly = false) {}
  add(v: number): void {
    if (!Number.isFinite(v) || (this.positiveOnly && v <= 0)) return;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  addAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.add(values[i]);
  }
  get empty(): boolean {
    return this.min > this.max;
  }
}

/**
 * A y domain that fits every value, padded so lines do not touch the frame. A linear domain is niced; a single
 * value is widened around itself. A log domain is padded by a few percent of its decades instead of niced to whole
 * powers of ten, which on a run spanning 0.03..0.08 would waste most of the height.
 */
export function yDomain(extent: Extent, log: boolean): [number, number] {
  if (extent.empty) return log ? [0.1, 1] : [0, 1];
  let { min, max } = extent;
  // A spread at rounding-noise level (0.1 + 0.2 against 0.3) is a constant series: padded and niced as a range, it
  // gives a domain narrower than the data and one tick label repeated.
  const flat = max - min <= Math.max(Math.abs(min), Math.abs(max)) * 1e-9;
  if (log) {
    // A factor of 2 each side of a constant series, else 4% of the decades spanned.
    const pad = flat ? 2 : 10 ** ((Math.log10(max) - Math.log10(min)) * 0.04);
    // Padding that underflows to 0 (a subnormal) or overflows to Infinity, which a log axis cannot hold, stops at the
    // data instead.
    return [min / pad || min, Number.isFinite(max * pad) ? max * pad : max];
  }
  if (flat) {
    // `|| 1` also covers 0 and subnormals, whose 10% underflows to 0.
    const d = Math.max(Math.abs(min), Math.abs(max)) * 0.1 || 1;
    min -= d;
    max += d;
  } else {
    const pad = (max - min) * 0.04;
    // Do not pad a non-negative series below zero: losses and accuracies have a natural floor.
    min = min >= 0 && min - pad < 0 ? 0 : min - pad;
    max += pad;
  }
  return niceDomain([min, max]);
}

/** An x domain: exactly the data's step range (a chart of epochs 1..n starts at 1 and ends at n). */
export function xDomain(extent: Extent, log: boolean): [number, number] {
  if (extent.empty) return log ? [1, 10] : [0, 1];
  const { min, max } = extent;
  if (min !== max) return [min, max];
  // A single step: half a step either side, so an epoch-1 chart has no epoch 0 or 2 on its axis.
  return log ? [min / 2, min * 2] : [min - 0.5, max + 0.5];
}

export interface AxisOptions {
  domain: [number, number];
  range: [number, number];
  log: boolean;
  /** Approximate number of labeled ticks wanted. */
  count: number;
  /** Only integer ticks (epochs). */
  integer?: boolean;
}

export function buildAxis({ domain, range, log, count, integer = false }: AxisOptions): Axis {
  const scale = (log ? logScale : linearScale)(domain, range);
  const all = scale.ticks(Math.max(2, count));
  const values = integer ? all.filter(Number.isInteger) : all;
  // Log labels are chosen among all ticks, so an integer axis labels the same ticks as an unfiltered one.
  const format = log ? logTickFormat(all, count) : tickFormat(domain, count);
  const ticks = values.map((value) => ({ value, pos: scale(value), label: format(value) }));
  return { scale, ticks, log };
}

function tickFormat([d0, d1]: [number, number], count: number): (v: number) => string {
  const big = Math.max(Math.abs(d0), Math.abs(d1)) >= 1e4;
  const format = linearTickFormat(d0, d1, count, big);
  // The SI format puts every tick in the largest tick's unit, which labels zero "0k".
  return big ? (v) => (v === 0 ? '0' : format(v)) : format;
}

// Mantissas to label on a log axis, from sparse to dense; the densest set that fits `count` labels wins.
const LOG_LABEL_SETS = [[1], [1, 2, 5], [1, 2, 3, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

/**
 * Labels for log ticks: powers of ten, then 2 and 5 times them, and so on while the labels fit. Unlabeled ticks
 * stay as minor grid lines. A short domain inside one decade gets labels on every tick.
 */
function logTickFormat(ticks: number[], count: number): (v: number) => string {
  const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  let chosen = LOG_LABEL_SETS[0];
  for (const set of LOG_LABEL_SETS) {
    const labeled = ticks.filter((t) => set.includes(mantissa(t))).length;
    if (labeled <= Math.max(2, count)) chosen = set;
    else break;
  }
  const labeled = ticks.filter((t) => chosen.includes(mantissa(t)));
  // Within a single decade (or two ticks of one), fall back to labeling every tick.
  const label = labeled.length >= 2 ? (t: number) => chosen.includes(mantissa(t)) : () => true;
  return (v) => (label(v) ? formatTick(v) : '');
}

/** A log tick label: 0.001, 0.05, 20, 300, 1e-7, 2e+6. */
function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(6)));
  return v.toExponential().replace(/\.?0+e/, 'e');
}
