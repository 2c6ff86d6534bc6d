import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  logHint,
  outliersMode,
  runningMedianExtent,
  squeezeHint,
  storyOf,
  yRange,
  STORY_SAMPLE,
  type OutliersMode,
  type SeriesRange,
} from '../../src/core/outliers.js';
import { layoutCurves } from '../../src/core/layout-curves.js';
import { prepareCurves, type CurveInput } from '../../src/core/prepare-curves.js';
import { appendPoints } from '../../src/core/append-points.js';
import timeseries from '../../stories/data/keras-timeseries_classification_from_scratch.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';
import imbalanced from '../../stories/data/keras-imbalanced_classification.json';
import effScratch from '../../stories/data/keras-efficientnet_from_scratch.json';
import effFinetune from '../../stories/data/keras-efficientnet_transfer_then_finetune.json';
import mnist from '../../stories/data/keras-mnist_convnet.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import housing from '../../stories/data/keras-california_housing_sgd_nan.json';
import slm from '../../stories/data/lightning-slm_training.json';
import cv from '../../stories/data/lightning-cv_image_classification.json';

// keras-team/keras-io examples/vision/md/autoencoder.md @ ea7f24e7, first fit: a first epoch at 0.2537, then a story
// told between 0.062 and 0.072.
const AUTOENCODER_LOSS = [
  0.2537, 0.0718, 0.0695, 0.0682, 0.0673, 0.0668, 0.0664, 0.0661, 0.0657, 0.0655, 0.0653, 0.0651, 0.0649, 0.0647, 0.0646, 0.0645, 0.0642, 0.0641, 0.064, 0.0639,
  0.0639, 0.0637, 0.0636, 0.0637, 0.0635, 0.0635, 0.0635, 0.0635, 0.0634, 0.0633, 0.0633, 0.0632, 0.0631, 0.0631, 0.063, 0.0631, 0.0629, 0.063, 0.063, 0.0629,
  0.0628, 0.0629, 0.0629, 0.0628, 0.0628, 0.0627, 0.0628, 0.0627, 0.0626, 0.0626,
];
const AUTOENCODER_VAL_LOSS = [
  0.0723, 0.0691, 0.0677, 0.0669, 0.0664, 0.066, 0.0657, 0.0654, 0.0651, 0.0648, 0.0646, 0.0644, 0.0643, 0.0641, 0.064, 0.0639, 0.0638, 0.0638, 0.0636, 0.0637,
  0.0634, 0.0634, 0.0633, 0.0632, 0.0632, 0.0631, 0.063, 0.0629, 0.063, 0.0629, 0.0628, 0.0628, 0.0627, 0.0627, 0.0627, 0.0626, 0.0626, 0.0627, 0.0625, 0.0625,
  0.0625, 0.0625, 0.0624, 0.0624, 0.0624, 0.0625, 0.0623, 0.0623, 0.0623, 0.0622,
];

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const whole = (values: ArrayLike<number>): SeriesRange => ({ values, from: 0, to: values.length });
const range = (series: Array<ArrayLike<number>>, mode: OutliersMode = 'auto', log = false) => yRange(series.map(whole), { mode, log });
const outsideValues = (series: Array<ArrayLike<number>>, r: ReturnType<typeof yRange>) => r.outside.map((idx, k) => idx.map((i) => series[k][i]));

/** A loss decaying from 2.3 towards 0.1 with time constant `tau` epochs, and a little noise. */
const decay = (n: number, tau: number, seed = 1) => {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => 0.1 + 2.2 * Math.exp(-i / tau) + 0.005 * rnd());
};
/** A plateau near `level` with noise, and spikes to `height` at the given indices. */
const spiky = (n: number, level: number, spikes: Record<number, number>, seed = 2) => {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => spikes[i] ?? level * (1 + 0.1 * (rnd() - 0.5)));
};

