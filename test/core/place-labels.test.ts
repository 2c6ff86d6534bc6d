import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InkGrid, besideMark, labelBox, placeLabels, type Box, type LabelRequest } from '../../src/core/place-labels.js';

const bounds: Box = { x0: 40, y0: 10, x1: 440, y1: 250 };
const metrics = { charWidth: 7, lineHeight: 14 };

type Pt = { x: number; y: number } | null;
const point = fc.option(fc.record({ x: fc.double({ min: 0, max: 480, noNaN: true }), y: fc.double({ min: -20, max: 280, noNaN: true }) }), { freq: 8 });
/** Long jumps, and short walks whose segments stay within a cell or two, as dense decimated lines have. */
const jumps = fc.array(point, { maxLength: 80, size: 'max' });
const walk = fc
  .tuple(
    fc.integer({ min: 0, max: 480 }),
    fc.integer({ min: 0, max: 260 }),
    fc.array(fc.option(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -6, max: 6 })), { freq: 12 }), {
      minLength: 20,
      maxLength: 200,
      size: 'max',
    }),
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

/** The cells a grid reports ink in, read one cell at a time through `cost`, as placeLabels reads them. */
function markedCells(grid: InkGrid, cell = 3): Set<string> {
  const cols = Math.ceil((bounds.x1 - bounds.x0) / cell);
  const rows = Math.ceil((bounds.y1 - bounds.y0) / cell);
  const out = new Set<string>();
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const x = bounds.x0 + c * cell + 1;
      const y = bounds.y0 + r * cell + 1;
      if (grid.cost({ x0: x, y0: y, x1: x, y1: y }) > 0) out.add(`${c},${r}`);
    }
  }
  return out;
}

/** The cells in one set and not the other, both ways: empty lists when the sets are equal, and a readable diff when not. */
function difference(got: Set<string>, want: Set<string>): { extra: string[]; missing: string[] } {
  return { extra: [...got].filter((k) => !want.has(k)), missing: [...want].filter((k) => !got.has(k)) };
}

