/// <reference types="@vitest/browser-playwright" />
/**
 * X-range zoom of `<loss-curve>` and `<overfit-gap>`: dragging across the plot, the wheel, pinching, the keys
 * (+, −, 0, Alt+arrows, Escape), double-click and the reset button; the `zoom` event; `xDomain` set from code; the
 * axes and the decimated paths of the zoomed range.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import {
  announcement,
  crosshairX,
  dispatchPointer,
  mount,
  part,
  pointAt,
  press,
  settle,
  text,
  ticks,
  tickLabels,
  tooltip,
  vertices,
  watchPage,
  pathData,
} from './helpers.js';
import { yScale } from './fit-helpers.js';
import { overfullColumn, random } from './decimation-helpers.js';

const page = watchPage();

const N = 1000;
const trainAt = (e: number) => 2 / (1 + e / 50) + 0.02 * Math.sin(e);
const validationAt = (e: number) => 2.1 / (1 + e / 60) + 0.03 * Math.cos(e / 2);
const TRAIN = Array.from({ length: N }, (_, i) => trainAt(i + 1));
const VALIDATION = Array.from({ length: N }, (_, i) => validationAt(i + 1));

const chart = (props: Record<string, unknown> = {}, width = 600) =>
  mount<LossCurve>('loss-curve', { train: TRAIN, validation: VALIDATION, ...props }, { width });

/** The x axis line's pixel ends: the plot's left and right edges. */
function plotX(el: HTMLElement): [number, number] {
  const line = el.shadowRoot!.querySelector('[part="x-axis"] > line')!;
  return [Number(line.getAttribute('x1')), Number(line.getAttribute('x2'))];
}

/** The y axis line's pixel ends: the plot's bottom and top edges. */
function plotY(el: HTMLElement): [number, number] {
  const line = el.shadowRoot!.querySelector('[part="y-axis"] > line')!;
  return [Number(line.getAttribute('y2')), Number(line.getAttribute('y1'))];
}

/** A tick label's number: "20k", "1.5M", "−3", "250". */
function tickNumber(label: string): number {
  const m = /^(−|-)?([\d.]+)([kMGmµ]?)$/.exec(label.replace(/,/g, ''));
  if (!m) return NaN;
  const unit = { '': 1, k: 1e3, M: 1e6, G: 1e9, m: 1e-3, µ: 1e-6 }[m[3]] ?? NaN;
  return (m[1] ? -1 : 1) * Number(m[2]) * unit;
}

/** Labeled ticks of an axis with their numbers. */
function numericTicks(el: HTMLElement, axis: 'x' | 'y') {
  return ticks(el, axis)
    .map((t) => ({ ...t, value: tickNumber(t.label) }))
    .filter((t) => Number.isFinite(t.value));
}

/** The chart's linear scale of an axis rebuilt from two labeled ticks: `at(px)` → value and `px(value)`. */
function axisScale(el: HTMLElement, axis: 'x' | 'y') {
  const t = numericTicks(el, axis);
  if (t.length < 2) throw new Error(`need two labeled ${axis} ticks; have ${tickLabels(el, axis).join(', ')}`);
  const [a, b] = [t[0], t[t.length - 1]];
  return {
    at: (px: number) => a.value + ((px - a.pos) * (b.value - a.value)) / (b.pos - a.pos),
    px: (v: number) => a.pos + ((v - a.value) * (b.pos - a.pos)) / (b.value - a.value),
  };
}

/** The x range the chart shows, from its ticks and the ends of the x axis line. */
function shownX(el: HTMLElement): [number, number] {
  const { at } = axisScale(el, 'x');
  const [x0, x1] = plotX(el);
  return [at(x0), at(x1)];
}

/** The y range the chart shows, [bottom, top]. */
function shownY(el: HTMLElement): [number, number] {
  const { at } = axisScale(el, 'y');
  const [y0, y1] = plotY(el);
  return [at(y0), at(y1)];
}

