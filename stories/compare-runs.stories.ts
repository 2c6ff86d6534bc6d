import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/index.js';
import efficientnet from './data/keras-efficientnet_from_scratch.json';
import transferFinetune from './data/keras-efficientnet_transfer_then_finetune.json';
import mnist from './data/keras-mnist_convnet.json';
import structured from './data/keras-structured_data_classification_from_scratch.json';
import { about, type Chart, drawn, frame, part, parts, pathOf, stepsOf, tickLabels, vertices } from './support.js';

/**
 * Comparing training runs with `.runs` on real Keras histories: one color per run (validation solid, training
 * dashed), legend buttons that show and hide runs, per-run fit annotations, and `<loss-curve>` next to
 * `<overfit-gap>` on the same runs.
 */
const meta: Meta = {
  title: 'Compare runs/Real data',
  component: 'loss-curve',
};
export default meta;
type Story = StoryObj;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const buttonsOf = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('button[part~="legend-item"]')];
const pressed = (root: ShadowRoot) => buttonsOf(root).map((b) => b.getAttribute('aria-pressed'));
/** The run class (`run-0`, `run-1`, ...) of every element of a part. */
const runsOf = (root: ShadowRoot, name: string) => parts(root, name).map((e) => [...e.classList].find((c) => /^run-\d$/.test(c)));
/** Lines (`train-line`, `validation-line`) of the run with this name. */
const linesOf = (root: ShadowRoot, run: string) =>
  [...root.querySelectorAll('[part~="train-line"], [part~="validation-line"]')].filter((l) => l.getAttribute('data-run') === run);
/** Numeric tick labels of an axis. */
const ticks = (root: ShadowRoot, axis: 'x-axis' | 'y-axis') => tickLabels(root, axis).map(Number);
const labels = (root: ShadowRoot) => parts(root, 'annotation-label').map((l) => l.textContent?.trim() ?? '');

/** Width of a story's frame, unless it needs more. */
const WIDTH = 680;

const SCRATCH = 'from scratch';
const PRETRAINED = 'transfer + fine-tune';
const EFFICIENTNET_RUNS = [
  { name: SCRATCH, history: efficientnet },
  { name: PRETRAINED, history: transferFinetune },
];

// ---------------------------------------------------------------------------------------------------------------
// Stories

