/**
 * The standalone bundles' d3-path: its `Path` class without the methods no chart draws with. d3-shape's lines and
 * areas write their text through a `Path`, and the curves the charts offer (linear, step, monotone) call only
 * `moveTo`, `lineTo`, `closePath` and `bezierCurveTo`; the class also carries `arc`, `arcTo`, `rect` and
 * `quadraticCurveTo` (for d3-shape's arcs, symbols and links), which tree shaking cannot drop from a class (about
 * 0.5 KiB gzip). The methods that stay are d3's code as published, so paths are the same to the byte. The ESM build
 * keeps the real d3-path (external, shared with an app that uses d3).
 *
 * Two guards: the build fails if d3-path no longer has one of the methods to drop (a new version to look at), and
 * if the bundle calls one of them (a d3-shape feature that needs them, such as `arc()` or `symbol()`, came in).
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import type { Plugin } from 'esbuild';

/** The `Path` methods that d3-shape's lines, areas and the offered curves never call. */
export const UNUSED_PATH_METHODS = ['quadraticCurveTo', 'arcTo', 'arc', 'rect'] as const;

/** d3-path's `path.js` without the named methods of its `Path` class; throws when one is not there. */
export function withoutMethods(source: string, methods: readonly string[], fileName = 'path.js'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const cuts: Array<[number, number]> = [];
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) && node.name?.text === 'Path') {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : '';
        if (ts.isMethodDeclaration(member) && methods.includes(name)) {
          found.add(name);
          cuts.push([member.getFullStart(), member.end]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const missing = methods.filter((m) => !found.has(m));
  if (missing.length) throw new Error(`d3-path's Path has no ${missing.join(', ')}: check scripts/d3-path-lines.ts against this d3-path`);
  let out = source;
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
  return out;
}

/** esbuild plugin: loads d3-path's `Path` without {@link UNUSED_PATH_METHODS}, and fails a bundle that calls one. */
export function d3PathLinesPlugin(): Plugin {
  return {
    name: 'd3-path-lines',
    setup(build) {
      build.onLoad({ filter: /[\\/]d3-path[\\/]src[\\/]path\.js$/ }, async (args) => ({
        contents: withoutMethods(await readFile(args.path, 'utf8'), UNUSED_PATH_METHODS, args.path),
        loader: 'js',
      }));
      // Property names survive minification: a call to a dropped method shows as `.arc(` in the output.
      const called = new RegExp(`\\.(${UNUSED_PATH_METHODS.join('|')})\\(`);
      build.onEnd((result) => {
        for (const file of result.outputFiles ?? []) {
          const match = /\.m?js$/.test(file.path) && called.exec(file.text);
          if (match) {
            return { errors: [{ text: `${file.path} calls Path.${match[1]}, which scripts/d3-path-lines.ts drops from the standalone bundles` }] };
          }
        }
        return undefined;
      });
    },
  };
}
