/** Number formatting for tooltips, summaries and labels. */

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
