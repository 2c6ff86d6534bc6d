import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { finiteCount, firstNonFinite, normalizePair, normalizeSeries, type InputIssue, type Series } from '../../src/core/series.js';
import { GrowableSeries } from '../../src/core/growable-series.js';
import housing from '../../stories/data/keras-california_housing_sgd_nan.json';
import cv from '../../stories/data/lightning-cv_image_classification.json';
import slm from '../../stories/data/lightning-slm_training.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';

/** The series as plain arrays, so that NaN compares equal in toEqual. */
function plain(s: Series | null) {
  if (!s) return null;
  return { steps: [...s.steps], values: [...s.values], nonFinite: [...s.nonFinite], indexed: s.indexed };
}

const codes = (issues: InputIssue[]) => issues.map((i) => i.code);

describe('normalizeSeries: input forms', () => {
  it('normalizeSeries(plain array) numbers epochs 1..n and marks the series indexed', () => {
    const r = normalizeSeries([0.9, 0.7, 0.6]);
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3], values: [0.9, 0.7, 0.6], nonFinite: [0, 0, 0], indexed: true });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries(Float64Array) reads a typed array as epochs', () => {
    const r = normalizeSeries(new Float64Array([3, 2, 1]));
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3], values: [3, 2, 1], nonFinite: [0, 0, 0], indexed: true });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries(Float32Array) reads float32 values, NaN included as non-finite', () => {
    const r = normalizeSeries(new Float32Array([0.5, NaN, 0.25]));
    const s = plain(r.series)!;
    expect(s.steps).toEqual([1, 2, 3]);
    expect(s.values).toEqual([0.5, NaN, 0.25]); // 0.5 and 0.25 are exact in float32
    expect(s.nonFinite).toEqual([0, 1, 0]);
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries([{step, value}]) keeps explicit steps and is not indexed', () => {
    const r = normalizeSeries([
      { step: 0, value: 2.5 },
      { step: 50, value: 2.1 },
      { step: 100, value: 1.9 },
    ]);
    expect(plain(r.series)).toEqual({ steps: [0, 50, 100], values: [2.5, 2.1, 1.9], nonFinite: [0, 0, 0], indexed: false });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries({steps, values}) reads columnar arrays', () => {
    const r = normalizeSeries({ steps: [49, 99, 149], values: [6.1, 5.8, 5.2] });
    expect(plain(r.series)).toEqual({ steps: [49, 99, 149], values: [6.1, 5.8, 5.2], nonFinite: [0, 0, 0], indexed: false });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries({steps: Float64Array, values: Float32Array}) reads typed columns', () => {
    const r = normalizeSeries({ steps: new Float64Array([10, 20]), values: new Float32Array([1, 0.5]) });
    expect(plain(r.series)).toEqual({ steps: [10, 20], values: [1, 0.5], nonFinite: [0, 0], indexed: false });
  });

  it('normalizeSeries(points) skips leading nulls to detect the point form', () => {
    const r = normalizeSeries([null, { step: 5, value: 1 }, { step: 6, value: 2 }]);
    expect(plain(r.series)).toEqual({ steps: [5, 6], values: [1, 2], nonFinite: [0, 0], indexed: false });
    expect(codes(r.issues)).toEqual(['invalid-steps']);
  });

  it('normalizeSeries(null) and normalizeSeries(undefined) give no series and no issue', () => {
    expect(normalizeSeries(null)).toEqual({ series: null, issues: [] });
    expect(normalizeSeries(undefined)).toEqual({ series: null, issues: [] });
  });
});

describe('normalizeSeries: a Series handed back', () => {
  it('normalizeSeries(series) keeps its steps, gaps, NaN flags and epoch indexing', () => {
    const first = normalizeSeries([1, null, NaN, 3]).series!;
    const r = normalizeSeries(first, { name: 'train' });
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3, 4], values: [1, NaN, NaN, 3], nonFinite: [0, 0, 1, 0], indexed: true });
    // The gap is reported again as one missing value (never a negative count).
    expect(r.issues).toEqual([{ code: 'missing-values', message: 'train: 1 missing value (null or undefined), drawn as gaps.' }]);
  });

  it('normalizeSeries(step series) stays a step series', () => {
    const first = normalizeSeries({ steps: [10, 20], values: [1, NaN] }).series!;
    const r = normalizeSeries(first);
    expect(plain(r.series)).toEqual({ steps: [10, 20], values: [1, NaN], nonFinite: [0, 1], indexed: false });
    expect(r.issues).toEqual([]);
  });
});

