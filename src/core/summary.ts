/** Plain-language summaries of a chart, for screen readers and `aria-describedby`. */
import { formatStep, formatValue } from './format.js';
import type { Mode } from './metric-mode.js';
import type { PreparedCurves, PreparedLine } from './prepare-curves.js';

/** The last finite value of a line and its step, or null. */
export function lastFinite(l: PreparedLine): { step: number; value: number } | null {
  const { steps, values } = l.series;
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return { step: steps[i], value: values[i] };
  return null;
}

/** The first best finite value of a line in the mode's direction (the first occurrence on ties), or null. */
export function bestFinite(l: PreparedLine, mode: Mode): { step: number; value: number } | null {
  const { steps, values } = l.series;
  let best: { step: number; value: number } | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (!best || (mode === 'min' ? v < best.value : v > best.value)) best = { step: steps[i], value: v };
  }
  return best;
}

/**
 * "Loss over 40 epochs. Final training loss 1.13, validation loss 4.222. Best validation loss 3.256 at epoch 26."
 */
export function describeCurves(p: PreparedCurves): string {
  if (p.message) return `${p.title}. ${p.message}`;
  const unit = p.indexed ? 'epoch' : 'step';
  const span = p.steps.length;
  const parts = [`${p.title}: ${p.metric} over ${span} ${unit}${span === 1 ? '' : 's'}.`];
  const finals = p.lines
    .map((l) => {
      const last = lastFinite(l);
      return last ? `${l.name} ${formatValue(last.value)}` : null;
    })
    .filter(Boolean);
  if (finals.length) parts.push(`Final ${finals.join(', ')}.`);
  const validation = p.lines.find((l) => l.key === 'validation');
  const best = validation && bestFinite(validation, p.mode);
  if (best) parts.push(`Best validation ${p.metric} ${formatValue(best.value)} at ${unit} ${formatStep(best.step)}.`);
  if (p.divergence) {
    const what = Number.isNaN(p.divergence.value) ? 'NaN' : 'infinite';
    const name = p.lines.find((l) => l.key === p.divergence!.key)!.name;
    parts.push(`The ${name} ${p.metric} became ${what} at ${unit} ${formatStep(p.divergence.step)}.`);
  }
  return parts.join(' ');
}
