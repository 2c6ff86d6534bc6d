// `npm test`: the one gate. Type check, build (library, standalone bundle, manifest), every vitest project
// (unit tests in Node; browser, Storybook-story and package tests in headless Chromium), the static Storybook
// build, then one summary line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { findChromium } from './find-chromium.mjs';

process.env.STORYBOOK_DISABLE_TELEMETRY = '1';
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

let chromium;
try {
  chromium = findChromium();
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
process.env.CHROMIUM_PATH = chromium;
console.log(`Browser tests use ${chromium}`);

let passed = 0;
let failed = 0;
function step(name, command, args) {
  console.log(`\n> ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const bin = (name) => `node_modules/.bin/${name}`;
const gates = [
  // Lint and format first: a badly formatted or suspicious file fails the run before anything is built.
  ['lint and format (biome ci)', bin('biome'), ['ci', '.']],
  ['type check', bin('tsc'), ['-p', 'tsconfig.json']],
  ['build', bin('tsup'), ['--silent']],
  ['custom-elements manifest', 'npm', ['run', '--silent', 'manifest']],
  ['bundle size budget', 'node', ['scripts/size.mjs']],
];
for (const [name, command, args] of gates) {
  if (step(name, command, args)) passed++;
  else failed++;
}

rmSync('.tmp/vitest.json', { force: true });
mkdirSync('.tmp', { recursive: true });
const vitestOk = step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
try {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no tests to count: count it as a failure.
  if (!vitestOk && report.numFailedTests === 0) failed++;
} catch {
  failed++;
}

if (step('static Storybook build', bin('storybook'), ['build', '--quiet', '--disable-telemetry', '-o', 'storybook-static'])) passed++;
else failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