export const FromScratchVsPretrained: Story = {
  name: 'Dropout stand-in: EfficientNet from scratch vs pretrained',
  parameters: about(
    'stories/data has no pair of runs of one model with and without Dropout, so this compares the closest real ' +
      'pair, both from keras-io\'s EfficientNetB0 example on Stanford Dogs. "from scratch" starts from random ' +
      'weights and overfits: validation loss is best at epoch 26 (3.256) and ends at 4.222. "transfer + fine-tune" ' +
      'starts from ImageNet weights with the base frozen and a new head (BatchNormalization, Dropout(0.2)) for 25 ' +
      'epochs, then fine-tunes the top layers; its validation loss stays close to its training loss. Both networks ' +
      'contain Dropout layers and train on the same augmented images, so this is not a Dropout ablation: the main ' +
      'difference is pretrained weights. The play function hid "from scratch" with its legend button (the y axis ' +
      'refits to the other run) and showed it again.',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:340px" .runs=${EFFICIENTNET_RUNS}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement);
    const buttons = buttonsOf(root);
    await expect(buttons.map((b) => b.textContent?.trim())).toEqual([SCRATCH, PRETRAINED]);
    await expect(pressed(root)).toEqual(['true', 'true']);
    await expect(linesOf(root, SCRATCH).length).toBe(2);
    await expect(linesOf(root, PRETRAINED).length).toBe(2);
    await expect(el.analyses.map((a) => a.onset)).toEqual([26, 26]);
    const yTop = Math.max(...ticks(root, 'y-axis'));

    buttons[0].click();
    await waitFor(() => expect(buttons[0].getAttribute('aria-pressed')).toBe('false'));
    await waitFor(() => expect(linesOf(root, SCRATCH).length).toBe(0));
    await expect(buttons[0].title).toBe(`Show ${SCRATCH}`);
    await expect(linesOf(root, PRETRAINED).length).toBe(2);
    await expect(parts(root, 'validation-line').length).toBe(1);
    await expect(vertices(pathOf(root, 'validation-line'))).toBe(35);
    // The from-scratch run's annotations go with it, and the y axis refits to the pretrained run.
    await expect(runsOf(root, 'best-marker')).toEqual(['run-1']);
    await expect(Math.max(...ticks(root, 'y-axis'))).toBeLessThan(yTop);

    buttons[0].click();
    await waitFor(() => expect(buttons[0].getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(linesOf(root, SCRATCH).length).toBe(2));
    await expect(Math.max(...ticks(root, 'y-axis'))).toBe(yTop);
  },
};

export const PerRunAnnotations: Story = {
  name: 'Per-run annotations: structured data vs MNIST',
  parameters: about(
    'Each run gets its own fit annotations in its own color, labels prefixed with the run name. The structured ' +
      'data classifier overfits mildly (best epoch 27, overfitting region, EarlyStopping at 32); the MNIST convnet ' +
      'does not (best epoch 10, nothing else). The runs have 50 and 11 epochs; hiding the long one with ' +
      '`toggleRun("structured data", false)` refits the x axis to 11 epochs.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve
        style="height:340px"
        .runs=${[{ name: 'structured data', history: structured }, { name: 'MNIST', history: mnist }]}
      ></loss-curve>`,
      WIDTH,
    ),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement);
    await expect(stepsOf(root, 'best-marker')).toEqual([27, 10]);
    await expect(runsOf(root, 'best-marker')).toEqual(['run-0', 'run-1']);
    await expect(stepsOf(root, 'overfit-region')).toEqual([27]);
    await expect(runsOf(root, 'overfit-region')).toEqual(['run-0']);
    await expect(stepsOf(root, 'stop-line')).toEqual([32]);
    const text = labels(root);
    // Each label names what it marks and how much; with two runs they may use their short forms.
    await expect(text.some((t) => /best 0\.365$/.test(t))).toBe(true);
    await expect(text.some((t) => /best 0\.0301$/.test(t))).toBe(true);
    await expect(text.some((t) => /overfit.*\+2\.6 %/.test(t))).toBe(true);
    await expect(text.some((t) => /EarlyStopping\(patience=5\)|stop \(p=5\)/.test(t))).toBe(true);
    await expect(text.length).toBe(4);
    // Best markers are drawn in their run's color.
    const best = parts(root, 'best-marker');
    await expect(getComputedStyle(best[0]).stroke).toBe('rgb(42, 98, 201)');
    await expect(getComputedStyle(best[1]).stroke).toBe('rgb(176, 84, 0)');
    await expect(Math.max(...ticks(root, 'x-axis'))).toBeGreaterThanOrEqual(50);

    el.toggleRun('structured data', false);
    await waitFor(() => expect(pressed(root)).toEqual(['false', 'true']));
    await waitFor(() => expect(Math.max(...ticks(root, 'x-axis'))).toBeLessThanOrEqual(11));
    await expect(labels(root)).toEqual(['MNIST: best 0.0301']);
    el.toggleRun('structured data', true);
    await waitFor(() => expect(pressed(root)).toEqual(['true', 'true']));
    await waitFor(() => expect(labels(root).length).toBe(4));
  },
};

/** Shows or hides a run in every chart of the story, as one control. */
function toggleEverywhere(event: Event): void {
  const button = event.currentTarget as HTMLButtonElement;
  const show = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(show));
  const box = button.closest('.compare')!;
  for (const chart of box.querySelectorAll<Chart>('loss-curve, overfit-gap')) chart.toggleRun(button.dataset.run!, show);
}

const TOGGLE_STYLE = 'font:inherit;font-size:13px;padding:3px 10px;border-radius:999px;border:1px solid #9ca3af;background:#fff;cursor:pointer';

export const SideBySide: Story = {
  name: '<loss-curve> and <overfit-gap> side by side',
  parameters: about(
    'The same two `.runs` in `<loss-curve>` and `<overfit-gap>`: the run colors match, so the gap on the right ' +
      "reads against the curves on the left. Each chart's legend toggles its own runs; the buttons above call " +
      '`toggleRun()` on both (the play function used them to hide "from scratch" and show it again).',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<div class="compare">
        <div role="group" aria-label="Runs in both charts" style="display:flex;gap:8px;margin:0 0 8px;align-items:center;font-size:13px">
          Both charts:
          ${EFFICIENTNET_RUNS.map(
            (r) => html`<button type="button" class="toggle" data-run=${r.name} aria-pressed="true" style=${TOGGLE_STYLE} @click=${toggleEverywhere}>
              ${r.name}
            </button>`,
          )}
        </div>
        <div style="display:grid;grid-template-columns:1fr 1fr;gap:16px">
          <loss-curve style="height:320px" .runs=${EFFICIENTNET_RUNS}></loss-curve>
          <overfit-gap style="height:320px" .runs=${EFFICIENTNET_RUNS}></overfit-gap>
        </div>
      </div>`,
      900,
    ),
  play: async ({ canvasElement }) => {
    const curves = await drawn(canvasElement, 'loss-curve');
    const gap = await drawn(canvasElement, 'overfit-gap');
    const names = (root: ShadowRoot) => buttonsOf(root).map((b) => b.textContent?.trim());
    await expect(names(curves.root)).toEqual([SCRATCH, PRETRAINED]);
    await expect(names(gap.root)).toEqual([SCRATCH, PRETRAINED]);
    // Same color for the same run in both charts.
    const runColor = (root: ShadowRoot, selector: string) => getComputedStyle(root.querySelector(selector)!).stroke;
    await expect(runColor(curves.root, '[part~="validation-line"].run-0')).toBe('rgb(42, 98, 201)');
    await expect(runColor(gap.root, '.gap.run-0 [part~="gap-line"]')).toBe('rgb(42, 98, 201)');
    await expect(runColor(curves.root, '[part~="validation-line"].run-1')).toBe('rgb(176, 84, 0)');
    await expect(runColor(gap.root, '.gap.run-1 [part~="gap-line"]')).toBe('rgb(176, 84, 0)');
    await expect(stepsOf(curves.root, 'overfit-region')).toEqual([26, 26]);
    // The gap chart marks an onset only where the gap is positive: the fine-tuned run's validation stays below its
    // training loss until epoch 29.
    await expect(stepsOf(gap.root, 'overfit-marker')).toEqual([26, 29]);

    const toggle = canvasElement.querySelector<HTMLButtonElement>(`button.toggle[data-run="${SCRATCH}"]`)!;
    toggle.click();
    await waitFor(() => expect(pressed(curves.root)).toEqual(['false', 'true']));
    await waitFor(() => expect(pressed(gap.root)).toEqual(['false', 'true']));
    await waitFor(() => expect(linesOf(curves.root, SCRATCH).length).toBe(0));
    await waitFor(() => expect(parts(gap.root, 'gap-line').length).toBe(1));
    await expect(gap.root.querySelector(`.gap[data-run="${SCRATCH}"]`)).toBeNull();
    await expect(toggle.getAttribute('aria-pressed')).toBe('false');

    toggle.click();
    await waitFor(() => expect(pressed(curves.root)).toEqual(['true', 'true']));
    await waitFor(() => expect(parts(gap.root, 'gap-line').length).toBe(2));
    await waitFor(() => expect(linesOf(curves.root, SCRATCH).length).toBe(2));

    // A chart's own legend button toggles only that chart.
    buttonsOf(gap.root)[1].click();
    await waitFor(() => expect(pressed(gap.root)).toEqual(['true', 'false']));
    await expect(pressed(curves.root)).toEqual(['true', 'true']);
    buttonsOf(gap.root)[1].click();
    await waitFor(() => expect(pressed(gap.root)).toEqual(['true', 'true']));
  },
};

export const AccuracyRuns: Story = {
  name: 'Accuracy: from scratch vs pretrained',
  parameters: about(
    'The same two EfficientNet runs with `metric="accuracy"`: higher is better, so each run\'s best marker is its ' +
      'highest validation accuracy (from scratch: 25% at epoch 34; transfer + fine-tune: 79% at epoch 28).',
  ),
  render: (_, ctx) => frame(ctx, html`<loss-curve style="height:340px" metric="accuracy" .runs=${EFFICIENTNET_RUNS}></loss-curve>`, WIDTH),
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement);
    await expect(stepsOf(root, 'best-marker')).toEqual([34, 28]);
    // Full labels start with the run's name; short ones leave it to the run's color.
    await expect(labels(root).some((t) => t === `${SCRATCH}: best 0.2513` || t === 'best 0.2513')).toBe(true);
    await expect(labels(root).some((t) => t === `${PRETRAINED}: best 0.7885` || t === 'best 0.7885')).toBe(true);
    await expect(part(root, 'y-axis')!.querySelector('.axis-label')!.textContent).toBe('accuracy');
  },
};
