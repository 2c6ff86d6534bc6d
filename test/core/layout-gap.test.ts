import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { curveStepAfter, line } from 'd3-shape';
import { formatGap, gapAreas, layoutGap, positiveOnset, sparseValidation, stepAfter, SPARSE_VALIDATION_RATIO } from '../../src/core/layout-gap.js';
import { prepareCurves } from '../../src/core/prepare-curves.js';
import { layoutCurves } from '../../src/core/layout-curves.js';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';
import cv from '../../stories/data/lightning-cv_image_classification.json';
import slm from '../../stories/data/lightning-slm_training.json';
import { random } from '../elements/decimation-helpers.js';
import { coords } from '../path-data.js';

/** Training and validation at every step, validation drifting up after step n/2, with one validation spike. */
function run(n: number, spikeAt: number) {
  const rnd = random(11);
  const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 500) + 0.01 * rnd());
  const validation = train.map((v, i) => v + 0.05 + (i > n / 2 ? (i - n / 2) * 2e-5 : 0) + 0.02 * rnd() + (i === spikeAt ? 0.6 : 0));
  return prepareCurves({ train, validation });
}

describe('layoutGap decimation', () => {
  const n = 20_000;
  const spikeAt = 12_345;
  const p = run(n, spikeAt);
  const gap = p.runs[0].analysis.gap;

  it('draws at most 4 vertices per pixel column, whatever the number of gap points', () => {
    expect(gap.steps).toHaveLength(n);
    const l = layoutGap(p, { width: 400, height: 200 });
    const { path, positiveArea, negativeArea } = l.runs[0];
    expect(coords(path).length).toBeLessThanOrEqual(4 * l.plot.width + 2);
    expect(coords(path).length).toBeGreaterThan(3 * l.plot.width);
    // The areas follow the same vertices (plus their closing corners and crossings on the zero line).
    expect(coords(positiveArea).length + coords(negativeArea).length).toBeLessThan(2 * coords(path).length);
  });

  it('keeps every pixel column’s lowest and highest gap, the one-step spike included', () => {
    const l = layoutGap(p, { width: 400, height: 200 });
    const drawn = coords(l.runs[0].path);
    const { left, width } = l.plot;
    const [d0, d1] = l.x.scale.domain();
    // Brute force: each column's extremes, from every gap point.
    const lo = new Array<number>(width).fill(Infinity);
    const hi = new Array<number>(width).fill(-Infinity);
    for (let i = 0; i < gap.steps.length; i++) {
      const c = Math.min(width - 1, Math.floor(((gap.steps[i] - d0) * width) / (d1 - d0)));
      lo[c] = Math.min(lo[c], gap.values[i]);
      hi[c] = Math.max(hi[c], gap.values[i]);
    }
    for (let c = 0; c < width; c++) {
      if (lo[c] === Infinity) continue;
      const column = drawn.filter(([x]) => x >= left + c - 0.006 && x < left + c + 1 + 0.006).map(([, y]) => y);
      for (const v of [lo[c], hi[c]]) {
        const y = l.y.scale(v);
        expect(Math.min(...column.map((cy) => Math.abs(cy - y))), `column ${c}, gap ${v}`).toBeLessThan(0.006);
      }
    }
    const peak = l.y.scale(gap.values[spikeAt]);
    expect(Math.min(...drawn.map(([, y]) => y))).toBeCloseTo(peak, 2);
  });

  it('places the onset marker on the gap at the onset step', () => {
    const l = layoutGap(p, { width: 400, height: 200 });
    const onset = p.runs[0].analysis.onset!;
    expect(onset).not.toBeNull();
    const i = gap.steps.indexOf(onset);
    expect(l.runs[0].onset!.x).toBeCloseTo(l.x.scale(onset), 9);
    expect(l.runs[0].onset!.y).toBeCloseTo(l.y.scale(gap.values[i]), 9);
  });

  it('draws every point of a short gap, and of a zoomed range once it is short', () => {
    const short = run(300, 150);
    const l = layoutGap(short, { width: 400, height: 200 });
    expect(coords(l.runs[0].path)).toHaveLength(300);
    // Zoomed to 200 steps of the long run: every point inside, and the nearest one outside on each side.
    const z = layoutGap(p, { width: 400, height: 200, xDomain: [5_001, 5_200] });
    expect(coords(z.runs[0].path)).toHaveLength(202);
  });
});