/** Min and max of the values whose epoch (1-based index) lies in [from, to]. */
function extentIn(values: ArrayLike<number>, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = Math.ceil(from); e <= Math.floor(to); e++) {
    const v = values[e - 1];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Collects the `zoom` events of an element. */
function collectZoom(el: HTMLElement): Array<[number, number] | null> {
  const seen: Array<[number, number] | null> = [];
  (el as LossCurve).addEventListener('zoom', (e) => seen.push(e.detail.xDomain));
  return seen;
}

/** Dispatches a pointer event on the chart part at a horizontal position in chart pixels; returns the event. */
function pointer(el: HTMLElement, type: string, px: number, init: PointerEventInit = {}): PointerEvent {
  const box = part(el, 'chart')!.getBoundingClientRect();
  return dispatchPointer(el, type, { clientX: box.left + px, clientY: box.top + box.height / 2 }, init);
}

/** A mouse drag across the chart from `from` to `to` (chart pixels), moving in a few steps. */
async function drag(el: HTMLElement, from: number, to: number): Promise<void> {
  pointer(el, 'pointerdown', from);
  await settle(el);
  for (const f of [0.25, 0.5, 1]) pointer(el, 'pointermove', from + (to - from) * f);
  await settle(el);
  pointer(el, 'pointerup', to);
  await settle(el);
}

/** Dispatches a wheel event on the chart part at chart pixel `px`; returns it and the position it carried. */
function wheel(el: HTMLElement, px: number, init: WheelEventInit): { event: WheelEvent; px: number } {
  const target = part(el, 'chart')!;
  const box = target.getBoundingClientRect();
  const event = new WheelEvent('wheel', {
    clientX: box.left + px,
    clientY: box.top + box.height / 2,
    bubbles: true,
    composed: true,
    cancelable: true,
    deltaMode: 0,
    ...init,
  });
  target.dispatchEvent(event);
  return { event, px: event.clientX - box.left };
}

/** `[c − (c − a)·f, c + (b − c)·f]`: the zoom by factor f around c of [a, b], on a linear axis. */
const around = ([a, b]: [number, number], c: number, f: number): [number, number] => [c - (c - a) * f, c + (b - c) * f];

/**
 * The zoom is the expected range to a thousandth of a step by default: pointer positions go through the SVG's screen
 * matrix (d3's `pointer`), which browsers keep in single precision.
 */
function expectDomain(actual: readonly number[] | null | undefined, expected: readonly number[], digits = 3, what = ''): void {
  expect(actual, `${what} domain`).not.toBeNull();
  expect(actual![0], `${what} from`).toBeCloseTo(expected[0], digits);
  expect(actual![1], `${what} to`).toBeCloseTo(expected[1], digits);
}

/** X ticks lie inside the domain and the axis spans it. */
function expectAxisOn(el: HTMLElement, domain: readonly number[]): void {
  const values = numericTicks(el, 'x').map((t) => t.value);
  expect(values.length).toBeGreaterThanOrEqual(2);
  for (const v of values) {
    expect(v).toBeGreaterThanOrEqual(domain[0] - 1e-9);
    expect(v).toBeLessThanOrEqual(domain[1] + 1e-9);
  }
  const shown = shownX(el);
  const tolerance = (domain[1] - domain[0]) * 1e-6;
  expect(Math.abs(shown[0] - domain[0])).toBeLessThan(tolerance);
  expect(Math.abs(shown[1] - domain[1])).toBeLessThan(tolerance);
}

const pathPoints = (el: HTMLElement, name: string) => vertices(pathData(part(el, name)));

/** Moves the real mouse to the page's top-left corner, off every chart, so it cannot hover the next test's charts. */
async function parkMouse(): Promise<void> {
  const spot = document.createElement('div');
  spot.style.cssText = 'position:fixed;left:0;top:0;width:4px;height:4px';
  document.body.append(spot);
  await userEvent.hover(spot);
  spot.remove();
}

/**
 * A pixel where the x scale is a quarter of an epoch past `epoch`, so that a crosshair snapped to the nearest epoch
 * at a drag's end stays inside the zoomed range; rounded to whole pixels when `whole`.
 */
function pxPast(el: HTMLElement, epoch: number, whole = false): number {
  const x = axisScale(el, 'x');
  if (!whole) return x.px(epoch + 0.25);
  let px = Math.round(x.px(epoch));
  while (x.at(px) < epoch || x.at(px) - Math.floor(x.at(px)) >= 0.45) px++;
  return px;
}

describe('drag to zoom', () => {
  it('dragging across the plot zooms to the dragged range: brush while dragging, zoom event, x axis, reset button', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    expect(part(el, 'zoom-reset')).toBeNull();
    // From the plot's left edge (epoch 1) to a quarter epoch past 400.
    const a = x0;
    const b = pxPast(el, 400);

    pointer(el, 'pointerdown', a);
    await settle(el);
    pointer(el, 'pointermove', b);
    await settle(el);
    const brush = part(el, 'zoom-brush');
    expect(brush, 'brush while dragging').not.toBeNull();
    expect(parseFloat(brush!.style.left)).toBeCloseTo(a, 2);
    expect(parseFloat(brush!.style.width)).toBeCloseTo(b - a, 2);
    expect(el.xDomain, 'not zoomed before the pointer is released').toBeNull();
    expect(zooms).toEqual([]);

    pointer(el, 'pointerup', b);
    await settle(el);
    expect(part(el, 'zoom-brush'), 'brush gone after release').toBeNull();
    const expected = [x.at(a), x.at(b)];
    expect(expected[1]).toBeCloseTo(400.25, 6);
    expectDomain(el.xDomain, expected);
    expect(zooms).toHaveLength(1);
    expect(zooms[0]).toEqual(el.xDomain);
    expectAxisOn(el, expected);
    // The y axis holds every value in view.
    const [yLo, yHi] = shownY(el);
    expect(yLo).toBeLessThanOrEqual(Math.min(extentIn(TRAIN, expected[0], expected[1])[0], extentIn(VALIDATION, expected[0], expected[1])[0]));
    expect(yHi).toBeGreaterThanOrEqual(Math.max(extentIn(TRAIN, 1, 2)[1], extentIn(VALIDATION, 1, 2)[1]));

    const reset = part(el, 'zoom-reset')!;
    expect(reset).not.toBeNull();
    expect(reset.localName).toBe('button');
    expect(reset.textContent!.trim()).toBe('Reset zoom');
  });

  it('dragging over the middle of the plot zooms there, and the crosshair stays on a step in view', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    const a = x0 + 100;
    const b = x0 + 300;
    await drag(el, a, b);
    const expected = [x.at(a), x.at(b)];
    expectDomain(el.xDomain, expected);
    expect(zooms).toEqual([el.xDomain]);
    expectAxisOn(el, expected);
    // The pointer is still over the chart: its crosshair and tooltip show a step inside the zoom.
    const tip = tooltip(el);
    if (tip) {
      const epoch = Number(tip.title.replace(/^Epoch /, '').replace(/,/g, ''));
      expect(epoch).toBeGreaterThanOrEqual(expected[0]);
      expect(epoch).toBeLessThanOrEqual(expected[1]);
    }
  });

  it('the zoomed path holds every point of the range, at the right places', async () => {
    const el = await chart();
    const [x0] = plotX(el);
    await drag(el, x0, pxPast(el, 300));
    const [d0, d1] = el.xDomain!;
    expect(d0).toBeCloseTo(1, 3);
    expect(d1).toBeCloseTo(300.25, 3);
    const [px0, px1] = plotX(el);
    const y = yScale(el);
    const xs = axisScale(el, 'x');
    const inside = pathPoints(el, 'train-line').filter(([px]) => px >= px0 - 0.01 && px <= px1 + 0.01);
    expect(inside).toHaveLength(300);
    inside.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(xs.px(i + 1), 1);
      expect(py).toBeCloseTo(y(TRAIN[i]), 1);
    });
  });

  it('dragging right to left zooms to the same range', async () => {
    const el = await chart();
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    await drag(el, x0 + 300, x0 + 100);
    expectDomain(el.xDomain, [x.at(x0 + 100), x.at(x0 + 300)]);
  });

  it('a drag inside a zoomed chart zooms further into the range it covers', async () => {
    const el = await chart({ xDomain: [200, 400] });
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    const b = pxPast(el, 250);
    await drag(el, x0, b);
    expectDomain(el.xDomain, [200, 250.25]);
    expect(x.at(b)).toBeCloseTo(250.25, 6);
    expect(zooms).toEqual([el.xDomain]);
  });

  it('a move shorter than 5 px is a click, not a zoom', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const [x0] = plotX(el);
    await drag(el, x0 + 200, x0 + 204);
    expect(el.xDomain).toBeNull();
    expect(zooms).toEqual([]);
    expect(part(el, 'zoom-brush')).toBeNull();
    expect(part(el, 'zoom-reset')).toBeNull();
  });

  it('a press outside the plot (over the y axis labels) does not start a drag', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const [x0] = plotX(el);
    pointer(el, 'pointerdown', x0 - 20);
    await settle(el);
    pointer(el, 'pointermove', x0 + 200);
    await settle(el);
    expect(part(el, 'zoom-brush')).toBeNull();
    pointer(el, 'pointerup', x0 + 200);
    await settle(el);
    expect(el.xDomain).toBeNull();
    expect(zooms).toEqual([]);
  });

  it('a real mouse drag (right to left) zooms', async () => {
    const el = await chart({}, 400);
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0, x1] = plotX(el);
    const target = part(el, 'chart')!;
    const mid = Math.round(target.getBoundingClientRect().height / 2);
    const a = Math.round(x1 - 40);
    const b = Math.round(x0 + 60);
    try {
      await userEvent.dragAndDrop(target, target, { sourcePosition: { x: a, y: mid }, targetPosition: { x: b, y: mid } });
      await settle(el);
    } finally {
      await parkMouse();
    }
    // Within a pixel: the real pointer lands at fractional positions in the tester frame.
    const perPixel = (N - 1) / (x1 - x0);
    expect(Math.abs(el.xDomain![0] - x.at(b))).toBeLessThan(perPixel);
    expect(Math.abs(el.xDomain![1] - x.at(a))).toBeLessThan(perPixel);
    expect(zooms).toHaveLength(1);
    expect(part(el, 'zoom-reset')).not.toBeNull();
  });

  it('a real mouse drag over the middle of the plot zooms there', async () => {
    const el = await chart({}, 400);
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0, x1] = plotX(el);
    const target = part(el, 'chart')!;
    const mid = Math.round(target.getBoundingClientRect().height / 2);
    const a = Math.round(x0 + 60);
    const b = Math.round(x1 - 60);
    try {
      await userEvent.dragAndDrop(target, target, { sourcePosition: { x: a, y: mid }, targetPosition: { x: b, y: mid } });
      await settle(el);
    } finally {
      await parkMouse();
    }
    const perPixel = (N - 1) / (x1 - x0);
    expect(Math.abs(el.xDomain![0] - x.at(a))).toBeLessThan(perPixel);
    expect(Math.abs(el.xDomain![1] - x.at(b))).toBeLessThan(perPixel);
    expect(zooms).toHaveLength(1);
  });
});

