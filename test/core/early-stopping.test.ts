/**
 * `analyzeFit(...).best`, `.argBest` and `.stopStep` (and `earlyStopping()` underneath) against Keras 3's
 * `EarlyStopping.on_epoch_end`: hand-worked sequences, a literal transcription of the Keras loop checked on random
 * series, and the real histories in stories/data.
 *
 * Plain arrays are epochs: the value at index i is epoch i + 1, which Keras calls `epoch = i` (0-based).
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { normalizePair } from '../../src/core/series.js';
import { describe, expect, it } from 'vitest';
import { analyzeFit, analyzeSeries, DEFAULT_PATIENCE, type FitOptions } from '../../src/core/analyze-fit.js';
import { EarlyStoppingState, earlyStopping } from '../../src/core/early-stopping.js';
import { seriesFromHistory } from '../../src/core/history.js';

// ---------------------------------------------------------------------------------------------------------------
// Reference: keras/src/callbacks/early_stopping.py (Keras 3), transcribed line by line.
//
//   __init__:       min_delta = abs(min_delta); monitor_op = less (min) / greater (max); in min mode min_delta *= -1
//   on_train_begin: wait = 0; best = None
//   on_epoch_end:   current = value
//                   if current is None or epoch < start_from_epoch: return
//                   wait += 1
//                   if _is_improvement(current, best):
//                       best = current
//                       if baseline is None or _is_improvement(current, baseline): wait = 0
//                       return
//                   if wait >= patience and epoch > 0: stop
//   _is_improvement(v, ref): True if ref is None else monitor_op(v - min_delta, ref)
//
// One deliberate deviation, part of the specification: NaN is never an improvement, not even against `None`.
// The loop runs on past the first stop so that `best` covers the whole series; nothing after the stop changes it.
// ---------------------------------------------------------------------------------------------------------------

type Cell = number | null | undefined;

interface KerasOptions {
  mode: 'min' | 'max';
  minDelta: number;
  patience: number;
  startFrom: number;
  baseline: number | null;
}

interface KerasRun {
  /** 0-based epoch of the first stop, or null. */
  stoppedEpoch: number | null;
  /** 0-based epoch of the running best after the whole series, or null. */
  bestEpoch: number | null;
  /** 0-based epoch of the running best when training stopped, or null. */
  bestEpochAtStop: number | null;
}

