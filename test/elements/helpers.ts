import { afterEach, beforeEach, expect, vi } from 'vitest';
import '../../src/index.js';
import { resetWarnings, type LossCurve } from '../../src/index.js';
import { pathData } from '../path-data.js';

/** Mounts an element with the given properties in a sized container and waits until its SVG is drawn. */
export async function mount<T extends HTMLElement = LossCurve>(
  tag: string,
  props: Record<string, unknown> = {},
  { width = 600, height = 300 as number | null, attrs = {} as Record<string, string> } = {},
): Promise<T> {
  const host = document.createElement('div');
  host.className = 'test-host';
  host.style.width = `${width}px`;
  document.body.append(host);
  const el = document.createElement(tag) as T;
  if (height !== null) el.style.height = `${height}px`;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  Object.assign(el, props);
  host.append(el);
  await settle(el);
  return el;
}

/** Waits for pending renders, including the one a size measurement triggers. */
export async function settle(el: HTMLElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
}

/** Sets properties the way page code might (including values the property types do not allow) and waits. */
export async function update(el: HTMLElement, props: Record<string, unknown>): Promise<void> {
  Object.assign(el, props);
  await settle(el);
}

/**
 * Dispatches a mouse-like pointer event (pointer 1, primary, left button held from down to up) at client coordinates
 * on the chart part; `init` overrides any of it (a touch pointer, say). Returns the event.
 */
export function dispatchPointer(el: HTMLElement, type: string, at: { clientX: number; clientY: number }, init: PointerEventInit = {}): PointerEvent {
  const event = new PointerEvent(type, {
    ...at,
    bubbles: true,
    composed: true,
    cancelable: true,
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' ? 0 : 1,
    ...init,
  });
  part(el, 'chart')!.dispatchEvent(event);
  return event;
}

export const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<SVGElement & HTMLElement>(`[part~="${name}"]`);
export const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<SVGElement & HTMLElement>(`[part~="${name}"]`)];