describe('zoom of a 100k-point series: decimated again for the range', () => {
  const rnd = random(5);
  const BIG = Float64Array.from({ length: 100_000 }, (_, i) => 2 * Math.exp(-i / 20_000) + 0.05 * rnd());
  BIG[45_677] = 3; // a one-epoch spike at epoch 45,678

  it('zoomed to 1%, the path draws every point of the range where it drew a few before', async () => {
    const el = await mount<LossCurve>('loss-curve', { train: BIG });
    const zooms = collectZoom(el);
    const [x0, x1] = plotX(el);
    const width = x1 - x0;
    const x = axisScale(el, 'x');
    const before = pathPoints(el, 'train-line');
    expect(before.length).toBeLessThanOrEqual(4 * width + 2);
    expect(before.length, 'decimated, with detail').toBeGreaterThan(3 * width);
    const [r0, r1] = [x.px(50_001), x.px(51_000)];
    const beforeInRange = before.filter(([px]) => px >= r0 && px <= r1);
    expect(beforeInRange.length).toBeLessThanOrEqual(4 * (Math.ceil(r1 - r0) + 2));
    // The spike is drawn on the full chart.
    const yFull = yScale(el);
    expect(Math.min(...before.map(([, py]) => Math.abs(py - yFull(3))))).toBeLessThan(0.5);

    el.xDomain = [50_001, 51_000];
    await settle(el);
    expect(zooms, 'no zoom event for a zoom set from code').toEqual([]);
    expectAxisOn(el, [50_001, 51_000]);
    const after = pathPoints(el, 'train-line');
    const y = yScale(el);
    const xs = axisScale(el, 'x');
    const [z0, z1] = plotX(el);
    const inside = after.filter(([px]) => px >= z0 - 0.01 && px <= z1 + 0.01);
    expect(inside).toHaveLength(1000);
    expect(new Set(inside.map(([px]) => px)).size).toBe(1000);
    expect(inside.length).toBeGreaterThan(10 * beforeInRange.length);
    // ... plus the neighbors just outside, so the line runs to the plot's edges.
    expect(after).toHaveLength(1002);
    inside.forEach(([px, py], i) => {
      const epoch = 50_001 + i;
      expect(px, `epoch ${epoch}`).toBeCloseTo(xs.px(epoch), 1);
      expect(py, `epoch ${epoch}`).toBeCloseTo(y(BIG[epoch - 1]), 1);
    });
    // The y axis refits: the range holds values from about 0.16 to 0.23.
    const [vLo, vHi] = extentIn(BIG, 50_000, 51_001);
    const [yLo, yHi] = shownY(el);
    expect(yLo).toBeLessThanOrEqual(vLo);
    expect(yHi).toBeGreaterThanOrEqual(vHi);
    expect(yHi).toBeLessThan(0.5);
  });

  it('zoomed to 10%, it stays within 4 vertices per column, keeps the spike, and refits y', async () => {
    // outliers="show": the y range holds every value, so the decimated line itself must reach the spike.
    const el = await mount<LossCurve>('loss-curve', { train: BIG, outliers: 'show' });
    el.xDomain = [40_001, 50_000];
    await settle(el);
    const [x0, x1] = plotX(el);
    const width = x1 - x0;
    const points = pathPoints(el, 'train-line');
    const inside = points.filter(([px]) => px >= x0 - 0.01 && px <= x1 + 0.01);
    expect(points.length).toBeLessThanOrEqual(4 * width + 2);
    expect(overfullColumn(inside, x0)).toBe(-1);
    expect(inside.length, 'every column keeps its detail').toBeGreaterThan(3 * width);
    const y = yScale(el);
    expect(Math.min(...points.map(([, py]) => Math.abs(py - y(3))))).toBeLessThan(0.5);
    const [vLo] = extentIn(BIG, 40_000, 50_001);
    const [yLo, yHi] = shownY(el);
    expect(yLo).toBeLessThanOrEqual(vLo);
    expect(yHi).toBeGreaterThanOrEqual(3);
    // With the default outliers="auto" the lone spike is left out of the zoomed y range and marked on its edge.
    el.outliers = 'auto';
    await settle(el);
    expect(shownY(el)[1]).toBeLessThan(3);
    const markers = [...el.shadowRoot!.querySelectorAll('[part~="clipped-marker"]')];
    expect(markers.some((m) => Number(m.getAttribute('data-value')) === 3)).toBe(true);
  });
});

