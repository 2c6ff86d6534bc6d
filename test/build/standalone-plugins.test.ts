import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import fc from 'fast-check';
import { area, curveLinear, curveMonotoneX, curveStepAfter, line } from 'd3-shape';
import { d3PathLinesPlugin, UNUSED_PATH_METHODS, withoutMethods } from '../../scripts/d3-path-lines.js';
import { gzipFriendlyMinifyPlugin } from '../../scripts/gzip-friendly-minify.js';

const require = createRequire(import.meta.url);
const PATH_JS = require.resolve('d3-path').replace(/index\.js$/, 'path.js');

/** Bundles `source` (an ES module importing d3) with `plugins` and imports the result. */
async function bundle(source: string, plugins = [d3PathLinesPlugin()]): Promise<Record<string, unknown>> {
  const result = await build({
    stdin: { contents: source, resolveDir: __dirname, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    outfile: 'out.js',
    logLevel: 'silent',
    plugins,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

describe('d3-path without arcs (standalone bundles)', () => {
  it('drops exactly the methods no offered curve calls', () => {
    const pruned = withoutMethods(readFileSync(PATH_JS, 'utf8'), UNUSED_PATH_METHODS);
    for (const m of UNUSED_PATH_METHODS) expect(pruned).not.toMatch(new RegExp(`^\\s*${m}\\(`, 'm'));
    for (const m of ['moveTo', 'lineTo', 'closePath', 'bezierCurveTo', 'toString']) expect(pruned).toMatch(new RegExp(`^\\s*${m}\\(`, 'm'));
  });

  it('fails when d3-path no longer has a method to drop', () => {
    expect(() => withoutMethods('export class Path { moveTo() {} }', ['arc'])).toThrow(/no arc/);
  });

  it('writes the same lines and areas as d3 for every curve the charts offer', async () => {
    const drawn = await bundle(`
      import { area, curveLinear, curveMonotoneX, curveStepAfter, line } from 'd3-shape';
      const curves = [curveLinear, curveStepAfter, curveMonotoneX];
      export const draw = (points, c) => [
        line().defined((p) => p !== null).curve(curves[c]).digits(2)(points),
        area().defined((p) => p !== null).y0(0).curve(curves[c]).digits(2)(points),
      ];
    `);
    const curves = [curveLinear, curveStepAfter, curveMonotoneX];
    const point = fc.option(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { freq: 8 });
    fc.assert(
      fc.property(fc.array(point, { size: 'max', maxLength: 200 }), fc.integer({ min: 0, max: 2 }), (points, c) => {
        const expected = [
          line<[number, number] | null>()
            .defined((p) => p !== null)
            .x((p) => p![0])
            .y((p) => p![1])
            .curve(curves[c])
            .digits(2)(points),
          area<[number, number] | null>()
            .defined((p) => p !== null)
            .x((p) => p![0])
            .y1((p) => p![1])
            .y0(0)
            .curve(curves[c])
            .digits(2)(points),
        ];
        expect((drawn.draw as (p: unknown, c: number) => string[])(points, c)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('fails a bundle that calls a dropped method', async () => {
    await expect(
      bundle(`import { arc } from 'd3-shape'; export const d = arc()({ innerRadius: 0, outerRadius: 1, startAngle: 0, endAngle: 1 });`),
    ).rejects.toThrow(/calls Path\.arc/);
  });
});

describe('gzip-friendly minify (standalone bundles)', () => {
  const plugin = gzipFriendlyMinifyPlugin();
  const chunk = [
    '//# allFunctionsCalledOnLoad',
    'function formatEpoch(epochNumber){return `epoch ${epochNumber}`}var longName=formatEpoch(3);export{formatEpoch,longName};',
    '/*! For license information please see x.min.js.LEGAL.txt */',
    '',
  ].join('\n');
  const render = (format: string, code: string) =>
    (plugin.renderChunk as (this: unknown, code: string, info: unknown) => { code: string }).call({ format }, code, { type: 'chunk', path: 'x.min.js', code });

  it('keeps the banner V8 reads, the license link and the exports', async () => {
    const { code } = render('esm', chunk);
    const lines = code.trimEnd().split('\n');
    expect(lines[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(lines.at(-1)).toBe('/*! For license information please see x.min.js.LEGAL.txt */');
    expect(code).not.toContain('epochNumber');
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    expect(mod.longName).toBe('epoch 3');
    expect(mod.formatEpoch(7)).toBe('epoch 7');
  });

  it("keeps a script's global name", () => {
    const { code } = render('iife', '"use strict";var TrainingCurves=(()=>{var someLocal=1;return{someLocal}})();');
    expect(code).toMatch(/var TrainingCurves=/);
    expect(new Function(`${code};return TrainingCurves`)()).toEqual({ someLocal: 1 });
  });
});
