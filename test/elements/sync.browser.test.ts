/** `sync`: charts with the same value share the x range, the plot's left edge, the zoom and the crosshair. */
import { describe, expect, it } from 'vitest';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import { syncGroupSize } from '../../src/elements/shared/sync-controller.js';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import mnist from '../../stories/data/keras-mnist_convnet.json';
import cvImages from '../../stories/data/lightning-cv_image_classification.json';
import { crosshairX, part, pathData, pointAt, press, settle, ticks, vertices, watchPage } from './helpers.js';
import { num } from './fit-helpers.js';

const page = watchPage();

/** A loss curve stacked over a gap chart in one 600 px column, each with the given properties and attributes. */
async function stack(props: Record<string, unknown>, sync: string | null, gapProps = props, width = 600) {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const curve = document.createElement('loss-curve') as LossCurve;
  const gap = document.createElement('overfit-gap') as OverfitGap;
  for (const el of [curve, gap]) {
    el.style.height = '240px';
    if (sync !== null) el.setAttribute('sync', sync);
    host.append(el);
  }
  Object.assign(curve, props);
  Object.assign(gap, gapProps);
  await settled(curve, gap);
  return { curve, gap, host };
}

/** Waits until both charts are drawn and a layout one of them asked of the other is done. */
async function settled(...els: HTMLElement[]): Promise<void> {
  for (let i = 0; i < 2; i++) for (const el of els) await settle(el);
}

/** The x axis line's ends: the plot's left and right edges. */
function plotEdges(el: HTMLElement): [number, number] {
  const line = part(el, 'x-axis')!.querySelector('line')!;
  return [num(line, 'x1'), num(line, 'x2')];
}

/** A tick label's number: "2,000", "2k", "1.5M". */
const tickValue = (label: string) => {
  const m = /^(−?-?[\d.]+)([kM]?)$/.exec(label.replace(/,/g, '').replace('−', '-'));
  return m ? Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1) : NaN;
};

/** Pixel x of a step in a chart, from its first and last labeled x ticks. */
function xOf(el: HTMLElement, step: number): number {
  const t = ticks(el, 'x').filter((x) => Number.isFinite(tickValue(x.label)));
  const [a, b] = [t[0], t[t.length - 1]];
  return a.pos + ((step - tickValue(a.label)) * (b.pos - a.pos)) / (tickValue(b.label) - tickValue(a.label));
}

const validationVertices = (curve: HTMLElement) => vertices(pathData(part(curve, 'validation-line')));
const gapVertices = (gap: HTMLElement) => vertices(part(gap, 'gap-line')?.getAttribute('d'));

