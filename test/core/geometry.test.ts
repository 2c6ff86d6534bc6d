import { describe, expect, it } from 'vitest';
import { curveLinear, curveMonotoneX, curveStepAfter } from 'd3-shape';
import fc from 'fast-check';
import { dashOffsets, dotsPath, drawable, isolatedPoints, linePath, linePaths, SEGMENT_VERTICES, type PathMemo, type XY } from '../../src/core/geometry.js';
import type { CurveName } from '../../src/core/curve.js';
import { d3Line, joinPaths } from '../path-data.js';

/** The vertices of a path: one per M or L command. */
const vertices = (d: string) => d.match(/[ML]/g)?.length ?? 0;
const moves = (d: string) => d.match(/M/g)?.length ?? 0;

describe('drawable', () => {
  it('drawable(v, linear) is true for finite values only', () => {
    expect(drawable(0, false)).toBe(true);
    expect(drawable(-2, false)).toBe(true);
    expect(drawable(NaN, false)).toBe(false);
    expect(drawable(Infinity, false)).toBe(false);
  });

  it('drawable(v, log) also needs v > 0', () => {
    expect(drawable(0.001, true)).toBe(true);
    expect(drawable(0, true)).toBe(false);
    expect(drawable(-1, true)).toBe(false);
  });
});

describe('linePath', () => {
  it('linePath(points) draws one vertex per point with 2-decimal coordinates', () => {
    const d = linePath([
      { x: 1.234, y: 5.678 },
      { x: 10, y: 20 },
      { x: 30, y: 40 },
    ]);
    expect(d).toBe('M1.23,5.68L10,20L30,40');
    expect(vertices(d)).toBe(3);
  });

  it('linePath(points with nulls) breaks the line into one M segment per run', () => {
    const p = (v: number): XY => ({ x: v, y: v });
    const d = linePath([p(1), p(2), null, p(3), p(4), null, null, p(5), p(6)]);
    expect(d).toBe('M1,1L2,2M3,3L4,4M5,5L6,6');
    expect(moves(d)).toBe(3);
    expect(vertices(d)).toBe(6);
  });

  it("linePath([]) and linePath([null, null]) are ''", () => {
    expect(linePath([])).toBe('');
    expect(linePath([null, null])).toBe('');
  });

  it('linePath(single point) is a move with no segment, so the point needs a dot', () => {
    expect(linePath([{ x: 5, y: 6 }])).toBe('M5,6Z');
  });
});

const d3Curves = { linear: curveLinear, step: curveStepAfter, monotone: curveMonotoneX };

