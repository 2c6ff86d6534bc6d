import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutCurves, type CurveLayout, type LaidOutLine, type LayoutOptions } from '../../src/core/layout-curves.js';
import { coords, joinPaths } from '../path-data.js';
import { prepareCurves, type CurveInput } from '../../src/core/prepare-curves.js';
import housing from '../../stories/data/keras-california_housing_sgd_nan.json';
import effScratch from '../../stories/data/keras-efficientnet_from_scratch.json';
import effFinetune from '../../stories/data/keras-efficientnet_transfer_then_finetune.json';
import imbalanced from '../../stories/data/keras-imbalanced_classification.json';
import mnist from '../../stories/data/keras-mnist_convnet.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import timeseries from '../../stories/data/keras-timeseries_classification_from_scratch.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';
import cv from '../../stories/data/lightning-cv_image_classification.json';
import slm from '../../stories/data/lightning-slm_training.json';

// Every value in range (outliers: 'show'): these tests check where each point is drawn; test/core/outliers.test.ts
// checks what the default leaves out.
const SIZE = { width: 640, height: 320, outliers: 'show' as const };
const layout = (input: CurveInput, size: LayoutOptions = SIZE) => layoutCurves(prepareCurves(input), { outliers: 'show', ...size });
const lineOf = (l: CurveLayout, key: 'train' | 'validation') => l.lines.find((x) => x.key === key)!;
/** A line's path data as one path. */
const pathOf = (line: LaidOutLine) => joinPaths(line.paths);

/** Vertices of a path: one per M or L command. */
const vertices = (d: string) => d.match(/[ML]/g)?.length ?? 0;
/** Sub-paths of a path: one per M command. */
const segments = (d: string) => d.match(/M/g)?.length ?? 0;

/** Pixel slack for the 2-decimal rounding of path coordinates. */
const EPS = 0.01;

function expectInsidePlot(l: CurveLayout) {
  const { left, top, width, height } = l.plot;
  for (const line of l.lines) {
    for (const p of line.points) {
      if (!p) continue;
      expect(p.x).toBeGreaterThanOrEqual(left - EPS);
      expect(p.x).toBeLessThanOrEqual(left + width + EPS);
      expect(p.y).toBeGreaterThanOrEqual(top - EPS);
      expect(p.y).toBeLessThanOrEqual(top + height + EPS);
    }
  }
}

function expectTicksInsidePlot(l: CurveLayout) {
  const { left, top, width, height } = l.plot;
  expect(l.y.ticks.length).toBeGreaterThan(0);
  for (const t of l.y.ticks) {
    expect(t.pos).toBeGreaterThanOrEqual(top - EPS);
    expect(t.pos).toBeLessThanOrEqual(top + height + EPS);
  }
  for (const t of l.x.ticks) {
    expect(t.pos).toBeGreaterThanOrEqual(left - EPS);
    expect(t.pos).toBeLessThanOrEqual(left + width + EPS);
  }
}