describe('normalizeSeries: non-finite values', () => {
  it('normalizeSeries([1, NaN, Infinity, -Infinity]) keeps the values and flags them in nonFinite', () => {
    const r = normalizeSeries([1, NaN, Infinity, -Infinity]);
    const s = plain(r.series)!;
    expect(s.values).toEqual([1, NaN, Infinity, -Infinity]);
    expect(s.nonFinite).toEqual([0, 1, 1, 1]);
    expect(r.issues).toEqual([]); // divergence is reported by prepareCurves, not as an input issue
  });

  it('firstNonFinite(series) is the index of the first NaN/Infinity the run produced, -1 when none', () => {
    expect(firstNonFinite(normalizeSeries([1, 2, Infinity, NaN]).series!)).toBe(2);
    expect(firstNonFinite(normalizeSeries([1, 2, 3]).series!)).toBe(-1);
    // A missing value is a gap, not divergence.
    expect(firstNonFinite(normalizeSeries([1, null, 3]).series!)).toBe(-1);
  });

  it('finiteCount(series) counts finite values only', () => {
    expect(finiteCount(normalizeSeries([1, null, NaN, Infinity, 5, '2']).series!)).toBe(3);
    expect(finiteCount(normalizeSeries([]).series!)).toBe(0);
  });
});

describe('normalizeSeries: missing values', () => {
  it('normalizeSeries([1, null, undefined, 4]) reads holes as gaps and reports missing-values', () => {
    const r = normalizeSeries([1, null, undefined, 4], { name: 'train' });
    const s = plain(r.series)!;
    expect(s.steps).toEqual([1, 2, 3, 4]);
    expect(s.values).toEqual([1, NaN, NaN, 4]);
    expect(s.nonFinite).toEqual([0, 0, 0, 0]);
    expect(r.issues).toEqual([{ code: 'missing-values', message: 'train: 2 missing values (null or undefined), drawn as gaps.' }]);
  });

  it('normalizeSeries(sparse array) reads array holes as missing values', () => {
    // eslint-disable-next-line no-sparse-arrays
    const r = normalizeSeries([1, undefined, 3]);
    expect(plain(r.series)!.values).toEqual([1, NaN, 3]);
    expect(r.issues[0].message).toBe('series: 1 missing value (null or undefined), drawn as gaps.');
  });

  it("normalizeSeries([1, null], {nullAs: 'nan'}) reads null as NaN from the run (flagged, not missing)", () => {
    const r = normalizeSeries([1, null, undefined], { nullAs: 'nan' });
    const s = plain(r.series)!;
    expect(s.values).toEqual([1, NaN, NaN]);
    expect(s.nonFinite).toEqual([0, 1, 1]);
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries({steps, values}) with a null value leaves the step out: nothing was logged there', () => {
    const r = normalizeSeries({ steps: [1, 2, 3], values: [1, null, 3] });
    expect(plain(r.series)!.steps).toEqual([1, 3]);
    expect(plain(r.series)!.values).toEqual([1, 3]);
    expect(codes(r.issues)).toEqual([]);
  });

  it('normalizeSeries([{step, value: null}]) leaves the point out', () => {
    const r = normalizeSeries([
      { step: 1, value: 2 },
      { step: 2, value: null },
    ]);
    expect(plain(r.series)!.values).toEqual([2]);
    expect(codes(r.issues)).toEqual([]);
  });

  it('normalizeSeries({steps, values: [null, null]}) keeps the steps of a column with nothing logged as gaps', () => {
    const r = normalizeSeries({ steps: [1, 2], values: [null, null] });
    expect(plain(r.series)!.steps).toEqual([1, 2]);
    expect(plain(r.series)!.values).toEqual([NaN, NaN]);
    expect(codes(r.issues)).toEqual(['missing-values']);
  });
});

