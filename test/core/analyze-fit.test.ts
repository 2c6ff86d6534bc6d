/**
 * `analyzeFit`: the generalization gap, the overfitting onset, the state, divergence and the summary, on
 * hand-worked sequences; robustness on arbitrary input; and the pinned analysis of the real histories in stories/data.
 *
 * Plain arrays are epochs: the value at index i is epoch i + 1. Patience counts validation checks.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFit, analyzeSeries, FitTracker, type FitAnalysis, type FitOptions, type FitState } from '../../src/core/analyze-fit.js';
import { normalizeSeries } from '../../src/core/series.js';
import { seriesFromHistory } from '../../src/core/history.js';

/** Element-wise toBeCloseTo, for sums like 0.65 - 0.4 that are not exact in binary. */
function expectClose(actual: number[], expected: number[], digits = 10) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i], digits));
}

// Validation falls to 0.6 at epoch 3 and then rises; training keeps falling.
const VAL = [1.0, 0.8, 0.6, 0.65, 0.7, 0.75, 0.9];
const TRAIN_FALLING = [1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1];

/** A seeded pseudo-random generator (mulberry32), so generated curves are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Gaussian noise of standard deviation `sd` (Box-Muller). */
function gauss(random: () => number, sd: number) {
  return sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A training loss falling from 2 toward 0.2 over n epochs. */
const falling = (n: number) => range(n).map((i) => 0.2 + 1.8 * Math.exp(-i / (n / 4)));

describe('analyzeFit: overfitting, plateau and ok', () => {
  it('analyzeFit(falling train, val rising after epoch 3, {patience: 2}): overfitting since epoch 3, severe (+25 %)', () => {
    // best 0.6 at epoch 3; the last checks (0.7, 0.75, 0.9) stay far above it while training keeps falling.
    // Gap = val - train: [0, 0.1, 0.1, 0.25, 0.4, 0.55, 0.8]. EarlyStopping: e3 wait 1, e4 wait 2 -> stop at epoch 5.
    const a = analyzeFit(TRAIN_FALLING, VAL, { patience: 2 });
    expect(a.best).toEqual({ step: 3, value: 0.6 });
    expect(a.stopStep).toBe(5);
    expect(a.onset).toBe(3);
    expect(a.state).toBe('overfitting');
    expect(a.severity).toBe('severe');
    expect(a.worsening!.relative).toBeCloseTo(0.25, 10);
    expect(a.remedy).toMatch(/restore_best_weights=True/);
    expect(a.remedy).toMatch(/Dropout/);
    expect(a.diverged).toBeNull();
    expect(a.unit).toBe('epoch');
    expect(a.gap.steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expectClose(a.gap.values, [0, 0.1, 0.1, 0.25, 0.4, 0.55, 0.8]);
  });

  it('analyzeFit(training that got worse, same val, {patience: 2}): not overfitting, plateau', () => {
    const a = analyzeFit([1, 0.8, 0.6, 0.6, 0.62, 0.63, 0.75], VAL, { patience: 2 });
    expect(a.best).toEqual({ step: 3, value: 0.6 });
    expect(a.onset).toBeNull();
    expect(a.state).toBe('plateau');
  });

  it('analyzeFit(falling train, falling val): ok, still improving, no onset, stop or remedy', () => {
    const a = analyzeFit([1, 0.8, 0.6, 0.5], [1.1, 0.9, 0.7, 0.6], { patience: 2 });
    expect(a.state).toBe('ok');
    expect(a.onset).toBeNull();
    expect(a.stopStep).toBeNull();
    expect(a.remedy).toBeNull();
    expect(a.severity).toBe('none');
  });

  it('analyzeFit(undefined, val that rises, {patience: 2}): plateau, never overfitting without training', () => {
    const a = analyzeFit(undefined, [3, 2, 2.5, 2.6, 2.7, 2.8, 2.9], { patience: 2 });
    expect(a.best).toEqual({ step: 2, value: 2 });
    expect(a.onset).toBeNull();
    expect(a.state).toBe('plateau');
    expect(a.remedy).toMatch(/^Validation has flattened/);
  });

  it('analyzeFit(falling train, val that ends one check up): ok, one spike is not sustained', () => {
    const val = falling(30).map((v) => v + 0.1);
    val[29] = val[20];
    const a = analyzeFit(falling(30), val);
    expect(a.state).toBe('ok');
  });

  it('analyzeFit(n epochs of a converged, noisy, flat val while training creeps down): plateau, never overfitting (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 1000 }), fc.integer(), fc.double({ min: 0.001, max: 0.05, noNaN: true }), (n, seed, sd) => {
        const random = rng(seed);
        const val = range(n).map((i) => 0.5 + 1.5 * Math.exp(-i / 5) + gauss(random, sd * 0.5));
        const train = range(n).map((i) => 0.3 + 1.7 * Math.exp(-i / 5) - 0.05 * (i / n));
        const a = analyzeFit(train, val);
        expect(['plateau', 'ok']).toContain(a.state);
        expect(a.onset).toBeNull();
      }),
      { numRuns: 60, seed: 20261208 },
    );
  });

  it('analyzeFit(val that turns up by 30 % over 20 epochs, with noise of 1 %): overfitting, severe, onset near the turn (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 400 }), fc.integer(), (n, seed) => {
        const random = rng(seed);
        const turn = n - 20;
        const level = (i: number) => (i <= turn ? 1 + 2 * (1 - i / turn) ** 2 : 1 + 0.3 * ((i - turn) / 20));
        const val = range(n).map((i) => level(i) * (1 + gauss(random, 0.01)));
        const a = analyzeFit(falling(n), val);
        expect(a.state).toBe('overfitting');
        expect(a.severity).toBe('severe');
        expect(Math.abs(a.onset! - (turn + 1))).toBeLessThanOrEqual(Math.max(4, n / 10));
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });

  it('analyzeFit(smooth val that creeps up 2.5 % after its best): mild overfitting, "+2.5 %"-sized', () => {
    // As structured_data_classification_from_scratch: a smooth minimum, then a slow monotone rise.
    const val = range(50).map((i) => (i < 27 ? 0.365 + 0.22 * ((26 - i) / 26) ** 2 : 0.365 + 0.009 * ((i - 26) / 23)));
    const a = analyzeFit(falling(50), val);
    expect(a.state).toBe('overfitting');
    expect(a.severity).toBe('mild');
    expect(a.onset).toBe(27);
    expect(a.worsening!.relative).toBeGreaterThan(0.02);
    expect(a.worsening!.relative).toBeLessThan(0.03);
    expect(a.remedy).not.toMatch(/Dropout/);
  });

  it("analyzeFit(accuracy on 61 samples, flat within one sample after epoch 20, {metric: 'accuracy'}): plateau, not overfitting", () => {
    const random = rng(7);
    const acc = range(50).map((i) => Math.round(61 * (i < 20 ? 0.7 + 0.13 * (i / 20) : 0.83 + (random() < 0.5 ? 0 : 1 / 61))) / 61);
    acc[38] = Math.round(61 * 0.85) / 61;
    const train = range(50).map((i) => 0.7 + 0.25 * (i / 50));
    const a = analyzeFit(train, acc, { metric: 'accuracy' });
    expect(a.state).toBe('plateau');
    expect(a.onset).toBeNull();
  });

  it('analyzeFit(accuracy that falls 3 points after epoch 30, {metric: \'accuracy\'}): overfitting, clear, "−3 pts"', () => {
    const random = rng(11);
    const acc = range(60).map((i) => (i <= 30 ? 0.6 + 0.25 * (i / 30) : 0.85 - 0.03 * ((i - 30) / 29)) + gauss(random, 0.002));
    const train = range(60).map((i) => 0.6 + 0.39 * (i / 60));
    const a = analyzeFit(train, acc, { metric: 'accuracy' });
    expect(a.state).toBe('overfitting');
    expect(a.severity).toBe('clear');
    expect(a.worsening!.absolute).toBeGreaterThan(0.02);
  });

  it('analyzeFit(eval loss that steps up after the first evaluation and stays up): severe overfitting from the first', () => {
    // A fine-tuning run: the first evaluation is the best, every later one far above it, in no order among themselves.
    const a = analyzeFit(
      { steps: [100, 200, 300, 400, 500, 600], values: [1, 0.7, 0.5, 0.4, 0.35, 0.3] },
      {
        steps: [100, 200, 300, 400, 500, 600],
        values: [0.22, 0.42, 0.41, 0.44, 0.4, 0.43],
      },
    );
    expect(a.state).toBe('overfitting');
    // Nearly double the best, but the noise of 6 checks is large: at least clear.
    expect(['clear', 'severe']).toContain(a.severity);
    expect(a.onset).toBe(100);
  });

  it('analyzeFit(10 epochs, val up steadily over the last 4): overfitting with patience 3, not yet with the default 5', () => {
    const train = [1, 0.8, 0.65, 0.55, 0.47, 0.41, 0.36, 0.32, 0.29, 0.26];
    const val = [0.9, 0.7, 0.6, 0.55, 0.52, 0.5, 0.56, 0.62, 0.7, 0.8];
    const a = analyzeFit(train, val, { patience: 3 });
    expect(a.state).toBe('overfitting');
    expect(a.onset).toBe(6);
    expect(a.stopStep).toBe(9);
    // Patience is how many checks the chart waits after the best before it calls overfitting.
    expect(analyzeFit(train, val).onset).toBeNull();
  });

  it('analyzeFit(accuracy that collapses from 0.8 to chance, {metric: \'accuracy\'}): diverged, "collapsed"', () => {
    const acc = [0.4, 0.6, 0.7, 0.78, 0.8, 0.79, 0.3, 0.12, 0.1, 0.11, 0.1, 0.1];
    const a = analyzeFit(
      range(12).map((i) => 0.4 + 0.04 * i),
      acc,
      { metric: 'accuracy' },
    );
    expect(a.state).toBe('diverged');
    expect(a.summary).toMatch(/^Validation accuracy collapsed/);
  });

  it('analyzeFit(val that jumps between 0.01 and 0.2 with no trend): noisy, with a remedy', () => {
    const random = rng(3);
    const val = range(30).map(() => (random() < 0.3 ? 0.08 + 0.12 * random() : 0.01 + 0.02 * random()));
    const a = analyzeFit(falling(30), val);
    expect(a.state).toBe('noisy');
    expect(a.onset).toBeNull();
    expect(a.summary).toMatch(/too noisy to judge/);
    expect(a.remedy).toMatch(/more samples/);
  });

  it('analyzeFit(falling train, val that explodes by two orders of magnitude): diverged, not overfitting', () => {
    const val = [...range(8).map((i) => 1 - i * 0.03), 2, 8, 30, 60, 100, 140];
    const train = range(14).map((i) => 1 - i * 0.02);
    const a = analyzeFit(train, val);
    expect(a.state).toBe('diverged');
    expect(a.summary).toMatch(/exploded/);
    expect(a.remedy).toMatch(/learning rate/);
  });

  it('analyzeFit(an early spike of 40x, then a long converged stretch): plateau, the spike changes nothing', () => {
    const random = rng(5);
    const val = range(200).map((i) => 0.1 + 0.5 * Math.exp(-i / 10) + gauss(random, 0.002) + (i === 30 ? 4 : 0));
    const train = range(200).map((i) => 0.08 + 0.5 * Math.exp(-i / 10) - 0.01 * (i / 200));
    const a = analyzeFit(train, val);
    expect(a.state).toBe('plateau');
  });

  it('analyzeFit(a warm-up where validation first rises, then falls to its best at the end): ok', () => {
    // Batch-norm warm-up: validation is worst around epoch 4, then improves steadily.
    const val = [2, 2.5, 3, 3.2, 2.8, 2.4, 1.8, 1.4, 1.1, 0.9, 0.8, 0.72, 0.66, 0.62, 0.6, 0.58, 0.57, 0.56];
    const a = analyzeFit(falling(18), val);
    expect(a.state).toBe('ok');
    expect(a.stopStep).toBe(6);
    expect(a.suggestedPatience).toBe(6);
    expect(a.summary).toMatch(/before the best epoch 18 \(patience=6 would have reached it\)/);
  });

  it('analyzeFit(a fine-tuning phase: val steps down at epoch 26, then creeps up 3 %): mild overfitting from 26', () => {
    const random = rng(9);
    const val = range(35).map((i) => (i < 25 ? 0.78 + 0.005 * i + gauss(random, 0.02) : 0.764 + 0.0028 * (i - 25) + gauss(random, 0.002)));
    const train = range(35).map((i) => (i < 25 ? 1.3 - 0.002 * i : 1.0 - 0.045 * (i - 25)));
    const a = analyzeFit(train, val);
    expect(a.state).toBe('overfitting');
    expect(a.severity).toBe('mild');
    expect(a.onset).toBeGreaterThanOrEqual(26);
    expect(a.onset).toBeLessThanOrEqual(28);
  });
});

