/** Fit annotations of `<loss-curve>`: marker positions, the `overfit` event, the options that drive them, labels. */
import { describe, expect, it } from 'vitest';
import { analyzeFit, type FitAnalysis, type LossCurve } from '../../src/index.js';
import { formatWorsening } from '../../src/core/analyze-fit.js';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import california from '../../stories/data/keras-california_housing_sgd_nan.json';
import structured from '../../stories/data/keras-structured_data_classification_from_scratch.json';
import timeseries from '../../stories/data/keras-timeseries_classification_from_scratch.json';
import { lineVertices, mount, part, partNames, parts, settle, text, update, watchPage } from './helpers.js';
import { collectOverfit, labelBoxes, num, overlappingLabels, values, yScale, type JsonHistory } from './fit-helpers.js';

const page = watchPage();

// Validation is best at epoch 3 (0.7), then rises for five checks while training keeps falling.
const TRAIN = [1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2];
const VALIDATION = [1, 0.85, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9];
// With patience 2, Keras's rule: epochs 1-3 improve (wait 0); epoch 4 is wait 1; epoch 5 is wait 2 ≥ 2: stop.
const BEST_STEP = 3;
const BEST_INDEX = 2;
const ONSET = 3;
const STOP = 5;
const LAST = 8;

const ANNOTATION_PARTS = ['best-marker', 'overfit-region', 'stop-line', 'divergence-marker', 'annotation-label'];

const handMade = (attrs: Record<string, string> = { patience: '2' }) => mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs });

