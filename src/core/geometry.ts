/**
 * SVG path geometry for series: lines (d3-shape writes their path text) with gaps at missing and non-finite values,
 * drawn in segments, and dots for points that no segment draws (a single point, or a point between two gaps), so no
 * value silently vanishes.
 */
import { line, type Line } from 'd3-shape';
import { CURVES, type CurveName } from './curve.js';

export interface XY {
  x: number;
  y: number;
}

/** Whether a value can be placed on the axis (finite, and positive on a log axis). */
export const drawable = (v: number, log: boolean): boolean => Number.isFinite(v) && (!log || v > 0);

/**
 * Vertices per path segment of a line. A long line is drawn as side-by-side segments rather than one path: the
 * browser rasterizes in tiles and strokes every path that crosses a tile in full, so one path of thousands of
 * vertices is stroked once per tile, while a segment only where it lies. A live append also rewrites, restyles and
 * repaints only the last segment or two. At 4 vertices per pixel column (a decimated line) a segment spans 64 px.
 */
export const SEGMENT_VERTICES = 256;

/**
 * A line's last path segments, kept so that the next drawing rebuilds only the segments that changed: those from
 * the first point that is not the same object as in the last drawing (as a live chart's decimation hands back for
 * the columns an append did not touch).
 */
export interface PathMemo {
  points: ReadonlyArray<XY | null>;
  segments: string[];
  /** The curve the segments were drawn with (a memo of another curve is not reused). */
  curve?: CurveName;
}

// One d3 line generator per curve: broken at nulls, reading the points' own x and y (no copy per point), writing
// coordinates to 2 decimals (exact enough for any screen, and short path data).
const generators = new Map<CurveName, Line<XY | null>>();
function generator(curve: CurveName): Line<XY | null> {
  let g = generators.get(curve);
  if (!g) {
    g = line<XY | null>()
      .defined((p) => p !== null)
      .x((p) => (p as XY).x)
      .y((p) => (p as XY).y)
      .curve(CURVES[curve])
      .digits(2);
    generators.set(curve, g);
  }
  return g;
}

/**
 * The `d` of the line through points `from` to `to` (exclusive), broken at nulls, written by d3-shape's `line()`. A
 * point with no drawable neighbour is closed (`M x,yZ`) so that round line caps still draw it as a dot. A run that
 * began before `from` continues from the point before it (`M prev L ...`), so that segments drawn side by side join.
 */
function segment(points: ReadonlyArray<XY | null>, from: number, to: number, curve: CurveName): string {
  const start = from > 0 && points[from - 1] && points[from] ? from - 1 : from;
  return generator(curve)(start === 0 && to === points.length ? (points as Array<XY | null>) : points.slice(start, to)) ?? '';
}

/** The `d` of the line through the points, broken at nulls, as one path; '' when nothing is drawn. */
export const linePath = (points: ReadonlyArray<XY | null>, curve: CurveName = 'linear'): string => segment(points, 0, points.length, curve);

/**
 * The same line as side-by-side path segments of `SEGMENT_VERTICES` points each (at least one segment, '' when
 * nothing is drawn). With a `memo` of the line's last drawing, the segments before the first changed point are
 * reused as they were, not rebuilt, and a renderer that compares each segment with its last finds them unchanged.
 */
export function linePaths(points: ReadonlyArray<XY | null>, memo?: PathMemo, curve: CurveName = 'linear'): string[] {
  let from = 0;
  if (memo && (memo.curve ?? 'linear') === curve) {
    const shared = Math.min(points.length, memo.points.length);
    while (from < shared && points[from] === memo.points[from]) from++;
  }
  // Segment k reads points k·S − 1 to (k + 1)·S (its neighbours decide joins and dots): it is unchanged while
  // (k + 1)·S < from.
  const count = Math.max(1, Math.ceil(points.length / SEGMENT_VERTICES));
  const keep = memo ? Math.min(count, Math.max(0, Math.ceil(from / SEGMENT_VERTICES) - 1)) : 0;
  const segments = memo ? memo.segments.slice(0, keep) : [];
  for (let k = keep; k < count; k++) segments.push(segment(points, k * SEGMENT_VERTICES, Math.min(points.length, (k + 1) * SEGMENT_VERTICES), curve));
  if (memo) {
    memo.points = points;
    memo.segments = segments;
    memo.curve = curve;
  }
  return segments;
}

/**
 * Where each segment of `linePaths(points)` starts along the stroke it continues, in px: the length of the line from
 * its last break to the segment's first vertex, 0 where a segment starts a new stroke. A dashed stroke starts its
 * pattern afresh in every path, so a renderer sets each segment's `stroke-dashoffset` to this and the dashes run on
 * across segments as they would in one path. (The path text rounds vertices to hundredths of a pixel; over a segment
 * that moves its start by a small fraction of a pixel at most, far below any dash.)
 */
export function dashOffsets(points: ReadonlyArray<XY | null>, curve: CurveName = 'linear'): number[] {
  const offsets = [0];
  let run = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (i % SEGMENT_VERTICES === 0) offsets.push(a && b ? Math.round(run * 100) / 100 : 0);
    if (a && b) {
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      // A step runs across, then up or down; a monotone curve is measured along its chords.
      run += curve === 'step' ? Math.abs(dx) + Math.abs(dy) : Math.sqrt(dx * dx + dy * dy);
    } else run = 0;
  }
  return offsets;
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

const hundredths = (v: number) => Math.round(v * 100) / 100;

/** One path of circles (two arcs each) of radius r: a single element however many markers. */
export function dotsPath(points: ReadonlyArray<XY>, r: number): string {
  let d = '';
  for (const { x, y } of points) d += `M${hundredths(x - r)},${hundredths(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  return d;
}

/**
 * The vertices of a step line through the points (d3's `curveStepAfter`): each value holds until the next point's
 * x, where the line rises or falls to the next value. Breaks (nulls) stay breaks. For what reads a line's geometry
 * (label placement, areas); the path itself is d3's.
 */
export function stepAfter(points: ReadonlyArray<XY | null>): Array<XY | null> {
  const out: Array<XY | null> = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b && b.x !== a.x) out.push({ x: b.x, y: a.y });
    out.push(b);
  }
  return out;
}
