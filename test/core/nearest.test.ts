import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nearestIndex, unionSteps } from '../../src/core/nearest.js';

describe('nearestIndex', () => {
  it('nearestIndex(sorted, target) finds the exact match', () => {
    expect(nearestIndex([1, 2, 4, 8], 4)).toBe(2);
  });

  it('nearestIndex(sorted, target) picks the closer neighbour', () => {
    expect(nearestIndex([1, 2, 4, 8], 3.1)).toBe(2);
    expect(nearestIndex([1, 2, 4, 8], 2.9)).toBe(1);
    expect(nearestIndex([10, 20, 30], 26)).toBe(2);
  });

  it('nearestIndex(sorted, midpoint) picks the earlier one on a tie', () => {
    expect(nearestIndex([1, 2, 4, 8], 3)).toBe(1);
    expect(nearestIndex([0, 10], 5)).toBe(0);
  });

  it('nearestIndex(sorted, outside) clamps to the ends', () => {
    expect(nearestIndex([1, 2, 3], -100)).toBe(0);
    expect(nearestIndex([1, 2, 3], 100)).toBe(2);
    expect(nearestIndex([1, 2, 3], -Infinity)).toBe(0);
    expect(nearestIndex([1, 2, 3], Infinity)).toBe(2);
  });

  it('nearestIndex([], t) and nearestIndex(sorted, NaN) are -1', () => {
    expect(nearestIndex([], 1)).toBe(-1);
    expect(nearestIndex(new Float64Array(0), 1)).toBe(-1);
    expect(nearestIndex([1, 2], NaN)).toBe(-1);
  });

  it('nearestIndex([5], t) is 0 for any target', () => {
    expect(nearestIndex([5], -1)).toBe(0);
    expect(nearestIndex([5], 50)).toBe(0);
  });

  it('nearestIndex(Float64Array, t) works on typed arrays', () => {
    expect(nearestIndex(new Float64Array([0, 50, 100, 150]), 120)).toBe(2);
  });

  it('nearestIndex(sorted, t) agrees with a linear scan (first minimum distance)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }).map((a) => a.sort((p, q) => p - q)),
        fc.double({ min: -1200, max: 1200, noNaN: true }),
        (sorted, target) => {
          let want = 0;
          for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - target) < Math.abs(sorted[want] - target)) want = i;
          expect(nearestIndex(sorted, target)).toBe(want);
        },
      ),
    );
  });
});

describe('unionSteps', () => {
  it('unionSteps(arrays) merges, sorts and removes duplicates', () => {
    expect([...unionSteps([[1, 3, 5], [2, 3, 10], []])]).toEqual([1, 2, 3, 5, 10]);
  });

  it('unionSteps(arrays) sorts numerically, not as strings', () => {
    expect([...unionSteps([[9, 100], [20]])]).toEqual([9, 20, 100]);
  });

  it('unionSteps(typed arrays) returns a Float64Array', () => {
    const u = unionSteps([new Float64Array([49, 99]), new Float64Array([99, 149])]);
    expect(u).toBeInstanceOf(Float64Array);
    expect([...u]).toEqual([49, 99, 149]);
  });

  it('unionSteps([]) is empty', () => {
    expect(unionSteps([])).toHaveLength(0);
    expect(unionSteps([[], []])).toHaveLength(0);
  });

  it('unionSteps(arrays) equals the sorted set of all steps', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -50, max: 50 }))), (arrays) => {
        const sorted = arrays.map((a) => [...a].sort((p, q) => p - q));
        const want = [...new Set(sorted.flat())].sort((p, q) => p - q);
        expect([...unionSteps(sorted)]).toEqual(want);
      }),
    );
  });
});
