import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lowerBound } from '../../core/nearest.js';
import type { Domain, PreparedCurves } from '../../core/index.js';

/** A chart that can join a sync group: `<loss-curve>` and `<overfit-gap>`. */
export interface SyncHost extends ReactiveControllerHost {
  /** The group's name; null or empty for none. */
  sync: string | null;
  xDomain: [number, number] | null;
  /** Whether the chart is on the page (an element's `isConnected`). */
  readonly isConnected: boolean;
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
}

/** What the controller asks of its chart. */
export interface SyncHooks {
  /** The x range of the chart's own data, before any other chart's is added; null when there is none. */
  extent(): Domain | null;
  /** Shows the crosshair at the step another chart of the group shows (NaN: hides it), without telling the group. */
  showStep(step: number): void;
}

/** The charts of each sync group on the page, by the group's name. */
const groups = new Map<string, Set<SyncController>>();

/** Number of charts in a sync group (0 when there is no such group): for tests and debugging. */
export function syncGroupSize(name: string): number {
  return groups.get(name)?.size ?? 0;
}

/** Marks a layout request from the group: a value that differs from any property's, so Lit sees a change. */
const GROUP_CHANGED = Symbol('sync group changed');

const sameDomain = (a: Domain | null, b: Domain | null) => a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);

/**
 * The x range of the visible lines' steps (on a log axis, of the positive ones), or null: a chart's own extent.
 */
export function linesExtent(p: PreparedCurves, hidden: ReadonlySet<number>): Domain | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of p.lines) {
    if (hidden.has(l.run) || !l.series.steps.length) continue;
    lo = Math.min(lo, p.logX && l.stats.stepMin <= 0 ? (l.series.steps[lowerBound(l.series.steps, Number.MIN_VALUE)] ?? Infinity) : l.stats.stepMin);
    hi = Math.max(hi, l.stats.stepMax);
  }
  return hi >= lo ? [lo, hi] : null;
}

/**
 * Keeps the charts that share a `sync` value in step, as a Lit reactive controller: a module-level registry keyed by
 * the value holds the group. Each chart publishes the x range of its data and the left edge its y tick labels need;
 * every chart of the group lays out over the union of the ranges with its plot's left edge at the largest need, so
 * the same step falls on the same pixel column in charts of the same width stacked one above the other. A zoom
 * (`xDomain`, by the user or from code) and the crosshair's step are mirrored to the rest of the group. A chart
 * leaves its group when it is disconnected or its `sync` changes, and the rest lay out again without it.
 */
export class SyncController implements ReactiveController {
  readonly #host: SyncHost;
  readonly #hooks: SyncHooks;
  /** The group joined, or null. */
  #group: string | null = null;
  #extent: Domain | null = null;
  #leftNeed = 0;
  /** The zoom last seen here or mirrored here, so that a mirrored zoom is not sent back. */
  #domain: Domain | null = null;
  /** The union of the other charts' ranges, kept as one array while its ends are the same. */
  #union: Domain | null = null;
  #minLeft = 0;

  constructor(host: SyncHost, hooks: SyncHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    this.#join();
  }

  hostDisconnected(): void {
    this.#leave();
  }

  hostUpdate(): void {
    this.#join();
    this.#mirrorZoom();
  }

  /**
   * What the layout depends on, for the chart's layout key: publishes the chart's own extent (the others lay out
   * again if it changed), then reads the group's. Call it before laying out, then `layoutOptions()`.
   */
  key(): unknown[] {
    this.#join();
    const extent = this.#group ? this.#hooks.extent() : null;
    if (!sameDomain(extent, this.#extent)) {
      this.#extent = extent;
      this.#notify();
    }
    let lo = Infinity;
    let hi = -Infinity;
    let left = 0;
    for (const m of this.#others()) {
      if (m.#extent) [lo, hi] = [Math.min(lo, m.#extent[0]), Math.max(hi, m.#extent[1])];
      left = Math.max(left, m.#leftNeed);
    }
    const union: Domain | null = hi >= lo ? [lo, hi] : null;
    if (!sameDomain(union, this.#union)) this.#union = union;
    this.#minLeft = left;
    return [left, union?.[0], union?.[1]];
  }

  /** The layout options that line the chart up with the rest of its group: none outside a group. */
  layoutOptions(): { minLeft: number; xExtent: Domain | null } {
    return { minLeft: this.#minLeft, xExtent: this.#union };
  }

  /** The x range the other charts of the group cover (their data's union), or null. */
  get xExtent(): Domain | null {
    return this.#union;
  }

  /** Publishes the left edge the chart's own y tick labels need (a layout's `leftNeed`). */
  publishLeft(need: number | undefined): void {
    const n = this.#group && need && Number.isFinite(need) ? need : 0;
    if (n === this.#leftNeed) return;
    this.#leftNeed = n;
    this.#notify();
  }

  /** Shows `step` (NaN: nothing) in the crosshair of every other chart of the group. */
  crosshair(step: number): void {
    for (const m of this.#others()) m.#hooks.showStep(step);
  }

  *#others(): Iterable<SyncController> {
    const group = this.#group === null ? undefined : groups.get(this.#group);
    if (group) for (const m of group) if (m !== this) yield m;
  }

  /** Asks the rest of the group to lay out again. */
  #notify(): void {
    for (const m of this.#others()) m.#host.requestUpdate('sync', GROUP_CHANGED);
  }

  #join(): void {
    // An update can still run after the chart is removed: joining then would put it back in the module-wide group
    // map, which nothing would take it out of again.
    if (!this.#host.isConnected) return;
    const name = (this.#host.sync ?? '').trim() || null;
    if (name === this.#group && (name === null || groups.get(name)?.has(this))) return;
    this.#leave();
    if (name === null) return;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = new Set()));
    group.add(this);
    this.#group = name;
    // A zoomed chart that joins zooms the group; an unzoomed one shows the group's zoom, if any.
    this.#domain = null;
    if (this.#host.xDomain) this.#mirrorZoom();
    else {
      for (const m of this.#others()) this.#domain ??= m.#domain;
      if (this.#domain) this.#host.xDomain = this.#domain;
    }
    this.#notify();
  }

  #leave(): void {
    if (this.#group === null) return;
    const others = [...this.#others()];
    const group = groups.get(this.#group);
    group?.delete(this);
    if (group && !group.size) groups.delete(this.#group);
    this.#group = null;
    this.#extent = null;
    this.#leftNeed = 0;
    this.#union = null;
    this.#minLeft = 0;
    for (const m of others) m.#host.requestUpdate('sync', GROUP_CHANGED);
  }

  /** Sends a new zoom of this chart to the rest of the group. */
  #mirrorZoom(): void {
    const domain = this.#host.xDomain;
    if (sameDomain(domain, this.#domain)) return;
    this.#domain = domain;
    for (const m of this.#others()) {
      m.#domain = domain;
      if (!sameDomain(m.#host.xDomain, domain)) m.#host.xDomain = domain;
    }
  }
}