describe('<loss-curve> annotation positions', () => {
  it('the analysis has the best step, onset and stop the rules give', async () => {
    const el = await handMade();
    const a = el.analysis!;
    expect(a.best).toEqual({ step: BEST_STEP, value: 0.7 });
    expect(a.onset).toBe(ONSET);
    expect(a.stopStep).toBe(STOP);
    expect(a.state).toBe('overfitting');
    expect(a.diverged).toBeNull();
    expect(el.analyses).toHaveLength(1);
    expect(page.warnings).toEqual([]);
  });

  it('best-marker sits on the best validation vertex', async () => {
    const el = await handMade();
    const v = lineVertices(el, 'validation-line');
    expect(v).toHaveLength(VALIDATION.length);
    const markers = parts(el, 'best-marker');
    expect(markers).toHaveLength(1);
    expect(num(markers[0], 'cx')).toBeCloseTo(v[BEST_INDEX][0], 1);
    expect(num(markers[0], 'cy')).toBeCloseTo(v[BEST_INDEX][1], 1);
    expect(markers[0].getAttribute('data-step')).toBe(String(BEST_STEP));
    // And that vertex is where 0.7 is on the y axis.
    expect(v[BEST_INDEX][1]).toBeCloseTo(yScale(el)(0.7), 0);
  });

  it('overfit-region runs from the onset vertex to the last step', async () => {
    const el = await handMade();
    const v = lineVertices(el, 'validation-line');
    const regions = parts(el, 'overfit-region');
    expect(regions).toHaveLength(1);
    const x = num(regions[0], 'x');
    const width = num(regions[0], 'width');
    expect(x).toBeCloseTo(v[ONSET - 1][0], 1);
    expect(x + width).toBeCloseTo(v[LAST - 1][0], 1);
    expect(regions[0].getAttribute('data-step')).toBe(String(ONSET));
    // It spans the plot's height: from the top of the plot to the x axis.
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(num(regions[0], 'y') + num(regions[0], 'height')).toBeCloseTo(num(axis, 'y1'), 1);
  });

  it('stop-line is a vertical line at the stop step', async () => {
    const el = await handMade();
    const v = lineVertices(el, 'train-line');
    const stops = parts(el, 'stop-line');
    expect(stops).toHaveLength(1);
    expect(num(stops[0], 'x1')).toBeCloseTo(v[STOP - 1][0], 1);
    expect(num(stops[0], 'x2')).toBeCloseTo(v[STOP - 1][0], 1);
    expect(num(stops[0], 'y1')).not.toBeCloseTo(num(stops[0], 'y2'), 0);
    expect(stops[0].getAttribute('data-step')).toBe(String(STOP));
  });

  it('each marker has its label: the best value, how much it overfits, the EarlyStopping rule replayed', async () => {
    const el = await handMade();
    const a = el.analysis!;
    expect(text(part(el, 'best-label'))).toBe('best 0.7');
    expect(formatWorsening(a)).toMatch(/^\+\d/);
    expect(text(part(el, 'overfit-label'))).toBe(`${a.severity === 'mild' ? 'mild ' : ''}overfitting (${formatWorsening(a)})`);
    expect(text(part(el, 'stop-label'))).toBe('EarlyStopping(patience=2)');
    expect(part(el, 'divergence-label')).toBeNull();
    expect(parts(el, 'annotation-label')).toHaveLength(3);
  });

  it("overfit-region carries the analysis's severity in data-severity", async () => {
    const el = await handMade();
    expect(el.analysis!.severity).not.toBe('none');
    expect(part(el, 'overfit-region')!.getAttribute('data-severity')).toBe(el.analysis!.severity);
  });

  it('a stop before the best says so, as a fact about the rule', async () => {
    // Validation dips at epoch 2, worsens for two checks, then reaches its best at epoch 6: patience 2 stops at 4.
    const el = await mount(
      'loss-curve',
      { train: [1, 0.8, 0.7, 0.6, 0.5, 0.4, 0.35, 0.3], validation: [1, 0.8, 0.85, 0.9, 0.75, 0.6, 0.62, 0.65] },
      { attrs: { patience: '2' }, width: 800, height: 400 },
    );
    const a = el.analysis!;
    expect(a.stopStep!).toBeLessThan(a.best!.step);
    expect(text(part(el, 'stop-label'))).toBe('EarlyStopping(patience=2): stops before best');
  });

  it('an early-stop line among spiky curves keeps its label in its shortest form rather than none (timeseries, 800 × 400)', async () => {
    // EarlyStopping(patience=5) stops at epoch 33, 300 epochs before the best: the line stands in the spiky first
    // phase, where neither the full nor the short text has room, and "stop (p=5)" does, at the bottom beside it.
    const el = await mount('loss-curve', { history: timeseries }, { width: 800, height: 400 });
    const a = el.analysis!;
    expect(a.stopStep).toBe(33);
    expect(a.best!.step).toBeGreaterThan(300);
    const label = part(el, 'stop-label');
    expect(text(label)).toBe('stop (p=5)');
    const line = num(part(el, 'stop-line')!, 'x1');
    const box = (label as unknown as SVGGraphicsElement).getBBox();
    expect(Math.min(Math.abs(box.x - line), Math.abs(box.x + box.width - line))).toBeLessThan(8);
    expect(overlappingLabels(el)).toEqual([]);
  });

  it('in a 240 × 160 card, labels use their short texts', async () => {
    const el = await handMade();
    const small = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { patience: '2' }, width: 240, height: 160 });
    const w = formatWorsening(el.analysis as FitAnalysis);
    for (const t of parts(small, 'annotation-label').map((n) => text(n))) expect(['best 0.7', 'stop (p=2)', `overfit ${w}`]).toContain(t);
    expect(parts(small, 'annotation-label').length).toBeGreaterThan(0);
  });

  it('divergence-marker sits at the epoch of the first NaN', async () => {
    const train = [1, 0.8, 0.6, 0.5, NaN, 0.4];
    const validation = [1, 0.9, 0.8, 0.7, 0.65, 0.6];
    const el = await mount('loss-curve', { train, validation });
    const v = lineVertices(el, 'validation-line');
    const markers = parts(el, 'divergence-marker');
    expect(markers).toHaveLength(1);
    expect(num(markers[0], 'x1')).toBeCloseTo(v[4][0], 1);
    expect(markers[0].getAttribute('data-step')).toBe('5');
    expect(text(part(el, 'divergence-label'))).toBe('NaN at epoch 5');
    expect(el.analysis!.diverged).toBe(5);
    expect(el.analysis!.state).toBe('diverged');
  });

  it('divergence-marker on the California run sits at epoch 8, one epoch past the last drawn vertex', async () => {
    const el = await mount('loss-curve', { history: california });
    const v = lineVertices(el, 'validation-line');
    expect(v).toHaveLength(7);
    const dx = (v[6][0] - v[0][0]) / 6;
    const marker = part(el, 'divergence-marker')!;
    expect(num(marker, 'x1')).toBeCloseTo(v[0][0] + 7 * dx, 1);
    expect(marker.getAttribute('data-step')).toBe('8');
    expect(text(part(el, 'divergence-label'))).toBe('NaN at epoch 8');
  });

  it('el.analysis has the same best, onset, stop, state, gap and summary as analyzeFit', async () => {
    const el = await handMade();
    const expected = analyzeFit(TRAIN, VALIDATION, { patience: 2 });
    const a = el.analysis!;
    for (const key of ['mode', 'metric', 'unit', 'best', 'argBest', 'stopStep', 'onset', 'state', 'gap', 'diverged', 'summary'] as const) {
      expect(a[key], key).toEqual(expected[key]);
    }
  });

  it('el.analysis equals analyzeFit with the same options, options included', async () => {
    // The element's mode is "auto" (the default), as is analyzeFit's; `options` is documented as the options in
    // effect with defaults filled in, so both should report the same options.
    const el = await handMade();
    expect(el.mode).toBe('auto');
    expect(el.analysis).toEqual(analyzeFit(TRAIN, VALIDATION, { patience: 2 }));
  });

  it('el.analysis of a Keras history matches analyzeFit on its loss and val_loss', async () => {
    const h = efficientnet as JsonHistory;
    const el = await mount('loss-curve', { history: h });
    const expected = analyzeFit(values(h, 'loss'), values(h, 'val_loss'));
    expect(el.analysis!.best).toEqual({ step: 26, value: 3.2558 });
    expect(el.analysis!.onset).toBe(26);
    expect(el.analysis!.stopStep).toBe(31);
    for (const key of ['best', 'onset', 'stopStep', 'state', 'gap', 'summary'] as const) expect(el.analysis![key], key).toEqual(expected[key]);
  });
});

