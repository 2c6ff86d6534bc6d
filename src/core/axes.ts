/**
 * Scales, domains and ticks, by d3-scale. Linear or true logarithmic axes, never a linear-near-zero blend.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { tickLabels, type NumberFormat, type TickScale } from './tick-format.js';

/** A scale from data to pixels: a d3 scale, or one over a domain in other units (see `axisUnit`). */
export interface NumericScale {
  (value: number): number;
  /** The data value at a pixel position. */
  invert(px: number): number;
  domain(): number[];
  range(): number[];
  /** About `count` round values inside the domain, in the domain's order. */
  ticks(count?: number): number[];
}

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
  // Padded and niced in the units d3 can tick (a span of -9e307..9e307 overflows a double, and d3-array's steps
  // overflow between subnormals), then back, inside the doubles.
  const unit = axisUnit(min, max, false);
  min /= unit;
  max /= unit;
  if (flat) {
    // A widening that would be subnormal (10% of 5e-324 underflows to 0) is 1 instead.
    const d = Math.max(Math.abs(min), Math.abs(max)) * 0.1;
    const widen = d * unit >= MIN_NORMAL ? d : 1 / unit;
    min -= widen;
    max += widen;
  } else {
    const pad = (max - min) * 0.04;
    // Do not pad a non-negative series below zero: losses and accuracies have a natural floor.
    min = min >= 0 && min - pad < 0 ? 0 : min - pad;
    max += pad;
  }
  const [a, b] = scaleLinear().domain([min, max]).nice().domain();
  const limit = (v: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, v * unit));
  return [limit(a), limit(b)];
}

/** The smallest positive double with full precision. */
const MIN_NORMAL = 2 ** -1022;

/**
 * The power of ten an axis divides its domain by before d3 computes with it: 1, except for a domain whose span
 * overflows a double (near ±1.8e308: d3's arithmetic would give Infinity and NaN) and one of values so small that
 * d3-array's tick steps overflow (below about 1e-290). Positions are the same in any unit; tick labels are shifted back.
 */
export function axisUnit(d0: number, d1: number, log: boolean): number {
  const size = Math.max(Math.abs(d0), Math.abs(d1));
  if (size > 0 && size < 1e-290) return 1e-300;
  return !log && size > 1e307 ? 10 : 1;
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
  /** The tick labels' format (a d3-format specifier or a function); null or absent for the default. */
  format?: NumberFormat | null;
}

/**
 * An axis: a d3 `scaleLinear` or `scaleLog` over `domain`, its ticks and their labels (see `tickLabels`). Log labels
 * are chosen among all ticks, so an integer axis labels the same ticks as an unfiltered one.
 */
export function buildAxis({ domain, range, log, count, integer = false, format = null }: AxisOptions): Axis {
  const unit = axisUnit(domain[0], domain[1], log);
  const inner: TickScale = (log ? scaleLog() : scaleLinear()).domain(unit === 1 ? domain : [domain[0] / unit, domain[1] / unit]).range(range);
  const scale: NumericScale = unit === 1 ? inner : inUnits(inner, domain, unit);
  // One tick says where a value is but not the scale: a 240 px card of epochs 1–35 asked for 2 ticks gets only "20"
  // (a step of 20), so ask for a few more until two land inside the domain.
  let ticks: Tick[] = [];
  for (let n = Math.max(2, count), tries = 0; tries < 4 && ticks.length < 2; n++, tries++) {
    const all = inner.ticks(n);
    const labels = tickLabels(all, { scale: inner, log, count: n, format, unit });
    ticks = [];
    all.forEach((t, i) => {
      const value = t * unit;
      if (Number.isFinite(value) && (!integer || Number.isInteger(value))) ticks.push({ value, pos: inner(t), label: labels[i] });
    });
  }
  return { scale, ticks, log };
}

/** The scale of values in units of 1 over a d3 scale of values in `unit`s. */
function inUnits(inner: TickScale, domain: [number, number], unit: number): NumericScale {
  return Object.assign((v: number) => inner(v / unit), {
    invert: (px: number) => inner.invert(px) * unit,
    domain: () => [...domain],
    range: () => inner.range(),
    ticks: (count?: number) => inner.ticks(count).map((t) => t * unit),
  });
}
