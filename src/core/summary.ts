/** Plain-language summaries of a chart, for screen readers and `aria-describedby`. */
import { count, formatStep, formatValue } from './format.js';
import { nearestIndex } from './nearest.js';
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
 * "Loss curves: loss over 40 epochs. Final training loss 1.135, validation loss 4.222. Best validation loss 3.256 at
 * epoch 26." Step-indexed runs name their range ("over steps 49 to 19,599"): logged steps are sparse. Runs of a
 * comparison get their own final and best values. O(lines): it reads running statistics, never the whole data.
 */
export function describeCurves(p: PreparedCurves): string {
  if (p.message) return `${p.title}. ${p.message}`;
  const unit = p.indexed ? 'epoch' : 'step';
  let first = Infinity;
  let last = -Infinity;
  for (const l of p.lines) {
    first = Math.min(first, l.stats.stepMin);
    last = Math.max(last, l.stats.stepMax);
  }
  // Logged steps are sparse (every 50th, say): their count is not the run's length, so name the range instead.
  const extent = p.indexed
    ? `over ${count(last, unit)}`
    : first === last
      ? `at step ${formatStep(first)}`
      : `over steps ${formatStep(first)} to ${formatStep(last)}`;
  const parts = [`${p.title}: ${p.metric} ${extent}.`];
  for (const run of p.runs) {
    const who = p.multi ? `${run.name}: ` : '';
    const finals = run.lines
      .map((l) => {
        const end = lastFinite(l);
        return end ? `${p.multi ? (l.key === 'train' ? 'training' : 'validation') : l.name} ${p.metric} ${formatValue(end.value)}` : null;
      })
      .filter(Boolean);
    if (finals.length) parts.push(`${who}Final ${finals.join(', ')}.`);
    const best = run.lines.some((l) => l.key === 'validation') ? run.analysis.argBest : null;
    if (best) parts.push(`${who}${p.multi ? 'best' : 'Best'} validation ${p.metric} ${formatValue(best.value)} at ${unit} ${formatStep(best.step)}.`);
  }
  if (p.divergence) {
    const what = Number.isNaN(p.divergence.value) ? 'NaN' : 'infinite';
    const d = p.divergence;
    // The line that holds the non-finite value: with several runs, the first line of that key may be another run's.
    const holds = (l: PreparedLine) => {
      const i = nearestIndex(l.series.steps, d.step);
      return i >= 0 && l.series.steps[i] === d.step && l.series.nonFinite[i] === 1;
    };
    const name = (p.lines.find((l) => l.key === d.key && holds(l)) ?? p.lines.find((l) => l.key === d.key)!).name;
    parts.push(`The ${name} ${p.metric} became ${what} at ${unit} ${formatStep(p.divergence.step)}.`);
  }
  return parts.join(' ');
}