describe('resetting the zoom', () => {
  const zoomed = async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const [x0] = plotX(el);
    await drag(el, x0, pxPast(el, 400));
    expectDomain(el.xDomain, [1, 400.25]);
    expect(zooms).toHaveLength(1);
    return { el, zooms };
  };
  const expectReset = (el: HTMLElement & { xDomain: unknown }, zooms: unknown[]) => {
    expect(el.xDomain).toBeNull();
    expect(zooms).toHaveLength(2);
    expect(zooms[1]).toBeNull();
    expect(part(el, 'zoom-reset')).toBeNull();
    expectAxisOn(el, [1, N]);
    expect(shownY(el)[1]).toBeGreaterThanOrEqual(2);
  };

  it('double-click resets (a real double-click)', async () => {
    const { el, zooms } = await zoomed();
    try {
      await userEvent.dblClick(part(el, 'chart')!);
      await settle(el);
    } finally {
      await parkMouse();
    }
    expectReset(el, zooms);
  });

  it('double-click (dispatched) resets', async () => {
    const { el, zooms } = await zoomed();
    part(el, 'chart')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, clientX: 300, clientY: 100 }));
    await settle(el);
    expectReset(el, zooms);
  });

  it('Escape resets', async () => {
    const { el, zooms } = await zoomed();
    await press(el, 'Escape');
    expectReset(el, zooms);
  });

  it('the reset button resets', async () => {
    const { el, zooms } = await zoomed();
    part(el, 'zoom-reset')!.click();
    await settle(el);
    expectReset(el, zooms);
  });

  it('0 resets', async () => {
    const { el, zooms } = await zoomed();
    await press(el, '0');
    expectReset(el, zooms);
    expect(announcement(el)).toBe('Zoom reset');
  });

  it('resetting when not zoomed fires nothing', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    part(el, 'chart')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await press(el, 'Escape');
    await press(el, '0');
    expect(zooms).toEqual([]);
    expect(el.xDomain).toBeNull();
  });
});

