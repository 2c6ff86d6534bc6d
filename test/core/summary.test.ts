import { describe, expect, it } from 'vitest';
import { prepareCurves, type PreparedCurves } from '../../src/core/prepare-curves.js';
import { bestFinite, describeCurves, lastFinite } from '../../src/core/summary.js';
import housing from '../../stories/data/keras-california_housing_sgd_nan.json';
import effScratch from '../../stories/data/keras-efficientnet_from_scratch.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';
import slm from '../../stories/data/lightning-slm_training.json';

const line = (p: PreparedCurves, key: 'train' | 'validation') => p.lines.find((l) => l.key === key)!;

describe('lastFinite', () => {
  it('lastFinite(line) skips trailing NaN and gaps', () => {
    const p = prepareCurves({ train: [1, 0.5, null, NaN] });
    expect(lastFinite(line(p, 'train'))).toEqual({ step: 2, value: 0.5 });
  });

  it('lastFinite(line without finite values) is null', () => {
    const p = prepareCurves({ train: [NaN, null] });
    expect(lastFinite(line(p, 'train'))).toBeNull();
  });
});

describe('bestFinite', () => {
  it("bestFinite(line, 'min') is the first lowest finite value", () => {
    const p = prepareCurves({ validation: [1, 0.4, NaN, 0.4, -Infinity, 0.6] });
    expect(bestFinite(line(p, 'validation'), 'min')).toEqual({ step: 2, value: 0.4 });
  });

  it("bestFinite(line, 'max') is the first highest finite value", () => {
    const p = prepareCurves({ validation: { steps: [10, 20, 30, 40], values: [0.5, 0.9, Infinity, 0.9] } });
    expect(bestFinite(line(p, 'validation'), 'max')).toEqual({ step: 20, value: 0.9 });
  });

  it('bestFinite(line without finite values) is null', () => {
    expect(bestFinite(line(prepareCurves({ validation: [NaN] }), 'validation'), 'min')).toBeNull();
  });
});

