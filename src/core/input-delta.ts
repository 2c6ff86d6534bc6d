/**
 * How a newly assigned series relates to the one a chart already holds: the same points, the same points followed
 * by new ones, or something else. Frameworks hand over new array objects on every render, and live dashboards
 * reassign `[...old, point]`; comparing is a tight O(n) loop, far cheaper than preparing the data again, and an
 * extension becomes an O(new points) append.
 */
import type { Series } from './series.js';

/** `tail` is the new points in a form `appendPoints` takes: a plain array (the next epochs) or `{steps, values}`. */
export type InputDelta = { kind: 'same' } | { kind: 'extends'; tail: number[] | { steps: number[]; values: number[] } } | { kind: 'other' };

const OTHER: InputDelta = { kind: 'other' };

/** Compares plain or typed arrays and columnar `{steps, values}` of numbers; anything else is 'other'. */
export function inputDelta(held: Series, input: unknown): InputDelta {
  let steps: ArrayLike<unknown> | null = null;
  let values: ArrayLike<unknown>;
  if (ArrayBuffer.isView(input) || Array.isArray(input)) {
    if (!held.indexed) return OTHER;
    values = input as ArrayLike<unknown>;
  } else if (typeof input === 'object' && input !== null && 'steps' in input && 'values' in input) {
    const c = input as { steps: unknown; values: unknown };
    if (!isList(c.steps) || !isList(c.values) || c.steps.length !== c.values.length || held.indexed) return OTHER;
    steps = c.steps;
    values = c.values;
  } else return OTHER;
  const n = held.steps.length;
  const m = values.length;
  if (m < n || n === 0) return OTHER;
  const hs = held.steps;
  const hv = held.values;
  const flags = held.nonFinite;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const s = steps === null ? i + 1 : steps[i];
    if (typeof v !== 'number' || s !== hs[i]) return OTHER;
    // A held NaN matches only a NaN the run produced (flagged), not a missing value (which came from null).
    if (v !== hv[i] && !(v !== v && hv[i] !== hv[i] && flags[i])) return OTHER;
  }
  if (m === n) return { kind: 'same' };
  const tailSteps: number[] = [];
  const tailValues: number[] = [];
  const last = hs[n - 1];
  for (let i = n; i < m; i++) {
    const s = steps === null ? i + 1 : steps[i];
    if (typeof s !== 'number' || !(s > last)) return OTHER;
    // Anything but a number (a null that may be a NaN written to JSON) is read with the whole series, as a fresh
    // chart reads it (see normalizePair), not as an appended gap.
    if (typeof values[i] !== 'number') return OTHER;
    tailSteps.push(s);
    tailValues.push(values[i] as number);
  }
  // A plain array stays a plain array, so the appended points stay epochs.
  return { kind: 'extends', tail: steps === null ? tailValues : { steps: tailSteps, values: tailValues } };
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}
