/** `<overfit-gap>`: the gap chart, its threshold and onset, the keyboard tooltip, the compact badge, runs, bad input. */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { analyzeFit, formatValue, type OverfitGap } from '../../src/index.js';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import mnist from '../../stories/data/keras-mnist_convnet.json';
import california from '../../stories/data/keras-california_housing_sgd_nan.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import { announcement, crosshairX, mount, part, partNames, parts, settle, subpaths, text, vertices, watchPage } from './helpers.js';
import { overfullColumn, random } from './decimation-helpers.js';
import { collectOverfit, intersects, num, overlappingLabels, tooltipRows, values, yScale, type JsonHistory } from './fit-helpers.js';

const page = watchPage();

const EFF = efficientnet as JsonHistory;
const EFF_LOSS = values(EFF, 'loss');
const EFF_VAL = values(EFF, 'val_loss');
/** Validation minus training at each epoch of efficientnet_from_scratch. */
const EFF_GAP = EFF_VAL.map((v, i) => v - EFF_LOSS[i]);

const gap = (props: Record<string, unknown>, attrs: Record<string, string> = {}) =>
  mount<OverfitGap>('overfit-gap', props, { attrs });
const badge = (props: Record<string, unknown>, attrs: Record<string, string> = {}) =>
  mount<OverfitGap>('overfit-gap', props, { attrs: { compact: '', ...attrs }, height: null });

const gapVertices = (el: HTMLElement) => vertices(part(el, 'gap-line')?.getAttribute('d'));

/** Number of maximal stretches where the gap grows (true) or not (false), over consecutive finite values. */
function stretches(gaps: number[], growing: boolean): number {
  let count = 0;
  let prev: boolean | null = null;
  for (let i = 0; i + 1 < gaps.length; i++) {
    const g = gaps[i + 1] > gaps[i];
    if (g === growing && prev !== growing) count++;
    prev = g;
  }
  return count;
}

async function keys(el: HTMLElement, sequence: string): Promise<void> {
  part(el, 'chart')!.focus();
  await userEvent.keyboard(sequence);
  await settle(el);
}

describe('<overfit-gap> live: what it cannot draw yet', () => {
  it('keeps its message while an append still leaves no validation to compare with, and draws once there is', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train: [1, 0.8, 0.6] });
    expect(text(part(el, 'message'))).toBe('The gap needs both training and validation values.');
    el.appendPoints([0.5]);
    await settle(el);
    expect(text(part(el, 'message'))).toBe('The gap needs both training and validation values.');
    expect(part(el, 'gap-line')).toBeNull();
    el.appendPoints([0.45], [0.9, 0.85, 0.8, 0.82, 0.84]);
    await settle(el);
    expect(part(el, 'message')).toBeNull();
    expect(vertices(part(el, 'gap-line')!.getAttribute('d'))).toHaveLength(5);
  });
});

