import { describe, expect, it } from 'vitest';
import { clampDomain, readDomain, zoomAround } from '../../src/core/zoom.js';

describe('clampDomain', () => {
  it('keeps a range inside the full one, shifting it back when it runs over, null when it covers it', () => {
    expect(clampDomain([20, 40], [0, 100])).toEqual([20, 40]);
    expect(clampDomain([90, 120], [0, 100])).toEqual([70, 100]);
    expect(clampDomain([-10, 5], [0, 100])).toEqual([0, 15]);
    expect(clampDomain([-10, 200], [0, 100])).toBeNull();
  });

  it('on a log axis, an end clamped to the full range is that end exactly, so the last step stays in range', () => {
    for (const last of [20_000, 12_345, 999_999, 7]) {
      const d = clampDomain([Math.sqrt(last), last * 1.5], [1, last], true)!;
      expect(d[1]).toBe(last);
      const z = zoomAround(null, [1, last], last, 0.5, true)!;
      expect(z[1]).toBe(last);
      expect(clampDomain([0.5, Math.sqrt(last)], [1, last], true)![0]).toBe(1);
    }
  });
});

describe('readDomain', () => {
  it('reads [from, to] in either order; anything but two different finite numbers is null', () => {
    expect(readDomain([10, 20])).toEqual([10, 20]);
    expect(readDomain([20, 10])).toEqual([10, 20]);
    expect(readDomain(['5', 7])).toEqual([5, 7]);
    for (const bad of [null, undefined, [], [1], [1, 2, 3], [5, 5], [NaN, 1], [0, Infinity], 'abc', { 0: 1, 1: 2 }]) expect(readDomain(bad)).toBeNull();
  });
});
