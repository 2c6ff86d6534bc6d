/**
 * What a chart's layouts keep from one drawing to the next: each line's M4 aggregates, its last drawn points and
 * path segments, its y-range story, and the live x domain as it grew. With them a live append costs O(new points)
 * and a warm re-render (a resize, a zoom, a theme) reuses what still holds. The layouts (`layoutCurves`,
 * `layoutGap`) take one as an optional argument and never write into the prepared data; without one they compute
 * everything afresh, with the same result. Whoever lays a chart out again and again owns one: an element keeps one
 * for its life.
 *
 * Entries are keyed weakly by the prepared objects they were derived from (a chart's old data is collected with
 * it), and checked against what they read: a line's `revision` (its points replaced rather than appended) and its
 * smoothing weight, so that the preparation never has to reach in here to invalidate anything.
 */
import type { M4 } from './m4.js';
import type { PathMemo, XY } from './geometry.js';
import type { StoryMemo } from './outliers.js';
import type { PreparedCurves, PreparedLine } from './prepare-curves.js';

/** Decimation aggregates of one drawn array for one pixel mapping, fed up to `fed` points. */
export interface DecimationCache {
  key: string;
  m4: M4;
  fed: number;
  /** Start and width of the x span the columns were built for (linear x only), to halve when it doubles. */
  x0: number;
  span: number;
  /** Live mode: `m4` holds fine columns, and this the pixel columns folded from them for a domain `parts` wide. */
  view?: { parts: number; m4: M4 };
  /** The last drawing of the kept points, with the scales it was drawn for (see decimate.ts). */
  drawn?: { scales: string; points: Array<XY | null> };
  /** The last path segments drawn through them (see linePaths). */
  path?: PathMemo;
}

/** Aggregates per drawn array: the raw values and the smoothed ones. */
export type LineDecimation = Partial<Record<'raw' | 'smoothed', DecimationCache>>;

/** What the layout keeps of one line. */
export interface LineCache {
  /** Decimation aggregates per drawn array, reused across renders and appends (see decimate.ts). */
  decimation: LineDecimation;
  /** The y range's last reading of the line (see outliers.ts), reused while appends add no sample point. */
  story: StoryMemo;
}

/** The live x domain as the layouts grew it: its start only moves down, its span only doubles (see `layoutCurves`). */
export interface LiveSpan {
  x0: number;
  span: number;
}

interface LineEntry extends LineCache {
  /** The line's `revision` and smoothing weight the entry was derived from. */
  revision: number;
  smoothing: number;
}

const emptyLine = (): LineCache => ({ decimation: {}, story: { log: false, from: 0, to: 0, stride: 1 } });

export class LayoutCache {
  readonly #lines = new WeakMap<PreparedLine, LineEntry>();
  readonly #gaps = new WeakMap<object, LineCache>();
  readonly #live = new WeakMap<PreparedCurves, LiveSpan & { start: PreparedCurves['live'] }>();

  /**
   * What the layout kept of `line`, current for its points: started over when they were replaced (a new
   * `revision`), and without the smoothed aggregates when the smoothing weight changed (smoothed values are a
   * function of the points and the weight, so the same revision and weight mean the same values, appends aside).
   */
  line(line: PreparedLine): LineCache {
    const smoothing = line.ema?.weight ?? 0;
    let entry = this.#lines.get(line);
    if (!entry || entry.revision !== line.revision) {
      entry = { ...emptyLine(), revision: line.revision, smoothing };
      this.#lines.set(line, entry);
    } else if (entry.smoothing !== smoothing) {
      entry.decimation.smoothed = undefined;
      entry.smoothing = smoothing;
    }
    return entry;
  }

  /**
   * What the layout kept of a gap line, keyed by its arrays: an analysis reads its gap once into arrays that never
   * change, so the same object means the same points (a re-render of the same analysis), and new points a new one.
   */
  gap(gap: object): LineCache {
    let entry = this.#gaps.get(gap);
    if (!entry) this.#gaps.set(gap, (entry = emptyLine()));
    return entry;
  }

  /**
   * The live x domain of a live chart as the layouts grew it (to be grown in place), or null when the chart is not
   * live. It starts where appends started it (`PreparedCurves.live`).
   */
  live(p: PreparedCurves): LiveSpan | null {
    if (!p.live) return null;
    let entry = this.#live.get(p);
    if (entry?.start !== p.live) {
      entry = { x0: p.live.x0, span: p.live.span, start: p.live };
      this.#live.set(p, entry);
    }
    return entry;
  }
}
