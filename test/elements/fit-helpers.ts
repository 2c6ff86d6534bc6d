/** Helpers for the fit-annotation, run-comparison and `<overfit-gap>` browser tests. */
import type { FitAnalysis } from '../../src/index.js';
import { part, parts, text, ticks } from './helpers.js';

/** A Keras history as stored in stories/data: metric name → values, `null` where Keras printed nan. */
export type JsonHistory = Record<string, Array<number | null>>;

/** The numbers of a history metric, `null` read as NaN (as the elements do). */
export const values = (h: JsonHistory, key: string): number[] => h[key].map((v) => (v === null ? NaN : v));

/** Numeric value of a tick label ("−0.5" uses a Unicode minus). */
const tickValue = (label: string) => Number(label.replace('−', '-'));

/**
 * The linear y scale of a chart, rebuilt from two labeled y ticks: value → pixel. Throws when fewer than two ticks
 * are labeled, so a test that needs it fails instead of comparing with NaN.
 */
export function yScale(el: HTMLElement): (value: number) => number {
  const t = ticks(el, 'y').filter((x) => x.label !== '' && Number.isFinite(tickValue(x.label)));
  if (t.length < 2) throw new Error(`need two labeled y ticks; have ${t.map((x) => x.label).join(', ')}`);
  const [a, b] = [t[0], t[t.length - 1]];
  const va = tickValue(a.label);
  const vb = tickValue(b.label);
  return (v) => a.pos + ((v - va) * (b.pos - a.pos)) / (vb - va);
}

/** A numeric attribute of a node; NaN when absent. */
export const num = (node: Element | null | undefined, name: string): number => Number(node?.getAttribute(name) ?? NaN);

/** One tooltip row as shown: the row's classes, the name, the value and the note. */
export interface ShownRow {
  classes: string[];
  name: string;
  value: string;
  note: string;
}

/** Every tooltip row, in order; null when the tooltip is hidden. */
export function tooltipRows(el: HTMLElement): { title: string; rows: ShownRow[] } | null {
  const tip = part(el, 'tooltip');
  if (!tip || tip.hidden) return null;
  const rows = [...tip.querySelectorAll('.row')].map((row) => ({
    classes: [...row.classList],
    name: text(row.querySelector('.name')),
    value: text(row.querySelector('.value')),
    note: text(row.querySelector('.note')),
  }));
  return { title: text(tip.querySelector('.step')), rows };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export const intersects = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The rendered boxes of the annotation labels (SVG user units), with their text. */
export function labelBoxes(el: HTMLElement): Array<Box & { text: string }> {
  return parts(el, 'annotation-label').map((node) => {
    const b = (node as unknown as SVGGraphicsElement).getBBox();
    return { x: b.x, y: b.y, width: b.width, height: b.height, text: text(node) };
  });
}

/** Every pair of labels whose boxes intersect, as "text A / text B". */
export function overlappingLabels(el: HTMLElement): string[] {
  const boxes = labelBoxes(el);
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (intersects(boxes[i], boxes[j])) out.push(`${boxes[i].text} / ${boxes[j].text}`);
  }
  return out;
}

/** An `overfit` event as a listener on the document saw it. */
export interface SeenOverfit {
  event: CustomEvent<FitAnalysis & { run?: string }>;
  /** `event.target` at the document (retargeted out of shadow roots). */
  target: EventTarget | null;
  /** `event.composedPath()` during dispatch (it is empty afterwards). */
  path: EventTarget[];
}

/** Collects `overfit` events that reach the document, until `stop()`. */
export function collectOverfit(): { events: Array<CustomEvent<FitAnalysis & { run?: string }>>; seen: SeenOverfit[]; stop: () => void } {
  const events: Array<CustomEvent<FitAnalysis & { run?: string }>> = [];
  const seen: SeenOverfit[] = [];
  const listener = (e: Event) => {
    const event = e as CustomEvent<FitAnalysis & { run?: string }>;
    events.push(event);
    seen.push({ event, target: e.target, path: e.composedPath() });
  };
  document.addEventListener('overfit', listener);
  return { events, seen, stop: () => document.removeEventListener('overfit', listener) };
}

/** The `data-run` names of the elements with a part, in document order. */
export const runsOf = (el: HTMLElement, name: string): string[] => parts(el, name).map((n) => n.getAttribute('data-run') ?? '');