describe('layoutCurves: lines', () => {
  it('layoutCurves(4 + 4 points) draws one vertex per point in a single segment', () => {
    const l = layout({ train: [1, 0.8, 0.6, 0.5], validation: [1.1, 0.9, 0.8, 0.85] });
    expect(l.lines.map((x) => x.key)).toEqual(['train', 'validation']);
    for (const line of l.lines) {
      expect(vertices(pathOf(line))).toBe(4);
      expect(segments(pathOf(line))).toBe(1);
      expect(line.points).toHaveLength(4);
      expect(line.rawPaths).toBeNull();
    }
  });

  it('layoutCurves(points) places the vertices at the scaled step and value', () => {
    const l = layout({ train: [3, 1, 2] });
    const xy = coords(pathOf(lineOf(l, 'train')));
    expect(xy).toHaveLength(3);
    [3, 1, 2].forEach((v, i) => {
      expect(xy[i][0]).toBeCloseTo(l.x.scale(i + 1), 2);
      expect(xy[i][1]).toBeCloseTo(l.y.scale(v), 2);
    });
    // Epoch 1 at the left edge of the plot, the last epoch at the right edge.
    expect(xy[0][0]).toBeCloseTo(l.plot.left, 2);
    expect(xy[2][0]).toBeCloseTo(l.plot.left + l.plot.width, 2);
  });

  it('layoutCurves(gaps) breaks the path into several M segments and counts only drawable points', () => {
    const l = layout({ train: [1, 0.9, null, 0.7, 0.6, NaN, 0.5, 0.45] });
    const train = lineOf(l, 'train');
    expect(segments(pathOf(train))).toBe(3);
    expect(vertices(pathOf(train))).toBe(6);
    expect(train.points.map((p) => p !== null)).toEqual([true, true, false, true, true, false, true, true]);
    expect(train.dotCount).toBe(0);
  });

  it('layoutCurves(isolated points) draws them as dots', () => {
    // Epoch 3 sits between two gaps and epoch 6 after one: no segment draws them.
    const l = layout({ train: [1, 0.9, null, 0.7, null, 0.5] });
    const train = lineOf(l, 'train');
    expect(vertices(pathOf(train))).toBe(4);
    expect(train.dotCount).toBe(2);
    expect(segments(train.dots)).toBe(2);
    const dots = coords(train.dots);
    expect(dots[0][0]).toBeCloseTo(l.x.scale(4) - 2.5, 2);
    expect(dots[0][1]).toBeCloseTo(l.y.scale(0.7), 2);
    expect(dots[1][0]).toBeCloseTo(l.x.scale(6) - 2.5, 2);
  });

  it('layoutCurves(single point) draws it as a dot in the middle of the plot, epoch 1 the only x tick', () => {
    const l = layout({ train: [0.5] });
    const train = lineOf(l, 'train');
    expect(train.dotCount).toBe(1);
    expect(vertices(pathOf(train))).toBe(1);
    expect(train.points[0]!.x).toBeCloseTo(l.plot.left + l.plot.width / 2, 9);
    expect(l.x.ticks.map((t) => t.label)).toEqual(['1']);
    expectInsidePlot(l);
  });

  it('layoutCurves(few validation points) marks every validation point; training gets no markers', () => {
    const l = layout({ train: Array.from({ length: 20 }, (_, i) => 1 / (i + 1)), validation: [1, 0.6, 0.5, 0.45, 0.44] });
    expect(lineOf(l, 'validation').dotCount).toBe(5);
    expect(segments(lineOf(l, 'validation').dots)).toBe(5);
    expect(lineOf(l, 'train').dotCount).toBe(0);
  });

  it('layoutCurves(many validation points) drops the markers', () => {
    const l = layout({ validation: Array.from({ length: 100 }, (_, i) => 1 / (i + 1)) });
    expect(lineOf(l, 'validation').dotCount).toBe(0);
    expect(lineOf(l, 'validation').dots).toBe('');
  });

  it('layoutCurves(validation points closer than 10 px) drops the markers on a narrow chart', () => {
    const validation = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
    expect(lineOf(layout({ validation }, { width: 900, height: 300 }), 'validation').dotCount).toBe(30);
    expect(lineOf(layout({ validation }, { width: 200, height: 300 }), 'validation').dotCount).toBe(0);
  });

  it('layoutCurves(smoothing) draws the smoothed line over a faint raw line of the same points', () => {
    const l = layout({ train: [1, 3, 2, 4, 3], smoothing: 0.6 });
    const train = lineOf(l, 'train');
    expect(train.rawPaths).not.toBeNull();
    expect(vertices(joinPaths(train.rawPaths!))).toBe(5);
    expect(vertices(pathOf(train))).toBe(5);
    expect(pathOf(train)).not.toBe(joinPaths(train.rawPaths!));
    // The smoothed line starts on the first raw value (debiased EMA), then departs from it.
    const smooth = coords(pathOf(train));
    const raw = coords(joinPaths(train.rawPaths!));
    expect(smooth[0]).toEqual(raw[0]);
    expect(smooth[1][1]).not.toBeCloseTo(raw[1][1], 0);
  });

  it('layoutCurves(logY with values <= 0) leaves them out of the line', () => {
    const l = layout({ train: [1, 0.1, 0, 0.01, -1, 0.001], logY: true });
    const train = lineOf(l, 'train');
    expect(train.points.map((p) => p !== null)).toEqual([true, true, false, true, false, true]);
    expect(vertices(pathOf(train))).toBe(4);
    expect(l.y.log).toBe(true);
    expectInsidePlot(l);
  });

  it('layoutCurves(logX with step 0) leaves the step-0 point out', () => {
    const l = layout({ train: { steps: [0, 1, 10, 100], values: [4, 3, 2, 1] }, logX: true });
    expect(l.x.log).toBe(true);
    expect(lineOf(l, 'train').points[0]).toBeNull();
    expect(vertices(pathOf(lineOf(l, 'train')))).toBe(3);
    expect(l.x.scale.domain()).toEqual([1, 100]);
  });

  it('layoutCurves(100,000 points) decimates to at most 4 vertices per pixel column and keeps the spikes', () => {
    const n = 100_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => 1 + Math.sin(i / 50) * 0.1);
    values[31_337] = 9; // a single-step spike must survive decimation
    values[77_777] = -5;
    const l = layout({ train: { steps, values } });
    const train = lineOf(l, 'train');
    const drawn = vertices(pathOf(train));
    expect(drawn).toBeLessThanOrEqual(4 * l.plot.width);
    expect(drawn).toBeGreaterThan(l.plot.width);
    const ys = coords(pathOf(train)).map((c) => c[1]);
    expect(Math.min(...ys)).toBeCloseTo(l.y.scale(9), 1);
    expect(Math.max(...ys)).toBeCloseTo(l.y.scale(-5), 1);
    expectInsidePlot(l);
  });

  it('layoutCurves(no data) lays out empty lines without throwing', () => {
    const l = layout({ train: [] });
    expect(l.lines.map((x) => [x.paths, x.dots, x.dotCount])).toEqual([[[''], '', 0]]);
    expectTicksInsidePlot(l);
  });
});

