import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { M4 } from '../../src/core/m4.js';
import { snapshot } from './m4-snapshot.js';

/** One point fed to an aggregate: its column, whether it can be drawn, and its value. */
interface Fed {
  column: number;
  ok: boolean;
  value: number;
}

/** Feeds points (in index order) into a fresh M4, optionally mapping each column through `map`. */
function build(columns: number, points: Fed[], map: (c: number) => number = (c) => c): { agg: M4; values: number[] } {
  const agg = new M4(columns);
  const values = points.map((p) => (p.ok ? p.value : NaN));
  points.forEach((p, i) => agg.add(map(p.column), i, p.ok, values));
  return { agg, values };
}

/** Two aggregates hold the same columns and draw the same vertices. */
function expectSameColumns(agg: M4, direct: M4): void {
  expect(snapshot(agg)).toEqual(snapshot(direct));
  expect(agg.vertices()).toEqual(direct.vertices());
}

/**
 * The kept indices the spec asks for, computed from scratch: per column the first, min, max and last drawable
 * point (ties: the earliest), in index order; -1 between two kept points of different columns when a point that
 * cannot be drawn lies between them. No break before the first or after the last kept point.
 */
function referenceVertices(columns: number, points: Fed[]): number[] {
  const kept: number[][] = Array.from({ length: columns }, () => []);
  for (let c = 0; c < columns; c++) {
    const idx = points.map((p, i) => (p.column === c && p.ok ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    let lo = idx[0];
    let hi = idx[0];
    for (const i of idx) {
      if (points[i].value < points[lo].value) lo = i;
      if (points[i].value > points[hi].value) hi = i;
    }
    kept[c] = [...new Set([idx[0], lo, hi, idx[idx.length - 1]])].sort((a, b) => a - b);
  }
  const out: number[] = [];
  let prev = -1;
  for (const col of kept) {
    if (!col.length) continue;
    if (prev >= 0 && points.slice(prev + 1, col[0]).some((p) => !p.ok)) out.push(-1);
    out.push(...col);
    prev = col[col.length - 1];
  }
  return out;
}

/** Points with non-decreasing columns in [0, columns), some not drawable, values with many ties. */
const fedPoints = (columns: number, maxLength = 200) =>
  fc
    .array(
      fc.record({
        move: fc.integer({ min: 0, max: 19 }),
        ok: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        value: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      }),
      { maxLength, size: 'max' },
    )
    .map((raw) => {
      let c = 0;
      const out: Fed[] = [];
      for (const r of raw) {
        c += r.move === 19 ? 2 : r.move === 18 ? 1 : 0; // mostly stay, sometimes move a column or two
        if (c >= columns) break;
        out.push({ column: c, ok: r.ok, value: r.value });
      }
      return out;
    });

describe('M4.add', () => {
  it('M4.add keeps the first, min, max and last drawable index of a column (ties keep the earliest)', () => {
    const values = [5, 1, 9, 1, 9, 3];
    const agg = new M4(1);
    values.forEach((_, i) => agg.add(0, i, true, values));
    expect([agg.first[0], agg.min[0], agg.max[0], agg.last[0]]).toEqual([0, 1, 2, 5]);
    expect([agg.lead[0], agg.trail[0], agg.gap[0]]).toEqual([0, 0, 0]);
  });

  it('M4.add flags points that cannot be drawn before (lead), after (trail) or instead of (gap) drawable ones', () => {
    const values = [NaN, 2, NaN, 3, NaN];
    const agg = new M4(3);
    agg.add(0, 0, false, values);
    expect([agg.first[0], agg.gap[0]]).toEqual([-1, 1]);
    agg.add(0, 1, true, values);
    expect([agg.first[0], agg.lead[0], agg.gap[0], agg.trail[0]]).toEqual([1, 1, 0, 0]);
    agg.add(0, 2, false, values);
    expect(agg.trail[0]).toBe(1);
    // A drawable point after the gap, in the same column: the column stays one stroke.
    agg.add(0, 3, true, values);
    expect([agg.last[0], agg.trail[0]]).toEqual([3, 0]);
    agg.add(2, 4, false, values);
    expect([agg.first[2], agg.gap[2]]).toEqual([-1, 1]);
    expect([agg.first[1], agg.gap[1]]).toEqual([-1, 0]);
  });
});

describe('M4.feed', () => {
  /** Steps 1..n, some NaN or non-positive values, split into arbitrary feed calls. */
  const line = fc.record({
    values: fc.array(fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(NaN), fc.constant(0)), { minLength: 1, maxLength: 300, size: 'max' }),
    cuts: fc.array(fc.nat(300), { maxLength: 4 }),
    columns: fc.integer({ min: 1, max: 40 }),
    logX: fc.boolean(),
    logY: fc.boolean(),
  });

  it('M4.feed in any number of calls equals add() point by point with the same pixel columns (fast-check)', () => {
    fc.assert(
      fc.property(line, ({ values, cuts, columns, logX, logY }) => {
        const steps = values.map((_, i) => i + 1);
        const n = steps.length;
        const x0 = logX ? Math.log(1) : 1;
        const span = (logX ? Math.log(n) : n) - x0 || 1;
        const byAdd = new M4(columns + 1, true);
        steps.forEach((s, i) => {
          const c = Math.min(columns, Math.max(0, Math.floor((((logX ? Math.log(s) : s) - x0) * columns) / span)));
          const v = values[i];
          byAdd.add(c, i, Number.isFinite(v) && (!logY || v > 0), values);
        });
        const fed = new M4(columns + 1, true);
        const bounds = [0, ...cuts.map((c) => Math.min(c, n)).sort((a, b) => a - b), n];
        for (let k = 1; k < bounds.length; k++) fed.feed(steps, values, bounds[k - 1], bounds[k], x0, span, columns, logX, logY);
        expect(snapshot(fed)).toEqual(snapshot(byAdd));
      }),
    );
  });
});

describe('M4.vertices', () => {
  it('M4.vertices lists each column’s kept points once, in index order', () => {
    // Column 0: first 0, max 1, min 2, last 3. Column 1: a single point. Column 2: first = min, last = max.
    const values = [2, 5, 0, 3, 7, 1, 4];
    const agg = new M4(3);
    [0, 0, 0, 0, 1, 2, 2].forEach((c, i) => agg.add(c, i, true, values));
    expect(agg.vertices()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('M4.vertices breaks between columns across a column that holds only points that cannot be drawn', () => {
    const values = [1, 2, NaN, NaN, 3, 4];
    const agg = new M4(3);
    [0, 0, 1, 1, 2, 2].forEach((c, i) => agg.add(c, i, Number.isFinite(values[i]), values));
    expect(agg.vertices()).toEqual([0, 1, -1, 4, 5]);
  });

  it('M4.vertices breaks on a trailing or leading gap of a column but not on a gap inside one', () => {
    const values = [1, NaN, 2, NaN, 3, NaN, 4, 5];
    const agg = new M4(3);
    // Column 0: 1, NaN, 2, NaN (trail) | column 1: 3, NaN (trail) | column 2: 4, 5.
    [0, 0, 0, 0, 1, 1, 2, 2].forEach((c, i) => agg.add(c, i, Number.isFinite(values[i]), values));
    expect(agg.vertices()).toEqual([0, 2, -1, 4, -1, 6, 7]);
  });

  it('M4.vertices never starts or ends with a break and never repeats one', () => {
    const values = [NaN, NaN, 1, NaN, NaN, NaN];
    const agg = new M4(4);
    [0, 0, 1, 2, 3, 3].forEach((c, i) => agg.add(c, i, Number.isFinite(values[i]), values));
    expect(agg.vertices()).toEqual([2]);
  });

  it('M4.vertices equals the from-scratch first/min/max/last of each column, with breaks at gaps (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n))),
        ([columns, points]) => {
          const { agg } = build(columns, points);
          expect(agg.vertices()).toEqual(referenceVertices(columns, points));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('M4.vertices keeps at most 4 points per column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n, 400))),
        ([columns, points]) => {
          const { agg } = build(columns, points);
          const perColumn = new Array(columns).fill(0);
          for (const i of agg.vertices()) if (i >= 0) perColumn[points[i].column]++;
          for (const k of perColumn) expect(k).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('M4 with an edge column', () => {
  it('M4(columns, edge).vertices(values) draws the last column merged into the one before, and keeps the aggregates (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n))),
        ([columns, points]) => {
          const values = points.map((p) => (p.ok ? p.value : NaN));
          const agg = new M4(columns, true);
          points.forEach((p, i) => agg.add(p.column, i, p.ok, values));
          const before = snapshot(agg);
          const folded = points.map((p) => ({ ...p, column: Math.min(p.column, columns - 2) }));
          expect(agg.vertices(values)).toEqual(referenceVertices(columns - 1, folded));
          expect(snapshot(agg)).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('M4.halve', () => {
  it('M4.halve merges columns (0,1) and (2,3) and empties the upper half', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const agg = new M4(4);
    [0, 0, 1, 1, 2, 2, 3, 3].forEach((c, i) => agg.add(c, i, true, values));
    agg.halve(values);
    expect(snapshot(agg)).toEqual({
      first: [0, 4, -1, -1],
      min: [1, 6, -1, -1],
      max: [2, 5, -1, -1],
      last: [3, 7, -1, -1],
      lead: [0, 0, 0, 0],
      trail: [0, 0, 0, 0],
      gap: [0, 0, 0, 0],
    });
  });

  it('M4.halve keeps gap flags: an all-gap pair stays a gap, a gap beside points becomes their lead or trail', () => {
    const values = [NaN, 1, 2, NaN, NaN, NaN];
    const agg = new M4(6);
    // Columns: 0 gap | 1 point | 2 point | 3 gap | 4 gap | 5 nothing.
    [0, 1, 2, 3, 4].forEach((c, i) => agg.add(c, i, Number.isFinite(values[i]), values));
    agg.halve(values);
    expect(snapshot(agg)).toEqual({
      first: [1, 2, -1, -1, -1, -1],
      min: [1, 2, -1, -1, -1, -1],
      max: [1, 2, -1, -1, -1, -1],
      last: [1, 2, -1, -1, -1, -1],
      lead: [1, 0, 0, 0, 0, 0],
      trail: [0, 1, 0, 0, 0, 0],
      gap: [0, 0, 1, 0, 0, 0],
    });
    // Nothing lies between points 1 and 2: no break, though each merged column carries a gap flag on its far side.
    expect(agg.vertices()).toEqual([1, 2]);
  });

  it('M4.halve on an odd number of columns merges the last column alone', () => {
    const values = [1, 2, 3];
    const agg = new M4(3);
    [0, 1, 2].forEach((c, i) => agg.add(c, i, true, values));
    agg.halve(values);
    expect([...agg.first]).toEqual([0, 2, -1]);
    expect([...agg.last]).toEqual([1, 2, -1]);
  });

  it('M4.halve equals aggregating the union of each column pair directly (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n))),
        ([columns, points]) => {
          const { agg, values } = build(columns, points);
          agg.halve(values);
          expectSameColumns(agg, build(columns, points, (c) => c >> 1).agg);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('M4.halve twice equals aggregating quarters directly, and points added after a halve land as if fed directly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n), fedPoints(n))),
        ([columns, before, after]) => {
          // `after` continues in the halved columns from the last column of `before`.
          const start = before.length ? before[before.length - 1].column >> 2 : 0;
          const later = after.map((p) => ({ ...p, column: Math.min(columns - 1, start + p.column) }));
          const all = [...before.map((p) => ({ ...p, column: p.column >> 2 })), ...later];
          const values = all.map((p) => (p.ok ? p.value : NaN));
          const agg = new M4(columns);
          before.forEach((p, i) => agg.add(p.column, i, p.ok, values));
          agg.halve(values);
          agg.halve(values);
          later.forEach((p, k) => agg.add(p.column, before.length + k, p.ok, values));
          const { agg: direct } = build(columns, all);
          expect(snapshot(agg)).toEqual(snapshot(direct));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('M4.fold', () => {
  it('M4.fold equals aggregating each group of fine columns directly, the last column taking the rest (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fedPoints(n), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }))),
        ([columns, points, group, coarse]) => {
          const { agg: fine, values } = build(columns, points);
          const view = new M4(coarse);
          view.fold(fine, group, values);
          expectSameColumns(view, build(coarse, points, (c) => Math.min(coarse - 1, Math.floor(c / group))).agg);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('M4.fold after feeds, halvings and new groups equals a fresh fold, redrawing only from the changed column (fast-check)', () => {
    // A live chart: fine columns over a doubling span, shown `parts` sixteenths of it wide, as layoutCurves does.
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 400,
          size: 'max',
        }),
        fc.array(fc.nat(400), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        (values, cuts, columns) => {
          const parts = 16;
          const steps = values.map((_, i) => i + 1);
          const n = steps.length;
          let span = Math.max(1, Math.ceil(n / 8));
          const fine = new M4(columns * parts + 1, true);
          let view = null as { group: number; m4: M4 } | null;
          let previous: number[] | null = null;
          const bounds = [0, ...cuts.map((c) => Math.min(c, n)).sort((a, b) => a - b), n];
          for (let k = 1; k < bounds.length; k++) {
            const to = bounds[k];
            if (to === bounds[k - 1]) continue;
            while (steps[to - 1] - 1 > span) {
              fine.halve(values);
              span *= 2;
            }
            fine.feed(steps, values, bounds[k - 1], to, 1, span, columns * parts, false, false);
            const group = Math.max(1, Math.ceil(((steps[to - 1] - 1) * parts) / span));
            const same = view?.group === group;
            if (!same) view = { group, m4: new M4(columns + 1, true) };
            view!.m4.fold(fine, group, values);
            const got = view!.m4.vertices(values);
            // The same pixel columns fed directly over the shown domain, [1, 1 + span * group / 16].
            const direct = new M4(columns + 1, true);
            direct.feed(steps, values, 0, to, 1, (span * group) / parts, columns, false, false);
            expect(snapshot(view!.m4)).toEqual(snapshot(direct));
            expect(got).toEqual(direct.vertices(values));
            if (same && previous) expect(got.slice(0, view!.m4.changedFrom)).toEqual(previous.slice(0, view!.m4.changedFrom));
            previous = got;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('M4.fold after an append to the last fine column merges and redraws only the last pixel column', () => {
    const values = Array.from({ length: 64 }, (_, i) => (i * 7) % 5);
    const steps = values.map((_, i) => i + 1);
    // 4 pixel columns of 4 fine columns over [1, 65]: 4 steps per fine column, 16 per pixel column.
    const fine = new M4(17, true);
    fine.feed(steps, values, 0, 60, 1, 64, 16, false, false);
    const view = new M4(5, true);
    view.fold(fine, 4, values);
    const before = view.vertices(values);
    fine.feed(steps, values, 60, 64, 1, 64, 16, false, false);
    view.fold(fine, 4, values);
    const after = view.vertices(values);
    expect(after.slice(0, view.changedFrom)).toEqual(before.slice(0, view.changedFrom));
    // Columns 0-2 (the first three pixel columns) are kept; only the last is drawn again.
    expect(view.changedFrom).toBe(before.findIndex((i) => i >= 48));
  });
});

describe('M4.vertices between appends', () => {
  /** Steps 1..n with NaN, 0 and ties, cut into batches; a vertices() call after some batches; halving now and then. */
  const live = fc.record({
    values: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(NaN)), {
      minLength: 1,
      maxLength: 400,
      size: 'max',
    }),
    cuts: fc.array(fc.nat(400), { minLength: 1, maxLength: 8 }),
    draws: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    halveAt: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    columns: fc.integer({ min: 2, max: 30 }),
    edge: fc.boolean(),
  });

  it('M4.vertices after any feeds and halvings equals a fresh aggregate’s, and keeps its last result before changedFrom (fast-check)', () => {
    fc.assert(
      fc.property(live, ({ values, cuts, draws, halveAt, columns, edge }) => {
        const steps = values.map((_, i) => i + 1);
        const n = steps.length;
        const columnsOf = edge ? columns + 1 : columns;
        let span = Math.max(1, Math.ceil(n / 4));
        const agg = new M4(columnsOf, edge);
        let previous: number[] | null = null;
        const bounds = [0, ...cuts.map((c) => Math.min(c, n)).sort((a, b) => a - b), n];
        for (let k = 1; k < bounds.length; k++) {
          let to = bounds[k];
          // A live domain doubles before it would clamp points into its last column. Halving is exact only with an
          // edge column, where a point at the domain's end waits for the doubled domain's middle column.
          while (steps[to - 1] - 1 > span && halveAt[k] && edge) {
            agg.halve(values);
            span *= 2;
          }
          if (steps[to - 1] - 1 > span) to = bounds[k - 1];
          agg.feed(steps, values, bounds[k - 1], to, 1, span, columns, false, false);
          bounds[k] = to;
          if (!draws[k] && k < bounds.length - 1) continue;
          const got = agg.vertices(values);
          const fresh = new M4(columnsOf, edge);
          fresh.feed(steps, values, 0, to, 1, span, columns, false, false);
          expect(got).toEqual(fresh.vertices(values));
          if (previous) expect(got.slice(0, agg.changedFrom)).toEqual(previous.slice(0, agg.changedFrom));
          previous = got;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('M4.vertices after an append to the last column redraws only that column', () => {
    const values = [1, 5, 2, 4, 3, 6, 0, 2, 9, 1];
    const steps = values.map((_, i) => i + 1);
    const agg = new M4(5);
    // Two steps per column over [1, 11]: steps 1..7 fill columns 0-2 and start column 3.
    agg.feed(steps, values, 0, 7, 1, 10, 5, false, false);
    const before = agg.vertices(values);
    expect(before).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Step 8 joins column 3, steps 9 and 10 open column 4: columns 0-2 are kept.
    agg.feed(steps, values, 7, 10, 1, 10, 5, false, false);
    const after = agg.vertices(values);
    expect(after).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(agg.changedFrom).toBe(6);
    expect(agg.vertices(values)).toEqual(after);
    expect(agg.changedFrom).toBe(after.length);
  });

  it('M4.vertices redraws the last pixel column when only the end-of-domain column changed', () => {
    // 4 pixel columns over [1, 9] plus the edge column, which holds only step 9.
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 20];
    const steps = values.map((_, i) => i + 1);
    const agg = new M4(5, true);
    agg.feed(steps, values, 0, 8, 1, 8, 4, false, false);
    expect(agg.vertices(values)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    agg.feed(steps, values, 8, 9, 1, 8, 4, false, false);
    // Step 9 is drawn in the last pixel column: its max and last.
    expect(agg.vertices(values)).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
    expect(agg.changedFrom).toBe(6);
  });
});
