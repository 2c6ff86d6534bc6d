/** Keyboard and pointer crosshair of `<loss-curve>`: where it stops, what the tooltip and the live region say. */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { announcement, crosshairX, lineVertices, mount, part, pointAt, press, settle, tickPos, tooltip, update, watchPage } from './helpers.js';

const page = watchPage();

const TRAIN = [1, 0.8, 0.6, 0.5];
const VALIDATION = [1.1, 0.9, 0.8, 0.85];

const basic = () => mount('loss-curve', { train: TRAIN, validation: VALIDATION });

/** The tooltip and announcement expected at an epoch of the basic data. */
const at = (epoch: number) => ({
  title: `Epoch ${epoch}`,
  rows: {
    train: { name: 'training', value: String(TRAIN[epoch - 1]), note: '' },
    validation: { name: 'validation', value: String(VALIDATION[epoch - 1]), note: '' },
  },
});
const said = (epoch: number) => `Epoch ${epoch}: training ${TRAIN[epoch - 1]}, validation ${VALIDATION[epoch - 1]}`;

describe('<loss-curve> keyboard crosshair', () => {
  it('the chart part is focusable with Tab', async () => {
    const el = await basic();
    const chart = part(el, 'chart')!;
    expect(chart.getAttribute('tabindex')).toBe('0');
    expect(chart.tabIndex).toBe(0);
    await userEvent.tab();
    expect(document.activeElement).toBe(el);
    expect(el.shadowRoot!.activeElement).toBe(chart);
  });

  it('is hidden until a key moves it', async () => {
    const el = await basic();
    expect(crosshairX(el)).toBeNull();
    expect(tooltip(el)).toBeNull();
    expect(announcement(el)).toBe('');
  });

  it('ArrowRight, ArrowLeft, Home and End move it; tooltip and live region follow', async () => {
    const el = await basic();
    part(el, 'chart')!.focus();
    const xs = lineVertices(el, 'train-line').map(([x]) => x);
    const steps: Array<[string, number]> = [
      ['ArrowRight', 1], // from hidden: the first epoch
      ['ArrowRight', 2],
      ['ArrowRight', 3],
      ['ArrowLeft', 2],
      ['End', 4],
      ['ArrowRight', 4], // stays at the end
      ['Home', 1],
      ['ArrowLeft', 1], // stays at the start
    ];
    for (const [key, epoch] of steps) {
      await userEvent.keyboard(`{${key}}`);
      await settle(el);
      expect(crosshairX(el), `${key} -> epoch ${epoch}`).toBeCloseTo(xs[epoch - 1], 1);
      expect(crosshairX(el)).toBeCloseTo(tickPos(el, 'x', String(epoch)), 1);
      expect(tooltip(el), key).toEqual(at(epoch));
      expect(announcement(el), key).toBe(said(epoch));
    }
  });

  it('ArrowLeft from hidden starts at the last epoch', async () => {
    const el = await basic();
    await press(el, 'ArrowLeft');
    expect(tooltip(el)).toEqual(at(4));
    expect(announcement(el)).toBe(said(4));
  });

  it('the crosshair has a dot on each line at the current values', async () => {
    const el = await basic();
    await press(el, 'End');
    const dots = [...part(el, 'crosshair')!.querySelectorAll('circle')];
    expect(dots).toHaveLength(2);
    expect(dots[0].classList.contains('train')).toBe(true);
    expect(dots[1].classList.contains('validation')).toBe(true);
    const [tx, ty] = lineVertices(el, 'train-line')[3];
    const [vx, vy] = lineVertices(el, 'validation-line')[3];
    expect(Number(dots[0].getAttribute('cx'))).toBeCloseTo(tx, 1);
    expect(Number(dots[0].getAttribute('cy'))).toBeCloseTo(ty, 1);
    expect(Number(dots[1].getAttribute('cx'))).toBeCloseTo(vx, 1);
    expect(Number(dots[1].getAttribute('cy'))).toBeCloseTo(vy, 1);
  });

  it('Escape hides the crosshair and the tooltip', async () => {
    const el = await basic();
    await press(el, 'Home');
    expect(part(el, 'crosshair')).not.toBeNull();
    const event = await press(el, 'Escape');
    expect(event.defaultPrevented).toBe(true);
    expect(part(el, 'crosshair')).toBeNull();
    expect(crosshairX(el)).toBeNull();
    expect(tooltip(el)).toBeNull();
    expect(part(el, 'tooltip')!.hidden).toBe(true);
  });

  it('keys it does not handle are left alone (Tab still leaves the chart)', async () => {
    const el = await basic();
    const tab = await press(el, 'Tab');
    expect(tab.defaultPrevented).toBe(false);
    const a = await press(el, 'a');
    expect(a.defaultPrevented).toBe(false);
    expect(crosshairX(el)).toBeNull();
    const right = await press(el, 'ArrowRight');
    expect(right.defaultPrevented).toBe(true);
  });

  it('Shift+Arrow and PageUp/PageDown move by a tenth of the epochs', async () => {
    const train = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
    const el = await mount('loss-curve', { train });
    await press(el, 'Home');
    await press(el, 'ArrowRight', { shiftKey: true });
    expect(tooltip(el)!.title).toBe('Epoch 4');
    await press(el, 'PageUp');
    expect(tooltip(el)!.title).toBe('Epoch 7');
    await press(el, 'PageDown');
    await press(el, 'ArrowLeft', { shiftKey: true });
    expect(tooltip(el)!.title).toBe('Epoch 1');
  });

  it('leaving the chart (blur) hides the crosshair', async () => {
    const el = await basic();
    const chart = part(el, 'chart')!;
    chart.focus();
    await press(el, 'Home');
    expect(tooltip(el)).not.toBeNull();
    chart.blur();
    await settle(el);
    expect(tooltip(el)).toBeNull();
  });

  it('the tooltip moves to the left of the crosshair in the right half', async () => {
    const el = await basic();
    await press(el, 'Home');
    expect(part(el, 'tooltip')!.style.left).not.toBe('');
    await press(el, 'End');
    const tip = part(el, 'tooltip')!;
    expect(tip.style.left).toBe('');
    expect(tip.getBoundingClientRect().right).toBeLessThanOrEqual(part(el, 'chart')!.getBoundingClientRect().left + crosshairX(el)!);
  });

  it('with smoothing, the tooltip shows the smoothed value and the raw one', async () => {
    const el = await mount('loss-curve', { train: [1, 0.5, 0.9, 0.4], smoothing: 0.5 });
    await press(el, 'ArrowRight');
    await press(el, 'ArrowRight');
    // Debiased EMA, w = 0.5: (0.5 * 1 * 0.5 + 0.5 * 0.5) / (1 - 0.25) = 0.6667.
    expect(tooltip(el)!.rows.train).toEqual({ name: 'training', value: '0.6667', note: '(raw 0.5)' });
    expect(announcement(el)).toBe('Epoch 2: training 0.6667');
  });

  it('lines logged at other steps show their nearest value and where it is from', async () => {
    const el = await mount('loss-curve', {
      train: [0, 100, 200, 300].map((step) => ({ step, value: 1 - step / 1000 })),
      validation: [
        { step: 150, value: 0.95 },
        { step: 300, value: 0.8 },
      ],
    });
    await press(el, 'Home');
    await press(el, 'ArrowRight');
    expect(tooltip(el)).toEqual({
      title: 'Step 100',
      rows: {
        train: { name: 'training', value: '0.9', note: '' },
        validation: { name: 'validation', value: '0.95', note: '(at step 150)' },
      },
    });
    // The crosshair stops at every step of either line: 0, 100, 150, 200, 300.
    await press(el, 'ArrowRight');
    expect(tooltip(el)!.title).toBe('Step 150');
    expect(tooltip(el)!.rows.train.note).toBe('(at step 100)');
  });

  it('a shorter data set moves a crosshair past its end away', async () => {
    const el = await basic();
    await press(el, 'End');
    await update(el, { train: [1, 0.9], validation: [1.1, 1] });
    expect(crosshairX(el)).toBeNull();
    expect(tooltip(el)).toBeNull();
    await press(el, 'End');
    expect(tooltip(el)!.title).toBe('Epoch 2');
  });

  it('keys do nothing when there is nothing to draw', async () => {
    const el = await mount('loss-curve', { train: [] });
    const event = await press(el, 'ArrowRight');
    expect(event.defaultPrevented).toBe(false);
    expect(announcement(el)).toBe('');
    expect(page.errors).toEqual([]);
  });
});

