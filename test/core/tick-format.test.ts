import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { format } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { curveLinear, curveMonotoneX, curveStepAfter } from 'd3-shape';
import { d3Line } from '../path-data.js';
import { resolveFormat, valueFormatter } from '../../src/core/tick-format.js';
import { CURVES, resolveCurve } from '../../src/core/curve.js';
import { resetWarnings } from '../../src/core/warn.js';
import { formatValue } from '../../src/core/format.js';
import { prepareCurves } from '../../src/core/prepare-curves.js';
import { layoutCurves } from '../../src/core/layout-curves.js';
import { layoutGap } from '../../src/core/layout-gap.js';

afterEach(() => {
  resetWarnings();
  vi.restoreAllMocks();
});

describe('resolveFormat', () => {
  it('resolveFormat keeps d3-format specifiers and functions, and null for none', () => {
    for (const spec of ['.0%', '~s', '.2e', ',.3f', '$,']) expect(resolveFormat(spec)).toBe(spec);
    const fn = (v: number) => `${v}`;
    expect(resolveFormat(fn)).toBe(fn);
    expect(resolveFormat(null)).toBeNull();
    expect(resolveFormat(undefined)).toBeNull();
    expect(resolveFormat('')).toBeNull();
  });

  it('resolveFormat(invalid) is null with one console warning however often it is asked', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(resolveFormat('not a format', 'y-format', 'loss-curve')).toBeNull();
    expect(resolveFormat('not a format', 'y-format', 'loss-curve')).toBeNull();
    expect(resolveFormat(42, 'x-format', 'loss-curve')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toContain('y-format "not a format"');
  });
});

describe('valueFormatter', () => {
  it('valueFormatter(spec) formats finite values as d3-format(spec) does, others as the fallback (fast-check)', () => {
    fc.assert(
      fc.property(fc.constantFrom('.0%', '~s', '.2e', ',.3f', '+.3~r'), fc.double(), (spec, v) => {
        const text = valueFormatter(spec, formatValue)(v);
        expect(text).toBe(Number.isFinite(v) ? format(spec)(v) : formatValue(v));
      }),
    );
  });

  it('valueFormatter(fn) uses the function, and the fallback when it throws; no spec is the fallback itself', () => {
    expect(valueFormatter((v: number) => `${v} u`, formatValue)(2)).toBe('2 u');
    const thrower = () => {
      throw new Error('bad');
    };
    expect(valueFormatter(thrower, formatValue)(0.25)).toBe('0.25');
    expect(valueFormatter(null, formatValue)).toBe(formatValue);
  });
});

describe('resolveCurve', () => {
  it("resolveCurve names d3's curves: linear, step (curveStepAfter), monotone (curveMonotoneX)", () => {
    expect(CURVES).toEqual({ linear: curveLinear, step: curveStepAfter, monotone: curveMonotoneX });
    for (const c of ['linear', 'step', 'monotone']) expect(resolveCurve(c)).toBe(c);
    expect(resolveCurve(null)).toBe('linear');
  });

  it('resolveCurve(unknown) is linear with one console warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(resolveCurve('basis', 'loss-curve')).toBe('linear');
    expect(resolveCurve('basis', 'loss-curve')).toBe('linear');
    expect(resolveCurve('toString', 'loss-curve')).toBe('linear');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('layout options xFormat, yFormat and curve', () => {
  const p = prepareCurves({ train: [0.9, 0.5, 0.3, 0.25, 0.2], validation: [1, 0.6, 0.45, 0.5, 0.55] });
  const size = { width: 640, height: 320 };

  it('layoutCurves({yFormat: ".0%", xFormat: fn}) labels the ticks as d3 tickFormat(count, spec) and the function do', () => {
    const l = layoutCurves(p, { ...size, yFormat: '.0%', xFormat: (v) => `epoch ${v}` });
    const d3 = scaleLinear().domain(l.y.scale.domain());
    const count = Math.round(l.plot.height / 40);
    expect(l.y.ticks.map((t) => t.label)).toEqual(d3.ticks(count).map(d3.tickFormat(count, '.0%')));
    expect(l.y.ticks.some((t) => t.label.endsWith('%'))).toBe(true);
    expect(l.x.ticks.map((t) => t.label)).toEqual(l.x.ticks.map((t) => `epoch ${t.value}`));
  });

  it('layoutCurves({yFormat}) widens the left margin for longer labels', () => {
    const plain = layoutCurves(p, size);
    const long = layoutCurves(p, { ...size, yFormat: (v) => `${v.toFixed(2)} nats` });
    expect(long.plot.left).toBeGreaterThan(plain.plot.left);
  });

  for (const curve of ['linear', 'step', 'monotone'] as const) {
    it(`layoutCurves({curve: '${curve}'}) draws each line as d3 line().curve() through its vertices`, () => {
      const l = layoutCurves(p, { ...size, curve });
      for (const ln of l.lines) {
        const d3line = d3Line(CURVES[curve]);
        expect(ln.paths).toEqual([d3line(ln.points) ?? '']);
      }
    });
  }

  it("layoutCurves({yFormat: '.0%'}) writes the best label's value as the y ticks do", () => {
    const acc = prepareCurves({ metric: 'accuracy', train: [0.5, 0.7, 0.8, 0.9, 0.95], validation: [0.55, 0.72, 0.8525, 0.84, 0.83] });
    const best = (l: ReturnType<typeof layoutCurves>) => l.annotations.labels.find((x) => x.kind === 'best')?.text;
    expect(best(layoutCurves(acc, size))).toBe('best 0.8525');
    expect(best(layoutCurves(acc, { ...size, yFormat: '.0%' }))).toBe('best 85%');
    expect(best(layoutCurves(acc, { ...size, yFormat: (v) => `${(v * 100).toFixed(1)} pts` }))).toBe('best 85.3 pts');
  });

  it("layoutGap({curve: 'monotone', yFormat}) draws the gap with curveMonotoneX and labels y with the format", () => {
    const g = layoutGap(p, { ...size, curve: 'monotone', yFormat: '+.2f' });
    const d3line = d3Line(curveMonotoneX);
    expect(g.runs[0].path).toBe(d3line(g.runs[0].points));
    expect(g.y.ticks.every((t) => /^[+−]\d+\.\d\d$/.test(t.label))).toBe(true);
  });
});
