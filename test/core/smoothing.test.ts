import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampWeight, emaState, extendEma, smoothEma } from '../../src/core/smoothing.js';

/** TensorBoard's resmoothDataset, written out independently as the reference. */
function reference(values: number[], w: number): number[] {
  const constant = values.every((v) => Object.is(v, values[0]));
  let last = 0;
  let k = 0;
  return values.map((y) => {
    if (constant || !Number.isFinite(y)) return y;
    last = last * w + (1 - w) * y;
    k++;
    return last / (1 - w ** k);
  });
}

describe('smoothEma', () => {
  it('smoothEma([1, 2, 3], 0.5) is 1, 5/3, 17/7 (debiased EMA by hand)', () => {
    // k=1: last = 0.5*0 + 0.5*1 = 0.5;     0.5 / (1 - 0.5)     = 1
    // k=2: last = 0.5*0.5 + 0.5*2 = 1.25;  1.25 / (1 - 0.25)   = 5/3
    // k=3: last = 0.5*1.25 + 0.5*3 = 2.125; 2.125 / (1 - 0.125) = 17/7
    const out = smoothEma([1, 2, 3], 0.5);
    expect(out).toBeInstanceOf(Float64Array);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(5 / 3, 12);
    expect(out[2]).toBeCloseTo(17 / 7, 12);
  });

  it('smoothEma([1, NaN, 3], 0.5) passes NaN through and does not count it in k', () => {
    // k=1 at index 0: 1. Index 1: NaN, unchanged. k=2 at index 2: last = 0.5*0.5 + 0.5*3 = 1.75; 1.75 / 0.75 = 7/3.
    const out = smoothEma([1, NaN, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(7 / 3, 12);
  });

  it('smoothEma([4, Infinity, -Infinity, 2], 0.6) passes infinities through unchanged', () => {
    // k=1: last = 0.4*4 = 1.6; 1.6 / 0.4 = 4. k=2: last = 0.6*1.6 + 0.4*2 = 1.76; 1.76 / (1 - 0.36) = 2.75.
    const out = smoothEma([4, Infinity, -Infinity, 2], 0.6);
    expect(out[0]).toBeCloseTo(4, 12);
    expect(out[1]).toBe(Infinity);
    expect(out[2]).toBe(-Infinity);
    expect(out[3]).toBeCloseTo(2.75, 12);
  });

  it('smoothEma([NaN, 2, 4], 0.5) starts the average at the first finite value', () => {
    // k=1 at index 1: 2. k=2: last = 0.5*1 + 0.5*4 = 2.5; 2.5 / 0.75 = 10/3.
    const out = smoothEma([NaN, 2, 4], 0.5);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(2, 12);
    expect(out[2]).toBeCloseTo(10 / 3, 12);
  });

  it('smoothEma(constant series, 0.9) returns the values exactly', () => {
    const values = [0.1, 0.1, 0.1, 0.1, 0.1];
    expect([...smoothEma(values, 0.9)]).toEqual(values);
  });

  it('smoothEma(values, 0) returns an equal copy, not the input', () => {
    const values = new Float64Array([3, 1, 2]);
    const out = smoothEma(values, 0);
    expect([...out]).toEqual([3, 1, 2]);
    expect(out).not.toBe(values);
    out[0] = 99;
    expect(values[0]).toBe(3);
  });

  it('smoothEma(values, w) does not modify its input', () => {
    const values = [1, 5, 2, 8];
    smoothEma(values, 0.7);
    expect(values).toEqual([1, 5, 2, 8]);
  });

  it('smoothEma([], 0.5) is empty', () => {
    expect(smoothEma([], 0.5)).toHaveLength(0);
  });

  it('smoothEma([7], 0.99) keeps a single value', () => {
    expect([...smoothEma([7], 0.99)]).toEqual([7]);
  });

  it('smoothEma(values, 0.6) first value equals the raw first value (debiasing removes the start-at-0 bias)', () => {
    const out = smoothEma([5, 1, 1, 1], 0.6);
    expect(out[0]).toBeCloseTo(5, 12);
  });

  it('smoothEma(values, NaN or negative) returns a copy', () => {
    expect([...smoothEma([1, 2, 3], NaN)]).toEqual([1, 2, 3]);
    expect([...smoothEma([1, 2, 3], -0.5)]).toEqual([1, 2, 3]);
  });

  it('smoothEma(values, 1) smooths with the weight clamped to 0.999 instead of freezing', () => {
    const out = smoothEma([1, 2], 1);
    // k=2 with w=0.999: last = 0.999*0.001 + 0.001*2 = 0.002999; / (1 - 0.998001) = 1.50025...
    expect(out[1]).toBeCloseTo(0.002999 / 0.001999, 9);
  });

  it('smoothEma(values, w) matches the TensorBoard formula on random series', () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 50 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (values, w) => {
        const out = smoothEma(values, w);
        const want = reference(values, w);
        for (let i = 0; i < values.length; i++) {
          if (!Number.isFinite(want[i])) expect(Object.is(out[i], want[i])).toBe(true);
          else expect(Math.abs(out[i] - want[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[i])));
        }
      }),
    );
  });

  it('smoothEma(values, w) stays within the range of the finite values (a weighted mean)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (values, w) => {
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          for (const v of smoothEma(values, w)) {
            expect(v).toBeGreaterThanOrEqual(lo - 1e-9 * Math.max(1, Math.abs(lo)));
            expect(v).toBeLessThanOrEqual(hi + 1e-9 * Math.max(1, Math.abs(hi)));
          }
        },
      ),
    );
  });
});

describe('emaState / extendEma', () => {
  it('extendEma(values, out, from, state) in chunks equals smoothEma over the whole series', () => {
    const values = [1, 2, NaN, 3, 10, 4, Infinity, 5];
    const out = new Float64Array(values.length);
    const state = emaState(0.5);
    extendEma(values.slice(0, 3), out, 0, state);
    expect(state.k).toBe(2);
    extendEma(values.slice(0, 6), out, 3, state);
    extendEma(values, out, 6, state);
    expect(state.k).toBe(6);
    const whole = smoothEma(values, 0.5);
    for (let i = 0; i < values.length; i++) {
      if (Number.isFinite(values[i])) expect(out[i]).toBeCloseTo(whole[i], 12);
      else expect(Object.is(out[i], values[i])).toBe(true);
    }
    expect(out[1]).toBeCloseTo(5 / 3, 12);
  });

  it('emaState(w) clamps the weight and starts empty', () => {
    expect(emaState(2)).toEqual({ weight: 0.999, last: 0, k: 0 });
    expect(emaState(NaN)).toEqual({ weight: 0, last: 0, k: 0 });
  });
});

describe('clampWeight', () => {
  it('clampWeight(w) keeps weights in [0, 0.999] and maps non-numbers to 0', () => {
    expect(clampWeight(0.6)).toBe(0.6);
    expect(clampWeight(0)).toBe(0);
    expect(clampWeight(-1)).toBe(0);
    expect(clampWeight(1)).toBe(0.999);
    expect(clampWeight(5)).toBe(0.999);
    expect(clampWeight(NaN)).toBe(0);
    expect(clampWeight(Infinity)).toBe(0);
  });
});
