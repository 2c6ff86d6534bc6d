import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAxis, Extent, xDomain, yDomain } from '../../src/core/axes.js';
import { lineVertices, type DecimatedLine, type Mapping } from '../../src/core/decimate.js';
import { lowerBound } from '../../src/core/nearest.js';
import { drawable, type XY } from '../../src/core/geometry.js';

const LEFT = 37;
const HEIGHT = 200;

/** A line with an empty aggregate cache of its own, kept across the drawings of one test. */
function makeLine(steps: ArrayLike<number>, values: ArrayLike<number>): DecimatedLine {
  return { series: { steps: Float64Array.from(steps), values: Float64Array.from(values) }, smoothed: null, decimation: {} };
}

/** A pixel mapping as layoutCurves builds it: linear x over [LEFT, LEFT + width], y over the drawable values. */
function mapping(steps: ArrayLike<number>, values: ArrayLike<number>, width: number, logY: boolean, domain?: [number, number]): Mapping {
  const xs = new Extent(false);
  xs.addAll(steps);
  const d = domain ?? xDomain(xs, false);
  const ys = new Extent(logY);
  ys.addAll(values);
  const x = buildAxis({ domain: d, range: [LEFT, LEFT + width], log: false, count: 4 });
  const y = buildAxis({ domain: yDomain(ys, logY), range: [HEIGHT, 0], log: logY, count: 4 });
  return { x: x.scale, y: y.scale, logX: false, logY, left: LEFT, width, domain: d };
}

interface Column {
  first: number;
  last: number;
  min: number;
  max: number;
}

/**
 * Checks the vertices of `lineVertices` against a brute-force pass over every point: per pixel column
 * c = floor(x(step) - left) (clamped to [0, W-1]) the drawn points include the column's first and last point and
 * its min and max, nothing outside [min, max]; at most 4 per column once decimating (4W + 2 in all); a break
 * between two drawn points exactly when a point that cannot be drawn lies between them (except inside one M4
 * column, which is one stroke). Returns the data indices of the drawn points.
 */
function check(steps: ArrayLike<number>, values: ArrayLike<number>, m: Mapping): number[] {
  const line = makeLine(steps, values);
  const out = lineVertices(line, 'raw', m);
  const n = steps.length;
  const W = Math.max(1, Math.floor(m.width));
  const ok = (i: number) => drawable(values[i], m.logY) && drawable(steps[i], m.logX);
  const column = (i: number) => Math.min(W - 1, Math.max(0, Math.floor(m.x(steps[i]) - m.left)));
  let lo = 0;
  while (lo < n && steps[lo] < m.domain[0]) lo++;
  let hi = lo;
  while (hi < n && steps[hi] <= m.domain[1]) hi++;
  const decimating = hi - lo > 4 * W;

  // The brute-force columns.
  const cols = new Map<number, Column>();
  for (let i = lo; i < hi; i++) {
    if (!ok(i)) continue;
    const c = column(i);
    const col = cols.get(c);
    if (!col) cols.set(c, { first: i, last: i, min: values[i], max: values[i] });
    else {
      col.last = i;
      col.min = Math.min(col.min, values[i]);
      col.max = Math.max(col.max, values[i]);
    }
  }

  // Data index of each drawn vertex: vertices come in index order, so a forward scan finds them.
  const index: Array<number | null> = [];
  let j = 0;
  out.forEach((v, k) => {
    if (!v) {
      index.push(null);
      return;
    }
    if (k === 0 && lo > 0) {
      expect(v).toEqual({ x: m.x(steps[lo - 1]), y: m.y(values[lo - 1]) });
      index.push(lo - 1);
      j = lo;
      return;
    }
    if (j < lo) j = lo;
    while (j <= Math.min(n - 1, hi) && !(ok(j) && m.x(steps[j]) === v.x && m.y(values[j]) === v.y)) j++;
    expect(j, `vertex ${k} ${JSON.stringify(v)} is not a data point in order`).toBeLessThanOrEqual(Math.min(n - 1, hi));
    index.push(j);
    j++;
  });
  if (lo > 0) expect(index[0] === null ? !ok(lo - 1) : index[0] === lo - 1).toBe(true);
  if (hi < n) {
    const lastIdx = index[index.length - 1];
    expect(lastIdx === null ? !ok(hi) : lastIdx === hi).toBe(true);
  }

  const inner = index.filter((i): i is number => i !== null && i >= lo && i < hi);
  const drawnIn = new Map<number, number[]>();
  for (const i of inner) {
    const c = column(i);
    drawnIn.set(c, [...(drawnIn.get(c) ?? []), i]);
  }
  expect(inner.length, 'vertices inside the domain').toBeLessThanOrEqual(4 * W);
  for (const [c, col] of cols) {
    const drawn = drawnIn.get(c) ?? [];
    const ys = drawn.map((i) => m.y(values[i]));
    expect(drawn, `column ${c}: first point`).toContain(col.first);
    expect(drawn, `column ${c}: last point`).toContain(col.last);
    expect(ys, `column ${c}: min`).toContain(m.y(col.min));
    expect(ys, `column ${c}: max`).toContain(m.y(col.max));
    for (const i of drawn) {
      expect(values[i]).toBeGreaterThanOrEqual(col.min);
      expect(values[i]).toBeLessThanOrEqual(col.max);
    }
    if (decimating) expect(drawn.length, `column ${c}: vertices`).toBeLessThanOrEqual(4);
  }
  for (const c of drawnIn.keys()) expect(cols.has(c), `column ${c} has no drawable point yet is drawn`).toBe(true);

  // Breaks.
  let prev: number | null = null;
  let brokeSince = false;
  for (const i of index) {
    if (i === null) {
      brokeSince = true;
      continue;
    }
    if (prev !== null) {
      let gapBetween = false;
      for (let k = prev + 1; k < i; k++) if (!ok(k)) gapBetween = true;
      const sameColumn = decimating && prev >= lo && i < hi && i >= lo && prev < hi && column(prev) === column(i);
      const expected = gapBetween && !sameColumn;
      expect(brokeSince, `break between points ${prev} (step ${steps[prev]}) and ${i} (step ${steps[i]})`).toBe(expected);
    }
    prev = i;
    brokeSince = false;
  }
  return inner;
}

