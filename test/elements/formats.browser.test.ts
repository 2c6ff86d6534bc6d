/**
 * `x-format` / `y-format` (d3-format specifiers, or functions as properties) and `curve` on both elements: what a
 * user sees in the tick labels, the tooltip, the keyboard announcement and the drawn paths, and the one warning an
 * invalid value gets.
 */
import { describe, expect, it } from 'vitest';
import type { LossCurve, OverfitGap } from '../../src/index.js';
import { announcement, mount, part, pathData, press, text, tickLabels, tooltip, update, vertices, watchPage } from './helpers.js';

const page = watchPage();

const train = [0.9, 0.7, 0.55, 0.45, 0.4, 0.38, 0.36, 0.35, 0.34, 0.33];
const validation = [0.95, 0.75, 0.6, 0.52, 0.49, 0.48, 0.48, 0.49, 0.51, 0.53];
/** Steps in the thousands: the default labels write them whole ("2000"), `~s` as "2k". */
const thousands = { steps: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000], values: [1, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38, 0.37, 0.36] };

/** The gap chart's tooltip: its title and its rows' values. */
function gapTooltip(el: HTMLElement): { title: string; values: string[]; notes: string[] } {
  const tip = part(el, 'tooltip')!;
  const rows = [...tip.querySelectorAll('.row')];
  return {
    title: text(tip.querySelector('.step')),
    values: rows.map((r) => text(r.querySelector('.value'))),
    notes: rows.map((r) => text(r.querySelector('.note'))),
  };
}

/** The vertices of a path's `d`, however written (M, L, H, V, C: the end point of each command). */
function corners(d: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHVCZ])([^MLHVCZ]*)/g)) {
    const n = args
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === 'H') x = n[0];
    else if (cmd === 'V') y = n[0];
    else if (cmd === 'Z') continue;
    else [x, y] = n.slice(-2);
    out.push([x, y]);
  }
  return out;
}

/** Whether every segment of a path is horizontal or vertical (each vertex shares x or y with the one before). */
const axisAligned = (d: string) =>
  corners(d)
    .slice(1)
    .every(([x, y], i, rest) => {
      const [px, py] = i === 0 ? corners(d)[0] : rest[i - 1];
      return Math.abs(x - px) < 1e-6 || Math.abs(y - py) < 1e-6;
    });

describe('<loss-curve> y-format', () => {
  it('y-format=".0%" writes the y ticks, the tooltip values and the announcement as percentages', async () => {
    const plain = await mount<LossCurve>('loss-curve', { train, validation });
    expect(tickLabels(plain, 'y').some((t) => t.endsWith('%'))).toBe(false);
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { 'y-format': '.0%' } });
    const labels = tickLabels(el, 'y');
    expect(labels).toContain('40%');
    expect(labels.every((t) => /^\d+%$/.test(t))).toBe(true);
    await press(el, 'Home');
    const tip = tooltip(el)!;
    expect(tip.rows.train.value).toBe('90%');
    expect(tip.rows.validation.value).toBe('95%');
    expect(announcement(el)).toBe('Epoch 1: training 90%, validation 95%');
    expect(page.warnings).toEqual([]);
  });

  it('a function as yFormat writes every y tick and tooltip value; a change of it lays the chart out again', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    await update(el, { yFormat: (v: number) => `${v.toFixed(2)} nats` });
    const labels = tickLabels(el, 'y');
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.every((t) => /^\d\.\d\d nats$/.test(t))).toBe(true);
    await press(el, 'End');
    expect(tooltip(el)!.rows.train.value).toBe('0.33 nats');
    await update(el, { yFormat: null });
    expect(tickLabels(el, 'y').some((t) => t.endsWith('nats'))).toBe(false);
  });

  it('smoothed lines: the raw value in the tooltip note is in the format too', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation, smoothing: 0.6 }, { attrs: { 'y-format': '.1%' } });
    await press(el, 'End');
    expect(tooltip(el)!.rows.train.note).toContain('raw 33.0%');
  });
});

describe('<loss-curve> x-format', () => {
  it('x-format="~s" writes large steps with SI prefixes on the axis and in the tooltip', async () => {
    const plain = await mount<LossCurve>('loss-curve', { train: thousands });
    expect(tickLabels(plain, 'x')).toContain('2000');
    await press(plain, 'ArrowRight');
    await press(plain, 'ArrowRight');
    expect(tooltip(plain)!.title).toBe('Step 1,000');

    const el = await mount<LossCurve>('loss-curve', { train: thousands }, { attrs: { 'x-format': '~s' } });
    const labels = tickLabels(el, 'x');
    expect(labels).toContain('2k');
    expect(labels.some((t) => /\d000$/.test(t))).toBe(false);
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    expect(tooltip(el)!.title).toBe('Step 1k');
    expect(announcement(el)).toMatch(/^Step 1k: /);
  });
});

