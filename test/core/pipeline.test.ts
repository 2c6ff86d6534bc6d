/**
 * CurvePipeline: each input change runs exactly the stages that read it (the run counters), updates the prepared
 * data in place unless the data changed, bumps `version` exactly when what the layout draws changed, and gives what
 * a fresh `prepareCurves` of the same input gives, appended points included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendPoints } from '../../src/core/append-points.js';
import { CurvePipeline, type StageRuns } from '../../src/core/pipeline.js';
import { prepareCurves, type CurveInput, type PreparedCurves } from '../../src/core/prepare-curves.js';
import { LayoutCache } from '../../src/core/layout-cache.js';
import { layoutCurves } from '../../src/core/layout-curves.js';

/** What a user sees of prepared data: texts, notes, axes, every line's points and smoothing, every run's analysis. */
function seen(p: PreparedCurves) {
  return {
    metric: p.metric,
    mode: p.mode,
    title: p.title,
    xLabel: p.xLabel,
    yLabel: p.yLabel,
    summary: p.summary,
    message: p.message,
    notices: p.notices,
    issues: p.issues.map((i) => i.message),
    logX: p.logX,
    logY: p.logY,
    indexed: p.indexed,
    smoothing: p.smoothing,
    divergence: p.divergence,
    lines: p.lines.map((l) => ({
      key: l.key,
      name: l.name,
      steps: [...l.series.steps],
      values: [...l.series.values],
      smoothed: l.smoothed && [...l.smoothed],
      count: l.count,
    })),
    // The analysis with its gap read (a getter), as a listener of the `overfit` event reads it.
    analyses: p.runs.map((r) => ({ ...r.analysis, gap: r.analysis.gap })),
  };
}

/** A run that overfits after epoch 30: falling training loss, validation that turns up. */
const train = Array.from({ length: 60 }, (_, i) => 2 * Math.exp(-i / 10) + 0.1 + 0.01 * Math.sin(i));
const validation = Array.from({ length: 60 }, (_, i) => 2 * Math.exp(-i / 10) + 0.3 + 0.0004 * Math.max(0, i - 30) ** 2 + 0.01 * Math.cos(i));
const BASE: CurveInput = { train, validation, patience: 5 };
/** A chart with a 10 px plot: BASE's 60 epochs are decimated, so the layout keeps aggregates. */
const SMALL = { width: 40, height: 100 };

/** The stage runs caused by `change` applied to a pipeline that has prepared BASE. */
function costOf(change: Partial<CurveInput>, base: CurveInput = BASE) {
  const pipeline = new CurvePipeline();
  const first = pipeline.update(base);
  const version = first.version;
  const before = { ...pipeline.runs };
  const p = pipeline.update({ ...base, ...change });
  const ran = Object.fromEntries(Object.entries(pipeline.runs).map(([k, v]) => [k, v - before[k as keyof StageRuns]]));
  return { ran, same: p === first, bumped: p.version !== version, p, fresh: prepareCurves({ ...base, ...change }) };
}

const NONE = { data: 0, smoothing: 0, analysis: 0, texts: 0 };

