/**
 * Outliers and the y range: the few points a chart may leave outside its y axis so that the rest of the run fills
 * the plot. A validation loss that spikes to 4.1 a dozen times while the run lives near 0.1, or a first epoch at
 * 0.59 before a story told under 0.03, would otherwise squash everything else into a sliver at the bottom.
 *
 * **The story range.** Each series is read through a running median of 5 points: a spike, a pair of spikes or a lone
 * first epoch never holds the middle of a 5-point window, while a descent, however steep, is followed point by point
 * (Tukey's running medians, *Exploratory Data Analysis*, 1977). The range of the running median is the series'
 * story; the union over the shown series is the chart's. A series of fewer than `MIN_POINTS` points is all story.
 *
 * **The rule.** Points more than `MARGIN` story spans outside the story range are outliers. `auto` leaves a side
 * (top or bottom) out of the y range only when both hold: the side's farthest point lies more than `STRETCH` story
 * spans beyond the story (the points would stretch the axis many times over what the rest needs), and the points
 * left out are few (at most `FEW` of the shown points). A normal loss decaying from 2.3 to 0.1 keeps its descent: the
 * running median follows it, so the first epochs are story, not outliers. `clip` leaves every outlier out, however
 * few the points or little the stretch; `show` keeps every value.
 *
 * **Cost.** The running median reads at most `STORY_SAMPLE` points per series: every k-th point, k the smallest
 * power of two that fits, at indices that are multiples of k, so a growing series keeps its sample points until its
 * length doubles, and the result does not depend on the plot's width or decimation. Extents come from the running
 * statistics when the whole series is shown. Only when a side is left out are the series scanned, once, for the
 * points beyond it: O(n), and nothing at all for charts with nothing to leave out.
 *
 * On a log axis the same rule runs on log10 of the values (spans are decades).
 */

import { quickselect } from 'd3-array';

/** How the y range treats outliers: see the module comment. */
export type OutliersMode = 'auto' | 'show' | 'clip';

/** Reads an `outliers` option: anything but `show` or `clip` is `auto`. */
export function outliersMode(value: unknown): OutliersMode {
  return value === 'show' || value === 'clip' ? value : 'auto';
}

/** A series needs this many points before any can be called an outlier (5% of 20 is one point). */
export const MIN_POINTS = 20;
/** Points sampled per series for the running median. */
export const STORY_SAMPLE = 4096;
/** Points within this many story spans outside the story range are kept on the axis. */
const MARGIN = 0.5;
/** `auto` leaves a side out only when its farthest point lies more than this many story spans beyond the story. */
const STRETCH = 3;
/** `auto` leaves a side out only when the points beyond it are at most this fraction of the shown points. */
const FEW = 0.05;
/** Two shown series whose medians differ by more than this factor are better read on a log axis. */
export const LOG_HINT_RATIO = 1000;

/** One shown series: its values over `[from, to)`, with their exact extent when known (running statistics). */
export interface SeriesRange {
  values: ArrayLike<number>;
  from: number;
  to: number;
  /** Smallest and largest finite value in the range (above 0 on a log axis); scanned when not given. */
  min?: number;
  max?: number;
  /** The series' story memo, when it is a whole line that only grows (see {@link StoryMemo}). */
  memo?: StoryMemo;
}

/** The story of one series, in axis units (log10 of the values on a log axis). */
export interface Story {
  lo: number;
  hi: number;
  /** Median of the sampled values. */
  median: number;
  /** Values sampled (finite, and above 0 on a log axis). */
  sampled: number;
}

/**
 * The story range of `values[from..to)`: the extent of its running median of 5 over an evenly spaced sample of at
 * most `STORY_SAMPLE` points (every point when there are fewer than `MIN_POINTS`: all story). Non-finite values,
 * and values ≤ 0 on a log axis, are skipped. Null when no value can be drawn.
 */
export function storyOf(values: ArrayLike<number>, from: number, to: number, log: boolean, memo?: StoryMemo): Story | null {
  let stride = 1;
  while ((to - from) / stride > STORY_SAMPLE) stride *= 2;
  // A series that grew without reaching its next sample point has the same sample, so the same story.
  if (
    memo?.story !== undefined &&
    memo.log === log &&
    memo.from === from &&
    memo.stride === stride &&
    memo.to <= to &&
    to <= Math.ceil(memo.to / stride) * stride
  ) {
    return memo.story;
  }
  const story = sampledStory(values, from, to, log, stride);
  if (memo) Object.assign(memo, { log, from, to, stride, story });
  return story;
}