describe('analyzeFit: suggestedPatience', () => {
  it('analyzeFit(train, [1, 0.9, 0.95, 0.96, 0.97, 0.8], {patience: 2}): stops at epoch 4 before the best 6; patience 4 reaches it', () => {
    // Waits before the best: epochs 3, 4, 5 -> 1, 2, 3. Patience 2 stops at 4; patience 3 stops at 5; 4 reaches 6.
    const a = analyzeFit([1, 0.9, 0.8, 0.7, 0.6, 0.5], [1, 0.9, 0.95, 0.96, 0.97, 0.8], { patience: 2 });
    expect(a.stopStep).toBe(4);
    expect(a.best!.step).toBe(6);
    expect(a.suggestedPatience).toBe(4);
    expect(analyzeFit([1, 0.9, 0.8, 0.7, 0.6, 0.5], [1, 0.9, 0.95, 0.96, 0.97, 0.8], { patience: 4 }).stopStep).toBeNull();
  });

  it('analyzeFit(…) with a stop after the best: suggestedPatience is null', () => {
    expect(analyzeFit(TRAIN_FALLING, VAL, { patience: 2 }).suggestedPatience).toBeNull();
  });
});

describe('analyzeFit: live appends give the verdict of a full analysis', () => {
  it('FitTracker.update over growing prefixes equals analyzeFit of each prefix (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 150 }), fc.integer(), fc.integer({ min: 1, max: 7 }), (n, seed, chunk) => {
        const random = rng(seed);
        const turn = Math.floor(n * random());
        const val = range(n).map((i) => 1 + Math.exp(-i / 8) + (i > turn ? 0.02 * (i - turn) : 0) + gauss(random, 0.01 + 0.05 * random()));
        const train = falling(n);
        const tracker = new FitTracker({});
        for (let m = chunk; m < n + chunk; m += chunk) {
          const k = Math.min(m, n);
          const t = normalizeSeries(train.slice(0, k)).series;
          const v = normalizeSeries(val.slice(0, k)).series;
          // A live chart's series grow in place: the tracker sees longer copies of the same points.
          const live = tracker.update(t, v);
          const full = analyzeFit(train.slice(0, k), val.slice(0, k));
          for (const key of ['state', 'severity', 'onset', 'best', 'stopStep', 'suggestedPatience', 'noise', 'worsening', 'summary', 'remedy'] as const)
            expect(live[key], `${key} after ${k} points`).toEqual(full[key]);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('analyzeFit: gap', () => {
  it('analyzeFit({steps, values} train, {steps, values} validation on other steps): training interpolated at each validation step', () => {
    // Training (10, 0.8) (20, 0.6) (30, 0.5) (40, 0.4). At validation step
    //   5: before the first training step -> 0.8;   gap 1.2 - 0.8 = 0.4
    //  15: halfway between 0.8 and 0.6 -> 0.7;      gap 0.9 - 0.7 = 0.2
    //  35: halfway between 0.5 and 0.4 -> 0.45;     gap 0.7 - 0.45 = 0.25
    //  50: after the last training step -> 0.4;     gap 0.75 - 0.4 = 0.35
    // best 0.7 at step 35; patience 1: the check at 50 stops.
    const train = { steps: [10, 20, 30, 40], values: [0.8, 0.6, 0.5, 0.4] };
    const validation = { steps: [5, 15, 35, 50], values: [1.2, 0.9, 0.7, 0.75] };
    const a = analyzeFit(train, validation, { patience: 1 });
    expect(a.unit).toBe('step');
    expect(a.gap.steps).toEqual([5, 15, 35, 50]);
    expectClose(a.gap.values, [0.4, 0.2, 0.25, 0.35]);
    expect(a.best).toEqual({ step: 35, value: 0.7 });
    expect(a.stopStep).toBe(50);
  });

  it('analyzeFit({steps, values} train with a null value, validation at that step): interpolation skips the missing training value', () => {
    // Training at 20 is missing (null): between (10, 1.0) and (30, 0.6) the value at 20 reads 0.8. gap 1.0 - 0.8 = 0.2.
    const a = analyzeFit({ steps: [10, 20, 30], values: [1.0, null, 0.6] }, { steps: [20], values: [1.0] });
    expectClose(a.gap.values, [0.2]);
  });

  it("analyzeFit(train acc, val acc, {mode: 'max', patience: 2}): gap is training minus validation, positive when overfitting", () => {
    // gap = train - val: [0.5-0.5, 0.72-0.7, 0.85-0.8, 0.9-0.78, 0.95-0.79, 0.99-0.77] = [0, 0.02, 0.05, 0.12, 0.16, 0.22]
    const a = analyzeFit([0.5, 0.72, 0.85, 0.9, 0.95, 0.99], [0.5, 0.7, 0.8, 0.78, 0.79, 0.77], { mode: 'max', patience: 2 });
    expectClose(a.gap.values, [0, 0.02, 0.05, 0.12, 0.16, 0.22]);
    expect(a.best).toEqual({ step: 3, value: 0.8 });
  });

  it("analyzeFit(train acc, higher val acc, {mode: 'auto', metric: 'accuracy'}): max-mode gap is negative when validation is above training", () => {
    // gap = train - val = [0.5 - 0.6, 0.6 - 0.7] = [-0.1, -0.1]
    const a = analyzeFit([0.5, 0.6], [0.6, 0.7], { mode: 'auto', metric: 'accuracy' });
    expect(a.mode).toBe('max');
    expectClose(a.gap.values, [-0.1, -0.1]);
  });

  it("analyzeFit(train loss, higher val loss, {mode: 'min'}): min-mode gap is validation minus training", () => {
    const a = analyzeFit([0.5, 0.6], [0.6, 0.7], { mode: 'min' });
    expectClose(a.gap.values, [0.1, 0.1]);
  });
});

describe('analyzeFit: NaN, infinity and divergence', () => {
  it('analyzeFit(train, [1, 0.8, NaN, 0.9, 0.7], {patience: 2}): diverged at epoch 3, best epoch 5, stop 4', () => {
    // NaN is a non-improving check: e2 wait 1, e3 wait 2 -> stop at epoch 4; 0.7 at epoch 5 is the best.
    const a = analyzeFit([1, 0.9, 0.8, 0.7, 0.6], [1, 0.8, NaN, 0.9, 0.7], { patience: 2 });
    expect(a.diverged).toBe(3);
    expect(a.state).toBe('diverged');
    expect(a.best).toEqual({ step: 5, value: 0.7 });
    expect(a.stopStep).toBe(4);
    expect(a.gap.steps).toEqual([1, 2, 3, 4, 5]);
    expect(a.gap.values[2]).toBeNaN();
  });

  it('analyzeFit(train, [1, 0.8, 0.7, NaN]): diverged at epoch 4, best stays epoch 3', () => {
    const a = analyzeFit([1, 0.9, 0.8, 0.7], [1, 0.8, 0.7, NaN]);
    expect(a.diverged).toBe(4);
    expect(a.state).toBe('diverged');
    expect(a.best).toEqual({ step: 3, value: 0.7 });
    expect(a.argBest).toEqual({ step: 3, value: 0.7 });
  });

  it('analyzeFit([1, 0.9, NaN], [1, 0.9, 0.8]): a NaN training loss diverges at epoch 3', () => {
    const a = analyzeFit([1, 0.9, NaN], [1, 0.9, 0.8]);
    expect(a.diverged).toBe(3);
    expect(a.state).toBe('diverged');
    expect(a.best).toEqual({ step: 3, value: 0.8 });
  });

  it('analyzeFit(train, [1, 0.5, Infinity]): Infinity diverges and is never a min-mode best', () => {
    const a = analyzeFit([1, 0.9, 0.8], [1, 0.5, Infinity]);
    expect(a.diverged).toBe(3);
    expect(a.state).toBe('diverged');
    expect(a.best).toEqual({ step: 2, value: 0.5 });
  });

  it('analyzeFit([1, 0.9, 0.8, -Infinity], [1, Infinity, 0.8, 0.7]): the earlier of the two divergences (epoch 2)', () => {
    expect(analyzeFit([1, 0.9, 0.8, -Infinity], [1, Infinity, 0.8, 0.7]).diverged).toBe(2);
  });

  it('analyzeFit({steps, values} with NaN at step 300, {steps, values} with NaN at step 250).diverged is 250', () => {
    const a = analyzeFit({ steps: [100, 200, 300], values: [1, 0.9, NaN] }, { steps: [150, 250], values: [1, NaN] });
    expect(a.diverged).toBe(250);
  });

  it('analyzeFit(train, [1, null, 0.8]): a hole in a plain array is not a divergence', () => {
    const a = analyzeFit([1, 0.9, 0.8], [1, null, 0.8]);
    expect(a.diverged).toBeNull();
    expect(a.state).toBe('ok');
    expect(a.gap.steps).toEqual([1, 3]);
  });

  it('analyzeFit(h.loss, h.val_loss) of a JSON history whose run went NaN (null to the end of both): diverged, as the chart says', () => {
    const h = JSON.parse('{"loss": [1, 0.9, 0.8, null, null], "val_loss": [1, 0.8, 0.9, null, null]}');
    const a = analyzeFit(h.loss, h.val_loss);
    expect(a.diverged).toBe(4);
    expect(a.state).toBe('diverged');
    const s = seriesFromHistory(h, 'loss');
    expect(analyzeSeries(s.train, s.validation).state).toBe('diverged');
  });

  it('analyzeFit([1, 0.5, 0.4, 5], [1, 0.6, 0.5, 0.55]): a training loss that blew up is diverged without a NaN', () => {
    // 5 is 5x the first value and 12.5x the best: far beyond noise.
    const a = analyzeFit([1, 0.5, 0.4, 5], [1, 0.6, 0.5, 0.55]);
    expect(a.state).toBe('diverged');
    expect(a.diverged).toBeNull();
  });

  it('analyzeFit([NaN, NaN], [NaN, NaN]): diverged at epoch 1, no best', () => {
    const a = analyzeFit([NaN, NaN], [NaN, NaN]);
    expect(a.diverged).toBe(1);
    expect(a.state).toBe('diverged');
    expect(a.best).toBeNull();
    expect(a.argBest).toBeNull();
  });
});

describe('analyzeFit: empty, one point, no validation', () => {
  const empty = { steps: [], values: [] };

  it('analyzeFit([1, 0.9, 0.8], []): no best, no stop, ok, empty gap', () => {
    const a = analyzeFit([1, 0.9, 0.8], []);
    expect(a).toMatchObject({ best: null, argBest: null, stopStep: null, onset: null, state: 'ok', diverged: null, gap: empty });
    expect(a.summary).toMatch(/\S/);
  });

  it('analyzeFit([1], [0.5], {patience: 0}): best epoch 1, no stop, no onset, gap -0.5', () => {
    const a = analyzeFit([1], [0.5], { patience: 0 });
    expect(a.best).toEqual({ step: 1, value: 0.5 });
    expect(a.argBest).toEqual({ step: 1, value: 0.5 });
    expect(a.stopStep).toBeNull();
    expect(a.onset).toBeNull();
    expect(a.state).toBe('ok');
    expect(a.gap).toEqual({ steps: [1], values: [-0.5] });
  });

  it('analyzeFit([1, 0.9, 0.8], undefined) and (…, null): no validation at all', () => {
    for (const v of [undefined, null]) {
      const a = analyzeFit([1, 0.9, 0.8], v);
      expect(a).toMatchObject({ best: null, argBest: null, stopStep: null, onset: null, state: 'ok', diverged: null, gap: empty });
      expect(a.summary).toMatch(/validation/i);
    }
  });

  it('analyzeFit([1, NaN], undefined): training divergence without validation', () => {
    const a = analyzeFit([1, NaN], undefined);
    expect(a.diverged).toBe(2);
    expect(a.state).toBe('diverged');
  });

  it('analyzeFit(undefined, undefined): nothing at all', () => {
    const a = analyzeFit(undefined, undefined);
    expect(a).toMatchObject({ best: null, stopStep: null, onset: null, state: 'ok', diverged: null, gap: empty });
    expect(a.summary).toMatch(/\S/);
  });

  it('analyzeFit(undefined, [0.5, 0.4]): validation without training has a NaN gap', () => {
    const a = analyzeFit(undefined, [0.5, 0.4]);
    expect(a.best).toEqual({ step: 2, value: 0.4 });
    expect(a.gap.steps).toEqual([1, 2]);
    expect(a.gap.values.every(Number.isNaN)).toBe(true);
  });
});

describe('analyzeFit: smoothing and options', () => {
  it('analyzeFit(undefined, [4, 2, 6], {smoothing: 0.5}): best is the smoothed minimum 8/3 at epoch 2', () => {
    // Debiased EMA, w = 0.5: k1 m = 2 -> 2 / 0.5 = 4 | k2 m = 1 + 1 = 2 -> 2 / 0.75 = 8/3 | k3 m = 1 + 3 = 4 -> 4 / 0.875.
    const a = analyzeFit(undefined, [4, 2, 6], { smoothing: 0.5 });
    expect(a.best?.step).toBe(2);
    expect(a.best?.value).toBeCloseTo(8 / 3, 12);
  });

  it('analyzeFit(train, val, {}).options holds the defaults', () => {
    expect(analyzeFit([1], [1]).options).toEqual({
      mode: 'auto',
      metric: 'loss',
      minDelta: 0,
      patience: 5,
      startFrom: 0,
      baseline: null,
      smoothing: 0,
    });
  });
});

describe('analyzeFit: summary', () => {
  it('analyzeFit(falling train, val rising after epoch 3, {patience: 2}).summary names the best epoch and the stop', () => {
    const s = analyzeFit(TRAIN_FALLING, VAL, { patience: 2 }).summary;
    expect(s).toMatch(/epoch 3\b/);
    expect(s).toMatch(/epoch 5\b/);
    expect(s).toMatch(/0\.6\b/);
  });

  /** Sentences: text up to a '.', '!' or '?' followed by white space or the end (decimal points are not). */
  const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((t) => t.trim() !== '');
  const cases: Array<[string, () => FitAnalysis]> = [
    ['analyzeFit(falling train, falling val)', () => analyzeFit([1, 0.8, 0.6, 0.5], [1.1, 0.9, 0.7, 0.6])],
    ['analyzeFit([1, 0.9, 0.8], [])', () => analyzeFit([1, 0.9, 0.8], [])],
    ['analyzeFit(falling train, val rising after epoch 3, {patience: 2})', () => analyzeFit(TRAIN_FALLING, VAL, { patience: 2 })],
    ['analyzeFit(train, [1, 0.8, NaN, 0.9, 0.7], {patience: 2})', () => analyzeFit([1, 0.9, 0.8, 0.7, 0.6], [1, 0.8, NaN, 0.9, 0.7], { patience: 2 })],
  ];
  it.each(cases)('%s.summary is one sentence, then the remedy if there is one', (_, run) => {
    const a = run();
    const s = a.summary;
    expect(s).toMatch(/^\S.*[.]$/);
    const reading = a.remedy ? s.slice(0, s.length - a.remedy.length - 1) : s;
    if (a.remedy) expect(s.endsWith(` ${a.remedy}`)).toBe(true);
    expect(sentences(reading), s).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Never throws
// ---------------------------------------------------------------------------------------------------------------

const anyValue = fc.anything({
  maxDepth: 2,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});
const numberish = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, null, undefined, 'nan', '-inf', 'Infinity', '0.5', ' 2 ', '', 'abc', 1n, true),
  fc.string(),
  anyValue,
);
const smallLength = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: -3, max: 40 }), fc.constantFrom(NaN, Infinity, -0));
const seriesInput: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.array(numberish, { maxLength: 30 }),
  fc.array(fc.double(), { maxLength: 30 }).map((a) => Float64Array.from(a)),
  fc.array(fc.record({ step: numberish, value: numberish }), { maxLength: 30 }),
  fc.array(fc.oneof(fc.record({ step: numberish, value: numberish }), numberish), { maxLength: 30 }),
  fc.record({ steps: fc.array(numberish, { maxLength: 30 }), values: fc.array(numberish, { maxLength: 30 }) }),
  fc.record({ steps: anyValue, values: anyValue }),
  fc.dictionary(fc.constantFrom('0', '1', '2', 'steps', 'values', 'step', 'value', 'history'), numberish),
  // Array-likes and columnar objects with lengths of any kind, kept small: a length in the billions is a separate test.
  fc.record({ length: smallLength, 0: numberish, 1: numberish, 2: anyValue }, { requiredKeys: ['length'] }),
  fc.record({ steps: fc.record({ length: smallLength, 0: numberish }), values: fc.record({ length: smallLength, 1: numberish }) }),
);
const optionNumber = fc.oneof(fc.double(), fc.integer({ min: -5, max: 20 }), fc.constant(undefined));
const fitOptions: fc.Arbitrary<FitOptions> = fc.record(
  {
    mode: fc.constantFrom<FitOptions['mode']>('min', 'max', 'auto', undefined),
    metric: fc.oneof(fc.string(), fc.constantFrom('loss', 'val_loss', 'accuracy', 'val_accuracy', 'auc', '')),
    minDelta: optionNumber,
    patience: optionNumber,
    startFrom: optionNumber,
    baseline: fc.oneof(optionNumber, fc.constant(null)),
    smoothing: optionNumber,
  },
  { requiredKeys: [] },
);
const STATES: FitState[] = ['ok', 'plateau', 'overfitting', 'noisy', 'diverged'];

describe('property: analyzeFit never throws', () => {
  it('analyzeFit(arbitrary train, arbitrary validation, random options) returns a well-formed analysis', () => {
    fc.assert(
      fc.property(seriesInput, seriesInput, fitOptions, (train, validation, options) => {
        const a = analyzeFit(train, validation, options);
        expect(STATES).toContain(a.state);
        expect(typeof a.summary).toBe('string');
        expect(a.summary.length).toBeGreaterThan(0);
        expect(a.gap.steps.length).toBe(a.gap.values.length);
        // An onset only with an overfitting verdict, at a validation check; a severity only with it too.
        if (a.onset !== null) expect(a.gap.steps).toContain(a.onset);
        expect(a.onset === null).toBe(a.state !== 'overfitting');
        expect(a.severity === 'none').toBe(a.state !== 'overfitting');
      }),
      { numRuns: 3000 },
    );
  });

  it('analyzeFit(arbitrary, arbitrary, arbitrary options of any type) does not throw', () => {
    const anyOptions = fc.oneof(
      anyValue,
      fc.record(
        { mode: anyValue, metric: anyValue, minDelta: anyValue, patience: anyValue, startFrom: anyValue, baseline: anyValue, smoothing: anyValue },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(seriesInput, seriesInput, anyOptions, (train, validation, options) => {
        expect(() => analyzeFit(train, validation, options as FitOptions)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('analyzeFit({steps: {length: 1e300}, values: {length: 1e300}}, [1, 2]) does not throw', () => {
    // A columnar object whose array-likes claim an impossible length (they hold no elements).
    const huge = { steps: { length: 1e300 }, values: { length: 1e300 } };
    expect(() => analyzeFit(huge, [1, 2])).not.toThrow();
    expect(() => analyzeFit([1, 2], huge)).not.toThrow();
  });

  it('analyzeFit([1, 0.9], [1, 0.8], null) does not throw', () => {
    expect(() => analyzeFit([1, 0.9], [1, 0.8], null as unknown as FitOptions)).not.toThrow();
  });

  it('analyzeFit([1, 0.9], [1, 0.8], {metric: 42}) does not throw', () => {
    expect(() => analyzeFit([1, 0.9], [1, 0.8], { metric: 42 } as unknown as FitOptions)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real histories in stories/data, default options (patience 5)
// ---------------------------------------------------------------------------------------------------------------

const DATA = new URL('../../stories/data/', import.meta.url);

function analyzeFile(file: string): FitAnalysis {
  const data = JSON.parse(readFileSync(new URL(file, DATA), 'utf8'));
  if (file.startsWith('keras-')) {
    // JSON has no NaN: a printed `nan` is null in these files.
    const nan = (xs: Array<number | null>) => xs.map((x) => (x === null ? NaN : x));
    return analyzeFit(nan(data.loss), nan(data.val_loss));
  }
  return analyzeFit(data.train, data.validation);
}

describe('real histories: analyzeFit(file) with the default options', () => {
  // [file, best step, best value, stop step, onset, state, diverged]
  const table: Array<[string, number, number, number | null, number | null, FitState, number | null]> = [
    // Oscillates from the first epoch, NaN from epoch 8; five rises after epoch 1 stop it at 6.
    ['keras-california_housing_sgd_nan.json', 1, 0.5255, 6, null, 'diverged', 8],
    // README: val_loss lowest at epoch 26 (3.2558), 4.2216 at 40 while training falls: overfitting.
    ['keras-efficientnet_from_scratch.json', 26, 3.2558, 31, 26, 'overfitting', null],
    // Best in the fine-tuning phase (epoch 26); the frozen phase already stalls at 0.7846 (epoch 6) -> stop at 11.
    ['keras-efficientnet_transfer_then_finetune.json', 26, 0.7644, 11, 26, 'overfitting', null],
    // Validation jumps between 0.01 and 0.2 with no trend: too noisy for any claim.
    ['keras-imbalanced_classification.json', 23, 0.0097, 15, null, 'noisy', null],
    // Best 0.0301 at epoch 10, one check after it: no overfitting.
    ['keras-mnist_convnet.json', 10, 0.0301, null, null, 'ok', null],
    // README: val_loss lowest at 27 (0.3650), creeps to 0.3743 at 50 while training falls: mild overfitting.
    ['keras-structured_data_classification_from_scratch.json', 27, 0.365, 32, 27, 'overfitting', null],
    // 383 epochs, best 0.0877 at 333, 0.0905 at 383, flat within its noise for the last 200 epochs: a plateau, not
    // overfitting; spiky early validation stops a patience-5 run at epoch 33.
    ['keras-timeseries_classification_from_scratch.json', 333, 0.0877, 33, null, 'plateau', null],
    // Five sparse validation points; the last one is the best.
    ['lightning-batch_effect_vae.json', 19599, 4.556461811065674, null, null, 'ok', null],
    // The extra validation row after training (step 8595) is the best.
    ['lightning-cv_image_classification.json', 8595, 0.01422041654586792, null, null, 'ok', null],
    // Validation falls at every check.
    ['lightning-slm_training.json', 5739, 5.55223274230957, null, null, 'ok', null],
  ];

  it('the table covers every file in stories/data', () => {
    const files = readdirSync(DATA)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(table.map((row) => row[0]).sort()).toEqual(files);
  });

  it.each(table)('analyzeFit(%s): best step %s (%s), stop %s, onset %s, %s', (file, best, value, stop, onset, state, diverged) => {
    const a = analyzeFile(file);
    expect(a.best).toEqual({ step: best, value });
    expect(a.stopStep).toBe(stop);
    expect(a.onset).toBe(onset);
    expect(a.state).toBe(state);
    expect(a.diverged).toBe(diverged);
  });
});
