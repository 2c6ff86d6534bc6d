/**
 * The CSS parts and custom properties named in the class documentation of `<loss-curve>` are real: each part is
 * rendered in some configuration, and each custom property is read by the element's styles and changes what it
 * documents, with the documented defaults.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import source from '../../src/elements/loss-curve/loss-curve.ts?raw';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import californiaNan from '../../stories/data/keras-california_housing_sgd_nan.json';
import { LossCurve } from '../../src/index.js';
import { mount, part, partNames, parts, press, rgb, settle, watchPage } from './helpers.js';

watchPage();

/** The JSDoc block right before `export class LossCurve` (line comments may come between), without the leading ` * `. */
function classDoc(): string {
  const match = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:\/\/[^\n]*\n\s*)*export class LossCurve\b/.exec(source);
  if (!match) throw new Error('no JSDoc before export class LossCurve');
  return match[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
}

interface DocPart {
  name: string;
  description: string;
}
interface DocProp {
  name: string;
  /** Default in the light theme, as written. */
  light: string | null;
  /** Default in the dark theme, when the description gives one. */
  dark: string | null;
  description: string;
}

const doc = classDoc();
const docParts: DocPart[] = [...doc.matchAll(/^@csspart\s+([\w-]+)\s*-?\s*(.*)$/gm)].map((m) => ({ name: m[1], description: m[2] }));
const docProps: DocProp[] = [...doc.matchAll(/^@cssprop\s+\[?(--[\w-]+)(?:=([^\]]*))?\]?\s*-?\s*(.*)$/gm)].map((m) => ({
  name: m[1],
  light: m[2]?.trim() ?? null,
  dark: /\(dark theme ([^)]+)\)/.exec(m[3])?.[1].trim() ?? null,
  description: m[3],
}));

const TRAIN = [1, 0.8, 0.6, 0.5];
const VALIDATION = [1.1, 0.9, 0.8, 0.85];
const noisy = [1, 0.6, 0.9, 0.5, 0.8, 0.4, 0.7, 0.35, 0.6, 0.3];

/** Configurations that between them should show every part. */
const configs: Record<string, () => Promise<LossCurve>> = {
  basic: () => mount('loss-curve', { train: TRAIN, validation: VALIDATION }),
  smoothing: () => mount('loss-curve', { train: noisy, validation: noisy.map((v) => v + 0.1), smoothing: 0.6 }),
  divergence: () => mount('loss-curve', { history: californiaNan }),
  'few points': () => mount('loss-curve', { train: [1, null, 0.8, null, 0.6], validation: [1.1, 0.9, 0.85] }),
  'single point': () => mount('loss-curve', { train: [0.5], validation: [0.7] }),
  'hovered crosshair': async () => {
    const el = await mount('loss-curve', { train: TRAIN, validation: VALIDATION });
    await press(el, 'Home');
    return el;
  },
  empty: () => mount('loss-curve', { train: [] }),
  'log-y with zeros': () => mount('loss-curve', { train: [1, 0.1, 0, 0.01], validation: [1.2, 0.3, 0.1, 0.05] }, { attrs: { 'log-y': '' } }),
  overfitting: () => mount('loss-curve', { history: efficientnet }),
  zoomed: async () => {
    const el = await mount('loss-curve', { train: noisy, validation: noisy.map((v) => v + 0.1), xDomain: [2, 6] });
    return el;
  },
  'dragging to zoom': async () => {
    const el = await mount('loss-curve', { train: noisy, validation: noisy.map((v) => v + 0.1) });
    const chart = el.shadowRoot!.querySelector<HTMLElement>('[part~="chart"]')!;
    const box = chart.getBoundingClientRect();
    const at = (type: string, x: number) =>
      chart.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerType: 'mouse', button: 0, clientX: box.left + x, clientY: box.top + 50 }));
    at('pointerdown', 120);
    at('pointermove', 260);
    await el.updateComplete;
    return el;
  },
  // A decaying run with one spike to 10: the y range leaves it out and marks it (clipped-marker).
  outliers: () => mount('loss-curve', { train: Array.from({ length: 60 }, (_, i) => (i === 30 ? 10 : 0.1 + 0.5 * Math.exp(-i / 20))) }),
  'compared runs': () =>
    mount('loss-curve', {
      runs: Array.from({ length: 8 }, (_, i) => ({ name: `run ${i + 1}`, train: TRAIN.map((v) => v + i / 10), validation: VALIDATION.map((v) => v + i / 10) })),
    }),
};

