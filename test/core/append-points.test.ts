import { describe, expect, it, onTestFinished, vi } from 'vitest';
import fc from 'fast-check';
import { analyzeFit } from '../../src/core/analyze-fit.js';
import { appendPoints } from '../../src/core/append-points.js';
import { layoutCurves, type CurveLayout, type LayoutOptions } from '../../src/core/layout-curves.js';
import { LayoutCache } from '../../src/core/layout-cache.js';
import { M4 } from '../../src/core/m4.js';
import { linePaths } from '../../src/core/geometry.js';
import { prepareCurves, type CurveInput, type CurveKey, type PreparedCurves } from '../../src/core/prepare-curves.js';
import { snapshot } from './m4-snapshot.js';

type Raw = number | null;

/** What a line should hold: every point appended so far, as the input gave it. */
interface LineModel {
  steps: number[];
  values: Raw[];
  indexed: boolean;
}

/** A batch: a plain array (continues the epochs) or columnar {steps, values}. */
type Batch = { kind: 'plain'; values: Raw[] } | { kind: 'columnar'; steps: number[]; values: Raw[] };

const inputOf = (b: Batch): unknown => (b.kind === 'plain' ? b.values : { steps: b.steps, values: b.values });

/**
 * The model's series as one input, read as appendPoints reads its batches: handed back as a Series, so that a missing
 * value stays a gap (assigned as a plain array, a null after the last number can read as NaN; see normalizePair,
 * which appends cannot apply while points may still follow).
 */
const modelInput = (m: LineModel | null): unknown =>
  m === null
    ? undefined
    : {
        steps: Float64Array.from(m.steps),
        values: Float64Array.from(m.values, (v) => (v === null ? NaN : v)),
        nonFinite: Uint8Array.from(m.values, (v) => (v !== null && !Number.isFinite(v) ? 1 : 0)),
        indexed: m.indexed,
      };

/** Applies a batch to the model the way the spec says appendPoints does: append, or merge (last value wins). */
function applyBatch(m: LineModel | null, b: Batch): LineModel | null {
  // Empty cells of columns are steps where nothing was logged: left out, unless nothing in the batch was logged.
  if (b.kind === 'columnar' && b.values.some((v) => v !== null)) {
    const logged = b.values.map((v) => v !== null);
    b = { kind: 'columnar', steps: b.steps.filter((_, i) => logged[i]), values: b.values.filter((_, i) => logged[i]) };
  }
  const batchSteps = b.kind === 'plain' ? b.values.map((_, i) => i + 1) : b.steps;
  if (!batchSteps.length) return m;
  // A batch is normalized first: sorted, the last value of a repeated step kept.
  const order = batchSteps.map((s, i) => ({ s, v: b.values[i], i })).sort((x, y) => x.s - y.s || x.i - y.i);
  const pts = order.filter((p, k) => k + 1 === order.length || order[k + 1].s !== p.s);
  const indexed = b.kind === 'plain';
  if (m === null) return { steps: pts.map((p) => p.s), values: pts.map((p) => p.v), indexed };
  const last = m.steps.length ? m.steps[m.steps.length - 1] : 0;
  // A plain array continues after the last step, of epochs or not.
  const offset = indexed ? last : 0;
  const shifted = pts.map((p) => ({ s: p.s + offset, v: p.v }));
  if (!m.steps.length || shifted[0].s > last) {
    return { steps: [...m.steps, ...shifted.map((p) => p.s)], values: [...m.values, ...shifted.map((p) => p.v)], indexed: m.indexed && indexed };
  }
  const all = [...m.steps.map((s, i) => ({ s, v: m.values[i], i })), ...shifted.map((p, k) => ({ s: p.s, v: p.v, i: m.steps.length + k }))];
  all.sort((x, y) => x.s - y.s || x.i - y.i);
  const kept = all.filter((p, k) => k + 1 === all.length || all[k + 1].s !== p.s);
  return { steps: kept.map((p) => p.s), values: kept.map((p) => p.v), indexed: false };
}

const lineOf = (p: PreparedCurves, key: CurveKey) => p.lines.find((l) => l.key === key);

/** Each chart's layout cache, as an element keeps one: its layouts reuse the aggregates across appends. */
const caches = new WeakMap<PreparedCurves, LayoutCache>();
const cacheOf = (p: PreparedCurves) => {
  let c = caches.get(p);
  if (!c) caches.set(p, (c = new LayoutCache()));
  return c;
};
/** A layout of a live chart with its cache. */
const lay = (p: PreparedCurves, o: LayoutOptions) => layoutCurves(p, o, cacheOf(p));