describe('gapAreas(points, zeroY)', () => {
  const polygons = (d: string) =>
    d
      .split('Z')
      .filter(Boolean)
      .map((p) => coords(p));

  it('gapAreas puts stretches above the zero line in the positive area and below it in the negative one', () => {
    // zeroY 50; y < 50 is a positive gap. Above from x 0 to 20, below from 20 to 40.
    const [pos, neg] = gapAreas(
      [
        { x: 0, y: 40 },
        { x: 10, y: 30 },
        { x: 20, y: 60 },
        { x: 40, y: 70 },
      ],
      50,
    );
    const up = polygons(pos);
    const down = polygons(neg);
    expect(up).toHaveLength(1);
    expect(down).toHaveLength(1);
    // Both end at the crossing: from (10, 30) to (20, 60) the line meets y 50 at x = 10 + 10 * 20 / 30.
    const cross = 10 + (10 * 20) / 30;
    expect(up[0]).toEqual([
      [0, 50],
      [0, 40],
      [10, 30],
      [Number(cross.toFixed(2)), 50],
      [Number(cross.toFixed(2)), 50],
    ]);
    expect(down[0][0]).toEqual([Number(cross.toFixed(2)), 50]);
    expect(down[0].slice(-2)).toEqual([
      [40, 70],
      [40, 50],
    ]);
    for (const [, y] of up.flat()) expect(y).toBeLessThanOrEqual(50);
    for (const [, y] of down.flat()) expect(y).toBeGreaterThanOrEqual(50);
  });

  it('gapAreas of a gap that only touches zero keeps one polygon; a break ends it', () => {
    const [pos, neg] = gapAreas([{ x: 0, y: 40 }, { x: 10, y: 50 }, { x: 20, y: 40 }, null, { x: 30, y: 45 }, { x: 40, y: 45 }], 50);
    expect(polygons(pos)).toHaveLength(2);
    expect(neg).toBe('');
  });

  it('gapAreas of a step line splits at the vertical where it crosses zero', () => {
    const [pos, neg] = gapAreas(
      stepAfter([
        { x: 0, y: 40 },
        { x: 100, y: 60 },
      ]),
      50,
    );
    expect(polygons(pos)[0]).toEqual([
      [0, 50],
      [0, 40],
      [100, 40],
      [100, 50],
      [100, 50],
    ]);
    expect(neg).toBe('');
  });
});