/**
 * The last story of a line that only grows (a live chart's), with what it was computed from. Kept by the line, reset
 * whenever its points are replaced rather than appended.
 */
export interface StoryMemo {
  story?: Story | null;
  log: boolean;
  from: number;
  to: number;
  stride: number;
}

function sampledStory(values: ArrayLike<number>, from: number, to: number, log: boolean, stride: number): Story | null {
  const sample = scratch(Math.ceil((to - from) / stride) + 1);
  let m = 0;
  // Multiples of the stride: the same sample points for a series that grows or a zoom that pans.
  for (let i = Math.ceil(from / stride) * stride; i < to; i += stride) {
    const v = values[i];
    if (!(v - v === 0) || (log && v <= 0)) continue;
    sample[m++] = log ? Math.log10(v) : v;
  }
  if (m === 0) return null;
  const s = sample.subarray(0, m);
  // The upper middle of the sample (d3's quickselect on a copy, O(m) rather than a sort).
  const order = scratch(m, 1).subarray(0, m);
  order.set(s);
  const median = quickselect(order, m >> 1)[m >> 1];
  if (m < MIN_POINTS) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < m; j++) {
      if (s[j] < lo) lo = s[j];
      if (s[j] > hi) hi = s[j];
    }
    return { lo, hi, median, sampled: m };
  }
  const { lo, hi } = runningMedianExtent(s);
  return { lo, hi, median, sampled: m };
}

// Two buffers reused by every story (a layout per frame on a live chart would otherwise allocate them each time).
const scratchBuffers = [new Float64Array(STORY_SAMPLE + 2), new Float64Array(STORY_SAMPLE + 2)];
function scratch(n: number, which = 0): Float64Array {
  if (scratchBuffers[which].length < n) scratchBuffers[which] = new Float64Array(n);
  return scratchBuffers[which];
}

/** Extent of the running median of 5 (windows kept inside the series at its ends), in one pass. */
export function runningMedianExtent(s: ArrayLike<number>): { lo: number; hi: number } {
  const w = new Float64Array(5);
  let lo = Infinity;
  let hi = -Infinity;
  const last = s.length - 5;
  for (let i = 0; i < s.length; i++) {
    const start = Math.min(Math.max(i - 2, 0), last);
    // Windows at the ends are the same window: compute it once.
    if (i > 2 && start === last && i !== s.length - 3) continue;
    for (let k = 0; k < 5; k++) {
      const v = s[start + k];
      let j = k;
      while (j > 0 && w[j - 1] > v) {
        w[j] = w[j - 1];
        j--;
      }
      w[j] = v;
    }
    const med = w[2];
    if (med < lo) lo = med;
    if (med > hi) hi = med;
  }
  return { lo, hi };
}

export interface YRangeOptions {
  mode: OutliersMode;
  log: boolean;
  /** Values the range must hold whatever the rule says (the best-epoch marker), in data units. */
  include?: readonly number[];
}

/** The y extent to show, and the points left outside it. */
export interface YRange {
  /** The extent to show, in data units, before padding and rounding; min > max when nothing can be drawn. */
  min: number;
  max: number;
  /** Values above `above` or below `below` are outliers left out (±Infinity on a side that keeps every value). */
  above: number;
  below: number;
  /**
   * Per series (in the order given), the indices of the values beyond `above` or `below`, ascending: the points the
   * chart marks at its edges. Empty arrays when nothing is left out.
   */
  outside: number[][];
  /** Per series, its story (null when it has no drawable value). */
  stories: Array<Story | null>;
}

/**
 * The y extent of the shown series under the `outliers` rule (see the module comment): the full extent for `show`,
 * the story range widened by `MARGIN` spans (to the farthest value inside it) on each side the rule leaves out for
 * `auto` and `clip`. O(sample) per series, plus one scan of the series when a side is left out.
 */