describe('wheel and pinch', () => {
  it('on a live chart, whose axis runs past the data, the wheel zooms the axis shown around the pointer', async () => {
    const steps = Float64Array.from({ length: 20_000 }, (_, i) => i + 1);
    const el = await mount<LossCurve>('loss-curve', { train: { steps, values: steps.map((s) => 1 / Math.sqrt(s)) } });
    const more = Float64Array.from({ length: 5_000 }, (_, i) => 20_001 + i);
    el.appendPoints({ steps: more, values: more.map((s) => 1 / Math.sqrt(s)) });
    await settle(el);
    const [x0, x1] = plotX(el);
    const x = axisScale(el, 'x');
    const shown: [number, number] = [x.at(x0), x.at(x1)];
    // The live axis ends past the last step.
    expect(shown[1]).toBeGreaterThan(25_500);
    const px = x0 + (x1 - x0) * 0.8;
    wheel(el, px, { deltaY: -150 });
    await settle(el);
    // Around the step under the pointer, from the axis shown (not from the data's range, which would shift it).
    expectDomain(el.xDomain, around(shown, x.at(px), Math.exp(-0.3)), -1);
  });

  it('wheel up (deltaY < 0) zooms in around the pointer, wheel down zooms out', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const [x0] = plotX(el);
    const x = axisScale(el, 'x');
    const { event, px } = wheel(el, x0 + 150, { deltaY: -100 });
    await settle(el);
    expect(event.defaultPrevented).toBe(true);
    const c = x.at(px);
    const once = around([1, N], c, Math.exp(-0.2));
    expectDomain(el.xDomain, once);
    expect(zooms).toHaveLength(1);
    // The epoch under the pointer stays under it.
    expect(axisScale(el, 'x').at(px)).toBeCloseTo(c, 6);

    wheel(el, px, { deltaY: -100 });
    await settle(el);
    expectDomain(el.xDomain, around(once, c, Math.exp(-0.2)));
    wheel(el, px, { deltaY: 100 });
    await settle(el);
    expectDomain(el.xDomain, once);
    expect(zooms).toHaveLength(3);

    wheel(el, px, { deltaY: 500 });
    await settle(el);
    expect(el.xDomain, 'zoomed out past all the data: reset').toBeNull();
    expect(zooms).toHaveLength(4);
    expect(zooms[3]).toBeNull();
  });

  it('wheel zoom while the pointer rests over the chart (its crosshair shown) keeps the crosshair in view', async () => {
    const el = await chart();
    const x = axisScale(el, 'x');
    const px = x.px(450);
    pointer(el, 'pointermove', px, { buttons: 0 });
    await settle(el);
    expect(tooltip(el)!.title).toBe('Epoch 450');
    const { px: at } = wheel(el, px, { deltaY: -300 });
    await settle(el);
    expectDomain(el.xDomain, around([1, N], x.at(at), Math.exp(-0.6)));
    expect(tooltip(el)!.title).toBe('Epoch 450');
  });

  it('wheel lines (deltaMode 1) count 16 px each', async () => {
    const el = await chart();
    const [x0] = plotX(el);
    const x = axisScale(el, 'x');
    const { px } = wheel(el, x0 + 265, { deltaY: -3, deltaMode: 1 });
    await settle(el);
    expectDomain(el.xDomain, around([1, N], x.at(px), Math.exp(-3 * 16 * 0.002)));
  });

  it('a horizontal wheel or Shift+wheel pans a zoomed chart', async () => {
    const el = await chart({ xDomain: [200, 400] });
    const zooms = collectZoom(el);
    const [x0, x1] = plotX(el);
    const w = x1 - x0;
    wheel(el, x0 + 100, { deltaX: w / 10 });
    await settle(el);
    expectDomain(el.xDomain, [220, 420]);
    wheel(el, x0 + 100, { deltaY: -w / 5, shiftKey: true });
    await settle(el);
    expectDomain(el.xDomain, [180, 380]);
    expect(zooms).toHaveLength(2);
    // Panning stops at the data's end.
    wheel(el, x0 + 100, { deltaX: 100 * w });
    await settle(el);
    expectDomain(el.xDomain, [800, 1000]);
  });

  it('a real mouse wheel zooms in and out', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const target = part(el, 'chart')!;
    let width = NaN;
    try {
      await userEvent.wheel(target, { delta: { y: -200 } });
      await settle(el);
      expect(el.xDomain).not.toBeNull();
      width = el.xDomain![1] - el.xDomain![0];
      expect(width).toBeLessThan(0.8 * (N - 1));
      expect(zooms).toHaveLength(1);
      await userEvent.wheel(target, { delta: { y: 100 } });
      await settle(el);
    } finally {
      await parkMouse();
    }
    expect(el.xDomain![1] - el.xDomain![0]).toBeGreaterThan(width);
  });

  it('two fingers pinching apart zoom in around their middle', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    const [x0] = plotX(el);
    const x = axisScale(el, 'x');
    const a = x0 + 200;
    const b = x0 + 260;
    pointer(el, 'pointerdown', a, { pointerId: 11, pointerType: 'touch' });
    pointer(el, 'pointerdown', b, { pointerId: 12, pointerType: 'touch', isPrimary: false });
    await settle(el);
    expect(el.xDomain).toBeNull();
    pointer(el, 'pointermove', b + 60, { pointerId: 12, pointerType: 'touch', isPrimary: false });
    await settle(el);
    // The fingers are twice as far apart: half the range, around the step between where they started.
    expectDomain(el.xDomain, around([1, N], x.at((a + b) / 2), 0.5));
    expect(part(el, 'zoom-brush'), 'no brush while pinching').toBeNull();
    pointer(el, 'pointerup', a, { pointerId: 11, pointerType: 'touch' });
    pointer(el, 'pointerup', b + 60, { pointerId: 12, pointerType: 'touch', isPrimary: false });
    await settle(el);
    expect(zooms.length).toBeGreaterThanOrEqual(1);
    expect(zooms[zooms.length - 1]).toEqual(el.xDomain);
  });

  it('a finger that moved before the second one landed pinches from where it is, not where it went down', async () => {
    const el = await chart();
    const [x0] = plotX(el);
    const x = axisScale(el, 'x');
    const touch = (type: string, id: number, px: number) => pointer(el, type, px, { pointerId: id, pointerType: 'touch', isPrimary: id === 21 });
    const a = x0 + 200;
    const b = x0 + 260;
    const c = (a + b) / 2;
    // The first finger lands 20 px right of `a` and slides to `a`; then the second lands at `b`.
    touch('pointerdown', 21, a + 20);
    touch('pointermove', 21, a + 10);
    touch('pointermove', 21, a);
    await settle(el);
    touch('pointerdown', 22, b);
    await settle(el);
    expect(el.xDomain).toBeNull();
    // The first finger reports where it already is: the fingers are as far apart as when the pinch began, no zoom.
    touch('pointermove', 21, a);
    await settle(el);
    expect(el.xDomain === null || el.xDomain[1] - el.xDomain[0] > 0.999 * (N - 1), 'no jump').toBe(true);
    // Both move apart, symmetrically around the step between them, to twice their distance: half the range around it.
    touch('pointermove', 21, c - 60);
    touch('pointermove', 22, c + 60);
    await settle(el);
    expectDomain(el.xDomain, around([1, N], x.at(c), 0.5), 2);
    touch('pointerup', 21, c - 60);
    touch('pointerup', 22, c + 60);
  });
});