describe('<overfit-gap> chart', () => {
  it('renders the svg, one gap-line vertex per validation step, the areas and both axes', async () => {
    const el = await gap({ history: efficientnet });
    const names = partNames(el);
    for (const name of ['svg', 'gap-line', 'gap-area', 'gap-area-growing', 'zero-line', 'x-axis', 'y-axis', 'onset-marker']) {
      expect(names.has(name), name).toBe(true);
    }
    expect(names.has('threshold')).toBe(false);
    expect(gapVertices(el)).toHaveLength(40);
    expect(el.analysis!.gap.values).toEqual(EFF_GAP.map((g) => expect.closeTo(g, 10)));
    expect(page.warnings).toEqual([]);
  });

  it('gap-line vertices sit at each epoch\'s gap on the y axis, evenly spaced in x', async () => {
    const el = await gap({ history: efficientnet });
    const v = gapVertices(el);
    const y = yScale(el);
    v.forEach(([, py], i) => expect(py, `epoch ${i + 1}`).toBeCloseTo(y(EFF_GAP[i]), 0));
    const dx = (v[39][0] - v[0][0]) / 39;
    v.forEach(([px], i) => expect(px).toBeCloseTo(v[0][0] + i * dx, 1));
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(v[0][0]).toBeCloseTo(num(axis, 'x1'), 1);
    expect(v[39][0]).toBeCloseTo(num(axis, 'x2'), 1);
  });

  it('the zero-line is at the y of 0', async () => {
    for (const history of [efficientnet, mnist]) {
      const el = await gap({ history });
      const zero = part(el, 'zero-line')!;
      expect(num(zero, 'y1')).toBeCloseTo(yScale(el)(0), 1);
      expect(num(zero, 'y2')).toBe(num(zero, 'y1'));
    }
  });

  it('mnist: validation below training puts the whole gap under the zero line', async () => {
    const el = await gap({ history: mnist });
    const zeroY = num(part(el, 'zero-line'), 'y1');
    const v = gapVertices(el);
    expect(v).toHaveLength(11);
    for (const [, py] of v) expect(py).toBeGreaterThan(zeroY);
    expect(parts(el, 'onset-marker')).toHaveLength(0);
  });

  it('the area is split into growing and steady stretches', async () => {
    const el = await gap({ history: efficientnet });
    const growing = part(el, 'gap-area-growing')!.getAttribute('d');
    const steady = parts(el, 'gap-area').find((n) => !n.matches('[part~="gap-area-growing"]'))!.getAttribute('d');
    expect(subpaths(growing)).toBe(stretches(EFF_GAP, true));
    expect(subpaths(steady)).toBe(stretches(EFF_GAP, false));
    expect(subpaths(growing)).toBeGreaterThan(0);
    // Every area polygon closes on the zero line.
    const zeroY = num(part(el, 'zero-line'), 'y1');
    for (const [, py] of vertices(growing).filter((_, i, all) => i === 0 || i === all.length - 1)) expect(py).toBeCloseTo(zeroY, 1);
  });

  it('a threshold draws a band whose edge line is at the y of the threshold', async () => {
    const el = await gap({ history: efficientnet }, { threshold: '1' });
    expect(el.threshold).toBe(1);
    const band = part(el, 'threshold')!;
    expect(band).not.toBeNull();
    const line = band.querySelector('line')!;
    const y = yScale(el);
    expect(num(line, 'y1')).toBeCloseTo(y(1), 1);
    expect(num(line, 'y2')).toBeCloseTo(y(1), 1);
    const rect = band.querySelector('rect')!;
    expect(num(rect, 'y')).toBeCloseTo(y(1), 1);
    expect(num(rect, 'y') + num(rect, 'height')).toBeCloseTo(y(0), 1);
    expect(text(part(el, 'threshold-label'))).toBe('threshold 1');
  });

  it('a threshold above every gap widens the y axis to show it', async () => {
    const el = await gap({ history: mnist }, { threshold: '0.05' });
    const line = part(el, 'threshold')!.querySelector('line')!;
    const axis = part(el, 'y-axis')!.querySelector('line')!;
    expect(num(line, 'y1')).toBeGreaterThanOrEqual(Math.min(num(axis, 'y1'), num(axis, 'y2')) - 0.5);
    expect(num(line, 'y1')).toBeCloseTo(yScale(el)(0.05), 1);
  });

  it('no threshold band without a threshold, or with one that is not a number', async () => {
    expect(part(await gap({ history: efficientnet }), 'threshold')).toBeNull();
    const bad = await gap({ history: efficientnet }, { threshold: 'high' });
    expect(bad.threshold).toBeNull();
    expect(part(bad, 'threshold')).toBeNull();
  });

  it('the threshold can be set and removed after mount', async () => {
    const el = await gap({ history: efficientnet });
    el.setAttribute('threshold', '2');
    await settle(el);
    expect(num(part(el, 'threshold')!.querySelector('line'), 'y1')).toBeCloseTo(yScale(el)(2), 1);
    el.removeAttribute('threshold');
    await settle(el);
    expect(part(el, 'threshold')).toBeNull();
  });

  it('onset-marker sits on the gap at epoch 26 for efficientnet_from_scratch', async () => {
    const el = await gap({ history: efficientnet });
    expect(el.analysis!.onset).toBe(26);
    const markers = parts(el, 'onset-marker');
    expect(markers).toHaveLength(1);
    expect(markers[0].getAttribute('data-step')).toBe('26');
    const v = gapVertices(el);
    expect(num(markers[0].querySelector('line'), 'x1')).toBeCloseTo(v[25][0], 1);
    const dot = markers[0].querySelector('circle')!;
    expect(num(dot, 'cx')).toBeCloseTo(v[25][0], 1);
    expect(num(dot, 'cy')).toBeCloseTo(v[25][1], 1);
    expect(text(part(el, 'annotation-label'))).toBe('overfitting from epoch 26');
  });

  it('the onset follows patience', async () => {
    const el = await gap({ history: efficientnet }, { patience: '20' });
    // 14 checks follow the best epoch: fewer than 20.
    expect(el.analysis!.onset).toBeNull();
    expect(parts(el, 'onset-marker')).toHaveLength(0);
  });

  it('fires overfit with the analysis', async () => {
    const seen = collectOverfit();
    try {
      const el = await gap({ history: efficientnet });
      expect(seen.events).toHaveLength(1);
      expect(seen.events[0].detail.onset).toBe(26);
      expect(seen.events[0].detail).toEqual(el.analysis);
      expect(seen.events[0].composed).toBe(true);
    } finally {
      seen.stop();
    }
  });

  it('in a small chart the onset label does not cover the threshold label', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { history: structured }, { width: 400, height: 220, attrs: { threshold: '0.1' } });
    const onset = part(el, 'annotation-label') as unknown as SVGTextElement;
    const threshold = part(el, 'threshold-label') as unknown as SVGTextElement;
    expect(text(onset)).toBe('overfitting from epoch 27');
    expect(text(threshold)).toBe('threshold 0.1');
    const box = (t: SVGTextElement) => {
      const b = t.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    expect(intersects(box(onset), box(threshold))).toBe(false);
  });

  it('California: the gap line stops at the last finite epoch', async () => {
    const el = await gap({ history: california });
    expect(gapVertices(el)).toHaveLength(7);
    expect(el.analysis!.state).toBe('diverged');
  });
});

