// Profiles one library's cold render, warm re-render and appends in the benchmark page (CPU samples via CDP); also
// the scenarios' option changes (label, yLabel, patience, after a cold render) and the dashboard's rounds (round:
// --rounds rounds of --charts charts, profiled together; --lib uplot for the peer); big: the cold render of the big
// scenario's two Float64Arrays of --size values.
//
//   node bench/profile.mjs [--lib loss-curve] [--size 1000000] [--phase cold|warm|append0|append1|label|yLabel|patience|round|big] [--top 30]
//                          [--inclusive x] (time with callees) [--trace x] (Chromium trace events instead)
//
// loss-curve is profiled from an unminified bundle so that function names are readable.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, normalize, extname, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/find-chromium.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((s) => s.trim().split(/\s+/)),
);
const lib = args.lib ?? 'loss-curve';
const size = Number(args.size ?? 1_000_000);
const phases = (args.phase ?? 'cold').split(',');
const top = Number(args.top ?? 30);

const dev = await build({
  entryPoints: [join(ROOT, 'src/index.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'TrainingCurves',
  platform: 'browser',
  target: 'es2022',
  write: false,
  keepNames: false,
});
const devCode = `//# allFunctionsCalledOnLoad\n${dev.outputFiles[0].text}`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/dist/cdn/training-curves.iife.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(devCode);
  const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
  if (!file.startsWith(ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res
    .writeHead(200, { 'content-type': extname(file) === '.html' ? 'text/html' : extname(file) === '.css' ? 'text/css' : 'text/javascript' })
    .end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_ARGS });
const dashboard = phases.includes('round');
const context = await browser.newContext({ viewport: dashboard ? { width: 1680, height: 1920 } : { width: 860, height: 520 }, deviceScaleFactor: 1 });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await page.goto(`${base}/bench/page.html?lib=${lib}`);
await page.evaluate(() => window.bench.ready());
if (dashboard) {
  const rounds = Number(args.rounds ?? 20);
  await page.evaluate((a) => window.scenarios.generateDashboard(...a), [Number(args.charts ?? 50), Number(args.epochs ?? 200), rounds]);
  await page.evaluate(() => window.scenarios.dashboardCold());
  await page.evaluate(() => window.bench.settle());
} else if (phases.includes('big')) {
  // The big scenario's data: train and validation as two Float64Arrays of --size values.
  await page.evaluate((n) => window.scenarios.generateBig(n), size);
} else {
  await page.evaluate((n) => window.bench.generate(n), size);
  await page.evaluate(() => window.bench.prepare());
}
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

async function profiled(name, fn, arg) {
  if (args.trace !== undefined) return traced(name, fn, arg);
  await cdp.send('Profiler.start');
  const result = await page.evaluate(fn, arg);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  if (args.inclusive !== undefined) {
    // Inclusive time: each sample counts once for every distinct function on its stack.
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    self.clear();
    for (let i = 0; i < profile.samples.length; i++) {
      const seen = new Set();
      for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id).callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      }
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n== ${lib} N=${size} ${name}: ${JSON.stringify(result)}; profile ${total.toFixed(1)} ms (incl. idle)`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
}

/** Renderer main-thread trace events (style, layout, paint, script, GC) summed by name, self time. */
async function traced(name, fn, arg) {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'v8.execute', 'blink.user_timing'],
  });
  const result = await page.evaluate(fn, arg);
  const buf = await browser.stopTracing();
  const events = JSON.parse(buf.toString()).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => e.ph === 'X' && e.tid === main.tid && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  // Self time: duration minus that of nested events.
  const self = new Map();
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) stack.at(-1).child += e.dur;
    e.child = 0;
    stack.push(e);
  }
  for (const e of mine) self.set(e.name, (self.get(e.name) ?? 0) + (e.dur - e.child) / 1000);
  console.log(`\n== ${lib} N=${size} ${name} (trace): ${JSON.stringify(result)}`);
  if (args.threads !== undefined) {
    // Busy time per renderer thread (top-level events only): raster and compositing run off the main thread.
    const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    const busy = new Map();
    const ends = new Map();
    for (const e of events.filter((e) => e.ph === 'X' && e.pid === main.pid).sort((a, b) => a.ts - b.ts)) {
      const k = `${e.pid}:${e.tid}`;
      if (e.ts < (ends.get(k) ?? 0)) continue;
      ends.set(k, e.ts + e.dur);
      busy.set(k, (busy.get(k) ?? 0) + e.dur / 1000);
    }
    for (const [k, v] of [...busy].sort((a, b) => b[1] - a[1])) console.log(`${v.toFixed(1).padStart(8)} ms  thread ${names.get(k) ?? k}`);
    // What the busiest worker threads spent it on, by event name (self time).
    const workers = new Set([...names].filter(([, n]) => /Worker|Compositor/.test(n)).map(([k]) => k));
    const what = new Map();
    for (const e of events.filter((e) => e.ph === 'X' && workers.has(`${e.pid}:${e.tid}`))) what.set(e.name, (what.get(e.name) ?? 0) + e.dur / 1000);
    for (const [k, v] of [...what].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${v.toFixed(1).padStart(8)} ms  off-main ${k} (with children)`);
  }
  if (args.timeline !== undefined) {
    // Top-level main-thread events over 0.5 ms, in order, with their time from the first one.
    const t0 = mine[0]?.ts ?? 0;
    let end = 0;
    for (const e of mine) {
      if (e.ts < end) continue;
      end = e.ts + e.dur;
      if (e.dur >= 500) console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(8)} ms +${(e.dur / 1000).toFixed(1).padStart(6)}  ${e.name}`);
    }
  }
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
}

const OPTIONS = ['label', 'yLabel', 'patience'];
for (const p of phases) {
  if (p === 'round') {
    // Every round in one profile, a settled page between them, so that a 1-2 ms round still gets enough samples.
    const rounds = Number(args.rounds ?? 20);
    await profiled(
      `${rounds} dashboard rounds (to painted frame, ms)`,
      async (count) => {
        const out = [];
        for (let k = 0; k < count; k++) {
          out.push(Math.round((await window.scenarios.dashboardRound(k)).frame));
          await window.bench.settle();
        }
        return out;
      },
      rounds,
    );
  } else if (OPTIONS.includes(p)) {
    if (!globalThis.__drawn) {
      await page.evaluate(() => window.bench.cold());
      await page.evaluate(() => window.bench.settle());
      globalThis.__drawn = true;
    }
    await profiled(p, (name) => window.scenarios.changeOption(name), p);
    await page.evaluate(() => window.bench.settle());
  } else if (p === 'cold' || p === 'big') await profiled(p, () => window.bench.cold());
  else {
    if (!globalThis.__extra) {
      if (!phases.includes('cold')) await page.evaluate(() => window.bench.cold());
      await page.evaluate(() => window.bench.settle());
      await page.evaluate(() => window.bench.prepareExtra());
      await page.evaluate(() => window.bench.settle());
      globalThis.__extra = true;
    }
    if (p === 'warm') await profiled('warm', () => window.bench.warm());
    if (p === 'append0') await profiled('append0', () => window.bench.append(0));
    if (p === 'append1') await profiled('append1', () => window.bench.append(1));
    await page.evaluate(() => window.bench.settle());
  }
}
await browser.close();
server.close();
