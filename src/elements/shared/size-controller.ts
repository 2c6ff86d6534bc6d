import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** An element that hosts controllers and re-renders on request. */
type Host = ReactiveControllerHost & HTMLElement & { requestUpdate(name?: PropertyKey): void };

/**
 * Tracks the content size of an element in the host's shadow root with a ResizeObserver and re-renders the host
 * when it changes. Observes while the host is connected, so a removed chart holds no observer and a re-attached
 * one starts observing again.
 */
export class SizeController implements ReactiveController {
  width = 0;
  height = 0;
  /**
   * The host's font size in px, read with each new size (when the browser has just laid the page out, so the read
   * costs no style recalculation) or on `readFontSize()`; 0 until read.
   */
  fontSize = 0;
  #observer: ResizeObserver | null = null;
  #observed: Element | null = null;
  readonly #host: Host;
  readonly #target: () => Element | null | undefined;

  constructor(host: Host, target: () => Element | null | undefined) {
    this.#host = host;
    this.#target = target;
    host.addController(this);
  }

  hostConnected(): void {
    // Moved elsewhere, it may inherit another font size.
    this.fontSize = 0;
    this.#observe();
  }

  hostUpdated(): void {
    // The target exists only after the first render, and a re-render may replace it.
    if (this.#target() !== this.#observed) this.#observe();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }

  #observe(): void {
    const target = this.#target();
    // An update that runs after the chart is removed must not start an observer that nothing disconnects.
    if (!target || typeof ResizeObserver === 'undefined' || !this.#host.isConnected) return;
    this.#observer?.disconnect();
    this.#observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.#set(box.width, box.height);
    });
    this.#observer.observe(target);
    this.#observed = target;
    // Measure before the next paint instead of waiting for the observer's first report; a microtask, because a
    // request made during the host's update cycle would make it update twice in a row.
    queueMicrotask(() => {
      if (this.#observed !== target) return;
      const box = target.getBoundingClientRect();
      this.#set(box.width, box.height);
    });
  }

  /** Reads the host's font size now (after a theme change, or when asked to redraw): it may force a style recalc. */
  readFontSize(): number {
    const px = parseFloat(getComputedStyle(this.#host).fontSize);
    this.fontSize = Number.isFinite(px) && px > 0 ? px : 12;
    return this.fontSize;
  }

  #set(width: number, height: number): void {
    width = Math.round(width);
    height = Math.round(height);
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.readFontSize();
    this.#host.requestUpdate('size');
  }
}
