import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { NumericScale } from '../../core/axes.js';
import { formatStep } from '../../core/format.js';
import { clampDomain, panDomain, zoomAround, type Domain } from '../../core/zoom.js';
import { fire } from './events.js';
import { plotX } from './plot-pointer.js';
import { redraw } from './redraw.js';

/** The x scale and plot bounds of the current layout, in the SVG's pixels. */
export interface PlotFrame {
  scale: NumericScale;
  x0: number;
  x1: number;
}

/** A chart that zooms: its `xDomain` is the zoom. */
export type ZoomHost = ReactiveControllerHost & HTMLElement & { xDomain: [number, number] | null };

/** What the controller asks of its chart. */
export interface ZoomHooks {
  /** The current layout's x scale and plot bounds; null before layout. */
  frame(): PlotFrame | null;
  /** The full x range zooming stays inside (see the chart's `dataDomain`), or null with no data. */
  full(): Domain | null;
  /** Whether the x axis is logarithmic. */
  log(): boolean;
  /** The pixel x of the crosshair, which the zoom keys zoom around; undefined when it is hidden. */
  crosshairX(): number | undefined;
  /** Tells screen readers what a key did. */
  announce(text: string): void;
}

/**
 * Zooming the x range, as a Lit reactive controller: the drag brush, the wheel (pans when horizontal or with Shift),
 * a two-finger pinch, the zoom keys, double-click and the reset button. Each change made by the user fires `zoom`.
 */
export class ZoomController implements ReactiveController {
  /** Pixel range of the selection while dragging, or null. */
  brush: [number, number] | null = null;
  /** The x range the chart showed when last unzoomed (a live chart's axis runs past its data): what zooming starts from. */
  unzoomed: Domain | null = null;
  readonly #host: ZoomHost;
  readonly #hooks: ZoomHooks;
  #drag: { pointer: number; start: number } | null = null;
  /** Active touches by pointer id, at their x in the SVG's pixels. */
  #touches = new Map<number, number>();
  #pinch: { distance: number; domain: Domain | null; center: number } | null = null;

  constructor(host: ZoomHost, hooks: ZoomHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#drag = null;
    this.#pinch = null;
    this.#touches.clear();
  }

