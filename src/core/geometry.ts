/**
 * SVG path geometry for series: polylines with gaps at missing and non-finite values, and dots for points that
 * no segment draws (a single point, or a point between two gaps), so no value silently vanishes.
 */
import type { NumericScale } from './axes.js';

export interface XY {
  x: number;
  y: number;
}

/** Whether a value can be placed on the axis (finite, and positive on a log axis). */
export const drawable = (v: number, log: boolean): boolean => Number.isFinite(v) && (!log || v > 0);

/** Pixel positions of the drawable points; a non-drawable point is `null` (it breaks the line). */
export function project(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  x: NumericScale,
  y: NumericScale,
  logX: boolean,
  logY: boolean,
): Array<XY | null> {
  const out = new Array<XY | null>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    out[i] = drawable(values[i], logY) && drawable(steps[i], logX) ? { x: x(steps[i]), y: y(values[i]) } : null;
  }
  return out;
}

/** A pixel coordinate to 2 decimals: exact enough for any screen, and short path data. */
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * A line's last path data, kept so that the next one redraws only the points after those it shares with the last
 * (the same objects, as a live chart's decimation hands back for the columns an append did not touch).
 */
export interface PathMemo {
  points: ReadonlyArray<XY | null>;
  parts: string[];
  /** Per point, and once more after the last: how many parts came before it, and the length of the run before it. */
  partAt: number[];
  runAt: number[];
}

/**
 * The `d` of a polyline through the points, broken at nulls; '' when nothing is drawn. A run of one point is closed
 * (`M x,yZ`) so that round line caps still draw it as a dot. Joined from parts rather than appended to, so a chart
 * keeps one flat string per path, not a rope of thousands of pieces. With a `memo` of the line's last path, the
 * parts of the points it shares with the last one are reused.
 */
export function linePath(points: ReadonlyArray<XY | null>, memo?: PathMemo): string {
  let from = 0;
  if (memo) {
    const shared = Math.min(points.length, memo.points.length);
    while (from < shared && points[from] === memo.points[from]) from++;
  }
  const { parts, partAt, runAt }: Omit<PathMemo, 'points'> = memo ?? { parts: [], partAt: [], runAt: [] };
  parts.length = from ? partAt[from] : 0;
  let run = from ? runAt[from] : 0;
  partAt.length = runAt.length = from;
  for (let i = from; i < points.length; i++) {
    partAt.push(parts.length);
    runAt.push(run);
    const p = points[i];
    if (p) parts.push((run++ ? 'L' : 'M') + round(p.x) + ',' + round(p.y));
    else {
      if (run === 1) parts.push('Z');
      run = 0;
    }
  }
  partAt.push(parts.length);
  runAt.push(run);
  if (run === 1) parts.push('Z');
  if (memo) memo.points = points;
  return parts.join('');
}

/** The points that no segment draws: drawable with no drawable neighbour. */
export function isolatedPoints(points: Array<XY | null>): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p && !points[i - 1] && !points[i + 1]) out.push(p);
  }
  return out;
}

/** One path of circles (two arcs each) of radius r: a single element however many markers. */
export function dotsPath(points: ReadonlyArray<XY>, r: number): string {
  let d = '';
  for (const { x, y } of points) {
    d += `M${round(x - r)},${round(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}
