/**
 * Live training in `<loss-curve>`: `appendPoints` (coalesced per animation frame), reassigned extended arrays, runs,
 * decimation of a long live run and the `overfit` event as the onset appears. The drawn result of a live chart is
 * compared with a fresh chart given all the data at once and the same x domain.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFit, type LossCurve } from '../../src/index.js';
import { mount, part, parts, pathData, settle, text, ticks, tickLabels, vertices, watchPage } from './helpers.js';
import { collectOverfit, yScale } from './fit-helpers.js';
import { overfullColumn, random } from './decimation-helpers.js';

const page = watchPage();

/** One animation frame. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The path data of a curve part (of the run named `run` when given). */
function pathOf(el: HTMLElement, name: string, run?: string): string | null {
  return pathData(parts(el, name).find((n) => run === undefined || n.getAttribute('data-run') === run));
}

/** A path's numbers rounded to 1/1000 px, so that paths computed along different routes compare as text. */
const rounded = (d: string | null) => (d ?? '').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/g, (m) => String(Math.round(Number(m) * 1000) / 1000));

/** The x axis line's pixel ends: the plot's left and right edges. */
function plotX(el: HTMLElement): [number, number] {
  const line = el.shadowRoot!.querySelector('[part="x-axis"] > line')!;
  return [Number(line.getAttribute('x1')), Number(line.getAttribute('x2'))];
}

/** A tick label's number: "20k", "1.5M", "−3", "250". */
function tickNumber(label: string): number {
  const m = /^(−|-)?([\d.]+)([kMGmµ]?)$/.exec(label.replace(/,/g, ''));
  if (!m) return NaN;
  const unit = { '': 1, k: 1e3, M: 1e6, G: 1e9, m: 1e-3, µ: 1e-6 }[m[3]] ?? NaN;
  return (m[1] ? -1 : 1) * Number(m[2]) * unit;
}

/** The x range the chart shows, read from its labeled x ticks and the ends of the x axis line; null with < 2 ticks. */
function shownXDomainOrNull(el: HTMLElement): [number, number] | null {
  const t = ticks(el, 'x').filter((x) => Number.isFinite(tickNumber(x.label)));
  if (t.length < 2) return null;
  const [a, b] = [t[0], t[t.length - 1]];
  const va = tickNumber(a.label);
  const vb = tickNumber(b.label);
  const step = (px: number) => va + ((px - a.pos) * (vb - va)) / (b.pos - a.pos);
  const [x0, x1] = plotX(el);
  return [step(x0), step(x1)];
}

function shownXDomain(el: HTMLElement): [number, number] {
  const d = shownXDomainOrNull(el);
  if (!d) throw new Error(`need two labeled x ticks; have ${tickLabels(el, 'x').join(', ')}`);
  return d;
}

/**
 * The x domain of a live chart: it starts at the data's first step; the live span starts as the span the data had
 * when live mode began (the first append) and doubles until the last step fits; the axis shows the fewest sixteenths
 * of it that reach the last step (README, "Live training").
 */
function liveDomain(x0: number, firstSpan: number, lastStep: number): [number, number] {
  let span = Math.max(1, firstSpan);
  while (x0 + span < lastStep) span *= 2;
  let parts = 1;
  while (x0 + (span * parts) / 16 < lastStep) parts++;
  return [x0, x0 + (span * parts) / 16];
}

/**
 * The x domain a live chart should show: exactly the data's range while no line is decimated (at most 4 points per
 * pixel column of the plot), the live domain once a line has more than 4 points per pixel of the element's
 * width; in between, whichever the chart shows. Checks the shown domain (when two x ticks are labeled) and returns it.
 */
function expectLiveDomain(el: HTMLElement, o: { first: number; firstSpan: number; last: number; longest: number }, what = ''): [number, number] {
  const [x0, x1] = plotX(el);
  const width = Number(part(el, 'svg')!.getAttribute('width'));
  const exact: [number, number] = o.first === o.last ? [o.first - 0.5, o.last + 0.5] : [o.first, o.last];
  const grown = liveDomain(o.first, o.firstSpan, o.last);
  const shown = shownXDomainOrNull(el);
  const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) < 1e-6 * (b[1] - b[0]) && Math.abs(a[1] - b[1]) < 1e-6 * (b[1] - b[0]);
  let expected: [number, number];
  if (o.longest <= 4 * (x1 - x0)) expected = exact;
  else if (o.longest > 4 * width) expected = grown;
  else expected = shown && near(shown, exact) ? exact : grown;
  if (shown) {
    expect(shown[0], `${what} x domain start`).toBeCloseTo(expected[0], 6);
    expect(shown[1], `${what} x domain end`).toBeCloseTo(expected[1], 6);
  }
  return expected;
}

