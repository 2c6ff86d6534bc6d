/**
 * The standalone bundles inline d3 modules, whose ISC license asks that its notice travel with every copy. Their
 * sources carry no license comment for esbuild to collect into `*.LEGAL.txt` (as Lit's do), so the build appends
 * each bundled d3 package's LICENSE file there.
 */
import { readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The d3 packages whose code the standalone bundles contain (d3-scale's time scales and d3-color are not). */
export const BUNDLED_D3 = ['d3-array', 'd3-format', 'd3-interpolate', 'd3-path', 'd3-scale', 'd3-selection', 'd3-shape'];

const require = createRequire(import.meta.url);

/** A package's LICENSE text, found next to its entry module (the packages' `exports` hide their package.json). */
function licenseOf(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!readdirSync(dir).includes('LICENSE')) dir = dirname(dir);
  return readFileSync(join(dir, 'LICENSE'), 'utf8').trim();
}

/** Appends the bundled d3 packages' licenses to every `*.LEGAL.txt` in `dir`. */
export function appendD3Licenses(dir: string): void {
  const text = BUNDLED_D3.map((name) => `\n${name}:\n${licenseOf(name).replace(/^/gm, '  ')}\n`).join('');
  for (const file of readdirSync(dir)) if (file.endsWith('.LEGAL.txt')) appendFileSync(join(dir, file), text);
}
