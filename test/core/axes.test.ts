import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear, scaleLog } from 'd3-scale';
import { buildAxis, Extent, xDomain, yDomain } from '../../src/core/axes.js';

const extent = (values: number[], positiveOnly = false) => {
  const e = new Extent(positiveOnly);
  e.addAll(values);
  return e;
};
const labels = (ticks: Array<{ label: string }>) => ticks.map((t) => t.label);

describe('Extent', () => {
  it('Extent.addAll(values) tracks min and max over finite values only', () => {
    const e = extent([3, NaN, -2, Infinity, 7, -Infinity]);
    expect([e.min, e.max]).toEqual([-2, 7]);
    expect(e.empty).toBe(false);
  });

  it('Extent(positiveOnly).addAll(values) skips zero and negatives', () => {
    const e = extent([-1, 0, 0.5, 4], true);
    expect([e.min, e.max]).toEqual([0.5, 4]);
  });

  it('new Extent().empty is true until a finite value is added', () => {
    const e = new Extent();
    expect(e.empty).toBe(true);
    e.add(NaN);
    expect(e.empty).toBe(true);
    e.add(2);
    expect(e.empty).toBe(false);
  });
});

describe('yDomain', () => {
  it('yDomain(log) of a subnormal or near-maximal extent stays inside (0, Infinity), and its axis lays out', () => {
    for (const [lo, hi, ticked] of [
      [5e-324, 1, true],
      [1e-300, 1.7e308, true],
      [5e-324, 5e-324, false],
    ] as const) {
      const e = new Extent(true);
      e.add(lo);
      e.add(hi);
      const [d0, d1] = yDomain(e, true);
      expect(d0).toBeGreaterThan(0);
      expect(d1).toBeLessThan(Infinity);
      expect(d0).toBeLessThanOrEqual(lo);
      expect(d1).toBeGreaterThanOrEqual(hi);
      const axis = buildAxis({ domain: [d0, d1], range: [100, 0], log: true, count: 5 });
      // A flat subnormal series is drawn without tick labels (no power of ten or linear tick fits in it).
      if (ticked) expect(axis.ticks.length).toBeGreaterThan(0);
    }
  });

  it('yDomain(empty, linear) is [0, 1] and yDomain(empty, log) is [0.1, 1]', () => {
    expect(yDomain(new Extent(), false)).toEqual([0, 1]);
    expect(yDomain(new Extent(true), true)).toEqual([0.1, 1]);
  });

  it('yDomain([0.3..1.2], linear) pads and nices without going below 0', () => {
    // pad = 0.9 * 4% = 0.036 -> [0.264, 1.236], niced to tenths.
    expect(yDomain(extent([0.3, 1.2]), false)).toEqual([0.2, 1.3]);
  });

  it('yDomain([0.01..2], linear) pins a non-negative series at 0 rather than padding below it', () => {
    // pad = 1.99 * 4% = 0.0796 -> [0, 2.0796], niced to fifths.
    expect(yDomain(extent([0.01, 2]), false)).toEqual([0, 2.2]);
  });

  it('yDomain([-3..5], linear) pads a series that crosses zero on both sides', () => {
    const [lo, hi] = yDomain(extent([-3, 5]), false);
    expect(lo).toBeLessThan(-3);
    expect(hi).toBeGreaterThan(5);
    expect([lo, hi]).toEqual([-4, 6]);
  });

  it('yDomain(single value, linear) widens by 10% around it', () => {
    const [lo, hi] = yDomain(extent([0.5]), false);
    expect(lo).toBeLessThan(0.5);
    expect(hi).toBeGreaterThan(0.5);
    expect(lo).toBeCloseTo(0.45, 12);
    // 0.5 + 0.05 is 0.55000000000000004 in floating point, which nice() rounds up to the next hundredth.
    expect(hi).toBeGreaterThanOrEqual(0.55);
    expect(hi).toBeLessThanOrEqual(0.56);
    expect(yDomain(extent([-3]), false)).toEqual([-3.3, -2.7]);
  });

  it('yDomain(single 0, linear) widens to [-1, 1]', () => {
    expect(yDomain(extent([0]), false)).toEqual([-1, 1]);
  });

  it('yDomain(single subnormal, linear) still widens (10% of it underflows to 0)', () => {
    expect(yDomain(extent([5e-324]), false)).toEqual([-1, 1]);
  });

  it('yDomain([0.1 + 0.2, 0.3], linear) treats rounding noise as a constant series', () => {
    // Niced as a range, the 1-ulp spread gave the domain [0.3, 0.30000000000000004] and five ticks labeled alike.
    expect(yDomain(extent([0.1 + 0.2, 0.3]), false)).toEqual([0.265, 0.335]);
    const [lo, hi] = yDomain(extent([Math.LN2, 0.6931471805599454]), false);
    expect([lo, hi]).toEqual([0.62, 0.78]);
  });

  it('yDomain(nearly equal large values, linear) contains both values', () => {
    const values = [9.999999999999977e299, 9.999999999999972e299];
    const [lo, hi] = yDomain(extent(values), false);
    for (const v of values) expect(v >= lo && v <= hi).toBe(true);
    expect(hi - lo).toBeGreaterThan(1e299);
  });

  it('yDomain([0.1 + 0.2, 0.3], log) treats rounding noise as a constant series', () => {
    expect(yDomain(extent([0.1 + 0.2, 0.3], true), true)).toEqual([0.15, (0.1 + 0.2) * 2]);
  });

  it('yDomain(single value, log) widens to [v/2, 2v]', () => {
    expect(yDomain(extent([0.5], true), true)).toEqual([0.25, 1]);
  });

  it('yDomain([1e-7..0.2], log) is positive and pads by 4% of the decades', () => {
    const [lo, hi] = yDomain(extent([1e-7, 0.2], true), true);
    const pad = (Math.log10(0.2) - Math.log10(1e-7)) * 0.04;
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeCloseTo(1e-7 / 10 ** pad, 20);
    expect(hi).toBeCloseTo(0.2 * 10 ** pad, 12);
  });

  it('yDomain(log) does not nice to whole decades (0.03..0.08 keeps the height)', () => {
    const [lo, hi] = yDomain(extent([0.03, 0.08], true), true);
    expect(lo).toBeGreaterThan(0.02);
    expect(hi).toBeLessThan(0.1);
  });

  it('yDomain(values, linear) contains every finite value (no clipping)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const [lo, hi] = yDomain(extent(values), false);
        expect(lo).toBeLessThan(hi);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('yDomain(values, log) is positive and contains every positive value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-200, max: 1e200, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const [lo, hi] = yDomain(extent(values, true), true);
        expect(lo).toBeGreaterThan(0);
        expect(lo).toBeLessThan(hi);
        for (const v of values) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('xDomain', () => {
  it('xDomain(epochs 1..40) is exactly [1, 40]', () => {
    expect(xDomain(extent([1, 2, 40]), false)).toEqual([1, 40]);
  });

  it('xDomain(single step, linear) widens by half a step each side (no epoch 0 on a one-epoch chart)', () => {
    expect(xDomain(extent([1]), false)).toEqual([0.5, 1.5]);
    expect(xDomain(extent([200]), false)).toEqual([199.5, 200.5]);
  });

  it('xDomain(single step, log) widens to [s/2, 2s]', () => {
    expect(xDomain(extent([100], true), true)).toEqual([50, 200]);
  });

  it('xDomain(empty) is [0, 1] linear and [1, 10] log', () => {
    expect(xDomain(new Extent(), false)).toEqual([0, 1]);
    expect(xDomain(new Extent(true), true)).toEqual([1, 10]);
  });

  it('xDomain(steps) contains every step', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1 }), (steps) => {
        const [lo, hi] = xDomain(extent(steps), false);
        expect(lo).toBeLessThan(hi);
        expect(lo).toBe(Math.min(...steps) === Math.max(...steps) ? steps[0] - 0.5 : Math.min(...steps));
        for (const s of steps) expect(s >= lo && s <= hi).toBe(true);
      }),
    );
  });
});

