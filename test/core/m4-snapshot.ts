import type { M4 } from '../../src/core/m4.js';

/** An M4's aggregates as plain arrays, to compare two of them with toEqual. */
export const snapshot = (a: M4) => ({
  first: [...a.first],
  min: [...a.min],
  max: [...a.max],
  last: [...a.last],
  lead: [...a.lead],
  trail: [...a.trail],
  gap: [...a.gap],
});