const drawn = (l: CurveLayout) => l.lines.map((x) => ({ key: x.key, paths: x.paths, rawPaths: x.rawPaths, dots: x.dots }));

interface Options {
  smoothing: number;
  logY: boolean;
  patience?: number;
}

/**
 * The chart prepared from all the data at once, laid out over the appended chart's x domain: what the appended
 * chart must draw.
 */
function fresh(train: LineModel | null, validation: LineModel | null, o: Options): PreparedCurves {
  const input: CurveInput = { train: modelInput(train), validation: modelInput(validation), smoothing: o.smoothing, logY: o.logY, patience: o.patience };
  return prepareCurves(input);
}

/** Compares the appended chart's layout, smoothing and M4 aggregates with a fresh chart's. */
function expectSameAsFresh(
  p: PreparedCurves,
  train: LineModel | null,
  validation: LineModel | null,
  o: Options,
  size: { width: number; height: number },
  context: string,
) {
  const got = lay(p, size);
  // Without a cache the layout grows the live domain afresh from where appends started it, and draws the same.
  expect(drawn(layoutCurves(p, size)), `${context}: without a cache`).toEqual(drawn(got));
  const q = fresh(train, validation, o);
  const domain = got.x.scale.domain() as [number, number];
  const want = layoutCurves(q, { ...size, xDomain: domain }, cacheOf(q));
  expect(got.x.scale.domain(), context).toEqual(want.x.scale.domain());
  expect(got.y.scale.domain(), context).toEqual(want.y.scale.domain());
  expect(got.plot, context).toEqual(want.plot);
  for (const key of ['train', 'validation'] as const) {
    const a = lineOf(p, key);
    const b = lineOf(q, key);
    expect(!!a, `${context}: ${key} line`).toBe(!!b);
    if (!a || !b) continue;
    expect([...a.series.steps], `${context}: ${key} steps`).toEqual([...b.series.steps]);
    expect([...a.series.values], `${context}: ${key} values`).toEqual([...b.series.values]);
    expect(a.stats, `${context}: ${key} stats`).toEqual(b.stats);
    if (b.smoothed) {
      expect(a.smoothed, `${context}: ${key} smoothed`).not.toBeNull();
      const sa = a.smoothed!;
      expect(sa.length).toBe(b.smoothed.length);
      for (let i = 0; i < sa.length; i++) {
        if (Number.isNaN(b.smoothed[i])) expect(sa[i]).toBeNaN();
        else expect(sa[i], `${context}: ${key} smoothed[${i}]`).toBeCloseTo(b.smoothed[i], 9);
      }
    } else expect(a.smoothed).toBeNull();
    // The pixel columns the fresh layout built must equal the appended chart's, fed point by point, halved and
    // folded from fine columns.
    for (const which of ['raw', 'smoothed'] as const) {
      const fb = cacheOf(q).line(b).decimation[which];
      if (!fb) continue;
      const fa = cacheOf(p).line(a).decimation[which];
      expect(fa, `${context}: ${key} ${which} aggregates`).toBeDefined();
      expect(snapshot(fa!.view?.m4 ?? fa!.m4), `${context}: ${key} ${which} aggregates`).toEqual(snapshot(fb.m4));
    }
  }
  expect(drawn(got), context).toEqual(drawn(want));
  return got;
}

// Values: mostly in (0, 5], with missing values, NaN, and values ≤ 0 (not drawable on log y).
const value: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: 0.01, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<Raw>(null, NaN, 0, -0.5) },
);
const values = (max: number) => fc.array(value, { maxLength: max, size: 'max' });

/** A batch after the last step `last` is unknown here, so columnar steps are kept as increments and resolved later. */
type BatchSpec = { kind: 'plain'; values: Raw[] } | { kind: 'columnar'; increments: number[]; values: Raw[] };
const batchSpec = (max: number): fc.Arbitrary<BatchSpec> =>
  fc.oneof(
    values(max).map((v) => ({ kind: 'plain' as const, values: v })),
    fc
      .tuple(
        fc.oneof(fc.constant(1), fc.constant(0.5), fc.integer({ min: 1, max: 5 })),
        values(max),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: max, size: 'max' }),
      )
      .map(([base, v, jitter]) => ({ kind: 'columnar' as const, increments: v.map((_, i) => base + (jitter[i] ?? 0)), values: v })),
    fc.constant<BatchSpec>({ kind: 'plain', values: [] }),
  );

function resolve(spec: BatchSpec, m: LineModel | null): Batch {
  if (spec.kind === 'plain') return spec;
  let s = m?.steps.length ? m.steps[m.steps.length - 1] : 0;
  return { kind: 'columnar', steps: spec.increments.map((d) => (s += d)), values: spec.values };
}