/**
 * Whether a step inside the domain lies within a rounding error of an inner pixel-column boundary, where
 * floor(x(step) - left) and the exact floor((step - d0) / (d1 - d0) * W) can disagree.
 */
function onPixelBoundary(steps: ArrayLike<number>, m: Mapping): boolean {
  const W = Math.max(1, Math.floor(m.width));
  for (let i = 0; i < steps.length; i++) {
    if (steps[i] < m.domain[0] || steps[i] > m.domain[1]) continue;
    const px = m.x(steps[i]) - m.left;
    const k = Math.round(px);
    if (k >= 1 && k <= W - 1 && Math.abs(px - k) < 1e-6) return true;
  }
  return false;
}

/** Strictly increasing steps: a start and positive increments. */
const stepsOf = (n: number) =>
  fc
    .tuple(
      fc.integer({ min: -1000, max: 1000 }),
      fc.oneof(fc.constant('unit' as const), fc.constant('random' as const)),
      fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
    )
    .map(([start, kind, inc]) => {
      const steps: number[] = [];
      let s = start;
      for (let i = 0; i < n; i++) {
        steps.push(s);
        s += kind === 'unit' ? 1 : inc[i];
      }
      return steps;
    });

/** Adversarial values: random, constant, alternating extremes, single spikes, NaN and ±Infinity runs, ≤ 0. */
const valuesOf = (n: number) =>
  fc.oneof(
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.double({ min: 0.001, max: 10, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -1) },
      ),
      { minLength: n, maxLength: n },
    ),
    fc.double({ min: -5, max: 5, noNaN: true }).map((v) => new Array<number>(n).fill(v)),
    fc
      .tuple(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 3 }))
      .map(([a, period]) => Array.from({ length: n }, (_, i) => (Math.floor(i / period) % 2 ? a : -a))),
    fc.tuple(fc.nat(), fc.constantFrom(1e9, -1e9, 1e300)).map(([at, spike]) => Array.from({ length: n }, (_, i) => (i === at % n ? spike : Math.sin(i)))),
    // Runs of NaN as wide as several columns.
    fc
      .tuple(fc.nat(), fc.integer({ min: 1, max: 400 }))
      .map(([at, len]) => Array.from({ length: n }, (_, i) => (i >= at % n && i < (at % n) + len ? NaN : 1 + Math.cos(i / 7)))),
  );

