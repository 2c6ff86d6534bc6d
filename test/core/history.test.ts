import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { historyDict, historyMetrics, seriesFromHistory } from '../../src/core/history.js';
import { normalizePair, type Series } from '../../src/core/series.js';

const values = (s: Series | null) => (s ? [...s.values] : null);
const steps = (s: Series | null) => (s ? [...s.steps] : null);

const HISTORY = { loss: [0.9, 0.6, 0.5], accuracy: [0.5, 0.7, 0.8], val_loss: [1.0, 0.7, 0.65], val_accuracy: [0.45, 0.66, 0.7] };

describe('seriesFromHistory', () => {
  it("seriesFromHistory(history.history, 'loss') reads loss as train and val_loss as validation, over epochs 1..n", () => {
    const h = seriesFromHistory(HISTORY, 'loss');
    expect(values(h.train)).toEqual([0.9, 0.6, 0.5]);
    expect(values(h.validation)).toEqual([1.0, 0.7, 0.65]);
    expect(steps(h.train)).toEqual([1, 2, 3]);
    expect(h.train!.indexed).toBe(true);
    expect(h.validation!.indexed).toBe(true);
    expect(h.metrics).toEqual(['loss', 'accuracy']);
    expect(h.issues).toEqual([]);
  });

  it("seriesFromHistory(history.history, 'accuracy') reads another metric", () => {
    const h = seriesFromHistory(HISTORY, 'accuracy');
    expect(values(h.train)).toEqual([0.5, 0.7, 0.8]);
    expect(values(h.validation)).toEqual([0.45, 0.66, 0.7]);
  });

  it('seriesFromHistory({history: {...}}) unwraps a History-like object', () => {
    const h = seriesFromHistory({ history: HISTORY, epoch: [0, 1, 2], params: { epochs: 3 } }, 'loss');
    expect(values(h.train)).toEqual([0.9, 0.6, 0.5]);
    expect(values(h.validation)).toEqual([1.0, 0.7, 0.65]);
    expect(h.metrics).toEqual(['loss', 'accuracy']);
    expect(h.issues).toEqual([]);
  });

  it("seriesFromHistory(new Map([['loss', ...], ['val_loss', ...]]), 'loss') reads a Map like the dict it holds", () => {
    const h = seriesFromHistory(new Map(Object.entries(HISTORY)), 'loss');
    expect(h).toEqual(seriesFromHistory(HISTORY, 'loss'));
    expect(values(h.validation)).toEqual([1.0, 0.7, 0.65]);
  });

  it("seriesFromHistory({history: Map}) unwraps a History whose dict is a Map; a Map's non-string keys are not metrics", () => {
    const inner = new Map<unknown, unknown>([...Object.entries(HISTORY), [1, [5, 5, 5]]]);
    const h = seriesFromHistory({ history: inner, epoch: [0, 1, 2] }, 'loss');
    expect(values(h.train)).toEqual([0.9, 0.6, 0.5]);
    expect(h.metrics).toEqual(['loss', 'accuracy']);
  });

  it("seriesFromHistory(new Map(), 'loss') says the history is empty; a Map holding only other metrics names them", () => {
    expect(seriesFromHistory(new Map(), 'loss').issues.map((i) => i.message)).toEqual(['history has no "loss" or "val_loss"; it is empty.']);
    expect(seriesFromHistory(new Map([['acc', [1]]]), 'loss').issues.map((i) => i.message)).toEqual(['history has no "loss" or "val_loss"; it has acc.']);
  });

  it('seriesFromHistory(history with null at its end) reads null as NaN from the run where no metric has a number', () => {
    const h = seriesFromHistory({ loss: [1.2, 1.0, null], val_loss: [1.3, null, null] }, 'loss');
    expect(values(h.train)).toEqual([1.2, 1.0, NaN]);
    expect([...h.train!.nonFinite]).toEqual([0, 0, 1]);
    // Epoch 2: training has a number, so validation's null there is a missing value, not the run's NaN.
    expect([...h.validation!.nonFinite]).toEqual([0, 0, 1]);
    expect(h.issues.map((i) => i.code)).toEqual(['missing-values']);
  });

  it('seriesFromHistory(h) reads loss and val_loss exactly as normalizePair(h.loss, h.val_loss) does', () => {
    const h = { loss: [1, null, 0.8, null, null], val_loss: [1.1, 1.0, null, 0.9, null], accuracy: [0.5, 0.6, 0.7, 0.7, 0.7] };
    const fromHistory = seriesFromHistory(h, 'loss');
    const pair = normalizePair(h.loss, h.val_loss, { train: 'history.loss', validation: 'history.val_loss' });
    expect([...fromHistory.train!.nonFinite]).toEqual([...pair.train!.nonFinite]);
    expect([...fromHistory.validation!.nonFinite]).toEqual([...pair.validation!.nonFinite]);
    expect([...fromHistory.train!.nonFinite]).toEqual([0, 0, 0, 0, 1]);
    expect(fromHistory.issues).toEqual(pair.issues);
  });

  it('seriesFromHistory(history with loss only) reads the nulls after its last number as NaN', () => {
    const h = seriesFromHistory({ loss: [0.9, 0.7, null, null] }, 'loss');
    expect([...h.train!.nonFinite]).toEqual([0, 0, 1, 1]);
    expect(h.validation).toBeNull();
  });

  it('seriesFromHistory(history without val_) gives a null validation', () => {
    const h = seriesFromHistory({ loss: [3, 2, 1] }, 'loss');
    expect(values(h.train)).toEqual([3, 2, 1]);
    expect(h.validation).toBeNull();
    expect(h.issues).toEqual([]);
  });

  it('seriesFromHistory(history with only val_) gives a null train', () => {
    const h = seriesFromHistory({ val_loss: [3, 2] }, 'loss');
    expect(h.train).toBeNull();
    expect(values(h.validation)).toEqual([3, 2]);
  });

  it('seriesFromHistory(history with loss and val_loss of different lengths) keeps each length', () => {
    const h = seriesFromHistory({ loss: [4, 3, 2, 1], val_loss: [4, 3] }, 'loss');
    expect(steps(h.train)).toEqual([1, 2, 3, 4]);
    expect(steps(h.validation)).toEqual([1, 2]);
  });

  it("seriesFromHistory(history, 'mse') without that metric reports invalid-input naming the metrics it has", () => {
    const h = seriesFromHistory(HISTORY, 'mse');
    expect(h.train).toBeNull();
    expect(h.validation).toBeNull();
    expect(h.issues).toEqual([{ code: 'invalid-input', message: 'history has no "mse" or "val_mse"; it has loss, accuracy.' }]);
  });

  it("seriesFromHistory({}, 'loss') says the history is empty", () => {
    expect(seriesFromHistory({}, 'loss').issues).toEqual([{ code: 'invalid-input', message: 'history has no "loss" or "val_loss"; it is empty.' }]);
  });

  it.each([
    ['a string', 'loss'],
    ['a number', 3],
    ['an array', [1, 2, 3]],
    ['null', null],
  ])('seriesFromHistory(%s) reports invalid-input and no series', (_what, input) => {
    const h = seriesFromHistory(input, 'loss');
    expect(h).toEqual({
      train: null,
      validation: null,
      metrics: [],
      issues: [{ code: 'invalid-input', message: 'history: expected a Keras history object such as {loss: [...], val_loss: [...]}.' }],
    });
  });

  it("seriesFromHistory({loss: 'abc'}) passes the series' invalid-input on, named after the key", () => {
    const h = seriesFromHistory({ loss: 'abc' }, 'loss');
    expect(h.train).toBeNull();
    expect(h.issues.map((i) => i.message)).toEqual([
      'history.loss: expected an array of numbers, an array of {step, value} points or {steps, values}; got a string.',
      'history has no "loss" or "val_loss"; it has loss.',
    ]);
  });

  it("seriesFromHistory(history, 'constructor') does not read Object.prototype", () => {
    const h = seriesFromHistory({ loss: [1] }, 'constructor');
    expect(h.train).toBeNull();
    expect(h.issues).toEqual([{ code: 'invalid-input', message: 'history has no "constructor" or "val_constructor"; it has loss.' }]);
    expect(seriesFromHistory({ loss: [1] }, '__proto__').issues.map((i) => i.message)).toEqual(['history has no "__proto__" or "val___proto__"; it has loss.']);
  });

  it("seriesFromHistory(JSON with an own '__proto__' key) reads it like any metric", () => {
    const h = seriesFromHistory(JSON.parse('{"__proto__": [1, 2]}'), '__proto__');
    expect(values(h.train)).toEqual([1, 2]);
  });

  it('seriesFromHistory(history with strings) passes string issues on, named after the key', () => {
    const h = seriesFromHistory({ loss: ['0.5', 'nan'] }, 'loss');
    expect(values(h.train)).toEqual([0.5, NaN]);
    expect([...h.train!.nonFinite]).toEqual([0, 1]);
    expect(h.issues).toEqual([{ code: 'string-values', message: 'history.loss: 2 values given as strings, read as numbers.' }]);
  });

  it('seriesFromHistory(history with an HTML metric name) keeps the name as a plain string', () => {
    const evil = '<script>alert(1)</script>';
    const h = seriesFromHistory({ [evil]: [1, 2], [`val_${evil}`]: [2, 3] }, evil);
    expect(values(h.train)).toEqual([1, 2]);
    expect(values(h.validation)).toEqual([2, 3]);
    expect(h.metrics).toEqual([evil]);
  });

  it('seriesFromHistory(anything, metric) never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (history, metric) => {
        const h = seriesFromHistory(history, metric);
        expect(Array.isArray(h.issues)).toBe(true);
        if (!h.train && !h.validation) expect(h.issues.some((i) => i.code === 'invalid-input')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('historyDict', () => {
  it('historyDict({history: dict}) returns the inner dict', () => {
    const inner = { loss: [1] };
    expect(historyDict({ history: inner })).toBe(inner);
  });

  it('historyDict(dict) returns the dict itself', () => {
    const dict = { loss: [1] };
    expect(historyDict(dict)).toBe(dict);
  });

  it('historyDict({history: [..]}) treats a metric named "history" as a metric, not a wrapper', () => {
    const dict = { history: [1, 2] };
    expect(historyDict(dict)).toBe(dict);
  });

  it('historyDict(non-object) returns null', () => {
    expect(historyDict(null)).toBeNull();
    expect(historyDict([1, 2])).toBeNull();
    expect(historyDict('loss')).toBeNull();
    expect(historyDict(7)).toBeNull();
  });
});

describe('historyMetrics', () => {
  it('historyMetrics(dict) folds val_x into x and keeps first-seen order', () => {
    expect(historyMetrics({ val_loss: [], loss: [], lr: [], val_auc: [] })).toEqual(['loss', 'lr', 'auc']);
  });

  it('historyMetrics({}) is empty', () => {
    expect(historyMetrics({})).toEqual([]);
  });
});
