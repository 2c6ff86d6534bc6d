/**
 * Live appends: new points join a prepared chart in O(new points). Series grow in place, smoothing and statistics
 * continue from their running state, the fit analysis reads only the new points, and the decimation aggregates are
 * fed only the new points at the next layout. The first append switches the chart to a live x domain that grows
 * by sixteenths of a doubling span (see `layoutCurves`).
 */
import { FitTracker } from './analyze-fit.js';
import { GrowableSeries } from './growable-series.js';
import { lineName, prepareLine, refreshCurves, type CurveKey, type PreparedCurves, type PreparedLine, type PreparedRun } from './prepare-curves.js';
import { normalizeSeries, type InputIssue, type Series } from './series.js';
import { extendEma } from './smoothing.js';
import { seriesStats } from './series-stats.js';

/**
 * Appends points to a run of a prepared chart: `run` is its index (0 without `runs`) or its name. Each batch takes
 * any series form; plain arrays continue after the line's last step (epoch). Points must come after the line's last
 * step; a batch that does not is merged (sorted, the last value of a repeated step wins, with a note) at O(n) cost.
 * Returns the input issues. A batch that cannot be read at all is also kept among the chart's input issues, so that
 * its note stays under the chart, as for data assigned in a form the chart cannot read.
 */
export function appendPoints(p: PreparedCurves, run: number | string, train: unknown, validation: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const target = typeof run === 'number' ? p.runs[run] : p.runs.find((r) => r.name === run);
  if (!target) {
    issues.push({
      code: 'invalid-input',
      message: `appendPoints: there is no run ${typeof run === 'number' ? run : `named "${run}"`}; the points are not drawn.`,
    });
    keep(p, issues);
    refreshCurves(p);
    return issues;
  }
  let rebuilt = false;
  let appended = false;
  for (const [key, input] of [
    ['train', train],
    ['validation', validation],
  ] as const) {
    if (input == null) continue;
    const name = `appendPoints ${p.multi ? `${target.name} ` : ''}${key}`;
    const { series: batch, issues: found } = normalizeSeries(input, { name });
    issues.push(...found);
    if (!batch?.steps.length) continue;
    appended = true;
    // The live domain starts from the data already drawn; on an empty chart, from the first batch (below).
    if (!p.live && p.lines.some((l) => l.series.steps.length)) startLive(p);
    const line = target.lines.find((l) => l.key === key);
    if (!line) {
      target.lines.push(prepareLine(key, target.index, lineName(target.name, key), new GrowableSeries(batch), p.smoothing));
      target.lines.sort((a, b) => (a.key === b.key ? 0 : a.key === 'train' ? -1 : 1));
      rebuilt = true;
      continue;
    }
    if (!(line.series instanceof GrowableSeries)) line.series = new GrowableSeries(line.series);
    const from = line.series.steps.length;
    if ((line.series as GrowableSeries).append(batch)) extend(line, from, p.smoothing);
    else {
      const merged = merge(line.series, batch, name);
      for (const issue of merged.issues) if (!issues.some((i) => i.message === issue.message)) issues.push(issue);
      replace(line, merged.series, p.smoothing);
      rebuilt = true;
    }
  }
  keep(p, issues);
  p.lines = p.runs.flatMap((r) => r.lines);
  if (appended && !p.live) startLive(p);
  if (rebuilt) target.tracker = new FitTracker(target.tracker.options);
  target.analysis = track(target);
  p.version++;
  refreshCurves(p);
  return issues;
}

/** The first append: the x domain from now on starts at the data's start, over a span that doubles as steps outgrow it. */
function startLive(p: PreparedCurves): void {
  let min = Infinity;
  let max = -Infinity;
  for (const l of p.lines) {
    if (!l.series.steps.length) continue;
    min = Math.min(min, l.stats.stepMin);
    max = Math.max(max, l.stats.stepMax);
  }
  p.live = Number.isFinite(min) ? { x0: min, span: Math.max(1, max - min) } : { x0: 1, span: 1 };
}

function track(run: PreparedRun): PreparedRun['analysis'] {
  const series = (key: CurveKey) => run.lines.find((l) => l.key === key)?.series ?? null;
  return run.tracker.update(series('train'), series('validation'));
}

/** Folds the points appended from `from` into the line's statistics and smoothing. */
function extend(line: PreparedLine, from: number, smoothing: number): void {
  line.stats = seriesStats(line.series);
  line.count = line.stats.count;
  if (line.ema && smoothing > 0) {
    const n = line.series.values.length;
    let buf = line.smoothedBuffer ?? line.smoothed ?? new Float64Array(0);
    if (buf.length < n) {
      const next = new Float64Array(Math.max(n, buf.length * 2, 16));
      next.set(buf.subarray(0, from));
      buf = next;
    }
    line.smoothedBuffer = buf;
    extendEma(line.series.values, buf, from, line.ema);
    line.smoothed = buf.subarray(0, n);
  }
}

/** Replaces a line's data after an out-of-order append: everything derived from it starts over. */
function replace(line: PreparedLine, series: Series, smoothing: number): void {
  const fresh = prepareLine(line.key, line.run, line.name, new GrowableSeries(series), smoothing);
  Object.assign(line, fresh, { smoothedBuffer: undefined });
}

/**
 * Merges a batch into a series: sorted by step, the last value of a repeated step wins (the batch's), with a note
 * when a step was given again; a missing value never replaces a present one, as in assigned data.
 */
function merge(a: Series, b: Series, name: string): { series: Series; issues: InputIssue[] } {
  const join = <T extends Float64Array | Uint8Array>(x: T, y: T, make: (n: number) => T): T => {
    const out = make(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  // Handed back as a Series: its flags keep a NaN of the run apart from a gap, and a gap of an epoch series stays one.
  const joined: Series = {
    steps: join(a.steps, b.steps, (n) => new Float64Array(n)),
    values: join(a.values, b.values, (n) => new Float64Array(n)),
    nonFinite: join(a.nonFinite, b.nonFinite, (n) => new Uint8Array(n)),
    indexed: false,
  };
  // Gaps were counted when the points first came; only the repeated steps are news.
  const { series, issues } = normalizeSeries(joined, { name });
  return { series: series!, issues: issues.filter((i) => i.code !== 'missing-values') };
}

/**
 * Keeps the issues of batches that could not be read with the chart's input issues (once per message), so that the
 * chart's note about them lasts like one about data it was given.
 */
function keep(p: PreparedCurves, issues: InputIssue[]): void {
  const known = p.requested.inputIssues;
  for (const issue of issues) if (issue.code === 'invalid-input' && !known.some((k) => k.message === issue.message)) known.push(issue);
}