/** The parts each configuration renders. */
const rendered = new Map<string, Set<string>>();

describe('the class documentation of <loss-curve>', () => {
  it('can be read from the source', () => {
    expect(docParts.length).toBeGreaterThanOrEqual(20);
    expect(docProps.length).toBeGreaterThanOrEqual(15);
    for (const name of ['svg', 'train-line', 'validation-line', 'x-axis', 'y-axis', 'grid', 'legend', 'tooltip', 'message', 'notice']) {
      expect(docParts.map((p) => p.name)).toContain(name);
    }
    expect(docProps.find((p) => p.name === '--tc-train-color')).toEqual(expect.objectContaining({ light: '#2563eb', dark: '#60a5fa' }));
  });
});

describe('every documented CSS part', () => {
  beforeAll(async () => {
    for (const [name, make] of Object.entries(configs)) {
      const el = await make();
      rendered.set(name, partNames(el));
      el.parentElement!.remove();
    }
  });

  for (const { name } of docParts) {
    it(`part "${name}" is rendered in some configuration`, () => {
      const where = [...rendered].filter(([, names]) => names.has(name)).map(([config]) => config);
      expect(where, `configurations rendering part "${name}"`).not.toEqual([]);
    });
  }

  it('every rendered part is documented', () => {
    const documented = new Set(docParts.map((p) => p.name));
    // Names a part's description introduces in backticks ("each also has `best-label`") count as documented.
    for (const p of docParts) for (const m of p.description.matchAll(/`([\w-]+)`/g)) documented.add(m[1]);
    const all = new Set([...rendered.values()].flatMap((s) => [...s]));
    expect([...all].filter((n) => !documented.has(n))).toEqual([]);
  });
});

/** Every rule's text of the element's styles, as the browser parsed them. */
function styleText(el: HTMLElement): string {
  const sheets = el.shadowRoot!.adoptedStyleSheets;
  if (sheets.length) return sheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n');
  return [...el.shadowRoot!.querySelectorAll('style')].map((s) => s.textContent).join('\n');
}

describe('every documented custom property', () => {
  it('the element adopts its static styles', async () => {
    const el = await mount('loss-curve', { train: TRAIN });
    const declared = (LossCurve.styles as unknown as Array<{ cssText: string }>).map((s) => s.cssText).join('\n');
    expect(declared).toContain('var(--tc-train-color');
    expect(styleText(el)).toContain('var(--tc-train-color');
    // The tests run the styles as the builds ship them: without comments and indentation.
    for (const sheet of LossCurve.styles as unknown as Array<{ cssText: string }>) expect(sheet.cssText).not.toMatch(/\/\*|\n/);
  });

  for (const { name } of docProps) {
    it(`${name} is read by the element's styles`, async () => {
      const el = await mount('loss-curve', { train: TRAIN });
      expect(styleText(el)).toMatch(new RegExp(`var\\(\\s*${name}\\s*[,)]`));
    });
  }
});

/** Where to look for a custom property's effect: configuration, element and CSS property. */
interface Effect {
  config: keyof typeof configs;
  target: (el: LossCurve) => Element | null;
  css: string;
  /** A value to set, and what getComputedStyle reads back. */
  set: string;
  read?: string;
}

const q = (selector: string) => (el: LossCurve) => el.shadowRoot!.querySelector(selector);
const color = (config: keyof typeof configs, target: (el: LossCurve) => Element | null, css: string): Effect => ({
  config,
  target,
  css,
  set: 'rgb(1, 2, 3)',
});

