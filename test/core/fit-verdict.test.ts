/**
 * The verdict on real logs, against how people who train models read them: the labelled logs (two independent
 * readings each, test/data/labels.json) for loss and accuracy-like metrics, and further real logs read the same way
 * (test/data/real2, the reading next to each); the noise estimate; the trend statistic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFit, type FitAnalysis } from '../../src/core/analyze-fit.js';
import { estimateNoise, median, secondDifferenceNoise, QuantumTracker } from '../../src/core/noise.js';
import { kendallZ } from '../../src/core/fit-verdict.js';

const STORIES = new URL('../../stories/data/', import.meta.url);
const REAL2 = new URL('../data/real2/', import.meta.url);
const labels = JSON.parse(readFileSync(new URL('../data/labels.json', import.meta.url), 'utf8'));

interface Reading {
  state: string;
  severity: 'mild' | 'clear' | 'severe' | null;
  onset: number | [number, number] | null;
}

/** The train/validation pair of `metric` in a log file: a Keras history, or Lightning/HF `{train, validation}`. */
function pairOf(data: Record<string, unknown>, metric: string): [unknown, unknown] {
  if (data.train && data.validation) return [data.train, data.validation];
  return [data[metric], data[`val_${metric}`]];
}

function analyze(url: URL, file: string, metric: string): FitAnalysis {
  const data = JSON.parse(readFileSync(new URL(file, url), 'utf8'));
  const [train, validation] = pairOf(data, metric);
  return analyzeFit(train, validation, { metric });
}

const GRADES = ['mild', 'clear', 'severe'];

describe('analyzeFit on the labelled real logs, default options', () => {
  const cases: Array<[string, string, Reading, Reading]> = [];
  for (const [file, metrics] of Object.entries(labels)) {
    if (file.startsWith('_')) continue;
    for (const [metric, readings] of Object.entries(metrics as Record<string, { A: Reading; B: Reading }>)) cases.push([file, metric, readings.A, readings.B]);
  }

  it('covers loss and an accuracy-like metric where the log has one (16 readings)', () => {
    expect(cases.length).toBe(16);
  });

  it.each(cases)('analyzeFit(%s, %s): the state both readers gave, severity within one grade, onset in their range', (file, metric, a, b) => {
    const fit = analyze(STORIES, file, metric);
    expect(a.state).toBe(b.state);
    expect(fit.state, fit.summary).toBe(a.state);
    if (a.state === 'overfitting') {
      for (const r of [a, b]) expect(Math.abs(GRADES.indexOf(fit.severity) - GRADES.indexOf(r.severity!)), fit.summary).toBeLessThanOrEqual(1);
      const [from, to] = Array.isArray(a.onset) ? a.onset : [a.onset!, a.onset!];
      expect(fit.onset).toBeGreaterThanOrEqual(from);
      expect(fit.onset).toBeLessThanOrEqual(to);
      expect(fit.remedy).toMatch(/restore_best_weights=True/);
    } else {
      expect(fit.onset).toBeNull();
      expect(fit.severity).toBe('none');
    }
  });

  it('analyzeFit(structured_data loss): "+2.6 %"-sized mild overfitting; efficientnet_from_scratch: "+30 %" severe', () => {
    const mild = analyze(STORIES, 'keras-structured_data_classification_from_scratch.json', 'loss');
    expect(mild.worsening!.relative).toBeCloseTo(0.026, 2);
    expect(mild.summary).toMatch(/\(\+2\.6 %\).*mild overfitting/);
    const severe = analyze(STORIES, 'keras-efficientnet_from_scratch.json', 'loss');
    expect(severe.worsening!.relative).toBeCloseTo(0.3, 1);
    expect(severe.summary).toMatch(/\(\+30 %\).*severe overfitting/);
    expect(severe.remedy).toMatch(/regularize/);
  });

  it('analyzeFit(timeseries_classification loss): the early stop before the best says so and gives the patience that keeps it', () => {
    const fit = analyze(STORIES, 'keras-timeseries_classification_from_scratch.json', 'loss');
    expect(fit.stopStep).toBe(33);
    expect(fit.best!.step).toBe(333);
    expect(fit.suggestedPatience).toBe(49);
    expect(fit.summary).toContain('EarlyStopping(patience=5) would have stopped at epoch 33, before the best epoch 333 (patience=49 would have reached it)');
  });
});

