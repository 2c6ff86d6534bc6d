import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { prepareCurves, type PreparedCurves } from '../../src/core/prepare-curves.js';
import { smoothEma } from '../../src/core/smoothing.js';
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

const line = (p: PreparedCurves, key: 'train' | 'validation') => p.lines.find((l) => l.key === key);
const steps = (p: PreparedCurves, key: 'train' | 'validation') => [...line(p, key)!.series.steps];
const values = (p: PreparedCurves, key: 'train' | 'validation') => [...line(p, key)!.series.values];
const codes = (p: PreparedCurves) => p.issues.map((i) => i.code);

describe('prepareCurves: input forms', () => {
  it('prepareCurves({train, validation} as plain arrays) draws both over epochs', () => {
    const p = prepareCurves({ train: [1, 0.8, 0.6], validation: [1.1, 0.9, 0.85] });
    expect(p.lines.map((l) => [l.key, l.name, l.count])).toEqual([
      ['train', 'training', 3],
      ['validation', 'validation', 3],
    ]);
    expect(values(p, 'train')).toEqual([1, 0.8, 0.6]);
    expect(steps(p, 'validation')).toEqual([1, 2, 3]);
    expect(p.indexed).toBe(true);
    expect([...p.steps]).toEqual([1, 2, 3]);
    expect(p).toMatchObject({ metric: 'loss', mode: 'min', title: 'Loss curves', xLabel: 'epoch', yLabel: 'loss', logX: false, logY: false, smoothing: 0 });
    expect(p.message).toBeNull();
    expect(p.notices).toEqual([]);
    expect(p.issues).toEqual([]);
    expect(p.divergence).toBeNull();
  });

  it('prepareCurves({train: Float32Array, validation: Float64Array}) reads typed arrays', () => {
    const p = prepareCurves({ train: new Float32Array([2, 1]), validation: new Float64Array([3, 2.5]) });
    expect(values(p, 'train')).toEqual([2, 1]);
    expect(values(p, 'validation')).toEqual([3, 2.5]);
    expect(p.issues).toEqual([]);
  });

  it('prepareCurves({train: points, validation: columnar}) uses steps and labels x "step"', () => {
    const p = prepareCurves({
      train: [
        { step: 0, value: 3 },
        { step: 100, value: 2 },
        { step: 200, value: 1.5 },
      ],
      validation: { steps: [100, 200], values: [2.2, 1.9] },
    });
    expect(p.indexed).toBe(false);
    expect(p.xLabel).toBe('step');
    expect([...p.steps]).toEqual([0, 100, 200]);
    expect(values(p, 'validation')).toEqual([2.2, 1.9]);
  });

  it('prepareCurves({history}) reads metric and val_metric from a Keras history dict', () => {
    const p = prepareCurves({ history: { loss: [1, 0.5], val_loss: [1.2, 0.9], accuracy: [0.5, 0.8] } });
    expect(values(p, 'train')).toEqual([1, 0.5]);
    expect(values(p, 'validation')).toEqual([1.2, 0.9]);
    expect(p.indexed).toBe(true);
  });

  it("prepareCurves({history, metric: 'accuracy'}) reads accuracy and picks max mode", () => {
    const p = prepareCurves({ history: { loss: [1, 0.5], accuracy: [0.5, 0.8], val_accuracy: [0.4, 0.7] }, metric: 'accuracy' });
    expect(values(p, 'train')).toEqual([0.5, 0.8]);
    expect(p.mode).toBe('max');
    expect(p.title).toBe('Accuracy curves');
    expect(p.yLabel).toBe('accuracy');
  });

  it("prepareCurves({history: new Map([['loss', ...], ['val_loss', ...]])}) draws both lines, as from the same dict", () => {
    const p = prepareCurves({
      history: new Map([
        ['loss', [1, 0.5]],
        ['val_loss', [1.2, 0.9]],
      ]),
    });
    expect(values(p, 'train')).toEqual([1, 0.5]);
    expect(values(p, 'validation')).toEqual([1.2, 0.9]);
    expect(p.message).toBeNull();
    expect(p.issues).toEqual([]);
    expect(p.summary).toBe(prepareCurves({ history: { loss: [1, 0.5], val_loss: [1.2, 0.9] } }).summary);
  });

  it("prepareCurves(input, texts) titles the chart with the chart's own defaults; label and yLabel still win", () => {
    const texts = { title: (m: string) => `${m} gap`, yLabel: (m: string, mode: string) => `${m} gap (${mode})` };
    const p = prepareCurves({ train: [1, 0.5], validation: [1.2, 0.9], metric: 'accuracy' }, texts);
    expect([p.title, p.yLabel]).toEqual(['accuracy gap', 'accuracy gap (max)']);
    expect(p.summary).toMatch(/^accuracy gap: accuracy over 2 epochs\./);
    const q = prepareCurves({ train: [1, 0.5], label: 'Mine', yLabel: '' }, texts);
    expect([q.title, q.yLabel]).toEqual(['Mine', '']);
  });

  it('prepareCurves({history: {history: {...}}}) unwraps a History-like object', () => {
    const p = prepareCurves({ history: { history: { loss: [3, 2, 1] } } });
    expect(values(p, 'train')).toEqual([3, 2, 1]);
    expect(line(p, 'validation')).toBeUndefined();
  });

  it('prepareCurves({train, history}) prefers train/validation over history', () => {
    const p = prepareCurves({ train: [9, 8], history: { loss: [1, 2] } });
    expect(values(p, 'train')).toEqual([9, 8]);
  });

  it('prepareCurves({train only}) draws one line', () => {
    const p = prepareCurves({ train: [1, 2] });
    expect(p.lines.map((l) => l.key)).toEqual(['train']);
  });

  it("prepareCurves({metric: '  '}) falls back to loss; {mode: 'max'} overrides auto", () => {
    expect(prepareCurves({ train: [1], metric: '  ' }).metric).toBe('loss');
    expect(prepareCurves({ train: [1], mode: 'max' }).mode).toBe('max');
    expect(prepareCurves({ train: [1], metric: 'val_auc' }).mode).toBe('max');
  });

  it('prepareCurves({label, xLabel, yLabel}) uses them as given', () => {
    const p = prepareCurves({ train: [1], label: 'Run 7', xLabel: 'batch', yLabel: 'cross-entropy' });
    expect([p.title, p.xLabel, p.yLabel]).toEqual(['Run 7', 'batch', 'cross-entropy']);
  });
});

