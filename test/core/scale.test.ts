import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { linearScale, logScale, niceDomain, type NumericScale } from '../../src/core/scale.js';
import { linearTickFormat } from '../../src/core/format.js';
import { buildAxis } from '../../src/core/axes.js';

// Our scales must give d3-scale 4's numbers exactly (Object.is: same bits, NaN equal to NaN, 0 apart from -0).
const same = (a: unknown, b: unknown) => expect(a).toStrictEqual(b);
const sameNumber = (a: number, b: number) => expect(Object.is(a, b), `${a} vs ${b}`).toBe(true);

/** ±m·10^e with m in [1, 10): values across many magnitudes, which plain fc.double rarely gives. */
const magnitude = (lo: number, hi: number, signed = true) =>
  fc
    .tuple(fc.double({ min: 1, max: 10, maxExcluded: true, noNaN: true }), fc.integer({ min: lo, max: hi }), fc.boolean())
    .map(([m, e, neg]) => (signed && neg ? -1 : 1) * m * 10 ** e);

// Subnormal ends are left out: d3-array's ticks overflow on them (an axis never gets one: yDomain widens them).
const normal = (v: number) => (Math.abs(v) < 1e-300 ? 0 : v);
const pair = (value: fc.Arbitrary<number>) => fc.tuple(value.map(normal), value.map(normal)) as fc.Arbitrary<[number, number]>;

/** Linear domains of every kind the axes meet: small, big (≥ 1e4), negative, tiny, and all orders. */
const linearDomain = fc.oneof(
  pair(fc.double({ min: -1e4, max: 1e4, noNaN: true })),
  pair(magnitude(-8, 12)),
  pair(fc.double({ min: -1e9, max: -1e4, noNaN: true })),
  pair(fc.double({ min: 1e-7, max: 1e-6, noNaN: true })),
  pair(fc.double({ min: -1e-6, max: 1e-6, noNaN: true })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true })),
  fc.constantFrom<[number, number]>([0, 1], [1, 1], [0, 0], [0.1 + 0.2, 0.3], [1, 100], [-5, 9], [0, 1e5], [2e4, -3e4]),
);
/** Positive domains within a decade, over many decades, and descending. */
const logDomain = fc.oneof(
  pair(magnitude(-12, 12, false)),
  magnitude(-10, 10, false).chain((a) => fc.double({ min: 1.0001, max: 9.9, noNaN: true }).map((f) => [a, a * f] as [number, number])),
  magnitude(-10, 10, false).chain((a) => fc.double({ min: 0.1, max: 0.9999, noNaN: true }).map((f) => [a, a * f] as [number, number])),
  fc.constantFrom<[number, number]>([1, 10], [0.1, 1], [1e-7, 1e7], [100, 1], [0.03, 0.08], [1, 1197]),
);
const range = fc.oneof(pair(fc.double({ min: -100, max: 2000, noNaN: true })), fc.constantFrom<[number, number]>([0, 300], [250, 10], [0, 0]));
const count = fc.integer({ min: 0, max: 30 });
const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), magnitude(-12, 12), fc.constantFrom(0, -0, NaN, Infinity));

const RUNS = { numRuns: 2000 };

/**
 * Our scale against d3's at `xs`, the domain's ends and d3's ticks: the same positions and inversions, the same ticks
 * and domain. d3 answers NaN with its `unknown` (undefined); ours with NaN, which callers test the same way.
 */
function expectSameScale(ours: NumericScale, d3: ScaleContinuousNumeric<number, number>, d: [number, number], xs: number[], n: number) {
  for (const x of [...xs, ...d, ...d3.ticks(n)]) {
    if (!Number.isNaN(x)) sameNumber(ours(x), d3(x));
    sameNumber(ours.invert(x), d3.invert(x));
  }
  same(ours.ticks(n), d3.ticks(n));
  same(ours.domain(), d3.domain());
}

describe('linearScale', () => {
  it('linearScale(domain, range) places, inverts and ticks exactly as d3 scaleLinear', () => {
    fc.assert(
      fc.property(linearDomain, range, count, fc.array(value, { maxLength: 8 }), (d, r, n, xs) => {
        const ours = linearScale(d, r);
        const d3 = scaleLinear().domain(d).range(r);
        expectSameScale(ours, d3, d, xs, n);
        same(ours.range(), d3.range());
      }),
      RUNS,
    );
  });

  it('niceDomain(domain) equals d3 scaleLinear().domain(domain).nice().domain()', () => {
    fc.assert(
      fc.property(linearDomain, (d) => {
        same(niceDomain(d), scaleLinear().domain(d).nice().domain());
      }),
      RUNS,
    );
  });

  it('niceDomain(domain, count) equals d3 nice(count)', () => {
    fc.assert(
      fc.property(linearDomain, fc.integer({ min: 1, max: 20 }), (d, n) => {
        same(niceDomain(d, n), scaleLinear().domain(d).nice(n).domain());
      }),
      RUNS,
    );
  });

  it('niceDomain([0.03, 0.71]) is [0, 0.8]; an empty domain stays as it is', () => {
    expect(niceDomain([0.03, 0.71])).toEqual([0, 0.8]);
    expect(niceDomain([0.71, 0.03])).toEqual([0.8, 0]);
    expect(niceDomain([3, 3])).toEqual([3, 3]);
  });

  it('linearScale extrapolates outside its domain (no clamping)', () => {
    const s = linearScale([0, 10], [0, 100]);
    expect(s(20)).toBe(200);
    expect(s.invert(-100)).toBe(-10);
  });
});

