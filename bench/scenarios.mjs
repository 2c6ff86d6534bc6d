// Node half of the scenarios beyond the single-curve table (see bench/README.md, "Scenarios"): each measurement is a
// fresh page driven through window.scenarios (bench/scenarios.js); the report prints each median next to its budget.

/** The budgets of issue 14; a number is printed with "pass" or "over", never asserted. */
export const BUDGETS = {
  label: { max: 0.1, what: 'under a tenth of the first render' },
  yLabel: { max: 0.1, what: 'under a tenth of the first render' },
  patience: { max: 0.25, what: 'under a quarter of the first render' },
  longestTask: { max: 100, what: 'no main-thread task over 100 ms' },
  bigRatio: { max: 3, what: 'under 3× the time of 1M points' },
  bigHeap: { max: 1.2, what: 'at most 1.2× the input bytes' },
  roundRatio: { max: 1, what: "no more than uPlot's" },
  coldRatio: { max: 0.8, what: "at or below 0.8× uPlot's" },
};

export const SCENARIOS = ['options', 'big', 'dashboard'];
/** Which libraries each scenario measures (the baseline build, when given, joins every scenario loss-curve is in). */
export const SCENARIO_LIBS = { options: ['loss-curve'], big: ['loss-curve'], dashboard: ['loss-curve', 'uplot'] };
export const OPTION_NAMES = ['label', 'yLabel', 'patience'];

export const DEFAULTS = { optionsSize: 1_000_000, bigSize: 10_000_000, bigReference: 1_000_000, charts: 50, epochs: 200, rounds: 10 };

async function open(browser, baseUrl, lib, query, viewport, out) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'no-preference' });
  const page = await context.newPage();
  page.setDefaultTimeout(10 * 60_000);
  page.on('pageerror', (e) => (out.errors ??= []).push(String(e?.message ?? e)));
  await page.goto(`${baseUrl}/bench/page.html?lib=${lib}${query}`, { waitUntil: 'load' });
  await page.evaluate(() => window.bench.ready());
  return { context, page };
}

/** One scenario measurement in a fresh page; `heapBytes(cdp)` forces a GC and reads the heap. */
export async function measureScenario(browser, baseUrl, { scenario, lib, n, query, opts, heapBytes }) {
  const started = Date.now();
  const out = { scenario, lib, n };
  const viewport = scenario === 'dashboard' ? { width: 1680, height: 1920 } : { width: 860, height: 520 };
  let context;
  try {
    const opened = await open(browser, baseUrl, lib, query, viewport, out);
    context = opened.context;
    const { page } = opened;
    if (scenario === 'options') {
      await page.evaluate((size) => window.bench.generate(size), n);
      await page.evaluate(() => window.bench.prepare());
      out.cold = await page.evaluate(() => window.bench.cold());
      await page.evaluate(() => window.bench.settle());
      out.options = {};
      for (const name of OPTION_NAMES) {
        out.options[name] = await page.evaluate((o) => window.scenarios.changeOption(o), name);
        await page.evaluate(() => window.bench.settle());
      }
    } else if (scenario === 'big') {
      const cdp = await context.newCDPSession(page);
      const empty = await heapBytes(cdp);
      const gen = await page.evaluate((size) => window.scenarios.generateBig(size), n);
      out.inputBytes = gen.inputBytes;
      const h0 = await heapBytes(cdp);
      await page.evaluate(() => window.scenarios.watchTasks());
      out.cold = await page.evaluate(() => window.bench.cold());
      await page.evaluate(() => window.bench.settle());
      out.tasks = await page.evaluate(() => window.scenarios.longestTask());
      const h1 = await heapBytes(cdp);
      // `kept`: what the page keeps with the chart, its input included (the issue's measure); `retained`: the chart's own.
      out.heap = { empty, before: h0, after: h1, retained: h1.total - h0.total, kept: h1.total - empty.total };
    } else if (scenario === 'dashboard') {
      const { charts, epochs, rounds } = opts;
      await page.evaluate((a) => window.scenarios.generateDashboard(...a), [charts, epochs, rounds]);
      out.mode = await page.evaluate(() => window.scenarios.dashboardMode());
      await page.evaluate(() => window.bench.settle());
      out.cold = await page.evaluate(() => window.scenarios.dashboardCold());
      await page.evaluate(() => window.bench.settle());
      out.painted = await page.evaluate(() => window.scenarios.dashboardPainted());
      out.rounds = [];
      for (let k = 0; k < rounds; k++) {
        out.rounds.push(await page.evaluate((r) => window.scenarios.dashboardRound(r), k));
        await page.evaluate(() => window.bench.settle());
      }
    }
  } catch (error) {
    (out.errors ??= []).push(String(error?.message ?? error).split('\n')[0]);
  } finally {
    await context?.close().catch(() => {});
  }
  out.wallMs = Date.now() - started;
  return out;
}

