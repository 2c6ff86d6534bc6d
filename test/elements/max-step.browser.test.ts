/**
 * `maxStep` (`max-step`): the planned length of a run. The unzoomed x axis spans at least to it, so a live chart does
 * not rescale with every epoch; data beyond it widens the axis as usual.
 */
import { describe, expect, it } from 'vitest';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import { lineVertices, mount, settle, tickLabels, watchPage } from './helpers.js';

watchPage();

const train = [2, 1.4, 1.1, 0.9, 0.8];
const validation = [2.1, 1.5, 1.25, 1.1, 1.05];
const lastTick = (el: HTMLElement) => Number(tickLabels(el, 'x').at(-1)!.replace(/,/g, ''));

describe('maxStep (max-step)', () => {
  it('the x axis of 5 epochs runs to 50 with max-step="50", and the line ends a tenth of the way along', async () => {
    const plain = await mount<LossCurve>('loss-curve', { train, validation });
    expect(lastTick(plain)).toBe(5);
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { 'max-step': '50' } });
    expect(el.maxStep).toBe(50);
    expect(lastTick(el)).toBe(50);
    const v = lineVertices(el, 'train-line');
    const [x0, x5] = [v[0][0], v.at(-1)![0]];
    const axis = lineVertices(plain, 'train-line');
    // Epochs 1..5 of 1..50 take 4/49 of the plot's width, where they took all of it.
    expect((x5 - x0) / (axis.at(-1)![0] - axis[0][0])).toBeCloseTo(4 / 49, 1);
  });

  it('appended epochs inside the planned length leave the x axis as it is', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation, maxStep: 20 });
    const before = tickLabels(el, 'x');
    for (let k = 0; k < 5; k++) el.appendPoints([0.7 - k * 0.01], [1.04 + k * 0.01]);
    await settle(el);
    expect(tickLabels(el, 'x')).toEqual(before);
    expect(lastTick(el)).toBe(20);
  });

  it('data past the planned length widens the axis; an unreadable value is no plan', async () => {
    const past = await mount<LossCurve>('loss-curve', { train, validation, maxStep: 3 });
    expect(lastTick(past)).toBe(5);
    const bad = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { 'max-step': 'soon' } });
    expect(bad.maxStep).toBeNull();
    expect(lastTick(bad)).toBe(5);
  });

  it('<overfit-gap> spans to the planned length too', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train, validation, maxStep: 40 });
    expect(lastTick(el)).toBe(40);
  });
});