describe('prepareCurves: bad values', () => {
  it('prepareCurves({train with NaN}) reports divergence at the first NaN', () => {
    const p = prepareCurves({ train: [1, 0.5, NaN, NaN], validation: [1, 0.7, 0.6, 0.6] });
    expect(p.divergence).toEqual({ step: 3, key: 'train', value: NaN });
    expect(line(p, 'train')!.count).toBe(2);
    expect(p.issues).toEqual([]);
    expect(p.message).toBeNull();
  });

  it('prepareCurves({validation with -Infinity}) reports divergence with its value', () => {
    const p = prepareCurves({ train: [1, 2, 3, Infinity], validation: [1, -Infinity, 3] });
    expect(p.divergence).toEqual({ step: 2, key: 'validation', value: -Infinity });
  });

  it('prepareCurves(both lines diverge at the same step) names the training line', () => {
    const p = prepareCurves({ train: [1, Infinity], validation: [1, NaN] });
    expect(p.divergence).toEqual({ step: 2, key: 'train', value: Infinity });
  });

  it("prepareCurves({train: ['0.5', 'nan']}) reads strings and reports the 'nan' as divergence", () => {
    const p = prepareCurves({ train: ['0.5', '0.4', 'nan'] });
    expect(values(p, 'train')).toEqual([0.5, 0.4, NaN]);
    expect(p.divergence).toEqual({ step: 3, key: 'train', value: NaN });
    expect(codes(p)).toEqual(['string-values']);
  });

  it('prepareCurves({train with null}) draws a gap, reports missing-values and no divergence', () => {
    const p = prepareCurves({ train: [1, null, 0.5] });
    expect(p.divergence).toBeNull();
    expect(p.issues).toEqual([{ code: 'missing-values', message: 'train: 1 missing value (null or undefined), drawn as gaps.' }]);
    expect(line(p, 'train')!.count).toBe(2);
  });

  it('prepareCurves({train and validation of different lengths}) reports length-mismatch and keeps both', () => {
    const p = prepareCurves({ train: [1, 0.9, 0.8, 0.7], validation: [1.1, 1.0] });
    expect(p.issues).toEqual([{ code: 'length-mismatch', message: 'train has 4 epochs but validation has 2; each is drawn over its own epochs.' }]);
    expect(steps(p, 'validation')).toEqual([1, 2]);
    expect([...p.steps]).toEqual([1, 2, 3, 4]);
  });

  it('prepareCurves({step series of different lengths}) is not a mismatch: steps say where each value goes', () => {
    const p = prepareCurves({ train: { steps: [1, 2, 3], values: [3, 2, 1] }, validation: { steps: [3], values: [2] } });
    expect(p.issues).toEqual([]);
  });

  it('prepareCurves({train: columnar of different lengths}) passes the series length-mismatch on', () => {
    const p = prepareCurves({ train: { steps: [1, 2, 3], values: [3, 2] } });
    expect(p.issues).toEqual([{ code: 'length-mismatch', message: 'train: steps has 3 entries but values has 2; using the first 2.' }]);
  });

  it('prepareCurves({train: unsorted and duplicate steps}) sorts, keeps the last duplicate and reports both', () => {
    const p = prepareCurves({ train: { steps: [3, 1, 2, 3], values: [30, 10, 20, 31] } });
    expect(steps(p, 'train')).toEqual([1, 2, 3]);
    expect(values(p, 'train')).toEqual([10, 20, 31]);
    expect(codes(p)).toEqual(['unsorted-steps', 'duplicate-steps']);
  });

  it('prepareCurves({train: [x]}) draws a single point', () => {
    const p = prepareCurves({ train: [0.7] });
    expect(line(p, 'train')!.count).toBe(1);
    expect(p.message).toBeNull();
  });
});

