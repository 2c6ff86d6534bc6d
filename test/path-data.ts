/**
 * Reading drawn paths back, shared by the unit tests, the browser tests and the stories' play functions: a curve is
 * drawn as side-by-side path segments (see `linePaths`), and checks read it as the one path those segments draw.
 */

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
export const coords = (d: string): Array<[number, number]> =>
  [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
