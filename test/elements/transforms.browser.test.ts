/**
 * Pointer positions inside CSS-transformed containers (a scaled slide, a zoomed docs view, a rotated card, nested
 * transforms): the crosshair, the tooltip, drag-to-zoom and the wheel land on the step under the pointer.
 */
import { describe, expect, it } from 'vitest';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import { crosshairX, dispatchPointer, part, settle, tooltip, vertices, watchPage, pathData } from './helpers.js';

watchPage();

const N = 40;
const train = Array.from({ length: N }, (_, i) => 1 / (1 + i / 8));
const validation = Array.from({ length: N }, (_, i) => 1.1 / (1 + i / 10) + (i > 25 ? 0.01 * (i - 25) : 0));

/** The containers: each a list of transforms, outermost first (each a wrapper element of its own). */
const CASES: Record<string, string[]> = {
  'scale(0.5)': ['scale(0.5)'],
  'scale(1.5)': ['scale(1.5)'],
  'rotate(20deg)': ['rotate(20deg)'],
  'nested: scale(0.5) in rotate(-15deg) in scale(1.5)': ['scale(1.5)', 'rotate(-15deg)', 'scale(0.5) translate(30px, 10px)'],
};

/** Mounts a chart inside wrappers with the given transforms and waits for it to draw. */
async function mountIn<T extends LossCurve | OverfitGap>(tag: string, transforms: string[]): Promise<T> {
  let parent: HTMLElement = document.body;
  for (const t of transforms) {
    const wrapper = document.createElement('div');
    wrapper.className = 'test-host';
    wrapper.style.cssText = `transform: ${t}; transform-origin: 0 0; width: 600px; margin: 20px;`;
    parent.append(wrapper);
    parent = wrapper;
  }
  const el = document.createElement(tag) as T;
  el.style.height = '300px';
  Object.assign(el, { train, validation });
  parent.append(el);
  await settle(el);
  return el;
}

/** Where a point of the chart's SVG is on screen (client coordinates): the browser's own mapping of the SVG. */
function onScreen(el: HTMLElement, x: number, y: number): { clientX: number; clientY: number } {
  const svg = part(el, 'svg') as unknown as SVGSVGElement;
  const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM()!);
  return { clientX: p.x, clientY: p.y };
}

/** The SVG point of an epoch on a line part: its vertex (one per epoch, in order). */
function vertexOf(el: HTMLElement, lineSelector: string, epoch: number): [number, number] {
  const v = vertices(pathData(el.shadowRoot!.querySelector(lineSelector)));
  expect(v.length).toBe(N);
  return v[epoch - 1];
}

describe('<loss-curve> inside CSS transforms', () => {
  for (const [name, transforms] of Object.entries(CASES)) {
    it(`${name}: hovering the pixel of epoch 21 of 40 puts the crosshair and tooltip on epoch 21`, async () => {
      const el = await mountIn<LossCurve>('loss-curve', transforms);
      const [x, y] = vertexOf(el, '[part~="train-line"] path', 21);
      dispatchPointer(el, 'pointermove', onScreen(el, x, y));
      await settle(el);
      expect(tooltip(el)?.title).toBe('Epoch 21');
      expect(crosshairX(el)).toBeCloseTo(x, 1);
    });

    it(`${name}: a drag from epoch 11 to epoch 31 zooms to epochs 11–31`, async () => {
      const el = await mountIn<LossCurve>('loss-curve', transforms);
      const [x11, y11] = vertexOf(el, '[part~="train-line"] path', 11);
      const [x31, y31] = vertexOf(el, '[part~="train-line"] path', 31);
      dispatchPointer(el, 'pointerdown', onScreen(el, x11, y11));
      await settle(el);
      for (const f of [0.3, 0.7, 1]) dispatchPointer(el, 'pointermove', onScreen(el, x11 + (x31 - x11) * f, y11 + (y31 - y11) * f));
      await settle(el);
      dispatchPointer(el, 'pointerup', onScreen(el, x31, y31));
      await settle(el);
      expect(el.xDomain![0]).toBeCloseTo(11, 2);
      expect(el.xDomain![1]).toBeCloseTo(31, 2);
    });

    it(`${name}: the wheel zooms around the step under the pointer`, async () => {
      const el = await mountIn<LossCurve>('loss-curve', transforms);
      const [x, y] = vertexOf(el, '[part~="train-line"] path', 21);
      const at = onScreen(el, x, y);
      part(el, 'chart')!.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: -200, deltaMode: 0, bubbles: true, composed: true, cancelable: true }));
      await settle(el);
      const [d0, d1] = el.xDomain!;
      expect(d1 - d0).toBeLessThan(30);
      // Epoch 21 stays under the pointer: hovering the same screen point finds it there (within the few pixels the
      // plot's left edge moves when the zoomed y ticks need another width).
      dispatchPointer(el, 'pointermove', at);
      await settle(el);
      expect(tooltip(el)?.title).toBe('Epoch 21');
      expect(Math.abs(crosshairX(el)! - x)).toBeLessThan(3);
    });
  }

  it('a two-finger pinch at scale(0.5) zooms around the steps between the fingers', async () => {
    const el = await mountIn<LossCurve>('loss-curve', ['scale(0.5)']);
    const [x11, y] = vertexOf(el, '[part~="train-line"] path', 11);
    const [x31] = vertexOf(el, '[part~="train-line"] path', 31);
    const touch = (type: string, id: number, px: number) =>
      dispatchPointer(el, type, onScreen(el, px, y), { pointerId: id, pointerType: 'touch', isPrimary: id === 1 });
    touch('pointerdown', 1, x11);
    touch('pointerdown', 2, x31);
    // Fingers twice as far apart: the middle (epoch 21) stays, the range halves.
    touch('pointermove', 1, x11 - (x31 - x11) / 2);
    touch('pointermove', 2, x31 + (x31 - x11) / 2);
    touch('pointerup', 1, x11);
    touch('pointerup', 2, x31);
    await settle(el);
    const [d0, d1] = el.xDomain!;
    expect((d0 + d1) / 2).toBeCloseTo(21, 0);
    expect(d1 - d0).toBeLessThan(25);
  });
});

describe('<overfit-gap> inside CSS transforms', () => {
  it('scale(0.5): hovering the pixel of epoch 21 puts the crosshair on epoch 21; a drag zooms to the steps under the pointer', async () => {
    const el = await mountIn<OverfitGap>('overfit-gap', ['scale(0.5)']);
    const [x21, y21] = vertexOf(el, '[part~="gap-line"]', 21);
    dispatchPointer(el, 'pointermove', onScreen(el, x21, y21));
    await settle(el);
    expect(tooltip(el)?.title).toBe('Epoch 21');
    expect(crosshairX(el)).toBeCloseTo(x21, 1);
    const [x11] = vertexOf(el, '[part~="gap-line"]', 11);
    const [x31] = vertexOf(el, '[part~="gap-line"]', 31);
    dispatchPointer(el, 'pointerdown', onScreen(el, x11, y21));
    dispatchPointer(el, 'pointermove', onScreen(el, x31, y21));
    await settle(el);
    dispatchPointer(el, 'pointerup', onScreen(el, x31, y21));
    await settle(el);
    expect(el.xDomain![0]).toBeCloseTo(11, 2);
    expect(el.xDomain![1]).toBeCloseTo(31, 2);
  });
});