describe('<loss-curve> curve', () => {
  const d = (el: HTMLElement) => pathData(part(el, 'validation-line')) ?? '';

  it('linear by default: straight segments through the points, some of them slanted', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    expect(d(el)).not.toMatch(/C/);
    expect(axisAligned(d(el))).toBe(false);
    expect(vertices(d(el))).toHaveLength(validation.length);
  });

  it('curve="step" draws only horizontal and vertical segments, a value holding until the next one', async () => {
    const linear = await mount<LossCurve>('loss-curve', { train, validation });
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { curve: 'step' } });
    expect(axisAligned(d(el))).toBe(true);
    const points = corners(d(linear));
    const steps = corners(d(el));
    // Each point, then a corner at the next point's x and this point's y (d3's curveStepAfter).
    expect(steps).toHaveLength(2 * points.length - 1);
    expect(steps[1][0]).toBeCloseTo(points[1][0], 1);
    expect(steps[1][1]).toBeCloseTo(points[0][1], 1);
    expect(axisAligned(pathData(part(el, 'train-line')) ?? '')).toBe(true);
  });

  it('curve="monotone" draws cubic Bézier segments through the same points', async () => {
    const linear = await mount<LossCurve>('loss-curve', { train, validation });
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { curve: 'monotone' } });
    expect(d(el)).toMatch(/C/);
    const ends = corners(d(el));
    const points = corners(d(linear));
    expect(ends).toHaveLength(points.length);
    for (const [k, [x, y]] of points.entries()) {
      expect(ends[k][0]).toBeCloseTo(x, 1);
      expect(ends[k][1]).toBeCloseTo(y, 1);
    }
  });

  it('changing curve from code redraws the lines', async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    const before = d(el);
    await update(el, { curve: 'step' });
    expect(axisAligned(d(el))).toBe(true);
    await update(el, { curve: 'linear' });
    expect(d(el)).toBe(before);
  });
});

describe('invalid values', () => {
  it('an invalid y-format warns once and draws the default labels and values', async () => {
    const plain = await mount<LossCurve>('loss-curve', { train, validation });
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { 'y-format': 'not a format' } });
    expect(tickLabels(el, 'y')).toEqual(tickLabels(plain, 'y'));
    await press(el, 'Home');
    expect(tooltip(el)!.rows.train.value).toBe('0.9');
    await update(el, { label: 'Another title' });
    await press(el, 'End');
    const warnings = page.warnings.filter((w) => w.includes('y-format'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/<loss-curve> y-format "not a format"/);
  });

  it('an unknown curve warns once and draws straight lines', async () => {
    const plain = await mount<LossCurve>('loss-curve', { train, validation });
    const el = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { curve: 'zigzag' } });
    expect(pathData(part(el, 'validation-line'))).toBe(pathData(part(plain, 'validation-line')));
    await update(el, { label: 'Another title' });
    await press(el, 'Home');
    expect(page.warnings.filter((w) => w.includes('zigzag'))).toHaveLength(1);
  });

  it('an invalid x-format on <overfit-gap> warns once and keeps the default ticks', async () => {
    const plain = await mount<OverfitGap>('overfit-gap', { train, validation });
    const el = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { 'x-format': '%%' } });
    expect(tickLabels(el, 'x')).toEqual(tickLabels(plain, 'x'));
    expect(part(el, 'gap-line')).not.toBeNull();
    expect(page.warnings.filter((w) => w.includes('x-format'))).toEqual([expect.stringMatching(/<overfit-gap> x-format "%%"/)]);
  });
});

describe('<overfit-gap>', () => {
  it('y-format=".0%" writes the gap ticks, the tooltip (gap, validation and training) and the badge in it', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { 'y-format': '.0%' } });
    const labels = tickLabels(el, 'y');
    expect(labels).toContain('10%');
    expect(labels.every((t) => /^−?-?\d+%$/.test(t))).toBe(true);
    await press(el, 'End');
    const tip = gapTooltip(el);
    expect(tip.values).toEqual(['20%']);
    expect(tip.notes[0]).toBe('(val 53%, train 33%)');
    expect(announcement(el)).toBe('Epoch 10: gap 20%');
    const badge = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { 'y-format': '.0%', compact: '' } });
    expect(text(part(badge, 'value'))).toBe('20%');
    const plainBadge = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { compact: '' } });
    expect(text(part(plainBadge, 'value'))).toBe('+0.200');
  });

  it('a function as yFormat, and x-format="~s" on large steps', async () => {
    const el = await mount<OverfitGap>('overfit-gap', {
      train: thousands,
      validation: { steps: thousands.steps, values: thousands.values.map((v, i) => v + i / 100) },
      yFormat: (v: number) => `Δ${v.toFixed(2)}`,
    });
    expect(tickLabels(el, 'y').every((t) => t.startsWith('Δ'))).toBe(true);
    await update(el, { xFormat: '~s' });
    expect(tickLabels(el, 'x')).toContain('2k');
    await press(el, 'End');
    expect(gapTooltip(el)).toMatchObject({ title: 'Step 8k', values: ['Δ0.08'] });
  });

  it('curve="step" and curve="monotone" change the gap line (and its area follows)', async () => {
    const linear = await mount<OverfitGap>('overfit-gap', { train, validation });
    const step = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { curve: 'step' } });
    const smooth = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { curve: 'monotone' } });
    const line = (el: HTMLElement) => part(el, 'gap-line')!.getAttribute('d')!;
    expect(axisAligned(line(linear))).toBe(false);
    expect(axisAligned(line(step))).toBe(true);
    expect(line(smooth)).toMatch(/C/);
    expect(line(linear)).not.toMatch(/C/);
    const area = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="gap-area"].positive')!.getAttribute('d');
    expect(area(step)).not.toBe(area(linear));
    expect(page.warnings).toEqual([]);
  });
});
