/**
 * The package as users get it: `npm pack`, then the tarball in a plain HTML page (the standalone bundle from a
 * <script> tag, classic and module) and in a Vite app (the ESM build with lit and d3 from npm). Each page must show
 * a chart drawn from real data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { serve } from './serve.js';
import { coords, joinPaths } from '../path-data.js';

const ROOT = resolve(__dirname, '../..');
const WORK = join(ROOT, '.tmp/pack');
const history = readFileSync(join(ROOT, 'stories/data/keras-efficientnet_from_scratch.json'), 'utf8');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });

let browser: Browser;
let tarball: string;

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  // `prepack` builds first, so the tarball always holds the current sources.
  npm(['pack', '--pack-destination', WORK], ROOT);
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  tarball = join(WORK, `${name}-${version}.tgz`);
  execFileSync('tar', ['-xzf', tarball, '-C', WORK]);
  browser = await chromium.launch({ executablePath: findChromium({ install: false }), args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page and returns what the first <loss-curve> drew: vertices of both lines and page errors. */
async function inspect(url: string) {
  const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('loss-curve')?.shadowRoot?.querySelector('[part~="train-line"]'));
  const drawn = await page.evaluate(() => {
    const root = document.querySelector('loss-curve')!.shadowRoot!;
    // A curve is a <g> of path segments: each one's path data, joined below.
    const segments = (p: string) => [...(root.querySelector(`[part~="${p}"]`)?.querySelectorAll('path') ?? [])].map((path) => path.getAttribute('d') ?? '');
    return { train: segments('train-line'), validation: segments('validation-line'), xLabel: root.querySelector('[part~="x-axis"] .axis-label')?.textContent };
  });
  await page.close();
  const vertices = (segments: string[]) => coords(joinPaths(segments)).length;
  return { ...drawn, train: vertices(drawn.train), validation: vertices(drawn.validation), errors };
}

describe('packed package', () => {
  it('ships the builds, type declarations and custom-elements manifest', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const f of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/core.js',
      'dist/cdn/training-curves.iife.js',
      'dist/cdn/training-curves.min.js',
      'custom-elements.json',
      'README.md',
    ]) {
      expect(files).toContain(`package/${f}`);
    }
    const manifest = JSON.parse(readFileSync(join(WORK, 'package/custom-elements.json'), 'utf8'));
    const tags = manifest.modules
      .flatMap((m: { declarations?: Array<{ tagName?: string }> }) => m.declarations ?? [])
      .map((d: { tagName?: string }) => d.tagName);
    expect(tags).toContain('loss-curve');
  });

  it('shows the chart in a plain HTML page from a classic <script> (file://)', async () => {
    const dir = join(WORK, 'html');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta charset="utf-8"><script src="../package/dist/cdn/training-curves.iife.js"></script>
      <div style="width:700px"><loss-curve id="c" style="height:300px"></loss-curve></div>
      <script>document.getElementById('c').history = ${history};</script>`,
    );
    const r = await inspect(`file://${join(dir, 'index.html')}`);
    expect(r).toEqual({ train: 40, validation: 40, xLabel: 'epoch', errors: [] });
  }, 60_000);

  it('shows the chart in a plain HTML page from a module <script> and survives a second copy', async () => {
    const dir = join(WORK, 'module');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta charset="utf-8">
      <script src="/package/dist/cdn/training-curves.iife.js"></script>
      <script type="module">
        import { LossCurve } from '/package/dist/cdn/training-curves.min.js';
        window.ok = typeof LossCurve === 'function';
        document.getElementById('c').history = ${history};
      </script>
      <div style="width:700px"><loss-curve id="c" style="height:300px"></loss-curve></div>`,
    );
    const server = await serve(WORK);
    try {
      const r = await inspect(`${server.url}/module/index.html`);
      expect(r).toEqual({ train: 40, validation: 40, xLabel: 'epoch', errors: [] });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('shows the chart in a Vite app that installs the tarball from npm', async () => {
    const app = join(WORK, 'vite-app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'vite-app', private: true, type: 'module', dependencies: { 'training-curves': `file:${tarball}` } }),
    );
    writeFileSync(
      join(app, 'index.html'),
      `<!doctype html><meta charset="utf-8"><div style="width:700px"><loss-curve id="c" style="height:300px"></loss-curve></div>
      <script type="module" src="/src/main.ts"></script>`,
    );
    writeFileSync(
      join(app, 'src/main.ts'),
      `import 'training-curves';
      import type { LossCurve } from 'training-curves';
      import history from './history.json';
      const chart = document.getElementById('c') as LossCurve;
      chart.history = history;`,
    );
    writeFileSync(join(app, 'src/history.json'), history);
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], app);
    expect(existsSync(join(app, 'node_modules/training-curves/dist/index.js'))).toBe(true);
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: app });
    const server = await serve(join(app, 'dist'));
    try {
      const r = await inspect(`${server.url}/`);
      expect(r).toEqual({ train: 40, validation: 40, xLabel: 'epoch', errors: [] });
    } finally {
      await server.close();
    }
  }, 180_000);
});