/** The measurements of every run, in order: scenario × size × library, libraries rotated per run. */
export function plan(opts) {
  const cells = [];
  const withBaseline = (libs) => (opts.baseline ? [...libs, ...(libs.includes('loss-curve') ? ['baseline'] : [])] : libs);
  // `curves` is the single-curve table, which run.mjs measures itself.
  for (const scenario of opts.scenarios.filter((s) => SCENARIOS.includes(s))) {
    const libs = withBaseline(SCENARIO_LIBS[scenario]);
    const sizes = scenario === 'options' ? [opts.optionsSize] : scenario === 'big' ? [opts.bigReference, opts.bigSize] : [opts.charts * opts.epochs];
    for (const n of sizes) cells.push({ scenario, n, libs });
  }
  return cells;
}

export function oneLine(r) {
  const f = (v) => (typeof v === 'number' ? v.toFixed(1) : '–');
  const bits = [`cold ${f(r.cold?.main)}/${f(r.cold?.frame)} ms`];
  if (r.options) for (const [k, v] of Object.entries(r.options)) bits.push(`${k} ${f(v.main)}/${f(v.frame)} ms`);
  if (r.tasks) bits.push(`longest task ${f(r.tasks.longest)} ms (${r.tasks.count} over 50 ms)`);
  if (r.heap) bits.push(`heap ${f(r.heap.kept / 2 ** 20)} MB kept (chart's own ${f(r.heap.retained / 2 ** 20)}) for ${f(r.inputBytes / 2 ** 20)} MB input`);
  if (r.rounds) bits.push(`round ${f(median(r.rounds.map((x) => x.frame)))} ms (median of ${r.rounds.length}), ${r.painted} painted`);
  return `${bits.join(', ')}${r.errors ? `  ERRORS: ${r.errors.join(' | ')}` : ''}`;
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Medians per scenario and library. Ratios are taken per run (each run's numbers come from one page, or from
 * pages measured back to back), then the median of those ratios: it resists the machine's drift better than a
 * ratio of medians.
 */
export function summarizeScenarios(results, opts) {
  const out = {};
  const pick = (scenario, lib, n) => results.filter((r) => r.scenario === scenario && r.lib === lib && (n === undefined || r.n === n) && !r.errors);
  const libsOf = (s) => [...new Set(results.filter((r) => r.scenario === s).map((r) => r.lib))];
  if (opts.scenarios.includes('options')) {
    out.options = {};
    for (const lib of libsOf('options')) {
      const rs = pick('options', lib);
      const row = { runs: rs.length, coldFrame: median(rs.map((r) => r.cold?.frame)), coldMain: median(rs.map((r) => r.cold?.main)) };
      for (const name of OPTION_NAMES) {
        row[name] = {
          frame: median(rs.map((r) => r.options?.[name]?.frame)),
          main: median(rs.map((r) => r.options?.[name]?.main)),
          ratio: median(rs.map((r) => r.options?.[name]?.frame / r.cold?.frame)),
          mainRatio: median(rs.map((r) => r.options?.[name]?.main / r.cold?.main)),
        };
      }
      out.options[lib] = row;
    }
  }
  if (opts.scenarios.includes('big')) {
    out.big = {};
    for (const lib of libsOf('big')) {
      const big = pick('big', lib, opts.bigSize);
      const ref = pick('big', lib, opts.bigReference);
      const runs = big.map((r) => ({ big: r, ref: ref.find((x) => x.run === r.run) })).filter((p) => p.ref);
      out.big[lib] = {
        runs: big.length,
        longestTask: median(big.map((r) => r.tasks?.longest)),
        longTasks: median(big.map((r) => r.tasks?.count)),
        bigFrame: median(big.map((r) => r.cold?.frame)),
        refFrame: median(ref.map((r) => r.cold?.frame)),
        refLongestTask: median(ref.map((r) => r.tasks?.longest)),
        ratio: median(runs.map((p) => p.big.cold?.frame / p.ref.cold?.frame)),
        heapMB: median(big.map((r) => r.heap?.kept / 2 ** 20)),
        ownMB: median(big.map((r) => r.heap?.retained / 2 ** 20)),
        inputMB: median(big.map((r) => r.inputBytes / 2 ** 20)),
        heapRatio: median(big.map((r) => r.heap?.kept / r.inputBytes)),
        refHeapRatio: median(ref.map((r) => r.heap?.kept / r.inputBytes)),
      };
    }
  }
  if (opts.scenarios.includes('dashboard')) {
    out.dashboard = {};
    const uplot = pick('dashboard', 'uplot');
    for (const lib of libsOf('dashboard')) {
      const rs = pick('dashboard', lib);
      const roundOf = (r) => median(r.rounds?.map((x) => x.frame) ?? []);
      const roundMainOf = (r) => median(r.rounds?.map((x) => x.main) ?? []);
      const peer = (r) => uplot.find((u) => u.run === r.run);
      out.dashboard[lib] = {
        runs: rs.length,
        mode: rs[0]?.mode,
        painted: Math.min(...rs.map((r) => r.painted ?? 0)),
        coldFrame: median(rs.map((r) => r.cold?.frame)),
        coldMain: median(rs.map((r) => r.cold?.main)),
        roundFrame: median(rs.map(roundOf)),
        roundMain: median(rs.map(roundMainOf)),
        coldRatio: median(rs.map((r) => (peer(r) ? r.cold?.frame / peer(r).cold?.frame : NaN))),
        roundRatio: median(rs.map((r) => (peer(r) ? roundOf(r) / roundOf(peer(r)) : NaN))),
        roundMainRatio: median(rs.map((r) => (peer(r) ? roundMainOf(r) / roundMainOf(peer(r)) : NaN))),
      };
    }
  }
  return out;
}

const ms = (v) => (v === null || !Number.isFinite(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const x = (v) => (v === null || !Number.isFinite(v) ? '–' : `${v >= 10 ? v.toFixed(1) : v.toFixed(2)}×`);
function verdict(v, budget) {
  if (v === null || !Number.isFinite(v)) return '–';
  return `${v <= budget.max ? 'pass' : '**over**'} (${budget.what})`;
}

export function scenarioMarkdown(s, opts, labels) {
  const L = [];
  const name = (lib) => labels[lib] ?? lib;
  if (s.options) {
    L.push(`## Option changes on a ${opts.optionsSize.toLocaleString('en-US')}-point chart`, '');
    L.push(
      "Setting one property on a drawn chart, to the painted frame, as a ratio of the same chart's first render (its cold render, to the painted frame) in the same page; main-thread times and their ratio in parentheses. A change drawn in its own frame takes about two frame intervals (33 ms at 60 Hz) to the painted frame however little it costs, so below a first render of about 330 ms a tenth is out of reach of the painted-frame ratio; the main-thread ratio is the cost.",
      '',
    );
    L.push('| library | first render (ms) | change | to painted frame (ms) | ÷ first render | budget |');
    L.push('| --- | ---: | --- | ---: | ---: | --- |');
    for (const [lib, row] of Object.entries(s.options)) {
      for (const o of OPTION_NAMES) {
        const c = row[o];
        L.push(
          `| ${name(lib)} | ${ms(row.coldFrame)} (${ms(row.coldMain)}) | \`${o}\` | ${ms(c.frame)} (${ms(c.main)}) | ${x(c.ratio)} (${x(c.mainRatio)}) | ${lib === 'loss-curve' ? `${verdict(c.ratio, BUDGETS[o])}; main thread ${verdict(c.mainRatio, BUDGETS[o]).split(' (')[0]}` : ''} |`,
        );
      }
    }
    L.push('');
  }
  if (s.big) {
    const big = opts.bigSize.toLocaleString('en-US');
    const ref = opts.bigReference.toLocaleString('en-US');
    L.push(`## ${big} points`, '');
    L.push(
      `\`train\` and \`validation\` as two Float64Arrays of ${big} values (epochs 1..N). The longest main-thread task from the cold render until it has settled (PerformanceObserver \`longtask\`: tasks over 50 ms; 0 means none), the cold render to the painted frame as a ratio to ${ref} points (measured in the same run), and the heap the page retains with the chart after a forced GC, the input included, as a ratio to the input bytes (the chart's own share is the heap after the render minus the heap before it).`,
      '',
    );
    L.push('| library | measure | value | budget |');
    L.push('| --- | --- | ---: | --- |');
    for (const [lib, r] of Object.entries(s.big)) {
      const main = lib === 'loss-curve';
      L.push(
        `| ${name(lib)} | longest main-thread task (ms), ${r.longTasks ?? '–'} over 50 ms | ${ms(r.longestTask)} | ${main ? verdict(r.longestTask, BUDGETS.longestTask) : ''} |`,
      );
      L.push(`| ${name(lib)} | to painted frame (ms): ${big} / ${ref} | ${ms(r.bigFrame)} / ${ms(r.refFrame)} | |`);
      L.push(`| ${name(lib)} | time to painted ÷ ${ref} points | ${x(r.ratio)} | ${main ? verdict(r.ratio, BUDGETS.bigRatio) : ''} |`);
      L.push(`| ${name(lib)} | retained heap with the input (MB), input ${ms(r.inputMB)} MB; the chart's own | ${ms(r.heapMB)}; ${ms(r.ownMB)} | |`);
      L.push(
        `| ${name(lib)} | retained heap ÷ input bytes (at ${ref}: ${x(r.refHeapRatio)}) | ${x(r.heapRatio)} | ${main ? verdict(r.heapRatio, BUDGETS.bigHeap) : ''} |`,
      );
    }
    L.push('');
  }
  if (s.dashboard) {
    L.push(`## Dashboard: ${opts.charts} charts of ${opts.epochs} epochs`, '');
    L.push(
      `${opts.charts} charts of ${opts.epochs} epochs (train and validation every epoch), ${320}×${180} px each, all in the viewport. *Cold*: creating all of them, to the frame where all are painted. *Round*: one more epoch appended to every chart (loss-curve \`appendPoints\`, uPlot \`setData\` with the grown arrays, built beforehand), to the painted frame; the median of ${opts.rounds} rounds per page. Ratios to uPlot are per run (the same run's uPlot page), then the median.`,
      '',
    );
    L.push(
      '| library | mode | cold: to painted (ms) | round: to painted (ms) | round: main thread (ms) | cold ÷ uPlot | round ÷ uPlot | budget (cold; round) |',
    );
    L.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const [lib, r] of Object.entries(s.dashboard)) {
      const peer = lib !== 'uplot';
      L.push(
        `| ${name(lib)} | ${r.mode ?? '–'} | ${ms(r.coldFrame)} | ${ms(r.roundFrame)} | ${ms(r.roundMain)} | ${peer ? x(r.coldRatio) : ''} | ${peer ? `${x(r.roundRatio)} (main ${x(r.roundMainRatio)})` : ''} | ${lib === 'loss-curve' ? `${verdict(r.coldRatio, BUDGETS.coldRatio)}; ${verdict(r.roundRatio, BUDGETS.roundRatio)}` : ''} |`,
      );
    }
    L.push('');
  }
  return L.join('\n');
}