describe('analyzeFit on further real logs, read as a person who trains models would', () => {
  // [file, metric, state, severity, reading]
  const table: Array<[string, string, string, string, string]> = [
    ['fastai-lesson7_human_numbers_fit20.json', 'loss', 'overfitting', 'severe', 'val bottoms at epoch 5 and climbs ~30 % while training falls steadily'],
    ['keras-gnn_citations.baseline_ffn.json', 'loss', 'overfitting', 'severe', 'val lowest around 68, then up ~28 % over 50 epochs; training keeps falling'],
    ['keras-lstm_seq2seq.json', 'loss', 'overfitting', 'clear', 'smooth U: val best near 45-49, up ~15-20 % by 100'],
    ['keras-multi_label_classification.json', 'loss', 'overfitting', 'severe', 'val rises from epoch 1 while training collapses toward 0'],
    ['hf-mti881_ner_lr5e-5.json', 'loss', 'overfitting', 'severe', 'eval loss best at step 2910 then climbs steadily'],
    ['lightning-imagebind_emotion_v23.json', 'loss', 'overfitting', 'clear', 'smooth U, val up ~18 % from its minimum'],
    ['keras-mirnet.json', 'loss', 'plateau', 'none', 'noisy val flat around 0.105-0.11 for 30 epochs; training meets it: no sustained rise'],
    ['keras-real_nvp.json', 'loss', 'plateau', 'none', 'train and val noisy and together for 150 epochs: flat, not overfitting'],
    ['csv-crypto_gru_btc_1d.json', 'loss', 'plateau', 'none', 'val flat near 7e-4 after epoch 4; a +1.5 % creep is too small to call'],
    ['keras-speaker_recognition_using_cnn.json', 'loss', 'plateau', 'none', 'val follows training down and flattens; wiggles are small against the drop'],
    ['keras-xray_classification_with_tpus.json', 'binary_accuracy', 'noisy', 'none', 'val accuracy jumps between 0.6 and 0.98 from epoch to epoch'],
    ['keras-fully_convolutional_network.fcn8s.json', 'loss', 'noisy', 'none', 'val jumps up and down by more than any trend'],
    ['keras-cutmix.without_cutmix.json', 'loss', 'diverged', 'none', 'val loss explodes from 0.75 to over 100 while training holds'],
    ['keras-cutmix.without_cutmix.json', 'accuracy', 'diverged', 'none', 'val accuracy collapses from 0.63 to chance (0.10) at epochs 6-8'],
  ];

  it.each(table)('analyzeFit(%s, %s) is %s (%s): %s', (file, metric, state, severity) => {
    const fit = analyze(REAL2, file, metric);
    expect(fit.state, fit.summary).toBe(state);
    expect(fit.severity).toBe(severity);
  });
});