describe('positiveOnset(steps, values, onset, logX)', () => {
  it('positiveOnset is the onset itself when the gap is positive there', () => {
    expect(positiveOnset([1, 2, 3], [0.1, 0.2, 0.3], 2, false)).toEqual({ step: 2, value: 0.2 });
  });

  it('positiveOnset moves to the first later step with a positive gap, or is null', () => {
    expect(positiveOnset([1, 2, 3, 4], [0.1, -0.2, 0, 0.3], 2, false)).toEqual({ step: 4, value: 0.3 });
    expect(positiveOnset([1, 2, 3, 4], [0.1, -0.2, 0, NaN], 2, false)).toBeNull();
    expect(positiveOnset([1, 2, 3], [0.1, 0.2, 0.3], null, false)).toBeNull();
  });

  it('layoutGap marks the structured data run at epoch 28: its onset, epoch 27, has a gap below zero', () => {
    const p = prepareCurves({ history: structured });
    const a = p.runs[0].analysis;
    expect(a.onset).toBe(27);
    expect(a.gap.values[26]).toBeLessThanOrEqual(0);
    const l = layoutGap(p, { width: 600, height: 300 });
    const onset = l.runs[0].onset!;
    expect(onset.step).toBe(28);
    expect(a.gap.values[27]).toBeGreaterThan(0);
    expect(onset.y).toBeLessThan(l.zeroY);
    expect(l.labels.find((x) => x.kind === 'onset')!.text).toBe('overfitting from epoch 28');
  });

  it('layoutGap marks no onset when the gap is never positive from the onset on', () => {
    // Validation best at epoch 3, then worse, but always below training: a negative gap throughout.
    const train = [1, 0.9, 0.8, 0.75, 0.72, 0.7, 0.69, 0.68, 0.67, 0.66, 0.65];
    const validation = [0.8, 0.7, 0.5, 0.52, 0.55, 0.56, 0.57, 0.58, 0.6, 0.61, 0.62];
    const p = prepareCurves({ train, validation, patience: 3 });
    // Whatever the analysis calls, an onset at the best epoch must not be marked on a negative gap.
    p.runs[0].analysis = { ...p.runs[0].analysis, onset: 3 };
    expect(layoutGap(p, { width: 600, height: 300 }).runs[0].onset).toBeNull();
    expect(layoutGap(p, { width: 600, height: 300 }).labels.filter((x) => x.kind === 'onset')).toEqual([]);
  });
});

describe('layoutGap with sparse validation', () => {
  it(`sparseValidation: at least ${SPARSE_VALIDATION_RATIO} training points per validation check`, () => {
    expect(sparseValidation(392, 5)).toBe(true);
    expect(sparseValidation(171, 6)).toBe(true);
    expect(sparseValidation(100, 10)).toBe(true);
    expect(sparseValidation(99, 10)).toBe(false);
    // Lightning's small language model: 114 training logs, 20 checks.
    expect(sparseValidation(114, 20)).toBe(false);
    expect(sparseValidation(40, 40)).toBe(false);
    expect(sparseValidation(10, 0)).toBe(false);
  });

  for (const [name, log] of [
    ['batch-effect VAE', vae],
    ['image classification', cv],
  ] as const) {
    it(`layoutGap draws the ${name} run's ${log.validation.steps.length} checks as steps, with a dot on each`, () => {
      const p = prepareCurves({ train: log.train, validation: log.validation });
      const l = layoutGap(p, { width: 600, height: 300 });
      const r = l.runs[0];
      const n = log.validation.steps.length;
      expect(r.stepped).toBe(true);
      const v = coords(r.path);
      expect(v).toHaveLength(2 * n - 1);
      // Horizontal, then vertical, alternately: each check's gap holds until the next check.
      for (let i = 1; i < v.length; i++) {
        if (i % 2 === 1) expect(v[i][1], `segment ${i}`).toBe(v[i - 1][1]);
        else expect(v[i][0], `segment ${i}`).toBe(v[i - 1][0]);
      }
      const gap = p.runs[0].analysis.gap;
      for (let k = 0; k < n; k++) {
        expect(v[2 * k][0]).toBeCloseTo(l.x.scale(gap.steps[k]), 2);
        expect(v[2 * k][1]).toBeCloseTo(l.y.scale(gap.values[k]), 2);
      }
      expect(r.dots.match(/M/g)).toHaveLength(n);
    });
  }

  it('layoutGap keeps a line through dense validation (one check per epoch, or every few training logs)', () => {
    for (const p of [prepareCurves({ history: structured }), prepareCurves({ train: slm.train, validation: slm.validation })]) {
      const r = layoutGap(p, { width: 600, height: 300 }).runs[0];
      expect(r.stepped).toBe(false);
      expect(r.dots).toBe('');
      expect(coords(r.path)).toHaveLength(p.runs[0].analysis.gap.steps.length);
    }
  });

  it('layoutGap draws a sparse sparkline as steps too, without dots', () => {
    const p = prepareCurves({ train: vae.train, validation: vae.validation });
    const r = layoutGap(p, { width: 80, height: 20, compact: true }).runs[0];
    expect(coords(r.path)).toHaveLength(9);
    expect(r.dots).toBe('');
  });
});

