import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import {
  crosshairX,
  lineVertices,
  mount,
  part,
  press,
  rgb,
  settle,
  styleOf,
  subpaths,
  svgSize,
  tickLabels,
  tickPos,
  ticks,
  tooltip,
  update,
  vertices,
  watchPage,
  pathData,
} from './helpers.js';

const page = watchPage();

const TRAIN = [1, 0.8, 0.6, 0.5];
const VALIDATION = [1.1, 0.9, 0.8, 0.85];

/** Consecutive differences. */
const gaps = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]);

describe('<loss-curve>', () => {
  it('draws train and validation from plain arrays', async () => {
    const el = await mount('loss-curve', { train: [1, 0.8, 0.6, 0.5], validation: [1.1, 0.9, 0.8, 0.85] });
    expect(vertices(pathData(part(el, 'train-line')))).toHaveLength(4);
    expect(vertices(pathData(part(el, 'validation-line')))).toHaveLength(4);
  });

  it('fills the plot: the first and last epochs sit at the ends of the x axis', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const v = lineVertices(el, 'train-line');
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(v[0][0]).toBeCloseTo(Number(axis.getAttribute('x1')), 1);
    expect(v[3][0]).toBeCloseTo(Number(axis.getAttribute('x2')), 1);
    // Evenly spaced epochs.
    const dx = gaps(v.map(([x]) => x));
    for (const d of dx) expect(d).toBeCloseTo(dx[0], 1);
    // Larger values are higher (smaller y).
    const ys = v.map(([, y]) => y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(page.warnings).toEqual([]);
  });
});

describe('<loss-curve> y label', () => {
  it('a long metric name on a 240 × 160 card is cut with an ellipsis and stays inside the chart', async () => {
    const acc = [0.5, 0.6, 0.7, 0.75, 0.8];
    const el = await mount(
      'loss-curve',
      { history: { sparse_categorical_accuracy: acc, val_sparse_categorical_accuracy: acc } },
      { width: 240, height: 160, attrs: { metric: 'sparse_categorical_accuracy' } },
    );
    const svgEl = el.shadowRoot!.querySelector('[part~="svg"]')!.getBoundingClientRect();
    const label = el.shadowRoot!.querySelector('.y-axis .axis-label')!;
    expect(label.textContent).toMatch(/^sparse_.*…$/);
    const box = label.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(svgEl.top - 0.5);
    expect(box.bottom).toBeLessThanOrEqual(svgEl.bottom + 0.5);
  });

  it('a short metric name is drawn whole', async () => {
    const el = await mount('loss-curve', { train: [1, 0.5], validation: [1.1, 0.6] }, { width: 240, height: 160 });
    expect(el.shadowRoot!.querySelector('.y-axis .axis-label')!.textContent).toBe('loss');
  });
});

