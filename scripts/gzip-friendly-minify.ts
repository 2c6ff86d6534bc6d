/**
 * The standalone bundles' last pass: Oxc's minifier (the one Vite's own builds use, from rolldown) over esbuild's
 * minified output. Its mangler gives names by slot, so that the functions of the bundle reuse the same short names
 * in the same places, where esbuild's gives each scope its own: the code is about as long, but it repeats itself
 * more and gzip finds it (about 1.8 KiB gzip of the standalone bundle, all of it from the names). The code itself is
 * esbuild's; Oxc's compressor only folds what esbuild left.
 *
 * The bundles' first line (`//# allFunctionsCalledOnLoad`, which V8 reads) and last (the link to the license file)
 * are comments, which the minifier drops: they are set aside and put back.
 */
import { minifySync } from 'rolldown/utils';
import type { Options } from 'tsup';

type TsupPlugin = NonNullable<Options['plugins']>[number];

/** Splits off leading and trailing comment lines (the banner and the legal-comment link). */
function splitComments(code: string): { head: string; body: string; tail: string } {
  const lines = code.split('\n');
  let from = 0;
  let to = lines.length;
  const comment = (line: string) => /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(line);
  while (from < to && comment(lines[from])) from++;
  while (to > from && comment(lines[to - 1])) to--;
  return { head: lines.slice(0, from).join('\n'), body: lines.slice(from, to).join('\n'), tail: lines.slice(to).join('\n') };
}

/**
 * A tsup plugin that re-minifies every JavaScript chunk with Oxc: an ES module with its top-level names mangled too,
 * a script (IIFE) with its global name kept. `target` is the build's.
 */
export function gzipFriendlyMinifyPlugin(target = 'es2022'): TsupPlugin {
  return {
    name: 'gzip-friendly-minify',
    renderChunk(code, info) {
      if (info.type !== 'chunk' || !/\.m?js$/.test(info.path)) return undefined;
      const module = this.format === 'esm';
      const { head, body, tail } = splitComments(code);
      const result = minifySync(info.path, body, { module, compress: { target }, mangle: { toplevel: module } });
      if (result.errors.length) throw new Error(`${info.path}: ${result.errors.map((e) => e.message).join('; ')}`);
      return { code: [head, result.code.trimEnd(), tail].filter(Boolean).join('\n') };
    },
  };
}