describe('<loss-curve> overfit event during a live run', () => {
  // Training falls throughout. Validation: best at epoch 5, rises steadily (an onset at 5 once the rise is sustained),
  // then a new best at epoch 12, and rises again (the onset moves to 12).
  const train = Array.from({ length: 20 }, (_, i) => 1 - 0.04 * i);
  const validation = [1, 0.9, 0.8, 0.75, 0.7, 0.74, 0.8, 0.86, 0.92, 0.99, 0.6, 0.55, 0.62, 0.7, 0.78, 0.85, 0.92, 0.98, 1.05, 1.1];
  // The onset after each prefix length, as analyzeFit gives it: the chart must agree at every step.
  const onsets = train.map((_, i) => analyzeFit(train.slice(0, i + 1), validation.slice(0, i + 1), { patience: 2 }).onset);

  it('fires once per onset change, with the analysis as detail; bubbles and is composed', async () => {
    const seen = collectOverfit();
    try {
      const el = await mount('loss-curve', {}, { attrs: { patience: '2' } });
      const counts: number[] = [];
      for (let n = 1; n <= train.length; n++) {
        el.train = train.slice(0, n);
        el.validation = validation.slice(0, n);
        await settle(el);
        expect(el.analysis!.onset, `onset after ${n} epochs`).toBe(onsets[n - 1]);
        counts.push(seen.events.length);
      }
      // One event each time an onset appears, moves or clears (onset null); none while it stays.
      const expected: number[] = [];
      let fired = 0;
      onsets.forEach((o, i) => expected.push((fired += o !== (i ? onsets[i - 1] : null) ? 1 : 0)));
      expect(counts).toEqual(expected);
      expect(new Set(onsets.filter((o) => o !== null))).toEqual(new Set([5, 12]));
      expect(seen.events.map((e) => e.detail.onset)).toEqual(onsets.filter((o, i) => o !== (i ? onsets[i - 1] : null)));
      const [first, second] = seen.events.filter((e) => e.detail.onset !== null);
      expect(first.detail.onset).toBe(5);
      expect(second.detail.onset).toBe(12);
      const n = onsets.indexOf(5) + 1;
      expect(first.detail).toEqual(analyzeFit(train.slice(0, n), validation.slice(0, n), { patience: 2 }));
      expect(second.detail.best).toEqual({ step: 12, value: 0.55 });
      expect(second.detail.state).toBe('overfitting');
      for (const { event: e, target } of seen.seen) {
        expect(target).toBe(el);
        expect(e.bubbles).toBe(true);
        expect(e.composed).toBe(true);
        expect(e.detail.run).toBeUndefined();
      }
    } finally {
      seen.stop();
    }
  });

  it('appending the same data again (new arrays, same values) fires nothing', async () => {
    const seen = collectOverfit();
    // The first prefix with an onset.
    const first = onsets.findIndex((o) => o !== null) + 1;
    try {
      const el = await mount('loss-curve', { train: train.slice(0, first), validation: validation.slice(0, first) }, { attrs: { patience: '2' } });
      expect(seen.events).toHaveLength(1);
      for (let i = 0; i < 3; i++) {
        el.train = train.slice(0, first);
        el.validation = validation.slice(0, first);
        await settle(el);
      }
      expect(seen.events).toHaveLength(1);
    } finally {
      seen.stop();
    }
  });

  it('fires on the first render when the data already overfit', async () => {
    const seen = collectOverfit();
    try {
      const el = await mount('loss-curve', { history: efficientnet });
      expect(seen.events).toHaveLength(1);
      expect(seen.events[0].detail.onset).toBe(26);
      expect(seen.events[0].target).toBe(el);
    } finally {
      seen.stop();
    }
  });

  it('reaches a listener outside a shadow root the element lives in', async () => {
    const seen = collectOverfit();
    try {
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      const el = document.createElement('loss-curve') as LossCurve;
      el.style.height = '300px';
      el.setAttribute('patience', '2');
      el.train = TRAIN;
      el.validation = VALIDATION;
      root.append(el);
      await settle(el);
      expect(seen.events).toHaveLength(1);
      expect(seen.events[0].detail.onset).toBe(ONSET);
      // Crossed the shadow boundary: the document sees the outer host as target, the path starts at the element.
      expect(seen.seen[0].target).toBe(host);
      expect(seen.seen[0].path[0]).toBe(el);
      expect(seen.seen[0].path).toContain(root);
      expect(seen.seen[0].path).toContain(document);
    } finally {
      seen.stop();
    }
  });

  it('a patience change that moves the onset away (onset null) and back fires each time', async () => {
    const seen = collectOverfit();
    try {
      const el = await handMade();
      expect(seen.events).toHaveLength(1);
      await update(el, { patience: 10 });
      expect(el.analysis!.onset).toBeNull();
      expect(seen.events).toHaveLength(2);
      expect(seen.events[1].detail.onset).toBeNull();
      expect(seen.events[1].detail).toEqual(el.analysis);
      await update(el, { patience: 10 });
      await update(el, { label: 'same analysis' });
      expect(seen.events, 'nothing while it stays away').toHaveLength(2);
      await update(el, { patience: 2 });
      expect(el.analysis!.onset).toBe(ONSET);
      expect(seen.events).toHaveLength(3);
    } finally {
      seen.stop();
    }
  });
});

