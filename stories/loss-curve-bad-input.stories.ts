import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../src/index.js';
import californiaNan from './data/keras-california_housing_sgd_nan.json';
import mnist from './data/keras-mnist_convnet.json';
import { about, axisLabel, drawn, frame, lossCurve, message, part, pathOf, random, runs, textOf, tickLabels, vertices, xs } from './support.js';

/**
 * What `<loss-curve>` does with data that is broken, odd or of the wrong type: it never throws, draws what it can,
 * marks divergence, and says in words what it left out.
 */
const meta: Meta = {
  title: 'loss-curve/Bad input',
  component: 'loss-curve',
};
export default meta;
type Story = StoryObj;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The divergence marker's label, after checking that the marker line is drawn. */
async function divergence(root: ShadowRoot): Promise<string> {
  await expect(part(root, 'divergence-marker')).toBeTruthy();
  return textOf(root, 'divergence-label');
}
const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]);

// Thirty epochs of a loss that decays at the default rate, with 5% noise.
const TRAIN_30 = lossCurve(30, { start: 2.3, floor: 0.15, seed: 11 });
const VAL_30 = lossCurve(30, { start: 2.2, floor: 0.4, seed: 12 });
/** A copy of `values` with some entries replaced. */
const withValues = <T>(values: readonly number[], changes: Record<number, T>): Array<number | T> => values.map((v, i) => (i in changes ? changes[i] : v));

const XSS = '<img src=x onerror=alert(1)>';

// ---------------------------------------------------------------------------------------------------------------
// NaN and Infinity

export const NanInTheMiddle: Story = {
  name: 'NaN in the middle',
  parameters: about(
    'A `NaN` at epoch 12 of the training loss (one bad batch under mixed precision, say), then training goes on. ' +
      'The line breaks there, and a dashed marker shows where the run first produced NaN.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${withValues(TRAIN_30, { 11: NaN })} .validation=${VAL_30}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement);
    await expect(await divergence(root)).toBe('NaN at epoch 12');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(29);
    await expect(runs(pathOf(root, 'train-line'))).toBe(2);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(30);
    await expect(el.summary).toContain('The training loss became NaN at epoch 12.');
  },
};

