import { describe, expect, it } from 'vitest';
import { gzipFriendlyMinifyPlugin } from '../../scripts/gzip-friendly-minify.js';

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