describe('linePaths', () => {
  const point = fc.option(fc.record({ x: fc.double({ min: -1e4, max: 1e4, noNaN: true }), y: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }), { freq: 4 });
  const S = SEGMENT_VERTICES;
  /** A run of n points along a diagonal, each a new object. */
  const diagonal = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ x: from + i, y: from + i }));

  it('linePaths(points) splits the line every SEGMENT_VERTICES points, each segment continuing from the last one’s end', () => {
    const segments = linePaths(diagonal(2 * S + 10));
    expect(segments).toHaveLength(3);
    expect(segments.map(vertices)).toEqual([S, S + 1, 11]);
    expect(segments[1].startsWith(`M${S - 1},${S - 1}L${S},${S}`)).toBe(true);
    expect(segments[2].startsWith(`M${2 * S - 1},${2 * S - 1}L`)).toBe(true);
    expect(joinPaths(segments)).toBe(linePath(diagonal(2 * S + 10)));
  });

  it('linePaths(points) starts a segment after a break with a plain move, and closes an isolated point at a segment’s edge', () => {
    const points: Array<XY | null> = diagonal(S + 3);
    points[S - 2] = null;
    points[S] = null;
    // S − 1 is alone at the end of the first segment; S + 1 starts a new run at the start of the second.
    const [first, second] = linePaths(points);
    expect(first.endsWith(`M${S - 1},${S - 1}Z`)).toBe(true);
    expect(second).toBe(`M${S + 1},${S + 1}L${S + 2},${S + 2}`);
    expect(linePaths([])).toEqual(['']);
    expect(linePaths([null, null])).toEqual(['']);
  });

  it('each segment of linePaths(points, curve) is d3 line().curve().digits(2) of its points, from the last one’s end when the line runs on (fast-check)', () => {
    fc.assert(
      // x ascends, as along a curve.
      fc.property(fc.array(point, { maxLength: 3 * S, size: 'max' }), fc.constantFrom<CurveName>('linear', 'step', 'monotone'), (raw, curve) => {
        const points = raw.map((p, i) => p && { x: i + p.x / 1e5, y: p.y });
        const segments = linePaths(points, undefined, curve);
        expect(segments).toHaveLength(Math.max(1, Math.ceil(points.length / S)));
        const d3line = d3Line(d3Curves[curve]);
        segments.forEach((d, k) => {
          const from = k * S;
          const start = from > 0 && points[from - 1] && points[from] ? from - 1 : from;
          expect(d).toBe(d3line(points.slice(start, from + S)) ?? '');
        });
        // Side by side, the linear segments draw the one path d3 draws, but for a run that starts on a segment's
        // last point (the segment closes it as a dot, where the next segment's line starts).
        if (curve === 'linear' && !points.some((p, i) => i % S === S - 1 && p && !points[i - 1] && points[i + 1])) {
          expect(joinPaths(segments)).toBe(linePath(points));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('linePaths(points, memo) equals linePaths(points) for lines that keep any prefix of the last one (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3 * S), fc.array(point, { maxLength: S + 40, size: 'max' })), { minLength: 1, maxLength: 8 }), (steps) => {
        const memo: PathMemo = { points: [], segments: [] };
        let last: Array<XY | null> = [];
        for (const [keep, tail] of steps) {
          // The same objects for the kept prefix (as decimation hands back), new ones after it.
          const points = [...last.slice(0, keep), ...tail];
          expect(linePaths(points, memo)).toEqual(linePaths(points));
          last = points;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('linePaths(points, memo) rebuilds the segments from the first changed point, and the one whose end it decides', () => {
    const memo: PathMemo = { points: [], segments: [] };
    const points: Array<XY | null> = diagonal(3 * S);
    points[S - 2] = null;
    const before = linePaths(points, memo);
    const changed = [...points.slice(0, 2 * S + 5), { x: 0, y: 0 }, ...points.slice(2 * S + 6)];
    const after = linePaths(changed, memo);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).not.toBe(before[2]);
    expect(after).toEqual(linePaths(changed));
    // Point S − 1 joins only point S, the first of the next segment: without it, the first segment ends in a dot.
    const broken = [...changed.slice(0, S), null, ...changed.slice(S + 1)];
    const again = linePaths(broken, memo);
    expect(again[0].endsWith(`M${S - 1},${S - 1}Z`)).toBe(true);
    expect(again).toEqual(linePaths(broken));
  });

  it('linePaths(points, memo) redraws a point that changed at the same index', () => {
    const memo: PathMemo = { points: [], segments: [] };
    const a = { x: 1, y: 1 };
    expect(linePaths([a, { x: 2, y: 2 }], memo)).toEqual(['M1,1L2,2']);
    expect(linePaths([a, { x: 3, y: 3 }], memo)).toEqual(['M1,1L3,3']);
    expect(linePaths([a], memo)).toEqual(['M1,1Z']);
    expect(linePaths([a, null, { x: 4, y: 4 }], memo)).toEqual(['M1,1ZM4,4Z']);
  });
});

describe('dashOffsets', () => {
  const S = SEGMENT_VERTICES;
  const flat = (n: number): Array<XY | null> => Array.from({ length: n }, (_, i) => ({ x: i, y: 0 }));

  it('dashOffsets(points) gives each segment the length of the line before its first vertex', () => {
    expect(dashOffsets(flat(3 * S))).toEqual([0, S - 1, 2 * S - 1]);
    // Steps of 3-4-5 triangles: 5 px per edge.
    const slanted = Array.from({ length: S + 2 }, (_, i) => ({ x: 3 * i, y: 4 * i }));
    expect(dashOffsets(slanted)).toEqual([0, 5 * (S - 1)]);
    expect(dashOffsets([])).toEqual([0]);
  });

  it('dashOffsets(points) starts again after a break, and is 0 for a segment that starts a new stroke', () => {
    const broken = flat(3 * S);
    broken[10] = null;
    // The stroke that segment 1 continues begins at point 11.
    expect(dashOffsets(broken)[1]).toBe(S - 1 - 11);
    const atEnd = flat(2 * S);
    atEnd[S - 1] = null;
    expect(dashOffsets(atEnd)).toEqual([0, 0]);
    const atStart = flat(2 * S);
    atStart[S] = null;
    expect(dashOffsets(atStart)).toEqual([0, 0]);
  });

  it('dashOffsets(points) equals the length walked back from each segment start to the last break (fast-check)', () => {
    const point = fc.option(fc.record({ x: fc.double({ min: 0, max: 800, noNaN: true }), y: fc.double({ min: 0, max: 400, noNaN: true }) }), { freq: 40 });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 4 * S, size: 'max' }), (points) => {
        const offsets = dashOffsets(points);
        expect(offsets).toHaveLength(Math.max(1, Math.ceil(points.length / S)));
        for (let k = 1; k < offsets.length; k++) {
          let length = 0;
          if (points[k * S])
            for (let i = k * S - 1; i > 0 && points[i] && points[i - 1]; i--)
              length += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
          expect(offsets[k]).toBeCloseTo(length, 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('isolatedPoints', () => {
  it('isolatedPoints(points) returns the points with no drawable neighbour', () => {
    const a = { x: 1, y: 1 };
    const b = { x: 2, y: 2 };
    const c = { x: 3, y: 3 };
    const d = { x: 4, y: 4 };
    const e = { x: 5, y: 5 };
    // a: first, then a gap; b-c: a segment; d: between gaps; e: last after a gap.
    expect(isolatedPoints([a, null, b, c, null, d, null, e])).toEqual([a, d, e]);
  });

  it('isolatedPoints(single point) is that point; a connected line has none', () => {
    expect(isolatedPoints([{ x: 1, y: 2 }])).toEqual([{ x: 1, y: 2 }]);
    expect(
      isolatedPoints([
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ]),
    ).toEqual([]);
    expect(isolatedPoints([null, null])).toEqual([]);
  });
});

describe('dotsPath', () => {
  it('dotsPath(points, r) draws each dot as two arcs in one path', () => {
    expect(dotsPath([{ x: 10, y: 20 }], 2.5)).toBe('M7.5,20a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0');
    const d = dotsPath(
      [
        { x: 10, y: 20 },
        { x: 1.005, y: 2.3333 },
      ],
      1,
    );
    expect(moves(d)).toBe(2);
    expect(d).toBe('M9,20a1,1 0 1,0 2,0a1,1 0 1,0 -2,0M0,2.33a1,1 0 1,0 2,0a1,1 0 1,0 -2,0');
  });

  it("dotsPath([], r) is ''", () => {
    expect(dotsPath([], 3)).toBe('');
  });
});

describe('linePath against d3-shape', () => {
  it('linePath(points, curve) equals d3-shape line().defined().curve().digits(2) on random lines with breaks (fast-check)', () => {
    const point = fc.option(fc.record({ x: fc.double({ min: -1e4, max: 1e4, noNaN: true }), y: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }), { freq: 4 });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 40, size: 'max' }), fc.constantFrom<CurveName>('linear', 'step', 'monotone'), (points, curve) => {
        const d3line = d3Line(d3Curves[curve]);
        expect(linePath(points, curve)).toBe(d3line(points) ?? '');
      }),
    );
  });

  it('linePaths(points, memo, curve) does not reuse segments drawn with another curve', () => {
    const memo: PathMemo = { points: [], segments: [] };
    const points = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
    ];
    expect(linePaths(points, memo)).toEqual(['M0,0L10,10']);
    expect(linePaths(points, memo, 'step')).toEqual(['M0,0L10,0L10,10']);
  });
});