describe('buildAxis: linear', () => {
  it('buildAxis(linear) places ticks with the scale and labels them plainly', () => {
    const axis = buildAxis({ domain: [0, 1], range: [0, 100], log: false, count: 5 });
    expect(axis.log).toBe(false);
    expect(axis.ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(labels(axis.ticks)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    for (const t of axis.ticks) expect(t.pos).toBeCloseTo(t.value * 100, 9);
  });

  it('buildAxis(linear, inverted range) puts the low value at the bottom (y axis)', () => {
    const axis = buildAxis({ domain: [0, 10], range: [200, 0], log: false, count: 2 });
    expect(axis.scale(0)).toBe(200);
    expect(axis.scale(10)).toBe(0);
  });

  it('buildAxis({integer: true}) keeps only integer ticks for epochs', () => {
    const axis = buildAxis({ domain: [1, 3], range: [0, 600], log: false, count: 12, integer: true });
    expect(axis.ticks.map((t) => t.value)).toEqual([1, 2, 3]);
    expect(labels(axis.ticks)).toEqual(['1', '2', '3']);
  });

  it('buildAxis({integer: true}) over a single epoch domain [0.5, 1.5] has the one tick 1', () => {
    const axis = buildAxis({ domain: [0.5, 1.5], range: [0, 500], log: false, count: 6, integer: true });
    expect(axis.ticks.map((t) => t.value)).toEqual([1]);
    expect(axis.ticks[0].pos).toBe(250);
  });

  it('buildAxis({integer: true}) ticks are integers for any epoch range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 2, max: 20 }), (a, n, count) => {
        const axis = buildAxis({ domain: [a, a + n], range: [0, 800], log: false, count, integer: true });
        expect(axis.ticks.length).toBeGreaterThan(0);
        for (const t of axis.ticks) expect(Number.isInteger(t.value)).toBe(true);
      }),
    );
  });

  it('buildAxis(steps up to 100,000) labels large steps compactly: 20k, 40k, and 0 as "0"', () => {
    const axis = buildAxis({ domain: [0, 100000], range: [0, 600], log: false, count: 6, integer: true });
    expect(labels(axis.ticks)).toEqual(['0', '20k', '40k', '60k', '80k', '100k']);
  });

  it('buildAxis(steps 49..19,600) labels steps as 2k, 4k, ...', () => {
    const axis = buildAxis({ domain: [49, 19600], range: [0, 600], log: false, count: 9 });
    expect(labels(axis.ticks)).toEqual(['2k', '4k', '6k', '8k', '10k', '12k', '14k', '16k', '18k']);
  });

  it('buildAxis(10k steps) labels "10k"', () => {
    const axis = buildAxis({ domain: [0, 10000], range: [0, 300], log: false, count: 2 });
    expect(labels(axis.ticks)).toContain('10k');
  });

  it('buildAxis(below 10,000) keeps plain numbers', () => {
    const axis = buildAxis({ domain: [0, 8595], range: [0, 600], log: false, count: 8 });
    expect(labels(axis.ticks)).toEqual(['0', '1000', '2000', '3000', '4000', '5000', '6000', '7000', '8000']);
  });

  it('buildAxis(linear y up to 2e6) labels millions compactly', () => {
    const axis = buildAxis({ domain: [0, 2e6], range: [300, 0], log: false, count: 4 });
    expect(labels(axis.ticks)).toEqual(['0', '0.5M', '1M', '1.5M', '2M']);
  });
});

