/**
 * Helpers shared by the story files: captions and frames, finding a drawn chart, reading its parts and SVG paths,
 * and seeded data. Not a story file itself (Storybook only loads `*.stories.ts`).
 */
import type { StoryContext } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { LossCurve, OverfitGap } from '../src/index.js';
import { pathData } from '../test/path-data.js';

// ---------------------------------------------------------------------------------------------------------------
// Captions and frames

/** Story parameters holding the caption shown above the chart and in the docs. */
export const about = (text: string) => ({ docs: { description: { story: text } } });

const CODE_STYLE = 'font-size:13px;background:rgb(127 127 127 / 0.18);padding:0 3px;border-radius:3px;white-space:nowrap';

/** A caption with `code` spans, as text (never parsed as HTML). */
export const caption = (text: string) => text.split('`').map((s, i) => (i % 2 ? html`<code style=${CODE_STYLE}>${s}</code>` : s));

/** The story's caption, then the chart, in a box of the given width. */
export function frame(ctx: StoryContext, chart: TemplateResult, width = 640): TemplateResult {
  const text: string = ctx.parameters.docs?.description?.story ?? '';
  return html`<div style="width:${width}px;max-width:100%;font-family:system-ui,sans-serif">
    <p style="margin:0 0 12px;font-size:14px;line-height:1.45;color:#374151">${caption(text)}</p>
    ${chart}
  </div>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding a chart

/** A `<loss-curve>` or an `<overfit-gap>`: both have `summary`, `analysis`, `analyses` and `toggleRun()`. */
export type Chart = LossCurve | OverfitGap;

/** The story's first chart matching `selector` and its shadow root, once the SVG is drawn. */
export async function drawn(canvas: HTMLElement, selector = 'loss-curve'): Promise<{ el: Chart; root: ShadowRoot }> {
  const el = canvas.querySelector<Chart>(selector)!;
  await waitFor(() => expect(el.shadowRoot!.querySelector('[part~="svg"]')).toBeTruthy());
  return { el, root: el.shadowRoot! };
}

/**
 * The text of the message the element matching `selector` shows instead of a chart, once rendered; asserts that
 * none of the `absent` parts (by default the SVG and the notice under it) is drawn.
 */
export async function message(canvas: HTMLElement, selector = 'loss-curve', absent = ['svg', 'notice']): Promise<string> {
  const el = canvas.querySelector(selector) as HTMLElement;
  await waitFor(() => expect(el.shadowRoot!.querySelector('[part~="message"]')).toBeTruthy());
  const root = el.shadowRoot!;
  for (const name of absent) await expect(root.querySelector(`[part~="${name}"]`)).toBeNull();
  return root.querySelector('[part~="message"]')!.textContent!.trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Parts

/** The first element of a part, or null. */
export const part = (root: ParentNode, name: string) => root.querySelector<SVGElement | HTMLElement>(`[part~="${name}"]`);
/** Every element of a part. */
export const parts = (root: ParentNode, name: string) => [...root.querySelectorAll<SVGElement | HTMLElement>(`[part~="${name}"]`)];
/** The path data of a part: a path's `d`, or the one path a curve's segments draw together ('' when absent). */
export const pathOf = (root: ParentNode, name: string): string => pathData(part(root, name)) ?? '';
/** The text of the first element matching `selector`, white space collapsed ('' when there is none). */
export const textAt = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The text of a part, white space collapsed ('' when the part is absent). */
export const textOf = (root: ParentNode, name: string) => textAt(root, `[part~="${name}"]`);
/** The `data-step` of every element of a part, as numbers. */
export const stepsOf = (root: ParentNode, name: string) => parts(root, name).map((e) => Number(e.getAttribute('data-step')));
/** The label of an axis. */
export const axisLabel = (root: ParentNode, axis: 'x-axis' | 'y-axis') => part(root, axis)?.querySelector('.axis-label')?.textContent ?? '';
/** The tick labels of an axis, as text. */
export const tickLabels = (root: ParentNode, axis: 'x-axis' | 'y-axis') =>
  [...(part(root, axis)?.querySelectorAll('text:not(.axis-label)') ?? [])].map((t) => t.textContent ?? '');
/** The text of each legend entry: the run buttons of a comparison (`legend-item`), else the line names (`legend-entry`). */
export const legendNames = (root: ParentNode) =>
  [...root.querySelectorAll('[part~="legend-item"], [part~="legend-entry"]')].map((i) => i.textContent?.trim() ?? '');

// ---------------------------------------------------------------------------------------------------------------
// SVG paths

/** Points of a polyline: one M or L command each. */
export const vertices = (d: string) => (d.match(/[ML]/g) ?? []).length;
/** Unbroken runs of a polyline (or dots of a markers path): one M command each. */
export const runs = (d: string) => (d.match(/M/g) ?? []).length;
/** The x coordinate of each vertex. */
export const xs = (d: string) => [...d.matchAll(/[ML]([-\d.]+),/g)].map((m) => Number(m[1]));
/** The y coordinate of each vertex. */
export const ys = (d: string) => [...d.matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => Number(m[1]));

// ---------------------------------------------------------------------------------------------------------------
// Data

/** How many values of a series are finite numbers (a JSON null is a printed nan). */
export const finite = (values: ArrayLike<number | null>) => Array.from(values).filter((v) => typeof v === 'number' && Number.isFinite(v)).length;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A loss that decays from `start` towards `floor`, with relative noise, optionally turning up after `turn`. */
export interface CurveShape {
  start: number;
  floor: number;
  /** Decay per epoch (default 0.14). */
  rate?: number;
  /** Relative noise amplitude (default 0.05). */
  noise?: number;
  seed: number;
  /** Epoch index after which the loss rises by `rise` per epoch (overfitting). */
  turn?: number;
  rise?: number;
}

/** `n` epochs of a loss of the given shape, rounded to 4 decimals. */
export function lossCurve(n: number, { start, floor, rate = 0.14, noise = 0.05, seed, turn, rise = 0 }: CurveShape): number[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const base = floor + (start - floor) * Math.exp(-rate * i);
    const up = turn !== undefined && i > turn ? rise * (i - turn) : 0;
    return Number(((base + up) * (1 + noise * (rnd() - 0.5))).toFixed(4));
  });
}