describe('<loss-curve> log scales', () => {
  it('log-y: one decade is the same height everywhere', async () => {
    const train = [10, 1, 0.1, 0.01, 0.001];
    const el = await mount('loss-curve', { train }, { attrs: { 'log-y': '' } });
    expect(el.logY).toBe(true);
    expect(tickLabels(el, 'y')).toEqual(['0.001', '0.01', '0.1', '1', '10']);
    const decades = gaps(['0.001', '0.01', '0.1', '1', '10'].map((l) => tickPos(el, 'y', l)));
    expect(decades[0]).toBeLessThan(-20);
    for (const d of decades) expect(d).toBeCloseTo(decades[0], 6);
    // Each value sits on its decade's tick, so the vertices are evenly spaced in y too.
    const v = lineVertices(el, 'train-line');
    expect(v.map(([, y]) => y)).toEqual(['10', '1', '0.1', '0.01', '0.001'].map((l) => expect.closeTo(tickPos(el, 'y', l), 1)));
    // 2×, 3× ... ticks are minor grid lines without labels.
    const grid = part(el, 'grid')!;
    expect(grid.querySelectorAll('line.minor').length).toBeGreaterThan(10);
    expect(page.warnings).toEqual([]);
  });

  it('log-y places a value between decades at its logarithm', async () => {
    const el = await mount('loss-curve', { train: [1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01] }, { attrs: { 'log-y': '' } });
    const one = tickPos(el, 'y', '1');
    const tenth = tickPos(el, 'y', '0.1');
    const v = lineVertices(el, 'train-line');
    // 0.5 is log10(2) ≈ 30.1% of a decade below 1.
    expect(v[1][1]).toBeCloseTo(one + (tenth - one) * Math.log10(2), 1);
  });

  it('without log-y, the same data is not evenly spaced', async () => {
    const el = await mount('loss-curve', { train: [10, 1, 0.1, 0.01, 0.001] });
    const dy = gaps(lineVertices(el, 'train-line').map(([, y]) => y));
    expect(dy[0]).toBeGreaterThan(dy[1] * 5);
  });

  it('log-x: one decade of steps is the same width everywhere', async () => {
    const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    const el = await mount('loss-curve', { train: { steps, values: steps.map((s) => 1 / Math.sqrt(s)) } }, { attrs: { 'log-x': '' } });
    expect(el.logX).toBe(true);
    // Each decade labeled (and, as d3's log tickFormat does when they fit, its first multiples).
    expect(tickLabels(el, 'x')).toEqual(expect.arrayContaining(['1', '10', '100', '1000']));
    const [a, b, c, d] = ['1', '10', '100', '1000'].map((l) => tickPos(el, 'x', l));
    expect(b - a).toBeGreaterThan(50);
    expect(c - b).toBeCloseTo(b - a, 6);
    expect(d - c).toBeCloseTo(b - a, 6);
    const decade = b - a;
    const v = lineVertices(el, 'train-line');
    expect(v.map(([x]) => x)).toEqual(steps.map((s) => expect.closeTo(a + Math.log10(s) * decade, 1)));
    expect(page.warnings).toEqual([]);
  });

  it('log-x and log-y together: a power law is a straight line', async () => {
    const steps = [1, 3, 10, 30, 100, 300, 1000];
    const el = await mount('loss-curve', { train: { steps, values: steps.map((s) => 2 / Math.sqrt(s)) } }, { attrs: { 'log-x': '', 'log-y': '' } });
    const v = lineVertices(el, 'train-line');
    const slope = (i: number) => (v[i + 1][1] - v[i][1]) / (v[i + 1][0] - v[i][0]);
    for (let i = 1; i < v.length - 1; i++) expect(slope(i)).toBeCloseTo(slope(0), 1);
  });

  it('the logY and logX properties reflect to attributes and redraw', async () => {
    const el = await mount('loss-curve', { train: [10, 1, 0.1, 0.01] });
    const linear = pathData(part(el, 'train-line'));
    await update(el, { logY: true });
    expect(el.hasAttribute('log-y')).toBe(true);
    expect(pathData(part(el, 'train-line'))).not.toBe(linear);
    expect(tickLabels(el, 'y')).toContain('0.01');
    await update(el, { logY: false });
    expect(el.hasAttribute('log-y')).toBe(false);
    expect(pathData(part(el, 'train-line'))).toBe(linear);
  });
});

