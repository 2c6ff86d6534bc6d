/**
 * The standalone bundles' d3-interpolate: only its numeric interpolators. d3-scale's continuous scales import the
 * generic `interpolate` as their default range interpolator, and that one dispatches on the range's type to colors,
 * dates, strings, arrays and objects, which brings d3-color's table of named colors (about 3 KiB gzip). The charts'
 * ranges are always pixel numbers, for which the generic interpolator returns d3's `interpolateNumber` itself: the
 * same function serves here, so positions are the same to the bit. The ESM build keeps the real d3-interpolate
 * (external, shared with an app that uses d3).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

const source = (file: string) => {
  // The package's entry is its src/index.js (its `exports` map hides the other files from a plain import).
  const src = dirname(createRequire(import.meta.url).resolve('d3-interpolate'));
  return JSON.stringify(join(src, file));
};

/** Resolves `d3-interpolate` to a module re-exporting `interpolateNumber` (also as `interpolate`), `interpolateRound` and `piecewise`. */
export function numericInterpolatePlugin(): Plugin {
  return {
    name: 'numeric-interpolate',
    setup(build) {
      build.onResolve({ filter: /^d3-interpolate$/ }, () => ({ path: 'd3-interpolate', namespace: 'numeric-interpolate' }));
      build.onLoad({ filter: /.*/, namespace: 'numeric-interpolate' }, () => ({
        contents: [
          `export { default as interpolate, default as interpolateNumber } from ${source('number.js')};`,
          `export { default as interpolateRound } from ${source('round.js')};`,
          // Only d3-scale's diverging scales use it; tree shaking drops it with them.
          `export { default as piecewise } from ${source('piecewise.js')};`,
        ].join('\n'),
        resolveDir: process.cwd(),
      }));
    },
  };
}
