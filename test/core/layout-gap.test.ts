import { describe, expect, it } from 'vitest';
import { layoutGap } from '../../src/core/layout-gap.js';
import { prepareCurves } from '../../src/core/prepare-curves.js';
import { random } from '../elements/decimation-helpers.js';
import { coords } from '../path-data.js';

/** Training and validation at every step, validation drifting up after step n/2, with one validation spike. */
function run(n: number, spikeAt: number) {
  const rnd = random(11);
  const train = Array.from({ length: n }, (_, i) => 1 / (1 + i / 500) + 0.01 * rnd());
  const validation = train.map((v, i) => v + 0.05 + (i > n / 2 ? (i - n / 2) * 2e-5 : 0) + 0.02 * rnd() + (i === spikeAt ? 0.6 : 0));
  return prepareCurves({ train, validation });
}

describe('layoutGap decimation', () => {
  const n = 20_000;
  const spikeAt = 12_345;
  const p = run(n, spikeAt);
  const gap = p.runs[0].analysis.gap;

  it('draws at most 4 vertices per pixel column, whatever the number of gap points', () => {
    expect(gap.steps).toHaveLength(n);
    const l = layoutGap(p, { width: 400, height: 200 });
    const { path, growingArea, steadyArea } = l.runs[0];
    expect(coords(path).length).toBeLessThanOrEqual(4 * l.plot.width + 2);
    expect(coords(path).length).toBeGreaterThan(3 * l.plot.width);
    // The areas follow the same vertices (plus their closing corners on the zero line).
    expect(coords(growingArea).length + coords(steadyArea).length).toBeLessThan(4 * coords(path).length);
  });

  it('keeps every pixel column’s lowest and highest gap, the one-step spike included', () => {
    const l = layoutGap(p, { width: 400, height: 200 });
    const drawn = coords(l.runs[0].path);
    const { left, width } = l.plot;
    const [d0, d1] = l.x.scale.domain();
    // Brute force: each column's extremes, from every gap point.
    const lo = new Array<number>(width).fill(Infinity);
    const hi = new Array<number>(width).fill(-Infinity);
    for (let i = 0; i < gap.steps.length; i++) {
      const c = Math.min(width - 1, Math.floor(((gap.steps[i] - d0) * width) / (d1 - d0)));
      lo[c] = Math.min(lo[c], gap.values[i]);
      hi[c] = Math.max(hi[c], gap.values[i]);
    }
    for (let c = 0; c < width; c++) {
      if (lo[c] === Infinity) continue;
      const column = drawn.filter(([x]) => x >= left + c - 0.006 && x < left + c + 1 + 0.006).map(([, y]) => y);
      for (const v of [lo[c], hi[c]]) {
        const y = l.y.scale(v);
        expect(Math.min(...column.map((cy) => Math.abs(cy - y))), `column ${c}, gap ${v}`).toBeLessThan(0.006);
      }
    }
    const peak = l.y.scale(gap.values[spikeAt]);
    expect(Math.min(...drawn.map(([, y]) => y))).toBeCloseTo(peak, 2);
  });

  it('places the onset marker on the gap at the onset step', () => {
    const l = layoutGap(p, { width: 400, height: 200 });
    const onset = p.runs[0].analysis.onset!;
    expect(onset).not.toBeNull();
    const i = gap.steps.indexOf(onset);
    expect(l.runs[0].onset!.x).toBeCloseTo(l.x.scale(onset), 9);
    expect(l.runs[0].onset!.y).toBeCloseTo(l.y.scale(gap.values[i]), 9);
  });

  it('draws every point of a short gap, and of a zoomed range once it is short', () => {
    const short = run(300, 150);
    const l = layoutGap(short, { width: 400, height: 200 });
    expect(coords(l.runs[0].path)).toHaveLength(300);
    // Zoomed to 200 steps of the long run: every point inside, and the nearest one outside on each side.
    const z = layoutGap(p, { width: 400, height: 200, xDomain: [5_001, 5_200] });
    expect(coords(z.runs[0].path)).toHaveLength(202);
  });
});