/** Columnar series accumulated as a live run produces it. */
class Recorder {
  steps: number[] = [];
  values: number[] = [];
  push(steps: number[], values: number[]): void {
    this.steps.push(...steps);
    this.values.push(...values);
  }
  get input() {
    return { steps: [...this.steps], values: [...this.values] };
  }
}

/** What a chart draws that must not depend on how the data arrived. */
function drawn(el: HTMLElement) {
  return {
    train: rounded(pathOf(el, 'train-line')),
    validation: rounded(pathOf(el, 'validation-line')),
    trainMarkers: rounded(pathOf(el, 'train-markers')),
    validationMarkers: rounded(pathOf(el, 'validation-markers')),
    xTicks: ticks(el, 'x').map((t) => `${t.label}@${t.pos.toFixed(3)}`),
    yTicks: ticks(el, 'y').map((t) => `${t.label}@${t.pos.toFixed(3)}`),
  };
}

/** The fit analysis fields a live chart must agree on with a fresh one. */
const fitOf = (el: LossCurve) => {
  const a = el.analysis!;
  return { best: a.best, onset: a.onset, stopStep: a.stopStep, diverged: a.diverged, state: a.state, summary: a.summary };
};

/** Mounts a chart given all the data at once, showing `domain`, and removes it after reading what it draws. */
async function freshDrawing(props: Record<string, unknown>, domain: [number, number]) {
  const el = await mount('loss-curve', { ...props, xDomain: domain });
  const out = { drawn: drawn(el), fit: fitOf(el) };
  el.parentElement!.remove();
  return out;
}

describe('appendPoints: live appends draw what the whole data draws', () => {
  it('200 appends of 1..50 points (NaN among them, validation every 10th step) match a fresh chart at every checkpoint', async () => {
    const el = await mount('loss-curve', {});
    const rnd = random(7);
    const train = new Recorder();
    const validation = new Recorder();
    let step = 0;
    let firstSpan = -1;
    let nans = 0;
    let decimatedCheckpoints = 0;
    const checkpoints = new Set([1, 5, 20, 60, 90, 120, 160, 200]);
    for (let call = 1; call <= 200; call++) {
      const n = 1 + Math.floor(rnd() * 50);
      const ts: number[] = [];
      const tv: number[] = [];
      const vs: number[] = [];
      const vv: number[] = [];
      for (let k = 0; k < n; k++) {
        step++;
        ts.push(step);
        const value = rnd() < 0.01 ? NaN : 2 / (1 + step / 400) + 0.15 * rnd();
        if (Number.isNaN(value)) nans++;
        tv.push(value);
        if (step % 10 === 0) {
          vs.push(step);
          vv.push(step === 3000 ? NaN : 2.2 / (1 + step / 600) + 0.1 * rnd());
        }
      }
      train.push(ts, tv);
      validation.push(vs, vv);
      el.appendPoints({ steps: ts, values: tv }, vs.length ? { steps: vs, values: vv } : null);
      if (firstSpan < 0) firstSpan = step - 1;
      if (!checkpoints.has(call)) {
        if (call % 7 === 0) await nextFrame();
        continue;
      }
      await settle(el);
      const domain = expectLiveDomain(el, { first: 1, firstSpan, last: step, longest: step }, `call ${call}:`);
      if (domain[1] > step) decimatedCheckpoints++;
      // (An empty validation series is left out: the live chart has no validation line yet either.)
      const fresh = await freshDrawing({ train: train.input, validation: validation.steps.length ? validation.input : undefined }, domain);
      expect(drawn(el), `call ${call}`).toEqual(fresh.drawn);
      expect(fitOf(el), `call ${call}`).toEqual(fresh.fit);
    }
    // The run was long enough to be decimated (more than 4 points per pixel column) and had NaN in it.
    const [x0, x1] = plotX(el);
    expect(step).toBeGreaterThan(4 * 600);
    expect(decimatedCheckpoints, 'checkpoints on the live domain').toBeGreaterThanOrEqual(2);
    expect(nans).toBeGreaterThan(10);
    expect(vertices(pathOf(el, 'train-line')).length).toBeLessThanOrEqual(4 * (x1 - x0) + 2);
    expect(pathOf(el, 'train-line')!.match(/M/g)!.length, 'NaN breaks the line').toBeGreaterThan(1);
    expect(page.warnings).toEqual([]);
  });

  it('appends to a chart that had data: the live domain starts from the data already drawn', async () => {
    const wave = (e: number) => 1 / (1 + e / 300) + 0.05 * Math.sin(e / 3);
    const train = Array.from({ length: 2000 }, (_, i) => wave(i + 1));
    const validation = Array.from({ length: 2000 }, (_, i) => 1.1 * wave(i + 1) + 0.02);
    const el = await mount('loss-curve', { train, validation });
    expect(shownXDomain(el)[0]).toBeCloseTo(1, 9);
    expect(shownXDomain(el)[1]).toBeCloseTo(2000, 9);
    for (let k = 0; k < 30; k++) {
      const t = Array.from({ length: 50 }, (_, i) => wave(train.length + i + 1));
      const v = t.map((x) => 1.1 * x + 0.02);
      train.push(...t);
      validation.push(...v);
      el.appendPoints(t, v);
      if (k % 10 === 9) await settle(el);
    }
    await settle(el);
    // Live from [1, 2000] (span 1999), doubled once for epoch 3500, shown up to 15 sixteenths of 3998.
    const domain = expectLiveDomain(el, { first: 1, firstSpan: 1999, last: 3500, longest: 3500 });
    expect(domain).toEqual([1, 1 + (3998 * 15) / 16]);
    const fresh = await freshDrawing({ train, validation }, domain);
    expect(drawn(el)).toEqual(fresh.drawn);
    expect(fitOf(el)).toEqual(fresh.fit);
    expect(page.warnings).toEqual([]);
  });

  it('a short live run keeps the exact x axis and draws every point', async () => {
    const el = await mount('loss-curve', { train: [1, 0.9, 0.8], validation: [1.2, 1, 0.9] });
    const train = [1, 0.9, 0.8];
    const validation = [1.2, 1, 0.9];
    for (let e = 4; e <= 40; e++) {
      train.push(1 / (1 + e / 10));
      validation.push(1.2 / (1 + e / 12));
      el.appendPoints([train[e - 1]], [validation[e - 1]]);
    }
    await settle(el);
    expect(shownXDomain(el)[0]).toBeCloseTo(1, 9);
    expect(shownXDomain(el)[1]).toBeCloseTo(40, 9);
    expect(vertices(pathOf(el, 'train-line'))).toHaveLength(40);
    const fresh = await freshDrawing({ train, validation }, [1, 40]);
    expect(drawn(el)).toEqual(fresh.drawn);
    expect(fitOf(el)).toEqual(fresh.fit);
    expect(el.summary).toMatch(/epoch/);
  });
});

