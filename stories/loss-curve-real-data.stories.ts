import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/index.js';
import californiaNan from './data/keras-california_housing_sgd_nan.json';
import efficientnet from './data/keras-efficientnet_from_scratch.json';
import transferFinetune from './data/keras-efficientnet_transfer_then_finetune.json';
import imbalanced from './data/keras-imbalanced_classification.json';
import mnist from './data/keras-mnist_convnet.json';
import structured from './data/keras-structured_data_classification_from_scratch.json';
import timeseries from './data/keras-timeseries_classification_from_scratch.json';
import vae from './data/lightning-batch_effect_vae.json';
import cvImages from './data/lightning-cv_image_classification.json';
import slm from './data/lightning-slm_training.json';
import { about, axisLabel, drawn, finite, frame, part, pathOf, runs, stepsOf, vertices } from './support.js';

/**
 * Every real training log in stories/data (see stories/data/README.md for sources): Keras histories through
 * `.history` and the metric the run logged, PyTorch Lightning `metrics.csv` columns through `.train`/`.validation`.
 */
const meta: Meta = {
  title: 'loss-curve/Real data',
  component: 'loss-curve',
};
export default meta;
type Story = StoryObj;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Width of every story's frame: room for the long real runs. */
const WIDTH = 720;

/** Checks a Keras story: both curves have one vertex per logged epoch, and the labels follow the metric. */
async function expectHistory(canvas: HTMLElement, history: Record<string, Array<number | null>>, metric: string) {
  const { el, root } = await drawn(canvas);
  await expect(vertices(pathOf(root, 'train-line'))).toBe(finite(history[metric]));
  await expect(vertices(pathOf(root, 'validation-line'))).toBe(finite(history[`val_${metric}`]));
  await expect(runs(pathOf(root, 'train-line'))).toBe(1);
  await expect(axisLabel(root, 'x-axis')).toBe('epoch');
  await expect(axisLabel(root, 'y-axis')).toBe(metric);
  await expect(part(root, 'message')).toBeNull();
  return { el, root };
}

/** Checks a Lightning story: one vertex per CSV row of each column, on a step axis. */
async function expectLightning(canvas: HTMLElement, log: typeof slm) {
  const { el, root } = await drawn(canvas);
  await expect(vertices(pathOf(root, 'train-line'))).toBe(log.train.steps.length);
  await expect(vertices(pathOf(root, 'validation-line'))).toBe(log.validation.steps.length);
  await expect(axisLabel(root, 'x-axis')).toBe('step');
  await expect(part(root, 'notice')).toBeNull();
  return { el, root };
}

// ---------------------------------------------------------------------------------------------------------------
// Keras

export const EfficientNetFromScratch: Story = {
  name: 'Keras: EfficientNet from scratch (loss)',
  parameters: about(
    'keras-io, EfficientNet trained from scratch on Stanford Dogs, 40 epochs. Clear overfitting: validation loss is ' +
      'lowest at epoch 26 (3.256) and 4.222 at epoch 40, while training loss keeps falling; validation is noisy. ' +
      'The annotations mark the best epoch and shade the overfitting from there on.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .history=${efficientnet}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistory(canvasElement, efficientnet, 'loss');
    await expect(el.summary).toContain('Best validation loss 3.256 at epoch 26');
    await expect(stepsOf(root, 'best-marker')).toEqual([26]);
    await expect(stepsOf(root, 'overfit-region')).toEqual([26]);
  },
};

export const EfficientNetFromScratchAccuracy: Story = {
  name: 'Keras: EfficientNet from scratch (accuracy)',
  parameters: about('The same run with `metric="accuracy"`: training accuracy climbs to 66% while validation accuracy stalls ' + 'around 24%.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" metric="accuracy" .history=${efficientnet}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { el } = await expectHistory(canvasElement, efficientnet, 'accuracy');
    // Accuracy is better when higher, so "best" is the highest validation accuracy.
    const best = Math.max(...efficientnet.val_accuracy);
    await expect(el.summary).toContain(`Best validation accuracy ${best}`);
  },
};

export const EfficientNetTransferThenFinetune: Story = {
  name: 'Keras: EfficientNet transfer, then fine-tuning',
  parameters: about(
    'Two `fit` calls on one model, joined: epochs 1-25 train the head on a frozen base, 26-35 fine-tune it. ' +
      'Training loss steps down at the boundary. Validation stays below training (augmentation, dropout) until ' +
      'fine-tuning pushes training past it; validation is best at epoch 26 and the chart shades the rest as overfitting.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .history=${transferFinetune}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistory(canvasElement, transferFinetune, 'loss');
    await expect(stepsOf(root, 'best-marker')).toEqual([26]);
  },
};

export const StructuredData: Story = {
  name: 'Keras: structured data classification',
  parameters: about(
    'keras-io, structured data classification from scratch, 50 epochs. Mild overfitting: validation loss is ' +
      'lowest at epoch 27 (0.365) and creeps up to 0.3743, while training loss goes from 0.63 to 0.28.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .history=${structured}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistory(canvasElement, structured, 'loss');
    await expect(el.summary).toContain('Best validation loss 0.365 at epoch 27');
    await expect(stepsOf(root, 'best-marker')).toEqual([27]);
  },
};