/** The first width from `from` up whose plot width has the given parity, for a chart whose y axis stays put. */
function widthWithPlotParity(p: PreparedCurves, parity: 0 | 1, from = 110): number {
  for (let w = from; ; w++) if (lay(p, { width: w, height: 160 }).plot.width % 2 === parity) return w;
}

describe('appendPoints: incremental equals a fresh chart of all the data', () => {
  /**
   * Random initial data, then random batches (plain arrays, columnar after the last step, empty ones; NaN, missing
   * and ≤ 0 values), laid out after some appends; each layout must equal a fresh chart's over the same x domain.
   * With `inOrder`, a plain array is only sent to a line of epochs (elsewhere it would land before the last step
   * and be merged).
   */
  const incrementalProperty = (inOrder: boolean) =>
    fc.property(
      values(600),
      fc.option(values(60), { nil: null }),
      fc.array(fc.tuple(fc.option(batchSpec(700), { nil: null }), fc.option(batchSpec(40), { nil: null }), fc.boolean()), { minLength: 1, maxLength: 8 }),
      fc.constantFrom(0, 0.6),
      fc.boolean(),
      fc.integer({ min: 90, max: 240 }),
      fc.boolean(),
      (initial, initialValidation, batches, smoothing, logY, width, renderFirst) => {
        const o: Options = { smoothing, logY };
        const size = { width, height: 160 };
        let train: LineModel | null = { steps: initial.map((_, i) => i + 1), values: initial, indexed: true };
        let validation: LineModel | null = initialValidation
          ? { steps: initialValidation.map((_, i) => i + 1), values: initialValidation, indexed: true }
          : null;
        const p = prepareCurves({ train: modelInput(train), validation: modelInput(validation), smoothing, logY });
        if (renderFirst) lay(p, size);
        const inOrderOnly = (spec: BatchSpec | null, m: LineModel | null): BatchSpec | null =>
          spec && inOrder && spec.kind === 'plain' && m && !m.indexed ? { kind: 'columnar', increments: spec.values.map(() => 1), values: spec.values } : spec;
        batches.forEach(([t, v, render], k) => {
          const tb = t && resolve(inOrderOnly(t, train)!, train);
          const vb = v && resolve(inOrderOnly(v, validation)!, validation);
          const issues = appendPoints(p, 0, tb && inputOf(tb), vb && inputOf(vb));
          expect(issues.filter((i) => i.code === 'invalid-input')).toEqual([]);
          if (tb) train = applyBatch(train, tb);
          if (vb) validation = applyBatch(validation, vb);
          if (render || k === batches.length - 1) expectSameAsFresh(p, train, validation, o, size, `after append ${k + 1}`);
        });
      },
    );

  it('appendPoints (in order) then layoutCurves equals prepareCurves(all data) laid out over the live domain (fast-check)', () => {
    fc.assert(incrementalProperty(true), { numRuns: 60 });
  });

  it('appendPoints (in order and merged) then layoutCurves equals prepareCurves(all data) over the live domain (fast-check)', () => {
    fc.assert(incrementalProperty(false), { numRuns: 60 });
  });

  it('appendPoints across the live domain end several times (halving) equals a fresh chart (odd plot width)', () => {
    const p = prepareCurves({ train: Array.from({ length: 300 }, (_, i) => 1 / (i + 1) + (i % 7) * 0.01) });
    // An odd plot width: see the even-width case below. Appended values stay inside the y range, so it stays odd.
    const width = widthWithPlotParity(p, 1);
    lay(p, { width, height: 160 });
    let model: LineModel = { steps: [...p.lines[0].series.steps], values: [...p.lines[0].series.values], indexed: true };
    const halve = vi.spyOn(M4.prototype, 'halve');
    onTestFinished(() => halve.mockRestore());
    let liveSpan = 0;
    let doublings = 0;
    for (let k = 0; k < 6; k++) {
      const batch: Batch = { kind: 'plain', values: Array.from({ length: 250 * (k + 1) }, (_, i) => 0.3 + ((i * 37) % 11) * 0.01) };
      appendPoints(p, 0, inputOf(batch), null);
      model = applyBatch(model, batch)!;
      const got = expectSameAsFresh(p, model, null, { smoothing: 0, logY: false }, { width, height: 160 }, `append ${k + 1}`);
      // The live span doubles from the 299 epochs drawn; the axis shows the fewest sixteenths of it that reach the
      // last epoch.
      const span = cacheOf(p).live(p)!.span;
      expect(Number.isInteger(Math.log2(span / 299))).toBe(true);
      if (liveSpan) doublings += Math.log2(span / liveSpan);
      liveSpan = span;
      const [d0, d1] = got.x.scale.domain();
      const last = model.steps[model.steps.length - 1];
      expect(d0).toBe(1);
      expect(d1 - d0).toBe((span * Math.ceil(((last - 1) * 16) / span)) / 16);
      expect(d1 - d0 - (last - 1)).toBeLessThan(span / 16);
    }
    // The span doubled (some appends more than once), and the fine columns were halved each time, not rebuilt.
    expect(liveSpan / 299).toBeGreaterThanOrEqual(16);
    expect(doublings).toBeGreaterThanOrEqual(3);
    expect(halve.mock.calls.length).toBe(doublings);
  });

  it('appendPoints across the live domain end equals a fresh chart for an even plot width too', () => {
    // Epochs 1..300 drawn (domain [1, 300]), then 300 more: the live span doubles twice to 1196, and the axis shows
    // 9 sixteenths of it, [1, 673.75].
    const p = prepareCurves({ train: Array.from({ length: 300 }, (_, i) => 1 / (i + 1) + (i % 7) * 0.01) });
    const width = widthWithPlotParity(p, 0);
    lay(p, { width, height: 160 });
    const batch: Batch = { kind: 'plain', values: Array.from({ length: 300 }, (_, i) => 0.3 + ((i * 37) % 11) * 0.01) };
    appendPoints(p, 0, inputOf(batch), null);
    const model = applyBatch(
      { steps: Array.from({ length: 300 }, (_, i) => i + 1), values: [...p.lines[0].series.values.subarray(0, 300)], indexed: true },
      batch,
    );
    const got = expectSameAsFresh(p, model, null, { smoothing: 0, logY: false }, { width, height: 160 }, 'after the doubling');
    expect(cacheOf(p).live(p)!.span).toBe(1196);
    expect(got.x.scale.domain()).toEqual([1, 673.75]);
    // Then 100 more: the next sixteenth, [1, 748.5], folded from the same fine columns.
    const more: Batch = { kind: 'plain', values: Array.from({ length: 100 }, (_, i) => 0.3 + (i % 5) * 0.01) };
    appendPoints(p, 0, inputOf(more), null);
    const fine = cacheOf(p).line(p.lines[0]).decimation.raw!.m4;
    expect(
      expectSameAsFresh(p, applyBatch(model, more)!, null, { smoothing: 0, logY: false }, { width, height: 160 }, 'next sixteenth').x.scale.domain(),
    ).toEqual([1, 748.5]);
    expect(cacheOf(p).line(p.lines[0]).decimation.raw!.m4).toBe(fine);
  });

  it('appendPoints with smoothing: the smoothed line after appends equals the fresh smoothed line', () => {
    const size = { width: 150, height: 160 };
    const all = Array.from({ length: 2000 }, (_, i) => (i % 113 === 0 ? NaN : i % 97 === 0 ? null : 2 / Math.sqrt(i + 1) + Math.sin(i) * 0.05));
    const p = prepareCurves({ train: all.slice(0, 100), smoothing: 0.6 });
    let model: LineModel | null = { steps: Array.from({ length: 100 }, (_, i) => i + 1), values: all.slice(0, 100), indexed: true };
    for (let at = 100; at < all.length; ) {
      const k = Math.min(all.length - at, 1 + ((at * 7) % 230));
      const batch: Batch = { kind: 'plain', values: all.slice(at, at + k) };
      appendPoints(p, 0, inputOf(batch), null);
      model = applyBatch(model, batch);
      at += k;
      const line = p.lines[0];
      const q = fresh(model, null, { smoothing: 0.6, logY: false }).lines[0];
      expect(line.smoothed!.length).toBe(at);
      for (let i = 0; i < at; i++) {
        if (Number.isNaN(q.smoothed![i])) expect(line.smoothed![i]).toBeNaN();
        else expect(line.smoothed![i]).toBeCloseTo(q.smoothed![i], 12);
      }
      lay(p, size);
    }
    // The smoothed path and the faint raw path under it, over the live domain.
    expectSameAsFresh(p, model, null, { smoothing: 0.6, logY: false }, size, 'smoothing');
  });

  it('appendPoints with smoothing and log y: paths equal a fresh chart’s', () => {
    const size = { width: 151, height: 160 };
    const p = prepareCurves({ train: { steps: [10, 20, 30], values: [1, 0.5, -1] }, smoothing: 0.6, logY: true });
    let model: LineModel | null = { steps: [10, 20, 30], values: [1, 0.5, -1], indexed: false };
    for (let k = 0; k < 5; k++) {
      const steps = Array.from({ length: 150 }, (_, i) => 40 + k * 1500 + i * 10);
      const batch: Batch = { kind: 'columnar', steps, values: steps.map((s) => (s % 70 === 0 ? 0 : s % 110 === 0 ? NaN : 1 / Math.log(s))) };
      appendPoints(p, 0, inputOf(batch), null);
      model = applyBatch(model, batch);
      lay(p, size);
    }
    expect(p.logY).toBe(true);
    expectSameAsFresh(p, model, null, { smoothing: 0.6, logY: true }, size, 'log y');
  });
});

