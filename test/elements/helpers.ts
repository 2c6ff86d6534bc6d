import '../../src/index.js';
import type { LossCurve } from '../../src/index.js';

/** Mounts an element with the given properties in a sized container and waits until its SVG is drawn. */
export async function mount<T extends HTMLElement = LossCurve>(
  tag: string,
  props: Record<string, unknown> = {},
  { width = 600, height = 300, attrs = {} as Record<string, string> } = {},
): Promise<T> {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  document.body.append(host);
  const el = document.createElement(tag) as T;
  el.style.height = `${height}px`;
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

export const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<SVGElement & HTMLElement>(`[part~="${name}"]`);
export const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<SVGElement & HTMLElement>(`[part~="${name}"]`)];

/** Vertices of a path's `d` (M and L commands; d3 writes one command per vertex). */
export function vertices(d: string | null): Array<[number, number]> {
  return [...(d ?? '').matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

export function cleanup(): void {
  document.body.replaceChildren();
}
