import { defineConfig } from 'tsup';
import { minifyTemplatesPlugin } from './scripts/minify-templates.js';
import { numericInterpolatePlugin } from './scripts/numeric-interpolate.js';
import { d3PathLinesPlugin } from './scripts/d3-path-lines.js';
import { gzipFriendlyMinifyPlugin } from './scripts/gzip-friendly-minify.js';
import { appendD3Licenses } from './scripts/d3-licenses.js';

// Both builds ship the same element source: Lit's css/html/svg templates without comments and indentation.
const esbuildPlugins = [minifyTemplatesPlugin()];

export default defineConfig([
  {
    // For bundlers and npm: lit and d3 stay external; `core` is the DOM-free entry (Node, workers, static SVG).
    entry: { index: 'src/index.ts', core: 'src/core/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    outDir: 'dist',
    esbuildPlugins,
  },
  {
    // For a <script> tag, a CDN or a notebook output: everything inlined and minified.
    entry: { 'training-curves': 'src/index.ts' },
    format: ['esm', 'iife'],
    globalName: 'TrainingCurves',
    // The default platform ('node') would inline Lit's server build and DOM shim.
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // Then Oxc's minifier, whose names gzip better than esbuild's (see scripts/gzip-friendly-minify.ts).
    plugins: [gzipFriendlyMinifyPlugin('es2022')],
    // Lit's license comments go to a file beside each bundle (`*.LEGAL.txt`), which the bundle's last line names.
    esbuildOptions(options) {
      options.legalComments = 'linked';
    },
    // V8 compiles the whole file eagerly (off the main thread while it streams in) instead of function by
    // function on first call: the first chart on a page is drawn without waiting for the compiler.
    banner: { js: '//# allFunctionsCalledOnLoad' },
    noExternal: [/.*/],
    dts: false,
    clean: false,
    outDir: 'dist/cdn',
    // d3-scale's default interpolator without d3-color: the ranges are numbers (see scripts/numeric-interpolate.ts);
    // d3-path without the arcs and rectangles no curve draws (see scripts/d3-path-lines.ts).
    esbuildPlugins: [...esbuildPlugins, numericInterpolatePlugin(), d3PathLinesPlugin()],
    outExtension: ({ format }) => ({ js: format === 'iife' ? '.iife.js' : '.min.js' }),
    // d3's license notices, which its sources do not carry as comments (see scripts/d3-licenses.ts).
    onSuccess: async () => appendD3Licenses('dist/cdn'),
  },
]);
