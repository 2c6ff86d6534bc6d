/**
 * The drawn vertices of a line for a pixel mapping: every point when there are few per pixel column, else the M4
 * points of each column (see m4.ts), so a path has O(plot width) vertices whatever the number of points. The M4
 * aggregates are kept in the line's layout cache and fed only new points while the mapping holds, which makes live appends
 * O(new points); a doubled live domain halves the columns instead of rebuilding them. A live chart keeps its
 * columns {@link LIVE_PARTS} times finer than pixels over the whole live span, so the domain it shows can end within a
 * sixteenth of that span past the data and still be drawn exactly: each pixel column folds its share of fine ones.
 */
import { bisectRight } from 'd3-array';
import type { NumericScale } from './axes.js';
import { drawable, type XY } from './geometry.js';
import { M4 } from './m4.js';
import { POINTS_PER_COLUMN } from './layout-constants.js';
import { lowerBound } from './nearest.js';
import type { DecimationCache, LineDecimation } from './layout-cache.js';

export interface Mapping {
  x: NumericScale;
  y: NumericScale;
  logX: boolean;
  logY: boolean;
  /** Pixel left edge and width of the plot; one M4 column per pixel. */
  left: number;
  width: number;
  /** The x domain shown. */
  domain: [number, number];
  /**
   * Live mode (linear x): the domain is [d0, d0 + span · parts / LIVE_PARTS] for the live `span`, which only ever
   * doubles. Decimation then keeps fine columns over the whole span and folds `parts` of them into each pixel column.
   */
  live?: { span: number; parts: number };
}

/** A live domain grows in sixteenths of its span: the data never leaves more than 1/9 of the plot empty. */
export const LIVE_PARTS = 16;

/**
 * What decimation reads of a line: its steps and values, the smoothed values if any, and the aggregates it keeps
 * between drawings (a `LayoutCache`'s for the line; an empty object keeps none from one drawing to the next).
 */
export interface DecimatedLine {
  series: { steps: ArrayLike<number>; values: ArrayLike<number> };
  smoothed: ArrayLike<number> | null;
  decimation: LineDecimation;
}

/**
 * Vertices of the line through `values` (the raw or the smoothed array of `line`), null where it breaks. Includes
 * the nearest point outside the domain on each side, so the line runs to the plot's edges (the plot clips it).
 */
export function lineVertices(line: DecimatedLine, which: 'raw' | 'smoothed', m: Mapping): Array<XY | null> {
  const values = which === 'smoothed' && line.smoothed ? line.smoothed : line.series.values;
  const steps = line.series.steps;
  const n = steps.length;
  const lo = lowerBound(steps, m.domain[0]);
  const hi = bisectRight(steps, m.domain[1]);
  const columns = Math.max(1, Math.ceil(m.width));
  const point = (i: number): XY | null => (drawable(values[i], m.logY) && drawable(steps[i], m.logX) ? { x: m.x(steps[i]), y: m.y(values[i]) } : null);

  let inner: number[];
  let drawn: Array<XY | null>;
  if (hi - lo <= POINTS_PER_COLUMN * columns) {
    inner = [];
    drawn = [];
    for (let i = lo; i < hi; i++) {
      inner.push(i);
      drawn.push(point(i));
    }
  } else {
    const agg = aggregates(line, which, values, m, lo, hi, columns);
    inner = agg.vertices(values);
    drawn = mapKept(line.decimation[which]!, agg.changedFrom, inner, m, point);
  }
  // The nearest points outside the domain, joined to the first and last inner vertex unless a point that cannot be
  // drawn lies between them.
  const ok = (i: number) => drawable(values[i], m.logY) && drawable(steps[i], m.logX);
  const gapBetween = (from: number, to: number) => {
    for (let i = from + 1; i < to; i++) if (!ok(i)) return true;
    return false;
  };
  const out: Array<XY | null> = [];
  const firstInner = inner.find((i) => i >= 0);
  if (lo > 0) {
    out.push(point(lo - 1));
    if (firstInner !== undefined && gapBetween(lo - 1, firstInner)) out.push(null);
  }
  for (const p of drawn) out.push(p);
  if (hi < n) {
    let lastInner = -1;
    for (let k = inner.length - 1; k >= 0 && lastInner < 0; k--) lastInner = inner[k];
    if (lastInner >= 0 && gapBetween(lastInner, hi)) out.push(null);
    out.push(point(hi));
  }
  return out;
}

