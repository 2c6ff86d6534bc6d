import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';

// scripts/test.mjs finds a Chromium and passes it here; Debian's is the default.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// A fresh object per project: vitest mutates `instances`, and a shared one fails with "already defined".
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        // Property tests run thousands of cases: give them room on a loaded 2-core CI machine.
        test: { name: 'unit', environment: 'node', testTimeout: 30_000, include: ['test/**/*.test.ts'], exclude: ['test/**/*.browser.test.ts', 'test/package/**'] },
      },
      {
        // The packed tarball in a plain page and in a Vite app; slow (npm pack and install), so its own project.
        extends: true,
        test: { name: 'package', environment: 'node', include: ['test/package/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      { extends: true, test: { name: 'browser', include: ['test/**/*.browser.test.ts'], browser: browser() } },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: { name: 'storybook', browser: browser() },
      },
    ],
  },
});