describe('appendPoints: one render per animation frame', () => {
  it('many appends within one frame change the path once, in that frame (not synchronously)', async () => {
    const el = await mount('loss-curve', { train: [1, 0.9, 0.8], validation: [1.1, 1, 0.95] });
    const path = part(el, 'train-line')!;
    const before = pathData(path);
    let renders = 0;
    const chart = el as unknown as { updated: (changed: Map<PropertyKey, unknown>) => void };
    const updated = chart.updated;
    chart.updated = function (this: unknown, changed: Map<PropertyKey, unknown>) {
      renders++;
      return updated.call(this, changed);
    };
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(path, { attributes: true, attributeFilter: ['d'], subtree: true });

    for (let k = 0; k < 100; k++) el.appendPoints([0.8 - k * 0.001], k % 10 === 9 ? [0.95 - k * 0.0005] : null);
    expect(pathData(path), 'not drawn synchronously').toBe(before);
    expect(renders).toBe(0);
    // Drawn in this task's microtasks, before the frame is painted: one render for all 100 appends.
    await el.updateComplete;
    await Promise.resolve();
    expect(renders).toBe(1);
    expect(records).toHaveLength(1);
    await nextFrame();
    await el.updateComplete;
    await Promise.resolve();
    expect(renders, 'nothing left for the next frame').toBe(1);
    expect(records).toHaveLength(1);
    expect(vertices(pathData(path))).toHaveLength(103);
    expect(vertices(pathOf(el, 'validation-line'))).toHaveLength(13);
    // The same path element is updated in place.
    expect(part(el, 'train-line')).toBe(path);

    // Five frames of 20 appends each: five renders, five changes of `d`.
    for (let f = 0; f < 5; f++) {
      for (let k = 0; k < 20; k++) el.appendPoints([0.7 - f * 0.01 - k * 0.0001]);
      await nextFrame();
      await el.updateComplete;
    }
    await Promise.resolve();
    expect(renders).toBe(6);
    expect(records).toHaveLength(6);
    expect(vertices(pathData(path))).toHaveLength(203);

    // Nothing appended: no further render.
    await nextFrame();
    await nextFrame();
    expect(renders).toBe(6);
    observer.disconnect();
  });
});

