// The standalone bundle's size budget (elements + lit + d3, minified, gzip -9), checked by `npm test` after the
// build. The budget in package.json ("sizeBudget") is the product's 45 KiB ceiling for the standalone bundle with Lit and
// d3 inlined; it only comes down, and raising it needs a reason
// in the commit that does. The goal, below uPlot's 22.3 KiB gzip (with its CSS), is printed next to it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const GOAL = 22.3 * 1024;
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
console.log(`${file}: ${kib(bytes.length)} minified, ${kib(gzip)} gzip (budget ${kib(sizeBudget.gzip)}, goal under ${kib(GOAL)})`);
if (gzip > sizeBudget.gzip) {
  console.error(`Over budget by ${kib(gzip - sizeBudget.gzip)}.`);
  process.exit(1);
}
