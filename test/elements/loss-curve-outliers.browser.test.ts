/** `<loss-curve outliers>`: points left outside the y range, their markers, tooltip and note; the log-y note. */
import { describe, expect, it } from 'vitest';
import { formatValue, type LossCurve } from '../../src/index.js';
import timeseries from '../../stories/data/keras-timeseries_classification_from_scratch.json';
import imbalanced from '../../stories/data/keras-imbalanced_classification.json';
import { mount, part, parts, pointAt, settle, text, ticks, tooltip, update, watchPage } from './helpers.js';

const page = watchPage();

/** The plot's top and bottom edges, in SVG pixels (the clipping viewport is the plot grown by 4 px). */
function plotEdges(el: LossCurve): { top: number; bottom: number } {
  const rect = el.shadowRoot!.querySelector('svg.plot-clip')!;
  const top = Number(rect.getAttribute('y')) + 4;
  return { top, bottom: top + Number(rect.getAttribute('height')) - 8 };
}

/** A clipped marker's tip (the triangle's last vertex), its step and value. */
function markers(el: LossCurve) {
  return parts(el, 'clipped-marker').map((m) => {
    const d = m.getAttribute('d')!;
    const [x, y] = /L(-?[\d.]+),(-?[\d.]+)Z$/.exec(d)!.slice(1).map(Number);
    return { x, y, d, step: Number(m.dataset.step), value: Number(m.dataset.value), classes: m.getAttribute('class')! };
  });
}

const notes = (el: LossCurve) => parts(el, 'notice').flatMap((n) => [...n.querySelectorAll('li')].map((li) => text(li)));
/** The largest labeled y tick. */
const topTick = (el: LossCurve) =>
  Math.max(
    ...ticks(el, 'y')
      .filter((t) => t.label)
      .map((t) => Number(t.label.replace('−', '-'))),
  );
/** The value at the plot's top edge (the y domain's top), from two labeled ticks of the linear axis. */
function domainTop(el: LossCurve): number {
  const [a, b] = ticks(el, 'y').filter((t) => t.label);
  const value = (t: { label: string }) => Number(t.label.replace('−', '-'));
  return Number((value(a) + ((value(b) - value(a)) * (plotEdges(el).top - a.pos)) / (b.pos - a.pos)).toPrecision(6));
}

const timeseriesChart = (attrs: Record<string, string> = {}) => mount<LossCurve>('loss-curve', { history: timeseries }, { width: 800, height: 360, attrs });

describe('<loss-curve outliers="auto"> on the keras timeseries log (validation spikes to 4.11 over ~0.1)', () => {
  it('is the default, and leaves the spikes out of a y range that fits the rest of the run', async () => {
    const el = await timeseriesChart();
    expect(el.outliers).toBe('auto');
    const top = topTick(el);
    expect(top).toBeLessThan(1.5);
    // Training, all of it, is in range.
    expect(top).toBeGreaterThanOrEqual(Math.max(...timeseries.loss) - 0.1);
    expect(page.warnings).toEqual([]);
  });

  it('draws a clipped-marker on the top edge at the x of each spike, pointing out of the plot', async () => {
    const el = await timeseriesChart();
    const { top } = plotEdges(el);
    const ms = markers(el);
    expect(ms.length).toBeGreaterThanOrEqual(5);
    const steps = ms.map((m) => m.step);
    // The three highest spikes (3.92, 3.43, 4.11 at epochs 104, 109, 110) are among them.
    expect(steps).toEqual(expect.arrayContaining([104, 109, 110]));
    for (const m of ms) {
      expect(m.y).toBeCloseTo(top, 1);
      // Its base is below the tip: the triangle points up, out of the plot.
      expect(m.d).toMatch(new RegExp(`^M[\\d.]+,${(top + 7).toFixed(0)}`));
      expect(m.classes).toContain('validation');
      expect(m.value).toBe(timeseries.val_loss[m.step - 1]);
    }
    // Where a validation vertex is, at the same x.
    const xs = markers(el).map((m) => m.x);
    expect(new Set(xs.map(Math.round)).size).toBe(xs.length);
  });

  it('the tooltip at a clipped point gives its true value, noted as above the y range', async () => {
    const el = await timeseriesChart();
    const spike = markers(el).find((m) => m.step === 110)!;
    await pointAt(el, spike.x);
    const tip = tooltip(el)!;
    expect(tip.title).toBe('Epoch 110');
    expect(tip.rows.validation.value).toBe(formatValue(timeseries.val_loss[109]));
    expect(tip.rows.validation.value).toBe('4.113');
    expect(tip.rows.validation.note).toContain('above the y range');
    // Training at that epoch is in range: no note.
    expect(tip.rows.train.note).toBe('');
    // The crosshair dot of the clipped value sits on the plot's edge.
    const dot = el.shadowRoot!.querySelector('[part="crosshair"] circle.validation')!;
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(plotEdges(el).top, 1);
  });

  it('a note under the chart says how many points are outside and how to show them', async () => {
    const el = await timeseriesChart();
    const top = domainTop(el);
    const [note] = notes(el);
    const n = timeseries.val_loss.filter((v) => v > top).length;
    expect(n).toBe(markers(el).length);
    expect(note).toBe(`${n} points above ${formatValue(top)} are outside the y range (outliers="show" shows them).`);
  });

  it('keeps the best marker and the early-stop line inside the plot', async () => {
    const el = await timeseriesChart();
    const { top, bottom } = plotEdges(el);
    const best = part(el, 'best-marker')!;
    const cy = Number(best.getAttribute('cy'));
    expect(cy).toBeGreaterThanOrEqual(top);
    expect(cy).toBeLessThanOrEqual(bottom);
    for (const line of parts(el, 'stop-line')) {
      const l = line.localName === 'line' ? line : line.querySelector('line')!;
      expect(Math.min(Number(l.getAttribute('y1')), Number(l.getAttribute('y2')))).toBeGreaterThanOrEqual(top - 0.5);
    }
  });

  it('zoomed past the spiky epochs, the y axis refits to the calm run with nothing left out', async () => {
    const el = await timeseriesChart();
    await update(el, { xDomain: [200, 380] });
    expect(topTick(el)).toBeLessThan(0.2);
    expect(markers(el)).toEqual([]);
    expect(notes(el)).toEqual([]);
  });
});