function kerasEarlyStopping(values: ArrayLike<Cell>, o: KerasOptions): KerasRun {
  const monitorOp = o.mode === 'min' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  let minDelta = Math.abs(o.minDelta);
  if (o.mode === 'min') minDelta *= -1;
  const isImprovement = (monitorValue: number, referenceValue: number | null): boolean => {
    if (Number.isNaN(monitorValue)) return false;
    if (referenceValue === null) return true;
    return monitorOp(monitorValue - minDelta, referenceValue);
  };

  let wait = 0;
  let best: number | null = null;
  let bestEpoch: number | null = null;
  let stoppedEpoch: number | null = null;
  let bestEpochAtStop: number | null = null;
  for (let epoch = 0; epoch < values.length; epoch++) {
    const current = values[epoch];
    if (current === null || current === undefined || epoch < o.startFrom) continue;
    wait += 1;
    if (isImprovement(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (o.baseline === null || isImprovement(current, o.baseline)) wait = 0;
      continue;
    }
    if (wait >= o.patience && epoch > 0 && stoppedEpoch === null) {
      stoppedEpoch = epoch;
      bestEpochAtStop = bestEpoch;
    }
  }
  return { stoppedEpoch, bestEpoch, bestEpochAtStop };
}

const KERAS_DEFAULTS: KerasOptions = { mode: 'min', minDelta: 0, patience: DEFAULT_PATIENCE, startFrom: 0, baseline: null };

/** What analyzeFit should report for a plain (epoch-indexed) validation array. */
function expectedFromReference(values: ArrayLike<Cell>, o: KerasOptions) {
  const r = kerasEarlyStopping(values, o);
  return {
    best: r.bestEpoch === null ? null : { step: r.bestEpoch + 1, value: values[r.bestEpoch] as number },
    stopStep: r.stoppedEpoch === null ? null : r.stoppedEpoch + 1,
  };
}

/** Shorthand: best, argBest and stopStep of `analyzeFit(undefined, validation, options)`. */
function fitOf(validation: Cell[], options: FitOptions = {}) {
  const a = analyzeFit(undefined, validation, options);
  return { best: a.best, argBest: a.argBest, stopStep: a.stopStep, mode: a.mode };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Hand-worked sequences
// ---------------------------------------------------------------------------------------------------------------

describe('analyzeFit: best, argBest and stopStep by mode', () => {
  it("analyzeFit(val, {mode: 'min', patience: 2}): best epoch 3, stopStep 5", () => {
    // e0 1.0 best, wait 0 | e1 0.8 best, wait 0 | e2 0.6 best, wait 0 | e3 0.65 wait 1 | e4 0.7 wait 2 >= 2 -> stop
    // at e4 = epoch 5. e5, e6 never beat 0.6.
    const r = fitOf([1.0, 0.8, 0.6, 0.65, 0.7, 0.75, 0.9], { mode: 'min', patience: 2 });
    expect(r).toEqual({ best: { step: 3, value: 0.6 }, argBest: { step: 3, value: 0.6 }, stopStep: 5, mode: 'min' });
  });

  it("analyzeFit(val, {mode: 'max', patience: 2}): best epoch 3, stopStep 5", () => {
    // e0 0.5 | e1 0.7 | e2 0.8 best | e3 0.78 wait 1 | e4 0.79 wait 2 -> stop at epoch 5.
    const r = fitOf([0.5, 0.7, 0.8, 0.78, 0.79, 0.77], { mode: 'max', patience: 2 });
    expect(r).toEqual({ best: { step: 3, value: 0.8 }, argBest: { step: 3, value: 0.8 }, stopStep: 5, mode: 'max' });
  });

  it("analyzeFit(val, {mode: 'auto', metric: 'val_accuracy'}) resolves to max: best epoch 3, stopStep 5", () => {
    const r = fitOf([0.5, 0.7, 0.8, 0.78, 0.79, 0.77], { mode: 'auto', metric: 'val_accuracy', patience: 2 });
    expect(r).toEqual({ best: { step: 3, value: 0.8 }, argBest: { step: 3, value: 0.8 }, stopStep: 5, mode: 'max' });
  });

  it("analyzeFit(val, {mode: 'auto', metric: 'loss'}) resolves to min: best epoch 1, stopStep 3", () => {
    // The same rising sequence read as a loss: e0 0.5 best | e1 0.7 wait 1 | e2 0.8 wait 2 -> stop at epoch 3.
    const r = fitOf([0.5, 0.7, 0.8, 0.78, 0.79, 0.77], { mode: 'auto', metric: 'loss', patience: 2 });
    expect(r).toEqual({ best: { step: 1, value: 0.5 }, argBest: { step: 1, value: 0.5 }, stopStep: 3, mode: 'min' });
  });

  it('analyzeFit(val, {patience: 2}) without mode or metric is min (metric defaults to loss)', () => {
    expect(fitOf([0.5, 0.7, 0.8], { patience: 2 })).toEqual(fitOf([0.5, 0.7, 0.8], { mode: 'min', patience: 2 }));
  });
});

describe('analyzeFit: ties', () => {
  it("analyzeFit([3, 2, 2, 2], {mode: 'min'}): the first 2 (epoch 2) is best and argBest", () => {
    // 2 < 2 is false, so the later 2s never replace the first.
    const r = fitOf([3, 2, 2, 2], { mode: 'min' });
    expect(r.best).toEqual({ step: 2, value: 2 });
    expect(r.argBest).toEqual({ step: 2, value: 2 });
  });

  it("analyzeFit([3, 2, 2, 2], {mode: 'min', patience: 1}).stopStep is 3: a tie is not an improvement", () => {
    // e1 best, wait 0 | e2 2 is not < 2: wait 1 >= 1 -> stop at epoch 3.
    expect(fitOf([3, 2, 2, 2], { mode: 'min', patience: 1 }).stopStep).toBe(3);
  });

  it("analyzeFit([1, 3, 3, 2], {mode: 'max'}): the first 3 (epoch 2) is best and argBest", () => {
    const r = fitOf([1, 3, 3, 2], { mode: 'max' });
    expect(r.best).toEqual({ step: 2, value: 3 });
    expect(r.argBest).toEqual({ step: 2, value: 3 });
  });
});

describe('analyzeFit: minDelta', () => {
  it("analyzeFit([1, 0.5, 0.25], {mode: 'min', minDelta: 0.25, patience: 1}): best epoch 2, argBest epoch 3, stopStep 3", () => {
    // Improvement needs v + 0.25 < best (values exact in binary):
    // e0 1 best | e1 0.5 + 0.25 = 0.75 < 1: best 0.5 | e2 0.25 + 0.25 = 0.5 < 0.5 is false: wait 1 >= 1 -> stop.
    const r = fitOf([1, 0.5, 0.25], { mode: 'min', minDelta: 0.25, patience: 1 });
    expect(r.best).toEqual({ step: 2, value: 0.5 });
    expect(r.argBest).toEqual({ step: 3, value: 0.25 });
    expect(r.stopStep).toBe(3);
  });

  it("analyzeFit([1, 0.5, 0.25], {mode: 'min', minDelta: -0.25}) reads the sign away like Keras's abs(min_delta)", () => {
    expect(fitOf([1, 0.5, 0.25], { mode: 'min', minDelta: -0.25, patience: 1 })).toEqual(fitOf([1, 0.5, 0.25], { mode: 'min', minDelta: 0.25, patience: 1 }));
  });

  it("analyzeFit([1, 0.5, 0.25], {mode: 'min', minDelta: 0.2499}): a drop just over minDelta improves", () => {
    // e2: 0.25 + 0.2499 = 0.4999 < 0.5: best 0.25 at epoch 3, and no stop.
    const r = fitOf([1, 0.5, 0.25], { mode: 'min', minDelta: 0.2499, patience: 1 });
    expect(r.best).toEqual({ step: 3, value: 0.25 });
    expect(r.stopStep).toBeNull();
  });

  it("analyzeFit([0, 0.5, 0.75], {mode: 'max', minDelta: 0.25}): best epoch 2, argBest epoch 3", () => {
    // Improvement needs v - 0.25 > best: e1 0.25 > 0 yes | e2 0.5 > 0.5 no.
    const r = fitOf([0, 0.5, 0.75], { mode: 'max', minDelta: 0.25 });
    expect(r.best).toEqual({ step: 2, value: 0.5 });
    expect(r.argBest).toEqual({ step: 3, value: 0.75 });
  });
});

describe('analyzeFit: patience', () => {
  it('analyzeFit([1, 2, 0.5, 0.6], {patience: 0}).stopStep is 2: the first non-improving check after epoch 0', () => {
    // e0 best | e1 2: wait 1 >= 0 and epoch 1 > 0 -> stop at epoch 2. The replay goes on: 0.5 at epoch 3 is best.
    const r = fitOf([1, 2, 0.5, 0.6], { patience: 0 });
    expect(r.stopStep).toBe(2);
    expect(r.best).toEqual({ step: 3, value: 0.5 });
  });

  it('analyzeFit([1, 1], {patience: 0}).stopStep is 2', () => {
    expect(fitOf([1, 1], { patience: 0 }).stopStep).toBe(2);
  });

  it('analyzeFit([1, 0.5, 0.25], {patience: 0}).stopStep is null: every check improves', () => {
    expect(fitOf([1, 0.5, 0.25], { patience: 0 }).stopStep).toBeNull();
  });

  it('analyzeFit([NaN, 1, 2], {patience: 0}).stopStep is 3: no stop at epoch 0 even though NaN does not improve', () => {
    // e0 NaN: wait 1, not an improvement, wait >= 0 but epoch 0 -> no stop | e1 1: best (first real value), wait 0 |
    // e2 2: wait 1 >= 0 -> stop at epoch 3.
    const r = fitOf([NaN, 1, 2], { patience: 0 });
    expect(r.stopStep).toBe(3);
    expect(r.best).toEqual({ step: 2, value: 1 });
  });

  const rising = [5, 4, 4.5, 4.6, 4.7, 4.8, 3, 3.5];
  it('analyzeFit([5, 4, 4.5, 4.6, 4.7, 4.8, 3, 3.5], {patience: 3}).stopStep is 5', () => {
    // e1 best 4 | e2..e4 wait 1, 2, 3 >= 3 -> stop at e4 = epoch 5; 3 at epoch 7 is still the best of the series.
    const r = fitOf(rising, { patience: 3 });
    expect(r.stopStep).toBe(5);
    expect(r.best).toEqual({ step: 7, value: 3 });
  });

  it('analyzeFit([5, 4, 4.5, 4.6, 4.7, 4.8, 3, 3.5], {patience: 4}).stopStep is 6', () => {
    expect(fitOf(rising, { patience: 4 }).stopStep).toBe(6);
  });

  it('analyzeFit([5, 4, 4.5, 4.6, 4.7, 4.8, 3, 3.5], {patience: 5}).stopStep is null: epoch 7 improves at wait 5', () => {
    // e2..e5 wait 1..4 | e6 3 improves before the stop test: wait 0 | e7 wait 1.
    const r = fitOf(rising, { patience: 5 });
    expect(r.stopStep).toBeNull();
    expect(r.best).toEqual({ step: 7, value: 3 });
  });

  it(`analyzeFit(val) uses patience ${DEFAULT_PATIENCE} by default`, () => {
    const a = analyzeFit(undefined, rising);
    expect(a.options.patience).toBe(DEFAULT_PATIENCE);
    expect(a.stopStep).toBeNull();
  });
});

describe('analyzeFit: baseline', () => {
  it('analyzeFit([1, 0.9, 0.8, 0.85], {baseline: 0.5, patience: 3}).stopStep is 4: improvements above the baseline do not reset wait', () => {
    // e0 wait 1, best 1 (1 < 0.5 no: wait stays) | e1 wait 2, best 0.9 | e2 wait 3, best 0.8 (each returns before
    // the stop test) | e3 0.85: wait 4 >= 3 -> stop at epoch 4.
    const r = fitOf([1, 0.9, 0.8, 0.85], { baseline: 0.5, patience: 3 });
    expect(r.stopStep).toBe(4);
    expect(r.best).toEqual({ step: 3, value: 0.8 });
  });

  it('analyzeFit([1, 0.9, 0.8, 0.85], {patience: 3}) without a baseline does not stop', () => {
    // e2 best, wait 0 | e3 wait 1.
    expect(fitOf([1, 0.9, 0.8, 0.85], { patience: 3 }).stopStep).toBeNull();
  });

  it('analyzeFit([1, 0.9, 0.8, 0.85], {baseline: 0.85, patience: 3}): beating the baseline resets wait', () => {
    // e2 0.8 < 0.85: wait 0 | e3 wait 1.
    expect(fitOf([1, 0.9, 0.8, 0.85], { baseline: 0.85, patience: 3 }).stopStep).toBeNull();
  });

  it('analyzeFit([1, 0.9, 0.8, 0.7, 0.6], {baseline: 0.5, patience: 1}).stopStep is null: an improving check never stops', () => {
    // wait reaches 5, but every check improves and returns before the stop test.
    expect(fitOf([1, 0.9, 0.8, 0.7, 0.6], { baseline: 0.5, patience: 1 }).stopStep).toBeNull();
  });

  it('analyzeFit([1, 0.9, 0.8, 0.7, 0.6, 0.65], {baseline: 0.5, patience: 1}).stopStep is 6', () => {
    // The first non-improving check finds wait 6 >= 1.
    expect(fitOf([1, 0.9, 0.8, 0.7, 0.6, 0.65], { baseline: 0.5, patience: 1 }).stopStep).toBe(6);
  });

  it("analyzeFit([0.5, 0.6, 0.7, 0.65], {mode: 'max', baseline: 0.9, patience: 2}).stopStep is 4", () => {
    // wait 1, 2, 3 while improving below 0.9 | e3 0.65: wait 4 >= 2 -> stop.
    expect(fitOf([0.5, 0.6, 0.7, 0.65], { mode: 'max', baseline: 0.9, patience: 2 }).stopStep).toBe(4);
  });

  it('analyzeFit([1, 0.6, 0.7, 0.75], {baseline: 0.65, minDelta: 0.1, patience: 2}).stopStep is 3: minDelta applies to the baseline too', () => {
    // e0 wait 1 | e1 0.6 + 0.1 = 0.7 < 1: best; 0.7 < 0.65 no: wait stays 2 | e2 0.8 < 0.6 no: wait 3 >= 2 -> stop.
    expect(fitOf([1, 0.6, 0.7, 0.75], { baseline: 0.65, minDelta: 0.1, patience: 2 }).stopStep).toBe(3);
    // Without minDelta, 0.6 < 0.65 resets wait at e1: e2 wait 1, e3 wait 2 -> stop at epoch 4.
    expect(fitOf([1, 0.6, 0.7, 0.75], { baseline: 0.65, patience: 2 }).stopStep).toBe(4);
  });
});

describe('analyzeFit: startFrom', () => {
  it('analyzeFit([0.5, 2, 1.5, 1.8, 1.9], {startFrom: 2, patience: 1}): best epoch 3, argBest epoch 1, stopStep 4', () => {
    // e0, e1 skipped (epoch < 2) | e2 1.5 first check: best | e3 1.8: wait 1 >= 1 -> stop at epoch 4.
    const r = fitOf([0.5, 2, 1.5, 1.8, 1.9], { startFrom: 2, patience: 1 });
    expect(r.best).toEqual({ step: 3, value: 1.5 });
    expect(r.argBest).toEqual({ step: 1, value: 0.5 });
    expect(r.stopStep).toBe(4);
  });

  it('analyzeFit([0.5, 2, 1.5], {startFrom: 10}): no check is made, so best and stopStep are null', () => {
    const r = fitOf([0.5, 2, 1.5], { startFrom: 10, patience: 0 });
    expect(r.best).toBeNull();
    expect(r.stopStep).toBeNull();
    expect(r.argBest).toEqual({ step: 1, value: 0.5 });
  });
});

describe('analyzeFit: NaN is a check, a hole is not', () => {
  it('analyzeFit([1, 0.8, NaN, 0.9, 0.7], {patience: 2}).stopStep is 4: NaN counts as a non-improving check', () => {
    // e1 best 0.8 | e2 NaN: wait 1 | e3 0.9: wait 2 >= 2 -> stop at epoch 4 | e4 0.7 best.
    const r = fitOf([1, 0.8, NaN, 0.9, 0.7], { patience: 2 });
    expect(r.stopStep).toBe(4);
    expect(r.best).toEqual({ step: 5, value: 0.7 });
  });

  it('analyzeFit([1, 0.8, null, 0.9, 0.7], {patience: 2}).stopStep is null: a null hole is skipped', () => {
    // e2 skipped | e3 wait 1 | e4 best.
    const r = fitOf([1, 0.8, null, 0.9, 0.7], { patience: 2 });
    expect(r.stopStep).toBeNull();
    expect(r.best).toEqual({ step: 5, value: 0.7 });
  });

  it('analyzeFit([1, 0.8, undefined, 0.9, 0.7], {patience: 2}).stopStep is null: an undefined hole is skipped', () => {
    expect(fitOf([1, 0.8, undefined, 0.9, 0.7], { patience: 2 }).stopStep).toBeNull();
  });

  it('analyzeSeries(seriesFromHistory({val_loss: [1, 0.8, null, 0.9, 0.7]})).stopStep is null: a hole between numbers is a missing check', () => {
    // Waits: epoch 4 (0.9) 1, epoch 5 (0.7) improves. The hole at epoch 3 is skipped, as Keras skips a missing log.
    const h = seriesFromHistory({ loss: [1, 0.9, 0.8, 0.7, 0.6], val_loss: [1, 0.8, null, 0.9, 0.7] }, 'loss');
    const a = analyzeSeries(h.train, h.validation, { patience: 2 });
    expect(a.stopStep).toBeNull();
    expect(a.best).toEqual({ step: 5, value: 0.7 });
  });

  it('analyzeSeries(seriesFromHistory({loss, val_loss ending in null})): nulls to the end of both series are NaN', () => {
    const h = seriesFromHistory({ loss: [1, 0.9, 0.8, null, null], val_loss: [1, 0.8, 0.9, null, null] }, 'loss');
    const a = analyzeSeries(h.train, h.validation, { patience: 2 });
    expect(a.diverged).toBe(4);
    expect(a.state).toBe('diverged');
  });

  it('analyzeFit([NaN, NaN, NaN]): best and argBest are null, never NaN', () => {
    const r = fitOf([NaN, NaN, NaN], { patience: 1 });
    expect(r.best).toBeNull();
    expect(r.argBest).toBeNull();
    // e1: wait 2 >= 1, epoch > 0 -> stop at epoch 2.
    expect(r.stopStep).toBe(2);
  });

  it('analyzeFit([NaN, 3, 2]): the first real value becomes best, not the leading NaN', () => {
    expect(fitOf([NaN, 3, 2]).best).toEqual({ step: 3, value: 2 });
    expect(fitOf([NaN, 3, 4]).best).toEqual({ step: 2, value: 3 });
  });
});

describe('analyzeFit: non-integer and infinite options as Keras reads them', () => {
  // Keras compares `wait >= patience` and `epoch < start_from_epoch` with the numbers as given and takes
  // abs(min_delta) and the baseline as they are. Each expectation is worked by hand and checked against the reference.
  const cases: Array<{ name: string; values: number[]; options: Partial<KerasOptions>; best: number | null; stop: number | null }> = [
    // e1 wait 1, e2 wait 2 (2 >= 2.5 no), e3 wait 3 >= 2.5 -> stop at epoch 4.
    { name: 'patience 2.5', values: [1, 2, 2, 2, 2], options: { patience: 2.5 }, best: 1, stop: 4 },
    // epochs 0 and 1 are < 1.5: skipped | e2 2 first check: best | e3 wait 1 >= 0 -> stop at epoch 4.
    { name: 'startFrom 1.5', values: [5, 1, 2, 3], options: { startFrom: 1.5, patience: 0 }, best: 3, stop: 4 },
    // wait >= Infinity never holds.
    { name: 'patience Infinity', values: [1, 2, 2, 2, 2, 2, 2, 2], options: { patience: Infinity }, best: 1, stop: null },
    // epoch < Infinity always: nothing is monitored.
    { name: 'startFrom Infinity', values: [1, 0.5, 0.6], options: { startFrom: Infinity, patience: 0 }, best: null, stop: null },
    // v + Infinity < best never holds: only the first check improves; e1, e2 wait 1, 2 >= 2 -> stop at epoch 3.
    { name: 'minDelta Infinity', values: [1, 0.5, 0.25], options: { minDelta: Infinity, patience: 2 }, best: 1, stop: 3 },
    // Nothing beats -Infinity: wait never resets. e0 wait 1 | e1 wait 2, improves, returns | e2 wait 3 >= 2 -> stop.
    { name: 'baseline -Infinity', values: [1, 0.5, 0.6], options: { baseline: -Infinity, patience: 2 }, best: 2, stop: 3 },
  ];
  const call = (c: (typeof cases)[number]) =>
    `analyzeFit(undefined, [${c.values.join(', ')}], {${Object.entries(c.options)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}})`;
  it.each(cases.map((c) => [call(c), c] as const))('%s follows Keras: best and stopStep as in the reference', (_, { values, options, best, stop }) => {
    const o = { ...KERAS_DEFAULTS, ...options };
    const reference = expectedFromReference(values, o);
    expect(reference.best?.step ?? null).toBe(best);
    expect(reference.stopStep).toBe(stop);
    const r = fitOf(values, options);
    expect(r.best?.step ?? null).toBe(best);
    expect(r.stopStep).toBe(stop);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 2. Property: analyzeFit and earlyStopping agree with the reference loop
// ---------------------------------------------------------------------------------------------------------------

/** Values with many ties (multiples of 0.5), arbitrary doubles, NaN, ±Infinity and holes. */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 8 }).map((i) => i / 2) },
  { weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom<Cell>(NaN, Infinity, -Infinity, null, undefined) },
);
const series = fc.array(cell, { maxLength: 40, size: 'max' });

const kerasOptions: fc.Arbitrary<KerasOptions> = fc.record({
  mode: fc.constantFrom<'min' | 'max'>('min', 'max'),
  minDelta: fc.oneof(fc.constant(0), fc.constantFrom(0.5, -0.5, 1), fc.double({ min: -2, max: 2, noNaN: true })),
  patience: fc.integer({ min: -2, max: 8 }),
  startFrom: fc.integer({ min: -2, max: 8 }),
  baseline: fc.option(
    fc.oneof(
      fc.integer({ min: 0, max: 8 }).map((i) => i / 2),
      fc.double({ min: -10, max: 10, noNaN: true }),
    ),
    {
      nil: null,
    },
  ),
});

describe('property: analyzeFit(best, stopStep) equals the Keras reference loop', () => {
  it('analyzeFit(train, validation, options).best and .stopStep equal kerasEarlyStopping(validation, options)', () => {
    fc.assert(
      fc.property(series, fc.option(series, { nil: undefined }), kerasOptions, fc.boolean(), (validation, train, o, auto) => {
        // Either the mode itself or the same mode through 'auto' and a metric name.
        const modeOptions: FitOptions = auto ? { mode: 'auto', metric: o.mode === 'max' ? 'val_accuracy' : 'val_loss' } : { mode: o.mode };
        const a = analyzeFit(train, validation, { ...modeOptions, minDelta: o.minDelta, patience: o.patience, startFrom: o.startFrom, baseline: o.baseline });
        // Nulls a run left at the end of both series are NaN (normalizePair): Keras saw them as NaN checks.
        const read = normalizePair(train, validation).validation;
        const asKerasSaw = validation.map((v, i) => (v === null && read?.nonFinite[i] === 1 ? NaN : v));
        const expected = expectedFromReference(asKerasSaw, o);
        expect(a.mode).toBe(o.mode);
        expect(a.best).toEqual(expected.best);
        expect(a.stopStep).toBe(expected.stopStep);
      }),
      { numRuns: 2000 },
    );
  });

  it('earlyStopping(values, options, missing) indices equal kerasEarlyStopping(values, options)', () => {
    fc.assert(
      fc.property(series, kerasOptions, (validation, o) => {
        const values = Float64Array.from(validation, (v) => (v === null || v === undefined ? NaN : v));
        const missing = Uint8Array.from(validation, (v) => (v === null || v === undefined ? 1 : 0));
        const r = earlyStopping(values, o, missing);
        const k = kerasEarlyStopping(validation, o);
        expect(r.stopIndex).toBe(k.stoppedEpoch ?? -1);
        expect(r.bestIndex).toBe(k.bestEpoch ?? -1);
        expect(r.bestAtStopIndex).toBe(k.bestEpochAtStop ?? -1);
      }),
      { numRuns: 2000 },
    );
  });

  it('EarlyStoppingState stepped one check at a time agrees with kerasEarlyStopping on every prefix (a live run)', () => {
    fc.assert(
      fc.property(series, kerasOptions, (validation, o) => {
        const state = new EarlyStoppingState(o);
        validation.forEach((v, i) => {
          const monitored = state.step(v === null || v === undefined ? undefined : v);
          expect(monitored).toBe(v !== null && v !== undefined && i >= o.startFrom);
          const k = kerasEarlyStopping(validation.slice(0, i + 1), o);
          expect([state.stopIndex, state.bestIndex, state.bestAtStopIndex]).toEqual([k.stoppedEpoch ?? -1, k.bestEpoch ?? -1, k.bestEpochAtStop ?? -1]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('analyzeFit(undefined, validation, {mode}).argBest is the first plain argmin/argmax of the real values', () => {
    fc.assert(
      fc.property(series, fc.constantFrom<'min' | 'max'>('min', 'max'), (validation, mode) => {
        let k = -1;
        validation.forEach((v, i) => {
          if (v === null || v === undefined || Number.isNaN(v)) return;
          if (k < 0 || (mode === 'min' ? v < (validation[k] as number) : v > (validation[k] as number))) k = i;
        });
        const a = analyzeFit(undefined, validation, { mode });
        expect(a.argBest).toEqual(k < 0 ? null : { step: k + 1, value: validation[k] });
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// 3. The real histories in stories/data
// ---------------------------------------------------------------------------------------------------------------

const DATA = new URL('../../stories/data/', import.meta.url);

interface Columnar {
  steps: number[];
  values: number[];
}

interface RealRun {
  file: string;
  train: number[] | Columnar;
  validation: number[] | Columnar;
  /** Validation steps, for mapping reference epochs to steps. */
  steps: number[];
  values: number[];
  history?: Record<string, Array<number | null>>;
}

function loadRuns(): RealRun[] {
  const files = readdirSync(DATA)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const data = JSON.parse(readFileSync(new URL(file, DATA), 'utf8'));
    if (file.startsWith('keras-')) {
      // JSON has no NaN: a printed `nan` is null in these files.
      const nan = (xs: Array<number | null>) => xs.map((x) => (x === null ? NaN : x));
      const values = nan(data.val_loss);
      return { file, train: nan(data.loss), validation: values, steps: values.map((_, i) => i + 1), values, history: data };
    }
    return { file, train: data.train, validation: data.validation, steps: data.validation.steps, values: data.validation.values };
  });
}

const RUNS = loadRuns();

describe('real histories: analyzeFit(best, stopStep) equals the Keras reference loop', () => {
  it('stories/data holds the Keras and Lightning files', () => {
    expect(RUNS.length).toBeGreaterThanOrEqual(10);
  });

  const cases = RUNS.flatMap((run) =>
    [undefined, 0, 3, 10].map((patience) => [run.file, patience === undefined ? '' : `patience: ${patience}`, run, patience] as const),
  );
  it.each(cases)('analyzeFit(%s, {%s}) best and stopStep equal the reference', (_file, _label, run, patience) => {
    const o = { ...KERAS_DEFAULTS, patience: patience ?? DEFAULT_PATIENCE };
    const k = kerasEarlyStopping(run.values, o);
    const best = k.bestEpoch === null ? null : { step: run.steps[k.bestEpoch], value: run.values[k.bestEpoch] };
    const stopStep = k.stoppedEpoch === null ? null : run.steps[k.stoppedEpoch];
    const a = analyzeFit(run.train, run.validation, patience === undefined ? {} : { patience });
    expect(a.best).toEqual(best);
    expect(a.stopStep).toBe(stopStep);
    if (run.history) {
      // The same through the history reader, which reads null as NaN itself.
      const h = seriesFromHistory(run.history, 'loss');
      const b = analyzeSeries(h.train, h.validation, patience === undefined ? {} : { patience });
      expect(b.best).toEqual(best);
      expect(b.stopStep).toBe(stopStep);
    }
  });

  it('analyzeFit(timeseries_classification, {patience: 50}).stopStep is 383, the last epoch, as the run itself stopped', () => {
    // The keras-io example trains with EarlyStopping(monitor="val_loss", patience=50) for up to 500 epochs and
    // ended after 383: best at epoch 333, then 50 checks without improvement.
    const run = RUNS.find((r) => r.file === 'keras-timeseries_classification_from_scratch.json')!;
    const a = analyzeFit(run.train, run.validation, { patience: 50 });
    expect(run.values.length).toBe(383);
    expect(a.best?.step).toBe(333);
    expect(a.stopStep).toBe(383);
    expect(expectedFromReference(run.values, { ...KERAS_DEFAULTS, patience: 50 }).stopStep).toBe(383);
  });
});
