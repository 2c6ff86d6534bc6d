/**
 * Bad input never throws: what cannot be drawn is left out, with one console warning per cause and a note in the
 * element. Each test checks what is drawn, what is said, and that no error reaches the page.
 */
import { describe, expect, it } from 'vitest';
import californiaNan from '../../stories/data/keras-california_housing_sgd_nan.json';
import { resetWarnings, type LossCurve } from '../../src/index.js';
import {
  axisLabel,
  divergence,
  dotCenters,
  lineVertices,
  mount,
  part,
  partNames,
  press,
  settle,
  subpaths,
  svgSize,
  text,
  tickLabels,
  tickPos,
  ticks,
  tooltip,
  update,
  warningCounts,
  watchPage,
  pathData,
} from './helpers.js';

const page = watchPage();

/** Mounts with the given properties, checking that setting them does not throw. */
async function mountSafely(props: Record<string, unknown>, attrs: Record<string, string> = {}): Promise<LossCurve> {
  const el = await mount('loss-curve', {}, { attrs });
  expect(() => Object.assign(el, props)).not.toThrow();
  await settle(el);
  return el;
}

/** Normalizes the same data again and lays it out at another size: no warning may be repeated. */
async function redraw(el: LossCurve): Promise<void> {
  el.requestUpdate('train');
  el.requestUpdate('validation');
  el.requestUpdate('history');
  el.parentElement!.style.width = '520px';
  await expect.poll(() => svgSize(el)?.width ?? 520).toBe(520);
  await settle(el);
}

/** Exactly one warning per pattern, each written once, all from the element. */
function expectWarnings(...patterns: RegExp[]): void {
  const warnings = page.warnings;
  for (const [message, n] of warningCounts(warnings)) expect(n, `times written: ${message}`).toBe(1);
  for (const w of warnings) expect(w).toMatch(/^<loss-curve> /);
  for (const p of patterns)
    expect(
      warnings.filter((w) => p.test(w)),
      String(p),
    ).toHaveLength(1);
  expect(warnings).toHaveLength(patterns.length);
}

const divergenceText = (el: HTMLElement) => divergence(el)?.label;
const divergenceX = (el: HTMLElement) => divergence(el)?.x;