export const InfinityInTheMiddle: Story = {
  name: 'Infinity in the middle',
  parameters: about(
    'The validation loss is `Infinity` at epochs 9 and 10 (a log of zero). The validation line breaks there and the ' +
      'marker reads "∞ at epoch 9"; the axis still fits the finite values.',
  ),
  render: (_, ctx) =>
    frame(ctx, html`<loss-curve style="height:300px" .train=${TRAIN_30} .validation=${withValues(VAL_30, { 8: Infinity, 9: Infinity })}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(await divergence(root)).toBe('∞ at epoch 9');
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(28);
    await expect(runs(pathOf(root, 'validation-line'))).toBe(2);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(30);
  },
};

export const NanFromTheStart: Story = {
  name: 'NaN from the first epoch',
  parameters: about('Every value is `NaN` (a learning rate far too high): nothing to draw, and the message says why.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${[NaN, NaN, NaN, NaN]} .validation=${[NaN, NaN, NaN, NaN]}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('No finite values: training loss is NaN from the first epoch.');
  },
};

export const KerasNullReadAsNan: Story = {
  name: 'Keras history with null (NaN) from epoch 8',
  parameters: about(
    'keras-california_housing_sgd_nan.json through `.history`: JSON has no NaN, so where Keras printed `nan` the ' +
      'file has null, and a history reads null as NaN. The chart draws epochs 1-7 and marks "NaN at epoch 8".',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .history=${californiaNan}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(await divergence(root)).toBe('NaN at epoch 8');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(7);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(7);
  },
};

export const NullsInPlainArrays: Story = {
  name: 'The same nulls in plain arrays: diverged too',
  parameters: about(
    'The same arrays passed as `.train` and `.validation`: nulls that run to the end of both series are the NaN the ' +
      'run produced (JSON writes NaN as null), so the chart says diverged at epoch 8, as it does for `.history`.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${californiaNan.loss} .validation=${californiaNan.val_loss}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(part(root, 'divergence-marker')).not.toBeNull();
    await expect(vertices(pathOf(root, 'train-line'))).toBe(7);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(7);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Holes and strings

const HOLES_TRAIN = [2.31, 1.95, 1.72, null, 1.49, undefined, 1.31, 1.22, 1.18, null, null, 1.02, 0.98, 0.95, 0.93, 0.91];
const HOLES_VAL = [2.2, 1.9, 1.75, 1.6, 1.52, 1.45, 1.4, undefined, 1.33, 1.3, 1.28, 1.27, 1.27, 1.26, 1.26, 1.25];

export const NullAndUndefinedHoles: Story = {
  name: 'null and undefined holes',
  parameters: about(
    'Missing values (`null`, `undefined`) in plain arrays are gaps. Epoch 5 of the training loss sits between two ' +
      'gaps: no segment can draw it, so it gets a dot instead of vanishing.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${HOLES_TRAIN} .validation=${HOLES_VAL}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(12);
    await expect(runs(pathOf(root, 'train-line'))).toBe(4);
    await expect(runs(pathOf(root, 'train-markers'))).toBe(1);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(15);
    await expect(runs(pathOf(root, 'validation-line'))).toBe(2);
    await expect(part(root, 'divergence-marker')).toBeNull();
  },
};

const CSV_TRAIN = ['2.31', '1.95', ' 1.72 ', '1.5e0', '1.38', '1.29', '1.22', '1.17', '1.13', '1.10'];
const CSV_VAL = ['2.25', '1.98', '1.80', '1.71', '1.66', '1.62', '1.61', 'nan', 'nan', 'nan'];

export const NumericStrings: Story = {
  name: 'Numeric strings (CSV-style)',
  parameters: about(
    'Values as strings, as a CSV reader leaves them: "2.31", " 1.72 ", "1.5e0" are read as numbers, and "nan" as ' +
      'NaN, so the validation loss gets a divergence marker at epoch 8.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${CSV_TRAIN} .validation=${CSV_VAL}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(10);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(7);
    await expect(await divergence(root)).toBe('NaN at epoch 8');
  },
};

const WORDS_TRAIN = ['2.31', '1.95', 'n/a', '1.45', '', 'loss', '1.32', '1.25', '1.2', 'oops', '1.12', '1.09'];

export const NonNumericStrings: Story = {
  name: 'Non-numeric strings',
  parameters: about(
    'Strings that are not numbers ("n/a", "", "loss", "oops") cannot be drawn: they become gaps, and the isolated ' + 'value at epoch 4 gets a dot.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${WORDS_TRAIN} .validation=${VAL_30.slice(0, 12)}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(8);
    await expect(runs(pathOf(root, 'train-line'))).toBe(4);
    await expect(runs(pathOf(root, 'train-markers'))).toBe(1);
    await expect(part(root, 'divergence-marker')).toBeNull();
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Empty, tiny and mismatched

export const EmptyArrays: Story = {
  name: 'Empty arrays',
  parameters: about('`.train=${[]}` and `.validation=${[]}`, as at the start of a live run: a calm "No data yet."'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${[]} .validation=${[]}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('No data yet.');
  },
};

export const NoDataAtAll: Story = {
  name: 'No data at all',
  parameters: about('A bare `<loss-curve>` with no property set.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px"></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('No data yet.');
    const legend = canvasElement.querySelector('loss-curve')!.shadowRoot!.querySelectorAll('[part~="legend-item"], [part~="legend-entry"]');
    await expect(legend.length).toBe(0);
  },
};

export const SinglePoint: Story = {
  name: 'A single point',
  parameters: about('One epoch of each: a line needs two points, so each value is drawn as a dot.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${[0.42]} .validation=${[0.51]}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(1);
    await expect(runs(pathOf(root, 'train-markers'))).toBe(1);
    await expect(runs(pathOf(root, 'validation-markers'))).toBe(1);
    await expect(part(root, 'message')).toBeNull();
  },
};

export const MismatchedLengths: Story = {
  name: 'Mismatched lengths',
  parameters: about('30 training epochs but only 12 validation epochs (validation was switched off): each line is drawn over its ' + 'own epochs.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${TRAIN_30} .validation=${VAL_30.slice(0, 12)}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(30);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(12);
    const train = xs(pathOf(root, 'train-line'));
    const validation = xs(pathOf(root, 'validation-line'));
    // Same epochs, same x: validation stops at epoch 12 instead of being stretched over 30.
    await expect(validation[11]).toBeCloseTo(train[11], 1);
  },
};

const COLUMNAR_MISMATCH = {
  steps: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000],
  values: [2.4, 2.0, 1.75, 1.6, 1.5, 1.43, 1.38, 1.35],
};

export const ColumnarLengthMismatch: Story = {
  name: 'Columnar steps and values of different lengths',
  parameters: about('`{steps, values}` with 10 steps but 8 values (a CSV cut off mid-write): the first 8 pairs are drawn.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${COLUMNAR_MISMATCH}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(8);
    await expect(axisLabel(root, 'x-axis')).toBe('step');
  },
};

// 40 points every 50 steps, in shuffled order.
const ORDERED = lossCurve(40, { start: 3, floor: 0.8, seed: 13 }).map((value, i) => ({ step: (i + 1) * 50, value }));
const SHUFFLED = (() => {
  const rnd = random(14);
  const out = [...ORDERED];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
})();

export const UnsortedSteps: Story = {
  name: 'Unsorted steps',
  parameters: about(
    '`{step, value}` points in random order (merged from several workers): they are sorted by step, so the line ' + 'does not zigzag back and forth.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${SHUFFLED}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const d = pathOf(root, 'train-line');
    await expect(vertices(d)).toBe(40);
    await expect(increasing(xs(d))).toBe(true);
  },
};

// A run logged every 10 steps up to 600, resumed from the step-400 checkpoint: steps 410-600 are logged again.
const RESUMED = [
  ...lossCurve(60, { start: 2.5, floor: 1.2, seed: 15 }).map((value, i) => ({ step: (i + 1) * 10, value })),
  ...lossCurve(60, { start: 1.45, floor: 0.9, seed: 16 }).map((value, i) => ({ step: 410 + i * 10, value })),
];

export const DuplicateSteps: Story = {
  name: 'Duplicate steps (resumed run)',
  parameters: about(
    'A run resumed from its step-400 checkpoint logs steps 410-600 a second time. Of each repeated step the last ' +
      'value wins, so the line follows the resumed run without doubling back.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${RESUMED}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    const d = pathOf(root, 'train-line');
    await expect(vertices(d)).toBe(100);
    await expect(increasing(xs(d))).toBe(true);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Log axes

export const LogYWithZeroAndNegative: Story = {
  name: 'Log y with zero and negative values',
  parameters: about(
    '`log-y` with a 0 in the training loss and a −0.02 in the validation loss: they cannot be placed on a log ' +
      'axis, so they are left out (the lines break there) and a note under the chart says so.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:300px"
        log-y
        .train=${withValues(TRAIN_30, { 20: 0 })}
        .validation=${withValues(VAL_30, { 25: -0.02 })}
      ></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(textOf(root, 'notice')).toBe('log-y: 2 values ≤ 0 cannot be placed on a log axis and are not drawn.');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(29);
    await expect(runs(pathOf(root, 'train-line'))).toBe(2);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(29);
  },
};

export const LogYAllNonPositive: Story = {
  name: 'Log y with every value ≤ 0',
  parameters: about(
    '`log-y` on a log-likelihood (higher is better, so `mode="max"`), which is below zero throughout: nothing ' +
      'fits a log axis, so the chart falls back to a linear one and says so.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:300px"
        log-y
        mode="max"
        y-label="log-likelihood"
        .train=${TRAIN_30.map((v) => -v)}
        .validation=${VAL_30.map((v) => -v)}
      ></loss-curve>`,
    ),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(textOf(root, 'notice')).toBe('log-y: no value is above 0, so the y axis is linear.');
    await expect(tickLabels(root, 'y-axis')).toContain('−1');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(30);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(30);
  },
};

