/**
 * The layouts are pure: without a cache they write nothing into the prepared data; with a `LayoutCache` they draw
 * exactly what they draw without one, reuse what the cache kept (a warm re-render keeps the drawn point objects),
 * and across live appends draw what a fresh layout of all the data draws.
 */
import { describe, expect, it } from 'vitest';
import { appendPoints } from '../../src/core/append-points.js';
import type { Axis } from '../../src/core/axes.js';
import { LayoutCache } from '../../src/core/layout-cache.js';
import { layoutCurves, type CurveLayout, type LayoutOptions } from '../../src/core/layout-curves.js';
import { layoutGap, type GapLayout } from '../../src/core/layout-gap.js';
import { CurvePipeline } from '../../src/core/pipeline.js';
import { prepareCurves, type CurveInput, type PreparedCurves } from '../../src/core/prepare-curves.js';
import { random } from '../elements/decimation-helpers.js';

const SIZE: LayoutOptions = { width: 420, height: 240 };

/** Noisy falling training loss with spikes, validation every 10th step turning up after the middle. */
function data(n: number, seed = 3) {
  const rnd = random(seed);
  const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 300) + 0.02 * rnd() + (i % 997 === 0 ? 0.8 : 0));
  const steps = Array.from({ length: n / 10 }, (_, k) => 10 * (k + 1));
  const validation = { steps, values: steps.map((s) => 1 / (1 + s / 300) + 0.1 + (s > n / 2 ? (s - n / 2) * 4e-5 : 0) + 0.02 * rnd()) };
  return { train, validation };
}

/** A chart of each kind the layout caches something for: decimated, smoothed, compared runs, live, log y. */
function charts(): Array<[string, PreparedCurves]> {
  const { train, validation } = data(20_000);
  const live = prepareCurves({ train: train.slice(0, 5_000), smoothing: 0.6 });
  appendPoints(live, 0, train.slice(5_000, 12_000), validation);
  return [
    ['decimated', prepareCurves({ train, validation })],
    ['smoothed, log y', prepareCurves({ train, validation, smoothing: 0.8, logY: true })],
    [
      'runs',
      prepareCurves({
        runs: [
          { name: 'a', train, validation },
          { name: 'b', ...data(8_000, 9) },
        ],
      }),
    ],
    ['live, smoothed', live],
  ];
}

const axis = (a: Axis) => ({ domain: a.scale.domain(), range: a.scale.range(), ticks: a.ticks, log: a.log });
/** Everything a layout draws, its scales read out as their domain, range and ticks. */
const drawnCurves = (l: CurveLayout) => ({ ...l, x: axis(l.x), y: axis(l.y) });
const drawnGap = (l: GapLayout) => ({ ...l, x: axis(l.x), y: axis(l.y) });

/** Freezes an object graph (typed arrays cannot be frozen; their buffers are compared by the clone test). */
function deepFreeze(o: unknown, seen = new Set<unknown>()): void {
  if (typeof o !== 'object' || o === null || seen.has(o) || ArrayBuffer.isView(o)) return;
  seen.add(o);
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d && 'value' in d) deepFreeze(d.value, seen);
  }
  Object.freeze(o);
}

describe('layoutCurves without a cache is pure', () => {
  it.each(charts())('layoutCurves(%s) leaves the prepared data deep-equal to before, twice over', (_, p) => {
    const before = structuredClone(p);
    layoutCurves(p, SIZE);
    layoutCurves(p, { ...SIZE, width: 300, xDomain: [2_000, 9_000] });
    expect(structuredClone(p)).toEqual(before);
  });

  it('layoutCurves(frozen prepared data) lays out, and as the unfrozen data does', () => {
    for (const [name, p] of charts()) {
      const want = drawnCurves(layoutCurves(p, SIZE));
      deepFreeze(p);
      expect(drawnCurves(layoutCurves(p, SIZE)), name).toEqual(want);
    }
  });

  it('layoutGap(frozen prepared data) lays out, with and without a cache, and leaves it deep-equal', () => {
    const p = prepareCurves(data(20_000));
    const before = structuredClone(p);
    const want = drawnGap(layoutGap(p, SIZE));
    expect(structuredClone(p)).toEqual(before);
    deepFreeze(p);
    expect(drawnGap(layoutGap(p, SIZE))).toEqual(want);
    expect(drawnGap(layoutGap(p, SIZE, new LayoutCache()))).toEqual(want);
  });
});

