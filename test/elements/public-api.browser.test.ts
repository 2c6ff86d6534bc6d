/**
 * The public API both elements share: the `run-toggle` event, typed events, one element type per part name in every
 * state, the gap chart's own options and texts.
 */
import { describe, expect, it } from 'vitest';
import type { LossCurve, OverfitEventDetail, OverfitGap, RunToggleEventDetail, ZoomEventDetail } from '../../src/index.js';
import { mount, parts, settle, watchPage } from './helpers.js';

watchPage();

const N = 40;
const train = Array.from({ length: N }, (_, i) => 1 / (1 + i / 8));
const validation = Array.from({ length: N }, (_, i) => 1.1 / (1 + i / 10) + (i > 20 ? 0.02 * (i - 20) : 0));
const runs = [
  { name: 'a', train, validation },
  { name: 'b', train: train.map((v) => v * 0.9), validation: validation.map((v) => v * 0.95) },
];

/** Every `run-toggle` event an element fires. */
function toggles(el: LossCurve | OverfitGap): RunToggleEventDetail[] {
  const seen: RunToggleEventDetail[] = [];
  (el as LossCurve).addEventListener('run-toggle', (e) => seen.push(e.detail));
  return seen;
}

describe('run-toggle', () => {
  for (const tag of ['loss-curve', 'overfit-gap']) {
    it(`<${tag}>: a legend click fires it with the run's name, index and new visibility; it bubbles out of the shadow root`, async () => {
      const el = await mount<LossCurve>(tag, { runs });
      const seen = toggles(el);
      const outside: Event[] = [];
      const listener = (e: Event) => outside.push(e);
      document.addEventListener('run-toggle', listener);
      const buttons = parts(el, 'legend-item').filter((n) => n.localName === 'button') as unknown as HTMLButtonElement[];
      buttons[1].click();
      await settle(el);
      buttons[1].click();
      await settle(el);
      document.removeEventListener('run-toggle', listener);
      expect(seen).toEqual([
        { run: 'b', index: 1, visible: false },
        { run: 'b', index: 1, visible: true },
      ]);
      expect(outside).toHaveLength(2);
      expect(outside[0].composed).toBe(true);
    });
  }

  it('toggleRun fires it only when the run changes state; unknown runs fire nothing', async () => {
    const el = await mount<LossCurve>('loss-curve', { runs });
    const seen = toggles(el);
    el.toggleRun('a', true);
    el.toggleRun('a', false);
    el.toggleRun('a', false);
    el.toggleRun(0);
    el.toggleRun('nope');
    el.toggleRun(5);
    await settle(el);
    expect(seen).toEqual([
      { run: 'a', index: 0, visible: false },
      { run: 'a', index: 0, visible: true },
    ]);
  });
});

describe('typed events', () => {
  it("the element classes type their events' details; other elements do not know them", async () => {
    const el = await mount<LossCurve>('loss-curve', { train, validation });
    const gap = await mount<OverfitGap>('overfit-gap', { train, validation });
    const details: Array<OverfitEventDetail | ZoomEventDetail | RunToggleEventDetail> = [];
    // Compile-time checks (tsc runs on the tests): each listener's `detail` has its event's type.
    el.addEventListener('overfit', (e) => details.push(e.detail satisfies OverfitEventDetail));
    el.addEventListener('zoom', (e) => details.push(e.detail satisfies ZoomEventDetail));
    gap.addEventListener('run-toggle', (e) => details.push(e.detail satisfies RunToggleEventDetail));
    // @ts-expect-error: a plain element's events are plain Events (no global augmentation).
    document.body.addEventListener('zoom', (e) => e.detail);
    el.xDomain = null;
    el.dispatchEvent(new CustomEvent('zoom', { detail: { xDomain: [1, 2] } }));
    expect(details).toEqual([{ xDomain: [1, 2] }]);
  });
});

/** The element type (local name) of each part name in an element's shadow root, over several states. */
function partTypes(into: Map<string, Set<string>>, el: HTMLElement): void {
  for (const node of el.shadowRoot!.querySelectorAll('[part]')) {
    for (const name of (node.getAttribute('part') ?? '').split(/\s+/)) {
      if (!name) continue;
      if (!into.has(name)) into.set(name, new Set());
      into.get(name)!.add(node.localName);
    }
  }
}

describe('one element type per part name', () => {
  it('<overfit-gap>: full and compact, with a threshold, an onset, runs and a message', async () => {
    const types = new Map<string, Set<string>>();
    for (const compact of [false, true]) {
      const attrs: Record<string, string> = { threshold: '0.1', ...(compact ? { compact: '' } : {}) };
      partTypes(types, await mount('overfit-gap', { train, validation }, { attrs }));
      partTypes(types, await mount('overfit-gap', { runs }, { attrs }));
      partTypes(types, await mount('overfit-gap', { train }, { attrs }));
    }
    for (const name of ['threshold', 'threshold-line', 'overfit-marker', 'overfit-dot', 'gap-line', 'svg', 'message', 'badge-message']) {
      expect(types.has(name), name).toBe(true);
    }
    expect(types.get('legend-item')).toEqual(new Set(['button']));
    expect(types.get('legend-entry')).toEqual(new Set(['span']));
    const mixed = [...types].filter(([, t]) => t.size > 1).map(([name, t]) => `${name}: ${[...t].join(', ')}`);
    expect(mixed).toEqual([]);
    expect([...types.keys()].filter((n) => n.startsWith('onset'))).toEqual([]);
  });

  it('<loss-curve>: with annotations, runs and a message', async () => {
    const types = new Map<string, Set<string>>();
    partTypes(types, await mount('loss-curve', { train, validation }, { attrs: { patience: '2' } }));
    partTypes(types, await mount('loss-curve', { runs }));
    partTypes(types, await mount('loss-curve', {}));
    // The run buttons of a comparison and the line names of a single run are two parts, each one element type.
    expect(types.get('legend-item')).toEqual(new Set(['button']));
    expect(types.get('legend-entry')).toEqual(new Set(['span']));
    expect([...types].filter(([, t]) => t.size > 1)).toEqual([]);
    expect(types.get('overfit-region')).toEqual(new Set(['rect']));
  });

  it("<overfit-gap>'s onset label is overfit-label, as in <loss-curve>", async () => {
    const el = await mount('overfit-gap', { train, validation }, { attrs: { patience: '2' } });
    expect(parts(el, 'overfit-label')).toHaveLength(1);
    expect(parts(el, 'overfit-marker')).toHaveLength(1);
  });
});