describe('<overfit-gap> summary', () => {
  it('the screen-reader text describes the gap and its latest value', async () => {
    const el = await gap({ history: efficientnet });
    const sr = text(el.shadowRoot!.querySelector('#summary'));
    expect(sr).toMatch(/^Loss generalization gap\. /);
    expect(sr).toContain('Latest gap 3.087 at epoch 40.');
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Loss generalization gap');
  });

  it('the summary property describes the same chart the element shows', async () => {
    // `summary` is documented as the chart's text summary for screen readers; on <overfit-gap> it should name the
    // gap chart, as the element's own title and screen-reader text do.
    const el = await gap({ history: efficientnet });
    expect(el.summary).toContain('generalization gap');
    expect(el.summary).not.toMatch(/^Loss curves/);
  });
});

describe('<overfit-gap> keyboard crosshair', () => {
  it('ArrowRight shows the gap at the first epoch, End at the last', async () => {
    const el = await gap({ history: efficientnet });
    await keys(el, '{ArrowRight}');
    let tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 1');
    expect(tip.rows).toHaveLength(1);
    expect(tip.rows[0]).toMatchObject({
      name: 'gap',
      value: formatValue(EFF_GAP[0]),
      note: `(val ${formatValue(EFF_VAL[0])}, train ${formatValue(EFF_LOSS[0])})`,
    });
    expect(crosshairX(el)).toBeCloseTo(gapVertices(el)[0][0], 1);
    expect(announcement(el)).toBe(`Epoch 1: gap ${formatValue(EFF_GAP[0])}`);

    await keys(el, '{End}');
    tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 40');
    expect(tip.rows[0].value).toBe('3.087');
    expect(crosshairX(el)).toBeCloseTo(gapVertices(el)[39][0], 1);
  });

  it('Escape or blur hides it', async () => {
    const el = await gap({ history: efficientnet });
    await keys(el, '{ArrowRight}');
    expect(tooltipRows(el)).not.toBeNull();
    part(el, 'chart')!.blur();
    await settle(el);
    expect(tooltipRows(el)).toBeNull();
    expect(crosshairX(el)).toBeNull();
  });
});