/** Two layouts agree when their y axes and markers do. */
const layoutOf = (input: CurveInput, outliers?: OutliersMode, zoom: [number, number] | null = null) =>
  layoutCurves(prepareCurves(input), { width: 640, height: 320, outliers, xDomain: zoom });

describe('outliersMode', () => {
  it('outliersMode(show | clip | auto) is itself; anything else is auto', () => {
    expect(outliersMode('show')).toBe('show');
    expect(outliersMode('clip')).toBe('clip');
    expect(outliersMode('auto')).toBe('auto');
    for (const v of [undefined, null, '', 'SHOW', 1, {}]) expect(outliersMode(v)).toBe('auto');
  });
});

describe('runningMedianExtent', () => {
  it('runningMedianExtent leaves out a spike and a pair of spikes but follows a ramp', () => {
    expect(runningMedianExtent([1, 1, 1, 9, 1, 1, 1, 9, 9, 1, 1, 1])).toEqual({ lo: 1, hi: 1 });
    expect(runningMedianExtent([1, 1, 1, 9, 9, 9, 1, 1, 1])).toEqual({ lo: 1, hi: 9 });
    expect(runningMedianExtent([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual({ lo: 3, hi: 8 });
  });

  it('runningMedianExtent leaves out a lone first or last point', () => {
    expect(runningMedianExtent([50, 1, 2, 1, 2, 1, 2])).toEqual({ lo: 1, hi: 2 });
    expect(runningMedianExtent([1, 2, 1, 2, 1, 2, -50])).toEqual({ lo: 1, hi: 2 });
  });

  it('runningMedianExtent equals the extent of the medians of each clamped 5-point window (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 5, maxLength: 60 }), (s) => {
        const meds = s.map((_, i) => {
          const a = Math.min(Math.max(i - 2, 0), s.length - 5);
          return [...s.slice(a, a + 5)].sort((x, y) => x - y)[2];
        });
        expect(runningMedianExtent(s)).toEqual({ lo: Math.min(...meds), hi: Math.max(...meds) });
      }),
    );
  });
});

