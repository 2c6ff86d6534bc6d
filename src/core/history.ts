/**
 * Keras `history.history` input: a dict of per-epoch arrays, `metric` as train and `val_<metric>` as validation.
 */
import { normalizePair, type InputIssue, type Series } from './series.js';

/** Per-epoch arrays by metric name. */
type HistoryColumns = Record<string, ArrayLike<number | null | undefined>> | Map<string, ArrayLike<number | null | undefined>>;

/** A Keras `History.history` dict or `Map` (or the `History` object itself, which holds it as `.history`). */
export type KerasHistory = HistoryColumns | { history: HistoryColumns };

export interface HistorySeries {
  train: Series | null;
  validation: Series | null;
  /** Metric names the history holds (without `val_` duplicates), for messages and pickers. */
  metrics: string[];
  issues: InputIssue[];
}

/**
 * Unwraps a `History` object to its dict; returns null for anything that is not a dict. A `Map` (what Pyodide makes
 * of a Python dict, or what a user builds with `new Map(Object.entries(...))`) is read as the dict of its string keys.
 */
export function historyDict(history: unknown): Record<string, unknown> | null {
  const dict = asDict(history);
  if (!dict) return null;
  return asDict(dict.history) ?? dict;
}

function asDict(v: unknown): Record<string, unknown> | null {
  if (v instanceof Map) {
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries([...v].filter(([key]) => typeof key === 'string'));
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  return v as Record<string, unknown>;
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