describe('CurvePipeline: what each change runs', () => {
  it('update(input) the first time runs every stage once and equals prepareCurves(input)', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update(BASE);
    expect(pipeline.runs).toEqual({ data: 1, smoothing: 1, analysis: 1, texts: 1 });
    expect(pipeline.prepared).toBe(p);
    expect(seen(p)).toEqual(seen(prepareCurves(BASE)));
  });

  it('update(the same input again, or a copy of it with the same arrays) runs nothing and keeps the version', () => {
    const c = costOf({});
    expect(c.ran).toEqual(NONE);
    expect(c.same).toBe(true);
    expect(c.bumped).toBe(false);
  });

  it.each<[string, Partial<CurveInput>]>([
    ['label', { label: 'Run 7' }],
    ['xLabel', { xLabel: 'batch' }],
    ['yLabel', { yLabel: 'cross-entropy' }],
  ])('update({%s}) runs the texts only, in place, without bumping the version, and equals a fresh prepare', (_, change) => {
    const c = costOf(change);
    expect(c.ran).toEqual({ ...NONE, texts: 1 });
    expect(c.same).toBe(true);
    expect(c.bumped).toBe(false);
    expect(seen(c.p)).toEqual(seen(c.fresh));
  });

  it("update({label}) changes the title and the summary's first words", () => {
    const c = costOf({ label: 'Run 7' });
    expect(c.p.title).toBe('Run 7');
    expect(c.p.summary).toMatch(/^Run 7: loss over 60 epochs\./);
  });

  it.each<[string, Partial<CurveInput>]>([
    ['patience', { patience: 2 }],
    ['minDelta', { minDelta: 0.05 }],
    ['startFrom', { startFrom: 10 }],
    ['baseline', { baseline: 0.5 }],
    ['mode', { mode: 'max' }],
  ])('update({%s}) runs the analysis and the texts only, in place, and bumps the version', (_, change) => {
    const c = costOf(change);
    expect(c.ran).toEqual({ ...NONE, analysis: 1, texts: 1 });
    expect(c.same).toBe(true);
    expect(c.bumped).toBe(true);
    expect(seen(c.p)).toEqual(seen(c.fresh));
  });

  it('update({patience}) changes where EarlyStopping stops and keeps the series and the smoothed arrays as they were', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update({ ...BASE, smoothing: 0.6 });
    const series = p.lines.map((l) => l.series);
    const smoothed = p.lines.map((l) => l.smoothed);
    const stop = p.runs[0].analysis.stopStep;
    pipeline.update({ ...BASE, smoothing: 0.6, patience: 1 });
    expect(p.runs[0].analysis.stopStep).not.toBe(stop);
    expect(p.runs[0].analysis.options.patience).toBe(1);
    p.lines.forEach((l, i) => {
      expect(l.series).toBe(series[i]);
      expect(l.smoothed).toBe(smoothed[i]);
    });
  });

  it('update({smoothing}) runs the smoothing only, in place, bumps the version, and smooths as a fresh prepare does', () => {
    const c = costOf({ smoothing: 0.8 });
    expect(c.ran).toEqual({ ...NONE, smoothing: 1 });
    expect(c.same).toBe(true);
    expect(c.bumped).toBe(true);
    expect(seen(c.p)).toEqual(seen(c.fresh));
    expect(c.p.lines[0].smoothed).not.toBeNull();
  });

  it('update({smoothing: 0}) after smoothing drops the smoothed values and their aggregates', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update({ ...BASE, smoothing: 0.5 });
    const cache = new LayoutCache();
    layoutCurves(p, SMALL, cache);
    expect(cache.line(p.lines[0]).decimation.smoothed).toBeDefined();
    pipeline.update({ ...BASE, smoothing: 0 });
    expect(p.lines.map((l) => l.smoothed)).toEqual([null, null]);
    expect(cache.line(p.lines[0]).decimation.smoothed).toBeUndefined();
    expect(seen(p)).toEqual(seen(prepareCurves(BASE)));
  });

  it('update({smoothing}) then a layout with the chart’s cache draws the new smoothing, as a fresh layout does', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update({ ...BASE, smoothing: 0.5 });
    const cache = new LayoutCache();
    const before = layoutCurves(p, SMALL, cache);
    pipeline.update({ ...BASE, smoothing: 0.9 });
    const after = layoutCurves(p, SMALL, cache);
    expect(after.lines[0].paths).not.toEqual(before.lines[0].paths);
    expect(after.lines.map((l) => l.paths)).toEqual(layoutCurves(p, SMALL).lines.map((l) => l.paths));
    expect(after.lines.map((l) => l.paths)).toEqual(layoutCurves(prepareCurves({ ...BASE, smoothing: 0.9 }), SMALL).lines.map((l) => l.paths));
  });

  it.each<[string, Partial<CurveInput>]>([
    ['logY', { logY: true }],
    ['logX', { logX: true }],
  ])('update({%s}) runs the texts (its notes) only, in place, and bumps the version: the layout changes', (_, change) => {
    const base = { ...BASE, train: [-1, ...train] };
    const c = costOf(change, base);
    expect(c.ran).toEqual({ ...NONE, texts: 1 });
    expect(c.same).toBe(true);
    expect(c.bumped).toBe(true);
    expect(seen(c.p)).toEqual(seen(c.fresh));
  });

  it('update({logY}) of data with a value ≤ 0 notes that it is not drawn, as a fresh prepare does', () => {
    const c = costOf({ logY: true }, { ...BASE, train: [-1, ...train] });
    expect(c.p.logY).toBe(true);
    expect(c.p.notices).toEqual(['log-y: 1 value ≤ 0 cannot be placed on a log axis and is not drawn.']);
  });

  it.each<[string, Partial<CurveInput>]>([
    ['train (a new array)', { train: [...train] }],
    ['validation (a new array)', { validation: [...validation] }],
    ['history', { history: { loss: [1, 0.5] } }],
    ['metric', { metric: 'accuracy' }],
    ['runs', { runs: [{ name: 'a', train, validation }] }],
  ])('update({%s}) runs every stage and makes new prepared data with a higher version', (_, change) => {
    const c = costOf(change);
    expect(c.ran).toEqual({ data: 1, smoothing: 1, analysis: 1, texts: 1 });
    expect(c.same).toBe(false);
    expect(c.p.version).toBeGreaterThan(0);
    expect(seen(c.p)).toEqual(seen(c.fresh));
  });

  it('invalidate() makes the next update read the data again: arrays changed in place are drawn', () => {
    const t = [...train];
    const pipeline = new CurvePipeline();
    const p = pipeline.update({ ...BASE, train: t });
    t[0] = 9;
    expect(pipeline.update({ ...BASE, train: t })).toBe(p);
    pipeline.invalidate();
    const q = pipeline.update({ ...BASE, train: t });
    expect(q).not.toBe(p);
    expect(q.lines[0].series.values[0]).toBe(9);
    expect(q.version).toBeGreaterThan(p.version);
  });

  it('null options read as their defaults: update({patience: null}) after update({}) runs nothing', () => {
    const pipeline = new CurvePipeline();
    pipeline.update({ train, validation });
    const before = { ...pipeline.runs };
    pipeline.update({ train, validation, patience: null, minDelta: null, startFrom: null, baseline: null, mode: null, label: null, smoothing: 0 });
    expect(pipeline.runs).toEqual(before);
  });

  it('new CurvePipeline(texts) titles and labels the chart with its own default texts, kept when the mode changes', () => {
    const pipeline = new CurvePipeline({ title: (m) => `${m} gap`, yLabel: (m, mode) => `${m} gap (${mode})` });
    const p = pipeline.update(BASE);
    expect([p.title, p.yLabel]).toEqual(['loss gap', 'loss gap (min)']);
    pipeline.update({ ...BASE, mode: 'max' });
    expect([p.title, p.yLabel]).toEqual(['loss gap', 'loss gap (max)']);
    expect(p.summary).toMatch(/^loss gap: loss over 60 epochs/);
    pipeline.update({ ...BASE, mode: 'max', label: 'Mine', yLabel: 'y' });
    expect([p.title, p.yLabel]).toEqual(['Mine', 'y']);
  });
});