describe('<loss-curve> smoothing', () => {
  const noisy = [1, 0.6, 0.9, 0.5, 0.8, 0.4, 0.7, 0.35, 0.6, 0.3];

  it('draws the raw line faint under a smoothed line with different vertices', async () => {
    const el = await mount('loss-curve', { train: noisy, validation: noisy.map((v) => v + 0.1), smoothing: 0.6 });
    const raw = lineVertices(el, 'train-raw-line');
    const smooth = lineVertices(el, 'train-line');
    expect(raw).toHaveLength(10);
    expect(smooth).toHaveLength(10);
    // Same x, and the debiased average starts on the first value.
    expect(smooth.map(([x]) => x)).toEqual(raw.map(([x]) => x));
    expect(smooth[0][1]).toBeCloseTo(raw[0][1], 1);
    const moved = smooth.filter(([, y], i) => Math.abs(y - raw[i][1]) > 1);
    expect(moved.length).toBeGreaterThanOrEqual(8);
    // Smoothing lowers the zigzag: the smoothed line's vertical travel is much shorter.
    const travel = (v: Array<[number, number]>) => gaps(v.map(([, y]) => y)).reduce((s, d) => s + Math.abs(d), 0);
    expect(travel(smooth)).toBeLessThan(travel(raw) / 2);
    expect(lineVertices(el, 'validation-raw-line')).toHaveLength(10);
    expect(lineVertices(el, 'validation-line')).toHaveLength(10);
    // Faint: thin and mostly transparent, in the line's color.
    const rawStyle = styleOf(el, 'train-raw-line');
    expect(Number(rawStyle.strokeOpacity)).toBeLessThan(0.5);
    expect(rawStyle.strokeWidth).toBe('1px');
    expect(rawStyle.stroke).toBe(styleOf(el, 'train-line').stroke);
    expect(Number(styleOf(el, 'train-line').strokeOpacity)).toBe(1);
    // The raw line is drawn first, under the smoothed one.
    const order = [...el.shadowRoot!.querySelectorAll('[part]')].map((p) => p.getAttribute('part'));
    expect(order.indexOf('train-raw-line')).toBeLessThan(order.indexOf('train-line'));
    expect(page.warnings).toEqual([]);
  });

  it('the smoothing attribute works, and 0 removes the raw lines', async () => {
    const el = await mount('loss-curve', { train: noisy }, { attrs: { smoothing: '0.9' } });
    expect(el.smoothing).toBe(0.9);
    expect(part(el, 'train-raw-line')).not.toBeNull();
    el.setAttribute('smoothing', '0');
    await settle(el);
    expect(part(el, 'train-raw-line')).toBeNull();
    expect(lineVertices(el, 'train-line')).toEqual(lineVertices(await mount('loss-curve', { train: noisy }), 'train-line'));
  });

  it('a constant series stays flat when smoothed', async () => {
    const el = await mount('loss-curve', { train: [0.5, 0.5, 0.5, 0.5], smoothing: 0.8 });
    const ys = lineVertices(el, 'train-line').map(([, y]) => y);
    expect(new Set(ys).size).toBe(1);
  });

  it('smoothing keeps the gaps of missing values', async () => {
    const el = await mount('loss-curve', { train: [1, 0.8, null, 0.6, 0.5], smoothing: 0.5 });
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(2);
    expect(subpaths(pathData(part(el, 'train-raw-line')))).toBe(2);
  });
});

describe('<loss-curve> size', () => {
  it('re-renders at the new width when its container is resized', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { width: 600 });
    expect(svgSize(el)!.width).toBe(600);
    const before = lineVertices(el, 'train-line');
    el.parentElement!.style.width = '400px';
    await expect.poll(() => svgSize(el)!.width).toBe(400);
    const svg = part(el, 'svg')!;
    expect(svg.getAttribute('viewBox')).toBe(`0 0 400 ${svgSize(el)!.height}`);
    const after = lineVertices(el, 'train-line');
    // The left margin is the same, the last epoch moves left by the 200 px taken away.
    expect(after[0][0]).toBeCloseTo(before[0][0], 1);
    expect(after[3][0]).toBeCloseTo(before[3][0] - 200, 1);
    expect(Number(part(el, 'x-axis')!.querySelector('line')!.getAttribute('x2'))).toBeLessThanOrEqual(400);
    el.parentElement!.style.width = '900px';
    await expect.poll(() => svgSize(el)!.width).toBe(900);
    expect(lineVertices(el, 'train-line')[3][0]).toBeCloseTo(before[3][0] + 300, 1);
  });

  it('a crosshair shown during a resize moves with its epoch', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { width: 600 });
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    el.parentElement!.style.width = '350px';
    await expect.poll(() => svgSize(el)!.width).toBe(350);
    expect(crosshairX(el)).toBeCloseTo(lineVertices(el, 'train-line')[1][0], 1);
    expect(tooltip(el)!.title).toBe('Epoch 2');
  });

  it('fewer x ticks on a narrow chart', async () => {
    const train = Array.from({ length: 50 }, (_, i) => 1 / (i + 1));
    const wide = await mount('loss-curve', { train }, { width: 1000 });
    const narrow = await mount('loss-curve', { train }, { width: 250 });
    expect(ticks(narrow, 'x').length).toBeLessThan(ticks(wide, 'x').length);
    expect(ticks(narrow, 'x').length).toBeGreaterThanOrEqual(2);
  });

  it('takes its height from CSS (inline style)', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { height: 200 });
    expect(el.getBoundingClientRect().height).toBe(200);
    const chart = part(el, 'chart')!.getBoundingClientRect();
    expect(svgSize(el)!.height).toBe(Math.round(chart.height));
    // The legend takes a line above the chart; the chart takes the rest.
    expect(svgSize(el)!.height).toBeLessThan(200);
    expect(svgSize(el)!.height).toBeGreaterThan(160);
    el.style.height = '450px';
    await expect.poll(() => svgSize(el)!.height).toBe(450 - (200 - Math.round(chart.height)));
    // The x axis sits near the bottom of the taller SVG.
    const axisY = Number(part(el, 'x-axis')!.querySelector('line')!.getAttribute('y1'));
    expect(axisY).toBeGreaterThan(svgSize(el)!.height - 60);
    expect(axisY).toBeLessThan(svgSize(el)!.height);
  });

  it('takes its height from a stylesheet rule', async () => {
    const style = document.createElement('style');
    style.textContent = 'loss-curve.tall { height: 420px; }';
    document.head.append(style);
    try {
      const el = await mount('loss-curve', { train: TRAIN }, { height: null, attrs: { class: 'tall' } });
      expect(el.getBoundingClientRect().height).toBe(420);
      expect(svgSize(el)!.height).toBe(Math.round(part(el, 'chart')!.getBoundingClientRect().height));
      expect(svgSize(el)!.height).toBeGreaterThan(380);
    } finally {
      style.remove();
    }
  });

  it('is 300px tall by default', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { height: null });
    expect(el.getBoundingClientRect().height).toBe(300);
    expect(svgSize(el)!.width).toBe(600);
  });

  it('a chart in a hidden container draws once it is shown', async () => {
    const el = await mount('loss-curve', {}, { width: 500 });
    const host = el.parentElement!;
    host.style.display = 'none';
    await update(el, { train: TRAIN });
    host.style.display = '';
    await expect.poll(() => svgSize(el)?.width).toBe(500);
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
  });
});

