import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeSeries, type Series } from '../../src/core/series.js';
import { emptyStats, seriesStats, updateStats } from '../../src/core/series-stats.js';
import { GrowableSeries } from '../../src/core/growable-series.js';

/** Statistics computed from scratch with array methods, as a reader would define them. */
function reference(s: Series) {
  const idx = [...s.values.keys()];
  const finite = idx.filter((i) => Number.isFinite(s.values[i]));
  const vals = finite.map((i) => s.values[i]);
  const pos = vals.filter((v) => v > 0);
  return {
    n: s.values.length,
    count: vals.length,
    min: Math.min(Infinity, ...vals),
    max: Math.max(-Infinity, ...vals),
    minPositive: Math.min(Infinity, ...pos),
    maxPositive: Math.max(-Infinity, ...pos),
    nonPositive: vals.length - pos.length,
    stepMin: Math.min(Infinity, ...s.steps),
    stepMax: Math.max(-Infinity, ...s.steps),
    nonPositiveSteps: [...s.steps].filter((x) => x <= 0).length,
    firstFinite: finite.length ? finite[0] : -1,
    lastFinite: finite.length ? finite[finite.length - 1] : -1,
    firstFlagged: idx.find((i) => s.nonFinite[i]) ?? -1,
  };
}

/** Compares statistics as numbers: which of 0 and -0 is "the minimum" depends on their order, and is no concern. */
const plain = (o: object) => JSON.parse(JSON.stringify(o, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)));

const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 0));
const columnar = fc
  .array(value, { maxLength: 200, size: 'max' })
  .chain((values) =>
    fc.integer({ min: -5, max: 5 }).map((start) => ({ steps: Float64Array.from(values, (_, i) => start + i), values: Float64Array.from(values) })),
  );

describe('seriesStats', () => {
  it('the statistics normalization computes in its scan of Float64Arrays equal a from-scratch computation (fast-check)', () => {
    fc.assert(
      fc.property(columnar, (input) => {
        const { series } = normalizeSeries(input);
        if (!series) return;
        expect(plain(seriesStats(series))).toEqual(plain(reference(series)));
      }),
    );
  });

  it('seriesStats of a plain-array series is computed on first use and equals the reference (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), (values) => {
        const { series } = normalizeSeries(values);
        if (!series) return;
        expect(plain(seriesStats(series))).toEqual(plain(reference(series)));
      }),
    );
  });

  it('seriesStats after appends folds only the new points and equals a fresh computation (fast-check)', () => {
    fc.assert(
      fc.property(columnar, fc.array(fc.array(value, { maxLength: 20 }), { maxLength: 5 }), (input, batches) => {
        const first = normalizeSeries(input).series;
        if (!first?.steps.length) return;
        const grow = new GrowableSeries(first);
        const shared = seriesStats(grow);
        for (const b of batches) {
          const batch = normalizeSeries(b).series;
          if (batch) grow.append({ ...batch, indexed: true });
          expect(seriesStats(grow)).toBe(shared);
        }
        const fresh = emptyStats();
        updateStats(fresh, grow, 0);
        expect(seriesStats(grow)).toEqual(fresh);
        expect(plain(fresh)).toEqual(plain(reference(grow)));
      }),
    );
  });
});