describe('normalizeSeries: strings', () => {
  it("normalizeSeries(['0.5', ' 0.25 ', '1e-3']) parses numeric strings and reports string-values", () => {
    const r = normalizeSeries(['0.5', ' 0.25 ', '1e-3'], { name: 'validation' });
    expect(plain(r.series)!.values).toEqual([0.5, 0.25, 0.001]);
    expect(plain(r.series)!.nonFinite).toEqual([0, 0, 0]);
    expect(r.issues).toEqual([{ code: 'string-values', message: 'validation: 3 values given as strings, read as numbers.' }]);
  });

  it("normalizeSeries(['nan', 'NaN', 'inf', '-inf', 'Infinity', '+INF']) reads them as non-finite values of the run", () => {
    const r = normalizeSeries(['nan', 'NaN', 'inf', '-inf', 'Infinity', '+INF']);
    const s = plain(r.series)!;
    expect(s.values).toEqual([NaN, NaN, Infinity, -Infinity, Infinity, Infinity]);
    expect(s.nonFinite).toEqual([1, 1, 1, 1, 1, 1]);
    expect(codes(r.issues)).toEqual(['string-values']);
    expect(r.issues[0].message).toBe('series: 6 values given as strings, read as numbers.');
  });

  it("normalizeSeries(['abc', 'x', 1]) reads non-numeric strings as gaps and reports non-numeric-values", () => {
    const r = normalizeSeries(['abc', 'x', 1]);
    const s = plain(r.series)!;
    expect(s.values).toEqual([NaN, NaN, 1]);
    expect(s.nonFinite).toEqual([0, 0, 0]); // a gap, not divergence
    expect(r.issues).toEqual([{ code: 'non-numeric-values', message: 'series: 2 values not numbers, drawn as gaps.' }]);
  });

  it("normalizeSeries({steps, values: ['', ' ', 1]}) reads blank cells (a CSV reader's empty cells) as not logged", () => {
    const r = normalizeSeries({ steps: [1, 2, 3], values: ['', ' ', '1'] });
    expect(plain(r.series)!.steps).toEqual([3]);
    expect(plain(r.series)!.values).toEqual([1]);
    expect(codes(r.issues)).toEqual(['string-values']);
  });

  it('normalizeSeries(mixed strings) reports numeric and non-numeric strings separately', () => {
    const r = normalizeSeries(['1', 'x', '2']);
    expect(codes(r.issues)).toEqual(['string-values', 'non-numeric-values']);
    expect(r.issues[0].message).toBe('series: 2 values given as strings, read as numbers.');
    expect(r.issues[1].message).toBe('series: 1 value not a number, drawn as gaps.');
  });

  it('normalizeSeries([true, {}, 1]) reads other non-numbers as gaps', () => {
    const r = normalizeSeries([true, {}, 1]);
    expect(plain(r.series)!.values).toEqual([NaN, NaN, 1]);
    expect(codes(r.issues)).toEqual(['non-numeric-values']);
  });

  it("normalizeSeries({steps: ['10', '20'], values}) parses numeric step strings", () => {
    const r = normalizeSeries({ steps: ['10', '20'], values: [1, 2] });
    expect(plain(r.series)!.steps).toEqual([10, 20]);
  });
});

describe('normalizeSeries: sizes and lengths', () => {
  it('normalizeSeries([]) gives an empty indexed series and no issue', () => {
    const r = normalizeSeries([]);
    expect(plain(r.series)).toEqual({ steps: [], values: [], nonFinite: [], indexed: true });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries({steps: [], values: []}) gives an empty step series', () => {
    const r = normalizeSeries({ steps: [], values: [] });
    expect(plain(r.series)).toEqual({ steps: [], values: [], nonFinite: [], indexed: false });
  });

  it('normalizeSeries([0.42]) keeps a single point', () => {
    const r = normalizeSeries([0.42]);
    expect(plain(r.series)).toEqual({ steps: [1], values: [0.42], nonFinite: [0], indexed: true });
    expect(r.issues).toEqual([]);
  });

  it('normalizeSeries({steps, values}) of different lengths uses the shorter and reports length-mismatch', () => {
    const r = normalizeSeries({ steps: [1, 2, 3, 4], values: [9, 8] }, { name: 'train' });
    expect(plain(r.series)).toEqual({ steps: [1, 2], values: [9, 8], nonFinite: [0, 0], indexed: false });
    expect(r.issues).toEqual([{ code: 'length-mismatch', message: 'train: steps has 4 entries but values has 2; using the first 2.' }]);
  });

  it('normalizeSeries({steps, values}) with more values than steps drops the extra values', () => {
    const r = normalizeSeries({ steps: [5], values: [1, 2, 3] });
    expect(plain(r.series)!.steps).toEqual([5]);
    expect(plain(r.series)!.values).toEqual([1]);
    expect(codes(r.issues)).toEqual(['length-mismatch']);
  });
});