describe('buildAxis: log', () => {
  it('buildAxis(log, 1..1000) labels powers of ten and leaves minor ticks blank', () => {
    const axis = buildAxis({ domain: [1, 1000], range: [300, 0], log: true, count: 4 });
    expect(axis.log).toBe(true);
    const labeled = axis.ticks.filter((t) => t.label !== '');
    expect(labeled.map((t) => t.label)).toEqual(['1', '10', '100', '1000']);
    // 2..9 times each power are minor ticks: present, but unlabeled.
    const minor = axis.ticks.filter((t) => t.label === '');
    expect(minor.map((t) => t.value)).toContain(2);
    expect(minor.map((t) => t.value)).toContain(500);
    for (const t of minor) expect(Math.log10(t.value) % 1).not.toBe(0);
  });

  it('buildAxis(log, 1e-7..0.36) labels every decade with short labels', () => {
    const axis = buildAxis({ domain: [5.6e-8, 0.36], range: [300, 0], log: true, count: 7 });
    expect(labels(axis.ticks).filter(Boolean)).toEqual(['1e-7', '1e-6', '1e-5', '0.0001', '0.001', '0.01', '0.1']);
  });

  it('buildAxis(log, 0.25..1) labels the ticks d3-scale log tickFormat(count) labels: 0.3 to 0.6 and 1, the rest minor', () => {
    const axis = buildAxis({ domain: [0.25, 1], range: [300, 0], log: true, count: 5 });
    const d3 = scaleLog().domain([0.25, 1]);
    const labeled = d3.ticks(5).map(d3.tickFormat(5, '~g'));
    expect(labels(axis.ticks)).toEqual(labeled);
    expect(labeled).toEqual(['0.3', '0.4', '0.5', '0.6', '', '', '', '1']);
  });

  it('buildAxis(log, inside one decade) labels every tick rather than none', () => {
    const axis = buildAxis({ domain: [3.1, 3.2], range: [300, 0], log: true, count: 3 });
    expect(labels(axis.ticks)).toEqual(['3.1', '3.15', '3.2']);
  });

  it('buildAxis(log, 1e-10..1e10) labels large and small powers in exponent form', () => {
    const axis = buildAxis({ domain: [1e-10, 1e10], range: [300, 0], log: true, count: 3 });
    expect(labels(axis.ticks)).toEqual(['1e-10', '1e-5', '1', '100000', '1e+10']);
  });

  it('buildAxis(log) positions ticks on a true log scale', () => {
    const axis = buildAxis({ domain: [1, 100], range: [0, 200], log: true, count: 3 });
    expect(axis.scale(10)).toBeCloseTo(100, 9);
    expect(axis.ticks.find((t) => t.value === 10)!.pos).toBeCloseTo(100, 9);
  });

  it('buildAxis(log, any positive domain) never leaves every tick unlabeled', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -9, max: 9, noNaN: true }),
        fc.double({ min: 0.01, max: 12, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        (exp, decades, count) => {
          const lo = 10 ** exp;
          const axis = buildAxis({ domain: [lo, lo * 10 ** decades], range: [400, 0], log: true, count });
          if (axis.ticks.length === 0) return;
          const labeled = axis.ticks.filter((t) => t.label !== '');
          expect(labeled.length).toBeGreaterThanOrEqual(Math.min(2, axis.ticks.length));
          for (const t of labeled) expect(t.label).not.toMatch(/NaN|undefined/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** ±m·10^e with m in [1, 10): values across many magnitudes, which plain fc.double rarely gives. */
const magnitude = (lo: number, hi: number, signed = true) =>
  fc
    .tuple(fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }), fc.integer({ min: lo, max: hi }), fc.boolean())
    .map(([m, e, neg]) => (signed && neg ? -1 : 1) * m * 10 ** e);
// Values below 1e-290 are left out (d3-array's tick steps overflow there; see the extreme ranges below).
const normal = (v: number) => (Math.abs(v) < 1e-290 ? 0 : v);
const distinctPair = (value: fc.Arbitrary<number>) =>
  fc.tuple(value.map(normal), value.map(normal)).filter(([a, b]) => a !== b) as fc.Arbitrary<[number, number]>;
const rangeArb = fc.constantFrom<[number, number]>([0, 300], [250, 10], [37, 622]);
const countArb = fc.integer({ min: 2, max: 20 });
const specifier = fc.constantFrom('~s', '.0%', '.2e', ',.1f', '~f', '$,', '+.3~r', '~g');

/** The tick count buildAxis asks d3 for: `count`, or up to 3 more while d3 gives fewer than two ticks. */
function askedCount(d3: { ticks(n: number): number[] }, count: number): number {
  let n = Math.max(2, count);
  while (n < Math.max(2, count) + 3 && d3.ticks(n).length < 2) n++;
  return n;
}

describe('buildAxis against d3-scale', () => {
  it('buildAxis asks for more ticks while d3 gives fewer than two: a 240 px card of epochs 1–35 reads 10, 20, 30, not just 20', () => {
    expect(scaleLinear().domain([1, 35]).ticks(2)).toEqual([20]);
    const axis = buildAxis({ domain: [1, 35], range: [0, 200], log: false, count: 2, integer: true });
    expect(labels(axis.ticks)).toEqual(['10', '20', '30']);
    // Where two come out at the count asked for, it is kept.
    expect(labels(buildAxis({ domain: [0, 200], range: [0, 200], log: false, count: 2, integer: true }).ticks)).toEqual(['0', '100', '200']);
  });

  it('buildAxis(linear) ticks, positions and labels are d3 scaleLinear ticks(count), scale(t) and tickFormat(count, spec) (fast-check)', () => {
    fc.assert(
      fc.property(
        distinctPair(fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), magnitude(-8, 20))),
        rangeArb,
        countArb,
        specifier,
        (domain, range, count, spec) => {
          const axis = buildAxis({ domain, range, log: false, count, format: spec });
          const d3 = scaleLinear().domain(domain).range(range);
          count = askedCount(d3, count);
          const ticks = d3.ticks(count);
          expect(axis.ticks.map((t) => t.value)).toEqual(ticks);
          expect(axis.ticks.map((t) => t.pos)).toEqual(ticks.map((t) => d3(t)));
          expect(labels(axis.ticks)).toEqual(ticks.map(d3.tickFormat(count, spec)));
          expect(axis.scale(domain[0])).toBe(d3(domain[0]));
          expect(axis.scale.invert(range[1])).toBe(d3.invert(range[1]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('buildAxis(linear) labels by default with d3 tickFormat: ~f below 10,000, ~s from there with 0 as "0", ~e beyond 1e21 or below 1e-5 (fast-check)', () => {
    fc.assert(
      fc.property(distinctPair(fc.oneof(fc.double({ min: -1e5, max: 1e5, noNaN: true }), magnitude(-12, 25))), countArb, (domain, count) => {
        const axis = buildAxis({ domain, range: [0, 500], log: false, count });
        const d3 = scaleLinear().domain(domain);
        count = askedCount(d3, count);
        const size = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
        const spec = size >= 1e21 || size < 1e-5 ? '~e' : size >= 1e4 ? '~s' : '~f';
        const format = d3.tickFormat(count, spec);
        expect(labels(axis.ticks)).toEqual(d3.ticks(count).map((t) => (t === 0 ? '0' : format(t))));
      }),
      { numRuns: 300 },
    );
  });

  it('buildAxis(log) ticks and positions are d3 scaleLog ticks(count) and scale(t); labels its tickFormat(count, spec), or every tick when that labels under two (fast-check)', () => {
    fc.assert(
      fc.property(distinctPair(magnitude(-30, 30, false)), rangeArb, countArb, specifier, (domain, range, count, spec) => {
        const axis = buildAxis({ domain, range, log: true, count, format: spec });
        const d3 = scaleLog().domain(domain).range(range);
        count = askedCount(d3, count);
        const ticks = d3.ticks(count);
        expect(axis.ticks.map((t) => t.value)).toEqual(ticks);
        expect(axis.ticks.map((t) => t.pos)).toEqual(ticks.map((t) => d3(t)));
        const sparse = ticks.map(d3.tickFormat(count, spec));
        const expected = sparse.filter(Boolean).length >= Math.min(2, ticks.length) ? sparse : ticks.map(d3.tickFormat(Infinity, spec));
        expect(labels(axis.ticks)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('buildAxis({format: fn}) labels every linear tick with the function, and the ticks d3 labels on a log axis', () => {
    const fn = (v: number) => `<${v}>`;
    expect(labels(buildAxis({ domain: [0, 1], range: [0, 100], log: false, count: 2, format: fn }).ticks)).toEqual(['<0>', '<0.5>', '<1>']);
    const log = buildAxis({ domain: [1, 1000], range: [0, 100], log: true, count: 4, format: fn });
    const d3 = scaleLog().domain([1, 1000]);
    expect(labels(log.ticks)).toEqual(d3.ticks(4).map(d3.tickFormat(4, fn as never)));
    expect(labels(log.ticks).filter(Boolean)).toEqual(['<1>', '<10>', '<100>', '<1000>']);
  });

  it('buildAxis({format: fn that throws}) falls back to the default label', () => {
    const axis = buildAxis({
      domain: [0, 1],
      range: [0, 100],
      log: false,
      count: 2,
      format: () => {
        throw new Error('x');
      },
    });
    expect(labels(axis.ticks)).toEqual(['0', '0.5', '1']);
  });
});

describe('axes of extreme ranges', () => {
  const noNaN = (axis: ReturnType<typeof buildAxis>) => {
    expect(axis.ticks.length).toBeGreaterThan(1);
    for (const t of axis.ticks) {
      expect(Number.isFinite(t.pos)).toBe(true);
      expect(t.label).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(axis.ticks.filter((t) => t.label).length).toBeGreaterThan(1);
  };

  it('yDomain and buildAxis of a span that overflows a double (-9e307..9e307) give finite positions and labeled ticks', () => {
    const domain = yDomain(extent([-9e307, 9e307]), false);
    expect(domain.every(Number.isFinite)).toBe(true);
    expect(domain[0]).toBeLessThanOrEqual(-9e307);
    expect(domain[1]).toBeGreaterThanOrEqual(9e307);
    const axis = buildAxis({ domain, range: [300, 0], log: false, count: 6 });
    noNaN(axis);
    expect(axis.scale(-9e307)).toBeGreaterThan(axis.scale(9e307));
    expect(axis.scale(0)).toBeCloseTo(150, 6);
    expect(axis.scale.invert(150) / 1e300).toBeCloseTo(0, 6);
    expect(labels(axis.ticks)).toContain('0');
    expect(labels(axis.ticks)).toContain('5e+307');
  });

  it('buildAxis over steps -1e308..1e308 and -Number.MAX_VALUE..MAX_VALUE labels its ticks without NaN', () => {
    noNaN(buildAxis({ domain: [-1e308, 1e308], range: [0, 600], log: false, count: 7 }));
    noNaN(buildAxis({ domain: [-Number.MAX_VALUE, Number.MAX_VALUE], range: [0, 600], log: false, count: 7, integer: true }));
  });

  it('yDomain and buildAxis of subnormal values (1e-320..2e-320) label ticks in exponent form', () => {
    const domain = yDomain(extent([1e-320, 2e-320]), false);
    const axis = buildAxis({ domain, range: [300, 0], log: false, count: 6 });
    noNaN(axis);
    expect(labels(axis.ticks)).toContain('1e-320');
    expect(axis.scale(1e-320)).toBeGreaterThan(axis.scale(2e-320));
    const log = buildAxis({ domain: yDomain(extent([1e-320, 3e-320], true), true), range: [300, 0], log: true, count: 6 });
    noNaN(log);
    expect(labels(log.ticks)).toContain('1e-320');
  });
});