describe('<overfit-gap> options and texts', () => {
  it('has no logY or smoothing (they belong to <loss-curve>), and log-y does nothing to it', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train, validation }, { attrs: { 'log-y': '' } });
    expect('logY' in el).toBe(false);
    expect('smoothing' in el).toBe(false);
    expect(el.summary).not.toMatch(/not drawn/);
    const curve = await mount<LossCurve>('loss-curve', { train, validation }, { attrs: { 'log-y': '' } });
    expect(curve.logY).toBe(true);
  });

  it('after an unreadable history, its title and summary are the gap chart’s own', async () => {
    for (const history of ['not a history', { loss: 'x' }, 42]) {
      const el = await mount<OverfitGap>('overfit-gap', { history });
      expect(el.summary).toMatch(/^Loss generalization gap\. /);
      expect(el.summary).not.toMatch(/Loss curves/);
      expect(el.shadowRoot!.querySelector('[part="chart"]')!.getAttribute('aria-label')).toBe('Loss generalization gap');
    }
  });

  it('its default title and y label follow the metric and mode, and a label of the page’s own replaces the title', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { history: { accuracy: train.map((v) => 1 - v), val_accuracy: validation.map((v) => 1 - v) } });
    el.metric = 'accuracy';
    await settle(el);
    const title = () => el.shadowRoot!.querySelector('[part="chart"]')!.getAttribute('aria-label');
    const yLabel = () => el.shadowRoot!.querySelector('[part="y-axis"] .axis-label')!.textContent!.trim();
    expect(title()).toBe('Accuracy generalization gap');
    expect(yLabel()).toBe('accuracy gap (train − val)');
    await settle(Object.assign(el, { label: 'Fine-tuning' }));
    expect(title()).toBe('Fine-tuning');
    await settle(Object.assign(el, { label: '  ' }));
    expect(title()).toBe('Accuracy generalization gap');
  });

  it('training alone says the gap needs validation; appended validation points draw the gap and keep its title', async () => {
    const el = await mount<OverfitGap>('overfit-gap', { train });
    expect(parts(el, 'message').map((m) => m.textContent!.trim())).toEqual(['The gap needs both training and validation values.']);
    el.appendPoints(null, { steps: [1, 2, 3], values: [1.1, 0.9, 0.8] });
    await settle(el);
    expect(parts(el, 'message')).toEqual([]);
    expect(parts(el, 'gap-line')).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('[part="chart"]')!.getAttribute('aria-label')).toBe('Loss generalization gap');
    expect(el.summary).toMatch(/^Loss generalization gap\. /);
  });
});

describe('a text change re-renders text only', () => {
  const prepared = (el: HTMLElement) => (el as unknown as { prepared: { version: number; lines: unknown[] } }).prepared;

  for (const tag of ['loss-curve', 'overfit-gap']) {
    it(`<${tag}>: label, yLabel and xLabel keep the prepared data, its version and every <path> node`, async () => {
      const el = await mount<LossCurve>(tag, { train, validation }, { attrs: { patience: '2' } });
      const before = prepared(el);
      const version = before.version;
      const paths = [...el.shadowRoot!.querySelectorAll('path')];
      expect(paths.length).toBeGreaterThan(2);
      const ds = paths.map((p) => p.getAttribute('d'));
      await settle(Object.assign(el, { label: 'A new title' }));
      await settle(Object.assign(el, { yLabel: 'a new y label', xLabel: 'a new x label' }));
      expect(prepared(el)).toBe(before);
      expect(prepared(el).version).toBe(version);
      expect(el.shadowRoot!.querySelector('[part="chart"]')!.getAttribute('aria-label')).toBe('A new title');
      const after = [...el.shadowRoot!.querySelectorAll('path')];
      expect(after).toHaveLength(paths.length);
      after.forEach((p, i) => {
        expect(p, `path ${i}`).toBe(paths[i]);
        expect(p.getAttribute('d')).toBe(ds[i]);
      });
    });
  }

  it('<loss-curve>: appended points stay through a label and a patience change', async () => {
    const el = await mount<LossCurve>('loss-curve', { train: train.slice(0, 30), validation: validation.slice(0, 30) });
    el.appendPoints(train.slice(30), validation.slice(30));
    await settle(el);
    await settle(Object.assign(el, { label: 'live', patience: 3 }));
    expect(el.summary).toMatch(/40/);
    expect(el.analysis!.best).toEqual(analysisBest(40));
  });
});

/** The best validation point of the first n epochs (the minimum, since validation has one). */
function analysisBest(n: number): { step: number; value: number } {
  let best = 0;
  for (let i = 1; i < n; i++) if (validation[i] < validation[best]) best = i;
  return { step: best + 1, value: validation[best] };
}
