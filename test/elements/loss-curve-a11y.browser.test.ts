/** What `<loss-curve>` gives assistive technology: a name, a text summary, a live region and a focus ring. */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import californiaNan from '../../stories/data/keras-california_housing_sgd_nan.json';
import { announcement, mount, part, press, rgb, settle, text, update, watchPage } from './helpers.js';

const page = watchPage();

const TRAIN = [1, 0.8, 0.6, 0.5];
const VALIDATION = [1.1, 0.9, 0.8, 0.85];

const summaryText = (el: HTMLElement) => text(el.shadowRoot!.getElementById('summary'));

/** "Final training 0.5, validation 0.85." (the metric may follow each line's name). */
const finals = (metric: string, train: string, validation: string) =>
  new RegExp(`Final training (${metric} )?${train.replace('.', '\\.')}, validation (${metric} )?${validation.replace('.', '\\.')}\\.`);

describe('<loss-curve> accessible name and structure', () => {
  it('the chart is a focusable figure named "Loss curves" by default', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const chart = part(el, 'chart')!;
    expect(chart.getAttribute('role')).toBe('figure');
    expect(chart.getAttribute('aria-label')).toBe('Loss curves');
    expect(chart.tabIndex).toBe(0);
    expect(part(el, 'svg')!.querySelector('title')!.textContent).toBe('Loss curves');
  });

  it('the label attribute names the chart, and changing it renames it', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { label: 'ResNet-50 on CIFAR-10' } });
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('ResNet-50 on CIFAR-10');
    el.setAttribute('label', 'Run 2');
    await settle(el);
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Run 2');
    expect(summaryText(el)).toMatch(/^Run 2: loss over 4 epochs\./);
    el.removeAttribute('label');
    await settle(el);
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Loss curves');
  });

  it('a blank label falls back to the default name', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { label: '   ' } });
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Loss curves');
  });

  it('the default name follows the metric', async () => {
    const el = await mount('loss-curve', { history: efficientnet }, { attrs: { metric: 'accuracy' } });
    expect(part(el, 'chart')!.getAttribute('aria-label')).toBe('Accuracy curves');
  });

  it('is described by the summary in its own shadow root', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const chart = part(el, 'chart')!;
    const id = chart.getAttribute('aria-describedby')!;
    expect(id).toBe('summary');
    const summary = el.shadowRoot!.getElementById(id)!;
    expect(summary).not.toBeNull();
    // Visually hidden but in the accessibility tree (not display:none or visibility:hidden).
    const style = getComputedStyle(summary);
    expect(style.display).not.toBe('none');
    expect(style.visibility).toBe('visible');
    expect(summary.getBoundingClientRect().width).toBeLessThanOrEqual(1);
  });

  it('drawings that repeat the summary are hidden from assistive technology', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    expect(part(el, 'svg')!.getAttribute('aria-hidden')).toBe('true');
    expect(part(el, 'tooltip')!.getAttribute('aria-hidden')).toBe('true');
    expect(part(el, 'legend')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('has one polite live region, empty until a key moves the crosshair', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const live = el.shadowRoot!.querySelectorAll('[aria-live]');
    expect(live).toHaveLength(1);
    expect(live[0].getAttribute('aria-live')).toBe('polite');
    expect(live[0].getAttribute('role')).toBe('status');
    expect(announcement(el)).toBe('');
    await press(el, 'End');
    expect(announcement(el)).toBe('Epoch 4: training 0.5, validation 0.85');
  });

  it('shows a focus ring in the focus color when focused from the keyboard', async () => {
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { theme: 'light' } });
    await userEvent.tab();
    const chart = part(el, 'chart')!;
    expect(el.shadowRoot!.activeElement).toBe(chart);
    expect(chart.matches(':focus-visible')).toBe(true);
    expect(getComputedStyle(chart).boxShadow).toContain(rgb('#2563eb'));
  });
});

describe('<loss-curve> summary', () => {
  it('names the metric, the number of epochs, the final values and the best validation value and its epoch', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    const summary = summaryText(el);
    expect(summary).toMatch(/^Loss curves: loss over 4 epochs\./);
    expect(summary).toMatch(finals('loss', '0.5', '0.85'));
    expect(summary).toContain('Best validation loss 0.8 at epoch 3.');
    expect(summary).toContain('Use the arrow keys to read values.');
    expect(summary.startsWith(el.summary)).toBe(true);
    expect(page.warnings).toEqual([]);
  });

  it('of a real Keras run (40 epochs, best validation loss 3.2558 at epoch 26)', async () => {
    const el = await mount('loss-curve', { history: efficientnet });
    const summary = summaryText(el);
    expect(summary).toMatch(/^Loss curves: loss over 40 epochs\./);
    expect(summary).toMatch(finals('loss', '1.135', '4.222'));
    expect(summary).toContain('Best validation loss 3.256 at epoch 26.');
  });

  it('for accuracy, the best validation value is the highest', async () => {
    const el = await mount('loss-curve', { history: efficientnet }, { attrs: { metric: 'accuracy' } });
    const best = Math.max(...efficientnet.val_accuracy);
    const epoch = efficientnet.val_accuracy.indexOf(best) + 1;
    expect([best, epoch]).toEqual([0.2513, 34]);
    const summary = summaryText(el);
    expect(summary).toMatch(/^Accuracy curves: accuracy over 40 epochs\./);
    expect(summary).toContain('Best validation accuracy 0.2513 at epoch 34.');
  });

  it('mode="max" on a loss-named metric picks the highest', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION }, { attrs: { mode: 'max' } });
    expect(summaryText(el)).toContain('Best validation loss 1.1 at epoch 1.');
  });

  it('speaks of steps for step-indexed input', async () => {
    const el = await mount('loss-curve', {
      train: [0, 100, 200, 300].map((step) => ({ step, value: 1 - step / 1000 })),
      validation: [
        { step: 150, value: 0.95 },
        { step: 300, value: 0.8 },
      ],
    });
    const summary = summaryText(el);
    // The five logged steps, or their range 0 to 300.
    expect(summary).toMatch(/^Loss curves: loss over (5 steps|steps 0 to 300)\./);
    expect(summary).toMatch(finals('loss', '0.7', '0.8'));
    expect(summary).toContain('Best validation loss 0.8 at step 300.');
  });

  it('says where a run diverged', async () => {
    const el = await mount('loss-curve', { history: californiaNan });
    const summary = summaryText(el);
    expect(summary).toMatch(/^Loss curves: loss over 20 epochs\./);
    expect(summary).toContain('The training loss became NaN at epoch 8.');
    expect(summary).toContain('Best validation loss 0.5255 at epoch 1.');
  });

  it('says why there is no chart', async () => {
    const el = await mount('loss-curve', { train: [] });
    expect(summaryText(el)).toBe('Loss curves. No data yet.');
    const wrong = await mount('loss-curve', { train: 'abc' });
    expect(summaryText(wrong)).toMatch(/^Loss curves\. train: expected an array of numbers/);
  });

  it('follows the data', async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    await update(el, { validation: [1.1, 0.9, 0.8, 0.7, 0.75], train: [...TRAIN, 0.45] });
    expect(summaryText(el)).toContain('loss over 5 epochs.');
    expect(summaryText(el)).toContain('Best validation loss 0.7 at epoch 4.');
  });
});