describe('describeCurves', () => {
  it('describeCurves(prepared) gives the metric, the count, the final values and the best validation value', () => {
    const p = prepareCurves({ train: [1, 0.7, 0.5, 0.42], validation: [1.1, 0.8, 0.75, 0.79] });
    expect(describeCurves(p)).toBe('Loss curves: loss over 4 epochs. Final training loss 0.42, validation loss 0.79. Best validation loss 0.75 at epoch 3.');
    expect(p.summary).toBe(describeCurves(p));
  });

  it('describeCurves(accuracy) takes the best validation value in max mode', () => {
    const p = prepareCurves({ metric: 'accuracy', train: [0.5, 0.8, 0.9], validation: [0.55, 0.78, 0.77] });
    expect(p.summary).toBe(
      'Accuracy curves: accuracy over 3 epochs. Final training accuracy 0.9, validation accuracy 0.77. Best validation accuracy 0.78 at epoch 2.',
    );
  });

  it("describeCurves(mode: 'max' on a loss) follows the explicit mode", () => {
    const p = prepareCurves({ validation: [1, 3, 2], mode: 'max' });
    expect(p.summary).toContain('Best validation loss 3 at epoch 2.');
  });

  it('describeCurves(one epoch) uses the singular', () => {
    expect(prepareCurves({ train: [0.5] }).summary).toBe('Loss curves: loss over 1 epoch. Final training loss 0.5.');
  });

  it('describeCurves(train only) has no best-validation sentence', () => {
    expect(prepareCurves({ train: [3, 2] }).summary).toBe('Loss curves: loss over 2 epochs. Final training loss 2.');
  });

  it('describeCurves(steps) names the step range rather than the number of logged points', () => {
    const p = prepareCurves({
      train: { steps: [49, 99, 149, 19599], values: [300, 20, 8, 4.6] },
      validation: { steps: [3919, 19599], values: [6, 4.556] },
    });
    expect(p.summary).toBe(
      'Loss curves: loss over steps 49 to 19,599. Final training loss 4.6, validation loss 4.556. Best validation loss 4.556 at step 19,599.',
    );
  });

  it('describeCurves(single step) says "at step"', () => {
    expect(prepareCurves({ train: [{ step: 1500, value: 2 }] }).summary).toBe('Loss curves: loss at step 1,500. Final training loss 2.');
  });

  it('describeCurves(NaN at epoch 3) adds the divergence sentence', () => {
    const p = prepareCurves({ train: [1, 0.5, NaN], validation: [1.2, 0.8, 0.7] });
    expect(p.summary).toBe(
      'Loss curves: loss over 3 epochs. Final training loss 0.5, validation loss 0.7. Best validation loss 0.7 at epoch 3. ' +
        'The training loss became NaN at epoch 3.',
    );
  });

  it('describeCurves(Infinity in validation at step 200) says infinite', () => {
    const p = prepareCurves({ train: { steps: [100, 200], values: [1, 2] }, validation: { steps: [100, 200], values: [1, Infinity] } });
    expect(p.summary).toContain('The validation loss became infinite at step 200.');
  });

  it('describeCurves(runs, the second diverging) names the run whose line holds the NaN', () => {
    const p = prepareCurves({
      runs: [
        { name: 'A', train: [1, 2, 3] },
        { name: 'B', train: [1, NaN, 3] },
      ],
    });
    expect(p.divergence).toEqual({ step: 2, key: 'train', value: NaN });
    expect(p.summary).toContain('The B training loss became NaN at epoch 2.');
  });

  it('describeCurves(nothing drawable) gives the title and the message', () => {
    expect(prepareCurves({}).summary).toBe('Loss curves. No data yet.');
    expect(prepareCurves({ train: [NaN] }).summary).toBe('Loss curves. No finite values: training loss is NaN from the first epoch.');
    expect(prepareCurves({ train: 7 }).summary).toBe(
      'Loss curves. train: expected an array of numbers, an array of {step, value} points or {steps, values}; got a number.',
    );
  });

  it('describeCurves(label and metric with HTML) carries them unchanged', () => {
    const evil = '<b onmouseover="x()">&</b>';
    const p = prepareCurves({ train: [1, 2], validation: [2, 1], label: evil, metric: evil });
    expect(p.summary).toBe(`${evil}: ${evil} over 2 epochs. Final training ${evil} 2, validation ${evil} 1. Best validation ${evil} 1 at epoch 2.`);
  });

  it('describeCurves(keras-efficientnet_from_scratch) finds the best val_loss at epoch 26', () => {
    expect(prepareCurves({ history: effScratch }).summary).toBe(
      'Loss curves: loss over 40 epochs. Final training loss 1.135, validation loss 4.222. Best validation loss 3.256 at epoch 26.',
    );
  });

  it('describeCurves(keras-structured_data_classification_from_scratch) finds the best val_loss at epoch 27', () => {
    const p = prepareCurves({ history: structured });
    expect(p.summary).toContain('over 50 epochs.');
    expect(p.summary).toContain('Best validation loss 0.365 at epoch 27.');
  });

  it('describeCurves(keras-california_housing_sgd_nan) reports the NaN from epoch 8 in the training loss', () => {
    const p = prepareCurves({ history: housing });
    expect(p.summary).toBe(
      'Loss curves: loss over 20 epochs. Final training loss 0.6756, validation loss 1.462. Best validation loss 0.5255 at epoch 1. ' +
        'The training loss became NaN at epoch 8.',
    );
  });

  it('describeCurves(lightning-slm_training) names the steps 49 to 5,739', () => {
    const p = prepareCurves({ train: slm.train, validation: slm.validation });
    expect(p.summary).toMatch(/^Loss curves: loss over steps 49 to 5,739\. Final training loss 5\.15, validation loss 5\.552\./);
    expect(p.summary).toContain('Best validation loss 5.552 at step 5,739.');
  });

  it('describeCurves(lightning-batch_effect_vae) names the steps 49 to 19,599', () => {
    expect(prepareCurves({ train: vae.train, validation: vae.validation }).summary).toMatch(/^Loss curves: loss over steps 49 to 19,599\./);
  });
});