describe('layoutCurves: axes', () => {
  it('layoutCurves(epochs) puts only integer ticks on x', () => {
    const l = layout({ train: [1, 0.5, 0.4] }, { width: 900, height: 300 });
    expect(l.x.ticks.map((t) => t.value)).toEqual([1, 2, 3]);
    expect(l.x.ticks.map((t) => t.label)).toEqual(['1', '2', '3']);
  });

  it('layoutCurves(steps up to 19,600) labels x compactly', () => {
    const l = layout({ train: { steps: [49, 10000, 19599], values: [3, 2, 1] } });
    expect(l.x.ticks.map((t) => t.label)).toContain('10k');
    for (const t of l.x.ticks) expect(t.label).toMatch(/^\d+k$/);
  });

  it('layoutCurves(data) keeps every y tick inside the plot rect', () => {
    expectTicksInsidePlot(layout({ train: [5, 3, 1], validation: [6, 4, 3] }));
    expectTicksInsidePlot(layout({ train: [1e-7, 1e-3, 0.2], logY: true }));
    expectTicksInsidePlot(layout({ train: [0.3] }));
  });

  it('layoutCurves(size) splits the size into margins and the plot', () => {
    const l = layout({ train: [1, 2] }, { width: 500, height: 300 });
    expect(l.width).toBe(500);
    expect(l.height).toBe(300);
    expect(l.plot.top).toBe(9); // ceil(12 * 0.75)
    expect(l.plot.height).toBe(300 - 9 - 41); // bottom margin ceil(12 * 3.4)
    expect(l.plot.left + l.plot.width).toBe(500 - 18); // right margin 12 * 1.5
    expect(l.y.scale.range()).toEqual([l.plot.top + l.plot.height, l.plot.top]);
    expect(l.x.scale.range()).toEqual([l.plot.left, l.plot.left + l.plot.width]);
  });

  it('layoutCurves(width 0, height 0) keeps a minimal 10 px plot', () => {
    const l = layout({ train: [1, 2, 3] }, { width: 0, height: 0 });
    expect(l.plot.width).toBe(10);
    expect(l.plot.height).toBe(10);
  });

  it('layoutCurves(random data) keeps every drawn point and tick inside the plot rect', () => {
    // Subnormals (below 1e-307) are left out: d3's tick arithmetic underflows there, and no loss gets that small.
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-300 ? 0 : v));
    const value = fc.oneof({ weight: 6, arbitrary: finite }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, null) });
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 40, size: 'max' }),
        fc.array(value, { maxLength: 40, size: 'max' }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.integer({ min: 60, max: 1600 }),
        fc.integer({ min: 60, max: 900 }),
        (train, validation, smoothing, width, height) => {
          const l = layout({ train, validation, smoothing }, { width, height });
          expectInsidePlot(l);
          expectTicksInsidePlot(l);
          for (const line of l.lines) expect(vertices(pathOf(line))).toBe(line.points.filter(Boolean).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('layoutCurves: divergence', () => {
  it('layoutCurves(NaN at epoch 3) puts the divergence marker at x.scale(3)', () => {
    const p = prepareCurves({ train: [1, 0.5, NaN, 0.3], validation: [1.2, 0.8, 0.7, 0.9] });
    const l = layoutCurves(p, SIZE);
    expect(p.divergence!.step).toBe(3);
    expect(l.divergence).toEqual({ x: l.x.scale(3), label: 'NaN at epoch 3' });
  });

  it('layoutCurves(+Infinity at step 200) labels it "∞ at step 200"', () => {
    const l = layout({ train: { steps: [0, 100, 200, 300], values: [1, 0.5, Infinity, 0.4] } });
    expect(l.divergence).toEqual({ x: l.x.scale(200), label: '∞ at step 200' });
  });

  it('layoutCurves(-Infinity in validation) labels it "−∞"', () => {
    const l = layout({ train: [1, 2, 3], validation: [1, -Infinity, 3] });
    expect(l.divergence!.label).toBe('−∞ at epoch 2');
    expect(l.divergence!.x).toBe(l.x.scale(2));
  });

  it('layoutCurves(finite run) has no divergence', () => {
    expect(layout({ train: [1, 2, 3] }).divergence).toBeNull();
  });
});

describe('layoutCurves: real training logs (stories/data)', () => {
  const FILES: Array<[string, CurveInput]> = [
    ['keras-california_housing_sgd_nan.json', { history: housing }],
    ['keras-efficientnet_from_scratch.json', { history: effScratch }],
    ['keras-efficientnet_transfer_then_finetune.json', { history: effFinetune }],
    ['keras-imbalanced_classification.json', { history: imbalanced, logY: true }],
    ['keras-mnist_convnet.json', { history: mnist }],
    ['keras-structured_data_classification_from_scratch.json', { history: structured }],
    ['keras-timeseries_classification_from_scratch.json', { history: timeseries, smoothing: 0.6 }],
    ['lightning-slm_training.json', { train: slm.train, validation: slm.validation }],
    ['lightning-batch_effect_vae.json', { train: vae.train, validation: vae.validation, logY: true }],
    ['lightning-cv_image_classification.json', { train: cv.train, validation: cv.validation, smoothing: 0.9 }],
  ];

  it.each(FILES)('layoutCurves(%s) draws every finite value inside the plot', (file, input) => {
    const p = prepareCurves(input);
    const l = layoutCurves(p, SIZE);
    expect(l.lines).toHaveLength(2);
    for (const line of l.lines) {
      const prepared = p.lines.find((x) => x.key === line.key)!;
      expect(line.points.filter(Boolean)).toHaveLength(prepared.count);
      expect(vertices(pathOf(line))).toBe(prepared.count);
      if (input.smoothing) expect(vertices(joinPaths(line.rawPaths!))).toBe(prepared.count);
    }
    expectInsidePlot(l);
    expectTicksInsidePlot(l);
    expect(l.y.ticks.filter((t) => t.label !== '').length).toBeGreaterThanOrEqual(2);
    if (file === 'keras-california_housing_sgd_nan.json') {
      expect(l.divergence).toEqual({ x: l.x.scale(8), label: 'NaN at epoch 8' });
      // Epochs 1-7 are drawn, NaN from 8 on: one segment of 7 vertices per line.
      expect(segments(pathOf(lineOf(l, 'train')))).toBe(1);
    } else {
      expect(l.divergence).toBeNull();
    }
  });

  it('layoutCurves(lightning-batch_effect_vae, logY) labels decades 5..200 and steps in k', () => {
    const l = layoutCurves(prepareCurves({ train: vae.train, validation: vae.validation, logY: true }), SIZE);
    expect(l.y.ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['5', '10', '20', '50', '100', '200']);
    expect(l.x.ticks.map((t) => t.label)).toEqual(['2k', '4k', '6k', '8k', '10k', '12k', '14k', '16k', '18k']);
    // Five validation points: all marked.
    expect(lineOf(l, 'validation').dotCount).toBe(5);
  });

  it('layoutCurves(keras-imbalanced_classification, logY) labels every decade from 1e-6 to 0.1', () => {
    const l = layoutCurves(prepareCurves({ history: imbalanced, logY: true }), SIZE);
    expect(l.y.ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['1e-6', '1e-5', '0.0001', '0.001', '0.01', '0.1']);
  });
});