describe('<loss-curve outliers="show">', () => {
  it('fits every value (4.11 included) with no markers and no note', async () => {
    const el = await timeseriesChart({ outliers: 'show' });
    expect(el.outliers).toBe('show');
    expect(topTick(el)).toBeGreaterThanOrEqual(4);
    expect(parts(el, 'clipped-marker')).toEqual([]);
    expect(notes(el)).toEqual([]);
  });

  it('switching the attribute redraws: auto → show → auto', async () => {
    const el = await timeseriesChart();
    expect(parts(el, 'clipped-marker').length).toBeGreaterThan(0);
    el.setAttribute('outliers', 'show');
    await settle(el);
    expect(parts(el, 'clipped-marker')).toEqual([]);
    el.removeAttribute('outliers');
    await settle(el);
    expect(parts(el, 'clipped-marker').length).toBeGreaterThan(0);
  });
});

describe('<loss-curve outliers="clip">', () => {
  it('leaves out a point that auto keeps because it stretches the axis too little', async () => {
    // A plateau near 1 with one point at 1.12: past the story's margin, but by less than the 3 spans auto asks for.
    const train = Array.from({ length: 60 }, (_, i) => (i === 30 ? 1.12 : 1 + 0.05 * Math.sin(i * 1.7)));
    const auto = await mount<LossCurve>('loss-curve', { train });
    expect(parts(auto, 'clipped-marker')).toEqual([]);
    const clip = await mount<LossCurve>('loss-curve', { train }, { attrs: { outliers: 'clip' } });
    expect(markers(clip).map((m) => m.step)).toEqual([31]);
    expect(notes(clip)).toEqual([`1 point above ${formatValue(domainTop(clip))} is outside the y range (outliers="show" shows it).`]);
  });

  it('an unknown value reads as auto', async () => {
    const el = await timeseriesChart({ outliers: 'sometimes' });
    expect(parts(el, 'clipped-marker').length).toBeGreaterThan(0);
    expect(page.warnings).toEqual([]);
  });
});

describe('<loss-curve> log-y note', () => {
  it('keras imbalanced classification (training 1e-7, validation 1e-1): a note suggests log-y', async () => {
    const el = await mount<LossCurve>('loss-curve', { history: imbalanced });
    expect(notes(el)).toEqual(['training and validation differ by more than 1000× (log-y shows both).']);
    expect(page.warnings).toEqual([]);
  });

  it('with log-y on, the note is gone', async () => {
    const el = await mount<LossCurve>('loss-curve', { history: imbalanced }, { attrs: { 'log-y': '' } });
    expect(notes(el)).toEqual([]);
  });

  it('lines of the same scale get no such note', async () => {
    const el = await timeseriesChart({ outliers: 'show' });
    expect(notes(el).filter((n) => n.includes('log-y'))).toEqual([]);
  });
});
