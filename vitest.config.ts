import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { minifyTemplatesVitePlugin } from './scripts/minify-templates.js';

// scripts/test.mjs finds a Chromium and passes it here; Debian's is the default.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // gc() for the leak test (test/elements/leak.browser.test.ts), which counts detached charts after forced collections.
  '--js-flags=--expose-gc',
];

// A fresh object per project: vitest mutates `instances`, and a shared one fails with "already defined".
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
});

// TC_TEST_BUILD=esm or cdn runs the browser tests against a build (`npx tsup` first) instead of the source: the npm
// ESM build (dist/index.js) or the standalone bundle with lit and d3 inlined (dist/cdn/training-curves.min.js).
const BUILDS: Record<string, string> = { esm: 'dist/index.js', cdn: 'dist/cdn/training-curves.min.js' };
const build = process.env.TC_TEST_BUILD;
if (build && !BUILDS[build]) throw new Error(`TC_TEST_BUILD must be one of ${Object.keys(BUILDS).join(', ')}`);

export default defineConfig({
  // The element templates as the builds ship them (see tsup.config.ts).
  plugins: [minifyTemplatesVitePlugin()],
  resolve: build ? { alias: [{ find: /^(\.\.\/)+src\/index\.js$/, replacement: fileURLToPath(new URL(BUILDS[build], import.meta.url)) }] } : undefined,
  test: {
    projects: [
      {
        extends: true,
        // Property tests run thousands of cases: give them room on a loaded 2-core CI machine.
        test: {
          name: 'unit',
          environment: 'node',
          testTimeout: 30_000,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', 'test/package/**'],
        },
      },
      {
        // The packed tarball in a plain page and in a Vite app; slow (npm pack and install), so its own project.
        extends: true,
        test: { name: 'package', environment: 'node', include: ['test/package/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        extends: true,
        // Real pointer drags go through Playwright and the page's frames: on a loaded 2-core machine one takes seconds.
        test: { name: 'browser', include: ['test/**/*.browser.test.ts'], testTimeout: 60_000, browser: browser() },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        // Storybook's setup files are served from node_modules; where that is a link (a git worktree sharing one
        // install), Vite refuses files outside the project unless the link's target is allowed too.
        server: { fs: { allow: ['.', realpathSync('node_modules')] } },
        // The setup file fails a story that loads a second copy of Lit.
        test: { name: 'storybook', browser: browser(), setupFiles: ['.storybook/vitest.setup.ts'] },
      },
    ],
  },
});