describe('CurvePipeline: appended points stay through option changes', () => {
  const more = { train: [0.3, 0.29, 0.28], validation: [0.9, 0.95, 1.0] };
  const grown: CurveInput = { ...BASE, train: [...train, ...more.train], validation: [...validation, ...more.validation] };

  it.each<[string, Partial<CurveInput>]>([
    ['patience', { patience: 2 }],
    ['smoothing', { smoothing: 0.7 }],
    ['label', { label: 'Live' }],
    ['logY', { logY: true }],
    ['mode', { mode: 'max' }],
  ])('appendPoints, then update({%s}): the appended points are kept and the result is a fresh prepare of all the points', (_, change) => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update(BASE);
    appendPoints(p, 0, more.train, more.validation);
    const q = pipeline.update({ ...BASE, ...change });
    expect(q).toBe(p);
    expect(q.lines.map((l) => l.series.steps.length)).toEqual([63, 63]);
    expect(pipeline.runs.data).toBe(1);
    expect(seen(q)).toEqual(seen(prepareCurves({ ...grown, ...change })));
  });

  it('update({smoothing}), then appendPoints: the new points continue the new smoothing', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update(BASE);
    pipeline.update({ ...BASE, smoothing: 0.7 });
    appendPoints(p, 0, more.train, more.validation);
    expect(seen(p)).toEqual(seen(prepareCurves({ ...grown, smoothing: 0.7 })));
  });

  it('update({patience}), then appendPoints: the analysis goes on with the new patience', () => {
    const pipeline = new CurvePipeline();
    const p = pipeline.update(BASE);
    pipeline.update({ ...BASE, patience: 2 });
    appendPoints(p, 0, more.train, more.validation);
    expect(seen(p).analyses).toEqual(seen(prepareCurves({ ...grown, patience: 2 })).analyses);
  });
});

