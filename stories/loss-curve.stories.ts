import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/index.js';
import efficientnet from './data/keras-efficientnet_from_scratch.json';
import transferFinetune from './data/keras-efficientnet_transfer_then_finetune.json';
import imbalanced from './data/keras-imbalanced_classification.json';
import slm from './data/lightning-slm_training.json';
import vae from './data/lightning-batch_effect_vae.json';
import cvImages from './data/lightning-cv_image_classification.json';
import {
  about,
  axisLabel,
  caption,
  drawn,
  frame,
  legendNames,
  lossCurve,
  part,
  pathOf,
  random,
  runs,
  stepsOf,
  textOf,
  tickLabels,
  vertices,
  xs,
} from './support.js';

/**
 * What `<loss-curve>` can do: every input form, fit annotations, run comparison, smoothing, log axes, labels, themes,
 * styling and sizes.
 * Each story's caption is its `parameters.docs.description.story`.
 */
const meta: Meta = {
  title: 'loss-curve/Features',
  component: 'loss-curve',
};
export default meta;
type Story = StoryObj;

// Thirty epochs of a small classifier that starts to overfit around epoch 18.
const TRAIN_30 = lossCurve(30, { start: 2.3, floor: 0.12, rate: 0.14, noise: 0.04, seed: 1 });
const VAL_30 = lossCurve(30, { start: 2.2, floor: 0.42, rate: 0.16, noise: 0.06, seed: 2, turn: 17, rise: 0.025 });

// ---------------------------------------------------------------------------------------------------------------
// Input forms

export const KerasHistoryLoss: Story = {
  name: 'Keras history: loss',
  parameters: about(
    'Pass a Keras `history.history` dict as `.history`: the chart plots `loss` and `val_loss` (EfficientNet trained ' +
      'from scratch, 40 epochs). Training loss keeps falling while validation loss bottoms out at epoch 26: ' +
      'overfitting, which the fit annotations mark (see Fit annotations below).',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(40);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(40);
    await expect(legendNames(root)).toEqual(['training', 'validation']);
    await expect(axisLabel(root, 'x-axis')).toBe('epoch');
    await expect(axisLabel(root, 'y-axis')).toBe('loss');
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Loss curves');
  },
};

export const KerasHistoryAccuracy: Story = {
  name: 'Keras history: accuracy',
  parameters: about(
    'The same history with `metric="accuracy"`: the chart plots `accuracy` and `val_accuracy`, and the y label ' + 'and title follow the metric.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" metric="accuracy" .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(40);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(40);
    await expect(axisLabel(root, 'y-axis')).toBe('accuracy');
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Accuracy curves');
  },
};

export const PlainArrays: Story = {
  name: 'Plain arrays',
  parameters: about(
    'Plain arrays of numbers as `.train` and `.validation`: one value per epoch, epoch 1 first. Thirty epochs; ' + 'validation loss turns up after epoch 18.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${TRAIN_30} .validation=${VAL_30}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(30);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(30);
    await expect(axisLabel(root, 'x-axis')).toBe('epoch');
    await expect(part(root, 'train-raw-line')).toBeNull();
    await expect(part(root, 'notice')).toBeNull();
  },
};

const TYPED_TRAIN = Float32Array.from(lossCurve(200, { start: 1.6, floor: 0.05, rate: 0.03, noise: 0.08, seed: 3 }));
const TYPED_VAL = Float32Array.from(lossCurve(200, { start: 1.5, floor: 0.11, rate: 0.035, noise: 0.05, seed: 4 }));

export const TypedArrays: Story = {
  name: 'Typed arrays (Float32Array)',
  parameters: about(
    'Typed arrays work like plain ones, so the output of `tensor.dataSync()` or a WebAssembly buffer can be passed ' +
      'without copying: two Float32Arrays of 200 epochs.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${TYPED_TRAIN} .validation=${TYPED_VAL}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(200);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(200);
    await expect(axisLabel(root, 'x-axis')).toBe('epoch');
  },
};

const POINTS_TRAIN = lossCurve(200, { start: 3.2, floor: 0.6, rate: 0.02, noise: 0.12, seed: 5 }).map((value, i) => ({
  step: (i + 1) * 25,
  value,
}));
const POINTS_VAL = lossCurve(10, { start: 2.4, floor: 0.75, rate: 0.35, noise: 0.02, seed: 6 }).map((value, i) => ({
  step: (i + 1) * 500,
  value,
}));