describe('keyboard zoom on the focused chart', () => {
  it('+ zooms in around the middle without a crosshair, − zooms back out, announced', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    part(el, 'chart')!.focus();
    const plus = await press(el, '+');
    expect(plus.defaultPrevented).toBe(true);
    expectDomain(el.xDomain, [250.75, 750.25]);
    expect(zooms).toEqual([el.xDomain]);
    expect(announcement(el)).toBe('Zoomed to 251 – 750');
    expectAxisOn(el, [250.75, 750.25]);
    await press(el, '-');
    expect(el.xDomain).toBeNull();
    expect(zooms).toHaveLength(2);
    expect(zooms[1]).toBeNull();
    expect(announcement(el)).toBe('Zoom reset');
  });

  it('= and _ work as + and −', async () => {
    const el = await chart();
    await press(el, '=');
    expectDomain(el.xDomain, [250.75, 750.25]);
    await press(el, '_');
    expect(el.xDomain).toBeNull();
  });

  it('real key presses zoom: + then 0', async () => {
    const el = await chart();
    part(el, 'chart')!.focus();
    await userEvent.keyboard('+');
    await settle(el);
    expectDomain(el.xDomain, [250.75, 750.25]);
    await userEvent.keyboard('0');
    await settle(el);
    expect(el.xDomain).toBeNull();
  });

  it('+ zooms around the crosshair: after Home, around the first epoch', async () => {
    const el = await chart();
    await press(el, 'Home');
    await press(el, '+');
    expectDomain(el.xDomain, [1, 500.5]);
    expect(tooltip(el)!.title).toBe('Epoch 1');
    await press(el, '+');
    expectDomain(el.xDomain, [1, 250.75]);
  });

  it('the crosshair stays on its epoch while zooming, so a second + zooms around it again', async () => {
    const el = await chart();
    const x = axisScale(el, 'x');
    await pointAt(el, x.px(300));
    expect(tooltip(el)!.title).toBe('Epoch 300');
    part(el, 'chart')!.focus();
    await press(el, '+');
    expectDomain(el.xDomain, [150.5, 650]);
    expect(tooltip(el)!.title, 'the crosshair after zooming').toBe('Epoch 300');
    expect(crosshairX(el)).toBeCloseTo(axisScale(el, 'x').px(300), 1);
    await press(el, '+');
    expectDomain(el.xDomain, [225.25, 475]);
  });

  it('after End and +, the crosshair is still on the last epoch and a second + keeps the end in view', async () => {
    const el = await chart();
    await press(el, 'End');
    await press(el, '+');
    expectDomain(el.xDomain, [500.5, 1000]);
    expect(tooltip(el)!.title).toBe('Epoch 1,000');
    await press(el, '+');
    expectDomain(el.xDomain, [750.25, 1000]);
  });

  it('a crosshair on an epoch that a zoom from code leaves out does not break the chart', async () => {
    const el = await chart();
    await press(el, 'End');
    expect(tooltip(el)!.title).toBe('Epoch 1,000');
    el.xDomain = [1, 100];
    await settle(el);
    expectAxisOn(el, [1, 100]);
    const tip = tooltip(el);
    expect(tip === null || tip.title === 'Epoch 100').toBe(true);
  });

  it('Alt+ArrowRight / Alt+ArrowLeft pan a quarter of the range, stopping at the data; plain arrows move the crosshair', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    await press(el, '+');
    await press(el, 'ArrowRight', { altKey: true });
    expectDomain(el.xDomain, [375.625, 875.125]);
    expect(announcement(el)).toBe('Zoomed to 376 – 875');
    await press(el, 'ArrowLeft', { altKey: true });
    expectDomain(el.xDomain, [250.75, 750.25]);
    await press(el, 'ArrowRight', { altKey: true });
    await press(el, 'ArrowRight', { altKey: true });
    expectDomain(el.xDomain, [500.5, 1000]);
    const count = zooms.length;
    expect(count).toBe(5);
    await press(el, 'ArrowRight', { altKey: true });
    expectDomain(el.xDomain, [500.5, 1000]);
    expect(zooms, 'no event when the range did not change').toHaveLength(count);
    // Without Alt the arrow keys move the crosshair, over the epochs in view only.
    await press(el, 'ArrowRight');
    expect(tooltip(el)!.title).toBe('Epoch 501');
    expectDomain(el.xDomain, [500.5, 1000]);
    expect(zooms).toHaveLength(count);
  });

  it('Alt+arrows do nothing when not zoomed', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    await press(el, 'ArrowRight', { altKey: true });
    await press(el, 'ArrowLeft', { altKey: true });
    expect(el.xDomain).toBeNull();
    expect(zooms).toEqual([]);
  });

  it('on a log x axis, + zooms in the log space', async () => {
    const el = await chart({ logX: true });
    await press(el, '+');
    // Around the middle pixel, 10^1.5 of [1, 1000]: half the decades.
    expectDomain(el.xDomain, [10 ** 0.75, 10 ** 2.25], 4);
    await press(el, '-');
    expect(el.xDomain).toBeNull();
  });
});

