// Benchmark: <loss-curve> against uPlot and Chart.js in headless Chromium. See bench/README.md.
//
//   npm run bench                              sizes 1k,10k,100k,1M, 5 runs each
//   npm run bench -- --sizes 1000,100000 --runs 2 --no-build
//
// Writes bench/results.md (also printed) and bench/results.json.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, existsSync, statSync, createReadStream, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join, normalize, extname, sep } from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/find-chromium.mjs';
import { decodePng } from './png.mjs';
import { DEFAULTS, SCENARIOS, measureScenario, oneLine, plan, scenarioMarkdown, summarizeScenarios } from './scenarios.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const LIBS = ['loss-curve', 'uplot', 'chartjs'];
const LABELS = { 'loss-curve': 'loss-curve', uplot: 'uPlot', chartjs: 'Chart.js', baseline: 'baseline' };
const TRAIN_RGB = [0x25, 0x63, 0xeb];
/** A pixel "is the train color" within this RGB distance (anti-aliased edges of a 2 px line still pass). */
const COLOR_TOLERANCE = 100;
const PAGE_TIMEOUT = 10 * 60_000;
const VIEWPORT = { width: 860, height: 520 };

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    sizes: [1_000, 10_000, 100_000, 1_000_000],
    runs: 5,
    build: true,
    libs: LIBS,
    cellBudget: 100,
    verbose: false,
    scenarios: ['curves', ...SCENARIOS],
    ...DEFAULTS,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.split('=', 2);
    const value = () => inline ?? argv[++i];
    if (key === '--sizes')
      opts.sizes = value()
        .split(',')
        .map((s) => parseSize(s.trim()));
    else if (key === '--runs') opts.runs = Math.max(1, parseInt(value(), 10));
    else if (key === '--no-build') opts.build = false;
    else if (key === '--libs')
      opts.libs = value()
        .split(',')
        .map((s) => s.trim());
    else if (key === '--screenshots') opts.screenshots = value();
    else if (key === '--cell-budget') opts.cellBudget = Number(value());
    else if (key === '--verbose') opts.verbose = true;
    else if (key === '--loss-curve-append') opts.lcAppend = value();
    // An earlier build of the standalone bundle (an .iife.js under the repository), measured as one more library in
    // the same rotation: old and new interleaved in one run, so a ratio between them survives the machine's noise.
    else if (key === '--baseline') opts.baseline = value().replace(/^\.?\//, '');
    else if (key === '--out') opts.out = value();
    // The scenarios: `curves` (the single-curve table by size), `options`, `big`, `dashboard` (see README).
    else if (key === '--scenarios')
      opts.scenarios = value()
        .split(',')
        .map((s) => s.trim());
    else if (key === '--options-size') opts.optionsSize = parseSize(value());
    else if (key === '--big-size') opts.bigSize = parseSize(value());
    else if (key === '--big-reference') opts.bigReference = parseSize(value());
    else if (key === '--charts') opts.charts = parseInt(value(), 10);
    else if (key === '--epochs') opts.epochs = parseInt(value(), 10);
    else if (key === '--rounds') opts.rounds = parseInt(value(), 10);
    else if (key === '--help' || key === '-h') {
      console.log(
        'usage: node bench/run.mjs [--scenarios curves,options,big,dashboard] [--sizes 1000,10000,100000,1000000] [--runs 5] [--options-size 1M] [--big-size 10M] [--big-reference 1M] [--charts 50] [--epochs 200] [--rounds 10] [--libs loss-curve,uplot,chartjs] [--baseline path/to/training-curves.iife.js] [--out DIR] [--cell-budget SECONDS] [--screenshots DIR] [--loss-curve-append reassign] [--verbose] [--no-build]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  for (const lib of opts.libs) if (!LIBS.includes(lib)) throw new Error(`unknown library ${lib} (one of ${LIBS.join(', ')})`);
  for (const s of opts.scenarios) if (s !== 'curves' && !SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s} (curves, ${SCENARIOS.join(', ')})`);
  if (opts.baseline) opts.libs = [...opts.libs, 'baseline'];
  for (const n of opts.sizes) if (!Number.isInteger(n) || n < 100) throw new Error(`bad size ${n} (an integer ≥ 100)`);
  return opts;
}

/** "1000", "10k", "1M" or "1e6" to a number. */
function parseSize(s) {
  const m = /^([\d.e+]+)\s*([kKmM]?)$/.exec(s);
  if (!m) return NaN;
  const mult = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]];
  return Math.round(Number(m[1]) * mult);
}

// ---------------------------------------------------------------- static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
    if (!file.startsWith(ROOT + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- one measurement

async function heapBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return {
    used: h.usedSize,
    embedder: h.embedderHeapUsedSize ?? 0,
    backing: h.backingStorageSize ?? 0,
    total: h.usedSize + (h.embedderHeapUsedSize ?? 0) + (h.backingStorageSize ?? 0),
  };
}

function isTrainColor(img, x, y) {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return false;
  const i = (y * img.width + x) * 4;
  const dr = img.data[i] - TRAIN_RGB[0];
  const dg = img.data[i + 1] - TRAIN_RGB[1];
  const db = img.data[i + 2] - TRAIN_RGB[2];
  return Math.sqrt(dr * dr + dg * dg + db * db) <= COLOR_TOLERANCE;
}

/** Whether a train-colored pixel lies within ±1 px of column x and ±2 px of row y. */
function reaches(img, x, y) {
  const cx = Math.floor(x);
  const cy = Math.floor(y);
  for (let dx = -1; dx <= 1; dx++) for (let dy = -2; dy <= 2; dy++) if (isTrainColor(img, cx + dx, cy + dy)) return true;
  return false;
}

async function measure(browser, baseUrl, lib, n, screenshotDir, query = '') {
  const started = Date.now();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'no-preference' });
  const out = { lib, n, phases: {} };
  const errors = [];
  let mark = Date.now();
  const phase = (name) => {
    const t = Date.now();
    out.phases[name] = t - mark;
    mark = t;
  };
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    page.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') (out.console ??= []).push(`${m.type()}: ${m.text()}`);
    });
    const cdp = await context.newCDPSession(page);
    await page.goto(`${baseUrl}/bench/page.html?lib=${lib}${query}`, { waitUntil: 'load' });
    const info = await page.evaluate(() => window.bench.ready());
    out.appendMode = info.appendMode;
    phase('load');

    const gen = await page.evaluate((size) => window.bench.generate(size), n);
    out.inputBytes = gen.inputBytes;
    out.validationPoints = gen.validationPoints;
    phase('generate');

    const h0 = await heapBytes(cdp);
    await page.evaluate(() => window.bench.prepare());
    const h1 = await heapBytes(cdp);
    phase('prepare+heap');
    out.cold = await page.evaluate(() => window.bench.cold());
    phase('cold');
    await page.evaluate(() => window.bench.settle());
    phase('settle');
    const h2 = await heapBytes(cdp);
    out.heap = { before: h0, afterNativeData: h1, afterChart: h2, retained: h2.total - h0.total, nativeData: h1.total - h0.total };
    phase('heap');
    out.check = await page.evaluate(() => window.bench.check());

    const spikes = await page.evaluate(() => window.bench.spikePixels());
    phase('spikePixels');
    const png = await page.screenshot({ type: 'png', timeout: PAGE_TIMEOUT });
    if (screenshotDir) writeFileSync(join(screenshotDir, `${lib}-${n}.png`), png);
    const img = decodePng(png);
    out.spikes = spikes.map((s) => ({ ...s, hit: reaches(img, s.x, s.y), controlHit: reaches(img, s.controlX, s.y) }));
    out.spikeHits = out.spikes.filter((s) => s.hit).length;
    out.controlHits = out.spikes.filter((s) => s.controlHit).length;
    phase('screenshot');

    await page.evaluate(() => window.bench.prepareExtra());
    await page.evaluate(() => window.bench.settle());
    phase('prepareExtra');
    out.warm = await page.evaluate(() => window.bench.warm());
    phase('warm');
    await page.evaluate(() => window.bench.settle());
    phase('settle2');
    out.appendFirst = await page.evaluate(() => window.bench.append(0));
    phase('appendFirst');
    await page.evaluate(() => window.bench.settle());
    phase('settle3');
    out.append = await page.evaluate(() => window.bench.append(1));
    phase('append');
    await page.evaluate(() => window.bench.settle());
    phase('settle4');
  } catch (error) {
    errors.push(String(error?.message ?? error).split('\n')[0]);
  } finally {
    await context.close().catch(() => {});
    phase('close');
  }
  if (errors.length) out.errors = errors;
  out.wallMs = Date.now() - started;
  return out;
}

// ---------------------------------------------------------------- statistics and formatting

function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const MEASURES = [
  { key: 'coldMain', label: 'cold render: main thread (ms)', get: (r) => r.cold?.main, kind: 'ms' },
  { key: 'coldFrame', label: 'cold render: to painted frame (ms)', get: (r) => r.cold?.frame, kind: 'ms' },
  { key: 'warmMain', label: 'warm re-render: main thread (ms)', get: (r) => r.warm?.main, kind: 'ms' },
  { key: 'warmFrame', label: 'warm re-render: to painted frame (ms)', get: (r) => r.warm?.frame, kind: 'ms' },
  { key: 'appendFirstSync', label: 'first append 100: synchronous call (ms)', get: (r) => r.appendFirst?.sync, kind: 'ms', append: true, hidden: true },
  { key: 'appendFirstMain', label: 'first append 100: main thread (ms)', get: (r) => r.appendFirst?.main, kind: 'ms', append: true },
  { key: 'appendSync', label: 'append 100: synchronous call (ms)', get: (r) => r.append?.sync, kind: 'ms', append: true, hidden: true },
  { key: 'appendMain', label: 'next append 100: main thread (ms)', get: (r) => r.append?.main, kind: 'ms', append: true },
  { key: 'appendFrame', label: 'next append 100: to painted frame (ms)', get: (r) => r.append?.frame, kind: 'ms', append: true },
  { key: 'heapMB', label: 'retained heap (MB)', get: (r) => (r.heap ? r.heap.retained / 2 ** 20 : undefined), kind: 'mb' },
  { key: 'heapRatio', label: 'retained heap ÷ input bytes', get: (r) => (r.heap && r.inputBytes ? r.heap.retained / r.inputBytes : undefined), kind: 'x' },
  { key: 'spikes', label: 'spikes visible (worst run)', get: (r) => r.spikeHits, kind: 'spikes' },
];

function fmtNumber(v, kind) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (kind === 'spikes') return `${v}/5`;
  if (kind === 'x') return `${v < 10 ? v.toFixed(2) : v.toFixed(1)}×`;
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function fmtRatio(a, b) {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

function fmtBytes(b) {
  return b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} kB`;
}

function summarize(results, opts) {
  const cells = {};
  for (const n of opts.sizes) {
    cells[n] = {};
    for (const lib of opts.libs) {
      const rs = results.filter((r) => r.n === n && r.lib === lib);
      const row = { runs: rs.length, failed: rs.filter((r) => r.errors?.length).length, appendMode: rs.find((r) => r.appendMode)?.appendMode ?? null };
      for (const m of MEASURES) {
        const values = rs.map(m.get).filter((v) => typeof v === 'number' && Number.isFinite(v));
        row[m.key] = m.kind === 'spikes' ? (values.length ? Math.min(...values) : null) : median(values);
      }
      row.controlHits = Math.max(0, ...rs.map((r) => r.controlHits ?? 0));
      row.inputBytes = rs.find((r) => r.inputBytes)?.inputBytes ?? null;
      row.nativeDataMB = median(rs.map((r) => (r.heap ? r.heap.nativeData / 2 ** 20 : undefined)));
      cells[n][lib] = row;
    }
  }
  return cells;
}

// ---------------------------------------------------------------- bundle sizes

function sizeOf(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(join(ROOT, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  }
  return { files, minified: raw, gzip: gz };
}

function bundleSizes(baseline) {
  const min = baseline?.replace(/\.iife\.js$/, '.min.js');
  return {
    'loss-curve': sizeOf(['dist/cdn/training-curves.min.js']),
    uplot: sizeOf(['node_modules/uplot/dist/uPlot.iife.min.js', 'node_modules/uplot/dist/uPlot.min.css']),
    chartjs: sizeOf(['node_modules/chart.js/dist/chart.umd.js']),
    ...(min && existsSync(join(ROOT, min)) ? { baseline: sizeOf([min]) } : {}),
  };
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- report

function markdown({ meta, cells, sizes, opts }) {
  const libs = opts.libs;
  const peers = libs.filter((l) => l !== 'loss-curve');
  const hasLc = libs.includes('loss-curve');
  const lcModes = new Set(opts.sizes.map((n) => cells[n]['loss-curve']?.appendMode).filter(Boolean));
  const noAppend = hasLc && [...lcModes].some((m) => m !== 'appendPoints');
  const L = [];
  L.push('# training-curves benchmark', '');
  L.push(`- Date: ${meta.date}`);
  L.push(`- Browser: Chromium ${meta.chromium} (headless, ${meta.chromiumPath}), flags: \`${CHROMIUM_ARGS.join(' ')}\``);
  L.push(`- Machine: ${meta.cpus} × ${meta.cpuModel}, ${meta.memGB} GB RAM, ${meta.platform}; Node ${meta.node}`);
  L.push(
    `- Libraries: training-curves ${meta.versions['training-curves']} (\`dist/cdn/training-curves.iife.js\`), uPlot ${meta.versions.uplot} (\`uPlot.iife.min.js\`), Chart.js ${meta.versions['chart.js']} (\`chart.umd.js\`)`,
  );
  L.push(
    `- Sizes: ${opts.sizes.map((n) => n.toLocaleString('en-US')).join(', ')} training points; ${opts.runs} run(s) per cell, a fresh page each, library order rotated per run and size; medians shown`,
  );
  if (meta.skipped.length) {
    const cellsSkipped = [...new Set(meta.skipped.map((s) => `${s.scenario ? `${s.scenario}: ` : ''}${LABELS[s.lib]} at N = ${s.n.toLocaleString('en-US')}`))];
    L.push(
      `- Time budget (\`--cell-budget ${opts.cellBudget}\` s per library and size): fewer runs for ${cellsSkipped.join('; ')} (run count shown in the cell)`,
    );
  }
  if (hasLc)
    L.push(
      `- loss-curve append: ${[...lcModes].join(', ') || 'n/a'}${noAppend ? ' — appends reassign `train`/`validation` with the longer arrays (a full re-render), marked †' : ''}`,
    );
  L.push(
    `- Total time: ${(meta.wallMs / 60000).toFixed(1)} min; 1-minute load average ${(meta.loadAverage.medianDuring ?? 0).toFixed(1)} median, ${meta.loadAverage.maxDuring.toFixed(1)} max over the measurements${meta.loadAverage.medianDuring > meta.cpus ? ` (**above the ${meta.cpus} CPUs: other processes competed for the CPU, timings are inflated and noisy**)` : ''}`,
  );
  L.push('');
  if (!opts.sizes.length) return L.join('\n');
  const head = ['N', 'measure', ...libs.map((l) => LABELS[l]), ...(hasLc ? peers.map((p) => `loss-curve ÷ ${LABELS[p]}`) : [])];
  L.push(`| ${head.join(' | ')} |`);
  L.push(`| ${head.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`);
  for (const n of opts.sizes) {
    const inputMB = (cells[n][libs[0]]?.inputBytes ?? 0) / 2 ** 20;
    for (const m of MEASURES.filter((x) => !x.hidden)) {
      const label = m.key === 'heapMB' ? `${m.label}, input ${inputMB.toFixed(2)} MB` : m.label;
      const vals = libs.map((l) => {
        const c = cells[n][l];
        let s = fmtNumber(c?.[m.key], m.kind);
        if (m.append && l === 'loss-curve' && c?.appendMode && c.appendMode !== 'appendPoints') s += ' †';
        if (m.kind === 'spikes' && c?.controlHits) s += ` (control hit ${c.controlHits})`;
        if (m.key === 'heapMB' && c?.nativeDataMB >= 0.05) s += ` (data format ${fmtNumber(c.nativeDataMB, 'mb')})`;
        if (m.key === 'coldMain') {
          if (c?.failed) s += ` (${c.failed} failed)`;
          if (c && c.runs < opts.runs) s += ` (${c.runs} run${c.runs === 1 ? '' : 's'})`;
        }
        return s;
      });
      const ratios = hasLc ? peers.map((p) => (m.kind === 'spikes' ? '' : fmtRatio(cells[n]['loss-curve']?.[m.key], cells[n][p]?.[m.key]))) : [];
      L.push(`| ${n.toLocaleString('en-US')} | ${label} | ${[...vals, ...ratios].join(' | ')} |`);
    }
  }
  L.push('');
  if (noAppend)
    L.push(
      `† ${[...lcModes].find((m) => m !== 'appendPoints')}: the append reassigns \`train\` and \`validation\` with arrays 100 points longer, so it costs a full re-render.`,
      '',
    );
  L.push('Ratios are loss-curve ÷ peer (below 1× means loss-curve is faster or smaller).', '');

  L.push('## Standalone bundle size', '');
  L.push('| library | files | minified | gzip (level 9) | loss-curve ÷ it (gzip) |');
  L.push('| --- | --- | ---: | ---: | ---: |');
  for (const [lib, s] of Object.entries(sizes)) {
    const ratio = lib === 'loss-curve' ? '' : fmtRatio(sizes['loss-curve'].gzip, s.gzip);
    L.push(`| ${LABELS[lib]} | ${s.files.map((f) => `\`${f.split('/').pop()}\``).join(' + ')} | ${fmtBytes(s.minified)} | ${fmtBytes(s.gzip)} | ${ratio} |`);
  }
  L.push('');

  L.push('## Method', '');
  L.push(
    '- **Data** (the same for every library, generated in the page before anything is timed): training loss at steps 1..N, `0.3 + 2.2·exp(−5·step/N)` plus seeded Gaussian noise (σ 0.04, mulberry32 + Box–Muller), with 5 single-step spikes 1.0 above the curve at N × 0.12, 0.31, 0.5, 0.68, 0.87; validation at every 100th step. Input bytes = the Float64Array columns (16 B per point).',
    "- **Per library**: loss-curve gets `{steps, values}` Float64Arrays, default options (annotations on); uPlot gets aligned data `[steps, train, validation with null gaps]` with `spanGaps` on validation; Chart.js gets `{x, y}` objects (required by `parsing: false`), `normalized: true`, `animation: false`, min-max decimation, linear x axis, `pointRadius: 0`, `responsive: false`. Chart 800×400 CSS px, deviceScaleFactor 1, train color #2563eb (`--tc-train-color`), line width 2 px in all three. Converting to uPlot's and Chart.js's formats is not timed but its memory counts toward their retained heap.",
    "- **Timing** (frame-aligned): the call is made at the start of a `requestAnimationFrame` callback (frame F), so no time is spent waiting for vsync. A library draws either in F (synchronously or in the microtasks after the callback: Chart.js, uPlot's deferred commit, Lit updates) or in F+1 (a rAF it requests to coalesce calls: loss-curve's `appendPoints`); for loss-curve a MutationObserver on its shadow root tells which, the canvas libraries draw in F. *main thread*: from the call to a `setTimeout(0)` queued from F's callback (it runs after those microtasks and after F's style, layout and paint), plus F+1's share: from the start of F+1's rAF callbacks to a `setTimeout(0)` queued after the library's own rAF callback, which runs after F+1's style, layout and paint (an empty frame, well under 1 ms, for libraries that drew in F); idle time between the frames is not counted. *to painted frame*: from the call to the start of frame R+2, R being the frame the library drew in, with a 1×1 px heartbeat element (its own layer, outside the chart) changed in every frame; Chromium commits R+1 only after the compositor has rasterized and activated R, so R+2 cannot begin before R's pixels are ready. This includes rasterization, which for SVG happens off the main thread (canvas drawing is on the main thread, already in *main thread*). Its floor is about two frame intervals (33 ms at 60 Hz) after R begins; drawing in F+1 adds one frame of latency by design. A plain double rAF (`nextFrame` in results.json) can fire before anything is rasterized.",
    '- **cold render**: the chart is created and given its data inside the callback (element/`new uPlot`/`new Chart`, data already generated and converted); timed as above.',
    '- **warm re-render**: a full re-render of the same data: loss-curve gets new `{steps, values}` objects holding copies of the arrays (copied beforehand), uPlot `setData(data)`, Chart.js `update()`.',
    "- **append 100**: 100 training points (and the one validation point among them) after step N. loss-curve `appendPoints(train, validation)` when it exists, else reassigning `train`/`validation` with the longer arrays (prepared beforehand, so a full re-render); uPlot `setData` with the longer arrays (prepared beforehand; that is uPlot's API for new data); Chart.js pushing the points to the data arrays and `update('none')`. Two appends in a row: *first append* (steps N+1..N+100; a library may convert the chart to a live state here) and *next append* (steps N+101..N+200, the steady state of live training). The synchronous call alone is `appendFirstSync`/`appendSync` in results.json.",
    "- **retained heap**: via CDP, `HeapProfiler.collectGarbage` then `Runtime.getHeapUsage` (V8 used + Blink's Oilpan heap + ArrayBuffer backing stores) after the data is generated and again after the chart has rendered and settled; the difference, in MiB. Includes the conversion to the library's own data format, shown in parentheses (uPlot's null-padded validation array, Chart.js's `{x, y}` objects). Native renderer memory (canvas bitmaps, parsed SVG path data, layout objects) is not part of it.",
    `- **spikes**: after the cold render, a viewport screenshot; a spike counts as visible when a pixel within RGB distance ${COLOR_TOLERANCE} of #2563eb lies within ±1 px of the spike step's pixel column and ±2 px of its peak's pixel row, both from the library's own scales. The worst run is shown. A control column 3% of N away at the same height must not match ("control hit" would flag a false positive).`,
    '- `performance.now()` is coarsened to 100 µs in a page that is not cross-origin isolated.',
  );
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  if (opts.build) {
    console.log('Building (npm run build)...');
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  for (const f of [
    'dist/cdn/training-curves.iife.js',
    'dist/cdn/training-curves.min.js',
    'node_modules/uplot/dist/uPlot.iife.min.js',
    'node_modules/chart.js/dist/chart.umd.js',
  ]) {
    if (!existsSync(join(ROOT, f))) throw new Error(`missing ${f} (run npm run build / npm install)`);
  }

  if (opts.screenshots) mkdirSync(opts.screenshots, { recursive: true });
  const loadStart = os.loadavg()[0];
  const server = await serve();
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const chromiumPath = findChromium();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true, timeout: 120_000 });
  const results = [];
  try {
    const scenarioCells = plan(opts);
    const total =
      opts.runs * ((opts.scenarios.includes('curves') ? opts.sizes.length * opts.libs.length : 0) + scenarioCells.reduce((k, c) => k + c.libs.length, 0));
    let done = 0;
    // Wall time spent per library and size; a cell past its budget gets no further runs.
    const spent = new Map();
    const skipped = [];
    const tableSizes = opts.scenarios.includes('curves') ? opts.sizes : [];
    for (let run = 0; run < opts.runs; run++) {
      for (const [si, n] of tableSizes.entries()) {
        const shift = (run + si) % opts.libs.length;
        const order = [...opts.libs.slice(shift), ...opts.libs.slice(0, shift)];
        for (const lib of order) {
          const cell = `${lib}@${n}`;
          if (opts.cellBudget > 0 && (spent.get(cell) ?? 0) > opts.cellBudget * 1000) {
            skipped.push({ lib, n, run });
            done++;
            console.log(
              `[${done}/${total}] run ${run + 1} N=${n.toLocaleString('en-US')} ${LABELS[lib].padEnd(10)} skipped: over the ${opts.cellBudget} s budget of this cell`,
            );
            continue;
          }
          const query = (opts.lcAppend === 'reassign' ? '&append=reassign' : '') + (lib === 'baseline' ? `&script=/${encodeURI(opts.baseline)}` : '');
          const r = await measure(browser, baseUrl, lib, n, opts.screenshots, query);
          spent.set(cell, (spent.get(cell) ?? 0) + r.wallMs);
          r.run = run;
          r.loadAverage = os.loadavg()[0];
          results.push(r);
          done++;
          const f = (v) => (typeof v === 'number' ? v.toFixed(1) : '–');
          console.log(
            `[${done}/${total}] run ${run + 1} N=${n.toLocaleString('en-US')} ${LABELS[lib].padEnd(10)} cold ${f(r.cold?.main)}/${f(r.cold?.frame)} ms, warm ${f(r.warm?.main)}/${f(r.warm?.frame)} ms, ` +
              `append ${f(r.appendFirst?.main)}, ${f(r.append?.main)}/${f(r.append?.frame)} ms, heap ${f(r.heap && r.heap.retained / 2 ** 20)} MB, ` +
              `spikes ${r.spikeHits ?? '–'}/5 (${(r.wallMs / 1000).toFixed(1)} s)${opts.verbose ? ` ${JSON.stringify(r.phases)}` : ''}${r.errors ? `  ERRORS: ${r.errors.join(' | ')}` : ''}`,
          );
        }
      }
    }
    // The scenarios, each run rotating its libraries like the table above (a baseline build joins loss-curve's).
    const scenarioResults = [];
    for (let run = 0; run < opts.runs; run++) {
      for (const [ci, cell] of scenarioCells.entries()) {
        const shift = (run + ci) % cell.libs.length;
        const order = [...cell.libs.slice(shift), ...cell.libs.slice(0, shift)];
        for (const lib of order) {
          const key = `${cell.scenario}:${lib}@${cell.n}`;
          done++;
          if (opts.cellBudget > 0 && (spent.get(key) ?? 0) > opts.cellBudget * 1000) {
            skipped.push({ lib, n: cell.n, run, scenario: cell.scenario });
            console.log(`[${done}/${total}] run ${run + 1} ${cell.scenario} ${LABELS[lib]} skipped: over the ${opts.cellBudget} s budget of this cell`);
            continue;
          }
          const query = lib === 'baseline' ? `&script=/${encodeURI(opts.baseline)}` : '';
          const r = await measureScenario(browser, baseUrl, { scenario: cell.scenario, lib, n: cell.n, query, opts, heapBytes });
          spent.set(key, (spent.get(key) ?? 0) + r.wallMs);
          r.run = run;
          r.loadAverage = os.loadavg()[0];
          scenarioResults.push(r);
          console.log(
            `[${done}/${total}] run ${run + 1} ${cell.scenario} N=${cell.n.toLocaleString('en-US')} ${LABELS[lib].padEnd(10)} ${oneLine(r)} (${(r.wallMs / 1000).toFixed(1)} s)`,
          );
        }
      }
    }
    const meta = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      chromiumPath,
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
      memGB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: {
        start: loadStart,
        end: os.loadavg()[0],
        medianDuring: median([...results, ...scenarioResults].map((r) => r.loadAverage)),
        maxDuring: Math.max(...[...results, ...scenarioResults].map((r) => r.loadAverage)),
      },
      versions: { 'training-curves': versionOf('.'), uplot: versionOf('node_modules/uplot'), 'chart.js': versionOf('node_modules/chart.js') },
      wallMs: Date.now() - t0,
      skipped,
    };
    // Without the `curves` scenario the single-curve table has no rows (and is left out).
    const tableOpts = opts.scenarios.includes('curves') ? opts : { ...opts, sizes: [] };
    const cells = summarize(results, tableOpts);
    const sizes = bundleSizes(opts.baseline);
    const scenarios = summarizeScenarios(scenarioResults, opts);
    const md = `${markdown({ meta, cells, sizes, opts: tableOpts })}\n${scenarioMarkdown(scenarios, opts, LABELS)}`;
    const out = opts.out ? join(ROOT, opts.out) : BENCH;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'results.md'), `${md}\n`);
    writeFileSync(
      join(out, 'results.json'),
      `${JSON.stringify(
        {
          meta,
          options: {
            sizes: opts.sizes,
            runs: opts.runs,
            libs: opts.libs,
            cellBudget: opts.cellBudget,
            scenarios: opts.scenarios,
            optionsSize: opts.optionsSize,
            bigSize: opts.bigSize,
            bigReference: opts.bigReference,
            charts: opts.charts,
            epochs: opts.epochs,
            rounds: opts.rounds,
          },
          measures: MEASURES.map(({ key, label, kind }) => ({ key, label, kind })),
          medians: cells,
          bundleSizes: sizes,
          runs: results,
          scenarios,
          scenarioRuns: scenarioResults,
        },
        null,
        1,
      )}\n`,
    );
    console.log(`\n${md}`);
    console.log(`Wrote results.md and results.json in ${out} (${((Date.now() - t0) / 60000).toFixed(1)} min).`);
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