export const StepValuePoints: Story = {
  name: '{step, value} points',
  parameters: about(
    'Arrays of `{step, value}` points, as step-level loggers write them: training every 25 steps, validation every ' +
      '500. The x axis becomes "step", and the sparse validation points get dots.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${POINTS_TRAIN} .validation=${POINTS_VAL}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(200);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(10);
    await expect(runs(pathOf(root, 'validation-markers'))).toBe(10);
    await expect(axisLabel(root, 'x-axis')).toBe('step');
  },
};

export const ColumnarLightning: Story = {
  name: 'Columnar {steps, values} (PyTorch Lightning)',
  parameters: about(
    'Columnar `{steps, values}` series, as read from a PyTorch Lightning `metrics.csv`: a small language model, ' +
      '114 training points and 20 validation points over 5,739 steps.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${slm.train} .validation=${slm.validation}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(114);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(20);
    await expect(axisLabel(root, 'x-axis')).toBe('step');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Fit annotations and runs

export const FitAnnotations: Story = {
  name: 'Fit annotations',
  parameters: about(
    'On by default: a ring on the best validation epoch (26), the overfitting region from there on, and a dotted ' +
      "line where Keras's `EarlyStopping(patience=5)` would have stopped (epoch 31). The same analysis is on the " +
      'element as `analysis`.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement);
    await expect(stepsOf(root, 'best-marker')).toEqual([26]);
    await expect(stepsOf(root, 'overfit-region')).toEqual([26]);
    await expect(stepsOf(root, 'stop-line')).toEqual([31]);
    await expect(textOf(root, 'best-label')).toBe('best 3.256');
    // The labels say how much and name the early stop for what it is (short forms where the full ones do not fit).
    await expect(textOf(root, 'overfit-label')).toMatch(/overfit.*\+30 %/);
    await expect(textOf(root, 'stop-label')).toMatch(/^(EarlyStopping\(patience=5\)|stop \(p=5\))/);
    const analysis = el.analysis!;
    await expect(analysis.state).toBe('overfitting');
    await expect(analysis.onset).toBe(26);
  },
};

export const Patience: Story = {
  name: 'Fit annotations: patience',
  parameters: about('The same run with `patience="10"`: EarlyStopping waits 10 epochs without improvement, so the early-stop line ' + 'moves to epoch 36.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" patience="10" .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(stepsOf(root, 'best-marker')).toEqual([26]);
    await expect(stepsOf(root, 'stop-line')).toEqual([36]);
  },
};

export const AnnotationsOff: Story = {
  name: 'Fit annotations off',
  parameters: about('`no-annotations`: just the curves.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" no-annotations .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(40);
    for (const name of ['best-marker', 'overfit-region', 'stop-line', 'annotation-label']) {
      await expect(part(root, name)).toBeNull();
    }
  },
};

export const OverfitEvent: Story = {
  name: 'overfit event',
  parameters: about(
    'The element fires `overfit` when an overfitting onset appears or moves (also while a live run grows). Here a ' +
      "listener writes the event's summary under the chart.",
  ),
  render: (_, ctx) => {
    const onOverfit = (e: CustomEvent<{ onset: number; summary: string }>) => {
      const out = (e.target as HTMLElement).parentElement!.querySelector('output')!;
      out.textContent = `overfit: onset at epoch ${e.detail.onset}. ${e.detail.summary}`;
    };
    return frame(
      ctx,
      html`<loss-curve style="height:300px" .history=${efficientnet} @overfit=${onOverfit}></loss-curve>
        <output style="display:block;margin-top:8px;font-size:13px;color:#374151">no event yet</output>`,
    );
  },
  play: async ({ canvasElement }) => {
    await drawn(canvasElement);
    const out = canvasElement.querySelector('output')!;
    await waitFor(() => expect(out.textContent).toContain('overfit: onset at epoch 26.'));
  },
};

export const CompareRuns: Story = {
  name: 'Comparing runs',
  parameters: about(
    '`.runs` overlays several runs, one color each (validation solid, training dashed), each with its own ' +
      'annotations. The legend buttons hide and show runs; the play function hid "from scratch" and showed it again.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:320px"
        .runs=${[{ name: 'from scratch', history: efficientnet }, { name: 'transfer + fine-tune', history: transferFinetune }]}
      ></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[part~="legend-item"]')];
    await expect(buttons.map((b) => b.textContent?.trim())).toEqual(['from scratch', 'transfer + fine-tune']);
    await expect(root.querySelectorAll('[part~="validation-line"]').length).toBe(2);
    buttons[0].click();
    await waitFor(() => expect(root.querySelectorAll('[part~="validation-line"]').length).toBe(1));
    await expect(buttons[0].getAttribute('aria-pressed')).toBe('false');
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(35);
    buttons[0].click();
    await waitFor(() => expect(root.querySelectorAll('[part~="validation-line"]').length).toBe(2));
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Smoothing and scales

async function expectSmoothed(canvasElement: HTMLElement, trainPoints: number) {
  const { root } = await drawn(canvasElement);
  const smooth = pathOf(root, 'train-line');
  const raw = pathOf(root, 'train-raw-line');
  await expect(vertices(smooth)).toBe(trainPoints);
  await expect(vertices(raw)).toBe(trainPoints);
  await expect(smooth).not.toBe(raw);
  await expect(part(root, 'validation-raw-line')).toBeTruthy();
  // The raw curve stays visible but faint under the smoothed one.
  await expect(Number(getComputedStyle(part(root, 'train-raw-line')!).strokeOpacity)).toBeLessThan(0.5);
  await expect(Number(getComputedStyle(part(root, 'train-line')!).strokeOpacity)).toBe(1);
}

export const Smoothing06: Story = {
  name: 'Smoothing 0.6',
  parameters: about(
    '`smoothing="0.6"` (TensorBoard\'s debiased moving average) on a very noisy per-step training loss from ' +
      'PyTorch Lightning. The raw curve stays faint underneath.',
  ),
  render: (_, ctx) =>
    frame(ctx, html`<loss-curve style="height:300px" smoothing="0.6" .train=${cvImages.train} .validation=${cvImages.validation}></loss-curve>`),
  play: async ({ canvasElement }) => expectSmoothed(canvasElement, cvImages.train.steps.length),
};

export const Smoothing09: Story = {
  name: 'Smoothing 0.9',
  parameters: about('The same run with `smoothing="0.9"`: the trend is clear, the spikes are left to the faint raw curve.'),
  render: (_, ctx) =>
    frame(ctx, html`<loss-curve style="height:300px" smoothing="0.9" .train=${cvImages.train} .validation=${cvImages.validation}></loss-curve>`),
  play: async ({ canvasElement }) => expectSmoothed(canvasElement, cvImages.train.steps.length),
};

export const LogYImbalanced: Story = {
  name: 'Log y: imbalanced classification',
  parameters: about(
    '`log-y` on a Keras run with class weights: training loss sits at 1e-7 to 1e-6 while validation loss is at ' +
      '1e-2 to 1e-1. On a linear axis the training curve would be a flat line at zero.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" log-y .history=${imbalanced}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(30);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(30);
    await expect(tickLabels(root, 'y-axis').some((t) => /e-\d/.test(t))).toBe(true);
    await expect(part(root, 'notice')).toBeNull();
  },
};

export const LogYVae: Story = {
  name: 'Log y: VAE (Lightning)',
  parameters: about(
    "`log-y` on a VAE's ELBO loss: it starts at 326 and settles near 4, so on a linear axis everything after the " +
      'first few hundred steps is squashed against the bottom.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" log-y .train=${vae.train} .validation=${vae.validation}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(392);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(5);
    await expect(tickLabels(root, 'y-axis')).toContain('100');
    await expect(part(root, 'notice')).toBeNull();
  },
};

// A power-law loss over six decades of steps, logged at (rounded) log-spaced steps.
const LOG_STEPS = [...new Set(Array.from({ length: 120 }, (_, i) => Math.round(10 ** (i / 20))))];
const LOG_RND = random(7);
const LOG_X_TRAIN = { steps: LOG_STEPS, values: LOG_STEPS.map((s) => 1.7 + 9 * s ** -0.3 * (1 + 0.05 * (LOG_RND() - 0.5))) };
const LOG_X_VAL_STEPS = Array.from({ length: 11 }, (_, k) => Math.round(10 ** ((k + 1) / 2)));
const LOG_X_VAL = { steps: LOG_X_VAL_STEPS, values: LOG_X_VAL_STEPS.map((s) => 1.8 + 9 * s ** -0.3) };

export const LogX: Story = {
  name: 'Log x',
  parameters: about(
    '`log-x` spreads a run logged over six decades of steps (1 to ~900,000), as in scaling-law plots: on a ' +
      'linear axis the first thousand steps, where most of the learning happens, would be squeezed into one pixel.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" log-x .train=${LOG_X_TRAIN} .validation=${LOG_X_VAL}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const ticks = tickLabels(root, 'x-axis');
    await expect(ticks).toContain('10');
    await expect(ticks).toContain('1000');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(LOG_STEPS.length);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(11);
    // Evenly spaced in log steps means evenly spaced on screen.
    const x = xs(pathOf(root, 'validation-line'));
    const gaps = x.slice(1).map((v, i) => v - x[i]);
    await expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(3);
    await expect(part(root, 'notice')).toBeNull();
  },
};

export const NumberFormats: Story = {
  name: 'Number formats',
  parameters: about(
    '`y-format` and `x-format` take a d3-format specifier: `.0%` writes accuracy as percentages on the y axis and in ' +
      'the tooltip, `~s` writes optimizer steps as 2k, 4k. As properties (`yFormat`, `xFormat`) they also take a ' +
      'function from a number to its text.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve style="height:260px" metric="accuracy" y-format=".0%" .history=${efficientnet}></loss-curve>
        <loss-curve style="height:260px" x-format="~s" .train=${slm.train} .validation=${slm.validation}></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const [accuracy, steps] = canvasElement.querySelectorAll('loss-curve');
    await waitFor(() => expect(tickLabels(accuracy.shadowRoot!, 'y-axis').length).toBeGreaterThan(1));
    await expect(tickLabels(accuracy.shadowRoot!, 'y-axis').every((t) => t.endsWith('%'))).toBe(true);
    await waitFor(() => expect(tickLabels(steps.shadowRoot!, 'x-axis').some((t) => t.endsWith('k'))).toBe(true));
  },
};

export const Curves: Story = {
  name: 'Curves: step and monotone',
  parameters: about(
    '`curve="step"` (d3 `curveStepAfter`) holds each logged value until the next one; `curve="monotone"` ' +
      '(`curveMonotoneX`) draws a smooth line that does not overshoot the values. The default is `linear`.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve style="height:240px" curve="step" label="curve=step" .train=${TRAIN_30} .validation=${VAL_30}></loss-curve>
        <loss-curve style="height:240px" curve="monotone" label="curve=monotone" .train=${TRAIN_30} .validation=${VAL_30}></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const [step, monotone] = canvasElement.querySelectorAll('loss-curve');
    await waitFor(() => expect(pathOf(monotone.shadowRoot!, 'validation-line')).toMatch(/C/));
    await expect(pathOf(step.shadowRoot!, 'validation-line')).not.toMatch(/C/);
    await expect(vertices(pathOf(step.shadowRoot!, 'validation-line'))).toBe(2 * 30 - 1);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Labels, themes and styling

export const Labels: Story = {
  name: 'Axis labels and title',
  parameters: about('`x-label`, `y-label` and `label` (the accessible title) replace the defaults ("epoch", the metric name and ' + '"Loss curves").'),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:300px"
        x-label="optimizer step"
        y-label="cross-entropy (nats)"
        label="Small language model, Lightning"
        .train=${slm.train}
        .validation=${slm.validation}
      ></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(axisLabel(root, 'x-axis')).toBe('optimizer step');
    await expect(axisLabel(root, 'y-axis')).toBe('cross-entropy (nats)');
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Small language model, Lightning');
    await expect(part(root, 'svg')!.querySelector('title')!.textContent).toBe('Small language model, Lightning');
  },
};

export const DarkTheme: Story = {
  name: 'Dark theme',
  parameters: about('`theme="dark"` on a dark page: lighter curve colors, grid, text and tooltip.'),
  render: (_, ctx) => html`<div
    style="width:640px;max-width:100%;padding:16px;background:#0f172a;border-radius:8px;font-family:system-ui,sans-serif"
  >
    <p style="margin:0 0 12px;font-size:14px;line-height:1.45;color:#e5e7eb">${caption(ctx.parameters.docs.description.story)}</p>
    <loss-curve style="height:300px" theme="dark" .history=${efficientnet}></loss-curve>
  </div>`,
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(getComputedStyle(part(root, 'train-line')!).stroke).toBe('rgb(96, 165, 250)');
    await expect(getComputedStyle(part(root, 'validation-line')!).stroke).toBe('rgb(251, 146, 60)');
    await expect(getComputedStyle(part(root, 'legend-entry')!).color).toBe('rgb(229, 231, 235)');
  },
};

export const CustomColors: Story = {
  name: 'Custom colors, line width and font',
  parameters: about('CSS custom properties on the element: `--tc-train-color`, `--tc-validation-color`, `--tc-line-width` and ' + '`--tc-font-family`.'),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:300px;--tc-train-color:#059669;--tc-validation-color:#c026d3;--tc-line-width:3px;--tc-font-family:Georgia,'Times New Roman',serif"
        .history=${efficientnet}
      ></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const train = getComputedStyle(part(root, 'train-line')!);
    await expect(train.stroke).toBe('rgb(5, 150, 105)');
    await expect(train.strokeWidth).toBe('3px');
    await expect(getComputedStyle(part(root, 'validation-line')!).stroke).toBe('rgb(192, 38, 211)');
    await expect(getComputedStyle(part(root, 'svg')!).fontFamily).toContain('Georgia');
  },
};

export const PartStyling: Story = {
  name: '::part() styling',
  parameters: about(
    'Page CSS reaches inside through `::part()`: a dashed validation line, a bold legend on the right, a tinted ' + 'chart area and italic y-axis text.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<style>
          .part-demo::part(validation-line) {
            stroke-dasharray: 6 4;
          }
          .part-demo::part(legend) {
            justify-content: flex-end;
            font-weight: 600;
          }
          .part-demo::part(chart) {
            background: #f8fafc;
            border-radius: 8px;
          }
          .part-demo::part(y-axis) {
            font-style: italic;
          }
        </style>
        <loss-curve class="part-demo" style="height:300px" .history=${efficientnet}></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(getComputedStyle(part(root, 'validation-line')!).strokeDasharray).toBe('6px, 4px');
    await expect(getComputedStyle(part(root, 'legend')!).fontWeight).toBe('600');
    await expect(getComputedStyle(part(root, 'chart')!).backgroundColor).toBe('rgb(248, 250, 252)');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Sizes and interaction

export const Small: Story = {
  name: 'Small (260 × 160)',
  parameters: about('A small chart: fewer ticks, same curves. The annotation labels get crowded at this size; ' + '`no-annotations` suits thumbnails.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:160px" .history=${efficientnet}></loss-curve>`, 260),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(Number(part(root, 'svg')!.getAttribute('width'))).toBeLessThanOrEqual(260);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(40);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(40);
  },
};

export const Tall: Story = {
  name: 'Tall (480 × 640)',
  parameters: about('A tall chart gets more y ticks.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:640px" .history=${efficientnet}></loss-curve>`, 480),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(Number(part(root, 'svg')!.getAttribute('height'))).toBeGreaterThan(500);
    await expect(tickLabels(root, 'y-axis').length).toBeGreaterThanOrEqual(8);
  },
};

export const ResizableContainer: Story = {
  name: 'Resizable container',
  parameters: about(
    "The chart follows its container's width: drag the bottom-right corner of the dashed box. (The play function " + 'narrows it to 360px and back.)',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<div
        class="resizable"
        style="resize:horizontal;overflow:hidden;width:640px;min-width:180px;max-width:100%;padding:8px;border:1px dashed #9ca3af;box-sizing:border-box"
      >
        <loss-curve style="height:300px" .history=${efficientnet}></loss-curve>
      </div>`,
      660,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const box = canvasElement.querySelector<HTMLElement>('.resizable')!;
    const svgWidth = () => Number(part(root, 'svg')!.getAttribute('width'));
    const wide = svgWidth();
    await expect(wide).toBeGreaterThan(500);
    box.style.width = '360px';
    await waitFor(() => expect(svgWidth()).toBeLessThanOrEqual(360 - 16));
    await expect(vertices(pathOf(root, 'train-line'))).toBe(40);
    box.style.width = '640px';
    await waitFor(() => expect(svgWidth()).toBe(wide));
  },
};

export const KeyboardTooltip: Story = {
  name: 'Tooltip from the keyboard',
  parameters: about(
    'Hover the chart, or focus it and use the arrow keys, Home and End: a crosshair and a tooltip with both ' +
      'values. Here the play function pressed End, then ←, so the tooltip shows epoch 39.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .history=${efficientnet}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const chart = part(root, 'chart') as HTMLElement;
    chart.focus();
    chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await waitFor(() => expect(part(root, 'tooltip')!.hasAttribute('hidden')).toBe(false));
    await expect(textOf(root, 'tooltip')).toContain('Epoch 40');
    await expect(textOf(root, 'tooltip')).toContain('training 1.135');
    await expect(part(root, 'crosshair')).toBeTruthy();
    chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await waitFor(() => expect(textOf(root, 'tooltip')).toContain('Epoch 39'));
  },
};
