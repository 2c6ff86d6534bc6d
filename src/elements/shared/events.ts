import type { FitAnalysis } from '../../core/analyze-fit.js';
import type { PreparedCurves } from '../../core/prepare-curves.js';

/** Detail of the `zoom` event: the new x range, or null when reset to all the data. */
export interface ZoomEventDetail {
  xDomain: [number, number] | null;
}

/**
 * Detail of the `overfit` event: the run's fit analysis (its `onset` is null when the onset went away), with the
 * run's name when comparing runs.
 */
export type OverfitEventDetail = FitAnalysis & { run?: string };

/** Detail of the `run-toggle` event: the run shown or hidden, by name and index, and whether it is now shown. */
export interface RunToggleEventDetail {
  run: string;
  index: number;
  visible: boolean;
}

/** The events both charts fire, by name. */
export interface TrainingChartEvents {
  overfit: CustomEvent<OverfitEventDetail>;
  zoom: CustomEvent<ZoomEventDetail>;
  'run-toggle': CustomEvent<RunToggleEventDetail>;
}

/** Fires one of the charts' events: it bubbles and crosses shadow roots, as the events of built-in controls do. */
export function fire<K extends keyof TrainingChartEvents>(
  target: EventTarget,
  type: K,
  detail: TrainingChartEvents[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * Remembers each run's overfitting onset, to fire `overfit` once per change: when an onset appears, moves, or goes
 * away (`onset: null`, say when appended points bring a new best). A run that is no longer in the data is forgotten
 * without an event.
 */
export class OnsetWatch {
  #onsets = new Map<string, number | null>();

  /** Fires `overfit` on `target` for every run whose onset changed since the last call. */
  check(target: EventTarget, prepared: PreparedCurves): void {
    const seen = new Set<string>();
    for (const run of prepared.runs) {
      const key = `${run.index}:${run.name}`;
      seen.add(key);
      const onset = run.analysis.onset;
      const before = this.#onsets.get(key) ?? null;
      this.#onsets.set(key, onset);
      if (onset === before) continue;
      fire(target, 'overfit', prepared.multi ? { ...run.analysis, run: run.name } : run.analysis);
    }
    for (const key of [...this.#onsets.keys()]) if (!seen.has(key)) this.#onsets.delete(key);
  }
}
