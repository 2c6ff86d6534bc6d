import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/index.js';
import type { FitAnalysis } from '../src/index.js';
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
import {
  about,
  axisLabel,
  caption,
  drawn,
  finite,
  frame,
  legendNames,
  message,
  part,
  parts,
  pathOf,
  runs,
  stepsOf,
  textAt,
  textOf,
  vertices,
  xs,
  ys,
} from './support.js';

/**
 * What `<overfit-gap>` shows: the generalization gap (validation − training for a loss, training − validation for
 * accuracy-like metrics) over time, on the real histories in stories/data, with a threshold band, the overfitting
 * onset, runs, a dark theme, the `compact` badge form in a table of runs, and input it cannot draw.
 */
const meta: Meta = {
  title: 'overfit-gap/Features',
  component: 'overfit-gap',
};
export default meta;
type Story = StoryObj;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/**
 * The steps where the chart marks each run's onset: the analysis's onset if the gap is positive there, else the
 * first later step where it is; none when the gap never is.
 */
const markedOnsets = (el: { analyses: FitAnalysis[] }) =>
  el.analyses.flatMap((a) => {
    if (a.onset === null) return [];
    const i = a.gap.steps.findIndex((s, k) => s >= a.onset! && a.gap.values[k] > 0);
    return i < 0 ? [] : [a.gap.steps[i]];
  });

/** Pixel y of the zero line. */
const zeroY = (root: ShadowRoot) => Number(part(root, 'zero-line')!.getAttribute('y1'));

/** Checks a gap chart of a Keras history: one gap point per epoch with both values, labels that follow the metric. */
async function expectHistoryGap(canvas: HTMLElement, points: number, metric = 'loss') {
  const { el, root } = await drawn(canvas, 'overfit-gap');
  await expect(vertices(pathOf(root, 'gap-line'))).toBe(points);
  await expect(axisLabel(root, 'x-axis')).toBe('epoch');
  await expect(axisLabel(root, 'y-axis')).toBe(`${metric} gap (${metric === 'loss' ? 'val − train' : 'train − val'})`);
  await expect(part(root, 'zero-line')).toBeTruthy();
  await expect(part(root, 'message')).toBeNull();
  return { el, root };
}

// ---------------------------------------------------------------------------------------------------------------
// Real histories

export const OverfittingFromScratch: Story = {
  name: 'Overfitting: EfficientNet from scratch',
  parameters: about(
    "keras-io's EfficientNet trained from scratch on Stanford Dogs (40 epochs), as `.history`. The gap (validation " +
      'loss − training loss) starts near 0 and climbs past 3: validation loss is best at epoch 26 and rises after ' +
      'it while training loss keeps falling, so the onset line sits at epoch 26. The area under a positive gap is ' +
      'shaded in the gap color.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${efficientnet}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 40);
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Loss generalization gap');
    await expect(legendNames(root)).toEqual(['generalization gap']);
    await expect(stepsOf(root, 'overfit-marker')).toEqual([26]);
    await expect(textOf(root, 'annotation-label')).toBe('overfitting from epoch 26');
    await expect(
      parts(root, 'gap-area')
        .find((n) => !n.matches('[part~="gap-area-negative"]'))!
        .getAttribute('d'),
    ).not.toBe('');
    // The gap ends far above zero (the line's last vertex is above the zero line).
    await expect(ys(pathOf(root, 'gap-line')).at(-1)!).toBeLessThan(zeroY(root) - 100);
    await expect(el.analysis!.state).toBe('overfitting');
    await expect(el.summary).toContain('Latest gap 3.087 at epoch 40.');
  },
};

export const MildOverfitting: Story = {
  name: 'Mild overfitting: structured data',
  parameters: about(
    "keras-io's structured data classifier (50 epochs). Validation loss is below training loss for the first " +
      'epochs (Dropout is on while training), so the gap starts negative, shaded neutral grey: validation doing ' +
      'better is no alarm. It crosses zero and creeps up to 0.09 after validation loss bottoms out at epoch 27. The ' +
      'gap at epoch 27 is just below zero, so the onset is marked at epoch 28, the first epoch from 27 on where ' +
      'training does better than validation.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${structured}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 50);
    await expect(el.analysis!.onset).toBe(27);
    await expect(stepsOf(root, 'overfit-marker')).toEqual([28]);
    await expect(getComputedStyle(part(root, 'gap-area-negative')!).fill).toBe('rgb(107, 114, 128)');
    await expect(pathOf(root, 'gap-area-negative')).not.toBe('');
    const y = ys(pathOf(root, 'gap-line'));
    await expect(y[0]).toBeGreaterThan(zeroY(root));
    await expect(y.at(-1)!).toBeLessThan(zeroY(root));
  },
};