describe('storyOf', () => {
  it('storyOf(fewer than 20 points) is their whole range', () => {
    const s = storyOf([5, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0, 10, false)!;
    expect([s.lo, s.hi]).toEqual([1, 5]);
  });

  it('storyOf skips non-finite values, and values ≤ 0 on a log axis, where it works in decades', () => {
    // 10^0 .. 10^2.9 in tenths of a decade: the running median runs from 10^0.2 to 10^2.7.
    const v = [NaN, 0, -1, ...Array.from({ length: 30 }, (_, i) => 10 ** (i / 10)), Infinity];
    const s = storyOf(v, 0, v.length, true)!;
    expect(s.sampled).toBe(30);
    expect(s.lo).toBeCloseTo(0.2, 12);
    expect(s.hi).toBeCloseTo(2.7, 12);
    expect(storyOf([NaN, 0, -2], 0, 3, true)).toBeNull();
  });

  it('storyOf(1M points) reads at most STORY_SAMPLE of them and finds the story of the whole', () => {
    const n = 1_000_000;
    const values = new Float64Array(n);
    const rnd = random(3);
    for (let i = 0; i < n; i++) values[i] = 0.3 + 2 * Math.exp(-i / 100_000) + 0.01 * rnd();
    // Single-step spikes, as step-level losses have them.
    for (let i = 1234; i < n; i += 50_000) values[i] = 40;
    const s = storyOf(values, 0, n, false)!;
    expect(s.sampled).toBeLessThanOrEqual(STORY_SAMPLE);
    expect(s.hi).toBeGreaterThan(2.2);
    expect(s.hi).toBeLessThan(2.32);
    expect(s.lo).toBeGreaterThan(0.3);
    expect(s.lo).toBeLessThan(0.32);
  });
});

describe('yRange: generated cases', () => {
  it('yRange(plateau with spikes) leaves the spikes out, above the story', () => {
    const v = spiky(200, 0.1, { 30: 4.1, 31: 3.4, 77: 2.2, 150: 3.9 });
    const r = range([v]);
    expect(outsideValues([v], r)[0].sort()).toEqual([2.2, 3.4, 3.9, 4.1]);
    expect(r.max).toBeLessThan(0.2);
    expect(r.above).toBeLessThan(2.2);
    expect(r.below).toBe(-Infinity);
  });

  it('yRange(a huge first epoch: 0.59, then the run under 0.03) leaves the first epoch out', () => {
    const rnd = random(4);
    const v = [0.59, ...Array.from({ length: 49 }, (_, i) => 0.01 + 0.02 * Math.exp(-i / 10) + 0.001 * rnd())];
    const r = range([v]);
    expect(r.outside).toEqual([[0]]);
    expect(r.max).toBeLessThan(0.031);
  });

  it('yRange(normal decay from 2.3 to 0.1) keeps the descent: nothing is left out', () => {
    for (const [n, tau] of [
      [20, 2],
      [30, 3],
      [50, 5],
      [100, 3],
      [100, 10],
      [300, 5],
      [1000, 30],
    ]) {
      const train = decay(n, tau);
      const validation = decay(n, tau, 9).map((v) => v + 0.05);
      const r = range([train, validation]);
      expect(r.outside, `n=${n} tau=${tau}`).toEqual([[], []]);
      expect(r.max).toBe(Math.max(...train, ...validation));
    }
  });

  it('yRange(decay like 1/t) keeps the descent', () => {
    for (const n of [30, 100, 300]) {
      const v = Array.from({ length: n }, (_, i) => 0.1 + 2.2 / (1 + i));
      expect(range([v]).outside, `n=${n}`).toEqual([[]]);
    }
  });

  it('yRange(flat series) leaves nothing out; a flat series with one spike leaves the spike out', () => {
    expect(range([new Array(100).fill(0.5)]).outside).toEqual([[]]);
    const v = new Array(100).fill(0.5);
    v[40] = 3;
    const r = range([v]);
    expect(r.outside).toEqual([[40]]);
    expect([r.min, r.max]).toEqual([0.5, 0.5]);
  });

  it('yRange(series under 20 points) leaves nothing out, even in clip mode', () => {
    const v = [5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    expect(range([v]).outside).toEqual([[]]);
    expect(range([v], 'clip').outside).toEqual([[]]);
  });

  it('yRange(auto) keeps points that are many (over 5%): they are part of the run, not outliers', () => {
    const spikes: Record<number, number> = {};
    for (let i = 5; i < 200; i += 10) spikes[i] = 3; // 10% of the points
    const v = spiky(200, 0.1, spikes);
    expect(range([v]).outside).toEqual([[]]);
    expect(range([v], 'clip').outside[0]).toHaveLength(20);
  });

  it('yRange(auto) keeps a point that stretches the axis less than 3 story spans; clip leaves it out', () => {
    const v = spiky(100, 1, { 50: 1.3 }); // story about 0.95..1.05: 1.3 is 2.5 spans above it
    expect(range([v]).outside).toEqual([[]]);
    expect(range([v], 'clip').outside).toEqual([[50]]);
  });

  it('yRange(show) fits every value and leaves nothing out', () => {
    const v = spiky(200, 0.1, { 30: 4.1 });
    const r = range([v], 'show');
    expect(r.outside).toEqual([[]]);
    expect(r.max).toBe(4.1);
    expect([r.above, r.below]).toEqual([Infinity, -Infinity]);
  });

  it('yRange(accuracy with a low first epoch) leaves it out below', () => {
    const rnd = random(5);
    const v = [0.1, ...Array.from({ length: 49 }, (_, i) => 0.95 - 0.05 * Math.exp(-i / 8) + 0.003 * rnd())];
    const r = range([v]);
    expect(r.outside).toEqual([[0]]);
    expect(r.below).toBeGreaterThan(0.1);
    expect(r.above).toBe(Infinity);
  });

  it('yRange(include) keeps the given values in range', () => {
    const v = spiky(200, 0.1, { 30: 4.1 });
    const r = yRange([whole(v)], { mode: 'auto', log: false, include: [4.1] });
    expect(r.max).toBe(4.1);
  });

  it('yRange(zoomed range) reads only the points inside it', () => {
    // The spike is an outlier of the whole run, but inside [100, 110) it is one of 10 points: all story.
    const v = spiky(200, 0.1, { 105: 4.1 });
    expect(yRange([whole(v)], { mode: 'auto', log: false }).outside).toEqual([[105]]);
    expect(yRange([{ values: v, from: 100, to: 110 }], { mode: 'auto', log: false }).outside).toEqual([[]]);
    expect(yRange([{ values: v, from: 50, to: 150 }], { mode: 'auto', log: false }).outside).toEqual([[105]]);
  });

  it('yRange(1M points with spikes) stays cheap and leaves out exactly the spikes', () => {
    const n = 1_000_000;
    const values = new Float64Array(n);
    const rnd = random(6);
    for (let i = 0; i < n; i++) values[i] = 0.3 + 2 * Math.exp(-i / 100_000) + 0.01 * rnd();
    const spikes: number[] = [];
    for (let i = 1234; i < n; i += 50_000) {
      values[i] = 40;
      spikes.push(i);
    }
    const start = performance.now();
    const r = yRange([{ values, from: 0, to: n, min: 0.3, max: 40 }], { mode: 'auto', log: false });
    const ms = performance.now() - start;
    expect(r.outside).toEqual([spikes]);
    // One scan of a million values when a side is left out (a few ms); a generous bound for a loaded machine.
    expect(ms).toBeLessThan(200);
    // With nothing to leave out, no scan at all: only the sample.
    const calm = values.map((v) => (v === 40 ? 1 : v));
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) yRange([{ values: calm, from: 0, to: n, min: 0.3, max: 2.31 }], { mode: 'auto', log: false });
    expect((performance.now() - t0) / 10).toBeLessThan(20);
  });
});

describe('yRange: real training logs', () => {
  const loss = (h: Record<string, unknown>, key: string) => (h[key] as Array<number | null>).map((v) => (v === null ? NaN : v));

  it('yRange(keras timeseries classification) leaves out the validation spikes (up to 4.11) and keeps every training point', () => {
    const train = loss(timeseries, 'loss');
    const validation = loss(timeseries, 'val_loss');
    const r = range([train, validation]);
    const [outTrain, outVal] = outsideValues([train, validation], r);
    expect(outTrain).toEqual([]);
    expect(outVal.length).toBeGreaterThanOrEqual(5);
    expect(outVal.length).toBeLessThanOrEqual(0.05 * (train.length + validation.length));
    expect(Math.max(...outVal)).toBe(Math.max(...validation));
    expect(Math.min(...outVal)).toBeGreaterThan(1);
    // The range holds the training run and the bulk of validation.
    expect(r.max).toBeGreaterThanOrEqual(Math.max(...train));
    expect(r.max).toBeLessThan(1.2);
  });

  it('yRange(keras autoencoder, first epoch 0.2537 then under 0.072) leaves out the first epoch only', () => {
    const r = range([AUTOENCODER_LOSS, AUTOENCODER_VAL_LOSS]);
    expect(r.outside).toEqual([[0], []]);
    expect(r.max).toBe(0.0723);
  });

  it('yRange(lightning VAE, training 326 → 4) leaves out the first training point, and nothing on a log axis', () => {
    const r = range([vae.train.values, vae.validation.values]);
    expect(outsideValues([vae.train.values, vae.validation.values], r)).toEqual([[vae.train.values[0]], []]);
    expect(r.max).toBe(vae.train.values[1]);
    expect(range([vae.train.values, vae.validation.values], 'auto', true).outside).toEqual([[], []]);
  });

  it.each([
    ['keras-efficientnet_from_scratch', effScratch],
    ['keras-efficientnet_transfer_then_finetune', effFinetune],
    ['keras-mnist_convnet', mnist],
    ['keras-structured_data_classification_from_scratch', structured],
    ['keras-california_housing_sgd_nan', housing],
    ['keras-imbalanced_classification', imbalanced],
  ])('yRange(%s) leaves nothing out', (_, h) => {
    const series = [loss(h, 'loss'), loss(h, 'val_loss')];
    expect(range(series).outside).toEqual([[], []]);
  });

  it.each([
    ['lightning-slm_training', slm],
    ['lightning-cv_image_classification', cv],
  ])('yRange(%s) leaves nothing out', (_, d) => {
    expect(range([d.train.values, d.validation.values]).outside).toEqual([[], []]);
  });

  it('logHint(keras imbalanced classification: training 1e-7, validation 1e-1) suggests a log axis', () => {
    const r = range([loss(imbalanced, 'loss'), loss(imbalanced, 'val_loss')]);
    expect(logHint(r.stories, false)).toBe(true);
    expect(logHint(r.stories, true)).toBe(false);
    expect(logHint(range([loss(mnist, 'loss'), loss(mnist, 'val_loss')]).stories, false)).toBe(false);
  });
});

describe('layoutCurves with outliers', () => {
  const ts: CurveInput = { history: timeseries };

  it('layoutCurves(timeseries, auto) marks each validation spike on the top edge and notes how many', () => {
    const l = layoutOf(ts);
    const [, d1] = l.y.scale.domain();
    expect(d1).toBeLessThan(1.5);
    expect(l.clipped.length).toBeGreaterThanOrEqual(5);
    for (const m of l.clipped) {
      expect(m).toMatchObject({ key: 'validation', side: 'above', y: l.plot.top });
      expect(m.value).toBeGreaterThan(d1);
      expect(m.x).toBeCloseTo(l.x.scale(m.step), 6);
    }
    const n = timeseries.val_loss.filter((v) => v > d1).length;
    expect(l.notes).toEqual([`${n} points above ${d1} are outside the y range (outliers="show" shows them).`]);
  });

  it('layoutCurves(timeseries, show) fits 4.11 and has no markers or notes', () => {
    const l = layoutOf(ts, 'show');
    expect(l.y.scale.domain()[1]).toBeGreaterThanOrEqual(4.113);
    expect(l.clipped).toEqual([]);
    expect(l.notes).toEqual([]);
  });

  it('layoutCurves(imbalanced) notes that log-y shows both lines; with log-y it does not', () => {
    expect(layoutOf({ history: imbalanced }).notes).toEqual(['training and validation differ by more than 1000× (log-y shows both).']);
    expect(layoutOf({ history: imbalanced, logY: true }).notes).toEqual([]);
  });

  it('layoutCurves(batch_effect_vae) notes that validation is a sliver of the y range and log-y shows it; with log-y it does not', () => {
    const input = { train: vae.train, validation: vae.validation };
    expect(layoutOf(input).notes).toContain('validation moves within a sliver of the y range (log-y shows it).');
    expect(layoutOf({ ...input, logY: true }).notes.some((n) => /sliver/.test(n))).toBe(false);
  });

  it('layoutCurves(mnist, efficientnet, structured data) has no log-y note: both lines fill the plot', () => {
    for (const history of [mnist, effScratch]) expect(layoutOf({ history }).notes.filter((n) => /log-y/.test(n))).toEqual([]);
  });

  it('squeezeHint: a 4.5-7 line under a 4-326 line on 0-120 is squeezed; without a line spanning a decade, none is', () => {
    const story = (lo: number, hi: number) => ({ lo, hi, median: (lo + hi) / 2, sampled: 20 });
    expect(squeezeHint([story(4, 326), story(4.5, 7)], 0, 120, false)).toBe(1);
    expect(squeezeHint([story(3, 40), story(4.5, 7)], 0, 120, false)).toBe(1);
    expect(squeezeHint([story(4, 9), story(4.5, 7)], 0, 120, false)).toBe(-1);
    expect(squeezeHint([story(4, 326), story(4.5, 7)], 0, 120, true)).toBe(-1);
  });

  it('layoutCurves keeps the best marker inside the plot even when the rule would leave its value out', () => {
    // Accuracy: validation best (highest) is a lone high point.
    const validation = spiky(100, 0.8, { 60: 0.99 });
    const l = layoutOf({ train: spiky(100, 0.78, {}), validation, metric: 'accuracy' });
    expect(l.annotations.best[0].value).toBe(0.99);
    expect(l.y.scale.domain()[1]).toBeGreaterThanOrEqual(0.99);
    expect(l.clipped).toEqual([]);
  });

  it('layoutCurves(zoomed) applies the rule to the points inside the zoomed range', () => {
    // Epochs 100-250: the run has calmed down but for a few spikes (3.92, 3.43, 4.11 at 104, 109, 110, and 0.34).
    const l = layoutOf(ts, 'auto', [100, 250]);
    const [, d1] = l.y.scale.domain();
    expect(d1).toBeLessThan(0.5);
    expect(l.clipped.map((m) => m.step)).toEqual(timeseries.val_loss.flatMap((v, i) => (i + 1 >= 100 && i + 1 <= 250 && v > d1 ? [i + 1] : [])));
    expect(l.clipped.map((m) => m.step)).toEqual(expect.arrayContaining([104, 109, 110]));
    // Inside epochs 60-130 spikes are most of what validation does: many, so not outliers; the axis fits them.
    expect(layoutOf(ts, 'auto', [60, 130]).clipped).toEqual([]);
    // Where the run is calm, nothing is left out and the axis fits the calm run.
    const calm = layoutOf(ts, 'auto', [200, 380]);
    expect(calm.clipped).toEqual([]);
    expect(calm.y.scale.domain()[1]).toBeLessThan(0.2);
  });

  it('layoutCurves(random data, auto): every drawn point is inside the plot or has a marker in its pixel column (fast-check)', () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
      { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 20, maxLength: 80 }),
        fc.array(value, { maxLength: 80 }),
        fc.constantFrom<OutliersMode>('auto', 'clip'),
        (train, validation, mode) => {
          const l = layoutOf({ train, validation }, mode);
          const { top, height } = l.plot;
          for (const line of l.lines) {
            for (const p of line.points) {
              if (!p || (p.y >= top - 0.01 && p.y <= top + height + 0.01)) continue;
              const side = p.y < top ? 'above' : 'below';
              const marked = l.clipped.some((m) => m.key === line.key && m.side === side && Math.round(m.x) === Math.round(p.x));
              expect(marked).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('layoutCurves after live appends equals a layout of all the data at once', () => {
    const train = timeseries.loss;
    const validation = timeseries.val_loss;
    const live = prepareCurves({ train: train.slice(0, 100), validation: validation.slice(0, 100) });
    for (let i = 100; i < train.length; i += 37) appendPoints(live, 0, train.slice(i, i + 37), validation.slice(i, i + 37));
    const a = layoutCurves(live, { width: 640, height: 320, xDomain: [1, train.length] });
    const b = layoutCurves(prepareCurves({ train, validation }), { width: 640, height: 320, xDomain: [1, train.length] });
    expect(a.y.scale.domain()).toEqual(b.y.scale.domain());
    expect(a.clipped).toEqual(b.clipped);
    expect(a.notes).toEqual(b.notes);
  });
});