describe('appendPoints: a long live run stays decimated', () => {
  it('200k points in batches of 10k: at most 4 vertices per pixel column (plus 2), spikes kept, same as a fresh chart', async () => {
    const el = await mount('loss-curve', {});
    const rnd = random(42);
    const all = new Recorder();
    const spikes = new Map<number, number>([
      [12_345, 5],
      [101_010, 4.5],
      [187_777, -1],
    ]);
    const BATCH = 10_000;
    for (let b = 0; b < 20; b++) {
      const steps: number[] = [];
      const values: number[] = [];
      for (let k = 1; k <= BATCH; k++) {
        const s = b * BATCH + k;
        steps.push(s);
        values.push(spikes.get(s) ?? 3 * Math.exp(-s / 50_000) + 0.3 * rnd());
      }
      all.push(steps, values);
      el.appendPoints({ steps, values });
      await settle(el);
      const what = `batch ${b + 1}`;
      const [x0, x1] = plotX(el);
      const width = x1 - x0;
      const domain = expectLiveDomain(el, { first: 1, firstSpan: BATCH - 1, last: all.steps.length, longest: all.steps.length }, what);
      const points = vertices(pathOf(el, 'train-line'));
      expect(points.length, what).toBeLessThanOrEqual(4 * width + 2);
      expect(overfullColumn(points, x0), `${what}: a column with more than 4 vertices`).toBe(-1);
      // Decimated, not thinned out: the columns the data covers keep about 4 points each.
      const covered = Math.floor(((all.steps.length - 1) / (domain[1] - domain[0])) * width);
      expect(points.length, what).toBeGreaterThan(3 * covered);
      // Every spike so far reaches its value.
      const y = yScale(el);
      const ys = points.map(([, py]) => py);
      for (const [s, v] of spikes) {
        if (s > all.steps.length) continue;
        const target = y(v);
        expect(Math.min(...ys.map((py) => Math.abs(py - target))), `${what}: spike at ${s}`).toBeLessThan(0.5);
      }
    }
    // The live span 9999 doubled five times; 11 sixteenths of it reach step 200,000.
    const domain = liveDomain(1, 9_999, 200_000);
    expect(domain).toEqual([1, 1 + (319_968 * 11) / 16]);
    const shown = shownXDomain(el);
    expect(shown[0]).toBeCloseTo(domain[0], 3);
    expect(shown[1]).toBeCloseTo(domain[1], 3);
    const fresh = await freshDrawing({ train: all.input }, domain);
    expect(drawn(el)).toEqual(fresh.drawn);
    expect(page.warnings).toEqual([]);
  });

  it('an append that keeps the x axis rewrites only the last path segments of a long line', async () => {
    const n = 200_000;
    const rnd = random(7);
    const values = Array.from({ length: n + 101 }, (_, i) => 2 * Math.exp(-i / 40_000) + 0.2 * rnd());
    const el = await mount('loss-curve', { train: values.slice(0, n) });
    const line = part(el, 'train-line')!;
    // A decimated line of about 4 vertices per pixel column: several segments side by side.
    const segments = () => [...line.querySelectorAll('path')];
    expect(segments().length).toBeGreaterThan(4);
    el.appendPoints(values.slice(n, n + 1));
    await settle(el);
    const axis = tickLabels(el, 'x');
    const before = segments();
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(line, { attributes: true, attributeFilter: ['d'], subtree: true, childList: true });
    el.appendPoints(values.slice(n + 1));
    await settle(el);
    observer.disconnect();
    expect(tickLabels(el, 'x')).toEqual(axis);
    const after = segments();
    expect(after.slice(0, before.length - 2)).toEqual(before.slice(0, -2));
    const changed = new Set(records.map((r) => r.target));
    expect(changed.size).toBeGreaterThan(0);
    for (const node of changed)
      expect(after.indexOf(node as SVGPathElement), 'a segment before the last two changed').toBeGreaterThanOrEqual(before.length - 2);
    // Joined, the segments draw what a fresh chart of all the data draws over the same domain.
    const domain = expectLiveDomain(el, { first: 1, firstSpan: n - 1, last: n + 101, longest: n + 101 });
    const fresh = await freshDrawing({ train: values }, domain);
    expect(rounded(pathOf(el, 'train-line'))).toBe(fresh.drawn.train);
  });
});