describe('<loss-curve> annotation options', () => {
  it('no-annotations removes every annotation part', async () => {
    const el = await mount('loss-curve', { history: california }, { attrs: { 'no-annotations': '' } });
    expect(el.annotations).toBe(false);
    const names = partNames(el);
    for (const name of ANNOTATION_PARTS) expect(names.has(name), name).toBe(false);
    // The lines are still drawn.
    expect(lineVertices(el, 'train-line')).toHaveLength(7);

    const el2 = await handMade({ patience: '2', 'no-annotations': '' });
    const names2 = partNames(el2);
    for (const name of ANNOTATION_PARTS) expect(names2.has(name), name).toBe(false);
    // The analysis is still computed.
    expect(el2.analysis!.onset).toBe(ONSET);
  });

  it('no-annotations is a boolean attribute: present with any value (even "false") turns them off, as in HTML', async () => {
    for (const value of ['', 'false', 'off', 'no-annotations']) {
      const el = await handMade({ patience: '2', 'no-annotations': value });
      expect(parts(el, 'best-marker'), value).toHaveLength(0);
    }
    const on = await handMade({ patience: '2' });
    expect(parts(on, 'best-marker')).toHaveLength(1);
    // The property reflects to the attribute.
    on.annotations = false;
    await settle(on);
    expect(on.hasAttribute('no-annotations')).toBe(true);
    expect(parts(on, 'best-marker')).toHaveLength(0);
    on.annotations = true;
    await settle(on);
    expect(on.hasAttribute('no-annotations')).toBe(false);
  });

  it('turning annotations off and on again after mount', async () => {
    const el = await handMade();
    expect(parts(el, 'overfit-region')).toHaveLength(1);
    el.setAttribute('no-annotations', '');
    await settle(el);
    expect(parts(el, 'overfit-region')).toHaveLength(0);
    expect(parts(el, 'stop-line')).toHaveLength(0);
    el.removeAttribute('no-annotations');
    await settle(el);
    expect(el.annotations).toBe(true);
    expect(parts(el, 'overfit-region')).toHaveLength(1);
    expect(parts(el, 'stop-line')).toHaveLength(1);
  });

  it('patience larger than the checks after the best: no onset, no stop, not overfitting', async () => {
    const el = await handMade({ patience: '6' });
    const a = el.analysis!;
    expect(a.options.patience).toBe(6);
    expect(a.best!.step).toBe(BEST_STEP);
    expect(a.onset).toBeNull();
    expect(a.stopStep).toBeNull();
    expect(a.state).toBe('ok');
    expect(parts(el, 'overfit-region')).toHaveLength(0);
    expect(parts(el, 'stop-line')).toHaveLength(0);
    expect(parts(el, 'best-marker')).toHaveLength(1);
  });

  it('patience equal to the checks after the best calls the onset; the default (5) does too', async () => {
    const five = await handMade({ patience: '5' });
    expect(five.analysis!.onset).toBe(ONSET);
    // Keras counts: epoch 8 is the fifth check without improvement.
    expect(five.analysis!.stopStep).toBe(8);
    const dflt = await handMade({});
    expect(dflt.patience).toBeNull();
    expect(dflt.analysis!.options.patience).toBe(5);
    expect(dflt.analysis!.onset).toBe(ONSET);
  });

  it('a patience attribute that is not a number falls back to the default', async () => {
    const el = await handMade({ patience: 'lots' });
    expect(el.patience).toBeNull();
    expect(el.analysis!.options.patience).toBe(5);
  });

  it('min-delta: improvements smaller than it do not count', async () => {
    // 0.85 and 0.7 beat 1 by less than 0.31: the best stays at epoch 1, the plain minimum stays at epoch 3.
    const el = await handMade({ patience: '2', 'min-delta': '0.31' });
    const a = el.analysis!;
    expect(el.minDelta).toBe(0.31);
    expect(a.best).toEqual({ step: 1, value: 1 });
    expect(a.argBest).toEqual({ step: 3, value: 0.7 });
    expect(a.stopStep).toBe(3);
    // The verdict reads the curve itself, not Keras's improvement rule: the onset is the lowest check, epoch 3.
    expect(a.onset).toBe(3);
    const v = lineVertices(el, 'validation-line');
    expect(num(part(el, 'best-marker'), 'cx')).toBeCloseTo(v[0][0], 1);
    expect(num(part(el, 'stop-line'), 'x1')).toBeCloseTo(v[2][0], 1);
    expect(num(part(el, 'overfit-region'), 'x')).toBeCloseTo(v[2][0], 1);
  });

  it('mode="max" reads the same numbers as higher-is-better', async () => {
    const el = await handMade({ patience: '2', mode: 'max' });
    const a = el.analysis!;
    expect(a.mode).toBe('max');
    expect(a.best).toEqual({ step: 1, value: 1 });
    // Training "got worse" (fell) in max mode, so the flat validation is a plateau, not overfitting.
    expect(a.onset).toBeNull();
    expect(a.state).toBe('plateau');
    // The gap is training minus validation.
    expect(a.gap.values[7]).toBeCloseTo(0.2 - 0.9, 10);
  });

  it('changing attributes after mount re-analyzes', async () => {
    const el = await handMade();
    expect(el.analysis!.state).toBe('overfitting');
    el.setAttribute('patience', '7');
    await settle(el);
    expect(el.analysis!.state).toBe('ok');
    el.setAttribute('min-delta', '0.31');
    el.setAttribute('patience', '2');
    await settle(el);
    expect(el.analysis!.best!.step).toBe(1);
  });
});