export function yRange(series: readonly SeriesRange[], { mode, log, include = [] }: YRangeOptions): YRange {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const from = (u: number) => (log ? 10 ** u : u);
  const stories = series.map((s) => storyOf(s.values, s.from, s.to, log, s.memo));
  const outside = series.map((): number[] => []);
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    const e = s.min === undefined || s.max === undefined ? extentOf(s, log) : { min: s.min, max: s.max };
    if (e.min < min) min = e.min;
    if (e.max > max) max = e.max;
  }
  const result: YRange = { min, max, above: Infinity, below: -Infinity, outside, stories };
  let sLo = Infinity;
  let sHi = -Infinity;
  for (const st of stories) {
    if (!st) continue;
    if (st.lo < sLo) sLo = st.lo;
    if (st.hi > sHi) sHi = st.hi;
  }
  if (mode === 'show' || !(sLo <= sHi) || !(min <= max)) return withIncluded(result, include, log);
  const span = sHi - sLo;
  // How far the farthest point lies beyond the story, against how far `auto` lets it stretch the axis.
  const far = (d: number) => d > MARGIN * span && (mode === 'clip' || d > STRETCH * span);
  let cutHi = far(t(max) - sHi);
  let cutLo = far(sLo - t(min));
  if (!cutHi && !cutLo) return withIncluded(result, include, log);

  // One scan: the points beyond each fence, and the extent of the rest.
  const above = cutHi ? from(sHi + MARGIN * span) : Infinity;
  const below = cutLo ? from(sLo - MARGIN * span) : -Infinity;
  let keptMin = Infinity;
  let keptMax = -Infinity;
  let nAbove = 0;
  let nBelow = 0;
  let shown = 0;
  series.forEach((s, k) => {
    const out = outside[k];
    for (let i = s.from; i < s.to; i++) {
      const v = s.values[i];
      if (!(v - v === 0) || (log && v <= 0)) continue;
      shown++;
      if (v > above) {
        nAbove++;
        out.push(i);
      } else if (v < below) {
        nBelow++;
        out.push(i);
      } else {
        if (v < keptMin) keptMin = v;
        if (v > keptMax) keptMax = v;
      }
    }
  });
  // Many points beyond a fence are not outliers but part of what the run did: `auto` keeps that side whole.
  if (mode === 'auto' && nAbove > FEW * shown) cutHi = false;
  if (mode === 'auto' && nBelow > FEW * shown) cutLo = false;
  if (!cutHi || !cutLo) {
    series.forEach((s, k) => {
      outside[k] = outside[k].filter((i) => (cutHi && s.values[i] > above) || (cutLo && s.values[i] < below));
    });
    if (!cutHi) keptMax = max;
    if (!cutLo) keptMin = min;
  }
  if (keptMin <= keptMax) {
    result.min = keptMin;
    result.max = keptMax;
  }
  result.above = cutHi ? above : Infinity;
  result.below = cutLo ? below : -Infinity;
  return withIncluded(result, include, log);
}

/** Widens the range to hold `include`; points it then holds are no longer outside. */
function withIncluded(r: YRange, include: readonly number[], log: boolean): YRange {
  for (const v of include) {
    if (!(v - v === 0) || (log && v <= 0)) continue;
    if (v < r.min) r.min = v;
    if (v > r.max) r.max = v;
  }
  return r;
}

function extentOf(s: SeriesRange, log: boolean): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = s.from; i < s.to; i++) {
    const v = s.values[i];
    if (!(v - v === 0) || (log && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Whether two of the shown series differ by more than `LOG_HINT_RATIO` (their medians, both above 0): on a linear
 * axis the smaller one is then a flat line at zero, and a log axis would show both.
 */
export function logHint(stories: ReadonlyArray<Story | null>, log: boolean): boolean {
  if (log) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of stories) {
    if (!s) continue;
    if (!(s.median > 0)) return false;
    lo = Math.min(lo, s.median);
    hi = Math.max(hi, s.median);
  }
  return hi / lo > LOG_HINT_RATIO;
}

/** A line whose story spans less than this share of the shown y range is a sliver at the bottom of the plot. */
const SQUEEZE = 0.05;
/** ... and log-y helps when another shown line's story spans at least this ratio (a decade). */
const SQUEEZE_DECADE = 10;

/**
 * The index of a shown series squeezed into a sliver of the linear y range `[lo, hi]` (its story spans less than
 * `SQUEEZE` of it) by another series that spans a decade or more (all values above 0), or -1: a loss starting at 326
 * and settling near 4 leaves a validation story between 4.5 and 7 a flat line, which a log axis would show.
 */
export function squeezeHint(stories: ReadonlyArray<Story | null>, lo: number, hi: number, log: boolean): number {
  if (log || !(hi > lo)) return -1;
  let wide = false;
  for (const s of stories) {
    if (!s) continue;
    if (!(s.lo > 0)) return -1;
    if (s.hi / s.lo >= SQUEEZE_DECADE) wide = true;
  }
  if (!wide) return -1;
  return stories.findIndex((s) => s !== null && s.hi - s.lo < SQUEEZE * (hi - lo) && s.hi / s.lo < SQUEEZE_DECADE);
}