describe('appendPoints with a zoom', () => {
  it('zooming a live run and going back draws what a fresh chart draws, at every step', async () => {
    const el = await mount('loss-curve', {});
    const rnd = random(99);
    const all = new Recorder();
    let next = 1;
    const batch = (n: number) => {
      const steps: number[] = [];
      const values: number[] = [];
      for (let k = 0; k < n; k++, next++) {
        steps.push(next);
        values.push(2 * Math.exp(-next / 8000) + 0.2 * rnd());
      }
      all.push(steps, values);
      el.appendPoints({ steps, values });
    };
    const compare = async (what: string, zoom: [number, number] | null) => {
      await settle(el);
      const domain = zoom ?? expectLiveDomain(el, { first: 1, firstSpan: 4999, last: next - 1, longest: next - 1 }, what);
      const fresh = await freshDrawing({ train: all.input }, domain);
      expect(drawn(el), what).toEqual(fresh.drawn);
    };
    batch(5000);
    batch(5000);
    await compare('live', null);
    // Half the live domain, from its start: the same columns' start, half the span.
    el.xDomain = [1, 1 + 9998];
    await compare('zoomed to the first half', [1, 9999]);
    batch(3000);
    await compare('appended while zoomed', [1, 9999]);
    el.xDomain = null;
    await compare('zoom reset', null);
    el.xDomain = [2500, 7500];
    await compare('zoomed inside', [2500, 7500]);
    el.xDomain = null;
    batch(8000);
    await compare('appended after the zoom', null);
  });
});

describe('appendPoints: the overfit event', () => {
  /** Training keeps falling; validation falls to its minimum at epoch 20, rises, then (from 41) falls to a new minimum at 45 and rises. */
  const trainAt = (e: number) => 1 / (1 + e / 10);
  const validationAt = (e: number) => (e <= 40 ? 0.6 + 0.002 * (e - 20) ** 2 : 0.3 + 0.01 * Math.abs(e - 45));

  it('fires when the onset appears (after patience checks), not before, when a new best removes it (onset null), and when it returns', async () => {
    const el = await mount('loss-curve', { train: [trainAt(1)], validation: [validationAt(1)] }, { attrs: { patience: '5' } });
    const seen = collectOverfit();
    const at: number[] = [];
    let epochs = 1;
    el.addEventListener('overfit', () => at.push(epochs));
    const train = [trainAt(1)];
    const validation = [validationAt(1)];
    for (let e = 2; e <= 60; e++) {
      epochs = e;
      train.push(trainAt(e));
      validation.push(validationAt(e));
      el.appendPoints([trainAt(e)], [validationAt(e)]);
      await nextFrame();
      await el.updateComplete;
    }
    seen.stop();
    // The onset first exists once 5 checks follow the best epoch: at epoch 25 (best 20), and at epoch 50 (best 45).
    const firstOnset = (n: number) => analyzeFit(train.slice(0, n), validation.slice(0, n), { patience: 5 }).onset;
    expect(firstOnset(24)).toBeNull();
    expect(firstOnset(25)).toBe(20);
    expect(firstOnset(49)).toBeNull();
    expect(firstOnset(50)).toBe(45);
    // Each change of the onset, as analyzeFit gives it for every prefix: it appears at 25, goes away when validation
    // falls again (a listener must not keep a stale warning), and appears at 45 once 5 checks follow the new best.
    const changes: Array<[number, number | null]> = [];
    for (let n = 2; n <= 60; n++) if (firstOnset(n) !== firstOnset(n - 1)) changes.push([n, firstOnset(n)]);
    expect(changes.map(([, o]) => o)).toEqual([20, null, 45]);
    expect(seen.events.map((e) => e.detail.onset)).toEqual([20, null, 45]);
    expect(at).toEqual(changes.map(([n]) => n));
    expect(at[0]).toBe(25);
    expect(at[2]).toBe(50);
    expect(seen.events[1].detail.state).not.toBe('overfitting');
    expect(seen.events.filter((e) => e.detail.onset !== null).every((e) => e.detail.state === 'overfitting')).toBe(true);
    expect(seen.seen[0].target).toBe(el);
    expect(el.analysis!.onset).toBe(45);
    expect(part(el, 'overfit-region')!.getAttribute('data-step')).toBe('45');
  });

  it('appends of a whole overfitting run within one frame fire it once', async () => {
    const el = await mount('loss-curve', { train: [trainAt(1)], validation: [validationAt(1)] });
    const seen = collectOverfit();
    for (let e = 2; e <= 40; e++) el.appendPoints([trainAt(e)], [validationAt(e)]);
    expect(seen.events, 'not before the frame').toHaveLength(0);
    await settle(el);
    seen.stop();
    expect(seen.events).toHaveLength(1);
    expect(seen.events[0].detail.onset).toBe(20);
    expect(seen.events[0].detail.best).toEqual({ step: 20, value: validationAt(20) });
  });

  it('with runs, the event names the run the onset appeared in', async () => {
    const flat = Array.from({ length: 10 }, (_, i) => 1 / (1 + i));
    const el = await mount('loss-curve', {
      runs: [
        { name: 'steady', train: flat, validation: flat.map((v) => v + 0.1) },
        { name: 'overfits', train: [trainAt(1)], validation: [validationAt(1)] },
      ],
    });
    const seen = collectOverfit();
    for (let e = 2; e <= 30; e++) {
      el.appendPoints([trainAt(e)], [validationAt(e)], 'overfits');
      await nextFrame();
    }
    await settle(el);
    seen.stop();
    expect(seen.events.map((e) => [e.detail.run, e.detail.onset])).toEqual([['overfits', 20]]);
  });
});