export const NoOverfitting: Story = {
  name: 'No overfitting: MNIST convnet',
  parameters: about(
    "keras-io's MNIST convnet (11 epochs, Dropout 0.5). Validation loss stays below training loss, so the gap is " +
      'negative throughout and shrinks towards zero; validation is still improving, so there is no onset.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${mnist}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 11);
    await expect(part(root, 'overfit-marker')).toBeNull();
    await expect(part(root, 'annotation-label')).toBeNull();
    // Every point of the gap is below the zero line.
    const zero = zeroY(root);
    await expect(ys(pathOf(root, 'gap-line')).every((y) => y > zero)).toBe(true);
    await expect(el.analysis!.state).toBe('ok');
    await expect(el.summary).toContain('no sign of overfitting');
  },
};

export const DivergedNan: Story = {
  name: 'Diverged: NaN from epoch 8',
  parameters: about(
    'A California housing regression trained with SGD at too high a learning rate: both losses swing, then are ' +
      'NaN from epoch 8 on. The gap is drawn for epochs 1-7 and stops there; the x axis keeps all 20 epochs. The ' +
      'state is "diverged", which the screen-reader summary (and the compact badge) say.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${californiaNan}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 7);
    await expect(finite(californiaNan.val_loss)).toBe(7);
    await expect(runs(pathOf(root, 'gap-line'))).toBe(1);
    await expect(part(root, 'overfit-marker')).toBeNull();
    await expect(el.analysis!.state).toBe('diverged');
    await expect(el.summary).toContain('Training diverged: values became NaN or infinite at epoch 8');
  },
};

export const LightningMisalignedSteps: Story = {
  name: 'Lightning: validation steps between training steps',
  parameters: about(
    'A small language model from a PyTorch Lightning `metrics.csv`: training loss every 50 steps (49, 99, ...), ' +
      'validation every 287 (286, 573, ...), never at the same step. The gap is taken at each of the 20 validation ' +
      'steps, with training interpolated there (the last check, at step 5,739, reads the last training value, at ' +
      '5,699). Validation is still improving, so there is no onset although the gap widens. The play function ' +
      'pressed End: the tooltip shows both values.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .train=${slm.train} .validation=${slm.validation}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement, 'overfit-gap');
    await expect(vertices(pathOf(root, 'gap-line'))).toBe(slm.validation.steps.length);
    await expect(axisLabel(root, 'x-axis')).toBe('step');
    await expect(part(root, 'overfit-marker')).toBeNull();
    await expect(el.analysis!.state).toBe('ok');
    const chart = part(root, 'chart') as HTMLElement;
    chart.focus();
    chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await waitFor(() => expect(part(root, 'tooltip')!.hasAttribute('hidden')).toBe(false));
    const tip = textOf(root, 'tooltip');
    await expect(tip).toContain('Step 5,739');
    await expect(tip).toContain('gap 0.4027');
    await expect(tip).toContain('val 5.552');
    await expect(tip).toContain('train 5.15');
  },
};