describe('formatGap(v)', () => {
  it('formatGap writes every gap signed with three decimals', () => {
    expect(formatGap(3.0871)).toBe('+3.087');
    expect(formatGap(0.09)).toBe('+0.090');
    expect(formatGap(-0.08386)).toBe('−0.084');
    expect(formatGap(-0.000998)).toBe('−0.001');
    expect(formatGap(-0.0103)).toBe('−0.010');
    expect(formatGap(0)).toBe('+0.000');
    expect(formatGap(999.9994)).toBe('+999.999');
  });

  it('formatGap gives magnitudes of 1000 and more an SI prefix, three significant digits', () => {
    expect(formatGap(999.9996)).toBe('+1.00k');
    expect(formatGap(1234.5)).toBe('+1.23k');
    expect(formatGap(-45_600_000)).toBe('−45.6M');
    expect(formatGap(999_999)).toBe('+1.00M');
    expect(formatGap(NaN)).toBe('NaN');
    expect(formatGap(-Infinity)).toBe('−∞');
  });

  it('formatGap strings of values below 1000 are all as long as their sign, digits and three decimals', () => {
    const lengths = [0.001, 0.5, 1.25, 9.999].map((v) => formatGap(-v).length);
    expect(new Set(lengths)).toEqual(new Set([6]));
  });
});

describe('layoutGap options for stacked charts (minLeft, xExtent)', () => {
  const p = prepareCurves({ train: cv.train, validation: cv.validation });

  it('layoutGap reports the left edge its y labels need, and keeps it when minLeft is smaller', () => {
    const l = layoutGap(p, { width: 600, height: 300 });
    expect(l.leftNeed).toBe(l.plot.left);
    const small = layoutGap(p, { width: 600, height: 300, minLeft: l.leftNeed - 10 });
    expect(small.plot.left).toBe(l.plot.left);
  });

  it("layoutGap with minLeft moves the plot's left edge right, the right edge staying put", () => {
    const l = layoutGap(p, { width: 600, height: 300 });
    const wide = layoutGap(p, { width: 600, height: 300, minLeft: l.leftNeed + 20.5 });
    expect(wide.plot.left).toBe(Math.ceil(l.leftNeed + 20.5));
    expect(wide.leftNeed).toBe(l.leftNeed);
    expect(wide.plot.left + wide.plot.width).toBe(l.plot.left + l.plot.width);
  });

  it("layoutGap with xExtent covers it besides the gap's steps, unless zoomed or compact", () => {
    expect(layoutGap(p, { width: 600, height: 300 }).x.scale.domain()).toEqual([1718, 8595]);
    expect(layoutGap(p, { width: 600, height: 300, xExtent: [49, 8595] }).x.scale.domain()).toEqual([49, 8595]);
    expect(layoutGap(p, { width: 600, height: 300, xExtent: [49, 8595], xDomain: [2000, 3000] }).x.scale.domain()).toEqual([2000, 3000]);
    expect(layoutGap(p, { width: 80, height: 20, xExtent: [49, 8595], compact: true }).x.scale.domain()).toEqual([1718, 8595]);
  });

  it("layoutCurves and layoutGap given each other's extent and the larger left edge put a step at the same x", () => {
    const curves = layoutCurves(p, { width: 600, height: 300 });
    const gap = layoutGap(p, { width: 600, height: 300 });
    const minLeft = Math.max(curves.leftNeed, gap.leftNeed);
    const c = layoutCurves(p, { width: 600, height: 300, minLeft, xExtent: [1718, 8595] });
    const g = layoutGap(p, { width: 600, height: 300, minLeft, xExtent: [49, 8549] });
    expect(g.plot.left).toBe(c.plot.left);
    expect(g.plot.width).toBe(c.plot.width);
    for (const step of [49, 1718, 5000, 8595]) expect(g.x.scale(step)).toBeCloseTo(c.x.scale(step), 9);
  });
});