describe('reassigning an extended array', () => {
  it('draws the same as appendPoints, step by step, and as a fresh chart with the live domain', async () => {
    const rnd = random(3);
    const trainAt = (e: number) => 1.5 / (1 + e / 400) + 0.05 * rnd();
    const validationAt = (e: number) => 1.6 / (1 + e / 500) + 0.05 * rnd();
    const t0 = Array.from({ length: 2500 }, (_, i) => trainAt(i + 1));
    const v0 = Array.from({ length: 2500 }, (_, i) => validationAt(i + 1));
    const assigned = await mount('loss-curve', { train: t0, validation: v0 });
    const appended = await mount('loss-curve', { train: [...t0], validation: [...v0] });
    let train = t0;
    let validation = v0;
    for (let k = 0; k < 25; k++) {
      const n = 1 + Math.floor(rnd() * 200);
      const t = Array.from({ length: n }, (_, i) => trainAt(train.length + i + 1));
      const v = k % 3 === 2 ? [] : [validationAt(validation.length + 1)];
      train = [...train, ...t];
      validation = [...validation, ...v];
      assigned.train = train;
      assigned.validation = validation;
      appended.appendPoints(t, v.length ? v : null);
      await settle(assigned);
      await settle(appended);
      expect(drawn(assigned), `step ${k}`).toEqual(drawn(appended));
      const { summary: _a, ...fitAssigned } = fitOf(assigned);
      const { summary: _b, ...fitAppended } = fitOf(appended);
      expect(fitAssigned, `step ${k}`).toEqual(fitAppended);
    }
    // Recognized as appends: the x axis grows from the 2500 epochs it had ([1, 2500], span 2499), ending less than a
    // sixteenth of the doubled span past the last epoch.
    const domain = expectLiveDomain(assigned, { first: 1, firstSpan: 2499, last: train.length, longest: train.length });
    const span = 2499 * 2 ** Math.ceil(Math.log2((train.length - 1) / 2499));
    expect(domain[1]).toBeGreaterThanOrEqual(train.length);
    expect(domain[1] - train.length).toBeLessThan(span / 16);
    const fresh = await freshDrawing({ train, validation }, domain);
    expect(drawn(assigned)).toEqual(fresh.drawn);
    // Epoch arrays of different lengths are one cause, warned about once, however the data grows.
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]).toMatch(/train has \d+ epochs but validation has \d+/);
  });

  it('columnar {steps, values} reassigned with new points draws the same as appendPoints, and stays live', async () => {
    const rnd = random(11);
    const steps = Array.from({ length: 2500 }, (_, i) => (i + 1) * 10);
    const values = steps.map((s) => 1 / (1 + s / 5000) + 0.05 * rnd());
    const assigned = await mount('loss-curve', { train: { steps, values } });
    const appended = await mount('loss-curve', { train: { steps: [...steps], values: [...values] } });
    let s = [...steps];
    let v = [...values];
    for (let k = 0; k < 6; k++) {
      const ns = Array.from({ length: 150 }, (_, i) => s[s.length - 1] + (i + 1) * 10);
      const nv = ns.map((x) => 1 / (1 + x / 5000) + 0.05 * rnd());
      s = [...s, ...ns];
      v = [...v, ...nv];
      assigned.train = { steps: s, values: v };
      appended.appendPoints({ steps: ns, values: nv });
      await settle(assigned);
      await settle(appended);
      expect(drawn(assigned), `step ${k}`).toEqual(drawn(appended));
    }
    // Live from [10, 25000] (span 24990), doubled once for step 34000, shown up to 11 sixteenths of 49980.
    const domain = expectLiveDomain(assigned, { first: 10, firstSpan: 24_990, last: s[s.length - 1], longest: s.length });
    expect(domain).toEqual([10, 10 + (49_980 * 11) / 16]);
    expect(assigned.summary).toBe(appended.summary);
  });

  it('an extended plain array keeps the chart in epochs, as appendPoints does', async () => {
    const assigned = await mount('loss-curve', { train: [1, 0.9, 0.8], validation: [1.1, 1, 0.95] });
    const appended = await mount('loss-curve', { train: [1, 0.9, 0.8], validation: [1.1, 1, 0.95] });
    assigned.train = [1, 0.9, 0.8, 0.7];
    appended.appendPoints([0.7]);
    await settle(assigned);
    await settle(appended);
    const xLabel = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="x-axis"] .axis-label')!.textContent!.trim();
    expect(xLabel(appended)).toBe('epoch');
    expect(appended.summary).toMatch(/over 4 epochs/);
    expect(xLabel(assigned)).toBe('epoch');
    expect(assigned.summary).toBe(appended.summary);
  });

  it('reassigning the same numbers in a new array changes nothing drawn', async () => {
    const el = await mount('loss-curve', { train: [1, 0.8, 0.7], validation: [1.1, 0.9, 0.85] });
    const before = drawn(el);
    el.train = [1, 0.8, 0.7];
    el.validation = [1.1, 0.9, 0.85];
    await settle(el);
    expect(drawn(el)).toEqual(before);
    expect(shownXDomain(el)[1]).toBeCloseTo(3, 9);
  });

  it('assigning data that is not an extension replaces it: the x domain is the data range again', async () => {
    const train = Array.from({ length: 2500 }, (_, i) => 1 / (1 + i / 100));
    const el = await mount('loss-curve', { train });
    el.appendPoints(train.slice(0, 100));
    await settle(el);
    expectLiveDomain(el, { first: 1, firstSpan: 2499, last: 2600, longest: 2600 });
    // 9 sixteenths of the doubled span 4998 reach epoch 2600.
    expect(shownXDomain(el)[1]).toBeCloseTo(1 + (4998 * 9) / 16, 6);
    el.train = [2, 1.5, 1.2];
    await settle(el);
    expect(shownXDomain(el)[0]).toBeCloseTo(1, 9);
    expect(shownXDomain(el)[1]).toBeCloseTo(3, 9);
    expect(vertices(pathOf(el, 'train-line'))).toHaveLength(3);
  });
});