describe('noise', () => {
  it('secondDifferenceNoise(a line plus Gaussian noise of sd 0.05) is within 20 % of 0.05: the trend does not count', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const gauss = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
    const values = Array.from({ length: 2000 }, (_, i) => 3 - 0.01 * i + 0.05 * gauss());
    expect(secondDifferenceNoise(values)).toBeGreaterThan(0.04);
    expect(secondDifferenceNoise(values)).toBeLessThan(0.06);
  });

  it('secondDifferenceNoise(a smooth curve with one spike of 100) stays near 0: one bad epoch is not noise', () => {
    const values = Array.from({ length: 50 }, (_, i) => Math.exp(-i / 10));
    values[20] += 100;
    expect(secondDifferenceNoise(values)).toBeLessThan(0.01);
  });

  it('estimateNoise(val_accuracy on 61 samples).quantum is 1/61 as printed (0.0164); a continuous loss has none', () => {
    const data = JSON.parse(readFileSync(new URL('keras-structured_data_classification_from_scratch.json', STORIES), 'utf8'));
    expect(estimateNoise(data.val_accuracy).quantum).toBeCloseTo(1 / 61, 3);
    expect(estimateNoise(data.val_loss).quantum).toBe(0);
  });

  it('QuantumTracker gives no quantum under 5 values, and none once values stop repeating', () => {
    const q = new QuantumTracker();
    [0.5, 0.5, 0.75].forEach((v) => q.add(v));
    expect(q.quantum).toBe(0);
    [0.5, 0.75, 0.5, 0.75].forEach((v) => q.add(v));
    expect(q.quantum).toBe(0.25);
  });

  it('median([3, 1, 2]) is 2, median([4, 1, 3, 2]) is 2.5, and the input keeps its order', () => {
    const a = [3, 1, 2];
    expect(median(a)).toBe(2);
    expect(a).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('kendallZ', () => {
  it('kendallZ(rising) is large, kendallZ(falling) as negative, kendallZ(flat alternation) near 0', () => {
    const up = Array.from({ length: 20 }, (_, i) => i);
    expect(kendallZ(up, 0, 20)).toBeGreaterThan(5);
    expect(
      kendallZ(
        up.map((v) => -v),
        0,
        20,
      ),
    ).toBeLessThan(-5);
    expect(
      Math.abs(
        kendallZ(
          up.map((i) => i % 2),
          0,
          20,
        ),
      ),
    ).toBeLessThan(1);
  });

  it('kendallZ(x, from, to) reads only x[from, to)', () => {
    const x = [9, 9, 9, 1, 2, 3, 4, 0];
    expect(kendallZ(x, 3, 7)).toBeCloseTo(kendallZ([1, 2, 3, 4], 0, 4), 10);
  });
});

describe('values near the largest double', () => {
  it('analyzeFit([], [2e293, 1.797e308, 0], {mode: "max", patience: 0}) does not throw: a noise that overflows finds no flat stretch', () => {
    // The noise of these checks overflows to Infinity, so no level comes "within the noise" of the best: before the
    // fix the flat stretch started at an undefined step and the summary threw while formatting it.
    const a = analyzeFit(Float64Array.from([]), Float64Array.from([2.0956323250114558e293, 1.7976931348623137e308, 0]), { mode: 'max', patience: 0 });
    expect(a.summary).toMatch(/^Validation loss was best at epoch 2/);
    expect(a.summary).not.toMatch(/flat within its noise since epoch undefined/);
  });
});

describe('long runs (the tracker keeps only the last checks, the records and the best neighbourhood)', () => {
  // Deterministic noise, so that the verdicts are the same on every run.
  const noise = (i: number) => 0.01 * Math.sin(i * 12.9898) * Math.cos(i * 78.233);

  it('names an onset thousands of checks back, at the best step, and the gap of every check', () => {
    const n = 6000;
    const val = Array.from({ length: n }, (_, i) => (i < 400 ? 2 - i / 400 : 1 + (i - 400) / 2000) + noise(i));
    const train = Array.from({ length: n }, (_, i) => 2 - i / n);
    const a = analyzeFit(train, val);
    expect(a.state).toBe('overfitting');
    expect(a.onset).toBeGreaterThan(390);
    expect(a.onset).toBeLessThan(412);
    expect(a.gap.steps.length).toBe(n);
    expect(a.gap.values[n - 1]).toBeCloseTo(val[n - 1] - train[n - 1], 12);
  });

  it('says since when a long run has been flat, from a record far back', () => {
    const n = 5000;
    const val = Array.from({ length: n }, (_, i) => (i < 200 ? 2 - i / 200 : 1) + noise(i));
    const a = analyzeFit(
      Array.from({ length: n }, () => 1),
      val,
    );
    expect(a.state).toBe('plateau');
    expect(a.summary).toMatch(/flat within its noise since epoch (19\d|20\d)\b|best at epoch (19\d|2\d\d) /);
  });

  it('keeps the gap steps of a run with missing checks', () => {
    const val: Array<number | null> = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? null : 1 + noise(i)));
    const a = analyzeFit(
      Array.from({ length: 3000 }, () => 0.5),
      val,
    );
    const expected = val.flatMap((v, i) => (v === null ? [] : [i + 1]));
    expect(a.gap.steps).toEqual(expected);
    expect(a.gap.values[10]).toBeCloseTo((val[expected[10] - 1] as number) - 0.5, 12);
  });
});