export const LightningSparseValidation: Story = {
  name: 'Lightning: sparse validation drawn as steps',
  parameters: about(
    'Two Lightning `metrics.csv` logs that validate once per epoch while logging training every 50 steps: a ' +
      'batch-effect VAE (5 checks over 392 training logs, 19,599 steps) and an image classifier (6 checks over 171). ' +
      'With at least 10 training logs per validation check, validation is sparse: each check is a dot, and its gap ' +
      "holds as a step until the next check (d3's curveStepAfter) instead of a straight line that would invent a " +
      "trend between checks thousands of steps apart. The VAE's one bad check, at step 11,759, is one block, not a " +
      'triangle.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<overfit-gap class="vae" style="height:240px" .train=${vae.train} .validation=${vae.validation}></overfit-gap>
        <overfit-gap class="cv" style="height:240px;margin-top:12px" .train=${cvImages.train} .validation=${cvImages.validation}></overfit-gap>`,
    ),
  play: async ({ canvasElement }) => {
    for (const [selector, log] of [
      ['overfit-gap.vae', vae],
      ['overfit-gap.cv', cvImages],
    ] as const) {
      const { root } = await drawn(canvasElement, selector);
      const n = log.validation.steps.length;
      const d = pathOf(root, 'gap-line');
      await expect(vertices(d)).toBe(2 * n - 1);
      // Horizontal and vertical segments only.
      const x = xs(d);
      const y = ys(d);
      for (let i = 1; i < x.length; i++) await expect(x[i] === x[i - 1] || y[i] === y[i - 1]).toBe(true);
      await expect(runs(pathOf(root, 'gap-markers'))).toBe(n);
    }
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Options

export const Threshold: Story = {
  name: 'Threshold band',
  parameters: about(
    '`threshold="0.05"` on the structured data run: a band from 0 to 0.05 (the gap you accept) with a dashed edge. ' +
      'The gap leaves the band at the onset, marked at epoch 28.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" threshold="0.05" .history=${structured}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistoryGap(canvasElement, 50);
    const band = part(root, 'threshold')!;
    await expect(band.getAttribute('data-value')).toBe('0.05');
    await expect(textOf(root, 'threshold-label')).toBe('threshold 0.05');
    // The band runs from the zero line up to the threshold line.
    const rect = band.querySelector('rect')!;
    const edge = Number(band.querySelector('line')!.getAttribute('y1'));
    await expect(Number(rect.getAttribute('y'))).toBeCloseTo(edge, 1);
    await expect(Number(rect.getAttribute('y')) + Number(rect.getAttribute('height'))).toBeCloseTo(zeroY(root), 1);
    await expect(edge).toBeLessThan(zeroY(root));
    // The last point of the gap (0.09) is above the band.
    await expect(ys(pathOf(root, 'gap-line')).at(-1)!).toBeLessThan(edge);
  },
};

export const AccuracyMetric: Story = {
  name: 'Accuracy (max mode: train − val)',
  parameters: about(
    '`metric="accuracy"`: for a metric where higher is better the gap is training − validation, so positive still ' +
      'means the model does better on the data it trained on. EfficientNet from scratch: training accuracy climbs ' +
      'to 66% while validation accuracy stalls near 24%; validation accuracy is best at epoch 34.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" metric="accuracy" .history=${efficientnet}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 40, 'accuracy');
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Accuracy generalization gap');
    await expect(stepsOf(root, 'overfit-marker')).toEqual(markedOnsets(el));
    await expect(ys(pathOf(root, 'gap-line')).at(-1)!).toBeLessThan(zeroY(root));
    await expect(el.summary).toContain('best 0.2513 at epoch 34');
  },
};

export const DarkTheme: Story = {
  name: 'Dark theme',
  parameters: about('`theme="dark"` on a dark page, with a threshold of 1: lighter gap, grid, text and band colors.'),
  render: (_, ctx) => html`<div
    style="width:640px;max-width:100%;padding:16px;background:#0f172a;border-radius:8px;font-family:system-ui,sans-serif"
  >
    <p style="margin:0 0 12px;font-size:14px;line-height:1.45;color:#e5e7eb">${caption(ctx.parameters.docs.description.story)}</p>
    <overfit-gap style="height:300px" theme="dark" threshold="1" .history=${efficientnet}></overfit-gap>
    <p style="margin:12px 0 0;font-size:14px;color:#e5e7eb">
      Badge: <overfit-gap compact theme="dark" threshold="1" .history=${efficientnet}></overfit-gap>
    </p>
  </div>`,
  play: async ({ canvasElement }) => {
    const { root } = await drawn(canvasElement, 'overfit-gap');
    await expect(getComputedStyle(part(root, 'gap-line')!).stroke).toBe('rgb(167, 139, 250)');
    await expect(getComputedStyle(part(root, 'legend-entry')!).color).toBe('rgb(229, 231, 235)');
    await expect(getComputedStyle(part(root, 'threshold')!.querySelector('line')!).stroke).toBe('rgb(248, 113, 113)');
    const badge = canvasElement.querySelector('overfit-gap[compact]')!.shadowRoot!;
    await waitFor(() => expect(badge.querySelector('[part~="state"]')).toBeTruthy());
    await expect(getComputedStyle(badge.querySelector('[part~="state"]')!).color).toBe('rgb(248, 113, 113)');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Badges and runs

type Log = { train: { steps: number[]; values: number[] }; validation: { steps: number[]; values: number[] } };
interface Row {
  name: string;
  source: string;
  /** Data for the badge: a Keras history or Lightning columns. */
  history?: Record<string, Array<number | null>>;
  log?: Log;
}

const TABLE: Row[] = [
  { name: 'EfficientNet from scratch', source: 'Keras', history: efficientnet },
  { name: 'EfficientNet transfer + fine-tune', source: 'Keras', history: transferFinetune },
  { name: 'Structured data', source: 'Keras', history: structured },
  { name: 'Time series (383 epochs)', source: 'Keras', history: timeseries },
  { name: 'MNIST convnet', source: 'Keras', history: mnist },
  { name: 'Imbalanced classification', source: 'Keras', history: imbalanced },
  { name: 'California housing, SGD', source: 'Keras', history: californiaNan },
  { name: 'Small language model', source: 'Lightning', log: slm },
  { name: 'Batch-effect VAE', source: 'Lightning', log: vae },
  { name: 'Image classification', source: 'Lightning', log: cvImages },
];

/** The last validation loss a run logged, as printed (a JSON null is the nan Keras printed). */
function finalValidation(row: Row): string {
  const v = row.history ? row.history.val_loss.at(-1) : row.log!.validation.values.at(-1);
  return typeof v === 'number' ? Number(v.toPrecision(4)).toString() : 'nan';
}

const CELL = 'padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:middle';

export const BadgeTable: Story = {
  name: 'Compact badges in a run table',
  parameters: about(
    '`<overfit-gap compact>` in a table cell: one row per real training log in stories/data, with its final ' +
      'validation loss. Each badge has a sparkline of the gap, the latest gap and the state: ok (green), plateau ' +
      '(validation stopped improving and training did not get better either) or noisy (grey), overfitting (amber ' +
      'while mild, red once clear), or diverged (red). Every badge is as wide and every value has one format ' +
      '(signed, three decimals), so the column reads at a glance. The two Lightning runs with a handful of ' +
      'validation checks have step sparklines.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<table class="run-table" style="border-collapse:collapse;font-size:13px;color:#1f2937;width:100%">
        <thead>
          <tr>
            <th style=${CELL}>run</th>
            <th style=${CELL}>logged by</th>
            <th style="${CELL};text-align:right">final val loss</th>
            <th style=${CELL}>loss gap</th>
          </tr>
        </thead>
        <tbody>
          ${TABLE.map(
            (row) => html`<tr>
              <td style=${CELL}>${row.name}</td>
              <td style=${CELL}>${row.source}</td>
              <td style="${CELL};text-align:right;font-variant-numeric:tabular-nums">${finalValidation(row)}</td>
              <td style=${CELL}>
                <overfit-gap
                  compact
                  label=${`${row.name}: loss gap`}
                  .history=${row.history}
                  .train=${row.log?.train}
                  .validation=${row.log?.validation}
                ></overfit-gap>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`,
      720,
    ),
  play: async ({ canvasElement }) => {
    const rows = [...canvasElement.querySelectorAll('tbody tr')];
    await expect(rows.length).toBe(TABLE.length);
    for (const tr of rows) {
      const root = tr.querySelector('overfit-gap')!.shadowRoot!;
      await waitFor(() => expect(root.querySelector('[part~="state"]')).toBeTruthy());
      const state = (tr.querySelector('overfit-gap') as unknown as { analysis: FitAnalysis }).analysis.state;
      await expect(textOf(root, 'state')).toBe(state);
      await expect(part(root, 'badge')!.classList.contains(`state-${state}`)).toBe(true);
      await expect(vertices(pathOf(root, 'gap-line'))).toBeGreaterThan(1);
      await expect(textOf(root, 'value')).toMatch(/^[+−]\d+\.\d{3}$/);
      // A badge is the size of a table cell.
      await expect(tr.querySelector('overfit-gap')!.getBoundingClientRect().height).toBeLessThan(40);
    }
    await expect(textAt(rows[6], 'td:nth-child(3)')).toBe('nan');
    await expect(textAt(rows[0], 'td:nth-child(3)')).toBe('4.222');
    // The badge's accessible name says the state in words.
    await expect(rows[0].querySelector('overfit-gap')!.shadowRoot!.querySelector('[part~="badge"]')!.getAttribute('aria-label')).toContain(
      'loss gap +3.087, overfitting',
    );
    // Fixed layout: every badge is as wide.
    const widths = rows.map((tr) => part(tr.querySelector('overfit-gap')!.shadowRoot!, 'badge')!.getBoundingClientRect().width);
    for (const w of widths) await expect(w).toBeCloseTo(widths[0], 1);
  },
};

export const BadgeThreshold: Story = {
  name: 'Compact badge with a threshold',
  parameters: about(
    'With `threshold`, a badge whose latest gap is above it shows the value in bold, in the color of its state ' +
      'pill, and says "above the threshold" to screen readers; the sparkline gets a dashed line at the threshold. ' +
      'Structured data (latest gap 0.09) against thresholds of 0.05 and 0.2. A run that is otherwise fine but above ' +
      'the threshold is never a green "ok": the Lightning language model (validation still improving, latest gap ' +
      '0.403) says "high gap" in amber.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<p style="margin:0 0 8px;font-size:14px">
          threshold 0.05: <overfit-gap class="low" compact threshold="0.05" .history=${structured}></overfit-gap>
        </p>
        <p style="margin:0 0 8px;font-size:14px">
          threshold 0.2: <overfit-gap class="high" compact threshold="0.2" .history=${structured}></overfit-gap>
        </p>
        <p style="margin:0;font-size:14px">
          language model, threshold 0.05:
          <overfit-gap class="slm" compact threshold="0.05" .train=${slm.train} .validation=${slm.validation}></overfit-gap>
        </p>`,
    ),
  play: async ({ canvasElement }) => {
    const low = canvasElement.querySelector('overfit-gap.low')!.shadowRoot!;
    const high = canvasElement.querySelector('overfit-gap.high')!.shadowRoot!;
    await waitFor(() => expect(low.querySelector('[part~="badge"]')).toBeTruthy());
    await waitFor(() => expect(high.querySelector('[part~="badge"]')).toBeTruthy());
    await expect(part(low, 'badge')!.classList.contains('over')).toBe(true);
    await expect(part(low, 'badge')!.getAttribute('aria-label')).toContain('above the threshold');
    await expect(getComputedStyle(part(low, 'value')!).color).toBe(getComputedStyle(part(low, 'state')!).color);
    await expect(getComputedStyle(part(low, 'state')!).color).not.toBe('rgb(21, 128, 61)');
    const slmRoot = canvasElement.querySelector('overfit-gap.slm')!.shadowRoot!;
    await waitFor(() => expect(slmRoot.querySelector('[part~="badge"]')).toBeTruthy());
    await expect(textOf(slmRoot, 'state')).toBe('high gap');
    await expect(getComputedStyle(part(slmRoot, 'state')!).color).toBe('rgb(180, 83, 9)');
    await expect(part(low, 'threshold')).toBeTruthy();
    await expect(part(high, 'badge')!.classList.contains('over')).toBe(false);
    await expect(part(high, 'badge')!.getAttribute('aria-label')).not.toContain('above the threshold');
  },
};