// Subnormal values are left out: a log y domain around one of them underflows (see axes.ts), which is not what
// these tests are about.
const series = fc.integer({ min: 1, max: 1500 }).chain((n) =>
  fc.tuple(
    stepsOf(n),
    valuesOf(n).map((vs) => vs.map((v) => (v !== 0 && Math.abs(v) < 1e-300 ? 0 : v))),
  ),
);

describe('lowerBound', () => {
  it('lowerBound(steps, v) is the first index with steps[i] >= v (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (raw, v) => {
        const steps = Float64Array.from(raw.sort((a, b) => a - b));
        const expected = steps.findIndex((s) => s >= v);
        expect(lowerBound(steps, v)).toBe(expected < 0 ? steps.length : expected);
      }),
    );
  });

  it('lowerBound(steps, v, n, from) gallops from any index before the answer to the same answer (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), fc.nat(), (raw, v, k) => {
        const steps = Float64Array.from(raw.sort((a, b) => a - b));
        const answer = lowerBound(steps, v);
        const from = answer === 0 ? 0 : k % (answer + 1);
        expect(lowerBound(steps, v, steps.length, from)).toBe(answer);
      }),
    );
  });

  it('lowerBound with n searches only the first n entries', () => {
    expect(lowerBound([1, 2, 3, 4, 5], 4, 2)).toBe(2);
    expect(lowerBound([], 1)).toBe(0);
  });
});

