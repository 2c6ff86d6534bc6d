import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InkGrid, besideMark, labelBox, placeLabels, type Box, type LabelRequest } from '../../src/core/place-labels.js';

const bounds: Box = { x0: 40, y0: 10, x1: 440, y1: 250 };
const metrics = { charWidth: 7, lineHeight: 14 };

type Pt = { x: number; y: number } | null;
const point = fc.option(
  fc.record({ x: fc.double({ min: 0, max: 480, noNaN: true }), y: fc.double({ min: -20, max: 280, noNaN: true }) }),
  { freq: 8 },
);
/** Long jumps, and short walks whose segments stay within a cell or two, as dense decimated lines have. */
const jumps = fc.array(point, { maxLength: 80, size: 'max' });
const walk = fc
  .tuple(
    fc.integer({ min: 0, max: 480 }),
    fc.integer({ min: 0, max: 260 }),
    fc.array(fc.option(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -6, max: 6 })), { freq: 12 }), { minLength: 20, maxLength: 200, size: 'max' }),
  )
  .map(([x, y, steps]) =>
    steps.map((d) => {
      if (!d) return null;
      x += d[0] / 2;
      y += d[1] / 2;
      return { x, y };
    }),
  );
const curve = fc.oneof(jumps, walk);
const request = fc.record({
  text: fc.string({ minLength: 1, maxLength: 12 }),
  candidates: fc.array(
    fc.record({
      x: fc.double({ min: 0, max: 480, noNaN: true }),
      y: fc.double({ min: 0, max: 260, noNaN: true }),
      anchor: fc.constantFrom('start' as const, 'middle' as const, 'end' as const),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

/** Moves some candidates onto the curves, so that boxes and ink meet often, as they do on a real chart. */
function nearCurves(requests: LabelRequest[], curves: Pt[][]): LabelRequest[] {
  const points = curves.flat().filter((p): p is { x: number; y: number } => p !== null);
  if (!points.length) return requests;
  return requests.map((r) => ({
    ...r,
    candidates: r.candidates.map((c, i) => (i % 2 ? c : { ...c, ...points[Math.floor(c.x * 7919 + c.y) % points.length] })),
  }));
}

function unfocused(curves: Pt[][]): InkGrid {
  const ink = new InkGrid(bounds);
  for (const c of curves) ink.addPolyline(c);
  return ink;
}

/** The cells a polyline marks, sampled every half cell along each segment: the definition InkGrid implements. */
function referenceCells(curves: Pt[][], cell = 3): Set<string> {
  const cols = Math.ceil((bounds.x1 - bounds.x0) / cell);
  const rows = Math.ceil((bounds.y1 - bounds.y0) / cell);
  const out = new Set<string>();
  for (const curve of curves) {
    let prev: { c: number; r: number } | null = null;
    for (const p of curve) {
      if (!p) {
        prev = null;
        continue;
      }
      const c1 = (p.x - bounds.x0) / cell;
      const r1 = (p.y - bounds.y0) / cell;
      const { c: c0, r: r0 } = prev ?? { c: c1, r: r1 };
      prev = { c: c1, r: r1 };
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(c1 - c0), Math.abs(r1 - r0)) * 2));
      for (let k = 0; k <= steps; k++) {
        const c = Math.floor(c0 + ((c1 - c0) * k) / steps);
        const r = Math.floor(r0 + ((r1 - r0) * k) / steps);
        if (c >= 0 && c < cols && r >= 0 && r < rows) out.add(`${c},${r}`);
      }
    }
  }
  return out;
}

describe('InkGrid', () => {
  it('marks exactly the cells that half-cell sampling of each segment reaches (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(curve, { maxLength: 4 }), (curves) => {
        const grid = unfocused(curves);
        const want = referenceCells(curves);
        const cols = Math.ceil((bounds.x1 - bounds.x0) / 3);
        const rows = Math.ceil((bounds.y1 - bounds.y0) / 3);
        for (let c = 0; c < cols; c++) {
          for (let r = 0; r < rows; r++) {
            const x = bounds.x0 + c * 3 + 1;
            const y = bounds.y0 + r * 3 + 1;
            expect(grid.cost({ x0: x, y0: y, x1: x, y1: y }) > 0, `cell ${c},${r}`).toBe(want.has(`${c},${r}`));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('placeLabels', () => {
  it('takes the first clear candidate, in order', () => {
    const [placed] = placeLabels([{ text: 'best', candidates: besideMark(100, 100, [50, 80]) }], { bounds, ...metrics });
    expect(placed).toMatchObject({ x: 104, y: 50, anchor: 'start', text: 'best' });
  });

  it('skips a candidate that covers a curve', () => {
    // A flat line through the first candidate's box (baseline 50, box 38.8..52.8).
    const curves = [[{ x: 40, y: 45 }, { x: 440, y: 45 }]];
    const [placed] = placeLabels([{ text: 'onset', candidates: besideMark(100, 100, [50, 80]) }], { bounds, curves, ...metrics });
    expect(placed.y).toBe(80);
  });

  it('keeps a label inside the plot when the mark is at its right edge', () => {
    const [placed] = placeLabels([{ text: 'stop', candidates: besideMark(438, 438, [50]) }], { bounds, ...metrics });
    expect(placed.anchor).toBe('end');
    expect(placed.box.x1).toBeLessThanOrEqual(bounds.x1);
  });

  it('places a later label clear of an earlier one', () => {
    const candidates = besideMark(100, 100, [50, 80]);
    const [a, b] = placeLabels([{ text: 'best', candidates }, { text: 'onset', candidates }], { bounds, ...metrics });
    expect(a.y).toBe(50);
    expect(b.y).toBe(80);
  });

  it('rasterizing only around the candidates places every label as a full raster does', () => {
    fc.assert(
      fc.property(fc.array(curve, { maxLength: 4 }), fc.array(request, { minLength: 1, maxLength: 5 }), (curves, random: LabelRequest[]) => {
        const requests = nearCurves(random, curves);
        const focused = placeLabels(requests, { bounds, curves, ...metrics });
        const full = placeLabels(requests, { bounds, ink: unfocused(curves), ...metrics });
        expect(focused).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });

  it('a focused grid reads the same ink as a full one under every focus box', () => {
    fc.assert(
      fc.property(fc.array(curve, { maxLength: 4 }), fc.array(request, { minLength: 1, maxLength: 5 }), (curves, random) => {
        const requests = nearCurves(random, curves);
        const boxes = requests.flatMap((r) => r.candidates.map((c) => labelBox(c, r.text, metrics.charWidth, metrics.lineHeight)));
        const focused = new InkGrid(bounds);
        focused.focus(boxes);
        for (const c of curves) focused.addPolyline(c);
        const full = unfocused(curves);
        for (const b of boxes) expect(focused.cost(b)).toBe(full.cost(b));
      }),
      { numRuns: 300 },
    );
  });
});