describe('appendPoints: drawing', () => {
  it('a live append maps only the columns it touched: the other columns keep their point objects and path text', () => {
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => 1 / (1 + i / 1000) + (i % 7) * 0.001);
    const p = prepareCurves({ train: values });
    const size = { width: 300, height: 160 };
    appendPoints(p, 0, [0.5], null);
    const before = lay(p, size).lines[0];
    appendPoints(p, 0, [0.5, 0.49], null);
    const after = lay(p, size).lines[0];
    const kept = after.points.findIndex((pt, i) => pt !== before.points[i]);
    // Only the last column's vertices (at most 4) are new objects, and the path text is the same as drawn afresh.
    expect(kept).toBeGreaterThan(after.points.length - 5);
    expect(after.paths).toEqual(linePaths(after.points));
    // The path text differs only in the last segment.
    expect(after.paths.slice(0, -1).every((d, k) => d === before.paths[k])).toBe(true);
  });
});

describe('appendPoints: fit analysis', () => {
  it('the analysis after appends equals analyzeFit on all the data (fast-check)', () => {
    fc.assert(
      fc.property(
        values(40),
        fc.option(values(40), { nil: null }),
        fc.array(fc.tuple(fc.option(batchSpec(30), { nil: null }), fc.option(batchSpec(30), { nil: null })), { maxLength: 10 }),
        fc.integer({ min: 0, max: 4 }),
        (initial, initialValidation, batches, patience) => {
          let train: LineModel | null = { steps: initial.map((_, i) => i + 1), values: initial, indexed: true };
          let validation: LineModel | null = initialValidation
            ? { steps: initialValidation.map((_, i) => i + 1), values: initialValidation, indexed: true }
            : null;
          const p = prepareCurves({ train: modelInput(train), validation: modelInput(validation), patience });
          for (const [t, v] of batches) {
            const tb = t && resolve(t, train);
            const vb = v && resolve(v, validation);
            appendPoints(p, 0, tb && inputOf(tb), vb && inputOf(vb));
            if (tb) train = applyBatch(train, tb);
            if (vb) validation = applyBatch(validation, vb);
            const want = analyzeFit(modelInput(train), modelInput(validation), { patience });
            const got = p.runs[0].analysis;
            expect({ best: got.best, stopStep: got.stopStep, onset: got.onset, state: got.state, gap: got.gap, diverged: got.diverged }).toEqual({
              best: want.best,
              stopStep: want.stopStep,
              onset: want.onset,
              state: want.state,
              gap: want.gap,
              diverged: want.diverged,
            });
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('appendPoints turns a falling validation curve that rises into an overfitting analysis', () => {
    const train = [1, 0.8, 0.6, 0.5, 0.4, 0.35, 0.3, 0.27, 0.24, 0.21, 0.19, 0.17];
    const validation = [1.1, 0.9, 0.8, 0.75, 0.72, 0.7, 0.74, 0.78, 0.83, 0.86, 0.9, 0.95];
    const p = prepareCurves({ train: train.slice(0, 6), validation: validation.slice(0, 6), patience: 2 });
    expect(p.runs[0].analysis.state).toBe('ok');
    appendPoints(p, 0, train.slice(6), validation.slice(6));
    const a = p.runs[0].analysis;
    expect(a).toMatchObject({ state: 'overfitting', onset: 6, best: { step: 6, value: 0.7 }, stopStep: 8 });
    expect(a).toEqual(analyzeFit(train, validation, { patience: 2 }));
  });

  it('appendPoints of a NaN marks the divergence on the chart and in the analysis', () => {
    const p = prepareCurves({ train: [1, 0.8], validation: [1, 0.9] });
    appendPoints(p, 0, [NaN], null);
    expect(p.divergence).toEqual({ step: 3, key: 'train', value: NaN });
    expect(p.runs[0].analysis).toMatchObject({ diverged: 3, state: 'diverged' });
  });
});

describe('appendPoints: input', () => {
  it('appendPoints(out-of-order batch) merges it: sorted, the last value of a repeated step wins', () => {
    const p = prepareCurves({ train: { steps: [1, 2, 3, 5], values: [1, 2, 3, 5] } });
    const issues = appendPoints(p, 0, { steps: [6, 4, 5, 5], values: [60, 40, 50, 51] }, null);
    const s = p.lines[0].series;
    expect([...s.steps]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...s.values]).toEqual([1, 2, 3, 40, 51, 6e1]);
    expect(issues.map((i) => i.code).sort()).toEqual(['duplicate-steps', 'unsorted-steps']);
    // Everything derived from the line follows the merged data.
    expect(p.lines[0].stats).toMatchObject({ count: 6, min: 1, max: 60, stepMin: 1, stepMax: 6 });
    expect(p.lines[0].count).toBe(6);
    // A batch that starts at the last step is merged too: its value replaces the old one.
    appendPoints(p, 0, { steps: [6, 7], values: [66, 70] }, null);
    expect([...p.lines[0].series.values]).toEqual([1, 2, 3, 40, 51, 66, 70]);
    const q = prepareCurves({ train: { steps: [1, 2, 3, 4, 5, 6, 7], values: [1, 2, 3, 40, 51, 66, 70] } });
    expect(lay(p, { width: 300, height: 200, xDomain: [1, 7] }).lines[0].paths).toEqual(
      layoutCurves(q, { width: 300, height: 200, xDomain: [1, 7] }).lines[0].paths,
    );
  });

  it('appendPoints(out-of-order batch) keeps NaN and missing values apart after the merge', () => {
    // A plain array's hole (epoch 2) is a gap; its NaN (epoch 4) the run's.
    const p = prepareCurves({ train: [1, null, 3, NaN] });
    appendPoints(p, 0, { steps: [2.5, 5], values: [Infinity, 5] }, null);
    const s = p.lines[0].series;
    expect([...s.steps]).toEqual([1, 2, 2.5, 3, 4, 5]);
    expect([...s.values]).toEqual([1, NaN, Infinity, 3, NaN, 5]);
    expect([...s.nonFinite]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(p.runs[0].analysis.diverged).toBe(2.5);
  });

  it('appendPoints(out-of-order batch) with smoothing restarts the smoothing over the merged data', () => {
    const p = prepareCurves({ train: { steps: [1, 2, 4], values: [1, 2, 4] }, smoothing: 0.6 });
    appendPoints(p, 0, { steps: [3], values: [3] }, null);
    const q = prepareCurves({ train: { steps: [1, 2, 3, 4], values: [1, 2, 3, 4] }, smoothing: 0.6 });
    expect([...p.lines[0].smoothed!]).toEqual([...q.lines[0].smoothed!]);
    appendPoints(p, 0, { steps: [5], values: [5] }, null);
    const r = prepareCurves({ train: { steps: [1, 2, 3, 4, 5], values: [1, 2, 3, 4, 5] }, smoothing: 0.6 });
    expect([...p.lines[0].smoothed!].map((v, i) => v - r.lines[0].smoothed![i]).every((d) => Math.abs(d) < 1e-12)).toBe(true);
  });

  it('appendPoints with smoothing: an in-order append after a merge smooths the merged values, not the old ones', () => {
    const p = prepareCurves({ train: { steps: [1, 2], values: [1, 2] }, smoothing: 0.6 });
    appendPoints(p, 0, { steps: [3], values: [3] }, null); // in order: smoothing continues in place
    appendPoints(p, 0, { steps: [1], values: [10] }, null); // out of order: step 1 becomes 10
    appendPoints(p, 0, { steps: [4], values: [4] }, null); // in order again
    const q = prepareCurves({ train: { steps: [1, 2, 3, 4], values: [10, 2, 3, 4] }, smoothing: 0.6 });
    expect([...p.lines[0].series.values]).toEqual([10, 2, 3, 4]);
    const got = [...p.lines[0].smoothed!];
    const want = [...q.lines[0].smoothed!];
    expect(got).toHaveLength(4);
    got.forEach((v, i) => expect(v, `smoothed[${i}]`).toBeCloseTo(want[i], 12));
  });

  it('appendPoints reports bad batches as issues and never throws', () => {
    const p = prepareCurves({ train: [1, 0.9], validation: [1.2, 1.1] });
    const v0 = p.version;
    expect(appendPoints(p, 0, 'abc', 42).map((i) => i.code)).toEqual(['invalid-input', 'invalid-input']);
    expect(appendPoints(p, 0, { foo: 1 }, () => 1).map((i) => i.code)).toEqual(['invalid-input', 'invalid-input']);
    expect([...p.lines[0].series.values]).toEqual([1, 0.9]);
    const strings = appendPoints(p, 0, ['0.8', 'x', null], null);
    expect(strings.map((i) => i.code).sort()).toEqual(['missing-values', 'non-numeric-values', 'string-values']);
    expect(strings[0].message).toMatch(/^appendPoints train: /);
    expect([...p.lines[0].series.steps]).toEqual([1, 2, 3, 4, 5]);
    expect([...p.lines[0].series.values]).toEqual([1, 0.9, 0.8, NaN, NaN]);
    const badSteps = appendPoints(p, 0, null, { steps: [NaN, 'x', 9], values: [1, 2, 0.7, 4] });
    expect(badSteps.map((i) => i.code).sort()).toEqual(['invalid-steps', 'length-mismatch']);
    expect([...lineOf(p, 'validation')!.series.steps]).toEqual([1, 2, 9]);
    const throwing = {
      get length(): number {
        throw new Error('boom');
      },
    };
    expect(appendPoints(p, 0, throwing, null).map((i) => i.code)).toEqual(['invalid-input']);
    expect(appendPoints(p, 3, [1], null)).toEqual([{ code: 'invalid-input', message: expect.stringContaining('no run 3') }]);
    expect(p.version).toBeGreaterThan(v0);
    expect(() => lay(p, { width: 300, height: 200 })).not.toThrow();
  });

  it('appendPoints(anything) never throws and leaves a chart that lays out (fast-check)', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.array(fc.oneof(fc.double(), fc.constantFrom<unknown>(null, undefined, 'nan', '1e3', '', true, {}, [])), { maxLength: 20 }),
      fc.record({
        steps: fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 20 }),
        values: fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 20 }),
      }),
      fc.array(fc.record({ step: fc.oneof(fc.double(), fc.integer()), value: fc.oneof(fc.double(), fc.constant(null)) }), { maxLength: 20 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(junk, junk, fc.integer({ min: -1, max: 1 })), { maxLength: 6 }), fc.boolean(), (calls, logY) => {
        const p = prepareCurves({ train: [1, 0.5], logY, smoothing: 0.5 });
        for (const [t, v, run] of calls) {
          const version = p.version;
          let issues: unknown;
          expect(() => (issues = appendPoints(p, run, t, v))).not.toThrow();
          expect(Array.isArray(issues)).toBe(true);
          if (run === 0) expect(p.version).toBe(version + 1);
          expect(() => lay(p, { width: 200, height: 120 })).not.toThrow();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('appendPoints to an empty chart creates the lines and starts live mode', () => {
    const p = prepareCurves({});
    expect(p.lines).toEqual([]);
    expect(p.message).toBe('No data yet.');
    expect(p.live).toBeNull();
    appendPoints(p, 0, [0.9, 0.7], [1]);
    expect(p.lines.map((l) => [l.key, l.name, [...l.series.steps]])).toEqual([
      ['train', 'training', [1, 2]],
      ['validation', 'validation', [1]],
    ]);
    expect(p.runs[0].lines).toHaveLength(2);
    expect(p.message).toBeNull();
    expect(p.live).not.toBeNull();
    expect(p.indexed).toBe(true);
    const l = lay(p, { width: 300, height: 200 });
    expect(l.lines.map((x) => x.key)).toEqual(['train', 'validation']);
    expect(l.lines[0].paths).not.toEqual(['']);
  });

  it('appendPoints to an empty chart starts the live domain at the data’s first step', () => {
    for (const p of [prepareCurves({}), prepareCurves({ train: [] })]) {
      appendPoints(p, 0, { steps: [1000, 1500, 2000], values: [1, 2, 3] }, null);
      const [d0, d1] = lay(p, { width: 300, height: 200 }).x.scale.domain();
      expect(d0).toBe(1000);
      expect(d1).toBeGreaterThanOrEqual(2000);
      // The data fills at least half of the domain, as after any doubling.
      expect(d1 - d0).toBeLessThanOrEqual(2 * 1000);
    }
  });

  it('appendPoints(validation only) to a chart of training keeps the line order train, validation', () => {
    const p = prepareCurves({ train: [1, 0.9] });
    appendPoints(p, 0, null, [1.2]);
    expect(p.lines.map((l) => l.key)).toEqual(['train', 'validation']);
    appendPoints(p, 0, [0.8], [1.1]);
    expect([...lineOf(p, 'train')!.series.steps]).toEqual([1, 2, 3]);
    expect([...lineOf(p, 'validation')!.series.steps]).toEqual([1, 2]);
  });

  it('appendPoints bumps version on every call and sets live from the data range at the first append', () => {
    const p = prepareCurves({ train: { steps: [100, 200, 300], values: [1, 2, 3] } });
    expect(p.version).toBe(0);
    expect(p.live).toBeNull();
    appendPoints(p, 0, [], null);
    expect(p.version).toBe(1);
    // An empty batch is no append: the chart is not live yet.
    expect(p.live).toBeNull();
    appendPoints(p, 0, { steps: [400], values: [4] }, null);
    expect(p.version).toBe(2);
    expect(p.live).toEqual({ x0: 100, span: 200 });
    // Too few points to decimate: the axis fits the data exactly.
    const l = lay(p, { width: 300, height: 200 });
    expect(l.x.scale.domain()).toEqual([100, 400]);
    appendPoints(p, 0, { steps: [1000], values: [5] }, null);
    expect(lay(p, { width: 300, height: 200 }).x.scale.domain()).toEqual([100, 1000]);
    expect(p.version).toBe(3);
    // Once a line is decimated, the live span is the first span doubled until it holds the data (200 * 2^4), and the
    // axis shows the fewest sixteenths of it that reach the last step (3000 - 100 = 14.5 sixteenths of 3200).
    const many = Array.from({ length: 2000 }, (_, i) => 1001 + i);
    appendPoints(p, 0, { steps: many, values: many.map((s) => 1 / s) }, null);
    expect(lay(p, { width: 300, height: 200 }).x.scale.domain()).toEqual([100, 100 + (200 * 16 * 15) / 16]);
    // The start stays where the first append put it (data); the grown span is the layout's, in its cache.
    expect(p.live).toEqual({ x0: 100, span: 200 });
    expect(cacheOf(p).live(p)).toMatchObject({ x0: 100, span: 3200 });
    expect(layoutCurves(p, { width: 300, height: 200 }).x.scale.domain()).toEqual([100, 100 + (200 * 16 * 15) / 16]);
  });

  it('appendPoints to run 1 of a comparison updates that run only', () => {
    const p = prepareCurves({
      runs: [
        { name: 'a', train: [1, 0.9] },
        { name: 'b', train: [2, 1.8], validation: [2.1] },
      ],
    });
    const issues = appendPoints(p, 1, ['x'], [1.9]);
    expect(issues[0].message).toMatch(/^appendPoints b train: /);
    expect([...p.runs[0].lines[0].series.values]).toEqual([1, 0.9]);
    expect([...p.runs[1].lines[0].series.values]).toEqual([2, 1.8, NaN]);
    expect([...p.runs[1].lines[1].series.steps]).toEqual([1, 2]);
    expect(p.lines).toHaveLength(3);
    // An unreadable appended value is a gap, as undefined is in a plain array.
    expect(p.runs[1].analysis).toEqual(analyzeFit([2, 1.8, undefined], [2.1, 1.9]));
  });
});

describe('appendPoints: runs by name, and what it cannot append', () => {
  it('appendPoints(p, name) appends to the run of that name; an unknown run is named in a note that stays', () => {
    const p = prepareCurves({
      runs: [
        { name: 'a', train: [1, 0.8] },
        { name: 'b', train: [1, 0.9] },
      ],
    });
    expect(appendPoints(p, 'b', [0.7], null)).toEqual([]);
    expect([...p.runs[1].lines[0].series.values]).toEqual([1, 0.9, 0.7]);
    expect(p.runs[0].lines[0].series.values).toHaveLength(2);
    const issues = appendPoints(p, 'c', [0.5], null);
    expect(issues.map((i) => i.message)).toEqual(['appendPoints: there is no run named "c"; the points are not drawn.']);
    expect(p.notices).toContain('appendPoints: there is no run named "c"; the points are not drawn.');
    // Later appends keep the note (once), as a note about assigned data stays.
    appendPoints(p, 'c', [0.4], null);
    appendPoints(p, 0, [0.6], null);
    expect(p.notices.filter((n) => n.includes('"c"'))).toHaveLength(1);
  });

  it('a batch that cannot be read is noted under the chart; the chart keeps its data', () => {
    const p = prepareCurves({ train: [1, 0.8] });
    const issues = appendPoints(p, 0, 'oops', null);
    expect(issues.map((i) => i.code)).toEqual(['invalid-input']);
    expect(p.notices).toEqual([issues[0].message]);
    expect(p.message).toBeNull();
    expect(p.lines[0].series.values).toHaveLength(2);
  });

  it('a plain array continues after the last step of a step series; a batch at a drawn step replaces its value, with a note', () => {
    const p = prepareCurves({ train: { steps: [100, 200, 300], values: [1, 0.8, 0.6] } });
    expect(appendPoints(p, 0, [0.5], null)).toEqual([]);
    expect([...p.lines[0].series.steps]).toEqual([100, 200, 300, 301]);
    const issues = appendPoints(p, 0, { steps: [200], values: [0.7] }, null);
    expect([...p.lines[0].series.values]).toEqual([1, 0.7, 0.6, 0.5]);
    expect(issues.map((i) => i.code)).toContain('duplicate-steps');
  });
});