describe('zoom on a log x axis', () => {
  it('zooming in at the last step keeps it in range: the crosshair can still reach it', async () => {
    const steps = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const el = await mount<LossCurve>('loss-curve', { train: { steps, values: steps.map((s) => 1 / s) } }, { attrs: { 'log-x': '' } });
    part(el, 'chart')!.focus();
    await press(el, 'End');
    expect(tooltip(el)?.title).toBe('Step 20,000');
    await press(el, '+');
    expect(el.xDomain![1]).toBe(20_000);
    await press(el, 'End');
    expect(tooltip(el)?.title).toBe('Step 20,000');
  });
});

describe('xDomain set from code', () => {
  it('re-renders on the range without firing zoom, and null goes back to all the data', async () => {
    const el = await chart();
    const zooms = collectZoom(el);
    el.xDomain = [200, 300];
    await settle(el);
    expectAxisOn(el, [200, 300]);
    expect(part(el, 'zoom-reset')).not.toBeNull();
    // The y axis fits epochs 200..300 (values about 0.3 to 0.5).
    const [yLo, yHi] = shownY(el);
    expect(yHi).toBeLessThan(0.6);
    expect(yHi).toBeGreaterThanOrEqual(extentIn(VALIDATION, 200, 300)[1]);
    expect(yLo).toBeLessThanOrEqual(extentIn(TRAIN, 200, 300)[0]);
    el.xDomain = null;
    await settle(el);
    expectAxisOn(el, [1, N]);
    expect(part(el, 'zoom-reset')).toBeNull();
    expect(zooms).toEqual([]);
  });

  it('a user reset after a zoom from code fires zoom with null', async () => {
    const el = await chart({ xDomain: [100, 200] });
    const zooms = collectZoom(el);
    part(el, 'zoom-reset')!.click();
    await settle(el);
    expect(zooms).toEqual([null]);
  });

  it('a range in either order is read in order; anything else shows all the data, with one warning', async () => {
    const el = await chart();
    el.xDomain = [300, 200];
    await settle(el);
    expect(el.xDomain).toEqual([200, 300]);
    expectAxisOn(el, [200, 300]);
    for (const bad of [[5, 5], [NaN, 10], 'wide', [1]]) {
      el.xDomain = bad as unknown as [number, number];
      await settle(el);
      expect(el.xDomain).toBeNull();
      expectAxisOn(el, [1, N]);
      expect(part(el, 'zoom-reset')).toBeNull();
    }
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]).toContain('xDomain: expected [from, to]');
  });

  it('a zoom stays while points are appended', async () => {
    const el = await chart({ xDomain: [100, 200] });
    const zooms = collectZoom(el);
    el.appendPoints([0.1, 0.09], [0.12, 0.11]);
    await settle(el);
    expect(el.xDomain).toEqual([100, 200]);
    expectAxisOn(el, [100, 200]);
    expect(zooms).toEqual([]);
  });
});

describe('keeping charts in step', () => {
  it("one chart's zoom event sets the other's xDomain; the other fires nothing, and both show the same x axis", async () => {
    const a = await chart();
    const b = await mount<LossCurve>('loss-curve', { train: TRAIN.map((v) => v * 2), validation: VALIDATION.map((v) => v * 2) });
    const aZooms = collectZoom(a);
    const bZooms = collectZoom(b);
    a.addEventListener('zoom', (e) => (b.xDomain = e.detail.xDomain));
    b.addEventListener('zoom', (e) => (a.xDomain = e.detail.xDomain));
    const [x0] = plotX(a);
    await drag(a, x0, pxPast(a, 500));
    // The pointer leaves chart a for chart b.
    part(a, 'chart')!.dispatchEvent(new PointerEvent('pointerleave'));
    await settle(a);
    await settle(b);
    expect(b.xDomain).toEqual(a.xDomain);
    expect(tickLabels(b, 'x')).toEqual(tickLabels(a, 'x'));
    expectAxisOn(b, a.xDomain!);
    expect(aZooms).toHaveLength(1);
    expect(bZooms).toEqual([]);

    await press(b, '+');
    await settle(a);
    expect(a.xDomain).toEqual(b.xDomain);
    expect(aZooms).toHaveLength(1);
    expect(bZooms).toHaveLength(1);

    await press(a, '0');
    await settle(b);
    expect(b.xDomain).toBeNull();
    expectAxisOn(b, [1, N]);
    expect(aZooms).toHaveLength(2);
    expect(bZooms).toHaveLength(1);
  });
});