const FROM_STEP_ZERO = { steps: Array.from({ length: 50 }, (_, i) => i * 20), values: lossCurve(50, { start: 3, floor: 0.7, seed: 17 }) };

export const LogXWithStepZero: Story = {
  name: 'Log x with a step 0',
  parameters: about('`log-x` on a run whose first point is logged at step 0, which has no place on a log axis: it is left out, ' + 'with a note.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" log-x .train=${FROM_STEP_ZERO}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(textOf(root, 'notice')).toBe('log-x: 1 point at step ≤ 0 cannot be placed on a log axis and is not drawn.');
    await expect(vertices(pathOf(root, 'train-line'))).toBe(49);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Wrong types

export const StringAsTrain: Story = {
  name: 'A string as train',
  parameters: about('`.train="2.3, 1.9, 1.6"`: a string is not a series. The element says what it expected.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${'2.3, 1.9, 1.6'}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('train: expected an array of numbers, an array of {step, value} points or {steps, values}; got a string.');
  },
};

export const NumberAsTrain: Story = {
  name: 'A number as train, with valid validation',
  parameters: about(
    '`.train=${0.42}` next to a valid validation series: the validation curve is drawn, and a note says why the ' + 'training curve is missing.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${0.42} .validation=${VAL_30}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(textOf(root, 'notice')).toBe('train: expected an array of numbers, an array of {step, value} points or {steps, values}; got a number.');
    await expect(part(root, 'train-line')).toBeNull();
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(30);
  },
};

export const HistoryAsTrain: Story = {
  name: 'A whole history passed as train',
  parameters: about('A common mix-up: `.train=${history}` instead of `.history=${history}`.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .train=${mnist}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('train: expected an array of numbers, an array of {step, value} points or {steps, values}; got an object.');
  },
};

export const HistoryNotAnObject: Story = {
  name: 'A history that is not an object',
  parameters: about('`.history` set to an array instead of a `{loss: [...], val_loss: [...]}` dict.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" .history=${[0.9, 0.7, 0.6]}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('history: expected a Keras history object such as {loss: [...], val_loss: [...]}.');
  },
};

export const HistoryWithoutTheMetric: Story = {
  name: 'A history without the metric',
  parameters: about('`metric="acc"` (the TensorFlow 1 name) on a history that logged `accuracy`: the message lists the metrics the ' + 'history has.'),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" metric="acc" .history=${mnist}></loss-curve>`),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement)).toBe('history has no "acc" or "val_acc"; it has loss, accuracy.');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// HTML in text

/** Asserts that the HTML-looking text was shown as text: no element was made from it, inside or outside. */
async function expectNoImg(canvas: HTMLElement, root: ShadowRoot) {
  await expect(root.querySelector('img')).toBeNull();
  await expect(canvas.querySelector('img')).toBeNull();
}

export const HtmlInLabels: Story = {
  name: 'HTML in labels',
  parameters: about(`\`label\`, \`x-label\` and \`y-label\` all set to ${XSS}: they are shown as text, never parsed as HTML.`),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" label=${XSS} x-label=${XSS} y-label=${XSS} .history=${mnist}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(axisLabel(root, 'x-axis')).toBe(XSS);
    await expect(axisLabel(root, 'y-axis')).toBe(XSS);
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe(XSS);
    await expect(part(root, 'svg')!.querySelector('title')!.textContent).toBe(XSS);
    await expectNoImg(canvasElement, root);
  },
};

const XSS_HISTORY = { [XSS]: TRAIN_30.slice(0, 12), [`val_${XSS}`]: VAL_30.slice(0, 12) };

export const HtmlInMetricName: Story = {
  name: 'HTML in the metric name',
  parameters: about(`A history whose metric is named ${XSS}, plotted with that \`metric\`: the y label and the title show the name as text.`),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" metric=${XSS} .history=${XSS_HISTORY}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(axisLabel(root, 'y-axis')).toBe(XSS);
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe(`${XSS} curves`);
    await expect(vertices(pathOf(root, 'train-line'))).toBe(12);
    await expectNoImg(canvasElement, root);
  },
};

export const HtmlInMissingMetric: Story = {
  name: 'HTML in a missing metric name',
  parameters: about(`\`metric\` set to ${XSS} on a history without it: the message quotes the name as text.`),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:300px" metric=${XSS} .history=${mnist}></loss-curve>`),
  play: async ({ canvasElement }) => {
    const text = await message(canvasElement);
    await expect(text).toBe(`history has no "${XSS}" or "val_${XSS}"; it has loss, accuracy.`);
    await expectNoImg(canvasElement, canvasElement.querySelector('loss-curve')!.shadowRoot!);
  },
};