describe('prepareCurves: nothing to draw', () => {
  it("prepareCurves({}) says 'No data yet.'", () => {
    const p = prepareCurves({});
    expect(p.lines).toEqual([]);
    expect(p.message).toBe('No data yet.');
  });

  it("prepareCurves({train: []}) says 'No data yet.'", () => {
    expect(prepareCurves({ train: [], validation: [] }).message).toBe('No data yet.');
  });

  it('prepareCurves({train: all NaN}) says no finite values and reports divergence at the first epoch', () => {
    const p = prepareCurves({ train: [NaN, NaN] });
    expect(p.message).toBe('No finite values: training loss is NaN from the first epoch.');
    expect(p.divergence).toEqual({ step: 1, key: 'train', value: NaN });
  });

  it("prepareCurves({train: all null}) says 'No numeric values to draw.'", () => {
    const p = prepareCurves({ train: [null, null] });
    expect(p.message).toBe('No numeric values to draw.');
    expect(codes(p)).toEqual(['missing-values']);
  });

  it.each([
    ['a string', 'not a series', 'a string'],
    ['a number', 42, 'a number'],
    ['an object that is no series', { loss: [1, 2] }, 'an object'],
  ])('prepareCurves({train: %s}) reports invalid-input as the message, without throwing', (_what, train, got) => {
    const p = prepareCurves({ train });
    const text = `train: expected an array of numbers, an array of {step, value} points or {steps, values}; got ${got}.`;
    expect(p.issues).toEqual([{ code: 'invalid-input', message: text }]);
    expect(p.message).toBe(text);
    expect(p.lines).toEqual([]);
  });

  it('prepareCurves({train: invalid, validation: valid}) draws validation and shows the problem as a notice', () => {
    const p = prepareCurves({ train: 'oops', validation: [1, 0.5] });
    expect(p.message).toBeNull();
    expect(p.lines.map((l) => l.key)).toEqual(['validation']);
    expect(p.notices).toEqual(['train: expected an array of numbers, an array of {step, value} points or {steps, values}; got a string.']);
  });

  it("prepareCurves({history: {}, metric: 'loss'}) says the history has no loss", () => {
    const p = prepareCurves({ history: { accuracy: [0.5] } });
    expect(p.message).toBe('history has no "loss" or "val_loss"; it has accuracy.');
  });

  it('prepareCurves({history: not a dict}) reports invalid-input', () => {
    const p = prepareCurves({ history: 'loss' });
    expect(p.message).toBe('history: expected a Keras history object such as {loss: [...], val_loss: [...]}.');
  });
});