describe('<loss-curve> theme and custom properties', () => {
  it('theme="dark" changes the line colors', async () => {
    const light = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { theme: 'light' } });
    const dark = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { theme: 'dark' } });
    expect(styleOf(light, 'train-line').stroke).toBe(rgb('#2563eb'));
    expect(styleOf(dark, 'train-line').stroke).toBe(rgb('#60a5fa'));
    expect(styleOf(light, 'validation-line').stroke).toBe(rgb('#c2410c'));
    expect(styleOf(dark, 'validation-line').stroke).toBe(rgb('#fb923c'));
    expect(getComputedStyle(dark).colorScheme).toBe('dark');
    // Text follows the theme too.
    const label = (el: HTMLElement) => getComputedStyle(el.shadowRoot!.querySelector('[part="x-axis"] .axis-label')!).fill;
    expect(label(light)).toBe(rgb('#1f2937'));
    expect(label(dark)).toBe(rgb('#e5e7eb'));
  });

  it('theme="auto" follows prefers-color-scheme; "light" and "dark" do not', async () => {
    // The Chrome DevTools Protocol session of the test page (typed by the playwright provider only).
    const session = cdp() as unknown as { send(method: string, params: object): Promise<unknown> };
    const scheme = (value: string) => session.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value }] });
    const auto = await mount('loss-curve', { train: TRAIN });
    const light = await mount('loss-curve', { train: TRAIN }, { attrs: { theme: 'light' } });
    const dark = await mount('loss-curve', { train: TRAIN }, { attrs: { theme: 'dark' } });
    try {
      await scheme('dark');
      expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true);
      expect(styleOf(auto, 'train-line').stroke).toBe(rgb('#60a5fa'));
      expect(styleOf(light, 'train-line').stroke).toBe(rgb('#2563eb'));
      expect(styleOf(dark, 'train-line').stroke).toBe(rgb('#60a5fa'));
      await scheme('light');
      expect(styleOf(auto, 'train-line').stroke).toBe(rgb('#2563eb'));
      expect(styleOf(light, 'train-line').stroke).toBe(rgb('#2563eb'));
      expect(styleOf(dark, 'train-line').stroke).toBe(rgb('#60a5fa'));
    } finally {
      await scheme('');
    }
  });

  it('switching the theme property restyles without redrawing', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { theme: 'light' } });
    const d = pathData(part(el, 'train-line'));
    await update(el, { theme: 'dark' });
    expect(el.getAttribute('theme')).toBe('dark');
    expect(styleOf(el, 'train-line').stroke).toBe(rgb('#60a5fa'));
    expect(pathData(part(el, 'train-line'))).toBe(d);
  });

  it('--tc-train-color overrides the training stroke, in both themes', async () => {
    const light = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { theme: 'light' } });
    const dark = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { theme: 'dark' } });
    for (const el of [light, dark]) {
      el.style.setProperty('--tc-train-color', 'rgb(1, 2, 3)');
      expect(styleOf(el, 'train-line').stroke).toBe('rgb(1, 2, 3)');
      // The legend swatch and the validation line follow their own variables.
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="legend-entry"] line')!).stroke).toBe('rgb(1, 2, 3)');
      expect(styleOf(el, 'validation-line').stroke).not.toBe('rgb(1, 2, 3)');
    }
  });

  it('--tc-train-color set on an ancestor is inherited', async () => {
    const el = await mount('loss-curve', { train: TRAIN });
    el.parentElement!.style.setProperty('--tc-train-color', '#00ff00');
    expect(styleOf(el, 'train-line').stroke).toBe('rgb(0, 255, 0)');
  });
});