export const MnistConvnet: Story = {
  name: 'Keras: MNIST convnet',
  parameters: about(
    'keras-io, a small MNIST convnet, 11 epochs. No overfitting; validation loss is below training loss because ' + 'dropout is only active during training.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .history=${mnist}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistory(canvasElement, mnist, 'loss');
    // 11 validation points fit: each gets a dot.
    await expect(runs(pathOf(root, 'validation-markers'))).toBe(11);
    await expect(part(root, 'overfit-region')).toBeNull();
  },
};

export const TimeseriesLoss: Story = {
  name: 'Keras: time series classification (loss)',
  parameters: about(
    'keras-io, time series classification from scratch: a long run of 383 epochs, with very spiky validation loss ' +
      '(up to 4.11 against ~0.1) in the first ~120 epochs. The run used `EarlyStopping(patience=50)`; with ' +
      '`patience="50"` the chart replays it and its early-stop line lands on epoch 383, where the run really stopped.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" patience="50" .history=${timeseries}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistory(canvasElement, timeseries, 'loss');
    await expect(stepsOf(root, 'best-marker')).toEqual([333]);
    await expect(stepsOf(root, 'stop-line')).toEqual([383]);
    // Too many validation points for dots.
    await expect(part(root, 'validation-markers')).toBeNull();
  },
};

export const TimeseriesAccuracy: Story = {
  name: 'Keras: time series classification (sparse_categorical_accuracy)',
  parameters: about("The same run's accuracy, logged under the name `sparse_categorical_accuracy`: pass that name as `metric`."),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" metric="sparse_categorical_accuracy" .history=${timeseries}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    await expectHistory(canvasElement, timeseries, 'sparse_categorical_accuracy');
  },
};

export const ImbalancedLogY: Story = {
  name: 'Keras: imbalanced classification (log y)',
  parameters: about(
    'keras-io, imbalanced classification (credit card fraud) with class weights: training loss at 1e-7 to 1e-6, ' +
      'validation loss at 1e-2 to 1e-1, so it needs `log-y`. Unstable, but not overfitting.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" log-y .history=${imbalanced}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistory(canvasElement, imbalanced, 'loss');
    await expect(part(root, 'notice')).toBeNull();
  },
};

export const ImbalancedRecall: Story = {
  name: 'Keras: imbalanced classification (recall)',
  parameters: about('The same run logged precision, recall and the confusion counts; `metric="recall"` plots recall.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" metric="recall" .history=${imbalanced}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    await expectHistory(canvasElement, imbalanced, 'recall');
  },
};

export const CaliforniaHousingDiverges: Story = {
  name: 'Keras: California housing, SGD diverges (NaN)',
  parameters: about(
    'A regression trained with plain SGD: the loss oscillates, then Keras prints `nan` from epoch 8 on (saved as ' +
      'null in JSON). The chart draws the first 7 epochs and marks where the loss became NaN.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .history=${californiaNan}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistory(canvasElement, californiaNan, 'loss');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(7);
    await expect(part(root, 'divergence-marker')).toBeTruthy();
    await expect(part(root, 'divergence-label')!.textContent).toBe('NaN at epoch 8');
    await expect(el.summary).toContain('became NaN at epoch 8');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// PyTorch Lightning

export const SmallLanguageModel: Story = {
  name: 'Lightning: small language model',
  parameters: about(
    '0Xero7/slm_training, `train_loss_step` and `val_loss` from a CSVLogger: 114 training points and 20 validation ' +
      'points over 5,739 steps. Validation loss falls every epoch; no overfitting.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .train=${slm.train} .validation=${slm.validation}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectLightning(canvasElement, slm);
    await expect(runs(pathOf(root, 'validation-markers'))).toBe(20);
    // Validation improves at every check: the last one is the best, and nothing is shaded.
    await expect(stepsOf(root, 'best-marker')).toEqual([slm.validation.steps[19]]);
    await expect(part(root, 'overfit-region')).toBeNull();
  },
};

export const BatchEffectVaeLogY: Story = {
  name: 'Lightning: VAE ELBO loss (log y)',
  parameters: about(
    "Enderlogic/batch_effect, a VAE's `train_elbo_loss` and `val_elbo_loss` over 19,600 steps: training starts " +
      'at 326 and drops to ~4, so `log-y` is needed to see anything after the first epoch. Only 5 validation points.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" log-y .train=${vae.train} .validation=${vae.validation}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await expectLightning(canvasElement, vae);
    await expect(runs(pathOf(root, 'validation-markers'))).toBe(5);
  },
};

export const CvImageClassification: Story = {
  name: 'Lightning: image classification (noisy steps)',
  parameters: about(
    'HCDescamps/cv-image-classification: a very noisy per-step training loss (2e-4 to 0.63) and 6 validation ' +
      'points, the last one an extra row logged after training ended. See Features → Smoothing for this run smoothed.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:320px" .train=${cvImages.train} .validation=${cvImages.validation}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    await expectLightning(canvasElement, cvImages);
  },
};