describe('lineVertices: against a brute-force per-column min/max', () => {
  it('lineVertices keeps each column’s first, last, min and max, at most 4 per column, and breaks at gaps (fast-check)', () => {
    // Points within a rounding error of a pixel-column boundary are left to the next test.
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 60 }), fc.boolean(), ([steps, values], width, logY) => {
        const m = mapping(steps, values, width, logY);
        fc.pre(!onPixelBoundary(steps, m));
        check(steps, values, m);
      }),
      { numRuns: 300 },
    );
  });

  // Columns are floor((step - d0) / (d1 - d0) * W), the exact column of the step. d3's interpolated x(step) can
  // land 1e-14 px on the other side of a boundary; the vertex is still drawn at x(step), so no pixel changes, and
  // the exact formula is what makes a doubled live domain merge columns in pairs.
  it('lineVertices(steps 1..85 on 21 columns) puts step 5 (exactly on a boundary) first in column 1', () => {
    const steps = Array.from({ length: 85 }, (_, i) => i + 1);
    const values = new Array<number>(85).fill(1);
    const m = mapping(steps, values, 21, false);
    expect(Math.floor(((5 - 1) / (85 - 1)) * 21)).toBe(1);
    const drawnSteps = lineVertices(makeLine(steps, values), 'raw', m).map((v) => v && steps.find((s) => m.x(s) === v.x));
    // Column 0 is steps 1..4 (first 1, last 4); column 1 starts at step 5.
    expect(drawnSteps).toEqual(expect.arrayContaining([1, 4, 5]));
    expect(drawnSteps).not.toContain(6);
  });

  it('lineVertices(6 points, 1 column) draws 4 of them: first, min, max and last', () => {
    // Steps 1..6 over [1, 6] in one pixel column: first (1), min (2), max (3), last (6); steps 4 and 5 are none.
    const steps = [1, 2, 3, 4, 5, 6];
    const values = [1, 0, 2, 1.5, 1.2, 1];
    const m = mapping(steps, values, 1, false);
    const out = lineVertices(makeLine(steps, values), 'raw', m);
    expect(out).toEqual([1, 2, 3, 6].map((s) => ({ x: m.x(s), y: m.y(values[s - 1]) })));
  });

  it('lineVertices on a zoomed x domain adds the out-of-domain neighbours and decimates only inside (fast-check)', () => {
    fc.assert(
      fc.property(
        series,
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.double({ min: -0.2, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1.2, noNaN: true }),
        ([steps, values], width, logY, a, w) => {
          const s0 = steps[0];
          const span = Math.max(1, steps[steps.length - 1] - s0);
          const d0 = s0 + a * span;
          const domain: [number, number] = [d0, d0 + w * span];
          const m = mapping(steps, values, width, logY, domain);
          fc.pre(!onPixelBoundary(steps, m));
          check(steps, values, m);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lineVertices never loses a spike: a single huge (or hugely negative) step is always a vertex (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 5000 }),
        fc.nat(),
        fc.constantFrom(1e6, -1e6, 50, -50),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (n, at, spike, width, noisy) => {
          const i0 = at % n;
          const steps = Array.from({ length: n }, (_, i) => i + 1);
          const values = Array.from({ length: n }, (_, i) => (i === i0 ? spike : noisy ? Math.sin(i * 12.9898) * 10 : 0));
          const m = mapping(steps, values, width, false);
          fc.pre(!onPixelBoundary(steps, m));
          const inner = check(steps, values, m);
          expect(inner).toContain(i0);
          const out = lineVertices(makeLine(steps, values), 'raw', m);
          expect(out.some((v) => v !== null && v.y === m.y(spike))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lineVertices(all equal values) draws a flat line: first and last point of each column only', () => {
    const n = 10_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const values = new Array<number>(n).fill(0.5);
    const m = mapping(steps, values, 25, false);
    const inner = check(steps, values, m);
    expect(inner.length).toBeLessThanOrEqual(2 * 25);
    const ys = new Set(lineVertices(makeLine(steps, values), 'raw', m).map((v) => v?.y));
    expect(ys).toEqual(new Set([m.y(0.5)]));
  });

  it('lineVertices(alternating extremes) reaches both extremes in every column', () => {
    const n = 4_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const values = steps.map((i) => (i % 2 ? 100 : -100));
    const m = mapping(steps, values, 20, false);
    check(steps, values, m);
    const out = lineVertices(makeLine(steps, values), 'raw', m) as XY[];
    for (let c = 0; c < 20; c++) {
      const ys = out.filter((v) => Math.min(19, Math.floor(v.x - LEFT)) === c).map((v) => v.y);
      expect(ys).toContain(m.y(100));
      expect(ys).toContain(m.y(-100));
    }
  });

  it('lineVertices breaks the line across a column that holds only NaN', () => {
    // 1000 points over 10 columns: column 5 (steps 500..599) is all NaN.
    const n = 1000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const values = steps.map((s) => (s >= 500 && s < 600 ? NaN : s % 7));
    const m = mapping(steps, values, 10, false, [0, 1000]);
    check(steps, values, m);
    const out = lineVertices(makeLine(steps, values), 'raw', m);
    const k = out.indexOf(null);
    expect(k).toBeGreaterThan(0);
    expect(out.filter((v) => v === null)).toHaveLength(1);
    expect(out[k - 1]!.x).toBeLessThan(m.x(500));
    expect(out[k + 1]!.x).toBeGreaterThanOrEqual(m.x(600));
  });

  it('lineVertices(log y) leaves values ≤ 0 out and breaks the line there', () => {
    const n = 3000;
    const steps = Array.from({ length: n }, (_, i) => i + 1);
    const values = steps.map((s) => (s % 500 < 120 ? -s : s % 3 === 0 ? 0 : 1 / s));
    const m = mapping(steps, values, 12, true);
    check(steps, values, m);
    const out = lineVertices(makeLine(steps, values), 'raw', m);
    for (const v of out) if (v) expect(Number.isFinite(v.y)).toBe(true);
    expect(out.includes(null)).toBe(true);
  });

  it('lineVertices(100k points, 8 columns) keeps at most 4 vertices per column and every extreme', () => {
    const n = 100_000;
    const steps = Array.from({ length: n }, (_, i) => i * 3 + 7);
    const values = steps.map((_, i) => (i === 54_321 ? 1e4 : i === 99_999 ? -1e4 : Math.sin(i / 1000) + (i % 97 === 0 ? NaN : 0)));
    const m = mapping(steps, values, 8, false);
    const inner = check(steps, values, m);
    expect(inner.length).toBeLessThanOrEqual(32);
    expect(inner).toContain(54_321);
    expect(inner).toContain(99_999);
  });

  it('lineVertices(NaN at the first in-domain point, decimating) breaks between the left neighbour and the next point', () => {
    // Zoomed to [100, 899]: the left neighbour (step 99) is drawable, the first point inside (step 100) is NaN.
    const n = 1000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const values = steps.map((s) => (s === 100 || s === 899 ? NaN : 1 + (s % 5)));
    const m = mapping(steps, values, 10, false, [100, 899]);
    const out = lineVertices(makeLine(steps, values), 'raw', m);
    expect(out[0]).toEqual({ x: m.x(99), y: m.y(values[99]) });
    expect(out[1], 'a NaN lies between step 99 and the next drawn point').toBeNull();
    expect(out[out.length - 1]).toEqual({ x: m.x(900), y: m.y(values[900]) });
    expect(out[out.length - 2], 'a NaN lies between the last drawn point and step 900').toBeNull();
  });

  it('lineVertices(NaN at the first in-domain point, few points) breaks there too', () => {
    const steps = Array.from({ length: 20 }, (_, i) => i);
    const values = steps.map((s) => (s === 5 ? NaN : s));
    const m = mapping(steps, values, 10, false, [5, 10]);
    const out = lineVertices(makeLine(steps, values), 'raw', m);
    expect(out[0]).toEqual({ x: m.x(4), y: m.y(4) });
    expect(out[1]).toBeNull();
  });
});

describe('lineVertices: cached aggregates', () => {
  it('lineVertices reuses the aggregates for a growing domain and equals a fresh line (fast-check)', () => {
    // One line drawn under several domains from the same start, each a power-of-two multiple of the first (what
    // a live chart does), and under arbitrary ones: each result equals a fresh line's under that mapping.
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 4 }).map((k) => ({ k })),
            fc.double({ min: 0.1, max: 3, noNaN: true }).map((f) => ({ f })),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 1, max: 200, noNaN: true })),
        (n, width, domains, span0) => {
          const steps = Array.from({ length: n }, (_, i) => i);
          const values = steps.map((i) => (i % 61 === 0 ? NaN : Math.sin(i * 0.37) * (i % 13)));
          const line = makeLine(steps, values);
          for (const d of domains) {
            const domain: [number, number] = 'k' in d ? [0, span0 * 2 ** d.k] : [0, span0 * d.f];
            const m = mapping(steps, values, width, false, domain);
            const cached = lineVertices(line, 'raw', m);
            const fresh = lineVertices(makeLine(steps, values), 'raw', m);
            expect(cached).toEqual(fresh);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lineVertices after the domain doubles puts a point at the old domain end in its own column (even width)', () => {
    // Steps 0..399 drawn over [0, 100] then [0, 200] on 10 columns: step 100 ends the first domain (clamped into
    // column 9) and, over [0, 200], starts column 5.
    const steps = Array.from({ length: 400 }, (_, i) => i);
    const values = steps.map((s) => (s === 100 ? 50 : s % 10));
    const line = makeLine(steps, values);
    lineVertices(line, 'raw', mapping(steps, values, 10, false, [0, 100]));
    const m = mapping(steps, values, 10, false, [0, 200]);
    expect(lineVertices(line, 'raw', m)).toEqual(lineVertices(makeLine(steps, values), 'raw', m));
  });

  it('lineVertices after the domain doubles puts a point on a column boundary where a fresh mapping does (odd width)', () => {
    // Over [0, 1248] on 39 columns from x = 37, step 608 maps to 18.999999999999993 (column 18); over [0, 624] it
    // maps to exactly 38 (column 38), which halves to 19.
    const steps = Array.from({ length: 609 }, (_, i) => i);
    const values = steps.map((s) => (s === 608 ? 100 : s % 7));
    const line = makeLine(steps, values);
    lineVertices(line, 'raw', mapping(steps, values, 39, false, [0, 624]));
    const m = mapping(steps, values, 39, false, [0, 1248]);
    expect(Math.floor(m.x(608) - LEFT)).toBe(18);
    expect(lineVertices(line, 'raw', m)).toEqual(lineVertices(makeLine(steps, values), 'raw', m));
  });

  it('lineVertices rebuilds the aggregates for a domain that does not double (narrower, shifted, 3x)', () => {
    const steps = Array.from({ length: 2000 }, (_, i) => i);
    const values = steps.map((s) => Math.sin(s / 17) + (s % 100 === 0 ? 5 : 0));
    const line = makeLine(steps, values);
    for (const domain of [
      [0, 500],
      [0, 1500],
      [0, 250],
      [10, 1010],
      [0, 1999],
    ] as Array<[number, number]>) {
      const m = mapping(steps, values, 30, false, domain);
      expect(lineVertices(line, 'raw', m)).toEqual(lineVertices(makeLine(steps, values), 'raw', m));
    }
  });
});
