/**
 * Linear and base-10 log scales: the part of d3-scale the axes use, computed the same way so positions, inversions,
 * ticks and niced domains match d3-scale 4 to the last bit. Not clamped: values outside the domain extrapolate.
 */
import { tickIncrement, ticks } from 'd3-array';

/** A scale from data to pixels. Also the type of `Axis.scale`. */
export interface NumericScale {
  (value: number): number;
  /** The data value at a pixel position. */
  invert(px: number): number;
  domain(): [number, number];
  range(): [number, number];
  /** About `count` round values inside the domain, in the domain's order. */
  ticks(count: number): number[];
}

/**
 * Maps [a0, a1] onto [b0, b1] as d3-scale does: from the low end of a descending input, with d3-interpolate's
 * `b0 * (1 - t) + b1 * t`; another but equivalent formula would move positions by a rounding error.
 */
function map(a0: number, a1: number, b0: number, b1: number): (x: number) => number {
  if (a1 < a0) [a0, a1, b0, b1] = [a1, a0, b1, b0];
  const d = a1 - a0;
  return (x) => {
    // An empty input range maps everything to the middle (and a NaN one to NaN), as d3's does.
    const t = d ? (x - a0) / d : d + 0.5;
    return b0 * (1 - t) + b1 * t;
  };
}

const id = (x: number) => x;

function scale(
  [d0, d1]: [number, number],
  [r0, r1]: [number, number],
  tickValues: (a: number, b: number, count: number) => number[],
  f = id,
  g = id,
): NumericScale {
  const to = map(f(d0), f(d1), r0, r1);
  const from = map(r0, r1, f(d0), f(d1));
  return Object.assign((x: number) => to(f(x)), {
    invert: (px: number) => g(from(px)),
    domain: (): [number, number] => [d0, d1],
    range: (): [number, number] => [r0, r1],
    ticks: (count: number) => tickValues(d0, d1, count),
  });
}

export const linearScale = (domain: [number, number], range: [number, number]): NumericScale => scale(domain, range, ticks);

/** A base-10 log scale for a positive domain; 0 and negative values map to NaN. */
export const logScale = (domain: [number, number], range: [number, number]): NumericScale =>
  // Natural logs as d3 uses: log10 would give other rounding errors.
  scale(domain, range, logTicks, Math.log, Math.exp);

// Exact powers of ten: 10 ** -5 is 0.000009999999999999999.
const pow10 = (e: number) => +`1e${e}`;

/**
 * d3-scale's log ticks: every 1..9 multiple of each power of ten while the domain spans fewer decades than `count`
 * (linear ticks instead if that gives under count / 2), else round powers of ten.
 */
function logTicks(a: number, b: number, count: number): number[] {
  const reverse = b < a;
  if (reverse) [a, b] = [b, a];
  // No ticks where a log scale has no positions (a bound at 0 or Infinity), as d3 gives none for a NaN domain.
  if (!(a > 0 && b < Infinity)) return [];
  let i = Math.log10(a);
  let j = Math.log10(b);
  let z: number[] = [];
  if (j - i < count) {
    for (i = Math.floor(i), j = Math.ceil(j); i <= j; ++i) {
      for (let k = 1; k < 10; ++k) {
        const t = i < 0 ? k / pow10(-i) : k * pow10(i);
        if (t < a) continue;
        if (t > b) break;
        z.push(t);
      }
    }
    if (z.length * 2 < count) {
      // d3-array's linear ticks throw on a domain of subnormal numbers (below 2.2e-308): then only the powers of ten.
      try {
        z = ticks(a, b, count);
      } catch {
        // keep z
      }
    }
  } else {
    z = ticks(i, j, Math.min(j - i, count)).map(pow10);
  }
  return reverse ? z.reverse() : z;
}

/**
 * d3-scale's linear `nice()`: widens the domain to multiples of its tick step, again while the step changes (at
 * most 10 rounds). A domain it cannot nice (empty, NaN) comes back as it is.
 */
export function niceDomain(domain: [number, number], count = 10): [number, number] {
  let [start, stop] = domain;
  const reverse = stop < start;
  if (reverse) [start, stop] = [stop, start];
  let prestep: number | undefined;
  for (let n = 0; n < 10; n++) {
    const step = tickIncrement(start, stop, count);
    if (step === prestep) return reverse ? [stop, start] : [start, stop];
    // A negative increment is the reciprocal of a step below 1: dividing by it is exact where multiplying is not.
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else if (step < 0) {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    } else break;
    prestep = step;
  }
  return domain;
}
