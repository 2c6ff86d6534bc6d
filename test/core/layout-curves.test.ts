import { scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutCurves, type CurveLayout, type LaidOutLine, type LayoutOptions } from '../../src/core/layout-curves.js';
import type { XY as XYPoint } from '../../src/core/geometry.js';
import { coords, joinPaths, segmentMeetsBox } from '../path-data.js';
import { prepareCurves, type CurveInput, type PreparedCurves } from '../../src/core/prepare-curves.js';
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

describe('layoutCurves: any finite range draws', () => {
  /** Every number the layout hands to an SVG attribute: path data, tick positions and labels. */
  const attributes = (l: CurveLayout) => [
    ...l.lines.flatMap((line) => [...line.paths, ...(line.rawPaths ?? []), line.dots]),
    ...[...l.x.ticks, ...l.y.ticks].flatMap((t) => [String(t.pos), t.label]),
  ];
  const drawsEverything = (l: CurveLayout) => {
    for (const a of attributes(l)) expect(a).not.toMatch(/NaN|Infinity|undefined/);
    expect(l.y.ticks.filter((t) => t.label).length).toBeGreaterThan(1);
    expect(l.x.ticks.filter((t) => t.label).length).toBeGreaterThan(0);
    expectInsidePlot(l);
  };

  it('layoutCurves(train = [-9e307, 9e307]) draws the line across the plot with labeled y ticks (the span overflows a double)', () => {
    const l = layout({ train: [-9e307, 9e307] });
    drawsEverything(l);
    const [a, b] = l.lines[0].points as XYPoint[];
    expect(a.y - b.y).toBeGreaterThan(l.plot.height * 0.8);
  });

  it('layoutCurves(steps [-1e308, 0, 1e308]) labels its x ticks without NaN', () => {
    const l = layout({ train: { steps: [-1e308, 0, 1e308], values: [1, 2, 3] } });
    drawsEverything(l);
    expect(l.x.ticks.map((t) => t.label)).toContain('0');
  });

  it('layoutCurves(subnormal values 1e-320..3e-320) labels y ticks, linear and log', () => {
    for (const logY of [false, true]) {
      const l = layout({ train: [1e-320, 2e-320, 3e-320], logY });
      drawsEverything(l);
      expect(l.y.ticks.map((t) => t.label)).toContain('1e-320');
    }
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

  it('layoutCurves(lightning-batch_effect_vae, logY) labels decades as d3 log tickFormat does (10, 20, 30, 100, ...) and steps in k', () => {
    const l = layoutCurves(prepareCurves({ train: vae.train, validation: vae.validation, logY: true }), SIZE);
    const count = Math.round(l.plot.height / 40);
    const d3 = scaleLog().domain(l.y.scale.domain());
    const format = d3.tickFormat(count, '~g');
    expect(l.y.ticks.map((t) => t.label)).toEqual(d3.ticks(count).map(format));
    expect(l.y.ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['10', '20', '30', '100', '200', '300']);
    expect(l.x.ticks.map((t) => t.label)).toEqual(['2k', '4k', '6k', '8k', '10k', '12k', '14k', '16k', '18k']);
    // Five validation points: all marked.
    expect(lineOf(l, 'validation').dotCount).toBe(5);
  });

  it('layoutCurves(keras-imbalanced_classification, logY) labels every decade from 1e-6 to 0.1', () => {
    const l = layoutCurves(prepareCurves({ history: imbalanced, logY: true }), SIZE);
    expect(l.y.ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['1e-6', '1e-5', '0.0001', '0.001', '0.01', '0.1']);
  });
});

describe('layoutCurves: annotation labels', () => {
  // Validation best at epoch 3 (0.7), then rising for five checks while training falls.
  const TRAIN = [1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2];
  const VALIDATION = [1, 0.85, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9];
  const CARD = { width: 240, height: 160 };
  type Fit = PreparedCurves['runs'][number]['analysis'];

  /** The hand-made run laid out with some of its analysis replaced, to pin what each label says. */
  function withFit(fit: Partial<Fit>, size: LayoutOptions | typeof SIZE = SIZE, input: CurveInput = { train: TRAIN, validation: VALIDATION, patience: 2 }) {
    const p = prepareCurves(input);
    for (const run of p.runs) run.analysis = { ...run.analysis, ...fit };
    return layoutCurves(p, size);
  }
  const textOf = (l: CurveLayout, kind: string) => l.annotations.labels.filter((x) => x.kind === kind).map((x) => x.text);
  const overfitting = { state: 'overfitting' as const, onset: 3, stopStep: 5, best: { step: 3, value: 0.7 } };

  it('layoutCurves(mild overfitting, +2.5 %) labels it "mild overfitting (+2.5 %)"', () => {
    const l = withFit({ ...overfitting, severity: 'mild', worsening: { relative: 0.025, absolute: 0.0175 } });
    expect(textOf(l, 'overfit')).toEqual(['mild overfitting (+2.5 %)']);
    expect(l.annotations.regions.map((r) => r.severity)).toEqual(['mild']);
  });

  it('layoutCurves(clear and severe overfitting) labels both "overfitting (+30 %)"; the region carries the severity', () => {
    for (const severity of ['clear', 'severe'] as const) {
      const l = withFit({ ...overfitting, severity, worsening: { relative: 0.3, absolute: 0.21 } });
      expect(textOf(l, 'overfit')).toEqual(['overfitting (+30 %)']);
      expect(l.annotations.regions.map((r) => r.severity)).toEqual([severity]);
    }
  });

  it('layoutCurves(accuracy falling 3.1 points) labels "overfitting (−3.1 pts)"', () => {
    const l = withFit({ ...overfitting, mode: 'max', severity: 'clear', worsening: { relative: 0.035, absolute: 0.031 }, best: { step: 3, value: 0.9 } });
    expect(textOf(l, 'overfit')).toEqual(['overfitting (−3.1 pts)']);
  });

  it('layoutCurves(state not "overfitting") draws no overfitting region or label, even with an onset', () => {
    for (const state of ['ok', 'plateau', 'noisy', 'diverged'] as const) {
      const l = withFit({ ...overfitting, state, severity: 'none' });
      expect(l.annotations.regions, state).toEqual([]);
      expect(textOf(l, 'overfit'), state).toEqual([]);
    }
  });

  it('layoutCurves(stop) names the rule: "EarlyStopping(patience=2)"', () => {
    expect(textOf(withFit({}), 'stop')).toEqual(['EarlyStopping(patience=2)']);
  });

  it('layoutCurves(stop before the best) says so: "EarlyStopping(patience=2): stops before best"', () => {
    const l = withFit({ stopStep: 2, suggestedPatience: 3 });
    expect(textOf(l, 'stop')).toEqual(['EarlyStopping(patience=2): stops before best']);
    // Never advice.
    for (const t of l.annotations.labels) expect(t.text).not.toMatch(/should|try|use|recommend|increase/i);
  });

  it('layoutCurves(240 × 160) uses the short texts: "stop (p=2)", "overfit +30 %"', () => {
    const l = withFit({ ...overfitting, severity: 'clear', worsening: { relative: 0.3, absolute: 0.21 } }, CARD);
    const texts = l.annotations.labels.map((x) => x.text);
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(['stop (p=2)', 'stop (p=2), before best', 'overfit +30 %', 'best 0.7']).toContain(t);
  });

  it('layoutCurves(mild overfitting, small plots) keeps "mild" in the short text: "mild overfit +2.5 %", then "overfit +2.5 %"', () => {
    const mild = { ...overfitting, severity: 'mild' as const, worsening: { relative: 0.025, absolute: 0.0175 } };
    // Non-compact but too narrow beside the stop line for the full text: the short text.
    const seen = new Set<string>();
    for (const width of [300, 340, 380, 420, 460, 520, 600, 700]) {
      for (const t of textOf(withFit(mild, { width, height: 220 }), 'overfit')) seen.add(t);
    }
    expect([...seen].every((t) => ['mild overfitting (+2.5 %)', 'mild overfit +2.5 %', 'overfit +2.5 %'].includes(t))).toBe(true);
    expect(seen.has('mild overfit +2.5 %')).toBe(true);
  });

  it('layoutCurves(labels crowded onto one step) keeps the stop label and drops the divergence label first', () => {
    // Flat lines, every mark at epoch 5 of 9, in a plot 50 px high: the labels all want the few rows beside one line.
    const flat = { train: [1, 1, 1, 1, 1, 1, 1, 1, 1], validation: [2, 2, 2, 2, 2, 2, 2, 2, 2] };
    const fit = {
      state: 'overfitting' as const,
      severity: 'clear' as const,
      onset: 5,
      stopStep: 5,
      diverged: 5,
      best: { step: 5, value: 2 },
      worsening: { relative: 0.3, absolute: 0.6 },
    };
    const crowded = withFit(fit, { width: 320, height: 100 }, flat);
    expect(crowded.annotations.labels.map((x) => x.kind)).toEqual(['best', 'stop']);
    // With a little more room, every label fits.
    const roomy = withFit(fit, { width: 320, height: 140 }, flat);
    expect(roomy.annotations.labels.map((x) => x.kind).sort()).toEqual(['best', 'divergence', 'overfit', 'stop']);
  });

  it('layoutCurves(runs) labels at most one mark per 16,000 px² of plot, stop labels first, in run order', () => {
    const runs = ['a', 'b', 'c', 'd', 'e', 'f'].map((name, i) => ({ name, train: TRAIN.map((v) => v + i), validation: VALIDATION.map((v) => v + i) }));
    for (const size of [{ width: 800, height: 400 }, { width: 600, height: 300 }, { width: 320, height: 200 }, CARD]) {
      const l = layoutCurves(prepareCurves({ runs, patience: 2 }), size);
      const budget = Math.max(2, Math.floor((l.plot.width * l.plot.height) / 16000));
      expect(l.annotations.labels.length).toBeLessThanOrEqual(budget);
    }
    // Six runs with 24 marks at 600 × 300: the budget of 8 goes to the stop labels that fit (runs 0-3; the stop lines
    // of runs 4 and 5 are hemmed in by the lines), then to best labels, the first runs first (run 1's does not fit).
    const l = layoutCurves(prepareCurves({ runs, patience: 2 }), { width: 600, height: 300 });
    expect(Math.floor((l.plot.width * l.plot.height) / 16000)).toBe(8);
    const placed = l.annotations.labels.map((x) => `${x.kind} ${x.run}`);
    expect(placed.sort()).toEqual(['best 0', 'best 2', 'best 3', 'best 4', 'stop 0', 'stop 1', 'stop 2', 'stop 3']);
  });

  it('layoutCurves(runs) names the run in full labels; short texts leave it to the color', () => {
    const runs = [
      { name: 'a', train: TRAIN, validation: VALIDATION },
      { name: 'b', train: TRAIN.map((v) => v + 1), validation: VALIDATION.map((v) => v + 1) },
    ];
    const big = layoutCurves(prepareCurves({ runs, patience: 2 }), { width: 900, height: 450 });
    for (const t of big.annotations.labels) expect(t.text).toMatch(/^[ab]: /);
    const card = layoutCurves(prepareCurves({ runs, patience: 2 }), CARD);
    for (const t of card.annotations.labels) expect(t.text).not.toMatch(/^[ab]: /);
  });

  it('layoutCurves(xDomain) leaves out marks outside the zoom and clips the overfitting region to the plot', () => {
    const l = withFit({}, { ...SIZE, xDomain: [5, 8] });
    const { left, width } = l.plot;
    expect(l.annotations.best).toEqual([]);
    for (const r of l.annotations.regions) {
      expect(r.x0).toBeGreaterThanOrEqual(left);
      expect(r.x1).toBeLessThanOrEqual(left + width);
    }
    for (const s of l.annotations.stops) expect(s.x).toBeGreaterThanOrEqual(left - 0.5);
    for (const t of l.annotations.labels) expect(t.box.x0).toBeGreaterThanOrEqual(left);
  });
});

/** Every way a laid-out label collides with the plot's other ink, as readable strings; [] when none does. */
function labelCollisions(l: CurveLayout): string[] {
  const out: string[] = [];
  const { left, top, width, height } = l.plot;
  const { labels, best, stops, divergences } = l.annotations;
  for (const [i, t] of labels.entries()) {
    const b = t.box;
    if (b.x0 < left || b.x1 > left + width || b.y0 < top || b.y1 > top + height) out.push(`${t.text}: outside the plot`);
    for (const u of labels.slice(i + 1)) {
      if (Math.min(b.x1, u.box.x1) > Math.max(b.x0, u.box.x0) && Math.min(b.y1, u.box.y1) > Math.max(b.y0, u.box.y0)) out.push(`${t.text} / ${u.text}`);
    }
    for (const line of l.lines) {
      for (const points of [line.points, line.rawPoints ?? []]) {
        for (let k = 0; k < points.length; k++) {
          const p = points[k];
          const q = points[k + 1] ?? p;
          if (p && q && segmentMeetsBox(p, q, b)) {
            out.push(`${t.text} / ${line.key} line at ${p.x.toFixed(1)},${p.y.toFixed(1)}`);
            break;
          }
        }
      }
    }
    // Best markers are circles of radius 5 with a 2 px stroke; stop and divergence lines are 1.5 px wide.
    for (const m of best) if (m.x + 6 > b.x0 && m.x - 6 < b.x1 && m.y + 6 > b.y0 && m.y - 6 < b.y1) out.push(`${t.text} / best marker`);
    for (const m of [...stops, ...divergences]) if (m.x + 0.75 > b.x0 && m.x - 0.75 < b.x1) out.push(`${t.text} / line at ${m.x.toFixed(1)}`);
    // Clipped markers: triangles 8 px wide, 7 px tall, inside the plot from its edge.
    for (const m of l.clipped) {
      const [y0, y1] = m.side === 'above' ? [m.y, m.y + 7] : [m.y - 7, m.y];
      if (m.x + 4 > b.x0 && m.x - 4 < b.x1 && y1 > b.y0 && y0 < b.y1) out.push(`${t.text} / clipped marker at ${m.x.toFixed(1)}`);
    }
  }
  return out;
}

describe('layoutCurves: annotation labels collide with nothing', () => {
  const logs: Record<string, CurveInput> = {
    housing: { history: housing },
    effScratch: { history: effScratch },
    effFinetune: { history: effFinetune },
    imbalanced: { history: imbalanced },
    mnist: { history: mnist },
    structured: { history: structured },
    timeseries: { history: timeseries },
    vae: { train: (vae as { train: unknown }).train, validation: (vae as { validation: unknown }).validation },
    cv: { train: (cv as { train: unknown }).train, validation: (cv as { validation: unknown }).validation },
    slm: { train: (slm as { train: unknown }).train, validation: (slm as { validation: unknown }).validation },
  };
  const sizes = [
    { width: 240, height: 160 },
    { width: 320, height: 200 },
    { width: 640, height: 320 },
    { width: 800, height: 400 },
    { width: 1200, height: 600 },
  ];

  it('layoutCurves(every real log, every size, raw and smoothed, linear and log y)', () => {
    let labels = 0;
    for (const [name, input] of Object.entries(logs)) {
      for (const extra of [{}, { smoothing: 0.6 }, { logY: true }]) {
        const p = prepareCurves({ ...input, ...extra });
        for (const size of sizes) {
          const l = layoutCurves(p, size);
          expect(labelCollisions(l), `${name} ${JSON.stringify(extra)} ${size.width}×${size.height}`).toEqual([]);
          labels += l.annotations.labels.length;
        }
      }
    }
    // Not vacuous: most marks get their label.
    expect(labels).toBeGreaterThan(150);
  });

  it('layoutCurves(all real logs compared as runs, every size)', () => {
    const runs = Object.entries(logs).map(([name, input]) => ({ name, ...input }));
    for (const size of sizes) {
      const l = layoutCurves(prepareCurves({ runs }), size);
      expect(labelCollisions(l), `${size.width}×${size.height}`).toEqual([]);
      expect(l.annotations.labels.length).toBeLessThanOrEqual(Math.max(2, Math.floor((l.plot.width * l.plot.height) / 16000)));
    }
  });

  it('layoutCurves(generated runs: noisy, overfitting, diverging, 1-5 at once, 240 × 160 to 1200 × 600) (fast-check)', () => {
    const run = fc
      .record({
        n: fc.integer({ min: 2, max: 300 }),
        seed: fc.integer({ min: 1, max: 1e6 }),
        noise: fc.double({ min: 0, max: 0.5, noNaN: true }),
        turn: fc.double({ min: 0.1, max: 1, noNaN: true }),
        nanAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }),
      })
      .map(({ n, seed, noise, turn, nanAt }) => {
        let s = seed;
        const rand = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
        const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 10) + noise * 0.3 * rand());
        const validation = Array.from({ length: n }, (_, i) => 1 / (1 + i / 10) + Math.max(0, i / n - turn) + noise * rand());
        if (nanAt !== null) train[Math.floor(nanAt * (n - 1))] = NaN;
        return { train, validation };
      });
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 240, max: 1200 }),
        fc.integer({ min: 160, max: 600 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 0.8),
        (runs, width, height, patience, smoothing) => {
          const input: CurveInput =
            runs.length === 1 ? { ...runs[0], patience, smoothing } : { runs: runs.map((r, i) => ({ name: `run ${i}`, ...r })), patience, smoothing };
          const l = layoutCurves(prepareCurves(input), { width, height });
          expect(labelCollisions(l)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('layoutCurves: the best marker sits on a drawn line', () => {
  /** Distance from a point to the nearest segment (or lone vertex) of a polyline. */
  function distanceToLine(pt: { x: number; y: number }, points: ReadonlyArray<{ x: number; y: number } | null>): number {
    let best = Infinity;
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      if (!a) continue;
      const b = points[k + 1] ?? a;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((pt.x - a.x) * dx + (pt.y - a.y) * dy) / len)) : 0;
      best = Math.min(best, Math.hypot(a.x + t * dx - pt.x, a.y + t * dy - pt.y));
    }
    return best;
  }
  /** The line the best marker belongs on: the raw validation line, drawn faint under a smoothed one. */
  const rawValidation = (l: CurveLayout) => {
    const v = l.lines.find((x) => x.key === 'validation')!;
    return v.rawPoints ?? v.points;
  };

  it('layoutCurves(smoothing 0.6, real logs) marks the best on a vertex of the faint raw line', () => {
    for (const input of [
      { history: effScratch },
      { history: structured },
      { history: timeseries },
      { train: (cv as { train: unknown }).train, validation: (cv as { validation: unknown }).validation },
    ]) {
      const l = layoutCurves(prepareCurves({ ...input, smoothing: 0.6 }), SIZE);
      const [b] = l.annotations.best;
      expect(l.lines.find((x) => x.key === 'validation')!.rawPoints).not.toBeNull();
      expect(distanceToLine(b, rawValidation(l))).toBeLessThan(0.01);
    }
  });

  it('layoutCurves(200,000 noisy points, decimated, smoothed; min and max mode, minDelta) marks the best on the drawn raw line', () => {
    const n = 200_000;
    let s = 7;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const train = Float64Array.from({ length: n }, (_, i) => 1 / (1 + i / 1000) + 0.05 * rand());
    const validation = Float64Array.from({ length: n }, (_, i) => 1 / (1 + i / 1000) + Math.max(0, i / n - 0.6) + 0.1 * rand());
    for (const extra of [{}, { minDelta: 0.05 }, { mode: 'max' }]) {
      for (const size of [SIZE, { width: 240, height: 160 }]) {
        const l = layoutCurves(prepareCurves({ train, validation, smoothing: 0.9, ...extra }), size);
        const raw = rawValidation(l);
        // Decimated: at most 4 vertices per pixel column.
        expect(raw.length).toBeLessThan(5 * l.plot.width);
        const [b] = l.annotations.best;
        // On the line: within the 2 px stroke (a vertex of it, or inside a column's min-max stroke).
        expect(distanceToLine(b, raw), JSON.stringify(extra)).toBeLessThan(1);
      }
    }
  });
});
