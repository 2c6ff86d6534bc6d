import { nearestIndex } from '../../core/nearest.js';
import { crosshairKey } from './crosshair-keys.js';
import type { PlotFrame } from './zoom-controller.js';
import { redraw, type Redrawable } from './redraw.js';

/** What the controller asks of its chart. */
export interface CrosshairHooks {
  /** The steps the crosshair stops at, ascending. */
  steps(): ArrayLike<number>;
  /** The current layout's x scale and plot bounds; null before layout. */
  frame(): PlotFrame | null;
  /** Shows the step (NaN: nothing) in the crosshairs of the chart's `sync` group. */
  share(step: number): void;
}

/**
 * The crosshair: which stop it is on, moved by the pointer, by the keys (arrows, Page
 * keys, Home and End; Escape hides it) or by another chart of the `sync` group, and kept on its step when the stops
 * change.
 */
export class CrosshairController {
  /** Index into the stops where the crosshair is, or -1. */
  index = -1;
  /** The step the crosshair is on: what it keeps when zoom, hidden runs or data change the list of stops. */
  #step = NaN;
  readonly #host: Redrawable;
  readonly #hooks: CrosshairHooks;

  constructor(host: Redrawable, hooks: CrosshairHooks) {
    this.#host = host;
    this.#hooks = hooks;
  }

  /** The step under the crosshair, or NaN when it is hidden. */
  get step(): number {
    return this.index < 0 ? NaN : this.#step;
  }

  /** Moves the crosshair to a stop (-1 hides it) and shows its step in the `sync` group. */
  moveTo(index: number): void {
    this.#set(index);
    const steps = this.#hooks.steps();
    this.#step = index >= 0 && index < steps.length ? steps[index] : NaN;
    this.#hooks.share(this.#step);
  }

  hide = (): void => this.moveTo(-1);

  /** Moves the crosshair to the stop nearest the step at pixel `px` of the plot. */
  pointAt(px: number): void {
    const frame = this.#hooks.frame();
    const steps = this.#hooks.steps();
    if (!frame || !steps.length) return;
    const index = nearestIndex(steps, frame.scale.invert(Math.min(frame.x1, Math.max(frame.x0, px))));
    if (index !== this.index) this.moveTo(index);
  }

  /** Shows the crosshair at the stop nearest a step another chart of the `sync` group shows, or hides it. */
  follow(step: number): void {
    const steps = this.#hooks.steps();
    const inside = steps.length > 0 && step >= steps[0] && step <= steps[steps.length - 1];
    this.#set(inside ? nearestIndex(steps, step) : -1);
    this.#step = inside ? steps[this.index] : NaN;
  }

  /**
   * Puts the crosshair back on its step after the stops changed, only while it is shown: after a zoom or a toggled
   * run, on the nearest stop; after new data, only if its step is still there (else it goes away).
   */
  keep(newData: boolean): void {
    if (this.index < 0) return;
    const steps = this.#hooks.steps();
    let index = steps.length ? nearestIndex(steps, this.#step) : -1;
    if (newData && index >= 0 && steps[index] !== this.#step) index = -1;
    this.#set(index);
    if (index < 0) this.#step = NaN;
  }

  /** Moves the crosshair for a key; returns the new stop (-1: hidden by Escape), or null for a key it ignores. */
  key(event: KeyboardEvent): number | null {
    const next = crosshairKey(event.key, event.shiftKey, this.index, this.#hooks.steps().length);
    if (next !== null) this.moveTo(next);
    return next;
  }

  #set(index: number): void {
    if (index === this.index) return;
    this.index = index;
    redraw(this.#host, 'crosshair');
  }
}
