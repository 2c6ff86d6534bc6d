/** `<overfit-gap>`: the gap chart, its threshold and onset, the keyboard tooltip, the compact badge, runs, bad input. */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { analyzeFit, formatValue, type OverfitGap } from '../../src/index.js';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import mnist from '../../stories/data/keras-mnist_convnet.json';
import california from '../../stories/data/keras-california_housing_sgd_nan.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import vae from '../../stories/data/lightning-batch_effect_vae.json';
import cvImages from '../../stories/data/lightning-cv_image_classification.json';
import timeseries from '../../stories/data/keras-timeseries_classification_from_scratch.json';
import imbalanced from '../../stories/data/keras-imbalanced_classification.json';
import slm from '../../stories/data/lightning-slm_training.json';
import transfer from '../../stories/data/keras-efficientnet_transfer_then_finetune.json';
import { announcement, crosshairX, mount, part, partNames, parts, pointAt, rgb, settle, subpaths, text, vertices, watchPage } from './helpers.js';
import { overfullColumn, random } from './decimation-helpers.js';
import { collectOverfit, intersects, num, overlappingLabels, tooltipRows, values, yScale, type JsonHistory } from './fit-helpers.js';

const page = watchPage();

const EFF = efficientnet as JsonHistory;
const EFF_LOSS = values(EFF, 'loss');
const EFF_VAL = values(EFF, 'val_loss');
/** Validation minus training at each epoch of efficientnet_from_scratch. */
const EFF_GAP = EFF_VAL.map((v, i) => v - EFF_LOSS[i]);

const gap = (props: Record<string, unknown>, attrs: Record<string, string> = {}) => mount<OverfitGap>('overfit-gap', props, { attrs });
const badge = (props: Record<string, unknown>, attrs: Record<string, string> = {}) =>
  mount<OverfitGap>('overfit-gap', props, { attrs: { compact: '', ...attrs }, height: null });

const gapVertices = (el: HTMLElement) => vertices(part(el, 'gap-line')?.getAttribute('d'));

/** Number of maximal stretches of consecutive finite gaps above zero (true) or below it (false). */
function stretches(gaps: number[], positive: boolean): number {
  let count = 0;
  let prev = false;
  for (const g of gaps) {
    const on = positive ? g > 0 : g < 0;
    if (on && !prev) count++;
    // A gap of exactly 0 neither ends nor starts a stretch.
    if (g !== 0) prev = on;
  }
  return count;
}

/** A run's color as computed (`--tc-run-<n>-color` or its default). */
const runColor = (el: HTMLElement, run: number) => rgb(getComputedStyle(el).getPropertyValue(`--_run-${run}`).trim());

