/**
 * Contrast of what `<loss-curve>` draws, measured from computed styles (WCAG 2.x relative luminance) in both themes:
 * label text at least 4.5:1 against the background and against the overfitting region over it, curves and markers at
 * least 3:1, every run color of a comparison good for both, the region itself visibly distinct (1.3:1 or more when
 * clear or severe), runs told apart in forced colors, and a legend that leaves the plot most of the height.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import type { LossCurve } from '../../src/index.js';
import { mount, part, parts, rgb, settle, watchPage } from './helpers.js';

watchPage();

type RGBA = [number, number, number, number];

/** A computed color (`rgb(…)` or `rgba(…)`) as [r, g, b, alpha]. */
function parseColor(value: string): RGBA {
  const m = /rgba?\(([^)]+)\)/.exec(value);
  if (!m) throw new Error(`not a computed color: ${value}`);
  const [r, g, b, a = 1] = m[1]
    .split(/[,\s/]+/)
    .filter(Boolean)
    .map(Number);
  return [r, g, b, a];
}

const luminance = ([r, g, b]: RGBA) => {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

/** WCAG contrast ratio of two opaque colors. */
function contrast(a: RGBA, b: RGBA): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** `color` at `opacity` (times its own alpha) composited over the opaque `under`, as the browser blends (in sRGB). */
const over = (color: RGBA, opacity: number, under: RGBA): RGBA =>
  [0, 1, 2].map((i) => color[i] * opacity * color[3] + under[i] * (1 - opacity * color[3])).concat(1) as RGBA;

const style = (n: Element) => getComputedStyle(n);

/** The color behind the chart: the halo every annotation label is painted on, which must be opaque. */
function background(el: HTMLElement): RGBA {
  const halo = parseColor(style(part(el, 'annotation-label')!).stroke);
  expect(halo[3], 'the label halo is opaque').toBe(1);
  return halo;
}

/** The overfitting region of a single run with the given severity, composited over the background. */
async function regionOver(el: HTMLElement, severity: 'mild' | 'clear' | 'severe', bg: RGBA): Promise<RGBA> {
  const region = part(el, 'overfit-region')!;
  region.setAttribute('data-severity', severity);
  const s = style(region);
  return over(parseColor(s.fill), Number(s.fillOpacity), bg);
}

const THEMES = [
  ['light', '#ffffff'],
  ['dark', '#111827'],
] as const;
const SEVERITIES = ['mild', 'clear', 'severe'] as const;

/** Mounts on a page of the theme's default background. */
async function mountThemed(theme: string, page: string, props: Record<string, unknown>, size = { width: 600, height: 300 }) {
  const el = await mount<LossCurve>('loss-curve', props, { ...size, attrs: { theme } });
  el.parentElement!.style.background = page;
  return el;
}

describe('contrast of a single run', () => {
  for (const [theme, page] of THEMES) {
    it(`${theme}: the label halo is the page's default background`, async () => {
      const el = await mountThemed(theme, page, { history: efficientnet });
      expect(background(el)).toEqual(parseColor(rgb(page)));
    });

    it(`${theme}: every annotation label is 4.5:1 or more against the background and the region of any severity`, async () => {
      const el = await mountThemed(theme, page, { history: efficientnet });
      const bg = background(el);
      const labels = parts(el, 'annotation-label');
      expect(labels.map((l) => l.getAttribute('part')).join(' ')).toMatch(/best-label/);
      expect(labels.map((l) => l.getAttribute('part')).join(' ')).toMatch(/stop-label/);
      for (const severity of SEVERITIES) {
        const region = await regionOver(el, severity, bg);
        for (const label of labels) {
          const fill = parseColor(style(label).fill);
          const what = `${label.getAttribute('part')} "${label.textContent}"`;
          expect(contrast(fill, bg), `${what} on the background`).toBeGreaterThanOrEqual(4.5);
          expect(contrast(fill, region), `${what} on the ${severity} region`).toBeGreaterThanOrEqual(4.5);
        }
      }
    });

    it(`${theme}: curves and markers are 3:1 or more against the background and the region of any severity`, async () => {
      const el = await mountThemed(theme, page, { history: efficientnet });
      const bg = background(el);
      const strokes: Array<[string, RGBA]> = [
        ['train-line', parseColor(style(part(el, 'train-line')!).stroke)],
        ['validation-line', parseColor(style(part(el, 'validation-line')!).stroke)],
        ['best-marker', parseColor(style(part(el, 'best-marker')!).stroke)],
        ['stop-line', parseColor(style(part(el, 'stop-line')!).stroke)],
      ];
      for (const severity of SEVERITIES) {
        const region = await regionOver(el, severity, bg);
        for (const [what, color] of strokes) {
          expect(contrast(color, bg), `${what} on the background`).toBeGreaterThanOrEqual(3);
          expect(contrast(color, region), `${what} on the ${severity} region`).toBeGreaterThanOrEqual(3);
        }
      }
    });

    it(`${theme}: the overfitting region is visibly distinct, and stronger with severity`, async () => {
      const el = await mountThemed(theme, page, { history: efficientnet });
      const bg = background(el);
      const ratio: Record<string, number> = {};
      for (const severity of SEVERITIES) ratio[severity] = contrast(await regionOver(el, severity, bg), bg);
      expect(ratio.mild).toBeGreaterThanOrEqual(1.15);
      expect(ratio.clear).toBeGreaterThanOrEqual(1.3);
      expect(ratio.severe).toBeGreaterThanOrEqual(ratio.clear);
      expect(ratio.clear).toBeGreaterThan(ratio.mild);
      // Mild is a caution, not the alarm: another hue than clear.
      const region = part(el, 'overfit-region')!;
      region.setAttribute('data-severity', 'mild');
      const mild = style(region).fill;
      region.setAttribute('data-severity', 'clear');
      expect(style(region).fill).not.toBe(mild);
      // Severe is outlined as well.
      region.setAttribute('data-severity', 'severe');
      expect(style(region).stroke).not.toBe('none');
    });
  }

  it('the region of the divergence run, and its label, in the dark theme', async () => {
    const el = await mountThemed('dark', '#111827', { train: [1, 0.8, NaN, 0.5], validation: [1.1, 0.9, 0.8, 0.85] });
    const bg = parseColor(rgb('#111827'));
    const marker = part(el, 'divergence-marker')!;
    const line = marker.localName === 'line' ? marker : marker.querySelector('line')!;
    expect(contrast(parseColor(style(line).stroke), bg)).toBeGreaterThanOrEqual(3);
  });
});

/** Eight runs, each overfitting from a different epoch. */
const eightRuns = (count = 8) =>
  Array.from({ length: count }, (_, k) => ({
    name: `run ${k + 1}`,
    train: Array.from({ length: 30 }, (_, i) => 2 / (1 + i * (0.1 + k * 0.01))),
    validation: Array.from({ length: 30 }, (_, i) => 2 / (1 + i * 0.12) + 0.2 + Math.max(0, i - 8 - k) * 0.02),
  }));

describe('contrast of compared runs', () => {
  for (const [theme, page] of THEMES) {
    it(`${theme}: each of the 8 run colors is 4.5:1 or more against the background (label text and lines), and all differ`, async () => {
      const el = await mountThemed(theme, page, { runs: eightRuns() });
      const bg = parseColor(rgb(page));
      const lines = parts(el, 'validation-line');
      expect(lines).toHaveLength(8);
      const colors = lines.map((l) => style(l).stroke);
      expect(new Set(colors).size).toBe(8);
      for (const [k, c] of colors.entries()) expect(contrast(parseColor(c), bg), `run ${k + 1} ${c}`).toBeGreaterThanOrEqual(4.5);
      // Training lines and the run's labels are in the same color.
      for (const [k, l] of parts(el, 'train-line').entries()) expect(style(l).stroke).toBe(colors[k]);
      const labels = parts(el, 'annotation-label');
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) {
        expect(contrast(parseColor(style(label).fill), background(el)), label.textContent!).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`${theme}: each run's overfitting region is hatched in its own color at its own angle, never blended`, async () => {
      const el = await mountThemed(theme, page, { runs: eightRuns(4) });
      const regions = parts(el, 'overfit-region');
      expect(regions).toHaveLength(4);
      const angles = new Set<string>();
      for (const region of regions) {
        const run = /run-(\d)/.exec(region.getAttribute('class')!)![1];
        const id = /url\(["']?[^#]*#([\w-]+)["']?\)/.exec(style(region).fill)?.[1];
        expect(id, `region of run ${run} is filled with a pattern`).toBe(`overfit-hatch-${run}`);
        const pattern = el.shadowRoot!.getElementById(id!)!;
        const stroke = style(pattern.querySelector('line')!).stroke;
        expect(stroke).toBe(style(parts(el, 'validation-line')[Number(run)]).stroke);
        angles.add(pattern.getAttribute('patternTransform')!);
      }
      expect(angles.size).toBe(4);
    });
  }
});

describe('forced colors', () => {
  const session = () => cdp() as unknown as { send(method: string, params: object): Promise<unknown> };
  const forced = (value: string) => session().send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
  afterEach(() => forced(''));

  it("each run's validation line has its own dash pattern, and each legend swatch is drawn as its line", async () => {
    const el = await mount<LossCurve>('loss-curve', { runs: eightRuns() });
    await forced('active');
    await settle(el);
    expect(matchMedia('(forced-colors: active)').matches).toBe(true);
    const lines = parts(el, 'validation-line');
    const dashes = lines.map((l) => style(l).strokeDasharray);
    expect(new Set(dashes).size).toBe(8);
    const swatches = parts(el, 'legend-item').map((b) => b.querySelector('line')!);
    expect(swatches).toHaveLength(8);
    for (const [k, swatch] of swatches.entries()) {
      expect(style(swatch).strokeDasharray, `swatch of run ${k + 1}`).toBe(dashes[k]);
      expect(style(swatch).stroke, `swatch of run ${k + 1}`).toBe(style(lines[k]).stroke);
    }
    // Training differs from validation within a run.
    expect(style(parts(el, 'train-line')[0]).stroke).not.toBe(style(lines[0]).stroke);
  });

  it("<overfit-gap>: each run's gap line has its own dash pattern in forced colors", async () => {
    const el = await mount<HTMLElement>('overfit-gap', { runs: eightRuns(4) });
    await forced('active');
    await settle(el);
    const lines = parts(el, 'gap-line');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => style(l).strokeDasharray)).size).toBe(4);
  });

  it('a single run: the validation swatch is dashed as the validation line is, in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await mount<LossCurve>('loss-curve', { history: efficientnet }, { attrs: { theme } });
      await forced('active');
      await settle(el);
      const swatch = el.shadowRoot!.querySelector('[part="legend-entry"].validation line')!;
      const line = part(el, 'validation-line')!;
      expect(style(line).strokeDasharray).not.toBe('none');
      expect(style(swatch).strokeDasharray).toBe(style(line).strokeDasharray);
      expect(style(swatch).stroke).toBe(style(line).stroke);
      // System colors win over the theme's.
      expect(style(part(el, 'train-line')!).stroke).not.toBe(rgb(theme === 'dark' ? '#60a5fa' : '#2563eb'));
      await forced('');
    }
  });
});

describe('many runs', () => {
  for (const size of [
    { width: 600, height: 300 },
    { width: 240, height: 160 },
  ]) {
    it(`with 50 runs at ${size.width}×${size.height} the plot keeps at least 60% of the height and the legend scrolls`, async () => {
      const el = await mount<LossCurve>('loss-curve', { runs: eightRuns(50) }, size);
      const chart = part(el, 'chart')!.getBoundingClientRect().height;
      expect(chart / el.getBoundingClientRect().height).toBeGreaterThanOrEqual(0.6);
      const legend = part(el, 'legend')!;
      expect(legend.scrollHeight).toBeGreaterThan(legend.clientHeight);
      expect(style(legend).overflowY).toBe('auto');
      // The last run's button is reachable from the keyboard and scrolled into view when focused.
      const buttons = parts(el, 'legend-item').filter((b) => b.localName === 'button');
      expect(buttons).toHaveLength(50);
      buttons.at(-1)!.focus();
      expect(el.shadowRoot!.activeElement).toBe(buttons.at(-1));
      expect(legend.scrollTop).toBeGreaterThan(0);
    });
  }
});