describe('<loss-curve> pointer crosshair', () => {
  it('pointermove at an epoch x shows that epoch', async () => {
    const el = await basic();
    const xs = lineVertices(el, 'train-line').map(([x]) => x);
    await pointAt(el, xs[2]);
    expect(tooltip(el)).toEqual(at(3));
    expect(crosshairX(el)).toBeCloseTo(xs[2], 1);
    // The live region is for keyboard moves only.
    expect(announcement(el)).toBe('');
  });

  it('snaps to the nearest epoch', async () => {
    const el = await basic();
    const xs = lineVertices(el, 'train-line').map(([x]) => x);
    await pointAt(el, xs[0] + (xs[1] - xs[0]) * 0.4);
    expect(tooltip(el)!.title).toBe('Epoch 1');
    await pointAt(el, xs[0] + (xs[1] - xs[0]) * 0.6);
    expect(tooltip(el)!.title).toBe('Epoch 2');
  });

  it('outside the plot clamps to the first or last epoch', async () => {
    const el = await basic();
    await pointAt(el, 2);
    expect(tooltip(el)!.title).toBe('Epoch 1');
    await pointAt(el, 599);
    expect(tooltip(el)!.title).toBe('Epoch 4');
  });

  it('pointerdown (touch) shows it too, pointerleave hides it', async () => {
    const el = await basic();
    const xs = lineVertices(el, 'train-line').map(([x]) => x);
    await pointAt(el, xs[1], 'pointerdown');
    expect(tooltip(el)).toEqual(at(2));
    part(el, 'chart')!.dispatchEvent(new PointerEvent('pointerleave'));
    await settle(el);
    expect(tooltip(el)).toBeNull();
    expect(part(el, 'crosshair')).toBeNull();
  });

  it('a real mouse hover over the chart shows the nearest epoch', async () => {
    const el = await basic();
    const chart = part(el, 'chart')!;
    const xs = lineVertices(el, 'train-line').map(([x]) => x);
    // The mouse goes to the chart's center, x = 300: epoch 2 (x ≈ 229) is nearer than epoch 3 (x ≈ 405).
    await userEvent.hover(chart);
    await settle(el);
    expect(tooltip(el)!.title).toBe('Epoch 2');
    expect(crosshairX(el)).toBeCloseTo(xs[1], 1);
    await userEvent.unhover(chart);
    await settle(el);
    expect(tooltip(el)).toBeNull();
  });

  it('a pointer over a log-x chart maps through the log scale', async () => {
    const el = await mount('loss-curve', { train: { steps: [1, 10, 100, 1000], values: [1, 0.5, 0.25, 0.125] } }, { attrs: { 'log-x': '' } });
    await pointAt(el, tickPos(el, 'x', '100') - 2);
    expect(tooltip(el)!.title).toBe('Step 100');
  });
});

describe('<loss-curve> crosshair on a log-x axis', () => {
  // Under log-x, a point at step ≤ 0 is left out of the drawing (with a notice); the crosshair must not stop there.
  it('the keyboard stops only at steps the axis can show', async () => {
    const el = await mount('loss-curve', { train: { steps: [0, 1, 10, 100], values: [1, 0.5, 0.3, 0.2] } }, { attrs: { 'log-x': '' } });
    await press(el, 'Home');
    expect(tooltip(el)!.title).toBe('Step 1');
    expect(crosshairX(el)).toBeCloseTo(tickPos(el, 'x', '1'), 1);
    expect(part(el, 'tooltip')!.getAttribute('style')).not.toContain('NaN');
  });
});