describe('prepareCurves: log axes', () => {
  it('prepareCurves({logY, values <= 0}) keeps the log axis and notes the values it cannot draw', () => {
    const p = prepareCurves({ train: [1, 0, 0.5, -2], logY: true });
    expect(p.logY).toBe(true);
    const text = 'log-y: 2 values ≤ 0 cannot be placed on a log axis and are not drawn.';
    expect(p.notices).toEqual([text]);
    expect(p.issues).toEqual([{ code: 'non-numeric-values', message: text }]);
  });

  it('prepareCurves({logY, one value <= 0}) uses the singular', () => {
    expect(prepareCurves({ train: [1, 0], logY: true }).notices).toEqual(['log-y: 1 value ≤ 0 cannot be placed on a log axis and is not drawn.']);
  });

  it('prepareCurves({logY, no positive value}) falls back to a linear axis with a notice', () => {
    const p = prepareCurves({ train: [0, -1, -2], logY: true });
    expect(p.logY).toBe(false);
    expect(p.notices).toEqual(['log-y: no value is above 0, so the y axis is linear.']);
  });

  it('prepareCurves({logY, all positive}) has no notice', () => {
    const p = prepareCurves({ train: [1e-7, 1e-3, NaN], logY: true });
    expect(p.logY).toBe(true);
    expect(p.notices).toEqual([]);
  });

  it('prepareCurves({logX, steps <= 0}) notes the points it cannot draw', () => {
    const p = prepareCurves({ train: { steps: [-5, 0, 10, 100], values: [4, 3, 2, 1] }, logX: true });
    expect(p.logX).toBe(true);
    const text = 'log-x: 2 points at step ≤ 0 cannot be placed on a log axis and are not drawn.';
    expect(p.notices).toEqual([text]);
    expect(p.issues).toEqual([{ code: 'invalid-steps', message: text }]);
  });

  it('prepareCurves({logX, epochs}) has no notice: epochs start at 1', () => {
    expect(prepareCurves({ train: [3, 2, 1], logX: true }).notices).toEqual([]);
  });
});

describe('prepareCurves: smoothing', () => {
  it('prepareCurves({smoothing: 0.6}) smooths each line with smoothEma', () => {
    const p = prepareCurves({ train: [1, 3, 2, 4], validation: [2, 2, 5], smoothing: 0.6 });
    expect(p.smoothing).toBe(0.6);
    expect([...line(p, 'train')!.smoothed!]).toEqual([...smoothEma([1, 3, 2, 4], 0.6)]);
    expect([...line(p, 'validation')!.smoothed!]).toEqual([...smoothEma([2, 2, 5], 0.6)]);
    // The raw values stay as they were.
    expect(values(p, 'train')).toEqual([1, 3, 2, 4]);
  });

  it('prepareCurves({smoothing: 0}) leaves smoothed null; out-of-range weights are clamped', () => {
    expect(line(prepareCurves({ train: [1, 2], smoothing: 0 }), 'train')!.smoothed).toBeNull();
    expect(line(prepareCurves({ train: [1, 2], smoothing: -1 }), 'train')!.smoothed).toBeNull();
    expect(prepareCurves({ train: [1, 2], smoothing: 3 }).smoothing).toBe(0.999);
  });
});