/**
 * The pixel points of the kept indices (null for a break). While the scales stay the same, the points before
 * `changedFrom` (where this drawing starts to differ from the last one) are the last drawing's, the same objects:
 * a live append maps the few points of the columns it touched, not every kept point, and `linePaths` can tell.
 */
function mapKept(cache: DecimationCache, changedFrom: number, inner: number[], m: Mapping, point: (i: number) => XY | null): Array<XY | null> {
  const scales = `${m.x.domain()}|${m.x.range()}|${m.y.domain()}|${m.y.range()}|${m.logX}|${m.logY}`;
  const keep = cache.drawn?.scales === scales ? Math.min(changedFrom, cache.drawn.points.length) : 0;
  const points = keep ? cache.drawn!.points.slice(0, keep) : [];
  for (let k = keep; k < inner.length; k++) points.push(inner[k] < 0 ? null : point(inner[k]));
  cache.drawn = { scales, points };
  return points;
}

/** The M4 aggregates for this mapping: the cached ones fed with new points when possible, else built afresh. */
function aggregates(line: DecimatedLine, which: 'raw' | 'smoothed', values: ArrayLike<number>, m: Mapping, lo: number, hi: number, columns: number): M4 {
  const steps = line.series.steps;
  const [d0, d1] = m.domain;
  const live = m.live && !m.logX && lo === 0 ? m.live : null;
  // Live: fine columns over the whole live span. Else: pixel columns over the domain.
  const span = live ? live.span : d1 - d0;
  const width = live ? m.width * LIVE_PARTS : m.width;
  const key = `${which}|${m.logX}|${m.logY}|${columns}|${m.left}|${live ? 'live' : ''}`;
  // The pixel column of a step is floor(u * width) for u in [0, 1] across the domain (M4.feed). A point exactly at
  // the domain's end gets its own last column, so that when a live domain doubles, column c of the halved aggregates
  // is exactly columns 2c and 2c + 1 of the old ones (floor(floor(x) / 2) = floor(x / 2)).
  let cache = line.decimation[which];
  // Reuse: same mapping, same domain start, the span a power-of-two multiple of the cached one, and the points fed
  // so far all inside it (live appends only add points at the end).
  if (cache && cache.key === key && !m.logX && cache.x0 === d0 && lo === 0 && cache.fed <= hi && doublesTo(cache.span, span)) {
    while (cache.span < span) {
      cache.m4.halve(values);
      cache.span *= 2;
    }
    cache.m4.feed(steps, values, cache.fed, hi, d0, span, width, false, m.logY);
    cache.fed = hi;
  } else {
    const agg = new M4(Math.max(1, Math.ceil(width)) + 1, true);
    const a = m.logX ? Math.log(d0) : d0;
    agg.feed(steps, values, lo, hi, a, m.logX ? Math.log(d1) - a : span, width, m.logX, m.logY);
    line.decimation[which] = cache = { key, m4: agg, fed: hi, x0: d0, span };
  }
  if (!live) return cache.m4;
  // A step at u of the live span is in fine column floor(u·W·LIVE_PARTS) and, over the shown domain, in pixel column
  // floor(u·W·LIVE_PARTS / parts), the same as floor(fine column / parts): pixel c is fine [c·parts, (c+1)·parts).
  if (cache.view?.parts !== live.parts) cache.view = { parts: live.parts, m4: new M4(columns + 1, true) };
  cache.view.m4.fold(cache.m4, live.parts, values);
  return cache.view.m4;
}

/** Whether doubling `from` some number of times (none included) gives exactly `to`. */
function doublesTo(from: number, to: number): boolean {
  while (from < to) from *= 2;
  return from === to;
}