describe('sync: a loss curve stacked over a gap chart', () => {
  it('put the same step at the same x: one left edge and the union of the x ranges', async () => {
    // Lightning: training from step 49, validation (and so the gap) from step 1,718 to 8,595.
    const { curve, gap } = await stack({ train: cvImages.train, validation: cvImages.validation }, 'cv');
    expect(curve.sync).toBe('cv');
    expect(gap.sync).toBe('cv');
    const [c0, c1] = plotEdges(curve);
    const [g0, g1] = plotEdges(gap);
    expect(Math.abs(g0 - c0)).toBeLessThan(0.5);
    expect(Math.abs(g1 - c1)).toBeLessThan(0.5);
    // Each validation check is at the same pixel in both: the curve's vertex, and the gap's step (dots on the checks).
    const v = validationVertices(curve);
    const g = gapVertices(gap);
    expect(v).toHaveLength(cvImages.validation.steps.length);
    expect(g).toHaveLength(2 * v.length - 1);
    v.forEach(([x], k) => expect(Math.abs(g[2 * k][0] - x), `check ${k}`).toBeLessThan(0.5));
    // The gap chart's axis starts at the training's first step, not at its first check.
    expect(g[0][0] - g0).toBeGreaterThan(50);
    for (const step of [49, 2000, 5000, 8595]) expect(Math.abs(xOf(gap, step) - xOf(curve, step)), `step ${step}`).toBeLessThan(0.5);
    expect(page.warnings).toEqual([]);
  });

  it('the wider y labels set the left edge for both, whichever chart has them', async () => {
    // Alone, the gap chart of mnist (labels like −0.05) needs more room on the left than its loss curve (0.1).
    const alone = await stack({ history: mnist }, null);
    const need = [plotEdges(alone.curve)[0], plotEdges(alone.gap)[0]];
    expect(need[0]).not.toBe(need[1]);
    const { curve, gap } = await stack({ history: mnist }, 'mnist');
    expect(plotEdges(curve)[0]).toBe(Math.max(...need));
    expect(plotEdges(gap)[0]).toBe(Math.max(...need));
    const v = validationVertices(curve);
    const g = gapVertices(gap);
    v.forEach(([x], i) => expect(Math.abs(g[i][0] - x), `epoch ${i + 1}`).toBeLessThan(0.5));
  });

  it('a zoom in one applies to the other, by the user or from code, and a reset too', async () => {
    const { curve, gap } = await stack({ history: structured }, 'z');
    const zooms: unknown[] = [];
    gap.addEventListener('zoom', (e) => zooms.push(e.detail.xDomain));
    part(curve, 'chart')!.focus();
    await press(curve, '+');
    await settled(curve, gap);
    expect(curve.xDomain).not.toBeNull();
    expect(gap.xDomain).toEqual(curve.xDomain);
    // Mirrored as a property set from code: only the chart the user zoomed fires `zoom`.
    expect(zooms).toEqual([]);
    const [from, to] = curve.xDomain!;
    for (const step of [Math.ceil(from), Math.floor(to)]) expect(Math.abs(xOf(gap, step) - xOf(curve, step))).toBeLessThan(0.5);
    // The other way round: keys on the gap chart zoom the loss curve.
    part(gap, 'chart')!.focus();
    await press(gap, '+');
    await settled(curve, gap);
    expect(gap.xDomain![1] - gap.xDomain![0]).toBeLessThan(to - from);
    expect(curve.xDomain).toEqual(gap.xDomain);
    // From code.
    curve.xDomain = [10, 20];
    await settled(curve, gap);
    expect(gap.xDomain).toEqual([10, 20]);
    expect(Math.abs(xOf(gap, 15) - xOf(curve, 15))).toBeLessThan(0.5);
    await press(gap, '0');
    await settled(curve, gap);
    expect(gap.xDomain).toBeNull();
    expect(curve.xDomain).toBeNull();
    expect(page.warnings).toEqual([]);
  });

  it('the crosshair in one shows at the same step in the other, and hides with it', async () => {
    const { curve, gap } = await stack({ history: structured }, 'x');
    // Hovering the loss curve at epoch 20.
    await pointAt(curve, xOf(curve, 20));
    await settled(curve, gap);
    expect(crosshairX(curve)).toBeCloseTo(xOf(curve, 20), 0);
    expect(crosshairX(gap)).not.toBeNull();
    expect(Math.abs(crosshairX(gap)! - crosshairX(curve)!)).toBeLessThan(0.5);
    // The follower's tooltip shows its value at that step.
    expect(part(gap, 'tooltip')!.hidden).toBe(false);
    expect(part(gap, 'tooltip')!.textContent).toContain('Epoch 20');
    // Keys on the gap chart move the loss curve's crosshair.
    part(gap, 'chart')!.focus();
    await press(gap, 'End');
    await settled(curve, gap);
    expect(Math.abs(crosshairX(curve)! - xOf(curve, 50))).toBeLessThan(0.5);
    expect(Math.abs(crosshairX(gap)! - crosshairX(curve)!)).toBeLessThan(0.5);
    await press(gap, 'Escape');
    await settled(curve, gap);
    expect(crosshairX(gap)).toBeNull();
    expect(crosshairX(curve)).toBeNull();
  });

  it("a step outside the other chart's steps hides its crosshair", async () => {
    const { curve, gap } = await stack({ train: cvImages.train, validation: cvImages.validation }, 'outside');
    // Step 49 is training only: the gap starts at the first validation check, 1,718.
    await pointAt(curve, xOf(curve, 49));
    await settled(curve, gap);
    expect(crosshairX(curve)).not.toBeNull();
    expect(crosshairX(gap)).toBeNull();
  });
});