  /** Sets the zoom from a user action and fires `zoom` when it changed. */
  zoomTo(domain: Domain | null): void {
    const current = this.#host.xDomain;
    const same = domain === current || (!!domain && !!current && domain[0] === current[0] && domain[1] === current[1]);
    if (same) return;
    this.#host.xDomain = domain;
    fire(this.#host, 'zoom', { xDomain: domain });
  }

  /** Zooms by `factor` (< 1 in) around the step at pixel `px`, or around the middle. */
  zoomBy(factor: number, px?: number): void {
    const frame = this.#hooks.frame();
    const full = this.#hooks.full();
    if (!frame || !full) return;
    const center = frame.scale.invert(px ?? (frame.x0 + frame.x1) / 2);
    this.zoomTo(zoomAround(this.#host.xDomain ?? this.unzoomed, full, center, factor, this.#hooks.log()));
  }

  reset = (): void => this.zoomTo(null);

  /** Starts a drag (a mouse or pen inside the plot) or, with a second finger, a pinch. */
  pointerDown(event: PointerEvent, frame: PlotFrame): void {
    const chart = event.currentTarget as HTMLElement;
    const px = plotX(event, chart);
    if (event.pointerType === 'touch') {
      this.#touches.set(event.pointerId, px);
      if (this.#touches.size === 2) {
        const [a, b] = [...this.#touches.values()];
        this.#pinch = { distance: Math.abs(a - b) || 1, domain: this.#host.xDomain ?? this.unzoomed, center: frame.scale.invert((a + b) / 2) };
        this.#drag = null;
        this.#setBrush(null);
      }
    } else if (event.button === 0 && px >= frame.x0 && px <= frame.x1) {
      this.#drag = { pointer: event.pointerId, start: px };
      try {
        chart.setPointerCapture(event.pointerId);
      } catch {
        // A synthetic event's pointer is not active and cannot be captured; the drag works without capture.
      }
    }
  }

  /**
   * Follows a pointer at pixel `px` (clamped to the plot): pinches, or stretches the brush. Returns true when the
   * move was a pinch (the crosshair stays where it is).
   */
  pointerMove(event: PointerEvent, px: number): boolean {
    // Every touch's position is kept, pinching or not: a finger that moves before the second one lands starts the
    // pinch from where it is (not where it went down), so the zoom does not jump on the first pinch move.
    if (this.#touches.has(event.pointerId)) this.#touches.set(event.pointerId, plotX(event, event.currentTarget as Element));
    if (this.#pinch && this.#touches.has(event.pointerId)) {
      const [a, b] = [...this.#touches.values()];
      const full = this.#hooks.full();
      if (full) this.zoomTo(zoomAround(this.#pinch.domain, full, this.#pinch.center, this.#pinch.distance / (Math.abs(a - b) || 1), this.#hooks.log()));
      return true;
    }
    if (this.#drag?.pointer === event.pointerId && Math.abs(px - this.#drag.start) >= 3) this.#setBrush([this.#drag.start, px]);
    return false;
  }

  /** Ends a pinch or a drag; a drag across 5 pixels or more zooms to the steps it covered. */
  pointerUp = (event: PointerEvent): void => {
    this.#touches.delete(event.pointerId);
    if (this.#touches.size < 2) this.#pinch = null;
    const frame = this.#hooks.frame();
    const brush = this.brush;
    this.#drag = null;
    this.#setBrush(null);
    if (!frame || !brush || Math.abs(brush[1] - brush[0]) < 5) return;
    const full = this.#hooks.full();
    if (full) this.zoomTo(clampDomain([frame.scale.invert(brush[0]), frame.scale.invert(brush[1])], full, this.#hooks.log()));
  };

  wheel = (event: WheelEvent): void => {
    const frame = this.#hooks.frame();
    const full = this.#hooks.full();
    if (!frame || !full) return;
    const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    const delta = horizontal ? event.deltaX : event.deltaY;
    if (!delta) return;
    event.preventDefault();
    // Lines are 16px or more per wheel notch; pixels from a trackpad. exp() keeps in-then-out symmetric.
    const scale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    if (horizontal || event.shiftKey) {
      this.zoomTo(panDomain(this.#host.xDomain, full, (delta * scale) / Math.max(1, frame.x1 - frame.x0), this.#hooks.log()));
    } else this.zoomBy(Math.exp(delta * scale * 0.002), plotX(event, event.currentTarget as Element));
  };

  /** + / = zoom in and − zoom out around the crosshair, Alt+arrows pan, 0 resets. Returns whether it handled the key. */
  key(event: KeyboardEvent): boolean {
    const full = this.#hooks.full();
    if (!this.#hooks.frame() || !full) return false;
    const at = this.#hooks.crosshairX();
    switch (event.key) {
      case '+':
      case '=':
        this.zoomBy(0.5, at);
        break;
      case '-':
      case '_':
        this.zoomBy(2, at);
        break;
      case '0':
        this.zoomTo(null);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (!event.altKey) return false;
        this.zoomTo(panDomain(this.#host.xDomain, full, event.key === 'ArrowLeft' ? -0.25 : 0.25, this.#hooks.log()));
        break;
      default:
        return false;
    }
    const d = this.#host.xDomain;
    // Whole steps unless the range is narrower than a few.
    const step = (v: number) => formatStep(d && d[1] - d[0] >= 10 ? Math.round(v) : v);
    this.#hooks.announce(d ? `Zoomed to ${step(d[0])} – ${step(d[1])}` : 'Zoom reset');
    return true;
  }

  /** The selection while dragging, and the reset button while zoomed. */
  render(): unknown {
    const b = this.brush;
    return html`${b ? html`<div part="zoom-brush" class="zoom-brush" style="left:${Math.min(b[0], b[1])}px;width:${Math.abs(b[1] - b[0])}px"></div>` : nothing}
    ${
      this.#host.xDomain
        ? html`<button part="zoom-reset" class="zoom-reset" type="button" @click=${this.reset} @dblclick=${(e: Event) => e.stopPropagation()}>
          Reset zoom
        </button>`
        : nothing
    }`;
  }

  #setBrush(brush: [number, number] | null): void {
    if (brush === this.brush) return;
    this.brush = brush;
    redraw(this.#host, 'brush');
  }
}