describe('logScale', () => {
  it('logScale(domain, range) places, inverts and ticks exactly as d3 scaleLog', () => {
    fc.assert(
      fc.property(logDomain, range, count, fc.array(value, { maxLength: 8 }), (d, r, n, xs) => {
        expectSameScale(logScale(d, r), scaleLog().domain(d).range(r), d, xs, n);
      }),
      RUNS,
    );
  });

  it('logScale maps 0 and negative values to NaN', () => {
    const s = logScale([1, 100], [0, 300]);
    expect(s(0)).toBeNaN();
    expect(s(-1)).toBeNaN();
  });

  it('logScale ticks: 1..9 multiples inside a few decades, powers of ten over many, descending when the domain is', () => {
    expect(logScale([1, 100], [0, 1]).ticks(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(logScale([1e-7, 1e7], [0, 1]).ticks(5)).toEqual([1e-6, 1e-4, 1e-2, 1, 100, 1e4, 1e6]);
    expect(logScale([100, 1], [0, 1]).ticks(2)).toEqual([100, 10, 1]);
  });
});

describe('linearTickFormat', () => {
  const labelsMatch = (d: [number, number], n: number, xs: number[], si: boolean) => {
    const ours = linearTickFormat(d[0], d[1], n, si);
    const d3 = scaleLinear()
      .domain(d)
      .tickFormat(n, si ? '~s' : '~f');
    for (const x of [...scaleLinear().domain(d).ticks(Math.max(2, n)), ...xs]) expect(ours(x), `${x} in ${d}`).toBe(d3(x));
  };

  it("linearTickFormat(…, false) labels like d3's tickFormat(count, '~f')", () => {
    fc.assert(
      fc.property(linearDomain, count, fc.array(value, { maxLength: 4 }), (d, n, xs) => {
        labelsMatch(d, n, xs, false);
      }),
      RUNS,
    );
  });

  it("linearTickFormat(…, true) labels like d3's tickFormat(count, '~s')", () => {
    fc.assert(
      fc.property(linearDomain, count, fc.array(value, { maxLength: 4 }), (d, n, xs) => {
        labelsMatch(d, n, xs, true);
      }),
      RUNS,
    );
  });

  it('linearTickFormat signs negatives with U+2212 and trims insignificant zeros', () => {
    const f = linearTickFormat(-1, 1, 10, false);
    expect(f(-0.5)).toBe('\u22120.5');
    expect(f(0.2)).toBe('0.2');
    expect(f(-1e-9)).toBe('0');
    // A step of 500 needs one decimal in thousands.
    const si = linearTickFormat(0, 20_000, 40, true);
    expect([5000, 12_500, -20_000].map(si)).toEqual(['5k', '12.5k', '\u221220k']);
  });
});

describe('buildAxis against d3-scale', () => {
  /** buildAxis's linear ticks as they were made with d3-scale. */
  function d3Ticks(domain: [number, number], range: [number, number], count: number, integer: boolean) {
    const scale = scaleLinear().domain(domain).range(range);
    let values = scale.ticks(Math.max(2, count));
    if (integer) values = values.filter(Number.isInteger);
    const big = Math.max(Math.abs(domain[0]), Math.abs(domain[1])) >= 1e4;
    const format = scale.tickFormat(count, big ? '~s' : '~f');
    return values.map((value) => ({ value, pos: scale(value), label: big && value === 0 ? '0' : format(value) }));
  }

  it('buildAxis(linear) gives the same tick values, positions and labels', () => {
    fc.assert(
      fc.property(linearDomain, range, count, fc.boolean(), (domain, r, n, integer) => {
        same(buildAxis({ domain, range: r, log: false, count: n, integer }).ticks, d3Ticks(domain, r, n, integer));
      }),
      RUNS,
    );
  });

  it('buildAxis(log) gives the same tick values and positions', () => {
    fc.assert(
      fc.property(logDomain, range, count, fc.boolean(), (domain, r, n, integer) => {
        const scale = scaleLog().domain(domain).range(r);
        let values = scale.ticks(Math.max(2, n));
        if (integer) values = values.filter(Number.isInteger);
        const ticks = buildAxis({ domain, range: r, log: true, count: n, integer }).ticks;
        same(
          ticks.map((t) => [t.value, t.pos]),
          values.map((v) => [v, scale(v)]),
        );
      }),
      RUNS,
    );
  });
});