describe('appendPoints with runs', () => {
  const runA = { name: 'a', train: [1, 0.8, 0.65, 0.55, 0.5, 0.45], validation: [1.05, 0.85, 0.75, 0.7, 0.68, 0.66] };
  const runB = { name: 'b', train: [1.2, 1, 0.9, 0.8, 0.75, 0.7], validation: [1.3, 1.1, 1, 0.95, 0.93, 0.92] };

  it('appends to the named run only; index and name pick the same run', async () => {
    const el = await mount('loss-curve', { runs: [runA, runB] });
    el.appendPoints([0.65, 0.6], [0.9, 0.89], 'b');
    el.appendPoints([0.58], [0.88], 1);
    await settle(el);
    expect(vertices(pathOf(el, 'train-line', 'a'))).toHaveLength(6);
    expect(vertices(pathOf(el, 'validation-line', 'a'))).toHaveLength(6);
    expect(vertices(pathOf(el, 'train-line', 'b'))).toHaveLength(9);
    expect(vertices(pathOf(el, 'validation-line', 'b'))).toHaveLength(9);
    expect(el.analyses[0].summary).toBe(analyzeFit(runA.train, runA.validation).summary);
    const bTrain = [...runB.train, 0.65, 0.6, 0.58];
    const bValidation = [...runB.validation, 0.9, 0.89, 0.88];
    expect(el.analyses[1].summary).toBe(analyzeFit(bTrain, bValidation).summary);
    const domain = expectLiveDomain(el, { first: 1, firstSpan: 5, last: 9, longest: 9 });
    const fresh = await mount('loss-curve', { runs: [runA, { name: 'b', train: bTrain, validation: bValidation }], xDomain: domain });
    for (const run of ['a', 'b']) {
      for (const key of ['train-line', 'validation-line']) {
        expect(rounded(pathOf(el, key, run)), `${run} ${key}`).toBe(rounded(pathOf(fresh, key, run)));
      }
    }
    expect(el.analyses.map((a) => a.summary)).toEqual(fresh.analyses.map((a) => a.summary));
    expect(page.warnings).toEqual([]);
  });

  it('a run that does not exist: one warning, nothing changes', async () => {
    const el = await mount('loss-curve', { runs: [runA, runB] });
    const before = drawn(el);
    const lines = parts(el, 'train-line').map(pathData);
    el.appendPoints([0.1], [0.2], 'c');
    await settle(el);
    // The same points (the note under the chart makes the plot a little shorter).
    expect(parts(el, 'train-line').map((n) => vertices(pathData(n)).length)).toEqual(lines.map((d) => vertices(d).length));
    expect(drawn(el).yTicks.map((t) => t.split('@')[0])).toEqual(before.yTicks.map((t) => t.split('@')[0]));
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]).toContain('appendPoints: there is no run named "c"');
    // The points are left out with a note, as data the chart cannot read is.
    expect(text(part(el, 'notice'))).toContain('there is no run named "c"');
  });
});

