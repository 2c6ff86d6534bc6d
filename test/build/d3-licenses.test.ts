// The standalone bundles' license file names every bundled d3 package with its notice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendD3Licenses, BUNDLED_D3 } from '../../scripts/d3-licenses.js';

describe('d3 license notices in *.LEGAL.txt', () => {
  it('appends each bundled d3 package and its ISC notice after what esbuild collected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'legal-'));
    writeFileSync(join(dir, 'training-curves.min.js.LEGAL.txt'), 'Bundled license information:\n\nlit-html/lit-html.js:\n');
    writeFileSync(join(dir, 'training-curves.min.js'), 'code');
    appendD3Licenses(dir);
    const text = readFileSync(join(dir, 'training-curves.min.js.LEGAL.txt'), 'utf8');
    expect(text.startsWith('Bundled license information:')).toBe(true);
    for (const name of BUNDLED_D3) expect(text).toContain(`\n${name}:\n  Copyright`);
    expect(text.match(/Permission to use, copy, modify, and\/or distribute this software/g)).toHaveLength(BUNDLED_D3.length);
    expect(readFileSync(join(dir, 'training-curves.min.js'), 'utf8')).toBe('code');
  });
});