describe('sync groups', () => {
  it('charts with different sync values do not interact', async () => {
    const a = await stack({ history: structured }, 'a');
    const b = await stack({ train: cvImages.train, validation: cvImages.validation }, 'b');
    const alone = await stack({ history: mnist }, null);
    const before = { b: plotEdges(b.gap), alone: plotEdges(alone.gap) };
    part(a.curve, 'chart')!.focus();
    await press(a.curve, '+');
    await pointAt(a.curve, xOf(a.curve, 20));
    await settled(a.curve, a.gap, b.curve, b.gap, alone.curve, alone.gap);
    expect(a.gap.xDomain).not.toBeNull();
    for (const el of [b.curve, b.gap, alone.curve, alone.gap]) {
      expect(el.xDomain).toBeNull();
      expect(crosshairX(el)).toBeNull();
    }
    expect(plotEdges(b.gap)).toEqual(before.b);
    expect(plotEdges(alone.gap)).toEqual(before.alone);
    // Group b spans its own data: the gap chart's axis starts at training's first step, 49, not at epoch 1.
    expect(Math.abs(xOf(b.gap, 49) - plotEdges(b.gap)[0])).toBeLessThan(0.5);
    expect(syncGroupSize('a')).toBe(2);
    expect(syncGroupSize('b')).toBe(2);
  });

  it('removing a chart unregisters it: the rest lay out alone again and the group is gone with the last', async () => {
    const { curve, gap, host } = await stack({ train: cvImages.train, validation: cvImages.validation }, 'leave');
    expect(syncGroupSize('leave')).toBe(2);
    const shared = gapVertices(gap)[0][0];
    expect(shared - plotEdges(gap)[0]).toBeGreaterThan(50);
    curve.remove();
    await settled(gap);
    expect(syncGroupSize('leave')).toBe(1);
    // The gap chart's axis is its own again: its first check at the plot's left edge.
    expect(Math.abs(gapVertices(gap)[0][0] - plotEdges(gap)[0])).toBeLessThan(0.5);
    // The removed chart no longer follows the group.
    part(gap, 'chart')!.focus();
    await press(gap, '+');
    await settled(gap);
    expect(curve.xDomain).toBeNull();
    gap.remove();
    expect(syncGroupSize('leave')).toBe(0);
    // Put back, both join again.
    host.append(curve, gap);
    await settled(curve, gap);
    expect(syncGroupSize('leave')).toBe(2);
    expect(curve.xDomain).toEqual(gap.xDomain);
    expect(Math.abs(plotEdges(curve)[0] - plotEdges(gap)[0])).toBeLessThan(0.5);
  });

  it('changing or removing the sync attribute moves a chart out of its group', async () => {
    const { curve, gap } = await stack({ train: cvImages.train, validation: cvImages.validation }, 'one');
    gap.setAttribute('sync', 'two');
    await settled(curve, gap);
    expect(syncGroupSize('one')).toBe(1);
    expect(syncGroupSize('two')).toBe(1);
    expect(Math.abs(gapVertices(gap)[0][0] - plotEdges(gap)[0])).toBeLessThan(0.5);
    gap.setAttribute('sync', 'one');
    await settled(curve, gap);
    expect(syncGroupSize('one')).toBe(2);
    expect(syncGroupSize('two')).toBe(0);
    curve.sync = null;
    await settled(curve, gap);
    expect(syncGroupSize('one')).toBe(1);
  });

  it('a badge (compact) in a group neither takes nor gives the x range or the left edge', async () => {
    const { curve, gap } = await stack({ train: cvImages.train, validation: cvImages.validation }, 'badge');
    const edge = plotEdges(curve);
    gap.compact = true;
    await settled(curve, gap);
    expect(part(gap, 'badge')).not.toBeNull();
    const alone = await stack({ train: cvImages.train, validation: cvImages.validation }, null);
    expect(plotEdges(curve)).toEqual(plotEdges(alone.curve));
    expect(edge[0]).toBeGreaterThanOrEqual(plotEdges(alone.curve)[0]);
  });
});
