/**
 * Large data is prepared in chunks, a task each, while the chart says what it is reading; the chart it then draws is
 * the one a preparation in one go draws. The thresholds are lowered so that a few thousand points take many chunks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LossCurve } from '../../src/index.js';
import { DataController } from '../../src/elements/shared/data-controller.js';
import { part, settle } from './helpers.js';

const defaults = { threshold: DataController.chunkThreshold, points: DataController.chunkPoints };
beforeEach(() => {
  DataController.chunkThreshold = 1000;
  DataController.chunkPoints = 128;
});
afterEach(() => {
  DataController.chunkThreshold = defaults.threshold;
  DataController.chunkPoints = defaults.points;
  for (const el of document.querySelectorAll('.chunk-host')) el.remove();
});

/** A run of n epochs: training falls; validation falls to its best at `turn`, then rises (none when turn ≥ n). */
function run(n: number, turn: number, seed = 1): { train: Float64Array; validation: Float64Array } {
  let s = seed;
  const noise = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
  const train = Float64Array.from({ length: n }, (_, i) => 2 * Math.exp(-i / (n / 4)) + 0.2 + noise());
  const validation = Float64Array.from({ length: n }, (_, i) => 2 * Math.exp(-Math.min(i, turn) / (n / 4)) + 0.3 + Math.max(0, i - turn) / n + noise());
  return { train, validation };
}

interface Drawn {
  el: LossCurve;
  overfit: unknown[];
}

function create(props: Record<string, unknown>): Drawn {
  const host = document.createElement('div');
  host.className = 'chunk-host';
  host.style.width = '600px';
  document.body.append(host);
  const el = document.createElement('loss-curve') as LossCurve;
  el.style.height = '300px';
  const overfit: unknown[] = [];
  el.addEventListener('overfit', (e) => overfit.push((e as CustomEvent).detail.onset));
  Object.assign(el, props);
  host.append(el);
  return { el, overfit };
}

/** Waits until the chart has read its data (its "Reading" status is gone). */
async function read(el: LossCurve): Promise<void> {
  for (let i = 0; i < 500 && /Reading/.test(part(el, 'message')?.textContent ?? ''); i++) await settle(el);
  await settle(el);
}

/** What a user sees and a screen reader reads: every path, every text, the summary. */
function picture(el: LossCurve) {
  const root = el.shadowRoot!;
  return {
    paths: [...root.querySelectorAll('path')].map((p) => p.getAttribute('d')),
    texts: [...root.querySelectorAll('svg text')].map((t) => t.textContent),
    summary: root.querySelector('#summary')?.textContent,
    message: part(el, 'message')?.textContent ?? null,
  };
}

async function oneShot(props: Record<string, unknown>): Promise<Drawn> {
  DataController.chunkThreshold = Infinity;
  const drawn = create(props);
  await read(drawn.el);
  return drawn;
}

describe('large data, prepared in chunks', () => {
  it('says what it reads, as a status, then draws the chart a preparation in one go draws, and fires overfit once', async () => {
    const data = run(3000, 1200);
    const chunked = create(data);
    await chunked.el.updateComplete;
    const status = part(chunked.el, 'message')!;
    expect(status.textContent).toBe('Reading 6,000 points…');
    expect(status.getAttribute('role')).toBe('status');
    expect(chunked.overfit).toEqual([]);
    await read(chunked.el);

    const whole = await oneShot(data);
    const picture1 = picture(chunked.el);
    expect(picture1.message).toBeNull();
    expect(picture1.summary).toMatch(/overfitting/);
    expect(picture1).toEqual(picture(whole.el));
    expect(chunked.overfit).toHaveLength(1);
    expect(chunked.overfit).toEqual(whole.overfit);
    expect(chunked.overfit[0]).not.toBeNull();

    // An option change does not read the data again: the chart is drawn at once, with the same path nodes.
    const line = chunked.el.shadowRoot!.querySelector('[part~="train-line"] path');
    expect(line).not.toBeNull();
    chunked.el.label = 'Run 7';
    await chunked.el.updateComplete;
    expect(part(chunked.el, 'message')).toBeNull();
    expect(chunked.el.shadowRoot!.querySelector('[part~="train-line"] path')).toBe(line);
    expect(chunked.overfit).toHaveLength(1);
  });

  it('ends with the new data only when the data is reassigned while it reads', async () => {
    const first = run(3000, 1200);
    const second = run(2500, 5000, 7);
    const chunked = create(first);
    await chunked.el.updateComplete;
    expect(part(chunked.el, 'message')?.textContent).toBe('Reading 6,000 points…');
    Object.assign(chunked.el, second);
    await chunked.el.updateComplete;
    expect(part(chunked.el, 'message')?.textContent).toBe('Reading 5,000 points…');
    await read(chunked.el);

    const whole = await oneShot(second);
    expect(picture(chunked.el)).toEqual(picture(whole.el));
    // The first data overfit; the second does not, and the first was never drawn.
    expect(chunked.overfit).toEqual([]);
    expect(picture(chunked.el).summary).toMatch(/no sign of overfitting|still improving/);
  });

  it('appends the points given while it reads after the data, as after data prepared in one go', async () => {
    const data = run(3000, 5000);
    const chunked = create(data);
    await chunked.el.updateComplete;
    expect(part(chunked.el, 'message')?.textContent).toBe('Reading 6,000 points…');
    chunked.el.appendPoints([0.5, 0.45], [0.6, 0.55]);
    await read(chunked.el);

    const whole = await oneShot(data);
    whole.el.appendPoints([0.5, 0.45], [0.6, 0.55]);
    await settle(whole.el);
    expect(picture(chunked.el)).toEqual(picture(whole.el));
    expect(picture(chunked.el).summary).toMatch(/3002/);
  });

  it('reads the data again when it is connected after a disconnect stopped the reading', async () => {
    const data = run(3000, 1200);
    const chunked = create(data);
    await chunked.el.updateComplete;
    const host = chunked.el.parentElement!;
    chunked.el.remove();
    await new Promise((r) => setTimeout(r, 20));
    host.append(chunked.el);
    await read(chunked.el);
    const whole = await oneShot(data);
    expect(picture(chunked.el)).toEqual(picture(whole.el));
    expect(chunked.overfit).toHaveLength(1);
  });
});
