/**
 * The curves a line may be drawn with, by name (the `curve` option and attribute), and the d3-shape curve of each.
 * Every curve passes through every vertex, so a decimated line keeps each pixel column's extremes whichever is drawn.
 */
import { curveLinear, curveMonotoneX, curveStepAfter, type CurveFactory } from 'd3-shape';
import { warnOnce } from './warn.js';

/**
 * `linear`: straight segments (the default). `step`: d3's `curveStepAfter`, a logged value holds until the next one.
 * `monotone`: d3's `curveMonotoneX`, smooth without overshooting the values.
 */
export type CurveName = 'linear' | 'step' | 'monotone';

export const CURVES: Readonly<Record<CurveName, CurveFactory>> = { linear: curveLinear, step: curveStepAfter, monotone: curveMonotoneX };

/** The curve named `name`; 'linear' when none is given, and with one console warning from `source` when it is unknown. */
export function resolveCurve(name: unknown, source = 'training-curves'): CurveName {
  if (name === null || name === undefined || name === '') return 'linear';
  if (typeof name === 'string' && Object.hasOwn(CURVES, name)) return name as CurveName;
  warnOnce(source, `curve ${JSON.stringify(String(name))} is not one of ${Object.keys(CURVES).join(', ')}; the default curve is drawn.`);
  return 'linear';
}
