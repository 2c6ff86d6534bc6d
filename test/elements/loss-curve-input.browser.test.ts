/** Every input form `<loss-curve>` accepts, and what each draws. */
import { describe, expect, it } from 'vitest';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import { axisLabel, lineVertices, mount, part, partNames, press, tickLabels, tickPos, tooltip, update, watchPage, pathData } from './helpers.js';

const page = watchPage();

const TRAIN = [1, 0.8, 0.6, 0.5];
const VALIDATION = [1.1, 0.9, 0.8, 0.85];

/** Checks that the vertices sit at the x of their step's tick and in the order of their values. */
function expectAtSteps(v: Array<[number, number]>, xs: number[]): void {
  expect(v.map(([x]) => x)).toHaveLength(xs.length);
  v.forEach(([x], i) => expect(x).toBeCloseTo(xs[i], 1));
}

describe('<loss-curve> input forms', () => {
  it('plain arrays: one vertex per epoch, epochs 1..n on x, "epoch" and "loss" as axis labels', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const train = lineVertices(el, 'train-line');
    const validation = lineVertices(el, 'validation-line');
    expect(train).toHaveLength(4);
    expect(validation).toHaveLength(4);
    expect(tickLabels(el, 'x')).toEqual(['1', '2', '3', '4']);
    expectAtSteps(
      train,
      ['1', '2', '3', '4'].map((l) => tickPos(el, 'x', l)),
    );
    expectAtSteps(
      validation,
      ['1', '2', '3', '4'].map((l) => tickPos(el, 'x', l)),
    );
    // y ticks cover the data, and values sit on their tick: 1 (train epoch 1), 0.5 (train epoch 4), 0.8 (validation epoch 3).
    expect(tickLabels(el, 'y')).toEqual(['0.5', '0.6', '0.7', '0.8', '0.9', '1', '1.1']);
    expect(train[0][1]).toBeCloseTo(tickPos(el, 'y', '1'), 1);
    expect(train[3][1]).toBeCloseTo(tickPos(el, 'y', '0.5'), 1);
    expect(validation[2][1]).toBeCloseTo(tickPos(el, 'y', '0.8'), 1);
    expect(validation[0][1]).toBeCloseTo(tickPos(el, 'y', '1.1'), 1);
    expect(axisLabel(el, 'x')).toBe('epoch');
    expect(axisLabel(el, 'y')).toBe('loss');
    expect(page.warnings).toEqual([]);
  });

  it('renders every always-present part for a basic chart', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const names = partNames(el);
    for (const name of ['base', 'legend', 'legend-entry', 'chart', 'svg', 'train-line', 'validation-line', 'x-axis', 'y-axis', 'grid', 'tooltip']) {
      expect(names, name).toContain(name);
    }
    // Nothing is wrong with the data: no message, notice, divergence or raw lines.
    for (const name of ['message', 'notice', 'divergence-marker', 'train-raw-line', 'validation-raw-line', 'crosshair']) {
      expect(names, name).not.toContain(name);
    }
    expect(part(el, 'tooltip')!.hidden).toBe(true);
    const legend = [...el.shadowRoot!.querySelectorAll('[part="legend-entry"]')].map((n) => n.textContent!.trim());
    expect(legend).toEqual(['training', 'validation']);
    // One grid line per tick of each axis.
    expect(part(el, 'grid')!.querySelectorAll('line')).toHaveLength(tickLabels(el, 'x').length + tickLabels(el, 'y').length);
  });

  it('train only: no validation line and a single legend entry', async () => {
    const el = await mount('loss-curve', { train: TRAIN });
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
    expect(part(el, 'validation-line')).toBeNull();
    expect(el.shadowRoot!.querySelectorAll('[part="legend-entry"]')).toHaveLength(1);
    expect(page.warnings).toEqual([]);
  });

  it('validation only', async () => {
    const el = await mount('loss-curve', { validation: VALIDATION });
    expect(part(el, 'train-line')).toBeNull();
    expect(lineVertices(el, 'validation-line')).toHaveLength(4);
    expect(page.warnings).toEqual([]);
  });

  it('Float32Array and Float64Array are plain epoch series', async () => {
    const el = await mount('loss-curve', {
      train: Float32Array.from([2, 1.5, 1.25, 1.125, 1]),
      validation: Float64Array.from([2.5, 2, 1.75, 1.5, 1.5]),
    });
    const train = lineVertices(el, 'train-line');
    expect(train).toHaveLength(5);
    expect(lineVertices(el, 'validation-line')).toHaveLength(5);
    expect(tickLabels(el, 'x')).toEqual(['1', '2', '3', '4', '5']);
    expect(train[0][1]).toBeCloseTo(tickPos(el, 'y', '2'), 1);
    expect(train[4][1]).toBeCloseTo(tickPos(el, 'y', '1'), 1);
    expect(axisLabel(el, 'x')).toBe('epoch');
    expect(page.warnings).toEqual([]);
  });

  it('{step, value} points: x is the step, labeled "step"', async () => {
    const el = await mount('loss-curve', {
      train: [0, 100, 200, 300, 400, 500].map((step, i) => ({ step, value: 1 / (i + 1) })),
      validation: [
        { step: 250, value: 0.6 },
        { step: 500, value: 0.4 },
      ],
    });
    const train = lineVertices(el, 'train-line');
    const validation = lineVertices(el, 'validation-line');
    expect(train).toHaveLength(6);
    expect(validation).toHaveLength(2);
    expect(axisLabel(el, 'x')).toBe('step');
    expect(tickLabels(el, 'x')).toEqual(['0', '100', '200', '300', '400', '500']);
    expectAtSteps(
      train,
      ['0', '100', '200', '300', '400', '500'].map((l) => tickPos(el, 'x', l)),
    );
    // Step 250 is halfway between the ticks 200 and 300.
    expectAtSteps(validation, [(tickPos(el, 'x', '200') + tickPos(el, 'x', '300')) / 2, tickPos(el, 'x', '500')]);
    // The tooltip speaks of steps.
    await press(el, 'Home');
    expect(tooltip(el)!.title).toBe('Step 0');
    expect(page.warnings).toEqual([]);
  });

  it('columnar {steps, values}, with typed-array columns', async () => {
    const el = await mount('loss-curve', {
      train: { steps: Int32Array.from([10, 20, 30, 40]), values: Float32Array.from([0.5, 0.25, 0.125, 0.0625]) },
      validation: { steps: [20, 40], values: [0.3, 0.2] },
    });
    const train = lineVertices(el, 'train-line');
    expect(train).toHaveLength(4);
    expect(lineVertices(el, 'validation-line')).toHaveLength(2);
    expect(axisLabel(el, 'x')).toBe('step');
    expectAtSteps(
      train,
      ['10', '20', '30', '40'].map((l) => tickPos(el, 'x', l)),
    );
    expect(page.warnings).toEqual([]);
  });

  it('a Keras history dict: loss and val_loss by default', async () => {
    const el = await mount('loss-curve', { history: efficientnet });
    expect(lineVertices(el, 'train-line')).toHaveLength(40);
    expect(lineVertices(el, 'validation-line')).toHaveLength(40);
    expect(axisLabel(el, 'x')).toBe('epoch');
    expect(axisLabel(el, 'y')).toBe('loss');
    expect(tickLabels(el, 'x').at(-1)).toBe('40');
    await press(el, 'End');
    expect(tooltip(el)).toEqual({
      title: 'Epoch 40',
      rows: {
        train: { name: 'training', value: '1.135', note: '' },
        validation: { name: 'validation', value: '4.222', note: '' },
      },
    });
    expect(page.warnings).toEqual([]);
  });

  it('a History-like object {history: {...}} draws the same as its dict', async () => {
    const dict = await mount('loss-curve', { history: efficientnet });
    const wrapped = await mount('loss-curve', { history: { history: efficientnet, epoch: [...efficientnet.loss.keys()] } });
    expect(pathData(part(wrapped, 'train-line'))).toBe(pathData(part(dict, 'train-line')));
    expect(pathData(part(wrapped, 'validation-line'))).toBe(pathData(part(dict, 'validation-line')));
    expect(lineVertices(wrapped, 'train-line')).toHaveLength(40);
    expect(page.warnings).toEqual([]);
  });

  it('metric="accuracy" (attribute) plots accuracy and val_accuracy, with "accuracy" as y label', async () => {
    const el = await mount('loss-curve', { history: efficientnet }, { attrs: { metric: 'accuracy' } });
    expect(el.metric).toBe('accuracy');
    const train = lineVertices(el, 'train-line');
    expect(train).toHaveLength(40);
    expect(axisLabel(el, 'y')).toBe('accuracy');
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Accuracy curves');
    // Accuracy is at most 0.67 here, loss at least 1.13: the y ticks are those of accuracy.
    expect(Math.max(...tickLabels(el, 'y').map(Number))).toBeLessThan(1);
    await press(el, 'End');
    expect(tooltip(el)!.rows.train.value).toBe('0.6618');
    expect(tooltip(el)!.rows.validation.value).toBe('0.2374');
    expect(page.warnings).toEqual([]);
  });

  it('changing metric re-reads the history', async () => {
    const el = await mount('loss-curve', { history: efficientnet });
    const lossPath = pathData(part(el, 'train-line'));
    el.setAttribute('metric', 'accuracy');
    await update(el, {});
    expect(pathData(part(el, 'train-line'))).not.toBe(lossPath);
    expect(axisLabel(el, 'y')).toBe('accuracy');
  });

  it('train and validation take precedence over history', async () => {
    const el = await mount('loss-curve', { history: efficientnet, train: TRAIN });
    expect(lineVertices(el, 'train-line')).toHaveLength(4);
    expect(part(el, 'validation-line')).toBeNull();
  });

  it('x-label and y-label attributes override the defaults', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { 'x-label': 'iteration', 'y-label': 'cross-entropy' } });
    expect(axisLabel(el, 'x')).toBe('iteration');
    expect(axisLabel(el, 'y')).toBe('cross-entropy');
  });

  it('replacing the data with a new array redraws', async () => {
    const el = await mount('loss-curve', { train: TRAIN });
    await update(el, { train: [...TRAIN, 0.45, 0.4] });
    expect(lineVertices(el, 'train-line')).toHaveLength(6);
    expect(tickLabels(el, 'x')).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it("a mutated array is redrawn after requestUpdate('train')", async () => {
    const data = [...TRAIN];
    const el = await mount('loss-curve', { train: data });
    data.push(0.45);
    el.requestUpdate('train');
    await update(el, {});
    expect(lineVertices(el, 'train-line')).toHaveLength(5);
  });

  // The class documentation says: "after changing an array in place, assign a new one (or call `requestUpdate()`)".
  it('a mutated array is redrawn after a bare requestUpdate(), as documented', async () => {
    const data = [...TRAIN];
    const el = await mount('loss-curve', { train: data });
    data.push(0.45);
    el.requestUpdate();
    await update(el, {});
    expect(lineVertices(el, 'train-line')).toHaveLength(5);
  });

  it('mixed forms: epoch-indexed train with step-indexed validation is labeled "step"', async () => {
    const el = await mount('loss-curve', { train: [1, 0.5, 0.25], validation: [{ step: 2, value: 0.6 }] });
    expect(axisLabel(el, 'x')).toBe('step');
    expect(lineVertices(el, 'train-line')).toHaveLength(3);
  });
});