const EFFECTS: Record<string, Effect> = {
  '--tc-train-color': color('basic', q('[part~="train-line"]'), 'stroke'),
  '--tc-validation-color': color('basic', q('[part~="validation-line"]'), 'stroke'),
  '--tc-line-width': { config: 'basic', target: q('[part~="train-line"]'), css: 'stroke-width', set: '7px' },
  '--tc-font-family': { config: 'basic', target: q('[part~="x-axis"] text'), css: 'font-family', set: 'monospace' },
  '--tc-font-size': { config: 'basic', target: q('[part~="x-axis"] text'), css: 'font-size', set: '17px' },
  '--tc-text-color': color('basic', q('[part~="x-axis"] .axis-label'), 'fill'),
  '--tc-muted-color': color('basic', q('[part~="x-axis"] text:not(.axis-label)'), 'fill'),
  '--tc-grid-color': color('basic', q('[part~="grid"] line:not(.minor)'), 'stroke'),
  '--tc-axis-color': color('basic', q('[part~="x-axis"] line'), 'stroke'),
  '--tc-background': color('basic', (el) => el, 'background-color'),
  '--tc-tooltip-background': color('hovered crosshair', q('[part~="tooltip"]'), 'background-color'),
  '--tc-tooltip-border-color': color('hovered crosshair', q('[part~="tooltip"]'), 'border-top-color'),
  '--tc-warning-color': color('log-y with zeros', q('[part~="notice"]'), 'color'),
  '--tc-annotation-color': color(
    'divergence',
    (el) => {
      const marker = part(el, 'divergence-marker');
      return marker?.localName === 'line' ? marker : (marker?.querySelector('line') ?? null);
    },
    'stroke',
  ),
  '--tc-best-color': color('overfitting', q('[part~="best-marker"]'), 'stroke'),
  '--tc-caution-color': color(
    'overfitting',
    (el) => {
      // The region of mild overfitting is tinted in the caution color.
      const region = part(el, 'overfit-region');
      region?.setAttribute('data-severity', 'mild');
      return region;
    },
    'fill',
  ),
};
for (let i = 1; i <= 8; i++) {
  EFFECTS[`--tc-run-${i}-color`] = color('compared runs', (el) => parts(el, 'validation-line')[i - 1] ?? null, 'stroke');
}

/** The computed value of a documented default: colors as rgb(), lengths as is. */
function expected(value: string): string {
  if (/^#[0-9a-f]{6}$/i.test(value)) return rgb(value);
  if (value === 'transparent') return 'rgba(0, 0, 0, 0)';
  return value;
}

const families = (list: string) => list.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));

describe('every documented custom property has the documented effect and defaults', () => {
  for (const prop of docProps) {
    const effect = EFFECTS[prop.name];
    if (!effect) continue;
    it(`${prop.name}: ${effect.css} of the ${effect.config} chart`, async () => {
      const el = await configs[effect.config]();
      el.setAttribute('theme', 'light');
      await settle(el);
      const target = effect.target(el);
      expect(target, `${prop.name} target in the ${effect.config} chart`).not.toBeNull();
      const read = () => getComputedStyle(target!).getPropertyValue(effect.css);

      if (prop.light !== null) {
        if (prop.name === '--tc-font-family') {
          // The documented default abbreviates the stack: its first and last families are the real ones.
          const real = families(read());
          const documented = families(prop.light);
          expect(real[0]).toBe(documented[0]);
          expect(real.at(-1)).toBe(documented.at(-1));
        } else {
          expect(read(), `${prop.name} light default`).toBe(expected(prop.light));
        }
      }
      if (prop.dark !== null) {
        el.setAttribute('theme', 'dark');
        await settle(el);
        expect(read(), `${prop.name} dark default`).toBe(expected(prop.dark));
        el.setAttribute('theme', 'light');
        await settle(el);
      }

      el.style.setProperty(prop.name, effect.set);
      expect(read(), `${prop.name} set to ${effect.set}`).toBe(effect.read ?? effect.set);
      // A value set on the element holds in the dark theme too.
      el.setAttribute('theme', 'dark');
      await settle(el);
      expect(read()).toBe(effect.read ?? effect.set);
    });
  }

  it('--tc-focus-color: the focus ring, light and dark defaults, and an override', async () => {
    const prop = docProps.find((p) => p.name === '--tc-focus-color');
    expect(prop).toBeDefined();
    const el = await mount('loss-curve', { train: TRAIN }, { attrs: { theme: 'light' } });
    await userEvent.tab();
    const chart = part(el, 'chart')!;
    expect(chart.matches(':focus-visible')).toBe(true);
    expect(getComputedStyle(chart).boxShadow).toContain(expected(prop!.light!));
    el.setAttribute('theme', 'dark');
    await settle(el);
    expect(getComputedStyle(chart).boxShadow).toContain(expected(prop!.dark!));
    el.style.setProperty('--tc-focus-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(chart).boxShadow).toContain('rgb(1, 2, 3)');
  });

  it('every documented color, size or font property has an effect check above', () => {
    const unchecked = docProps.map((p) => p.name).filter((n) => !EFFECTS[n] && n !== '--tc-focus-color');
    expect(unchecked).toEqual([]);
  });
});
