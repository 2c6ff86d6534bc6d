/**
 * Story tests: every story renders with exactly one copy of Lit. Each copy of lit-html, lit-element and
 * @lit/reactive-element adds its version to a global list when it loads (and a second one logs "Multiple versions of
 * Lit loaded"), so a list longer than one after a story means the demo loaded two Lits (see LIT_ENTRIES in main.ts).
 */
import { afterEach, expect } from 'vitest';

const LISTS = ['litHtmlVersions', 'litElementVersions', 'reactiveElementVersions'] as const;

afterEach(() => {
  const g = globalThis as unknown as Record<(typeof LISTS)[number], string[] | undefined>;
  for (const list of LISTS) expect(g[list] ?? [], `globalThis.${list}: copies of Lit loaded`).toHaveLength(1);
});
