/**
 * Keras `history.history` input: a dict of per-epoch arrays, `metric` as train and `val_<metric>` as validation.
 */
import { normalizePair, type InputIssue, type Series } from './series.js';

/** A Keras `History.history` dict (or the `History` object itself, which holds it as `.history`). */
export type KerasHistory = Record<string, ArrayLike<number | null | undefined>> | { history: Record<string, ArrayLike<number | null | undefined>> };

export interface HistorySeries {
  train: Series | null;
  validation: Series | null;
  /** Metric names the history holds (without `val_` duplicates), for messages and pickers. */
  metrics: string[];
  issues: InputIssue[];
}

/** Unwraps a `History` object to its dict; returns null for anything that is not a dict. */
export function historyDict(history: unknown): Record<string, unknown> | null {
  if (typeof history !== 'object' || history === null || Array.isArray(history)) return null;
  const inner = (history as { history?: unknown }).history;
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return inner as Record<string, unknown>;
  return history as Record<string, unknown>;
}

/** The metric names of a history: every key, with `val_x` folded into `x`. */
export function historyMetrics(dict: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(dict)) names.add(key.startsWith('val_') ? key.slice(4) : key);
  return [...names];
}

/**
 * Reads `metric` and `val_<metric>` from a Keras history, as {@link normalizePair} reads the same two arrays passed
 * as `train` and `validation`: `null` after an array's last number, at an epoch where the other has no number either,
 * is NaN (JSON has no NaN, so a history that went through JSON carries `null` where Keras printed `nan`); any other
 * `null` is a gap.
 */
export function seriesFromHistory(history: unknown, metric: string): HistorySeries {
  const dict = historyDict(history);
  const issues: InputIssue[] = [];
  if (!dict) {
    issues.push({ code: 'invalid-input', message: `history: expected a Keras history object such as {loss: [...], val_loss: [...]}.` });
    return { train: null, validation: null, metrics: [], issues };
  }
  const metrics = historyMetrics(dict);
  // Own keys only: a metric named "constructor" must not read Object.prototype.
  const own = (key: string) => (Object.hasOwn(dict, key) ? dict[key] : undefined);
  const pair = normalizePair(own(metric), own(`val_${metric}`), { train: `history.${metric}`, validation: `history.val_${metric}` });
  issues.push(...pair.issues);
  const { train, validation } = pair;
  if (!train && !validation) {
    issues.push({
      code: 'invalid-input',
      message: `history has no "${metric}" or "val_${metric}"${metrics.length ? `; it has ${metrics.join(', ')}.` : '; it is empty.'}`,
    });
  }
  return { train, validation, metrics, issues };
}
