/**
 * Reading drawn paths back, shared by the unit tests, the browser tests and the stories' play functions: a curve is
 * drawn as side-by-side path segments (see `linePaths`), and checks read it as the one path those segments draw.
 */
import { line, type CurveFactory } from 'd3-shape';

/**
 * The one path that side-by-side segments from `linePaths` draw: each segment's leading move to the last one's end
 * is dropped. Equals `linePath` of the same points, unless a segment starts a new stroke exactly at the point where
 * the stroke before it ended (which the text alone cannot tell from a continuation): x ascends along a curve, so a
 * chart's curves never do.
 */
export const joinPaths = (segments: readonly string[]): string =>
  segments.reduce((d, s) => {
    // A continuation starts `M x,y L`, x,y being the last vertex drawn so far.
    const start = /^M([^MLZ]+)L/.exec(s);
    return d + (start && /[ML]([^MLZ]+)$/.exec(d)?.[1] === start[1] ? s.slice(start[0].length - 1) : s);
  }, '');

/**
 * The path data a node draws: a path's `d`, or for a curve (a `<g>` of path segments) the one path the segments
 * draw together. Null without a node.
 */
export function pathData(node: Element | null | undefined): string | null {
  if (!node) return null;
  if (node.localName !== 'g') return node.getAttribute('d');
  return joinPaths([...node.querySelectorAll(':scope > path')].map((p) => p.getAttribute('d') ?? ''));
}

/** The [x, y] of each M/L vertex of a path. */
export const coords = (d: string): Array<[number, number]> => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

/**
 * Whether the segment a-b passes through the box `[x0, x1] × [y0, y1]` (Liang–Barsky clipping): the check that a
 * label never covers a curve, in the unit and the browser tests alike.
 */
export function segmentMeetsBox(a: { x: number; y: number }, b: { x: number; y: number }, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - box.x0],
    [dx, box.x1 - a.x],
    [-dy, a.y - box.y0],
    [dy, box.y1 - a.y],
  ]) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** d3's own line through points with gaps at nulls, as the charts draw theirs: what their path text is checked against. */
export const d3Line = (curve: CurveFactory) =>
  line<{ x: number; y: number } | null>()
    .defined((p) => p !== null)
    .x((p) => p!.x)
    .y((p) => p!.y)
    .curve(curve)
    .digits(2);