/** Every part name present in the element's shadow root. */
export function partNames(el: HTMLElement): Set<string> {
  const names = new Set<string>();
  for (const node of el.shadowRoot!.querySelectorAll('[part]')) {
    for (const name of (node.getAttribute('part') ?? '').split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/** Vertices of a path's `d` (M and L commands; d3 writes one command per vertex). */
export function vertices(d: string | null | undefined): Array<[number, number]> {
  return [...(d ?? '').matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Number of subpaths (M commands) in a path's `d`: a line broken by gaps has several. */
export function subpaths(d: string | null | undefined): number {
  return (d ?? '').match(/M/g)?.length ?? 0;
}

export { pathData };

/** Vertices of a part's path. */
export const lineVertices = (el: HTMLElement, name: string) => vertices(pathData(part(el, name)));

/** Centers of the dots of a markers path (each dot is `M(x - r),y a… a…`). */
export function dotCenters(d: string | null | undefined, r = 2.5): Array<[number, number]> {
  return [...(d ?? '').matchAll(/M\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)a/g)].map((m) => [Number(m[1]) + r, Number(m[2])]);
}

export interface TickLabel {
  label: string;
  pos: number;
}

/** Labeled ticks of an axis: text and pixel position (x for the x axis, y for the y axis). */
export function ticks(el: HTMLElement, axis: 'x' | 'y'): TickLabel[] {
  const texts = el.shadowRoot!.querySelectorAll<SVGTextElement>(`[part="${axis}-axis"] text:not(.axis-label)`);
  return [...texts].map((t) => ({ label: t.textContent!.trim(), pos: Number(t.getAttribute(axis)) }));
}

export const tickLabels = (el: HTMLElement, axis: 'x' | 'y') => ticks(el, axis).map((t) => t.label);

/** Position of the tick with the given label; throws if there is none, so a missing tick fails the test. */
export function tickPos(el: HTMLElement, axis: 'x' | 'y', label: string): number {
  const t = ticks(el, axis).find((x) => x.label === label);
  if (!t) throw new Error(`no ${axis} tick labeled ${label}; have ${tickLabels(el, axis).join(', ')}`);
  return t.pos;
}

/** The axis label text. */
export const axisLabel = (el: HTMLElement, axis: 'x' | 'y') => el.shadowRoot!.querySelector(`[part="${axis}-axis"] .axis-label`)?.textContent?.trim() ?? null;

/** Whitespace-collapsed text content. */
export const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The SVG's width and height attributes as numbers. */
export function svgSize(el: HTMLElement): { width: number; height: number } | null {
  const svg = part(el, 'svg');
  return svg ? { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) } : null;
}

/** The crosshair line's x, or null when the crosshair is hidden. */
export function crosshairX(el: HTMLElement): number | null {
  const line = el.shadowRoot!.querySelector('[part="crosshair"] line');
  return line ? Number(line.getAttribute('x1')) : null;
}

/** What the tooltip shows: null when hidden, else its title and each row's value (and note). */
export function tooltip(el: HTMLElement): { title: string; rows: Record<string, { name: string; value: string; note: string }> } | null {
  const tip = part(el, 'tooltip');
  if (!tip || tip.hidden) return null;
  const rows: Record<string, { name: string; value: string; note: string }> = {};
  for (const row of tip.querySelectorAll('.row')) {
    const key = row.classList.contains('train') ? 'train' : row.classList.contains('validation') ? 'validation' : '?';
    rows[key] = { name: text(row.querySelector('.name')), value: text(row.querySelector('.value')), note: text(row.querySelector('.note')) };
  }
  return { title: text(tip.querySelector('.step')), rows };
}

/**
 * The divergence marker: the x of its vertical line and its label ("NaN at epoch 8"). The label is the marker's own
 * text or, when labels are placed apart from the markers, the `divergence-label` part.
 */
export function divergence(el: HTMLElement): { x: number; label: string } | null {
  const marker = part(el, 'divergence-marker');
  if (!marker) return null;
  const line = marker.localName === 'line' ? marker : marker.querySelector('line');
  const label = marker.querySelector('text') ?? part(el, 'divergence-label');
  return { x: Number(line?.getAttribute('x1')), label: text(label) };
}

/** The text of the polite live region that announces keyboard moves. */
export const announcement = (el: HTMLElement) => text(el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));

/** Sends a key to the chart part as a keyboard user would (the event bubbles from the focused chart). */
export async function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  part(el, 'chart')!.dispatchEvent(event);
  await settle(el);
  return event;
}

/** Moves a pointer over the chart part at a horizontal position given in chart pixels (the SVG's coordinates). */
export async function pointAt(el: HTMLElement, x: number, type = 'pointermove'): Promise<void> {
  const chart = part(el, 'chart')!;
  const box = chart.getBoundingClientRect();
  chart.dispatchEvent(new PointerEvent(type, { clientX: box.left + x, clientY: box.top + box.height / 2, bubbles: true, composed: true }));
  await settle(el);
}

/** Lit's own dev-mode notices ("Lit is in dev mode", "change-in-update"): not the element's warnings. */
const isLitDevNotice = (message: string) => message.includes('lit.dev/msg/');

export interface Watch {
  /** console.warn messages since the test began, Lit dev-mode notices excepted. */
  readonly warnings: string[];
  /** Errors and unhandled rejections that reached the window since the test began. */
  readonly errors: unknown[];
}

/**
 * Per test: forgets earlier warnings (they are de-duplicated per page), spies on console.warn, listens for errors
 * reaching the window, and after the test checks that none did, then empties the page.
 */
export function watchPage(): Watch {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(e.reason);
  beforeEach(() => {
    calls.length = 0;
    errors.length = 0;
    resetWarnings();
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      calls.push(args.map(String).join(' '));
    });
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    vi.restoreAllMocks();
    cleanup();
    expect(errors, 'errors that reached the page').toEqual([]);
  });
  return {
    get warnings() {
      return calls.filter((m) => !isLitDevNotice(m));
    },
    errors,
  };
}

/** Each distinct warning message and how often it was written. */
export function warningCounts(warnings: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Computed style of a part (the first element with it). */
export function styleOf(el: HTMLElement, name: string): CSSStyleDeclaration {
  const node = part(el, name);
  if (!node) throw new Error(`no part ${name}`);
  return getComputedStyle(node);
}

/** CSS color in the `rgb(r, g, b)` form getComputedStyle returns. */
export function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

export function cleanup(): void {
  document.body.replaceChildren();
}