describe('<overfit-gap> with a long run', () => {
  it('decimates the gap line to at most 4 vertices per pixel column, keeping a one-step spike and the crosshair on the gap', async () => {
    const n = 100_000;
    const rnd = random(5);
    const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 2000) + 0.01 * rnd());
    const validation = train.map((v, i) => v + 0.05 + 0.02 * rnd() + (i === 61_234 ? 0.8 : 0));
    const el = await gap({ train, validation });
    const line = el.shadowRoot!.querySelector('[part="x-axis"] > line')!;
    const [x0, x1] = [Number(line.getAttribute('x1')), Number(line.getAttribute('x2'))];
    const v = gapVertices(el);
    expect(v.length).toBeLessThanOrEqual(4 * (x1 - x0) + 2);
    expect(overfullColumn(v, x0)).toBe(-1);
    const y = yScale(el);
    const spike = validation[61_234] - train[61_234];
    expect(Math.min(...v.map(([, py]) => Math.abs(py - y(spike))))).toBeLessThan(0.5);
    // The crosshair dot sits on the gap of the step it shows, decimated away or not.
    await keys(el, '{End}');
    const dot = part(el, 'crosshair')!.querySelector('circle')!;
    expect(num(dot, 'cy')).toBeCloseTo(y(validation[n - 1] - train[n - 1]), 1);
    expect(page.warnings).toEqual([]);
  });
});

describe('<overfit-gap compact>', () => {
  const cases = [
    { name: 'efficientnet_from_scratch', history: efficientnet, state: 'overfitting', value: '3.087' },
    { name: 'mnist_convnet', history: mnist, state: 'ok', value: formatValue(0.0303 - 0.0406) },
    { name: 'california_housing_sgd_nan', history: california, state: 'diverged', value: formatValue(1.4621 - 0.6756) },
  ];

  for (const c of cases) {
    it(`${c.name}: a badge with a sparkline, the latest gap and "${c.state}"`, async () => {
      const el = await badge({ history: c.history });
      const badges = parts(el, 'badge');
      expect(badges).toHaveLength(1);
      const b = badges[0];
      const spark = b.querySelector('svg[part~="sparkline"]');
      expect(spark).not.toBeNull();
      expect(vertices(spark!.querySelector('[part~="gap-line"]')!.getAttribute('d')).length).toBeGreaterThan(1);
      expect(text(b.querySelector('[part~="value"]'))).toBe(c.value);
      expect(text(b.querySelector('[part~="state"]'))).toBe(c.state);
      expect(b.classList).toContain(`state-${c.state}`);
      const label = b.getAttribute('aria-label')!;
      expect(b.getAttribute('role')).toBe('img');
      expect(label).toContain(`loss gap ${c.value}, ${c.state}`);
      // Small enough for a table cell.
      expect(b.getBoundingClientRect().height).toBeGreaterThan(5);
      expect(b.getBoundingClientRect().height).toBeLessThan(40);
      expect(el.getBoundingClientRect().height).toBeLessThan(40);
      // No chart, axes or legend.
      for (const name of ['x-axis', 'y-axis', 'legend', 'chart']) expect(part(el, name), name).toBeNull();
    });
  }

  it('mnist value: the latest gap is negative', async () => {
    const el = await badge({ history: mnist });
    expect(text(part(el, 'value'))).toBe('-0.0103');
  });

  it('the sparkline is as wide as --tc-sparkline-width', async () => {
    const el = await badge({ history: efficientnet });
    expect(num(part(el, 'sparkline'), 'width')).toBe(80);
    el.style.setProperty('--tc-sparkline-width', '120px');
    el.requestUpdate();
    await settle(el);
    expect(num(part(el, 'sparkline'), 'width')).toBe(120);
  });

  it('the sparkline marks the onset', async () => {
    const el = await badge({ history: efficientnet });
    const dot = part(el, 'sparkline')!.querySelector('[part~="onset-marker"]')!;
    const v = vertices(part(el, 'sparkline')!.querySelector('[part~="gap-line"]')!.getAttribute('d'));
    expect(v).toHaveLength(40);
    expect(num(dot, 'cx')).toBeCloseTo(v[25][0], 1);
    expect(num(dot, 'cy')).toBeCloseTo(v[25][1], 1);
  });

  it('a latest gap above the threshold is flagged', async () => {
    const over = await badge({ history: efficientnet }, { threshold: '1' });
    expect(part(over, 'badge')!.classList).toContain('over');
    expect(part(over, 'badge')!.getAttribute('aria-label')).toContain('above the threshold');
    const under = await badge({ history: efficientnet }, { threshold: '5' });
    expect(part(under, 'badge')!.classList).not.toContain('over');
    expect(part(under, 'badge')!.getAttribute('aria-label')).not.toContain('above the threshold');
  });

  it('switching compact on and off', async () => {
    const el = await gap({ history: efficientnet });
    expect(part(el, 'badge')).toBeNull();
    el.compact = true;
    await settle(el);
    expect(text(part(el, 'value'))).toBe('3.087');
    el.compact = false;
    await settle(el);
    expect(part(el, 'badge')).toBeNull();
    expect(gapVertices(el)).toHaveLength(40);
  });
});