describe('appendPoints around assigned data and options', () => {
  it('changing an option after appends keeps every point: the chart is prepared again from its current data', async () => {
    for (const tag of ['loss-curve', 'overfit-gap']) {
      const el = await mount<LossCurve>(tag, { train: [1, 0.8, 0.6], validation: [1.1, 0.9, 0.8] });
      el.appendPoints([0.5, 0.45], [0.75, 0.8]);
      await settle(el);
      const summary = el.summary;
      el.smoothing = 0.5;
      (el as unknown as { patience: number }).patience = 1;
      await settle(el);
      expect(part(el, 'message'), tag).toBeNull();
      expect(el.analyses[0].gap.steps, tag).toEqual([1, 2, 3, 4, 5]);
      if (tag === 'loss-curve') {
        expect(summary).toMatch(/over 5 epochs/);
        expect(el.summary).toMatch(/over 5 epochs/);
        expect(vertices(pathData(part(el, 'train-raw-line')))).toHaveLength(5);
      }
    }
    expect(page.warnings).toEqual([]);
  });

  it('points appended in the same task as new data are appended to that data, by run name too', async () => {
    const el = await mount('loss-curve', { train: [1, 0.9] });
    el.train = [1, 0.8, 0.6];
    el.appendPoints([0.5, 0.4]);
    await settle(el);
    expect(vertices(pathData(part(el, 'train-line')))).toHaveLength(5);
    expect(el.summary).toMatch(/over 5 epochs/);
    el.runs = [
      { name: 'a', train: [1, 0.7] },
      { name: 'b', train: [1, 0.9] },
    ];
    el.appendPoints([0.6], null, 'b');
    await settle(el);
    expect(vertices(pathOf(el, 'train-line', 'b'))).toHaveLength(3);
    expect(vertices(pathOf(el, 'train-line', 'a'))).toHaveLength(2);
    expect(page.warnings).toEqual([]);
  });

  it('one warning per cause and series: different problems with appended batches are each reported', async () => {
    const el = await mount('loss-curve', { train: [1, 0.9], validation: [1, 0.95] });
    el.appendPoints([0.8, null], [0.9, null]);
    el.appendPoints([null], [null]);
    el.appendPoints('oops' as never);
    el.appendPoints({ steps: Float64Array.of(3, 4), values: new Float32Array(9) }, null, 'missing');
    await settle(el);
    const warned = page.warnings.join('\n');
    expect(warned).toContain('appendPoints train: 1 missing value');
    expect(warned).toContain('appendPoints validation: 1 missing value');
    expect(warned).toContain('appendPoints train: expected an array of numbers');
    expect(warned).toContain('there is no run named "missing"');
    // The second batch of gaps repeats a cause already reported.
    expect(page.warnings).toHaveLength(4);
    expect(text(part(el, 'notice'))).toContain('appendPoints train: expected an array of numbers');
  });

  it('a plain array appended to a step series continues after its last step', async () => {
    const el = await mount('loss-curve', { train: { steps: [100, 200, 300], values: [1, 0.8, 0.6] } });
    el.appendPoints([0.5]);
    await settle(el);
    const fresh = await mount('loss-curve', { train: { steps: [100, 200, 300, 301], values: [1, 0.8, 0.6, 0.5] } });
    expect(pathData(part(el, 'train-line'))).toBe(pathData(part(fresh, 'train-line')));
    expect(page.warnings).toEqual([]);
  });
});

describe('a live chart started with empty series', () => {
  it('keeps whole-step x ticks while one series is still empty', async () => {
    const el = await mount('loss-curve', { train: { steps: [], values: [] }, validation: { steps: [], values: [] } });
    el.appendPoints({ steps: [1, 2, 3], values: [1, 0.8, 0.7] });
    await settle(el);
    expect(vertices(pathOf(el, 'train-line'))).toHaveLength(3);
    const alone = await mount('loss-curve', { train: { steps: [1, 2, 3], values: [1, 0.8, 0.7] } });
    expect(tickLabels(alone, 'x')).toEqual(['1', '2', '3']);
    expect(tickLabels(el, 'x')).toEqual(['1', '2', '3']);
  });
});
