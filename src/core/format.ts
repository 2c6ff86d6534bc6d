/** Number formatting for tooltips, summaries and labels (tick labels: see tick-format.ts). */

/** A value with 4 significant digits, trailing zeros trimmed: 0.2311, 1.2e-7, 3.5e+6, NaN, ∞. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  // Pick the notation after rounding: 999999.9 rounds to 1e+6 and must not print as "1000000".
  const r = Number(v.toPrecision(4));
  const a = Math.abs(r);
  if (a >= 1e-3 && a < 1e6) return String(r);
  const [m, e] = r.toExponential(3).split('e');
  return `${Number(m)}e${e}`;
}

/** A step or epoch: integers as is with thousands separators; fractions to 4 significant digits. */
export function formatStep(step: number): string {
  // By hand rather than toLocaleString: the first Intl call costs tens of milliseconds in a cold page.
  if (Number.isInteger(step)) return Math.abs(step) < 1e21 ? String(step).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(step);
  return formatValue(step);
}

/**
 * `text` cut to what fits in `room` px at `charWidth` px per character, ending in "…" when cut: an axis label along a
 * short side (a metric called `sparse_categorical_accuracy` on a 160 px card) stays on the chart.
 */
export function fitText(text: string, room: number, charWidth: number): string {
  const fits = Math.floor(room / charWidth);
  if (text.length <= fits) return text;
  return fits <= 1 ? '' : `${text.slice(0, fits - 1).trimEnd()}…`;
}

/** Escapes text for an XML/HTML text node or attribute (for the Node-side SVG string renderer). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value as text for names and labels: strings as they are, numbers and booleans printed, anything else `fallback`. */
export function asText(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return fallback;
}

/** `n` and the word for it: `1 value`, `2 values` (`many` when the plural is not `one` + s). For messages. */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