const positiveArea = (el: HTMLElement) => parts(el, 'gap-area').find((n) => !n.matches('[part~="gap-area-negative"]'))!;

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
    for (const name of ['svg', 'gap-line', 'gap-area', 'gap-area-negative', 'zero-line', 'x-axis', 'y-axis', 'overfit-marker']) {
      expect(names.has(name), name).toBe(true);
    }
    expect(names.has('threshold')).toBe(false);
    expect(gapVertices(el)).toHaveLength(40);
    expect(el.analysis!.gap.values).toEqual(EFF_GAP.map((g) => expect.closeTo(g, 10)));
    expect(page.warnings).toEqual([]);
  });

  it("gap-line vertices sit at each epoch's gap on the y axis, evenly spaced in x", async () => {
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
    expect(parts(el, 'overfit-marker')).toHaveLength(0);
  });

  it('the area is split by sign: one polygon per stretch above zero, one per stretch below', async () => {
    const el = await gap({ history: structured });
    const gaps = el.analysis!.gap.values;
    const pos = positiveArea(el).getAttribute('d');
    const neg = part(el, 'gap-area-negative')!.getAttribute('d');
    expect(subpaths(pos)).toBe(stretches(gaps, true));
    expect(subpaths(neg)).toBe(stretches(gaps, false));
    expect(subpaths(pos)).toBeGreaterThan(1);
    expect(subpaths(neg)).toBeGreaterThan(1);
    // Positive polygons lie on or above the zero line, negative ones on or below, each closing on it.
    const zeroY = num(part(el, 'zero-line'), 'y1');
    for (const [, py] of vertices(pos)) expect(py).toBeLessThanOrEqual(zeroY + 0.01);
    for (const [, py] of vertices(neg)) expect(py).toBeGreaterThanOrEqual(zeroY - 0.01);
    for (const polygon of pos!.split('Z').filter(Boolean)) {
      const v = vertices(polygon);
      expect(v[0][1]).toBeCloseTo(zeroY, 1);
      expect(v.at(-1)![1]).toBeCloseTo(zeroY, 1);
    }
  });

  it('a negative gap is neutral: its area is filled in the muted color, the positive area in the gap color', async () => {
    const el = await gap({ history: structured });
    const neg = getComputedStyle(part(el, 'gap-area-negative')!);
    const pos = getComputedStyle(positiveArea(el));
    expect(neg.fill).toBe(rgb('#6b7280'));
    expect(pos.fill).toBe(rgb('#7c3aed'));
    expect(neg.fill).not.toBe(pos.fill);
    // Themable like the rest: the muted color drives it.
    el.style.setProperty('--tc-muted-color', '#00ff00');
    expect(getComputedStyle(part(el, 'gap-area-negative')!).fill).toBe('rgb(0, 255, 0)');
    // In a comparison the positive area takes the run's color; the negative one stays muted.
    const runs = await gap({
      runs: [
        { name: 'a', history: structured },
        { name: 'b', history: mnist },
      ],
    });
    const negs = parts(runs, 'gap-area-negative').map((n) => getComputedStyle(n).fill);
    expect(negs).toEqual([rgb('#6b7280'), rgb('#6b7280')]);
    expect(getComputedStyle(parts(runs, 'gap-area').find((n) => !n.matches('[part~="gap-area-negative"]'))!).fill).toBe(runColor(runs, 0));
  });

  it('the growing-gap shading is gone: no gap-area-growing part', async () => {
    const el = await gap({ history: timeseries });
    expect(partNames(el).has('gap-area-growing')).toBe(false);
    expect(parts(el, 'gap-area')).toHaveLength(2);
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
    const markers = parts(el, 'overfit-marker');
    expect(markers).toHaveLength(1);
    expect(markers[0].getAttribute('data-step')).toBe('26');
    const v = gapVertices(el);
    expect(num(markers[0].querySelector('line'), 'x1')).toBeCloseTo(v[25][0], 1);
    const dot = markers[0].querySelector('circle')!;
    expect(num(dot, 'cx')).toBeCloseTo(v[25][0], 1);
    expect(num(dot, 'cy')).toBeCloseTo(v[25][1], 1);
    expect(text(part(el, 'annotation-label'))).toBe('overfitting from epoch 26');
  });

  it('the onset is marked only where the gap is positive: structured data, onset epoch 27 (gap ≤ 0), marked at 28', async () => {
    const el = await gap({ history: structured });
    const a = el.analysis!;
    expect(a.onset).toBe(27);
    expect(a.gap.values[26]).toBeLessThanOrEqual(0);
    expect(a.gap.values[27]).toBeGreaterThan(0);
    const markers = parts(el, 'overfit-marker');
    expect(markers.map((m) => m.getAttribute('data-step'))).toEqual(['28']);
    const v = gapVertices(el);
    const dot = markers[0].querySelector('circle')!;
    expect(num(dot, 'cx')).toBeCloseTo(v[27][0], 1);
    expect(num(dot, 'cy')).toBeCloseTo(v[27][1], 1);
    // Above the zero line: the gap there is positive.
    expect(num(dot, 'cy')).toBeLessThan(num(part(el, 'zero-line'), 'y1'));
    expect(text(part(el, 'annotation-label'))).toBe('overfitting from epoch 28');
    // The sparkline marks the same step.
    const b = await badge({ history: structured });
    const sv = vertices(part(b, 'sparkline')!.querySelector('[part~="gap-line"]')!.getAttribute('d'));
    expect(num(part(b, 'sparkline')!.querySelector('[part~="overfit-dot"]'), 'cx')).toBeCloseTo(sv[27][0], 1);
  });

  it('no onset marker when the gap is never positive from the onset on', async () => {
    // Validation is best at epoch 3 and worsens after it while training improves, but stays below training.
    const train = [1, 0.9, 0.8, 0.75, 0.72, 0.7, 0.69, 0.68, 0.67, 0.66, 0.65];
    const validation = [0.8, 0.7, 0.5, 0.52, 0.55, 0.56, 0.57, 0.58, 0.6, 0.61, 0.62];
    const el = await gap({ train, validation }, { patience: '3' });
    expect(el.analysis!.gap.values.every((g) => g < 0)).toBe(true);
    expect(parts(el, 'overfit-marker')).toHaveLength(0);
    expect(part(el, 'annotation-label')).toBeNull();
    const b = await badge({ train, validation }, { patience: '3' });
    expect(part(b, 'sparkline')!.querySelector('[part~="overfit-dot"]')).toBeNull();
  });

  it('the onset follows patience', async () => {
    const el = await gap({ history: efficientnet }, { patience: '20' });
    // 14 checks follow the best epoch: fewer than 20.
    expect(el.analysis!.onset).toBeNull();
    expect(parts(el, 'overfit-marker')).toHaveLength(0);
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
    expect(text(onset)).toBe('overfitting from epoch 28');
    expect(text(threshold)).toBe('threshold 0.1');
    const box = (t: SVGTextElement) => {
      const b = t.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    expect(intersects(box(onset), box(threshold))).toBe(false);
  });

  it("the y label stays inside the chart: a long metric name is left out of it, a short one and a page's own label are kept", async () => {
    const yLabel = (el: HTMLElement) => part(el, 'y-axis')!.querySelector<SVGTextElement>('.axis-label')!;
    const inside = (el: HTMLElement) => {
      const svg = part(el, 'svg')!.getBoundingClientRect();
      const label = yLabel(el).getBoundingClientRect();
      return label.top >= svg.top - 0.5 && label.bottom <= svg.bottom + 0.5;
    };
    const size = { width: 800, height: 250 };
    const long = await mount<OverfitGap>('overfit-gap', { history: timeseries }, { ...size, attrs: { metric: 'sparse_categorical_accuracy' } });
    expect(text(yLabel(long))).toBe('gap (train − val)');
    expect(inside(long)).toBe(true);
    const low = await mount<OverfitGap>('overfit-gap', { history: timeseries }, { width: 800, height: 120, attrs: { metric: 'sparse_categorical_accuracy' } });
    expect(text(yLabel(low))).toBe('gap');
    expect(inside(low)).toBe(true);
    for (const metric of ['loss', 'accuracy']) {
      const el = await mount<OverfitGap>('overfit-gap', { history: efficientnet }, { ...size, attrs: { metric } });
      expect(text(yLabel(el))).toBe(metric === 'loss' ? 'loss gap (val − train)' : 'accuracy gap (train − val)');
      expect(inside(el)).toBe(true);
    }
    const own = await mount<OverfitGap>(
      'overfit-gap',
      { history: timeseries },
      { ...size, attrs: { metric: 'sparse_categorical_accuracy', 'y-label': 'sparse_categorical_accuracy gap' } },
    );
    expect(text(yLabel(own))).toBe('sparse_categorical_accuracy gap');
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

describe('<overfit-gap> with sparse validation', () => {
  const logs = [
    { name: 'batch-effect VAE', log: vae },
    { name: 'image classification', log: cvImages },
  ];
  for (const { name, log } of logs) {
    it(`${name}: ${log.validation.steps.length} checks over ${log.train.steps.length} training logs are dots joined by steps`, async () => {
      const el = await gap({ train: log.train, validation: log.validation });
      const gaps = el.analysis!.gap;
      const n = gaps.steps.length;
      const v = gapVertices(el);
      expect(v).toHaveLength(2 * n - 1);
      const y = yScale(el);
      for (let k = 0; k < n; k++) expect(v[2 * k][1], `check ${k}`).toBeCloseTo(y(gaps.values[k]), 0);
      // Each check's gap holds until the next check, then the line moves straight up or down: no slopes.
      for (let i = 1; i < v.length; i++) {
        if (i % 2 === 1) expect(v[i][1]).toBe(v[i - 1][1]);
        else expect(v[i][0]).toBe(v[i - 1][0]);
      }
      const dots = part(el, 'gap-markers')!;
      expect(subpaths(dots.getAttribute('d'))).toBe(n);
      // The areas follow the steps: every vertex of theirs is on the line's horizontals or on the zero line.
      const zeroY = num(part(el, 'zero-line'), 'y1');
      const levels = new Set(v.map(([, py]) => py.toFixed(1)));
      for (const [, py] of [...vertices(positiveArea(el).getAttribute('d')), ...vertices(part(el, 'gap-area-negative')!.getAttribute('d'))]) {
        expect(levels.has(py.toFixed(1)) || Math.abs(py - zeroY) < 0.05, `area vertex at y ${py}`).toBe(true);
      }
      expect(page.warnings).toEqual([]);
    });
  }

  it('dense validation stays a line without dots: a Keras history, and checks every few training logs', async () => {
    for (const props of [{ history: efficientnet }, { train: slm.train, validation: slm.validation }]) {
      const el = await gap(props);
      expect(gapVertices(el)).toHaveLength(el.analysis!.gap.steps.length);
      expect(part(el, 'gap-markers')).toBeNull();
    }
  });
});

describe('<overfit-gap compact>', () => {
  const cases = [
    { name: 'efficientnet_from_scratch', history: efficientnet, state: 'overfitting', value: '+3.087' },
    { name: 'mnist_convnet', history: mnist, state: 'ok', value: '−0.010' },
    { name: 'california_housing_sgd_nan', history: california, state: 'diverged', value: '+0.786' },
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
    expect(text(part(el, 'value'))).toBe('−0.010');
    // The exact value is in the badge's title.
    expect(part(el, 'badge')!.getAttribute('title')).toMatch(/^Latest gap -0\.0103 at epoch 11\. /);
  });

  it('every value in one format: signed, three decimals', async () => {
    const shown: string[] = [];
    for (const props of [
      { history: efficientnet },
      { history: mnist },
      { history: structured },
      { train: vae.train, validation: vae.validation },
      { train: cvImages.train, validation: cvImages.validation },
    ]) {
      shown.push(text(part(await badge(props), 'value')));
    }
    expect(shown).toEqual(['+3.087', '−0.010', '+0.090', '−0.084', '−0.008']);
  });

  it('badges are all as wide, whatever their value and state: fixed-width value and pill', async () => {
    const histories = [efficientnet, mnist, california, imbalanced, structured, timeseries];
    const els: OverfitGap[] = [];
    for (const history of histories) els.push(await badge({ history }, { threshold: '0.05' }));
    els.push(await badge({ train: vae.train, validation: vae.validation }));
    const widths = (name: string) => els.map((el) => part(el, name)!.getBoundingClientRect().width);
    for (const name of ['badge', 'value', 'state', 'sparkline']) {
      const w = widths(name);
      for (const x of w) expect(x, `${name} widths ${w.join(', ')}`).toBeCloseTo(w[0], 1);
    }
    // The pill's text is centered in it, and the value's digits are right-aligned in theirs.
    expect(getComputedStyle(part(els[0], 'state')!).textAlign).toBe('center');
    expect(getComputedStyle(part(els[0], 'value')!).textAlign).toBe('right');
  });

  it('a badge with nothing to show ("—": no training values) is as wide as the others, so a table column keeps its width', async () => {
    const full = await badge({ history: efficientnet });
    const empty = await badge({ validation: [0.5, 0.4, 0.45] });
    expect(text(part(empty, 'badge-message'))).toBe('—');
    const w = (el: HTMLElement) => part(el, 'badge')!.getBoundingClientRect().width;
    expect(w(empty)).toBeCloseTo(w(full), 0);
    // Also with a custom sparkline width.
    const wide = await badge({ history: efficientnet }, { style: '--tc-sparkline-width: 120px' });
    const wideEmpty = await badge({ validation: [0.5, 0.4, 0.45] }, { style: '--tc-sparkline-width: 120px' });
    expect(w(wideEmpty)).toBeCloseTo(w(wide), 0);
    expect(w(wide)).toBeGreaterThan(w(full) + 30);
  });

  it("the pill's color follows the state: ok green, plateau and noisy grey, overfitting amber or red, diverged red", async () => {
    const GREEN = rgb('#15803d');
    const GREY = rgb('#6b7280');
    const AMBER = rgb('#b45309');
    const RED = rgb('#b91c1c');
    const color = (el: HTMLElement) => getComputedStyle(part(el, 'state')!).color;
    expect(color(await badge({ history: mnist }))).toBe(GREEN);
    const plateau = await badge({ history: imbalanced });
    expect(['plateau', 'noisy']).toContain(plateau.analysis!.state);
    expect(color(plateau)).toBe(GREY);
    expect(color(await badge({ history: california }))).toBe(RED);
    const over = await badge({ history: efficientnet });
    const severity = over.analysis!.severity;
    expect(color(over)).toBe(severity === 'mild' ? AMBER : RED);
    // Each state and severity, on an analysis as the badge reads it.
    const el = await badge({ history: efficientnet });
    const cases: Array<[string, string, string]> = [
      ['ok', 'none', GREEN],
      ['plateau', 'none', GREY],
      ['noisy', 'none', GREY],
      ['overfitting', 'mild', AMBER],
      ['overfitting', 'clear', RED],
      ['overfitting', 'severe', RED],
      ['diverged', 'none', RED],
    ];
    for (const [state, sev, expected] of cases) {
      const run = (el as unknown as { prepared: { runs: Array<{ analysis: Record<string, unknown> }> } }).prepared.runs[0];
      run.analysis = { ...run.analysis, state, severity: sev };
      el.requestUpdate('threshold');
      await settle(el);
      expect(color(el), `${state} ${sev}`).toBe(expected);
      expect(text(part(el, 'state'))).toBe(state);
    }
  });

  it('a latest gap above the threshold is never a green "ok" pill: the pill says "high gap" in amber, as the number', async () => {
    const GREEN = rgb('#15803d');
    const AMBER = rgb('#b45309');
    // Lightning's small language model: validation still improving ("ok"), latest gap 0.403.
    const el = await badge({ train: slm.train, validation: slm.validation }, { threshold: '0.05' });
    expect(el.analysis!.state).toBe('ok');
    const pill = part(el, 'state')!;
    expect(text(pill)).toBe('high gap');
    expect(getComputedStyle(pill).color).toBe(AMBER);
    expect(getComputedStyle(part(el, 'value')!).color).toBe(AMBER);
    expect(part(el, 'badge')!.getAttribute('aria-label')).toContain('loss gap +0.403, high gap, above the threshold');
    // Below the threshold it is a green "ok".
    el.threshold = 1;
    await settle(el);
    expect(text(part(el, 'state'))).toBe('ok');
    expect(getComputedStyle(part(el, 'state')!).color).toBe(GREEN);
    // Over a table of real runs with a threshold: no badge above it is green.
    const all = [efficientnet, mnist, california, imbalanced, structured, timeseries, transfer];
    for (const history of all) {
      const b = await badge({ history }, { threshold: '0.05' });
      const over = part(b, 'badge')!.classList.contains('over');
      if (over) expect(getComputedStyle(part(b, 'state')!).color, text(part(b, 'badge'))).not.toBe(GREEN);
      if (over) expect(getComputedStyle(part(b, 'value')!).color).toBe(getComputedStyle(part(b, 'state')!).color);
    }
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
    const dot = part(el, 'sparkline')!.querySelector('[part~="overfit-dot"]')!;
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
    expect(text(part(el, 'value'))).toBe('+3.087');
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

  it("one gap line per run, in the run's color, and a legend button per run", async () => {
    const el = await gap({ runs: runs() });
    const lines = parts(el, 'gap-line');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.closest('[data-run]')!.getAttribute('data-run'))).toEqual(['a', 'b']);
    expect(vertices(lines[0].getAttribute('d'))).toHaveLength(40);
    expect(vertices(lines[1].getAttribute('d'))).toHaveLength(11);
    expect(getComputedStyle(lines[0]).stroke).toBe(runColor(el, 0));
    expect(getComputedStyle(lines[1]).stroke).toBe(runColor(el, 1));
    expect(runColor(el, 0)).not.toBe(runColor(el, 1));
    const buttons = parts(el, 'legend-item').filter((n) => n.localName === 'button');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    // Only run a overfits.
    const onsets = parts(el, 'overfit-marker');
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
    expect(parts(el, 'overfit-marker')).toHaveLength(0);
    // The axis refits the remaining run: its last gap is at the right end.
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(gapVertices(el)[10][0]).toBeCloseTo(num(axis, 'x2'), 1);
    el.toggleRun('a');
    await settle(el);
    expect(parts(el, 'gap-line')).toHaveLength(2);
  });

  it("the keyboard tooltip lists each visible run's gap", async () => {
    const el = await gap({ runs: runs() });
    await keys(el, '{ArrowRight}');
    const tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 1');
    expect(tip.rows.map((r) => [r.name, r.value])).toEqual([
      ['a gap', formatValue(EFF_GAP[0])],
      ['b gap', formatValue(0.078 - 0.784)],
    ]);
  });

  it('a compared run without validation has a gap row with no value and no "at epoch NaN" note', async () => {
    const seen: unknown[] = [];
    const xFormat = (v: number) => {
      seen.push(v);
      return `e${v}`;
    };
    const el = await gap({
      runs: [
        { name: 'a', history: efficientnet },
        { name: 'b', train: EFF_LOSS.slice(0, 20) },
      ],
      xFormat,
    });
    const box = part(el, 'chart')!.getBoundingClientRect();
    for (const f of [0.2, 0.5, 0.8]) {
      await pointAt(el, box.width * f);
      const tip = tooltipRows(el)!;
      expect(tip.rows.map((r) => r.name)).toEqual(['a gap', 'b gap']);
      const b = tip.rows[1];
      expect(b.value).toBe('—');
      expect(b.note).toBe('');
      expect(part(el, 'tooltip')!.textContent).not.toMatch(/NaN|undefined/);
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((v) => typeof v !== 'number' || !Number.isFinite(v))).toEqual([]);
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
    expect(badges.map((b) => text(b.querySelector('[part~="value"]')))).toEqual(['+3.087', '−0.010']);
    expect(badges[0].getAttribute('aria-label')).toMatch(/^a: loss gap \+3\.087, overfitting/);
  });

  it('onset labels of two overfitting runs do not overlap', async () => {
    const el = await gap({
      runs: [
        { name: 'efficientnet', history: efficientnet },
        { name: 'structured', history: structured },
      ],
    });
    expect(parts(el, 'overfit-marker').map((n) => n.getAttribute('data-step'))).toEqual(['26', '28']);
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
      expect(text(part(small, 'badge-message'))).toBe('—');
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