describe('layoutGap: any finite range draws', () => {
  const finite = (l: ReturnType<typeof layoutGap>) => {
    const numbers = [l.zeroY, ...(l.threshold ? [l.threshold.y0, l.threshold.y1] : []), ...[...l.x.ticks, ...l.y.ticks].map((t) => t.pos)];
    for (const v of numbers) expect(Number.isFinite(v)).toBe(true);
    for (const r of l.runs) for (const d of [r.path, r.positiveArea, r.negativeArea, r.dots]) expect(d).not.toMatch(/NaN|Infinity/);
    for (const t of [...l.x.ticks, ...l.y.ticks]) expect(t.label).not.toMatch(/NaN|Infinity/);
    expect(l.y.ticks.filter((t) => t.label).length).toBeGreaterThan(1);
  };

  it('layoutGap(gaps near ±9e307) has a finite zero line, threshold and ticks', () => {
    const p = prepareCurves({ train: [9e307, -9e307, 9e307], validation: [-8e307, 8e307, -8e307] });
    finite(layoutGap(p, { width: 600, height: 300, threshold: 0.1 }));
  });

  it('layoutGap(one gap point) draws it visibly: a dot, not a zero-length path', () => {
    const p = prepareCurves({ train: [0.5], validation: [0.7] });
    const l = layoutGap(p, { width: 600, height: 300, threshold: 0.1 });
    finite(l);
    const [r] = l.runs;
    expect(r.points.filter(Boolean)).toHaveLength(1);
    // A dot of radius > 0 around the point: two arcs, whatever the stroke is.
    expect(r.dots).toMatch(/a[\d.]+,[\d.]+ 0 1,0/);
    const [pt] = r.points.filter((q): q is { x: number; y: number } => q !== null);
    const [[x, y]] = coords(r.dots);
    expect(Math.abs(y - pt.y)).toBeLessThan(0.01);
    expect(Math.abs(x - pt.x)).toBeLessThanOrEqual(3.01);
  });
});

describe('gap paths against d3-shape', () => {
  const d3line = line<{ x: number; y: number }>()
    .x((p) => p.x)
    .y((p) => p.y)
    .digits(2);

  it('gapAreas of a stretch on one side of zero is d3 line() from the zero line through it and back, closed (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 49.9, noNaN: true }), { minLength: 2, maxLength: 60, size: 'max' }), (ys) => {
        const points = ys.map((y, i) => ({ x: i * 3.3333, y }));
        const [pos, neg] = gapAreas(points, 50);
        expect(pos).toBe(`${d3line([{ x: 0, y: 50 }, ...points, { x: points[points.length - 1].x, y: 50 }])}Z`);
        expect(neg).toBe('');
      }),
    );
  });

  it('layoutGap draws a sparse validation gap with d3 curveStepAfter through its points', () => {
    const p = prepareCurves({ train: vae.train, validation: vae.validation });
    const r = layoutGap(p, { width: 600, height: 300 }).runs[0];
    const checks = stepAfterInverse(r.points);
    expect(checks).toHaveLength(vae.validation.steps.length);
    expect(r.path).toBe(
      line<{ x: number; y: number }>()
        .x((q) => q.x)
        .y((q) => q.y)
        .curve(curveStepAfter)
        .digits(2)(checks),
    );
  });
});

/** The points a step line's vertices (stepAfter) came from: every other vertex after the first. */
function stepAfterInverse(points: Array<{ x: number; y: number } | null>) {
  const out: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < points.length; i++) if (i % 2 === 0 && points[i]) out.push(points[i]!);
  return out;
}