describe('prepareCurves: hostile text', () => {
  const EVIL = '<img src=x onerror="alert(1)">&amp;';

  it('prepareCurves({label, metric, xLabel, yLabel with HTML}) carries them unchanged as plain strings', () => {
    const p = prepareCurves({ train: [1, 2], label: EVIL, metric: EVIL, xLabel: EVIL, yLabel: EVIL });
    expect(p.title).toBe(EVIL);
    expect(p.metric).toBe(EVIL);
    expect(p.xLabel).toBe(EVIL);
    expect(p.yLabel).toBe(EVIL);
    expect(p.summary.startsWith(`${EVIL}: ${EVIL} over 2 epochs.`)).toBe(true);
  });

  it('prepareCurves({history with an HTML metric name}) reads it and keeps it in messages unchanged', () => {
    const p = prepareCurves({ history: { [EVIL]: [1, 2] }, metric: EVIL });
    expect(values(p, 'train')).toEqual([1, 2]);
    const q = prepareCurves({ history: { loss: [1] }, metric: EVIL });
    expect(q.message).toBe(`history has no "${EVIL}" or "val_${EVIL}"; it has loss.`);
  });
});

describe('prepareCurves: never throws', () => {
  it('prepareCurves(any input) returns a message or lines, and a summary', () => {
    const series = fc.oneof(
      fc.array(fc.oneof(fc.double(), fc.constant(null), fc.string())),
      fc.array(fc.record({ step: fc.oneof(fc.double(), fc.integer()), value: fc.oneof(fc.double(), fc.constant(null)) })),
      fc.record({ steps: fc.array(fc.integer()), values: fc.array(fc.double()) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            train: series,
            validation: series,
            history: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('loss', 'val_loss', 'acc'), fc.array(fc.oneof(fc.double(), fc.constant(null))))),
            metric: fc.oneof(fc.string(), fc.constant(null)),
            logX: fc.boolean(),
            logY: fc.boolean(),
            smoothing: fc.double(),
            mode: fc.oneof(fc.string(), fc.constantFrom('min', 'max', 'auto')),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const p = prepareCurves(input);
          expect(typeof p.summary).toBe('string');
          expect(p.summary.length).toBeGreaterThan(0);
          const drawn = p.lines.reduce((n, l) => n + l.count, 0);
          if (drawn === 0) expect(p.message).toBeTruthy();
          else expect(p.message).toBeNull();
          if (p.divergence) expect(Number.isFinite(p.divergence.value)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('prepareCurves: real training logs (stories/data)', () => {
  const KERAS = {
    'keras-california_housing_sgd_nan.json': housing,
    'keras-efficientnet_from_scratch.json': effScratch,
    'keras-efficientnet_transfer_then_finetune.json': effFinetune,
    'keras-imbalanced_classification.json': imbalanced,
    'keras-mnist_convnet.json': mnist,
    'keras-structured_data_classification_from_scratch.json': structured,
    'keras-timeseries_classification_from_scratch.json': timeseries,
  };
  const EPOCHS: Record<keyof typeof KERAS, number> = {
    'keras-california_housing_sgd_nan.json': 20,
    'keras-efficientnet_from_scratch.json': 40,
    'keras-efficientnet_transfer_then_finetune.json': 35,
    'keras-imbalanced_classification.json': 30,
    'keras-mnist_convnet.json': 11,
    'keras-structured_data_classification_from_scratch.json': 50,
    'keras-timeseries_classification_from_scratch.json': 383,
  };

  it.each(Object.keys(KERAS) as Array<keyof typeof KERAS>)('prepareCurves({history: %s}) reads loss and val_loss over every epoch without issues', (file) => {
    const p = prepareCurves({ history: KERAS[file] });
    const n = EPOCHS[file];
    expect(p.issues).toEqual([]);
    expect(p.notices).toEqual([]);
    expect(p.message).toBeNull();
    expect(p.indexed).toBe(true);
    expect(steps(p, 'train')).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(steps(p, 'validation')).toHaveLength(n);
    expect(values(p, 'train')[0]).toBe((KERAS[file] as { loss: Array<number | null> }).loss[0]);
    if (file === 'keras-california_housing_sgd_nan.json') {
      expect(p.divergence).toEqual({ step: 8, key: 'train', value: NaN });
      expect(line(p, 'train')!.count).toBe(7);
      expect(line(p, 'validation')!.count).toBe(7);
    } else {
      expect(p.divergence).toBeNull();
      expect(line(p, 'train')!.count).toBe(n);
      expect(line(p, 'validation')!.count).toBe(n);
    }
  });

  it('prepareCurves({history: keras accuracy logs, metric}) reads the other metrics in max mode', () => {
    const acc = prepareCurves({ history: effScratch, metric: 'accuracy' });
    expect(acc.mode).toBe('max');
    expect(acc.issues).toEqual([]);
    expect(line(acc, 'validation')!.count).toBe(40);
    const sparse = prepareCurves({ history: timeseries, metric: 'sparse_categorical_accuracy' });
    expect(sparse.mode).toBe('max');
    expect(line(sparse, 'train')!.count).toBe(383);
    const recall = prepareCurves({ history: imbalanced, metric: 'recall' });
    expect(recall.mode).toBe('max');
    expect(values(recall, 'validation')[0]).toBe(0.88);
  });

  it('prepareCurves({history: imbalanced, logY}) stays on a log axis: every loss is positive', () => {
    const p = prepareCurves({ history: imbalanced, logY: true });
    expect(p.logY).toBe(true);
    expect(p.notices).toEqual([]);
  });

  const LIGHTNING = [
    ['lightning-slm_training.json', slm, 114, 20, 5739],
    ['lightning-batch_effect_vae.json', vae, 392, 5, 19599],
    ['lightning-cv_image_classification.json', cv, 171, 6, 8595],
  ] as const;

  it.each(LIGHTNING)('prepareCurves({train, validation} from %s) reads columnar steps without issues', (_file, data, nTrain, nVal, lastStep) => {
    const p = prepareCurves({ train: data.train, validation: data.validation, logY: true });
    expect(p.issues).toEqual([]);
    expect(p.notices).toEqual([]);
    expect(p.message).toBeNull();
    expect(p.divergence).toBeNull();
    expect(p.indexed).toBe(false);
    expect(p.logY).toBe(true);
    expect(line(p, 'train')!.count).toBe(nTrain);
    expect(line(p, 'validation')!.count).toBe(nVal);
    expect(steps(p, 'train')).toEqual(data.train.steps);
    expect(values(p, 'validation')).toEqual(data.validation.values);
    expect(p.steps[0]).toBe(49);
    expect(p.steps[p.steps.length - 1]).toBe(lastStep);
  });
});

describe('prepareCurves: one reading of the data', () => {
  // The Keras history that went through JSON: NaN written as null from epoch 8 on.
  const trainAndValidation = { train: housing.loss, validation: housing.val_loss };

  it.each([
    ['{history}', { history: housing }],
    ['{train, validation}', trainAndValidation],
    ['{runs: [{history}]}', { runs: [{ name: 'sgd', history: housing }] }],
    ['{runs: [{train, validation}]}', { runs: [{ name: 'sgd', ...trainAndValidation }] }],
  ])('prepareCurves(%s of the california housing run) says it diverged at epoch 8, with no gap reported', (_what, input) => {
    const p = prepareCurves(input);
    expect(p.divergence).toEqual({ step: 8, key: 'train', value: NaN });
    expect(p.runs[0].analysis.diverged).toBe(8);
    expect(p.runs[0].analysis.state).toBe('diverged');
    expect(p.issues).toEqual([]);
    expect(p.notices).toEqual([]);
  });

  it('prepareCurves({train, validation: validation run every other epoch}) draws gaps, no divergence', () => {
    const p = prepareCurves({ train: [1, 0.9, 0.8, 0.7], validation: [1.1, null, 1.0, null] });
    expect(p.divergence).toBeNull();
    expect(codes(p)).toEqual(['missing-values']);
  });
});

describe('prepareCurves: a series with nothing to draw', () => {
  it.each([
    ['[null, null, null]', [null, null, null], 'no numeric values'],
    ["['a', 'b', 'c']", ['a', 'b', 'c'], 'no numeric values'],
    ['{steps, values: [null, null]}', { steps: [1, 2], values: [null, null] }, 'no numeric values'],
    ['[NaN, NaN, NaN]', [NaN, NaN, NaN], 'no finite values'],
  ])('prepareCurves({train, validation: %s}) draws training and notes that validation is left out', (_what, validation, what) => {
    const p = prepareCurves({ train: [1, 0.8, 0.6], validation });
    expect(p.message).toBeNull();
    expect(p.notices).toEqual([`validation loss: ${what}; drawn without it.`]);
    // The note is not a second console warning: each cause is warned about once, by its own issue.
    expect(p.issues.filter((i) => i.message.includes('drawn without it'))).toEqual([]);
  });

  it("prepareCurves({train, validation: ['a', 'b']}) notes the lost series once, and the lengths in the console only", () => {
    const p = prepareCurves({ train: [1, 0.8, 0.6], validation: ['a', 'b'] });
    expect(p.notices).toEqual(['validation loss: no numeric values; drawn without it.']);
    expect(codes(p)).toEqual(['non-numeric-values', 'length-mismatch']);
  });

  it('prepareCurves({runs}) names the run whose series is lost, in the metric drawn', () => {
    const p = prepareCurves({
      metric: 'accuracy',
      runs: [
        { name: 'a', train: [0.5, 0.6], validation: [null, null] },
        { name: 'b', train: [0.4, 0.7] },
      ],
    });
    expect(p.notices).toEqual(['a validation accuracy: no numeric values; drawn without it.']);
  });

  it('prepareCurves({train: [null, null]}) alone shows the message, not a note', () => {
    const p = prepareCurves({ train: [null, null] });
    expect(p.message).toBe('No numeric values to draw.');
    expect(p.notices).toEqual([]);
  });

  it('prepareCurves({train, validation: []}) has no note: an empty series is no data yet, not lost data', () => {
    expect(prepareCurves({ train: [1, 0.8], validation: [] }).notices).toEqual([]);
  });
});

describe('prepareCurves: raw Lightning metrics.csv columns (stories/data/lightning)', () => {
  it('slm_training: step/train_loss_step and step/val_loss read as columns draw both curves', () => {
    const [header, ...rows] = readFileSync(new URL('../../stories/data/lightning/slm_training.metrics.csv', import.meta.url), 'utf8')
      .trim()
      .split(/\r?\n/);
    const names = header.split(',');
    const column = (name: string) => rows.map((r) => r.split(',')[names.indexOf(name)] ?? '');
    const p = prepareCurves({
      train: { steps: column('step'), values: column('train_loss_step') },
      validation: { steps: column('step'), values: column('val_loss') },
    });
    expect(line(p, 'validation')!.count).toBe(slm.validation.values.length);
    expect(line(p, 'train')!.count).toBe(slm.train.values.length);
    expect(p.runs[0].analysis.best).toEqual({ step: 5739, value: 5.55223274230957 });
    expect(p.notices).toEqual([]);
    expect(p.message).toBeNull();
  });
});