describe('<overfit-gap> zooms too', () => {
  /** The gap stays near 0.05 for 100 epochs, then grows to about 1. */
  const GAP_TRAIN = Array.from({ length: 200 }, (_, i) => 1 / (1 + i / 20));
  const GAP_VAL = GAP_TRAIN.map((t, i) => t + (i < 100 ? 0.05 + 0.01 * Math.sin(i) : 0.05 + (i - 100) / 100));
  const gapChart = () => mount<OverfitGap>('overfit-gap', { train: GAP_TRAIN, validation: GAP_VAL });

  it('drag zooms: event, axes on the range, the gap line inside the plot has one vertex per epoch in view, y refits', async () => {
    const el = await gapChart();
    const zooms = collectZoom(el);
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    expect(shownY(el)[1]).toBeGreaterThanOrEqual(1);
    const b = pxPast(el, 60);
    pointer(el, 'pointerdown', x0);
    await settle(el);
    pointer(el, 'pointermove', b);
    await settle(el);
    expect(part(el, 'zoom-brush')).not.toBeNull();
    pointer(el, 'pointerup', b);
    await settle(el);
    const expected = [1, 60.25];
    expect(x.at(b)).toBeCloseTo(60.25, 6);
    expectDomain(el.xDomain, expected);
    expect(zooms).toEqual([el.xDomain]);
    expectAxisOn(el, expected);
    const [px0, px1] = plotX(el);
    const inside = vertices(part(el, 'gap-line')!.getAttribute('d')).filter(([px]) => px >= px0 - 0.01 && px <= px1 + 0.01);
    expect(inside).toHaveLength(Math.floor(expected[1]) - Math.ceil(expected[0]) + 1);
    const [yLo, yHi] = shownY(el);
    expect(yHi, 'the y axis fits the gap in view').toBeLessThan(0.2);
    expect(yLo).toBeLessThanOrEqual(0);
    expect(part(el, 'zoom-reset')).not.toBeNull();
  });

  it('keys, wheel and double-click work on the gap chart', async () => {
    const el = await gapChart();
    const zooms = collectZoom(el);
    await press(el, '+');
    expectDomain(el.xDomain, [50.75, 150.25]);
    await press(el, 'ArrowRight', { altKey: true });
    expectDomain(el.xDomain, [75.625, 175.125]);
    const [x0] = plotX(el);
    wheel(el, x0 + 10, { deltaY: -100 });
    await settle(el);
    expect(el.xDomain![1] - el.xDomain![0]).toBeCloseTo(99.5 * Math.exp(-0.2), 6);
    part(el, 'chart')!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await settle(el);
    expect(el.xDomain).toBeNull();
    expect(zooms).toHaveLength(4);
    expect(zooms[3]).toBeNull();
    expectAxisOn(el, [1, 200]);
  });

  it('xDomain set from code zooms the gap chart without an event', async () => {
    const el = await gapChart();
    const zooms = collectZoom(el);
    el.xDomain = [20, 80];
    await settle(el);
    expectAxisOn(el, [20, 80]);
    expect(shownY(el)[1], 'the early gap only').toBeLessThan(0.2);
    el.xDomain = [150, 200];
    await settle(el);
    expectAxisOn(el, [150, 200]);
    expect(shownY(el)[1]).toBeGreaterThanOrEqual(GAP_VAL[199] - GAP_TRAIN[199]);
    expect(zooms).toEqual([]);
  });

  it('dragging over the middle of the gap chart zooms there', async () => {
    const el = await gapChart();
    const x = axisScale(el, 'x');
    const [x0] = plotX(el);
    await drag(el, x0 + 100, x0 + 200);
    expectDomain(el.xDomain, [x.at(x0 + 100), x.at(x0 + 200)]);
  });

  it('a hovered epoch outside a range set from code does not break the gap chart', async () => {
    const el = await gapChart();
    await pointAt(el, axisScale(el, 'x').px(180));
    expect(text(part(el, 'tooltip')!.querySelector('.step'))).toBe('Epoch 180');
    el.xDomain = [1, 60];
    await settle(el);
    expectAxisOn(el, [1, 60]);
    const title = text(part(el, 'tooltip')!.querySelector('.step'));
    expect(['', 'Epoch 60']).toContain(title);
  });
});

describe('zoom and the page', () => {
  it('no warnings or errors from a zoom session', async () => {
    const el = await chart();
    const [x0] = plotX(el);
    await drag(el, x0, pxPast(el, 500));
    part(el, 'chart')!.dispatchEvent(new PointerEvent('pointerleave'));
    wheel(el, pxPast(el, 450), { deltaY: -100 });
    await settle(el);
    await press(el, '+');
    await press(el, 'ArrowLeft', { altKey: true });
    await press(el, 'Escape');
    expect(el.xDomain).toBeNull();
    expect(page.warnings).toEqual([]);
  });
});
