/** Number formatting for tooltips, summaries and labels. */

/** A value with 4 significant digits, trailing zeros trimmed: 0.2311, 1.2e-7, 3.5e+6, NaN, ∞. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(4)));
  const [m, e] = v.toExponential(3).split('e');
  return `${Number(m)}e${e}`;
}

/** A step or epoch: integers as is with thousands separators; fractions to 4 significant digits. */
export function formatStep(step: number): string {
  if (Number.isInteger(step)) return step.toLocaleString('en-US');
  return formatValue(step);
}

/** Escapes text for an XML/HTML text node or attribute (for the Node-side SVG string renderer). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