const DROPOUT_RUNS = [
  { name: 'from scratch', history: efficientnet },
  { name: 'transfer + fine-tune', history: transferFinetune },
];

export const StackedWithLossCurve: Story = {
  name: 'Stacked under a loss curve (sync)',
  parameters: about(
    'A `<loss-curve>` over an `<overfit-gap>`, both `sync="cv"`, on the Lightning image classifier: training from ' +
      'step 49, validation (and so the gap) from step 1,718. In a sync group the charts share the x range (the ' +
      "union of their data's), the plot's left edge (the widest y labels'), the zoom and the crosshair, so each " +
      'step is at the same x in both. Drag across either chart to zoom both; hover one to see the crosshair in the ' +
      'other, at its nearest check.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<loss-curve style="height:220px" sync="cv" .train=${cvImages.train} .validation=${cvImages.validation}></loss-curve>
        <overfit-gap style="height:200px" sync="cv" .train=${cvImages.train} .validation=${cvImages.validation}></overfit-gap>`,
    ),
  play: async ({ canvasElement }) => {
    const curve = await drawn(canvasElement, 'loss-curve');
    const gap = await drawn(canvasElement, 'overfit-gap');
    const edges = (root: ShadowRoot) => {
      const line = part(root, 'x-axis')!.querySelector('line')!;
      return [Number(line.getAttribute('x1')), Number(line.getAttribute('x2'))];
    };
    await waitFor(() => expect(edges(gap.root)).toEqual(edges(curve.root)));
    // The validation checks and the gap's steps are at the same x.
    const checks = xs(pathOf(curve.root, 'validation-line'));
    const steps = xs(pathOf(gap.root, 'gap-line')).filter((_, i) => i % 2 === 0);
    await expect(steps.length).toBe(checks.length);
    for (const [i, x] of checks.entries()) await expect(Math.abs(steps[i] - x)).toBeLessThan(0.5);
  },
};

export const Runs: Story = {
  name: 'Runs',
  parameters: about(
    '`.runs` draws one gap per run in the run colors, each with its own onset, and the legend toggles them. ' +
      'EfficientNet from scratch against EfficientNet from pretrained weights (a frozen base for 25 epochs, then ' +
      "fine-tuned): the pretrained run's gap is negative while the base is frozen and turns slightly positive in " +
      'fine-tuning. Below, the same runs as compact badges: one per run.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<overfit-gap class="chart" style="height:320px" .runs=${DROPOUT_RUNS}></overfit-gap>
        <p style="margin:12px 0 0;font-size:14px">
          Badges: <overfit-gap class="badges" compact .runs=${DROPOUT_RUNS}></overfit-gap>
        </p>`,
    ),
  play: async ({ canvasElement }) => {
    const { el, root } = await drawn(canvasElement, 'overfit-gap.chart');
    await expect(legendNames(root)).toEqual(['from scratch', 'transfer + fine-tune']);
    const lines = parts(root, 'gap-line');
    await expect(lines.length).toBe(2);
    await expect(vertices(lines[0].getAttribute('d')!)).toBe(40);
    await expect(vertices(lines[1].getAttribute('d')!)).toBe(35);
    // Each run in its own color (`--tc-run-1-color`, `--tc-run-2-color`).
    await expect(getComputedStyle(lines[0]).stroke).not.toBe(getComputedStyle(lines[1]).stroke);
    await expect(getComputedStyle(lines[0]).stroke).not.toBe(getComputedStyle(part(root, 'zero-line')!).stroke);
    // The pretrained run's gap is still negative at its onset: its marker sits where the gap turns positive.
    const marked = markedOnsets(el);
    await expect(stepsOf(root, 'overfit-marker')).toEqual(marked);
    const labels = parts(root, 'annotation-label').map((l) => l.textContent);
    const names = ['from scratch', 'transfer + fine-tune'].filter((_, i) => el.analyses[i].onset !== null);
    await expect(labels).toEqual(names.map((name, i) => `${name}: overfitting from epoch ${marked[i]}`));

    const badges = canvasElement.querySelector('overfit-gap.badges')!.shadowRoot!;
    await waitFor(() => expect(badges.querySelectorAll('[part~="badge"]').length).toBe(2));
    await expect([...badges.querySelectorAll('.run-name')].map((n) => n.textContent)).toEqual(['from scratch', 'transfer + fine-tune']);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Bad input

export const Empty: Story = {
  name: 'Bad input: no data',
  parameters: about('A bare `<overfit-gap>` and a bare compact one: a calm message and an empty badge ("—").'),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<overfit-gap style="height:200px"></overfit-gap>
        <p style="margin:12px 0 0;font-size:14px">Badge: <overfit-gap class="badge" compact></overfit-gap></p>`,
    ),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement, 'overfit-gap', ['svg'])).toBe('No data yet.');
    const badge = canvasElement.querySelector('overfit-gap.badge')!.shadowRoot!;
    await waitFor(() => expect(badge.querySelector('[part~="badge"]')).toBeTruthy());
    await expect(textOf(badge, 'badge')).toBe('—');
    await expect(part(badge, 'badge')!.getAttribute('aria-label')).toBe('No data yet.');
  },
};

export const OnlyValidation: Story = {
  name: 'Bad input: only validation',
  parameters: about(
    'A history with `val_loss` but no `loss` (as when training metrics were not logged): there is no gap to draw, ' + 'and the element says so.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<overfit-gap style="height:200px" .history=${{ val_loss: mnist.val_loss }}></overfit-gap>
        <p style="margin:12px 0 0;font-size:14px">
          Badge: <overfit-gap class="badge" compact .history=${{ val_loss: mnist.val_loss }}></overfit-gap>
        </p>`,
    ),
  play: async ({ canvasElement }) => {
    await expect(await message(canvasElement, 'overfit-gap', ['svg'])).toBe('The gap needs both training and validation values.');
    const badge = canvasElement.querySelector('overfit-gap.badge')!.shadowRoot!;
    await waitFor(() => expect(badge.querySelector('[part~="badge"]')).toBeTruthy());
    await expect(part(badge, 'badge')!.getAttribute('aria-label')).toBe('The gap needs both training and validation values.');
  },
};
