import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrowableSeries } from '../../src/core/growable-series.js';
import { normalizeSeries, type Series } from '../../src/core/series.js';

const norm = (input: unknown): Series => normalizeSeries(input).series!;
const plain = (s: Series) => ({ steps: [...s.steps], values: [...s.values], nonFinite: [...s.nonFinite], indexed: s.indexed });
/** Capacity in points: the length of the buffer behind the views. */
const capacity = (g: GrowableSeries) => g.steps.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT;

describe('GrowableSeries: construction', () => {
  it('new GrowableSeries(series) holds the same points, with room for at least 16', () => {
    const g = new GrowableSeries(norm([0.5, NaN, null, 0.25]));
    expect(plain(g)).toEqual({ steps: [1, 2, 3, 4], values: [0.5, NaN, NaN, 0.25], nonFinite: [0, 1, 0, 0], indexed: true });
    expect(g.length).toBe(4);
    expect(capacity(g)).toBeGreaterThanOrEqual(16);
  });

  it('new GrowableSeries(series without spare room) holds the same points', () => {
    const src: Series = { steps: Float64Array.of(1, 2, 3), values: Float64Array.of(3, 2, 1), nonFinite: new Uint8Array(3), indexed: false };
    const g = new GrowableSeries(src);
    expect(plain(g)).toEqual({ steps: [1, 2, 3], values: [3, 2, 1], nonFinite: [0, 0, 0], indexed: false });
    expect(g.append(norm({ steps: [4], values: [0] }))).toBe(true);
    expect(plain(g).values).toEqual([3, 2, 1, 0]);
  });

  it('appending to a GrowableSeries leaves the source series’ views as they were', () => {
    const src = norm({ steps: [10, 20], values: [1, 2] });
    const g = new GrowableSeries(src);
    g.append(norm({ steps: [30, 40], values: [3, 4] }));
    expect(plain(src)).toEqual({ steps: [10, 20], values: [1, 2], nonFinite: [0, 0], indexed: false });
    expect(plain(g)).toMatchObject({ steps: [10, 20, 30, 40], values: [1, 2, 3, 4] });
  });

  it('two GrowableSeries built from one series grow independently', () => {
    const src = norm({ steps: [1, 2], values: [1, 2] });
    const a = new GrowableSeries(src);
    const b = new GrowableSeries(src);
    a.append(norm({ steps: [3], values: [30] }));
    b.append(norm({ steps: [5], values: [50] }));
    expect(plain(a)).toMatchObject({ steps: [1, 2, 3], values: [1, 2, 30] });
    expect(plain(b)).toMatchObject({ steps: [1, 2, 5], values: [1, 2, 50] });
  });

  it('new GrowableSeries(empty series) is empty', () => {
    const g = new GrowableSeries(norm([]));
    expect(plain(g)).toEqual({ steps: [], values: [], nonFinite: [], indexed: true });
  });
});