describe('<loss-curve> annotation labels do not overlap', () => {
  const check = async (props: Record<string, unknown>, attrs: Record<string, string> = {}, width = 600, height = 300) => {
    const el = await mount('loss-curve', props, { attrs, width, height });
    const boxes = labelBoxes(el);
    const svg = part(el, 'svg')!;
    const w = num(svg, 'width');
    const h = num(svg, 'height');
    for (const b of boxes) {
      expect(b.width, b.text).toBeGreaterThan(0);
      // Inside the SVG.
      expect(b.x, b.text).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, b.text).toBeLessThanOrEqual(w);
      expect(b.y, b.text).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, b.text).toBeLessThanOrEqual(h);
    }
    expect(overlappingLabels(el)).toEqual([]);
    return { el, boxes };
  };

  it('efficientnet_from_scratch at 800 × 400: best, overfitting and early-stop labels in full', async () => {
    const { el, boxes } = await check({ history: efficientnet }, {}, 800, 400);
    const overfit = `overfitting (${formatWorsening(el.analysis!)})`;
    expect(boxes.map((b) => b.text).sort()).toEqual(['EarlyStopping(patience=5)', 'best 3.256', overfit].sort());
  });

  it('efficientnet_from_scratch in a small chart: short texts, the stop label kept first', async () => {
    const { boxes } = await check({ history: efficientnet }, {}, 320, 200);
    const texts = boxes.map((b) => b.text);
    expect(texts).toContain('stop (p=5)');
    for (const t of texts) expect(t).toMatch(/^(stop \(p=5\)|best 3\.256|overfit [+]\d+ %)$/);
  });

  it('efficientnet_from_scratch at 600 × 300: the stop line splits the overfitting region, so its label is short', async () => {
    const { boxes } = await check({ history: efficientnet });
    expect(boxes.map((b) => b.text).sort()).toEqual(['EarlyStopping(patience=5)', 'best 3.256', 'overfit +30 %']);
  });

  it('California NaN run at 800 × 400: divergence, best and early-stop labels', async () => {
    const { boxes } = await check({ history: california }, {}, 800, 400);
    expect(boxes.map((b) => b.text).sort()).toEqual(['EarlyStopping(patience=5)', 'NaN at epoch 8', 'best 0.5255']);
  });

  it('California NaN run in a small chart: what fits, shortened', async () => {
    const { boxes } = await check({ history: california }, {}, 320, 200);
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) expect(['NaN', 'best 0.5255', 'stop (p=5)']).toContain(b.text);
  });

  it('two overfitting runs with nearby onsets: labels name their run', async () => {
    const { boxes } = await check({
      runs: [
        { name: 'efficientnet', history: efficientnet },
        { name: 'structured', history: structured },
      ],
    });
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    for (const b of boxes) expect(b.text).toMatch(/^((efficientnet|structured): )?(best|EarlyStopping|overfitting|overfit|mild|stop)/);
  });
});