describe('<loss-curve> with NaN and infinite values', () => {
  it('a Keras history with NaN (null in JSON) from epoch 8: divergence marker, lines end at epoch 7', async () => {
    const el = await mountSafely({ history: californiaNan });
    expect(lineVertices(el, 'train-line')).toHaveLength(7);
    expect(lineVertices(el, 'validation-line')).toHaveLength(7);
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(1);
    expect(divergenceText(el)).toBe('NaN at epoch 8');
    expect(divergenceX(el)).toBeCloseTo(tickPos(el, 'x', '8'), 1);
    // The x axis still spans the 20 epochs the run printed.
    expect(tickLabels(el, 'x').at(-1)).toBe('20');
    // The y axis fits the finite values only (max 3.43).
    expect(Math.max(...tickLabels(el, 'y').map(Number))).toBe(4);
    expect(part(el, 'notice')).toBeNull();
    expect(part(el, 'message')).toBeNull();
    // NaN from the run reads "NaN" in the tooltip (unlike a missing value).
    for (let i = 0; i < 8; i++) await press(el, 'ArrowRight');
    expect(tooltip(el)).toEqual({
      title: 'Epoch 8',
      rows: { train: { name: 'training', value: 'NaN', note: '' }, validation: { name: 'validation', value: 'NaN', note: '' } },
    });
    await redraw(el);
    expectWarnings();
  });

  it('NaN in a plain array', async () => {
    const el = await mountSafely({ train: [1, 0.9, 0.7, NaN, NaN], validation: [1.2, 1, 0.9, 1, 1.1] });
    expect(divergenceText(el)).toBe('NaN at epoch 4');
    expect(divergenceX(el)).toBeCloseTo(tickPos(el, 'x', '4'), 1);
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expect(lineVertices(el, 'validation-line')).toHaveLength(5);
    await redraw(el);
    expectWarnings();
  });

  it('+Infinity: "∞" marker, and the y axis stays finite', async () => {
    const el = await mountSafely({ train: [1, 0.8, Infinity, 0.5] });
    expect(divergenceText(el)).toBe('∞ at epoch 3');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(2);
    // The lone point after the gap gets a dot.
    expect(dotCenters(part(el, 'train-markers')?.getAttribute('d'))).toHaveLength(1);
    for (const t of ticks(el, 'y')) expect(Number.isFinite(t.pos)).toBe(true);
    expect(tickLabels(el, 'y').at(-1)).toBe('1');
    await redraw(el);
    expectWarnings();
  });

  it('-Infinity: "−∞" marker', async () => {
    const el = await mountSafely({ train: [1, 0.8, 0.7, -Infinity] });
    expect(divergenceText(el)).toBe('−∞ at epoch 4');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expectWarnings();
  });

  it('the earliest divergence of either line is marked, in steps for step input', async () => {
    const el = await mountSafely({
      train: [100, 200, 300, 400].map((step, i) => ({ step, value: i < 3 ? 1 - i / 10 : NaN })),
      validation: [
        { step: 100, value: 1 },
        { step: 200, value: Infinity },
        { step: 400, value: 0.5 },
      ],
    });
    expect(divergenceText(el)).toBe('∞ at step 200');
    expect(divergenceX(el)).toBeCloseTo(tickPos(el, 'x', '200'), 1);
    expect(el.summary).toContain('The validation loss became infinite at step 200.');
    expectWarnings();
  });

  it('"nan" and "inf" strings (as CSV readers leave them) are divergence, not gaps', async () => {
    const el = await mountSafely({ train: ['1', '0.5', 'nan', 'inf'] });
    expect(divergenceText(el)).toBe('NaN at epoch 3');
    expect(lineVertices(el, 'train-line')).toHaveLength(2);
    expectWarnings(/train: 4 values given as strings, read as numbers\./);
  });

  it('all values NaN: a message instead of the chart', async () => {
    const el = await mountSafely({ train: [NaN, NaN, NaN] });
    expect(part(el, 'svg')).toBeNull();
    expect(text(part(el, 'message'))).toBe('No finite values: training loss is NaN from the first epoch.');
    expectWarnings();
  });
});