describe('GrowableSeries.append', () => {
  it('append(columnar batch after the last step) adds the points and re-slices the views', () => {
    const g = new GrowableSeries(norm({ steps: [1, 2], values: [3, 4] }));
    expect(g.append(norm({ steps: [5, 7], values: [Infinity, 0.5] }))).toBe(true);
    expect(plain(g)).toEqual({ steps: [1, 2, 5, 7], values: [3, 4, Infinity, 0.5], nonFinite: [0, 0, 1, 0], indexed: false });
    expect(g.length).toBe(4);
  });

  it('append(plain array) continues the epochs after the last one', () => {
    const g = new GrowableSeries(norm([0.9, 0.8, 0.7]));
    expect(g.append(norm([0.6, null]))).toBe(true);
    expect(g.append(norm([0.5]))).toBe(true);
    expect(plain(g)).toEqual({ steps: [1, 2, 3, 4, 5, 6], values: [0.9, 0.8, 0.7, 0.6, NaN, 0.5], nonFinite: [0, 0, 0, 0, 0, 0], indexed: true });
  });

  it('append(plain array) to an empty series starts at epoch 1', () => {
    const g = new GrowableSeries(norm([]));
    expect(g.append(norm([4, 5]))).toBe(true);
    expect(plain(g)).toMatchObject({ steps: [1, 2], values: [4, 5], indexed: true });
  });

  it('append(columnar) to a series of epochs keeps the given steps and makes it a series of steps', () => {
    const g = new GrowableSeries(norm([1, 2]));
    expect(g.append(norm({ steps: [10], values: [3] }))).toBe(true);
    expect(plain(g)).toMatchObject({ steps: [1, 2, 10], indexed: false });
    // A plain array continues after the last step, whatever kind of series it joins.
    expect(g.append(norm([4, 5]))).toBe(true);
    expect(plain(g)).toMatchObject({ steps: [1, 2, 10, 11, 12], values: [1, 2, 3, 4, 5], indexed: false });
  });

  it('append(batch not after the last step) returns false and changes nothing', () => {
    const g = new GrowableSeries(norm({ steps: [1, 2, 3], values: [1, 2, 3] }));
    const before = plain(g);
    const views = { steps: g.steps, values: g.values, nonFinite: g.nonFinite };
    expect(g.append(norm({ steps: [3, 4], values: [9, 9] }))).toBe(false);
    expect(g.append(norm({ steps: [0], values: [9] }))).toBe(false);
    expect(g.append(norm({ steps: [2.5, 10], values: [9, 9] }))).toBe(false);
    expect(plain(g)).toEqual(before);
    expect(g.length).toBe(3);
    expect(g.steps).toBe(views.steps);
    expect(g.values).toBe(views.values);
    expect(g.nonFinite).toBe(views.nonFinite);
  });

  it('append(empty batch) returns true and changes nothing', () => {
    const g = new GrowableSeries(norm([1, 2]));
    const steps = g.steps;
    expect(g.append(norm([]))).toBe(true);
    expect(g.append(norm({ steps: [], values: [] }))).toBe(true);
    expect(g.steps).toBe(steps);
    expect(plain(g)).toEqual({ steps: [1, 2], values: [1, 2], nonFinite: [0, 0], indexed: true });
  });

  it('append within capacity writes in place: the buffer is kept and earlier views still read their points', () => {
    const g = new GrowableSeries(norm([1, 2, 3]));
    const buffer = g.steps.buffer;
    const oldValues = g.values;
    g.append(norm([4, 5, 6]));
    expect(g.steps.buffer).toBe(buffer);
    expect([...oldValues]).toEqual([1, 2, 3]);
    expect(g.values.length).toBe(6);
  });

  it('append grows the capacity by doubling (O(log n) reallocations for n single-point appends)', () => {
    const g = new GrowableSeries(norm([0]));
    let reallocations = 0;
    let buffer = g.steps.buffer;
    const caps: number[] = [];
    for (let i = 1; i < 10_000; i++) {
      expect(g.append(norm([i]))).toBe(true);
      if (g.steps.buffer !== buffer) {
        reallocations++;
        buffer = g.steps.buffer;
        caps.push(capacity(g));
      }
    }
    expect(g.length).toBe(10_000);
    expect(reallocations).toBeLessThanOrEqual(Math.ceil(Math.log2(10_000 / 16)));
    for (let k = 1; k < caps.length; k++) expect(caps[k]).toBe(2 * caps[k - 1]);
    expect(g.steps[9_999]).toBe(10_000);
    expect(g.values[9_999]).toBe(9_999);
    expect(g.values.buffer).not.toBe(g.steps.buffer);
    expect(g.nonFinite.length).toBe(10_000);
  });

  it('append of a batch larger than double the capacity grows to fit it at once', () => {
    const g = new GrowableSeries(norm([1]));
    expect(g.append(norm(new Array(1000).fill(2)))).toBe(true);
    expect(g.length).toBe(1001);
    expect(capacity(g)).toBeGreaterThanOrEqual(1001);
    expect(g.steps[1000]).toBe(1001);
  });

  it('any sequence of appends equals the series normalized at once; a refused batch changes nothing (fast-check)', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, null));
    const batch = fc.oneof(
      fc.array(value, { maxLength: 40, size: 'max' }).map((values) => ({ kind: 'plain' as const, values })),
      fc
        .tuple(fc.array(fc.integer({ min: -5, max: 30 }), { maxLength: 40, size: 'max' }), fc.array(value, { minLength: 40, maxLength: 40 }))
        .map(([deltas, values]) => ({ kind: 'columnar' as const, deltas, values })),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30, size: 'max' }), fc.array(batch, { maxLength: 12 }), (initial, batches) => {
        const g = new GrowableSeries(norm(initial));
        const all: Array<{ step: number; value: number | null }> = [...g.steps].map((step, i) => ({ step, value: initial[i] }));
        let indexed = true;
        for (const b of batches) {
          const last = g.length ? g.steps[g.length - 1] : 0;
          const before = plain(g);
          let input: unknown;
          let points: Array<{ step: number; value: number | null }>;
          if (b.kind === 'plain') {
            input = b.values;
            // A plain array continues after the last step, of epochs or not.
            points = b.values.map((value, i) => ({ step: last + i + 1, value }));
          } else {
            // Steps from the last one plus the deltas' running sum: sometimes in order, sometimes not.
            let s = last;
            const steps = b.deltas.map((d) => (s += d));
            input = { steps, values: b.values.slice(0, steps.length) };
            points = steps.map((step, i) => ({ step, value: b.values[i] }));
            // Empty cells of columns are steps where nothing was logged: left out, unless nothing was logged at all.
            if (points.some((p) => p.value !== null)) points = points.filter((p) => p.value !== null);
          }
          const normalized = norm(input);
          const fits = normalized.steps.length === 0 || !g.length || b.kind === 'plain' || normalized.steps[0] > last;
          expect(g.append(normalized)).toBe(fits);
          if (!fits) {
            expect(plain(g)).toEqual(before);
            continue;
          }
          if (normalized.steps.length) indexed = indexed && normalized.indexed;
          // Of repeated steps in one batch the last with a value is kept (else the last), as normalizeSeries does.
          const sorted = [...points].map((p, i) => ({ ...p, i })).sort((a, c) => a.step - c.step || a.i - c.i);
          for (let k = 0; k < sorted.length; ) {
            let end = k;
            while (end + 1 < sorted.length && sorted[end + 1].step === sorted[k].step) end++;
            const present = sorted.slice(k, end + 1).filter((p) => p.value !== null);
            all.push(present.at(-1) ?? sorted[end]);
            k = end + 1;
          }
        }
        expect([...g.steps]).toEqual(all.map((p) => p.step));
        expect([...g.values]).toEqual(all.map((p) => (p.value === null ? NaN : p.value)));
        expect([...g.nonFinite]).toEqual(all.map((p) => (p.value !== null && !Number.isFinite(p.value) ? 1 : 0)));
        expect(g.indexed).toBe(indexed);
        expect(g.length).toBe(all.length);
        expect(g.values.length).toBe(all.length);
        expect(g.nonFinite.length).toBe(all.length);
      }),
      { numRuns: 300 },
    );
  });
});