describe('<overfit-gap> runs', () => {
  const runs = () => [
    { name: 'a', history: efficientnet },
    { name: 'b', history: mnist },
  ];

  it('one gap line per run, in the run\'s color, and a legend button per run', async () => {
    const el = await gap({ runs: runs() });
    const lines = parts(el, 'gap-line');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.closest('[data-run]')!.getAttribute('data-run'))).toEqual(['a', 'b']);
    expect(vertices(lines[0].getAttribute('d'))).toHaveLength(40);
    expect(vertices(lines[1].getAttribute('d'))).toHaveLength(11);
    expect(getComputedStyle(lines[0]).stroke).toBe('rgb(31, 119, 180)');
    expect(getComputedStyle(lines[1]).stroke).toBe('rgb(255, 127, 14)');
    const buttons = parts(el, 'legend-item').filter((n) => n.localName === 'button');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    // Only run a overfits.
    const onsets = parts(el, 'onset-marker');
    expect(onsets).toHaveLength(1);
    expect(text(part(el, 'annotation-label'))).toBe('a: overfitting from epoch 26');
  });

  it('the legend hides and shows a run', async () => {
    const el = await gap({ runs: runs() });
    const first = () => parts(el, 'legend-item').find((n) => n.localName === 'button')!;
    first().click();
    await settle(el);
    expect(first().getAttribute('aria-pressed')).toBe('false');
    expect(parts(el, 'gap-line').map((l) => l.closest('[data-run]')!.getAttribute('data-run'))).toEqual(['b']);
    expect(parts(el, 'onset-marker')).toHaveLength(0);
    // The axis refits the remaining run: its last gap is at the right end.
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(gapVertices(el)[10][0]).toBeCloseTo(num(axis, 'x2'), 1);
    el.toggleRun('a');
    await settle(el);
    expect(parts(el, 'gap-line')).toHaveLength(2);
  });

  it('the keyboard tooltip lists each visible run\'s gap', async () => {
    const el = await gap({ runs: runs() });
    await keys(el, '{ArrowRight}');
    const tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 1');
    expect(tip.rows.map((r) => [r.name, r.value])).toEqual([
      ['a gap', formatValue(EFF_GAP[0])],
      ['b gap', formatValue(0.078 - 0.784)],
    ]);
  });

  it('with the shorter run left, the crosshair stops only at its epochs', async () => {
    const el = await gap({ runs: runs() });
    el.toggleRun('a');
    await settle(el);
    await keys(el, '{End}');
    expect(tooltipRows(el)!.title).toBe('Epoch 11');
    expect(crosshairX(el)).toBeCloseTo(gapVertices(el)[10][0], 1);
  });

  it('compact: one badge per run, named', async () => {
    const el = await badge({ runs: runs() });
    const badges = parts(el, 'badge');
    expect(badges).toHaveLength(2);
    expect(badges.map((b) => text(b.querySelector('.run-name')))).toEqual(['a', 'b']);
    expect(badges.map((b) => text(b.querySelector('[part~="state"]')))).toEqual(['overfitting', 'ok']);
    expect(badges.map((b) => text(b.querySelector('[part~="value"]')))).toEqual(['3.087', '-0.0103']);
    expect(badges[0].getAttribute('aria-label')).toMatch(/^a: loss gap 3\.087, overfitting/);
  });

  it('onset labels of two overfitting runs do not overlap', async () => {
    const el = await gap({
      runs: [
        { name: 'efficientnet', history: efficientnet },
        { name: 'structured', history: structured },
      ],
    });
    expect(parts(el, 'onset-marker').map((n) => n.getAttribute('data-step'))).toEqual(['26', '27']);
    expect(overlappingLabels(el)).toEqual([]);
  });

  it('a hostile run name renders as text', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const el = await gap({ runs: [{ name, history: efficientnet }] });
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(text(part(el, 'annotation-label'))).toBe(`${name}: overfitting from epoch 26`);
    const b = await badge({ runs: [{ name, history: efficientnet }] });
    expect(b.shadowRoot!.querySelector('img')).toBeNull();
    expect(text(part(b, 'badge')!.querySelector('.run-name'))).toBe(name);
  });
});

