import { CURVES, resolveCurve, type CurveName } from '../../core/curve.js';
import { formatStep, formatValue } from '../../core/format.js';
import { resolveFormat, valueFormatter, type NumberFormat } from '../../core/tick-format.js';

/** The user's number formats and curve, as the layout and the tooltip use them. */
export interface ChartFormats {
  /** Tick label formats for the layout: a valid specifier or a function, else null (the default). */
  xTicks: NumberFormat | null;
  yTicks: NumberFormat | null;
  /** A step's text (tooltip titles, "at step" notes) and a value's (tooltip values). */
  step: (step: number) => string;
  value: (value: number) => string;
  /** The curve named by the user, or null when none is (or an unknown one is): the layout's default applies. */
  curve: CurveName | null;
}

/**
 * Reads `xFormat`, `yFormat` and `curve` once per change of any of them: an invalid specifier or curve name falls
 * back to the default with one console warning (from `tag`), and the formatters are built once, not per tooltip row.
 */
export class FormatCache {
  #from: unknown[] = [];
  #formats: ChartFormats | null = null;

  get(xFormat: unknown, yFormat: unknown, curve: unknown, tag: string): ChartFormats {
    const from = [xFormat, yFormat, curve, tag];
    if (this.#formats && from.every((v, i) => Object.is(v, this.#from[i]))) return this.#formats;
    this.#from = from;
    this.#formats = {
      xTicks: resolveFormat(xFormat, 'x-format', tag),
      yTicks: resolveFormat(yFormat, 'y-format', tag),
      step: valueFormatter(xFormat, formatStep, 'x-format', tag),
      value: valueFormatter(yFormat, formatValue, 'y-format', tag),
      curve: curveOf(curve, tag),
    };
    return this.#formats;
  }
}

/** A known curve name as is; none (or an unknown name, with one warning) is null, for the chart's default curve. */
function curveOf(name: unknown, tag: string): CurveName | null {
  if (name === null || name === undefined || name === '') return null;
  if (typeof name === 'string' && Object.hasOwn(CURVES, name)) return name as CurveName;
  resolveCurve(name, tag);
  return null;
}
