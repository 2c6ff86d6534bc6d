import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../scripts/find-chromium.mjs';
const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 860, height: 520 }, deviceScaleFactor: 1 });
const W = 780, H = 400;
function verts(seed) {
  let s = seed; const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const v = [];
  for (let c = 0; c < W; c++) { const base = H * (0.2 + 0.6 * Math.exp(-c / 300)); for (let k = 0; k < 4; k++) v.push([c + k * 0.25, base + (rnd() - 0.5) * 60]); }
  return v;
}
function d(v) { return 'M' + v.map(([x, y]) => x.toFixed(1) + ',' + y.toFixed(1)).join('L'); }
function chunks(v, n) { const out = []; const per = Math.ceil(v.length / n); for (let i = 0; i < v.length; i += per) out.push(v.slice(Math.max(0, i - 1), i + per)); return out; }
const variants = {
  one: (a, b) => [d(a), d(b)].map((p, i) => `<path class="l${i}" d="${p}"/>`).join(''),
  chunk8: (a, b) => [a, b].flatMap((v, i) => chunks(v, 8).map((c) => `<path class="l${i}" d="${d(c)}"/>`)).join(''),
  chunk16: (a, b) => [a, b].flatMap((v, i) => chunks(v, 16).map((c) => `<path class="l${i}" d="${d(c)}"/>`)).join(''),
  chunk32: (a, b) => [a, b].flatMap((v, i) => chunks(v, 32).map((c) => `<path class="l${i}" d="${d(c)}"/>`)).join(''),
  crisp: (a, b) => [d(a), d(b)].map((p, i) => `<path class="l${i}" shape-rendering="crispEdges" d="${p}"/>`).join(''),
  bevel: (a, b) => [d(a), d(b)].map((p, i) => `<path class="l${i}" stroke-linejoin="bevel" d="${p}"/>`).join(''),
  miter: (a, b) => [d(a), d(b)].map((p, i) => `<path class="l${i}" stroke-linejoin="miter" d="${p}"/>`).join(''),
};
const a = verts(1), b = verts(2);
const res = {};
for (let round = 0; round < 5; round++) for (const [name, f] of Object.entries(variants)) {
  const page = await context.newPage();
  await page.setContent(`<style>path{fill:none;stroke-width:2px;stroke-linejoin:round;stroke-linecap:round}.l0{stroke:#2563eb}.l1{stroke:#ea580c}</style><div id=h style="width:1px;height:1px"></div><svg id=s width=${W} height=${H}></svg>`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'disabled-by-default-cc.debug'] });
  const t = await page.evaluate((html) => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const t0 = performance.now();
      document.getElementById('s').innerHTML = html;
      let n = 0; const beat = () => { document.getElementById('h').style.background = n % 2 ? 'red' : 'blue'; if (++n < 4) requestAnimationFrame(beat); else resolve(performance.now() - t0); };
      requestAnimationFrame(beat);
    });
  }), f(a, b));
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const raster = events.filter((e) => e.ph === 'X' && /RasterTask|TileTask/.test(e.name)).reduce((s, e) => s + e.dur / 1000, 0);
  const paint = events.filter((e) => e.ph === 'X' && /^(Paint|PrePaint|Commit|UpdateLayoutTree|Layout)$/.test(e.name)).reduce((s, e) => s + e.dur / 1000, 0);
  (res[name] ??= []).push([t, raster, paint]);
  await page.close();
}
const med = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(8), 'frame3', med(v.map((r) => r[0])).toFixed(1), 'raster', med(v.map((r) => r[1])).toFixed(1), 'main-render', med(v.map((r) => r[2])).toFixed(1));
await browser.close();
