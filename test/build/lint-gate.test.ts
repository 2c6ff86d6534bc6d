// The lint and format gate of `npm test` (`biome ci`): it must fail on a badly formatted or suspicious file, and the
// tree itself must pass it. The bad files are written next to the sources for the run and removed after it.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';

const biome = (file: string) => spawnSync('node_modules/.bin/biome', ['ci', '--colors=off', file], { encoding: 'utf8' });
const scratch = `test/build/lint-gate-scratch-${process.pid}.ts`;

describe('lint and format gate (biome ci)', () => {
  afterEach(() => rmSync(scratch, { force: true }));

  it('fails on a badly formatted file and names the file', () => {
    writeFileSync(scratch, 'export const  a = {b:1,\n      c : "two"}\n');
    const result = biome(scratch);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('lint-gate-scratch');
  });

  it('fails on a suspicious file that is well formatted', () => {
    writeFileSync(scratch, 'export function f(a: number): boolean {\n  debugger;\n  return a == 1;\n}\n');
    expect(biome(scratch).status).not.toBe(0);
  });

  it('passes the same code formatted and clean', () => {
    writeFileSync(scratch, "export const a = { b: 1, c: 'two' };\n");
    expect(biome(scratch).status).toBe(0);
  });
});
