import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
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
import { about, axisLabel, caption, drawn, finite, frame, legendNames, message, part, parts, pathOf, runs, stepsOf, textAt, textOf, vertices, ys } from './support.js';

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
    'keras-io\'s EfficientNet trained from scratch on Stanford Dogs (40 epochs), as `.history`. The gap (validation ' +
      'loss − training loss) starts near 0 and climbs past 3: validation loss is best at epoch 26 and rises after ' +
      'it while training loss keeps falling, so the onset line sits at epoch 26. Darker shading marks the stretches ' +
      'where the gap grows.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${efficientnet}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 40);
    await expect(part(root, 'chart')!.getAttribute('aria-label')).toBe('Loss generalization gap');
    await expect(legendNames(root)).toEqual(['generalization gap']);
    await expect(stepsOf(root, 'onset-marker')).toEqual([26]);
    await expect(textOf(root, 'annotation-label')).toBe('overfitting from epoch 26');
    await expect(pathOf(root, 'gap-area-growing')).not.toBe('');
    // The gap ends far above zero (the line's last vertex is above the zero line).
    await expect(ys(pathOf(root, 'gap-line')).at(-1)!).toBeLessThan(zeroY(root) - 100);
    await expect(el.analysis!.state).toBe('overfitting');
    await expect(el.summary).toContain('Latest gap 3.087 at epoch 40.');
  },
};

export const MildOverfitting: Story = {
  name: 'Mild overfitting: structured data',
  parameters: about(
    'keras-io\'s structured data classifier (50 epochs). Validation loss is below training loss for the first ' +
      'epochs (Dropout is on while training), so the gap starts negative; it crosses zero and creeps up to 0.09 ' +
      'after validation loss bottoms out at epoch 27.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${structured}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { root } = await expectHistoryGap(canvasElement, 50);
    await expect(stepsOf(root, 'onset-marker')).toEqual([27]);
    const y = ys(pathOf(root, 'gap-line'));
    await expect(y[0]).toBeGreaterThan(zeroY(root));
    await expect(y.at(-1)!).toBeLessThan(zeroY(root));
  },
};

