// The standalone bundle's size budget (elements + lit + d3, minified, gzip -9), checked by `npm test` after the
// build. The budget in package.json ("sizeBudget") is the product's 45 KiB ceiling for the standalone bundle with Lit and
// d3 inlined; it only comes down, and raising it needs a reason in the commit that does. (Chart.js is 69.4 KiB; uPlot's
// 22.3 KiB was a goal while the scales and paths were our own, and is retired now that d3 computes them.)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const { sizeBudget } = JSON.parse(readFileSync('package.json', 'utf8'));
const file = 'dist/cdn/training-curves.min.js';
let bytes;
try {
  bytes = readFileSync(file);
} catch {
  console.error(`${file} is missing: run npm run build first.`);
  process.exit(1);
}
const gzip = gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${kib(bytes.length)} minified, ${kib(gzip)} gzip (budget ${kib(sizeBudget.gzip)})`);
if (gzip > sizeBudget.gzip) {
  console.error(`Over budget by ${kib(gzip - sizeBudget.gzip)}.`);
  process.exit(1);
}