describe('normalizeSeries: steps', () => {
  it('normalizeSeries(points) sorts unsorted steps and reports unsorted-steps', () => {
    const r = normalizeSeries([
      { step: 30, value: 3 },
      { step: 10, value: 1 },
      { step: 20, value: 2 },
    ]);
    expect(plain(r.series)).toEqual({ steps: [10, 20, 30], values: [1, 2, 3], nonFinite: [0, 0, 0], indexed: false });
    expect(r.issues).toEqual([{ code: 'unsorted-steps', message: 'series: steps were not in order; sorted.' }]);
  });

  it('normalizeSeries({steps, values}) sorts the nonFinite flags along with the values', () => {
    const r = normalizeSeries({ steps: [3, 1, 2], values: [NaN, 1, 2] });
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3], values: [1, 2, NaN], nonFinite: [0, 0, 1], indexed: false });
  });

  it('normalizeSeries(points) keeps the last value of a duplicate step and reports duplicate-steps', () => {
    const r = normalizeSeries([
      { step: 1, value: 1 },
      { step: 2, value: 2 },
      { step: 2, value: 2.5 },
      { step: 3, value: 3 },
    ]);
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3], values: [1, 2.5, 3], nonFinite: [0, 0, 0], indexed: false });
    expect(r.issues).toEqual([
      { code: 'duplicate-steps', message: 'series: 1 repeated step; the last value given for each step is used (a missing one does not replace a value).' },
    ]);
  });

  it('normalizeSeries(points) with an unsorted duplicate keeps the one given last in the input', () => {
    // A resumed run logs step 2 again after step 3: the later log wins.
    const r = normalizeSeries({ steps: [1, 2, 3, 2, 2], values: [10, 20, 30, 21, 22] });
    expect(plain(r.series)!.steps).toEqual([1, 2, 3]);
    expect(plain(r.series)!.values).toEqual([10, 22, 30]);
    expect(codes(r.issues)).toEqual(['unsorted-steps', 'duplicate-steps']);
    expect(r.issues[1].message).toBe('series: 2 repeated steps; the last value given for each step is used (a missing one does not replace a value).');
  });

  it.each([null, undefined, ''])('normalizeSeries(points) keeps a present value when a repeated step brings %j', (empty) => {
    const r = normalizeSeries({ steps: [1, 2, 2, 3], values: [1, 0.5, empty, 0.25] });
    expect(plain(r.series)).toEqual({ steps: [1, 2, 3], values: [1, 0.5, 0.25], nonFinite: [0, 0, 0], indexed: false });
  });

  it('normalizeSeries(points) keeps a NaN of the run over a later empty cell, and the last of two present values', () => {
    const r = normalizeSeries({ steps: [1, 1, 2, 2, 2, 3, 3], values: [NaN, null, 0.5, 0.4, null, null, null] });
    const s = plain(r.series)!;
    expect(s.steps).toEqual([1, 2]); // step 3 has no value at all: not logged
    expect(s.values).toEqual([NaN, 0.4]);
    expect(s.nonFinite).toEqual([1, 0]);
  });

  it('normalizeSeries(points) drops points with NaN, Infinity, missing or non-numeric steps and reports invalid-steps', () => {
    const r = normalizeSeries([
      { step: 1, value: 1 },
      { step: NaN, value: 2 },
      { step: Infinity, value: 3 },
      { step: null, value: 4 },
      { step: 'x', value: 5 },
      { step: '', value: 6 },
      { step: 7, value: 7 },
    ]);
    expect(plain(r.series)).toEqual({ steps: [1, 7], values: [1, 7], nonFinite: [0, 0], indexed: false });
    expect(r.issues).toEqual([{ code: 'invalid-steps', message: 'series: 5 points without a finite step, left out.' }]);
  });

  it('normalizeSeries([point, 5]) drops an element that is not a point', () => {
    const r = normalizeSeries([{ step: 1, value: 1 }, 5, { step: 3, value: 3 }]);
    expect(plain(r.series)!.steps).toEqual([1, 3]);
    expect(r.issues[0]).toEqual({ code: 'invalid-steps', message: 'series: 1 point without a finite step, left out.' });
  });

  it('normalizeSeries(points) with no valid step gives an empty series and the issue', () => {
    const r = normalizeSeries([{ step: NaN, value: 1 }]);
    expect(plain(r.series)).toEqual({ steps: [], values: [], nonFinite: [], indexed: false });
    expect(codes(r.issues)).toEqual(['invalid-steps']);
  });
});

