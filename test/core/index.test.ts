/**
 * `training-curves/core` exports its documented API and nothing else: the names README's "The core" section lists
 * are there, and internals (decimation aggregates, caches, running statistics, label grids) are not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/index.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('core/index', () => {
  it('exports exactly the public functions and classes', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'normalizeSeries',
        'seriesFromHistory',
        'smoothEma',
        'analyzeFit',
        'DEFAULT_PATIENCE',
        'earlyStopping',
        'EarlyStoppingState',
        'prepareCurves',
        'CURVE_TEXTS',
        'CurvePipeline',
        'appendPoints',
        'buildAxis',
        'layoutCurves',
        'LayoutCache',
        'layoutGap',
        'formatValue',
        'formatStep',
        'resetWarnings',
      ].sort(),
    );
  });

  it("exports every core function README's core section names", () => {
    const section = README.slice(README.indexOf('## The core'), README.indexOf('\n## ', README.indexOf('## The core') + 1));
    const named = [...section.matchAll(/`(\w+)`/g)].map((m) => m[1]).filter((n) => /^[a-z]\w*[A-Z]/.test(n));
    expect(named.length).toBeGreaterThan(5);
    // The section also names the d3 functions the core draws with; those are d3's, not the core's.
    const d3 = new Set(['scaleLinear', 'scaleLog', 'tickFormat']);
    for (const name of named.filter((n) => !d3.has(n))) expect(core).toHaveProperty(name);
  });

  it('keeps internals out: M4, refreshCurves, updateStats, InkGrid, lineVertices, prepareLine, FitTracker', () => {
    for (const name of ['M4', 'refreshCurves', 'updateStats', 'InkGrid', 'lineVertices', 'prepareLine', 'FitTracker', 'GrowableSeries', 'inputDelta'])
      expect(core).not.toHaveProperty(name);
  });
});