describe('<loss-curve> disconnect and reconnect', () => {
  /** Every ResizeObserver created while installed, with what it observes until disconnected. */
  class TrackingObserver extends ResizeObserver {
    static all: TrackingObserver[] = [];
    readonly targets = new Set<Element>();
    constructor(callback: ResizeObserverCallback) {
      super(callback);
      TrackingObserver.all.push(this);
    }
    override observe(target: Element, options?: ResizeObserverOptions): void {
      this.targets.add(target);
      super.observe(target, options);
    }
    override unobserve(target: Element): void {
      this.targets.delete(target);
      super.unobserve(target);
    }
    override disconnect(): void {
      this.targets.clear();
      super.disconnect();
    }
  }
  const observing = () => TrackingObserver.all.filter((o) => o.targets.size > 0);
  const original = globalThis.ResizeObserver;
  beforeEach(() => {
    TrackingObserver.all = [];
    globalThis.ResizeObserver = TrackingObserver;
  });
  afterEach(() => {
    globalThis.ResizeObserver = original;
  });

  it('observes its chart while connected, releases the observer when removed, and observes again when re-added', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { width: 600 });
    const host = el.parentElement!;
    expect(observing()).toHaveLength(1);
    expect([...observing()[0].targets]).toEqual([part(el, 'chart')]);

    el.remove();
    await settle(el);
    expect(observing()).toHaveLength(0);

    host.style.width = '350px';
    host.append(el);
    await expect.poll(() => svgSize(el)!.width).toBe(350);
    expect(observing()).toHaveLength(1);
    expect([...observing()[0].targets]).toEqual([part(el, 'chart')]);

    // The new observer is live: a later resize is followed.
    host.style.width = '420px';
    await expect.poll(() => svgSize(el)!.width).toBe(420);
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
  });

  it('many remove/append cycles leave exactly one observer', async () => {
    const el = await mount('loss-curve', { train: TRAIN });
    const host = el.parentElement!;
    for (let i = 0; i < 5; i++) {
      el.remove();
      host.append(el);
      await settle(el);
    }
    expect(observing()).toHaveLength(1);
  });

  it('moving to a container of another size re-renders at that size', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { width: 600 });
    const other = document.createElement('div');
    other.style.width = '300px';
    document.body.append(other);
    other.append(el);
    await expect.poll(() => svgSize(el)!.width).toBe(300);
    expect(lineVertices(el, 'validation-line')).toHaveLength(4);
    expect(observing()).toHaveLength(1);
  });

  it('data set while detached is drawn on reconnect, at the new size', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { width: 600 });
    const host = el.parentElement!;
    el.remove();
    el.train = [1, 0.9, 0.8, 0.7, 0.6, 0.5];
    host.style.width = '480px';
    host.append(el);
    await expect.poll(() => svgSize(el)!.width).toBe(480);
    expect(lineVertices(el, 'train-line')).toHaveLength(6);
    expect(tickLabels(el, 'x')).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