describe('normalizeSeries: invalid input', () => {
  const expected = (name: string, got: string) => ({
    code: 'invalid-input',
    message: `${name}: expected an array of numbers, an array of {step, value} points or {steps, values}; got ${got}.`,
  });

  it("normalizeSeries('1,2,3') reports invalid-input for a string", () => {
    expect(normalizeSeries('1,2,3', { name: 'train' })).toEqual({ series: null, issues: [expected('train', 'a string')] });
  });

  it('normalizeSeries(42) reports invalid-input for a number', () => {
    expect(normalizeSeries(42)).toEqual({ series: null, issues: [expected('series', 'a number')] });
  });

  it('normalizeSeries({loss: [...]}) reports invalid-input for an object that is no series', () => {
    expect(normalizeSeries({ loss: [1, 2] })).toEqual({ series: null, issues: [expected('series', 'an object')] });
    expect(normalizeSeries({ steps: [1, 2] })).toEqual({ series: null, issues: [expected('series', 'an object')] });
  });

  it('normalizeSeries(true) and normalizeSeries(() => 1) report invalid-input', () => {
    expect(normalizeSeries(true).issues).toEqual([expected('series', 'a boolean')]);
    expect(normalizeSeries(() => 1).issues).toEqual([expected('series', 'a function')]);
  });

  it('normalizeSeries(DataView) reports invalid-input instead of an empty series', () => {
    const r = normalizeSeries(new DataView(new ArrayBuffer(16)));
    expect(r).toEqual({ series: null, issues: [expected('series', 'an object')] });
  });

  it('normalizeSeries({length: 1e300}) and huge columnar lengths report invalid-input instead of allocating', () => {
    expect(normalizeSeries({ length: 1e300 })).toEqual({ series: null, issues: [expected('series', 'an object')] });
    expect(normalizeSeries({ steps: { length: 1e300 }, values: { length: 1e300 } })).toEqual({
      series: null,
      issues: [expected('series', 'an object')],
    });
  });

  it('normalizeSeries({length: 3}) reads a small array-like object as three missing values', () => {
    const r = normalizeSeries({ length: 3 });
    expect(plain(r.series)!.values).toEqual([NaN, NaN, NaN]);
    expect(codes(r.issues)).toEqual(['missing-values']);
  });

  it('normalizeSeries(points with a throwing getter) reports invalid-input with the error', () => {
    const point = {
      get step(): number {
        throw new Error('boom');
      },
      value: 1,
    };
    expect(normalizeSeries([point], { name: 'train' })).toEqual({
      series: null,
      issues: [{ code: 'invalid-input', message: 'train: could not be read (boom).' }],
    });
  });

  it('normalizeSeries(anything) never throws and its series is always sorted, unique and aligned', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      fc.constantFrom('nan', 'inf', '-inf', '1e3', ' 2 '),
      fc.boolean(),
    );
    const step = fc.oneof(fc.double(), fc.integer({ min: -5, max: 20 }), fc.constant(null), fc.string());
    const input = fc.oneof(fc.array(value), fc.array(fc.record({ step, value })), fc.record({ steps: fc.array(step), values: fc.array(value) }), fc.anything());
    fc.assert(
      fc.property(input, (x) => {
        const r = normalizeSeries(x);
        for (const issue of r.issues) expect(issue.message.length).toBeGreaterThan(0);
        if (!r.series) return;
        const { steps, values, nonFinite } = r.series;
        expect(values.length).toBe(steps.length);
        expect(nonFinite.length).toBe(steps.length);
        for (let i = 0; i < steps.length; i++) {
          expect(Number.isFinite(steps[i])).toBe(true);
          if (i > 0) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
          if (nonFinite[i]) expect(Number.isFinite(values[i])).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeSeries: hostile names', () => {
  it('normalizeSeries(bad, {name}) carries an HTML name into messages unchanged', () => {
    const name = '<img src=x onerror=alert(1)>';
    const r = normalizeSeries([1, null], { name });
    expect(r.issues[0].message).toBe(`${name}: 1 missing value (null or undefined), drawn as gaps.`);
  });
});

describe('normalizeSeries: typed arrays and handed-back series', () => {
  it('a growable series handed back (a live chart’s current data) normalizes to the same points, NaN and gaps apart', () => {
    // A plain array's hole is a gap (empty cells of columns are left out instead).
    const start = normalizeSeries([0.5, null, NaN]).series!;
    const g = new GrowableSeries(start);
    g.append(normalizeSeries({ steps: [4, 5], values: [Infinity, 0.25] }).series!);
    const { series, issues } = normalizeSeries(g);
    expect([...series!.steps]).toEqual([1, 2, 3, 4, 5]);
    expect([...series!.values]).toEqual([0.5, NaN, NaN, Infinity, 0.25]);
    expect([...series!.nonFinite]).toEqual([0, 0, 1, 1, 0]);
    expect(series!.indexed).toBe(false);
    // The one gap is still a gap (reported as one), not 5 unreadable values.
    expect(issues.map((i) => i.message)).toEqual(['series: 1 missing value (null or undefined), drawn as gaps.']);
    const epochs = new GrowableSeries(normalizeSeries([1, 2]).series!);
    epochs.append(normalizeSeries([3]).series!);
    expect(normalizeSeries(epochs).series).toMatchObject({ indexed: true });
  });

  it('typed columns of unequal length use their common prefix, as plain arrays do', () => {
    const { series, issues } = normalizeSeries({ steps: Float64Array.of(1, 2, 3), values: new Float32Array(40).fill(0.5) });
    expect([...series!.steps]).toEqual([1, 2, 3]);
    expect([...series!.values]).toEqual([0.5, 0.5, 0.5]);
    expect(issues.map((i) => i.code)).toEqual(['length-mismatch']);
    const longSteps = normalizeSeries({ steps: new Int32Array([5, 6, 7, 8, 9]), values: Float64Array.of(1, 2) });
    expect([...longSteps.series!.steps]).toEqual([5, 6]);
  });

  it('a BigInt64Array reads as numbers, as an array of bigints does', () => {
    const { series, issues } = normalizeSeries(new BigInt64Array([3n, 2n, 1n]));
    expect([...series!.values]).toEqual([3, 2, 1]);
    expect(issues).toEqual([]);
    expect([...normalizeSeries({ steps: new BigUint64Array([10n, 20n]), values: [1, 2] }).series!.steps]).toEqual([10, 20]);
  });
});

/** Two columns of a Lightning `metrics.csv`, as a CSV reader leaves them: strings, '' where a row logged nothing. */
function csvColumns(file: string, stepColumn: string, valueColumn: string): { steps: string[]; values: string[] } {
  const [header, ...rows] = readFileSync(new URL(`../../stories/data/lightning/${file}`, import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/);
  const names = header.split(',');
  const cells = rows.map((r) => r.split(','));
  const column = (name: string) => cells.map((c) => c[names.indexOf(name)] ?? '');
  return { steps: column(stepColumn), values: column(valueColumn) };
}

const lightning = { cv, slm, vae } as const;

describe('normalizeSeries: Float64Arrays read in place (memory of a 10M-point chart)', () => {
  /** A Float64Array of finite values with some NaN and ±Infinity, and the same values as a plain array. */
  const withNonFinite = fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }, fc.constantFrom(NaN, Infinity, -Infinity)), {
      minLength: 1,
      maxLength: 60,
    })
    .map((xs) => Float64Array.from(xs));

  it('a Float64Array of values is the series values (no copy), with epochs 1..n as steps', () => {
    const values = Float64Array.of(0.9, 0.7, 0.6, 0.55);
    const { series } = normalizeSeries(values);
    expect(series!.values).toBe(values);
    expect([...series!.steps]).toEqual([1, 2, 3, 4]);
  });

  it('train and validation of the same length share one steps array and, when finite, one flags array', () => {
    const a = normalizeSeries(new Float64Array(1000).fill(0.5)).series!;
    const b = normalizeSeries(new Float64Array(1000).fill(0.7)).series!;
    expect(b.steps.buffer).toBe(a.steps.buffer);
    expect(b.nonFinite.buffer).toBe(a.nonFinite.buffer);
  });

  it('a small series after a large one does not keep the large one’s shared arrays alive', () => {
    normalizeSeries(new Float64Array(100_000).fill(1));
    const small = normalizeSeries(new Float64Array(10).fill(1)).series!;
    expect(small.steps.buffer.byteLength).toBeLessThanOrEqual(2 * 10 * 8);
    expect(small.nonFinite.buffer.byteLength).toBeLessThanOrEqual(2 * 10);
  });

  it('flags the non-finite values of a Float64Array as a copy does, and leaves later finite series unflagged (fast-check)', () => {
    fc.assert(
      fc.property(withNonFinite, (values) => {
        const inPlace = normalizeSeries(values).series!;
        // The same values through the copying path (a plain array).
        const copied = normalizeSeries(Array.from(values)).series!;
        expect([...inPlace.nonFinite]).toEqual([...copied.nonFinite]);
        const finite = normalizeSeries(new Float64Array(values.length).fill(1)).series!;
        expect(finite.nonFinite.every((f) => f === 0)).toBe(true);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('columns whose steps are out of order are copied and sorted, and leave later finite series unflagged', () => {
    const { series, issues } = normalizeSeries({ steps: Float64Array.of(1, 2, 5, 3), values: Float64Array.of(NaN, 0.5, 0.4, 0.3) });
    expect(codes(issues)).toContain('unsorted-steps');
    expect(plain(series)).toEqual({ steps: [1, 2, 3, 5], values: [NaN, 0.5, 0.3, 0.4], nonFinite: [1, 0, 0, 0], indexed: false });
    const finite = normalizeSeries(new Float64Array(4).fill(1)).series!;
    expect([...finite.nonFinite]).toEqual([0, 0, 0, 0]);
  });

  it('live appends to a series read in place change neither the caller’s array nor the shared steps', () => {
    const values = Float64Array.of(0.9, 0.8, 0.7);
    const series = normalizeSeries(values).series!;
    const other = normalizeSeries(Float64Array.of(1, 1, 1)).series!;
    const live = new GrowableSeries(series);
    expect(live.append(normalizeSeries([0.6, Number.NaN]).series!)).toBe(true);
    expect(plain(live)).toEqual({ steps: [1, 2, 3, 4, 5], values: [0.9, 0.8, 0.7, 0.6, NaN], nonFinite: [0, 0, 0, 0, 1], indexed: true });
    expect([...values]).toEqual([0.9, 0.8, 0.7]);
    expect([...other.steps]).toEqual([1, 2, 3]);
    expect([...other.nonFinite]).toEqual([0, 0, 0]);
  });
});

describe('normalizeSeries: raw Lightning metrics.csv columns (stories/data/lightning)', () => {
  // Lightning writes a validation row and then an epoch-end row at the same step, the second with an empty
  // validation cell: were the last cell of a step to win, every validation value would be lost.
  it.each([
    ['cv_image_classification.metrics.csv', 'cv'],
    ['slm_training.metrics.csv', 'slm'],
    ['batch_effect_v0.metrics.csv', 'vae'],
  ] as const)('%s: the validation column keeps every value the run logged', (file, key) => {
    const data = lightning[key];
    const column = csvColumns(file, data.source.step_column, data.source.validation_column);
    const { series } = normalizeSeries(column, { name: 'validation' });
    const kept = [...series!.steps].flatMap((step, i) => (Number.isFinite(series!.values[i]) ? [{ step, value: series!.values[i] }] : []));
    expect(kept).toEqual(data.validation.steps.map((step, i) => ({ step, value: data.validation.values[i] })));
    expect(kept.length).toBeGreaterThan(0);
    // The rows that logged no validation are left out, not gaps: the checks are drawn as one line.
    expect(series!.steps.length).toBe(kept.length);
  });

  it('slm_training: the training column read raw keeps its values too, and the run has no NaN', () => {
    const column = csvColumns('slm_training.metrics.csv', 'step', 'train_loss_step');
    const { series } = normalizeSeries(column, { name: 'train' });
    expect(finiteCount(series!)).toBe(slm.train.values.length);
    expect(firstNonFinite(series!)).toBe(-1);
  });
});

describe('normalizePair: one reading of a run (plain arrays, histories, analyzeFit)', () => {
  const flags = (s: Series | null) => [...s!.nonFinite];

  it('normalizePair(loss, val_loss of a Keras history through JSON): the nulls from epoch 8 on are NaN of the run', () => {
    const { train, validation, issues } = normalizePair(housing.loss, housing.val_loss);
    expect(firstNonFinite(train!)).toBe(7);
    expect(firstNonFinite(validation!)).toBe(7);
    expect(flags(train).slice(7)).toEqual(Array(13).fill(1));
    expect(finiteCount(train!)).toBe(7);
    // The run printed nan: no value is missing.
    expect(issues).toEqual([]);
  });

  it('normalizePair(train, [1, null, 0.8]): a hole between numbers is a gap', () => {
    const { validation, issues } = normalizePair([1, 0.9, 0.8], [1, null, 0.8]);
    expect(flags(validation)).toEqual([0, 0, 0]);
    expect(codes(issues)).toEqual(['missing-values']);
  });

  it('normalizePair(train, validation every other epoch): a trailing null where training has a number is a gap', () => {
    const { validation } = normalizePair([1, 0.9, 0.8, 0.7], [1.1, null, 0.95, null]);
    expect(flags(validation)).toEqual([0, 0, 0, 0]);
  });

  it('normalizePair: a trailing null where the other series has no number (null, NaN or no epoch) is NaN; undefined is not', () => {
    expect(flags(normalizePair([1, 0.9, null, null], [1.1, 1.0, null]).train)).toEqual([0, 0, 1, 1]);
    expect(flags(normalizePair([1, 0.9, null], [1.1, 1.0, NaN]).train)).toEqual([0, 0, 1]);
    expect(flags(normalizePair([1, 0.9, null], undefined).train)).toEqual([0, 0, 1]);
    // undefined never comes from a JSON log: it stays a missing value.
    expect(flags(normalizePair([1, 0.9, undefined], undefined).train)).toEqual([0, 0, 0]);
  });

  it('normalizePair: validation that went NaN an epoch before training is a gap there and NaN from the next epoch', () => {
    const { train, validation } = normalizePair([1, 0.9, 0.8, null], [1.1, 1.0, null, null]);
    expect(flags(validation)).toEqual([0, 0, 0, 1]);
    expect(flags(train)).toEqual([0, 0, 0, 1]);
  });

  it('normalizePair: a series with no number at all keeps its nulls as missing values', () => {
    const { validation, issues } = normalizePair([1, 0.9], [null, null]);
    expect(flags(validation)).toEqual([0, 0]);
    expect(issues.map((i) => i.message)).toEqual(['validation: 2 missing values (null or undefined), drawn as gaps.']);
  });

  it('normalizePair: nulls in points and columns are not logged (left out), never NaN, whatever the other series holds', () => {
    const { train } = normalizePair({ steps: [1, 2, 3], values: [1, null, null] }, undefined);
    expect(flags(train)).toEqual([0]);
  });

  it('normalizePair(a, b) reads each series as normalizeSeries does when nothing is left at the end', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, min: -10, max: 10 }), fc.constant(null)), { maxLength: 20 }), (values) => {
        const withEnd = [...values, 0.5];
        const pair = normalizePair(withEnd, withEnd);
        expect(plain(pair.train)).toEqual(plain(normalizeSeries(withEnd, { name: 'train' }).series));
      }),
    );
  });
});
