import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../src/index.js';
import type { LossCurve, OverfitGap, OverfitEventDetail } from '../src/index.js';
import { about, frame, part, pathOf, random, vertices, ys } from './support.js';

/**
 * Live training: points streamed into a chart with `appendPoints(train, validation)` as a training loop would send
 * them. Appends within one animation frame are drawn once; each line is decimated to at most 4 vertices per pixel
 * column (M4), so a million points draw as fast as a thousand. Streaming stops when the story leaves the page.
 */
const meta: Meta = {
  title: 'Live training/Streaming',
  component: 'loss-curve',
};
export default meta;
type Story = StoryObj;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The current stream of each chart: a new stream (a replay) ends the one before. */
const streams = new WeakMap<Element, object>();

/**
 * Calls `tick` once per animation frame while `el` is in the page, until `tick` returns false. Stops for good once
 * the element has left the page (the story was closed), if it never arrives, or when another stream starts on it.
 */
function everyFrame(el: Element, tick: (now: number) => boolean): void {
  const token = {};
  streams.set(el, token);
  let seen = false;
  const start = performance.now();
  const loop = (now: number) => {
    if (streams.get(el) !== token) return;
    if (el.isConnected) seen = true;
    else if (seen || now - start > 10_000) return;
    else {
      requestAnimationFrame(loop);
      return;
    }
    if (tick(now)) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

/** Frames per second over the last second. */
class FrameRate {
  private times: number[] = [];
  add(now: number): number {
    this.times.push(now);
    while (this.times.length > 1 && now - this.times[0] > 1000) this.times.shift();
    const span = now - this.times[0];
    return span > 0 ? ((this.times.length - 1) * 1000) / span : 0;
  }
}

/** Width in pixels of the plot area: the x axis line. */
const plotWidth = (root: ShadowRoot) => {
  const axis = part(root, 'x-axis')!.querySelector('line')!;
  return Number(axis.getAttribute('x2')) - Number(axis.getAttribute('x1'));
};
/** The value at pixel `y`, read off two labeled ticks of the (linear) y axis. */
function valueAtY(root: ShadowRoot, y: number): number {
  const ticks = [...part(root, 'y-axis')!.querySelectorAll('text:not(.axis-label)')].map((t) => ({
    pos: Number(t.getAttribute('y')),
    value: Number(t.textContent),
  }));
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  return a.value + ((y - a.pos) * (b.value - a.value)) / (b.pos - a.pos);
}
/** Asserts that a line is decimated: at most 4 vertices per pixel column, plus one point past each edge. */
async function expectDecimated(root: ShadowRoot, name: string): Promise<string> {
  const d = pathOf(root, name);
  await expect(d).not.toBe('');
  await expect(vertices(d)).toBeLessThanOrEqual(4 * plotWidth(root) + 2);
  return d;
}

/**
 * Renders a story's template into a fresh element and starts `stream` on its `<loss-curve>`; the stream begins once
 * the element is in the page.
 */
function mount(template: TemplateResult, stream: (chart: LossCurve) => void): HTMLElement {
  const host = document.createElement('div');
  render(template, host);
  stream(host.querySelector<LossCurve>('loss-curve')!);
  return host;
}

/** A batch in columnar form (`{steps, values}`), the cheapest form to append. */
interface Batch {
  steps: number[];
  values: number[];
}
const batch = (): Batch => ({ steps: [], values: [] });

// ---------------------------------------------------------------------------------------------------------------
// A run that starts to overfit while you watch

// 4,096 steps fill the x axis, which grows ahead of the run in sixteenths of a span that doubles (1 to 4,465 at the end).
const RUN_STEPS = 4096;
const RUN_PER_FRAME = 32;
const VALIDATE_EVERY = 50;

/** A generated run: training loss every step, validation every 50 steps turning up after step 1,400. */
function overfittingRun() {
  const trainNoise = random(21);
  const validationNoise = random(22);
  return {
    train: (s: number) => (0.2 + 2.1 * Math.exp(-s / 380)) * (1 + 0.08 * (trainNoise() - 0.5)),
    validation: (s: number) => (0.42 + 1.95 * Math.exp(-s / 420) + (s > 1400 ? 0.00016 * (s - 1400) : 0)) * (1 + 0.006 * (validationNoise() - 0.5)),
  };
}

/** Ends a chart's stream and drops its appended points (a bare `requestUpdate()` prepares the data again). */
async function reset(...charts: Array<LossCurve | OverfitGap>): Promise<void> {
  for (const chart of charts) {
    streams.delete(chart);
    chart.requestUpdate();
  }
  await Promise.all(charts.map((c) => c.updateComplete));
}

/** Streams the generated run into the story's chart and badge, from step 1, at 32 steps per frame. */
function streamRun(chart: LossCurve): void {
  const box = chart.closest('.live')!;
  const badge = box.querySelector<OverfitGap>('overfit-gap')!;
  const status = box.querySelector<HTMLOutputElement>('output.status')!;
  const run = overfittingRun();
  let step = 0;
  everyFrame(chart, () => {
    const train = batch();
    const validation = batch();
    for (let i = 0; i < RUN_PER_FRAME && step < RUN_STEPS; i++) {
      step++;
      train.steps.push(step);
      train.values.push(run.train(step));
      if (step % VALIDATE_EVERY === 0) {
        validation.steps.push(step);
        validation.values.push(run.validation(step));
      }
    }
    const v = validation.steps.length ? validation : null;
    chart.appendPoints(train, v);
    badge.appendPoints(train, v);
    status.value = `step ${step.toLocaleString('en-US')} of ${RUN_STEPS.toLocaleString('en-US')}`;
    status.dataset.step = String(step);
    return step < RUN_STEPS;
  });
}

/** Clears the chart, the badge and the log, then streams the run again. */
async function replayRun(event: Event): Promise<void> {
  const box = (event.currentTarget as HTMLElement).closest('.live')!;
  const chart = box.querySelector<LossCurve>('loss-curve')!;
  const badge = box.querySelector<OverfitGap>('overfit-gap')!;
  await reset(chart, badge);
  box.querySelector('ol.log')!.replaceChildren();
  streamRun(chart);
}

/** Writes each `overfit` event under the chart. */
function logOverfit(event: CustomEvent<OverfitEventDetail>): void {
  const box = (event.currentTarget as HTMLElement).closest('.live')!;
  const at = box.querySelector<HTMLOutputElement>('output.status')!.dataset.step ?? '?';
  const d = event.detail;
  const item = document.createElement('li');
  item.textContent = `${Number(at).toLocaleString('en-US')} steps streamed: overfitting since step ${d.onset?.toLocaleString('en-US')} (best validation loss ${d.best?.value.toFixed(4)}). ${d.summary}`;
  box.querySelector('ol.log')!.append(item);
}

/** Width of every story's frame. */
const WIDTH = 680;
const BUTTON_STYLE = 'font:inherit;font-size:13px;padding:3px 10px;border-radius:6px;border:1px solid #9ca3af;background:#fff;cursor:pointer';

export const OverfittingLive: Story = {
  name: 'A run that starts to overfit',
  parameters: about(
    'A generated run streamed with `appendPoints(train, validation)`: training loss every step, validation every ' +
      '50 steps, 32 steps per animation frame. Validation loss bottoms out at step 1,450 and turns up; five checks ' +
      'later (step 1,700, with the default patience of 5) the onset appears, the overfitting region is shaded, the ' +
      '`overfit` event fires (logged below the chart), and the compact `<overfit-gap>` badge, fed the same points, ' +
      'turns to "overfitting". The x axis grows ahead of the run a sixteenth of its doubling span at a time, so the ' +
      'curve always fills most of the plot. Replay streams it again.',
  ),
  render: (_, ctx) =>
    mount(
      frame(
        ctx,
        html`<div class="live">
          <loss-curve style="height:320px" @overfit=${logOverfit}></loss-curve>
          <div style="display:flex;gap:12px;align-items:center;margin-top:8px;font-size:13px;color:#374151">
            <output class="status" style="font-variant-numeric:tabular-nums;min-width:11em">waiting for the first step</output>
            <overfit-gap compact></overfit-gap>
            <button type="button" style=${BUTTON_STYLE} @click=${replayRun}>Replay</button>
          </div>
          <p style="margin:10px 0 2px;font-size:13px;font-weight:600;color:#374151">overfit events</p>
          <ol class="log" style="margin:0;padding-left:20px;font-size:13px;line-height:1.45;color:#374151"></ol>
        </div>`,
        WIDTH,
      ),
      streamRun,
    ),
  play: async ({ canvasElement }) => {
    const chart = canvasElement.querySelector<LossCurve>('loss-curve')!;
    const root = chart.shadowRoot!;
    const log = canvasElement.querySelector('ol.log')!;
    // Points arrive: the train line is drawn and decimated.
    await waitFor(() => expect(Number(canvasElement.querySelector<HTMLOutputElement>('output.status')!.dataset.step)).toBeGreaterThan(200), {
      timeout: 3000,
    });
    await waitFor(() => expect(pathOf(root, 'train-line')).not.toBe(''));
    await expectDecimated(root, 'train-line');
    // The onset appears live and the event is logged.
    await waitFor(() => expect(log.children.length).toBeGreaterThan(0), { timeout: 4500 });
    await expect(log.children[0].textContent).toContain('overfitting since step 1,450');
    await expect(chart.analysis!.onset).toBe(1450);
    await waitFor(() => expect(part(root, 'overfit-region')).toBeTruthy());
    await expect(part(root, 'overfit-region')!.getAttribute('data-step')).toBe('1450');
    await expect(part(root, 'x-axis')!.querySelector('.axis-label')!.textContent).toBe('step');
    await expectDecimated(root, 'train-line');
    const badge = canvasElement.querySelector('overfit-gap')!.shadowRoot!;
    await waitFor(() => expect(badge.querySelector('[part~="state"]')?.textContent).toBe('overfitting'));
  },
};

// ---------------------------------------------------------------------------------------------------------------
// A million points

const MILLION = 1_000_000;
const POINTS_PER_FRAME = 20_000;
const VALIDATION_EVERY = 20_000;
/** Single-step spikes (a bad batch): step → loss. The first is the highest value of the run. */
const SPIKES = new Map([
  [120_000, 4.6],
  [400_000, 4.2],
  [650_000, 3.9],
  [900_000, 4.4],
]);

/** A step-level loss: a decay towards 0.9 with 8% seeded noise, and the spikes above. */
function millionRun() {
  const noise = random(31);
  const base = (s: number) => 0.9 + 2.1 * Math.exp(-s / 90_000) + 0.15 * Math.exp(-s / 600_000);
  return {
    train: (s: number) => SPIKES.get(s) ?? base(s) * (1 + 0.08 * (noise() - 0.5)),
    validation: (s: number) => base(s) * 1.06 + 0.01 * (noise() - 0.5),
  };
}

/** Streams a million training points into the chart, 20,000 per frame, with a live counter. */
function streamMillion(chart: LossCurve): void {
  const counter = chart.closest('.live')!.querySelector<HTMLOutputElement>('output.counter')!;
  const run = millionRun();
  const rate = new FrameRate();
  const steps = new Float64Array(POINTS_PER_FRAME);
  const values = new Float64Array(POINTS_PER_FRAME);
  let step = 0;
  let frames = 0;
  let fps = 0;
  const t0 = performance.now();
  everyFrame(chart, (now) => {
    const n = Math.min(POINTS_PER_FRAME, MILLION - step);
    const validation = batch();
    for (let i = 0; i < n; i++) {
      step++;
      steps[i] = step;
      values[i] = run.train(step);
      if (step % VALIDATION_EVERY === 0) {
        validation.steps.push(step);
        validation.values.push(run.validation(step));
      }
    }
    chart.appendPoints({ steps: steps.subarray(0, n), values: values.subarray(0, n) }, validation);
    frames++;
    fps = rate.add(now);
    const done = step >= MILLION;
    const seconds = ((now - t0) / 1000).toFixed(1);
    counter.value = `${step.toLocaleString('en-US')} points · ${frames} frames · ${fps.toFixed(0)} fps · ${seconds} s${done ? ' · done' : ''}`;
    counter.dataset.points = String(step);
    return !done;
  });
}

async function replayMillion(event: Event): Promise<void> {
  const chart = (event.currentTarget as HTMLElement).closest('.live')!.querySelector<LossCurve>('loss-curve')!;
  await reset(chart);
  streamMillion(chart);
}

export const MillionPoints: Story = {
  name: 'A million points',
  parameters: about(
    'A generated step-level run streamed to 1,000,000 training points at 20,000 per animation frame (a decaying ' +
      'loss with seeded noise and four single-step spikes), with validation every 20,000 steps. Each frame appends ' +
      'only the new points; each pixel column keeps its first, lowest, highest and last point (M4), so the path ' +
      'stays at most 4 vertices per column and every one-step spike still reaches its peak. The counter shows ' +
      'points, frames and frames per second.',
  ),
  render: (_, ctx) =>
    mount(
      frame(
        ctx,
        html`<div class="live">
          <loss-curve style="height:320px"></loss-curve>
          <div style="display:flex;gap:12px;align-items:center;margin-top:8px;font-size:13px;color:#374151">
            <output class="counter" data-points="0" style="font-variant-numeric:tabular-nums;min-width:26em">0 points</output>
            <button type="button" style=${BUTTON_STYLE} @click=${replayMillion}>Replay</button>
          </div>
        </div>`,
        WIDTH,
      ),
      streamMillion,
    ),
  play: async ({ canvasElement }) => {
    const chart = canvasElement.querySelector<LossCurve>('loss-curve')!;
    const root = chart.shadowRoot!;
    const counter = canvasElement.querySelector<HTMLOutputElement>('output.counter')!;
    await waitFor(() => expect(Number(counter.dataset.points)).toBeGreaterThanOrEqual(10 * POINTS_PER_FRAME), { timeout: 4000 });
    await waitFor(() => expect(pathOf(root, 'train-line')).not.toBe(''));
    await waitFor(async () => {
      // One snapshot of the path and the axis: the stream keeps drawing meanwhile.
      const d = await expectDecimated(root, 'train-line');
      // Decimated, not thinned: about 4 vertices per column.
      await expect(vertices(d)).toBeGreaterThan(plotWidth(root));
      // The highest point drawn (smallest y) is the spike at step 120,000, at its full height.
      const top = Math.min(...ys(d));
      await expect(Math.abs(valueAtY(root, top) - SPIKES.get(120_000)!)).toBeLessThan(0.05);
    });
  },
};