export const NoOverfitting: Story = {
  name: 'No overfitting: MNIST convnet',
  parameters: about(
    'keras-io\'s MNIST convnet (11 epochs, Dropout 0.5). Validation loss stays below training loss, so the gap is ' +
      'negative throughout and shrinks towards zero; validation is still improving, so there is no onset.',
  ),
  render: (_, ctx) => frame(ctx, html`<overfit-gap style="height:300px" .history=${mnist}></overfit-gap>`),
  play: async ({ canvasElement }) => {
    const { el, root } = await expectHistoryGap(canvasElement, 11);
    await expect(part(root, 'onset-marker')).toBeNull();
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
    await expect(part(root, 'onset-marker')).toBeNull();
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
    await expect(part(root, 'onset-marker')).toBeNull();
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

// ---------------------------------------------------------------------------------------------------------------
// Options

export const Threshold: Story = {
  name: 'Threshold band',
  parameters: about(
    '`threshold="0.05"` on the structured data run: a band from 0 to 0.05 (the gap you accept) with a dashed edge. ' +
      'The gap leaves the band after the onset at epoch 27.',
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
    await expect(stepsOf(root, 'onset-marker')).toEqual([34]);
    await expect(ys(pathOf(root, 'gap-line')).at(-1)!).toBeLessThan(zeroY(root));
    await expect(el.summary).toContain('Validation accuracy was best at epoch 34');
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
    await expect(getComputedStyle(part(root, 'legend-item')!).color).toBe('rgb(229, 231, 235)');
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
  /** What the badge should say. */
  state: 'ok' | 'plateau' | 'overfitting' | 'diverged';
}

const TABLE: Row[] = [
  { name: 'EfficientNet from scratch', source: 'Keras', history: efficientnet, state: 'overfitting' },
  { name: 'EfficientNet transfer + fine-tune', source: 'Keras', history: transferFinetune, state: 'overfitting' },
  { name: 'Structured data', source: 'Keras', history: structured, state: 'overfitting' },
  { name: 'Time series (383 epochs)', source: 'Keras', history: timeseries, state: 'overfitting' },
  { name: 'MNIST convnet', source: 'Keras', history: mnist, state: 'ok' },
  { name: 'Imbalanced classification', source: 'Keras', history: imbalanced, state: 'plateau' },
  { name: 'California housing, SGD', source: 'Keras', history: californiaNan, state: 'diverged' },
  { name: 'Small language model', source: 'Lightning', log: slm, state: 'ok' },
  { name: 'Batch-effect VAE', source: 'Lightning', log: vae, state: 'ok' },
  { name: 'Image classification', source: 'Lightning', log: cvImages, state: 'ok' },
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
      'validation loss. Each badge has a sparkline of the gap, the latest gap and the state: ok, plateau ' +
      '(validation stopped improving and training did not get better either), overfitting, or diverged. The time ' +
      'series run counts as overfitting because its validation loss never beat epoch 333\'s in the last 50 epochs ' +
      '(Keras\'s EarlyStopping ended the run there) while training loss kept falling.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<style>
          /* Room for values like -0.007769, so the state pills line up down the column. */
          .run-table overfit-gap::part(value) {
            min-width: 5.6em;
          }
        </style>
        <table class="run-table" style="border-collapse:collapse;font-size:13px;color:#1f2937;width:100%">
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
            (row) => html`<tr data-state=${row.state}>
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
    for (const [i, tr] of rows.entries()) {
      const root = tr.querySelector('overfit-gap')!.shadowRoot!;
      await waitFor(() => expect(root.querySelector('[part~="state"]')).toBeTruthy());
      await expect(textOf(root, 'state')).toBe(TABLE[i].state);
      await expect(part(root, 'badge')!.classList.contains(`state-${TABLE[i].state}`)).toBe(true);
      await expect(vertices(pathOf(root, 'gap-line'))).toBeGreaterThan(1);
      await expect(textOf(root, 'value')).toMatch(/^-?[\d.]+(e-?\d+)?$/);
      // A badge is the size of a table cell.
      await expect(tr.querySelector('overfit-gap')!.getBoundingClientRect().height).toBeLessThan(40);
    }
    await expect(textAt(rows[6], 'td:nth-child(3)')).toBe('nan');
    await expect(textAt(rows[0], 'td:nth-child(3)')).toBe('4.222');
    // The badge's accessible name says the state in words.
    await expect(rows[0].querySelector('overfit-gap')!.shadowRoot!.querySelector('[part~="badge"]')!.getAttribute('aria-label')).toContain(
      'loss gap 3.087, overfitting',
    );
  },
};

export const BadgeThreshold: Story = {
  name: 'Compact badge with a threshold',
  parameters: about(
    'With `threshold`, a badge whose latest gap is above it shows the value in the warning color and says ' +
      '"above the threshold" to screen readers; the sparkline gets a dashed line at the threshold. Structured data ' +
      '(latest gap 0.09) against thresholds of 0.05 and 0.2.',
  ),
  render: (_, ctx) =>
    frame(
      ctx,
      html`<p style="margin:0 0 8px;font-size:14px">
          threshold 0.05: <overfit-gap class="low" compact threshold="0.05" .history=${structured}></overfit-gap>
        </p>
        <p style="margin:0;font-size:14px">
          threshold 0.2: <overfit-gap class="high" compact threshold="0.2" .history=${structured}></overfit-gap>
        </p>`,
    ),
  play: async ({ canvasElement }) => {
    const low = canvasElement.querySelector('overfit-gap.low')!.shadowRoot!;
    const high = canvasElement.querySelector('overfit-gap.high')!.shadowRoot!;
    await waitFor(() => expect(low.querySelector('[part~="badge"]')).toBeTruthy());
    await waitFor(() => expect(high.querySelector('[part~="badge"]')).toBeTruthy());
    await expect(part(low, 'badge')!.classList.contains('over')).toBe(true);
    await expect(part(low, 'badge')!.getAttribute('aria-label')).toContain('above the threshold');
    await expect(getComputedStyle(part(low, 'value')!).color).toBe('rgb(185, 28, 28)');
    await expect(part(low, 'threshold')).toBeTruthy();
    await expect(part(high, 'badge')!.classList.contains('over')).toBe(false);
    await expect(part(high, 'badge')!.getAttribute('aria-label')).not.toContain('above the threshold');
  },
};

const DROPOUT_RUNS = [
  { name: 'from scratch', history: efficientnet },
  { name: 'transfer + fine-tune', history: transferFinetune },
];

export const Runs: Story = {
  name: 'Runs',
  parameters: about(
    '`.runs` draws one gap per run in the run colors, each with its own onset, and the legend toggles them. ' +
      'EfficientNet from scratch against EfficientNet from pretrained weights (a frozen base for 25 epochs, then ' +
      'fine-tuned): the pretrained run\'s gap is negative while the base is frozen and turns slightly positive in ' +
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
    await expect(getComputedStyle(lines[0]).stroke).toBe('rgb(31, 119, 180)');
    await expect(getComputedStyle(lines[1]).stroke).toBe('rgb(255, 127, 14)');
    await expect(stepsOf(root, 'onset-marker')).toEqual([26, 26]);
    const labels = parts(root, 'annotation-label').map((l) => l.textContent);
    await expect(labels).toEqual(['from scratch: overfitting from epoch 26', 'transfer + fine-tune: overfitting from epoch 26']);
    await expect(el.analyses.map((a) => a.state)).toEqual(['overfitting', 'overfitting']);

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
    'A history with `val_loss` but no `loss` (as when training metrics were not logged): there is no gap to draw, ' +
      'and the element says so.',
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