describe('<overfit-gap> bad input', () => {
  const inputs: Array<[string, Record<string, unknown>]> = [
    ['nothing', {}],
    ['empty arrays', { train: [], validation: [] }],
    ['only train', { train: [1, 0.8, 0.6] }],
    ['only validation', { validation: [1, 0.8, 0.6] }],
    ['strings', { train: 'loss', validation: 'val_loss' }],
    ['arrays of strings', { train: ['a', 'b'], validation: ['c', 'd'] }],
    ['all NaN', { train: [NaN, NaN, NaN], validation: [NaN, NaN, NaN] }],
    ['a history without the metric', { history: { accuracy: [0.5, 0.6] } }],
    ['a history that is a string', { history: 'loss' }],
    ['runs that is not an array', { runs: 'a' }],
    ['no runs', { runs: [] }],
    ['runs of junk', { runs: [null, 3, { name: 'x' }] }],
  ];

  for (const [name, props] of inputs) {
    it(`${name}: no throw, a message, no gap`, async () => {
      const el = await gap(props);
      const message = part(el, 'message');
      expect(message).not.toBeNull();
      expect(text(message).length).toBeGreaterThan(3);
      expect(part(el, 'gap-line')).toBeNull();
      expect(el.analysis?.onset ?? null).toBeNull();

      const small = await badge(props);
      const b = part(small, 'badge')!;
      expect(b.classList).toContain('empty');
      expect(b.getAttribute('aria-label')!.length).toBeGreaterThan(3);
      expect(text(part(small, 'message'))).toBe('—');
    });
  }

  it('training that is NaN throughout: the chart says why no gap is drawn', async () => {
    const el = await gap({ train: [NaN, NaN, NaN], validation: [1, 0.8, 0.6] });
    expect(el.analysis!.state).toBe('diverged');
    expect(vertices(part(el, 'gap-line')?.getAttribute('d'))).toHaveLength(0);
    expect(part(el, 'message')).not.toBeNull();
  });

  it('only validation says the gap needs both series', async () => {
    const el = await gap({ validation: [1, 0.8, 0.6] });
    expect(text(part(el, 'message'))).toBe('The gap needs both training and validation values.');
  });

  it('only train says the gap needs both series', async () => {
    const el = await gap({ train: [1, 0.8, 0.6] });
    expect(text(part(el, 'message'))).toBe('The gap needs both training and validation values.');
  });

  it('recovers when good data follow bad data', async () => {
    const el = await gap({ train: 'x', validation: [NaN] });
    expect(part(el, 'message')).not.toBeNull();
    el.train = null;
    el.validation = null;
    el.history = efficientnet;
    await settle(el);
    expect(part(el, 'message')).toBeNull();
    expect(gapVertices(el)).toHaveLength(40);
  });

  it('the analysis matches analyzeFit on the same history', async () => {
    const el = await gap({ history: efficientnet });
    const expected = analyzeFit(EFF_LOSS, EFF_VAL);
    for (const key of ['best', 'onset', 'stopStep', 'state', 'gap', 'summary'] as const) expect(el.analysis![key], key).toEqual(expected[key]);
  });
});
