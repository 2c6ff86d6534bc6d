/** Helpers for tests of decimated, live and zoomed charts. */

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Whether the vertices (in drawing order) can each be given a pixel column of the plot, within the path's rounding
 * of its x (d3 writes 2 decimals), with at most 4 vertices per column. Returns the index of the first vertex that
 * cannot be placed, or -1.
 */
export function overfullColumn(points: Array<[number, number]>, left: number, eps = 0.006): number {
  let col = -Infinity;
  let used = 0;
  for (let i = 0; i < points.length; i++) {
    const x = points[i][0] - left;
    const lo = Math.floor(x - eps);
    const hi = Math.floor(x + eps);
    let c = Math.max(lo, col);
    if (c === col && used >= 4) c = col + 1;
    if (c > hi) return i;
    if (c !== col) {
      col = c;
      used = 0;
    }
    used++;
  }
  return -1;
}