describe('InkGrid', () => {
  // One comparison of two cell sets per run, not one `expect` per cell (10,720 per run made this test take 18 s idle and
  // 48 s on a loaded machine). A fixed seed makes every run check the same curves, so a failure reproduces.
  it('marks exactly the cells that half-cell sampling of each segment reaches (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(curve, { maxLength: 4 }), (curves) => {
        expect(difference(markedCells(unfocused(curves)), referenceCells(curves))).toEqual({ extra: [], missing: [] });
      }),
      { numRuns: 150, seed: 14 },
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
    const curves = [
      [
        { x: 40, y: 45 },
        { x: 440, y: 45 },
      ],
    ];
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
    const [a, b] = placeLabels(
      [
        { text: 'best', candidates },
        { text: 'onset', candidates },
      ],
      { bounds, ...metrics },
    );
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

/** Whether two boxes share area (touching edges do not count). */
const meets = (a: Box, b: Box) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
const grown = (b: Box, d: number): Box => ({ x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d });

describe('placeLabels: crowded plots', () => {
  const drop = { ...metrics, crowded: 'drop' as const };

  it('placeLabels(crowded: "drop") leaves out a label whose every candidate covers a curve', () => {
    const curves = [
      [
        { x: 40, y: 45 },
        { x: 440, y: 45 },
      ],
    ];
    const placed = placeLabels([{ text: 'onset', candidates: besideMark(100, 100, [50]) }], { bounds, curves, ...drop });
    expect(placed).toEqual([]);
    // The default still shows it, at the least-bad candidate.
    expect(placeLabels([{ text: 'onset', candidates: besideMark(100, 100, [50]) }], { bounds, curves, ...metrics })).toHaveLength(1);
  });

  it('placeLabels(crowded: "drop") leaves out a label that would stick out of the bounds', () => {
    expect(placeLabels([{ text: 'far too long for the plot', candidates: [{ x: 420, y: 50, anchor: 'start' }] }], { bounds, ...drop })).toEqual([]);
  });

  it('placeLabels(short) uses the short text where the full text fits nowhere', () => {
    // A vertical line 36 px right of the candidate: "EarlyStopping(patience=5)" (175 px) crosses it, "stop" (28 px)
    // does not.
    const obstacles = [{ x0: 140, y0: 10, x1: 141, y1: 250 }];
    const request = { text: 'EarlyStopping(patience=5)', short: 'stop', candidates: [{ x: 104, y: 50, anchor: 'start' as const }] };
    const [placed] = placeLabels([request], { bounds, obstacles, ...drop });
    expect(placed).toMatchObject({ text: 'stop', anchor: 'start', x: 104 });
    // The full text at a later candidate comes before the short one at an earlier candidate.
    const later = { ...request, candidates: [...request.candidates, { x: 400, y: 50, anchor: 'end' as const }] };
    expect(placeLabels([later], { bounds, obstacles, ...drop })[0]).toMatchObject({ text: 'EarlyStopping(patience=5)', x: 400 });
  });

  it('placeLabels(shortest) is tried last, where neither the full nor the short text fits', () => {
    // A vertical line 60 px right of the candidate: "stop (p=5), before best" (161 px) crosses it, "stop (p=5)" (70 px)
    // does too, "stop" (28 px) does not.
    const obstacles = [{ x0: 164, y0: 10, x1: 165, y1: 250 }];
    const request = {
      text: 'EarlyStopping(patience=5): stops before best',
      short: 'stop (p=5), before best',
      shortest: 'stop',
      candidates: [{ x: 104, y: 50, anchor: 'start' as const }],
    };
    expect(placeLabels([request], { bounds, obstacles, ...drop })[0]).toMatchObject({ text: 'stop', x: 104 });
    // The short text fits: it is taken before the shortest.
    const wider = [{ x0: 300, y0: 10, x1: 301, y1: 250 }];
    expect(placeLabels([request], { bounds, obstacles: wider, ...drop })[0]).toMatchObject({ text: 'stop (p=5), before best' });
    // Without a shortest text the label is dropped.
    const { shortest: _, ...noShortest } = request;
    expect(placeLabels([noShortest], { bounds, obstacles, ...drop })).toEqual([]);
  });

  it('placeLabels(priority) places higher priorities first: the lower one is dropped when both want one spot', () => {
    const candidates = besideMark(100, 100, [50]);
    const requests: LabelRequest[] = [
      { text: 'NaN at epoch 8', priority: 1, candidates },
      { text: 'early stop', priority: 4, candidates },
    ];
    const placed = placeLabels(requests, { bounds, ...drop });
    expect(placed.map((l) => [l.text, l.request])).toEqual([['early stop', 1]]);
  });

  it('placeLabels returns labels in request order, each with its request index', () => {
    const requests: LabelRequest[] = [
      { text: 'a', priority: 1, candidates: besideMark(100, 100, [50]) },
      { text: 'b', priority: 3, candidates: besideMark(200, 200, [50]) },
      { text: 'c', priority: 2, candidates: besideMark(300, 300, [50]) },
    ];
    expect(placeLabels(requests, { bounds, ...drop }).map((l) => [l.text, l.request])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('placeLabels(max) places at most max labels, the highest priorities first', () => {
    const requests: LabelRequest[] = [1, 2, 3, 4, 5].map((priority, i) => ({
      text: `p${priority}`,
      priority,
      candidates: besideMark(60 + 70 * i, 60 + 70 * i, [50]),
    }));
    expect(placeLabels(requests, { bounds, ...drop, max: 2 }).map((l) => l.text)).toEqual(['p4', 'p5']);
    expect(placeLabels(requests, { bounds, ...drop, max: 0 })).toEqual([]);
  });

  it('placeLabels(pad) keeps that much room between a label and the ink', () => {
    // Baseline 50: the box runs from 38.8 to 52.8; a line at 57 is 4.2 px below it, in the next row of 3 px cells.
    const curves = [
      [
        { x: 40, y: 57 },
        { x: 440, y: 57 },
      ],
    ];
    const candidates = besideMark(100, 100, [50, 80]);
    expect(placeLabels([{ text: 'best', candidates }], { bounds, curves, ...drop })[0].y).toBe(50);
    expect(placeLabels([{ text: 'best', candidates }], { bounds, curves, ...drop, pad: 3 })[0].y).toBe(80);
  });

  it('placeLabels(crowded: "drop") never places a label over another, an obstacle, ink or the bounds (fast-check)', () => {
    const obstacle = fc
      .record({
        x: fc.double({ min: 0, max: 480, noNaN: true }),
        y: fc.double({ min: 0, max: 260, noNaN: true }),
        w: fc.double({ min: 1, max: 40, noNaN: true }),
        h: fc.double({ min: 1, max: 40, noNaN: true }),
      })
      .map(({ x, y, w, h }) => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
    const prioritized = fc
      .tuple(request, fc.integer({ min: 0, max: 4 }), fc.option(fc.string({ minLength: 1, maxLength: 4 })))
      .map(([r, priority, short]) => ({ ...r, priority, ...(short ? { short } : {}) }));
    fc.assert(
      fc.property(
        fc.array(curve, { maxLength: 4 }),
        fc.array(prioritized, { minLength: 1, maxLength: 12 }),
        fc.array(obstacle, { maxLength: 6 }),
        fc.constantFrom(0, 1.5),
        (curves, random: LabelRequest[], obstacles, pad) => {
          const requests = nearCurves(random, curves);
          const placed = placeLabels(requests, { bounds, curves, obstacles, pad, ...drop });
          const ink = unfocused(curves);
          for (const [i, l] of placed.entries()) {
            const r = requests[l.request];
            expect([r.text, r.short]).toContain(l.text);
            expect(l.box).toEqual(labelBox(l, l.text, metrics.charWidth, metrics.lineHeight));
            expect(l.box.x0).toBeGreaterThanOrEqual(bounds.x0);
            expect(l.box.x1).toBeLessThanOrEqual(bounds.x1);
            expect(l.box.y0).toBeGreaterThanOrEqual(bounds.y0);
            expect(l.box.y1).toBeLessThanOrEqual(bounds.y1);
            expect(ink.cost(grown(l.box, pad))).toBe(0);
            for (const o of obstacles) expect(meets(grown(l.box, pad), o)).toBe(false);
            for (const other of placed.slice(i + 1)) expect(meets(grown(l.box, pad), other.box)).toBe(false);
          }
          // A request is dropped only when something of at least its priority took its place or none of its
          // candidates was ever clear: placing it alone, with no other label, must fail too.
          for (const [k, r] of requests.entries()) {
            if (placed.some((l) => l.request === k)) continue;
            const rivals = placed.filter((l) => (requests[l.request].priority ?? 0) >= (r.priority ?? 0));
            const alone = placeLabels([r], { bounds, curves, obstacles, pad, ...drop });
            if (alone.length) expect(rivals.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
