/**
 * The chart's font size sizes its margins, label rows and text fits. It is read with each new size, a theme change
 * or a bare `requestUpdate()`, not on every update: on a page of live charts, each read made the browser recalculate
 * the style of every chart written to before it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import { mount, pointAt, settle } from './helpers.js';

const train = Array.from({ length: 40 }, (_, i) => 2 * Math.exp(-i / 10) + 0.2);
const validation = train.map((v, i) => v + 0.1 + (i > 25 ? (i - 25) * 0.02 : 0));

/** The plot's top edge: the top margin is a number of ems. */
const plotTop = (el: HTMLElement) => Number(el.shadowRoot!.querySelector('[part="y-axis"] > line')!.getAttribute('y1'));

afterEach(() => vi.restoreAllMocks());

describe('font size', () => {
  it('appending points does not read the computed style of the chart', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    const spy = vi.spyOn(window, 'getComputedStyle');
    for (let k = 0; k < 3; k++) {
      el.appendPoints([0.3], [0.6]);
      await settle(el);
    }
    expect(spy.mock.calls.filter(([target]) => target === el)).toHaveLength(0);
    expect(plotTop(el)).toBeGreaterThan(0);
  });

  it('moving the crosshair over <overfit-gap> does not read the computed style of the chart (its y title is fitted once)', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train, validation });
    const spy = vi.spyOn(window, 'getComputedStyle');
    for (const x of [120, 200, 280]) await pointAt(el, x);
    expect(spy.mock.calls.filter(([target]) => target === el)).toHaveLength(0);
    expect(el.shadowRoot!.querySelector('[part="y-axis"] .axis-label')?.textContent).toContain('gap');
  });

  it('a new font size is laid out after a resize, a theme change or requestUpdate()', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    const small = plotTop(el);

    el.style.fontSize = '24px';
    (el.parentElement as HTMLElement).style.width = '640px';
    await settle(el);
    const large = plotTop(el);
    expect(large).toBeGreaterThan(small);

    el.style.fontSize = '12px';
    el.theme = 'dark';
    await settle(el);
    expect(plotTop(el)).toBe(small);

    el.style.fontSize = '24px';
    el.requestUpdate();
    await settle(el);
    expect(plotTop(el)).toBe(large);
  });
});