describe('CurvePipeline: any sequence of changes and appends (fast-check)', () => {
  type Step = { kind: 'append'; train: number[]; validation: number[] } | { kind: 'set'; change: Partial<CurveInput> } | { kind: 'data'; train: number[] };
  const value = fc.double({ min: 0.01, max: 5, noNaN: true });
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('append' as const), train: fc.array(value, { maxLength: 4 }), validation: fc.array(value, { maxLength: 4 }) }),
    fc.record({ kind: fc.constant('data' as const), train: fc.array(value, { minLength: 1, maxLength: 30 }) }),
    fc.record({
      kind: fc.constant('set' as const),
      change: fc.record(
        {
          label: fc.constantFrom('A', 'B', null),
          xLabel: fc.constantFrom('x', null),
          yLabel: fc.constantFrom('y', null),
          logX: fc.boolean(),
          logY: fc.boolean(),
          smoothing: fc.constantFrom(0, 0.3, 0.9),
          mode: fc.constantFrom('min', 'max', 'auto'),
          patience: fc.constantFrom(0, 1, 3, null),
          minDelta: fc.constantFrom(0, 0.1, null),
          startFrom: fc.constantFrom(0, 2, null),
          baseline: fc.constantFrom(1, null),
        },
        { requiredKeys: [] },
      ),
    }),
  );

  it('after every step, update(input) equals prepareCurves(input with every point appended so far)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), fc.array(value, { maxLength: 30 }), fc.array(step, { maxLength: 12 }), (t0, v0, steps) => {
        const pipeline = new CurvePipeline();
        let input: CurveInput = { train: t0, validation: v0 };
        // Every point the chart holds: the data given, then the appended points.
        let all = { train: [...t0], validation: [...v0] };
        let p = pipeline.update(input);
        for (const s of steps) {
          if (s.kind === 'append') {
            appendPoints(p, 0, s.train, s.validation);
            all = { train: [...all.train, ...s.train], validation: [...all.validation, ...s.validation] };
          } else if (s.kind === 'data') {
            input = { ...input, train: s.train };
            all = { train: [...s.train], validation: [...(input.validation as number[])] };
          } else input = { ...input, ...s.change };
          const version = p.version;
          const q = pipeline.update(input);
          if (q === p && s.kind === 'append') expect(q.version).toBe(version);
          p = q;
          const fresh = prepareCurves({ ...input, ...all });
          // A length mismatch is noted with the lengths the data had when it was given: appends do not rewrite it.
          const unlike = (x: PreparedCurves) => ({ ...seen(x), issues: seen(x).issues.filter((m) => !m.includes('but validation has')) });
          expect(unlike(p)).toEqual(unlike(fresh));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('updateInChunks', () => {
  /** Drives the generator to its end; returns the result and how many times it yielded. */
  function drain(g: Generator<void, PreparedCurves>): { p: PreparedCurves; yields: number } {
    let yields = 0;
    let r = g.next();
    while (!r.done) {
      yields++;
      r = g.next();
    }
    return { p: r.value, yields };
  }
  const f64 = (a: number[]) => Float64Array.from(a);

  it('gives what update gives, in as many chunks as the points call for, for every form of large data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 3, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
        fc.constantFrom(0, 0.6),
        (form, chunk, nanAt, smoothing) => {
          const v = [...validation];
          if (nanAt !== undefined) v[nanAt] = Number.NaN;
          const steps = f64(train.map((_, i) => 10 * (i + 1)));
          const inputs: CurveInput[] = [
            { train: f64(train), validation: f64(v) },
            { train: { steps, values: f64(train) }, validation: { steps, values: f64(v) } },
            { train, validation: v },
            { train: f64(train), validation: { steps: f64([...steps].reverse()), values: f64(v) } },
          ];
          const input = { ...inputs[form], patience: 3, smoothing };
          const { p, yields } = drain(new CurvePipeline().updateInChunks(input, chunk));
          expect(seen(p)).toEqual(seen(new CurvePipeline().update(input)));
          if (form < 2) expect(yields).toBeGreaterThanOrEqual(Math.floor(60 / chunk));
        },
      ),
    );
  });

  it('keeps nothing of a preparation dropped half-way', () => {
    const pipeline = new CurvePipeline();
    const first = pipeline.update(BASE);
    const g = pipeline.updateInChunks({ train: f64(train), validation: f64(validation.map((x) => x * 2)) }, 5);
    g.next();
    g.next();
    expect(pipeline.prepared).toBe(first);
    expect(pipeline.update(BASE)).toBe(first);
  });
});