describe('<loss-curve> with missing values', () => {
  it('null and undefined holes break the line into segments', async () => {
    const el = await mountSafely({ train: [1, 0.9, null, 0.7, 0.6, undefined, 0.4, 0.3] });
    const d = pathData(part(el, 'train-line'));
    expect(subpaths(d)).toBe(3);
    const v = lineVertices(el, 'train-line');
    expect(v).toHaveLength(6);
    // The segments start at epochs 1, 4 and 7.
    const starts = [...d!.matchAll(/M\s*(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(starts[0]).toBeCloseTo(tickPos(el, 'x', '1'), 1);
    expect(starts[1]).toBeCloseTo(tickPos(el, 'x', '4'), 1);
    expect(starts[2]).toBeCloseTo(tickPos(el, 'x', '7'), 1);
    expect(part(el, 'train-markers')).toBeNull();
    expect(part(el, 'divergence-marker')).toBeNull();
    // A missing value reads "—", not NaN.
    await press(el, 'Home');
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    expect(tooltip(el)!.title).toBe('Epoch 3');
    expect(tooltip(el)!.rows.train.value).toBe('—');
    await redraw(el);
    expectWarnings(/train: 2 missing values \(null or undefined\), drawn as gaps\./);
  });

  it('points between two gaps are drawn as dots', async () => {
    const el = await mountSafely({ train: [1, null, 0.8, null, 0.6] });
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(3);
    const dots = dotCenters(part(el, 'train-markers')!.getAttribute('d'));
    expect(dots).toHaveLength(3);
    expect(dots.map(([x]) => x)).toEqual(['1', '3', '5'].map((l) => expect.closeTo(tickPos(el, 'x', l), 1)));
    expectWarnings(/train: 2 missing values/);
  });

  it('a null value in {step, value} points is a step where nothing was logged: left out, the line joins across it', async () => {
    const el = await mountSafely({
      train: [
        { step: 1, value: 1 },
        { step: 2, value: null },
        { step: 3, value: 0.5 },
        { step: 4, value: 0.4 },
      ],
    });
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(1);
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expectWarnings();
  });

  // Messages carry counts ("2 missing values", "3 missing values"): a live chart whose data keeps growing must
  // still warn once per cause, not once per count.
  it('a live series that keeps appending values with gaps warns once per cause', async () => {
    // Validation logged every other step into a plain array: null in between.
    const el = await mountSafely({ train: [1, 0.9, 0.8, 0.7, 0.6, 0.5], validation: [1.1, null] });
    for (let n = 3; n <= 6; n++) {
      await update(el, { validation: Array.from({ length: n * 2 }, (_, i) => (i % 2 ? null : 1.1 - i / 20)) });
    }
    expect(lineVertices(el, 'validation-line').length).toBeGreaterThan(0);
    expect(page.warnings.filter((w) => w.includes('validation') && w.includes('missing'))).toHaveLength(1);
  });

  // While training runs, train gets epoch n before validation does: "train has n epochs but validation has n - 1"
  // is one cause however n grows.
  it('a live run whose validation lags one epoch behind warns once about the lengths', async () => {
    const el = await mountSafely({ train: [1], validation: [] });
    for (let n = 2; n <= 6; n++) {
      const train = Array.from({ length: n }, (_, i) => 1 / (i + 1));
      await update(el, { train, validation: train.slice(0, n - 1).map((v) => v + 0.1) });
    }
    expect(lineVertices(el, 'train-line')).toHaveLength(6);
    expect(
      page.warnings.filter((w) => w.includes('but validation has')),
      page.warnings.join('\n'),
    ).toHaveLength(1);
  });
});

describe('<loss-curve> with a series that has nothing to draw', () => {
  it.each([
    ['[null, null, null]', [null, null, null], /validation: 3 missing values/],
    ["['a', 'b', 'c']", ['a', 'b', 'c'], /validation: 3 values not numbers/],
    ['{steps, values: [null, null, null]}', { steps: [1, 2, 3], values: [null, null, null] }, /validation: 3 missing values/],
  ])('validation = %s: the note under the chart says it is drawn without it; one console warning', async (_what, validation, warning) => {
    const el = await mountSafely({ train: [1, 0.8, 0.6], validation });
    const notice = part(el, 'notice');
    expect(notice).not.toBeNull();
    expect(text(notice)).toBe('validation loss: no numeric values; drawn without it.');
    expect(notice!.getBoundingClientRect().height).toBeGreaterThan(0);
    expect(getComputedStyle(notice!).visibility).toBe('visible');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expectWarnings(warning);
  });

  it('train = loss, validation = val_loss of a history that went through JSON: diverged at epoch 8, as with history', async () => {
    const el = await mountSafely({ train: californiaNan.loss, validation: californiaNan.val_loss });
    expect(divergenceText(el)).toBe('NaN at epoch 8');
    expect(el.analysis?.state).toBe('diverged');
    expect(part(el, 'notice')).toBeNull();
    expectWarnings();
  });
});

describe('<loss-curve> warnings per page', () => {
  it('two charts with the same problem warn once; after resetWarnings() it is warned again', async () => {
    await mountSafely({ train: [1, null, 0.5, 0.4] });
    await mountSafely({ train: [0.9, null, 0.6, 0.3] });
    expectWarnings(/train: 1 missing value/);
    resetWarnings();
    await mountSafely({ train: [1, null, 0.5, 0.4] });
    expect(page.warnings).toHaveLength(2);
    expect(page.warnings[1]).toBe(page.warnings[0]);
  });

  it('clean data after bad data writes nothing more', async () => {
    const el = await mountSafely({ train: [1, null, 0.5] });
    await update(el, { train: [1, 0.7, 0.5], validation: [1.1, 0.8, 0.6] });
    await update(el, { history: { loss: [1, 0.5], val_loss: [1.2, 0.7] }, train: null, validation: null });
    expect(lineVertices(el, 'train-line')).toHaveLength(2);
    expectWarnings(/train: 1 missing value/);
  });
});

describe('<loss-curve> with strings and other non-numbers', () => {
  it('numeric strings are read, other strings are gaps; one warning each', async () => {
    const el = await mountSafely({ train: ['1', '0.8', 'abc', '0.5'] });
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(2);
    expect(lineVertices(el, 'train-line')[0][1]).toBeCloseTo(tickPos(el, 'y', '1'), 1);
    await redraw(el);
    expectWarnings(/train: 3 values given as strings, read as numbers\./, /train: 1 value not a number, drawn as gaps\./);
  });

  it('booleans, objects and empty strings in an array are gaps', async () => {
    const el = await mountSafely({ train: [1, true, 0.8, {}, 0.6, '', 0.4] });
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
    expect(dotCenters(part(el, 'train-markers')!.getAttribute('d'))).toHaveLength(4);
    // An empty string is an empty cell (a missing value), the others are not numbers.
    expectWarnings(/train: 2 values not numbers, drawn as gaps\./, /train: 1 missing value/);
  });
});

describe('<loss-curve> with empty or tiny input', () => {
  it('nothing set: "No data yet." and no warning', async () => {
    const el = await mountSafely({});
    expect(text(part(el, 'message'))).toBe('No data yet.');
    expect(part(el, 'svg')).toBeNull();
    expect(part(el, 'notice')).toBeNull();
    expectWarnings();
  });

  it('empty arrays: message part, no SVG, no warning', async () => {
    const el = await mountSafely({ train: [], validation: [] });
    expect(text(part(el, 'message'))).toBe('No data yet.');
    expect(part(el, 'svg')).toBeNull();
    expect(part(el, 'message')!.getAttribute('role')).toBe('status');
    expectWarnings();
  });

  it('empty typed array and empty columns', async () => {
    const el = await mountSafely({ train: new Float32Array(0), validation: { steps: [], values: [] } });
    expect(text(part(el, 'message'))).toBe('No data yet.');
    expectWarnings();
  });

  it('an empty history names what it lacks', async () => {
    const el = await mountSafely({ history: {} });
    expect(text(part(el, 'message'))).toBe('history has no "loss" or "val_loss"; it is empty.');
    expectWarnings(/history has no "loss" or "val_loss"; it is empty\./);
  });

  it('a history without the metric lists the metrics it has', async () => {
    const el = await mountSafely({ history: { accuracy: [0.5, 0.6], val_accuracy: [0.4, 0.5] } });
    expect(text(part(el, 'message'))).toBe('history has no "loss" or "val_loss"; it has accuracy.');
    expectWarnings(/it has accuracy/);
  });

  it('a single point is a dot in train-markers / validation-markers', async () => {
    const el = await mountSafely({ train: [0.5], validation: [0.7] });
    const train = dotCenters(part(el, 'train-markers')!.getAttribute('d'));
    const validation = dotCenters(part(el, 'validation-markers')!.getAttribute('d'));
    expect(train).toHaveLength(1);
    expect(validation).toHaveLength(1);
    // Epoch 1, in the middle of the x axis, at the height of its value.
    expect(train[0][0]).toBeCloseTo(tickPos(el, 'x', '1'), 1);
    expect(train[0][1]).toBeCloseTo(tickPos(el, 'y', '0.5'), 1);
    expect(validation[0][1]).toBeCloseTo(tickPos(el, 'y', '0.7'), 1);
    expectWarnings();
  });

  it('a single {step, value} point', async () => {
    const el = await mountSafely({ train: [{ step: 1000, value: 0.25 }] });
    const dots = dotCenters(part(el, 'train-markers')!.getAttribute('d'));
    expect(dots).toHaveLength(1);
    expect(dots[0][0]).toBeCloseTo(tickPos(el, 'x', '1000'), 1);
    expect(axisLabel(el, 'x')).toBe('step');
    expectWarnings();
  });
});

describe('<loss-curve> with inconsistent steps', () => {
  it('train and validation of different lengths: each over its own epochs, one warning', async () => {
    const el = await mountSafely({ train: [1, 0.8, 0.7, 0.6, 0.5], validation: [1.1, 0.9, 0.85] });
    const train = lineVertices(el, 'train-line');
    const validation = lineVertices(el, 'validation-line');
    expect(train).toHaveLength(5);
    expect(validation).toHaveLength(3);
    expect(validation[2][0]).toBeCloseTo(train[2][0], 1);
    await redraw(el);
    expectWarnings(/train has 5 epochs but validation has 3; each is drawn over its own epochs\./);
  });

  it('columns of different lengths: the first min(n) are used', async () => {
    const el = await mountSafely({ train: { steps: [1, 2, 3, 4], values: [1, 0.5, 0.25] } });
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expectWarnings(/train: steps has 4 entries but values has 3; using the first 3\./);
  });

  it('unsorted and duplicate steps: sorted, the last value of a repeated step wins', async () => {
    const el = await mountSafely({
      train: [
        { step: 3, value: 0.3 },
        { step: 1, value: 1 },
        { step: 2, value: 0.5 },
        { step: 2, value: 0.4 },
      ],
    });
    const v = lineVertices(el, 'train-line');
    expect(v).toHaveLength(3);
    expect(v.map(([x]) => x)).toEqual(['1', '2', '3'].map((l) => expect.closeTo(tickPos(el, 'x', l), 1)));
    await press(el, 'Home');
    await press(el, 'ArrowRight');
    expect(tooltip(el)!.title).toBe('Step 2');
    expect(tooltip(el)!.rows.train.value).toBe('0.4');
    await redraw(el);
    expectWarnings(
      /train: steps were not in order; sorted\./,
      /train: 1 repeated step; the last value given for each step is used \(a missing one does not replace a value\)\./,
    );
  });

  it('points without a finite step are left out', async () => {
    const el = await mountSafely({
      train: [{ step: 1, value: 1 }, { step: NaN, value: 0.9 }, { step: null, value: 0.8 }, { step: 4, value: 0.5 }, 7],
    });
    expect(lineVertices(el, 'train-line')).toHaveLength(2);
    expectWarnings(/train: 3 points without a finite step, left out\./);
  });
});

describe('<loss-curve> with values a log axis cannot show', () => {
  it('zero and negative values under log-y: left out with a notice', async () => {
    const el = await mountSafely({ train: [1, 0.1, 0, -0.5, 0.01] }, { 'log-y': '' });
    expect(text(part(el, 'notice'))).toBe('log-y: 2 values ≤ 0 cannot be placed on a log axis and are not drawn.');
    expect(subpaths(pathData(part(el, 'train-line')))).toBe(2);
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expect(dotCenters(part(el, 'train-markers')!.getAttribute('d'))).toHaveLength(1);
    // Still logarithmic: 1, 0.1 and 0.01 one decade apart each.
    expect(tickLabels(el, 'y')).toEqual(expect.arrayContaining(['0.01', '0.1', '1']));
    const [a, b, c] = ['0.01', '0.1', '1'].map((l) => tickPos(el, 'y', l));
    expect(a - b).toBeCloseTo(b - c, 6);
    // The notice fits inside the element's box.
    expect(part(el, 'notice')!.getBoundingClientRect().bottom).toBeLessThanOrEqual(el.getBoundingClientRect().bottom + 0.5);
    await redraw(el);
    expectWarnings(/log-y: 2 values ≤ 0 cannot be placed on a log axis/);
  });

  it('no positive value under log-y: a linear axis and a notice', async () => {
    const el = await mountSafely({ train: [0, -1, -2] }, { 'log-y': '' });
    expect(text(part(el, 'notice'))).toBe('log-y: no value is above 0, so the y axis is linear.');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expect(tickLabels(el, 'y')).toEqual(['−2', '−1.5', '−1', '−0.5', '0']);
    expectWarnings(/log-y: no value is above 0/);
  });

  it('steps ≤ 0 under log-x: left out with a notice', async () => {
    const el = await mountSafely({ train: { steps: [0, 1, 10, 100], values: [1, 0.5, 0.3, 0.2] } }, { 'log-x': '' });
    expect(text(part(el, 'notice'))).toBe('log-x: 1 point at step ≤ 0 cannot be placed on a log axis and is not drawn.');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    expectWarnings(/log-x: 1 point at step ≤ 0/);
  });
});

describe('<loss-curve> with input of the wrong type', () => {
  for (const [value, what] of [
    ['abc', 'a string'],
    [42, 'a number'],
    [true, 'a boolean'],
    [{ foo: 1 }, 'an object'],
    [() => [1, 2], 'a function'],
  ] as const) {
    it(`train = ${typeof value === 'function' ? 'a function' : JSON.stringify(value)}: a message, no throw`, async () => {
      const el = await mountSafely({ train: value });
      const expected = `train: expected an array of numbers, an array of {step, value} points or {steps, values}; got ${what}.`;
      expect(text(part(el, 'message'))).toBe(expected);
      expect(part(el, 'svg')).toBeNull();
      await redraw(el);
      expectWarnings(new RegExp(`got ${what}\\.$`));
    });
  }

  it('a wrong train next to a good validation: the chart is drawn, with a notice', async () => {
    const el = await mountSafely({ train: 'abc', validation: [1, 0.9, 0.8] });
    expect(part(el, 'message')).toBeNull();
    expect(lineVertices(el, 'validation-line')).toHaveLength(3);
    expect(part(el, 'train-line')).toBeNull();
    expect(text(part(el, 'notice'))).toContain('train: expected an array of numbers');
    expectWarnings(/train: expected an array/);
  });

  it('history that is not a dict', async () => {
    for (const history of ['abc', 7, [1, 2, 3]]) {
      const el = await mountSafely({ history });
      expect(text(part(el, 'message'))).toBe('history: expected a Keras history object such as {loss: [...], val_loss: [...]}.');
    }
    expectWarnings(/history: expected a Keras history object/);
  });

  it('an object whose getter throws is caught: a message and one warning, nothing reaches the page', async () => {
    const hostile = {
      get steps(): number[] {
        throw new Error('boom');
      },
      values: [1, 2],
    };
    const el = await mountSafely({ train: hostile });
    expect(text(part(el, 'message'))).toBe('train: could not be read (boom).');
    expectWarnings(/train: could not be read \(boom\)/);
  });

  it('smoothing and mode that are not what they should be are ignored', async () => {
    const el = await mountSafely({ train: [1, 0.5, 0.8, 0.3], smoothing: 'lots', mode: 'sideways' });
    expect(part(el, 'train-raw-line')).toBeNull();
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
    expect(page.errors).toEqual([]);
  });

  it('good data after bad data: the message and notice go away', async () => {
    const el = await mountSafely({ train: 42 });
    expect(part(el, 'message')).not.toBeNull();
    await update(el, { train: [1, 0.5, 0.25] });
    expect(part(el, 'message')).toBeNull();
    expect(part(el, 'notice')).toBeNull();
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
    await update(el, { train: null });
    expect(text(part(el, 'message'))).toBe('No data yet.');
  });
});

describe('<loss-curve> with markup in its text', () => {
  const EVIL = '<img src=x onerror=alert(1)>';

  it('label, metric, x-label and y-label are rendered as text', async () => {
    const el = await mountSafely({ train: [1, 0.5], validation: [1.2, 0.8] }, { label: EVIL, 'x-label': EVIL, 'y-label': EVIL, metric: EVIL });
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe(EVIL);
    expect(axisLabel(el, 'x')).toBe(EVIL);
    expect(axisLabel(el, 'y')).toBe(EVIL);
    expect(part(el, 'svg')!.querySelector('title')!.textContent).toBe(EVIL);
    expect(el.shadowRoot!.querySelector('#summary')!.textContent).toContain(`${EVIL}: ${EVIL} over 2 epochs.`);
    expectWarnings();
  });

  it('a metric with markup, as the default y label and title', async () => {
    const el = await mountSafely({ train: [1, 0.5] }, { metric: EVIL });
    expect(axisLabel(el, 'y')).toBe(EVIL);
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe(`${EVIL} curves`);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
  });

  it('a metric with markup that the history lacks: the message shows it as text', async () => {
    const el = await mountSafely({ history: { loss: [1, 0.5] } }, { metric: EVIL });
    expect(text(part(el, 'message'))).toBe(`history has no "${EVIL}" or "val_${EVIL}"; it has loss.`);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expectWarnings(/history has no/);
  });

  it('markup in string values is a gap, not markup', async () => {
    const el = await mountSafely({ train: [1, EVIL, 0.5, 0.4] });
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(partNames(el)).toContain('train-line');
    expectWarnings(/train: 1 value not a number, drawn as gaps\./);
  });
});
