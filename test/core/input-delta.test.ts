/**
 * `inputDelta`: whether a reassigned series is the same data, the same data plus new points, or something else.
 */
import { describe, expect, it } from 'vitest';
import { inputDelta } from '../../src/core/input-delta.js';
import { normalizeSeries } from '../../src/core/series.js';

const held = (input: unknown) => normalizeSeries(input).series!;

describe('inputDelta', () => {
  it('inputDelta(held [1, 0.9], [1, 0.9]) is same; [1, 0.9, 0.8] extends with [0.8]', () => {
    expect(inputDelta(held([1, 0.9]), [1, 0.9])).toEqual({ kind: 'same' });
    expect(inputDelta(held([1, 0.9]), [1, 0.9, 0.8])).toEqual({ kind: 'extends', tail: [0.8] });
  });

  it('inputDelta(held {steps, values}, longer columns) extends with the new columns', () => {
    const h = held({ steps: [10, 20], values: [1, 0.9] });
    expect(inputDelta(h, { steps: [10, 20, 30], values: [1, 0.9, 0.8] })).toEqual({ kind: 'extends', tail: { steps: [30], values: [0.8] } });
  });

  it('inputDelta(held [1, 0.9], [1, 0.9, null]) is other: the whole pair is read again, so null follows one rule', () => {
    // A null at the end of a plain array may be a NaN written to JSON (normalizePair): an append would read it as a
    // gap, while reading the new array does what a fresh chart would.
    expect(inputDelta(held([1, 0.9]), [1, 0.9, null])).toEqual({ kind: 'other' });
    expect(inputDelta(held([1, 0.9]), [1, 0.9, 'x'])).toEqual({ kind: 'other' });
  });

  it('inputDelta(held [1, 0.9], changed or shorter arrays) is other', () => {
    expect(inputDelta(held([1, 0.9]), [1, 0.8, 0.7])).toEqual({ kind: 'other' });
    expect(inputDelta(held([1, 0.9]), [1])).toEqual({ kind: 'other' });
  });
});
