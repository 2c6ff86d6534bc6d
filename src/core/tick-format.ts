/**
 * Number formats chosen by users (`xFormat`, `yFormat`): a d3-format specifier or a function, validated once, and the
 * tick labels of an axis, which d3-scale's `tickFormat` writes.
 */
import { format as d3Format, formatSpecifier } from 'd3-format';
import type { ScaleContinuousNumeric } from 'd3-scale';
import { warnOnce } from './warn.js';

/** A d3-format specifier (`.0%`, `~s`, `.2e`) or a function from a value to its text. */
export type NumberFormat = string | ((value: number) => string);

/**
 * The format to use for `spec`, or null for the default: a function as it is, a string that d3-format reads, else
 * (an invalid specifier, another type) null with one console warning from `source` naming `what` (`y-format`).
 */
export function resolveFormat(spec: unknown, what = 'format', source = 'training-curves'): NumberFormat | null {
  if (spec === null || spec === undefined || spec === '') return null;
  if (typeof spec === 'function') return spec as (value: number) => string;
  if (typeof spec === 'string') {
    try {
      formatSpecifier(spec);
      return spec;
    } catch {
      // Reported below.
    }
  }
  warnOnce(source, `${what} ${JSON.stringify(String(spec))} is not a d3-format specifier or a function; the default format is used.`);
  return null;
}

/**
 * A user function's text for `value`, or `fallback`'s when it throws or returns nothing: a bad formatter costs a
 * label, never the chart.
 */
function safely(fn: (value: number) => string, fallback: (value: number) => string): (value: number) => string {
  return (value) => {
    try {
      const text = fn(value);
      return text === undefined || text === null ? fallback(value) : String(text);
    } catch {
      return fallback(value);
    }
  };
}

/**
 * The text of a single value (a tooltip's) in the user's format `spec`, else `fallback`. A specifier is used as
 * given (`.0%` writes 0.25 as "25%"); values that are not finite keep the fallback's text (NaN, ∞).
 */
export function valueFormatter(spec: unknown, fallback: (value: number) => string, what?: string, source?: string): (value: number) => string {
  const resolved = resolveFormat(spec, what, source);
  if (resolved === null) return fallback;
  const fn = typeof resolved === 'string' ? d3Format(resolved) : safely(resolved, fallback);
  return (value) => (Number.isFinite(value) ? fn(value) : fallback(value));
}

/** The d3 scale an axis ticks with (linear or log; see axes.ts). */
export type TickScale = ScaleContinuousNumeric<number, number, never>;

export interface TickLabelOptions {
  /** The d3 scale of the axis, over the domain in `unit`s. */
  scale: TickScale;
  log: boolean;
  /** The number of ticks asked of the scale. */
  count: number;
  /** The user's format, or null for the default. */
  format: NumberFormat | null;
  /** The power of ten the scale's domain is divided by (1 but for extreme domains; see `axisUnit`). */
  unit: number;
}

// Log axes by default: plain decimals from 0.0001 to 999999, exponents beyond (1e-7, 2e+6), trailing zeros trimmed.
const plain = d3Format('~g');
const exponent = d3Format('~e');
const logDefault = (v: number) => (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 ? plain(v) : exponent(v));

/**
 * The labels of the ticks `values` (in the axis's units) as d3-scale's `tickFormat(count, specifier)` writes them:
 * with just enough decimals for the tick step. On a log axis d3 labels the powers of ten and, where they fit, their
 * first multiples, leaving the rest as minor ticks ('' labels); when that would label fewer than two ticks (a domain
 * inside one decade), every tick is labeled.
 *
 * The default linear format is SI (`~s`: 20k, 1.5M, and "0" rather than "0k") from 10,000 up, exponents (`~e`) below
 * 1e-5 and from 1e21 up, else plain decimals (`~f`). A domain in other units than 1 (see `axisUnit`) is labeled in
 * exponents, shifted back from its units.
 */
export function tickLabels(values: number[], { scale, log, count, format, unit }: TickLabelOptions): string[] {
  const shift = Math.round(Math.log10(unit));
  const real = (t: number) => t * unit;
  let label: (t: number) => string;
  if (typeof format === 'function') {
    const user = safely(format, defaultLabel(scale, log, count, unit));
    // d3's log tickFormat takes a function as its specifier too, and blanks the minor ticks around it.
    const sparse = log ? scale.tickFormat(count, user as never) : user;
    label = (t) => sparse(real(t));
  } else if (typeof format === 'string') {
    const fn = scale.tickFormat(count, format);
    label = (t) => fn(real(t));
  } else {
    label = defaultLabel(scale, log, count, unit);
  }
  let labels = values.map(label);
  if (log && labels.filter(Boolean).length < Math.min(2, values.length)) {
    // d3's log format for an infinite count labels every tick.
    const every = typeof format === 'string' ? scale.tickFormat(Infinity, format) : null;
    labels = values.map((t) => (every ? every(real(t)) : everyDefault(format, t, unit, shift)));
  }
  return labels;
}

/** A tick's label with every tick labeled, for the default or a function format. */
function everyDefault(format: NumberFormat | null, t: number, unit: number, shift: number): string {
  if (typeof format === 'function') return safely(format, logDefault)(t * unit);
  return unit === 1 ? logDefault(t) : shiftExponent(exponent(t), shift);
}

/** The default label of a tick `t` in the axis's units. */
function defaultLabel(scale: TickScale, log: boolean, count: number, unit: number): (t: number) => string {
  const shift = Math.round(Math.log10(unit));
  if (log) {
    const fn = scale.tickFormat(count, (unit === 1 ? logDefault : exponent) as never);
    return unit === 1 ? fn : (t) => shiftExponent(fn(t), shift);
  }
  if (unit !== 1) {
    const fn = scale.tickFormat(count, '~e');
    return (t) => (t === 0 ? '0' : shiftExponent(fn(t), shift));
  }
  const [d0, d1] = scale.domain();
  const size = Math.max(Math.abs(d0), Math.abs(d1));
  const specifier = size >= 1e21 || (size > 0 && size < 1e-5) ? '~e' : size >= 1e4 ? '~s' : '~f';
  const fn = scale.tickFormat(count, specifier);
  // SI and exponent formats write every tick in the unit of the largest, which labels zero "0k" or "0e+0".
  return specifier === '~f' ? fn : (t) => (t === 0 ? '0' : fn(t));
}

/** A label in exponent form ("8e+306") with its exponent moved by `shift` ("8e+307" for 1). */
function shiftExponent(text: string, shift: number): string {
  if (!shift) return text;
  return text.replace(/e([+-]?\d+)$/, (_, e: string) => {
    const moved = Number(e) + shift;
    return `e${moved < 0 ? '-' : '+'}${Math.abs(moved)}`;
  });
}