describe('layoutCurves with a cache', () => {
  it.each(charts())('layoutCurves(%s) with a cache draws what it draws without one, across sizes and zooms', (_, p) => {
    const cache = new LayoutCache();
    for (const o of [SIZE, SIZE, { ...SIZE, width: 600 }, { ...SIZE, xDomain: [1_000, 4_000] as [number, number] }, SIZE]) {
      expect(drawnCurves(layoutCurves(p, o, cache))).toEqual(drawnCurves(layoutCurves(p, o)));
    }
  });

  it('layoutCurves(the same chart and size again) with its cache reuses the drawn points; without one draws new ones', () => {
    const p = prepareCurves(data(20_000));
    const cache = new LayoutCache();
    const first = layoutCurves(p, SIZE, cache).lines[0];
    const again = layoutCurves(p, SIZE, cache).lines[0];
    const fresh = layoutCurves(p, SIZE).lines[0];
    const inner = first.points.slice(1, -1);
    expect(inner.length).toBeGreaterThan(100);
    expect(again.points.slice(1, -1).every((pt, i) => pt === inner[i])).toBe(true);
    expect(fresh.points.slice(1, -1).some((pt, i) => pt === inner[i])).toBe(false);
    expect(again.paths).toEqual(fresh.paths);
  });

  it('layoutCurves across live appends with one cache equals a fresh layout of the data so far, with and without a cache', () => {
    const { train, validation } = data(30_000);
    const input: CurveInput = { smoothing: 0.5 };
    const p = prepareCurves({
      ...input,
      train: train.slice(0, 2_000),
      validation: { steps: validation.steps.slice(0, 200), values: validation.values.slice(0, 200) },
    });
    const cache = new LayoutCache();
    layoutCurves(p, SIZE, cache);
    for (let at = 2_000; at < train.length; at += 3_100) {
      const to = Math.min(train.length, at + 3_100);
      const v = {
        steps: validation.steps.filter((s) => s > at && s <= to),
        values: validation.values.filter((_, k) => validation.steps[k] > at && validation.steps[k] <= to),
      };
      appendPoints(p, 0, { steps: Array.from({ length: to - at }, (_, i) => at + i + 1), values: train.slice(at, to) }, v);
      const got = layoutCurves(p, SIZE, cache);
      expect(drawnCurves(layoutCurves(p, SIZE)), `after ${to} points, no cache`).toEqual(drawnCurves(got));
      // All the data at once, over the live domain the appended chart shows.
      const all = prepareCurves({
        ...input,
        train: train.slice(0, to),
        validation: { steps: validation.steps.filter((s) => s <= to), values: validation.values.filter((_, k) => validation.steps[k] <= to) },
      });
      const want = layoutCurves(all, { ...SIZE, xDomain: got.x.scale.domain() as [number, number] });
      expect(
        got.lines.map((l) => [l.paths, l.rawPaths, l.dots]),
        `after ${to} points`,
      ).toEqual(want.lines.map((l) => [l.paths, l.rawPaths, l.dots]));
      expect(got.y.scale.domain()).toEqual(want.y.scale.domain());
    }
  });

  it('a cache keeps a line’s aggregates across appends and starts them over when its points are replaced (an out-of-order append)', () => {
    const { train } = data(20_000);
    const p = prepareCurves({ train: { steps: train.map((_, i) => 2 * i + 2), values: train } });
    const cache = new LayoutCache();
    layoutCurves(p, SIZE, cache);
    appendPoints(p, 0, { steps: [40_002], values: [0.5] }, null);
    layoutCurves(p, SIZE, cache);
    const kept = cache.line(p.lines[0]).decimation.raw!.m4;
    appendPoints(p, 0, { steps: [40_004], values: [0.5] }, null);
    layoutCurves(p, SIZE, cache);
    expect(cache.line(p.lines[0]).decimation.raw!.m4).toBe(kept);
    // Step 3 lies between logged steps: the line is merged anew, and so are its aggregates.
    appendPoints(p, 0, { steps: [3], values: [9] }, null);
    expect(cache.line(p.lines[0]).decimation.raw).toBeUndefined();
    const got = layoutCurves(p, SIZE, cache);
    expect(drawnCurves(got)).toEqual(drawnCurves(layoutCurves(p, SIZE)));
  });

  it('a smoothing change through the pipeline draws the new smoothing with the same cache, raw aggregates kept', () => {
    const pipeline = new CurvePipeline();
    const input = { ...data(20_000), smoothing: 0.3 };
    const p = pipeline.update(input);
    const cache = new LayoutCache();
    layoutCurves(p, SIZE, cache);
    const raw = cache.line(p.lines[0]).decimation.raw;
    for (const smoothing of [0.9, 0, 0.3]) {
      expect(pipeline.update({ ...input, smoothing })).toBe(p);
      expect(drawnCurves(layoutCurves(p, SIZE, cache)), `smoothing ${smoothing}`).toEqual(
        drawnCurves(layoutCurves(prepareCurves({ ...input, smoothing }), SIZE)),
      );
    }
    expect(cache.line(p.lines[0]).decimation.raw).toBe(raw);
  });
});

describe('layoutGap with a cache', () => {
  it('layoutGap(the same analysis again) with a cache reuses the drawn points and draws as without one; new points draw anew', () => {
    const { train } = data(20_000);
    const p = prepareCurves({ train, validation: train.map((v, i) => v + 0.1 + (i > 10_000 ? (i - 10_000) * 3e-5 : 0)) });
    const cache = new LayoutCache();
    const first = layoutGap(p, SIZE, cache);
    const again = layoutGap(p, SIZE, cache);
    expect(drawnGap(again)).toEqual(drawnGap(layoutGap(p, SIZE)));
    const inner = first.runs[0].points.slice(1, -1);
    expect(inner.length).toBeGreaterThan(100);
    expect(again.runs[0].points.slice(1, -1).every((pt, i) => pt === inner[i])).toBe(true);
    appendPoints(p, 0, [0.2, 0.2], [0.9, 0.9]);
    expect(drawnGap(layoutGap(p, SIZE, cache))).toEqual(drawnGap(layoutGap(p, SIZE)));
  });
});
