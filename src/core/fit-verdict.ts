/**
 * The noise- and size-aware reading of a validation curve: is the run still improving, on a plateau, overfitting
 * (and how much), too noisy to say, or exploding. It reads the curve as a person who trains models reads a plot:
 * against the curve's own noise, never from single points. Pure and DOM-free; fed one validation check at a time, so
 * a live chart pays O(new points) for it (every query looks at bounded windows, at most {@link WINDOW} checks).
 *
 * Constants and why (README, "How the verdict is read"):
 * - a level is the running median of 5 checks (3 below 12 checks): one spike never moves it;
 * - the recent level is the median of the last k = n/10 checks, 3 to 10;
 * - noise is estimated from second differences from the best to the end, at least {@link NOISE_MIN} of them, so a
 *   noisy first phase (warm-up, frozen backbone) does not hide what happened after;
 * - an improvement counts when it exceeds 1.5 standard errors of a level, and two steps of a quantized metric;
 * - a rise counts when it exceeds 2.25 standard errors plus the selection bias of a minimum over a flat stretch, two
 *   quantization steps, and 2 % of the best level (half a point of an accuracy-like metric); holds for two thirds of
 *   the last k checks; comes at least `patience` checks after the best; and the checks since the best trend upward
 *   (Mann-Kendall, z > 1.65) or all lie above the best (a step up), so a long flat stretch after one lucky low
 *   check is not a rise.
 */
import { bisector } from 'd3-array';
import { median, medianInPlace, QuantumTracker, secondDifferenceNoise } from './noise.js';
import { lowerBound } from './nearest.js';
import type { Series } from './series.js';

export type VerdictState = 'ok' | 'plateau' | 'overfitting' | 'noisy' | 'diverged';
export type Severity = 'none' | 'mild' | 'clear' | 'severe';

export interface Verdict {
  state: VerdictState;
  severity: Severity;
  /** Index (among the finite checks) of the best point before the sustained worsening, when overfitting; else -1. */
  onsetIndex: number;
  /** Step of that point, or null. */
  onset: number | null;
  /** Worsening from the onset's value to the recent level, when overfitting. */
  worsening: { relative: number; absolute: number } | null;
  /** Check-to-check noise of validation near its best (standard deviation), in the metric's units. */
  noise: number;
  /** Step of the first check that came within the noise of the best level: flat since then. Null with < 3 checks. */
  flatSince: number | null;
  /** Whether training kept improving (or held) from the best check to the end. */
  trainHeld: boolean;
  /** The recent level of validation (median of the last checks), in the metric's units; NaN with < 3 checks. */
  recent: number;
}

/** Second differences the noise is estimated from, at least. */
const NOISE_MIN = 10;
/** The longest stretch any single query reads: keeps every query O(1) in the length of the run. */
const WINDOW = 256;
const IMPROVE_Z = 1.5;
const RISE_Z = 2.25;
const RISE_MIN_RELATIVE = 0.02;
const MIN_POINTS = 0.005;
/** The checks from the onset on must also trend upward (Mann-Kendall) by this many standard deviations. */
const TREND_Z = 1.65;
/** Noisy: typical deviation from the level above this share of the level curve's whole span, */
const NOISY_OF_SPAN = 0.3;
/** or above this share of the value itself. */
const NOISY_OF_VALUE = 0.6;
/** Validation whose recent level is this many times its best has exploded (a loss up by an order of magnitude). */
const EXPLOSION = 10;
/** An accuracy-like metric whose recent level fell below this share of its best, and by at least these points, collapsed. */
const COLLAPSE = 0.5;
const COLLAPSE_POINTS = 0.2;
/** Training "held" while it is within this share of its value at the onset. */
const TRAIN_HELD = 0.02;

/** Checks kept in full, newest last: every query reads at most the last 2 × {@link WINDOW} of them. */
const RING = 1024;
const MASK = RING - 1;

/** A Float64Array that doubles as it fills: one number per record, with no boxing. */
class Column {
  data = new Float64Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Validation checks as they arrive, with the running structures the verdict reads. Values are sign-adjusted so
 * that lower is always better.
 *
 * Memory is O(records) rather than O(checks): queries read bounded windows at the end (kept in rings of the last
 * {@link RING} checks and levels), the records of the running minimum (their level, index and step), the
 * neighbourhood of the last record (where the onset is looked for) and the plain minimum. A 10M-check run thus
 * keeps a few kilobytes instead of four numbers per check.
 */
export class VerdictTracker {
  readonly #sign: number;
  #n = 0;
  // The last RING checks (sign-adjusted values and steps), at index i & MASK.
  readonly #x = new Float64Array(RING);
  readonly #steps = new Float64Array(RING);
  // Levels of checks whose whole median window has arrived (the last RING of them); the last `half` levels are
  // computed per query.
  readonly #levels = new Float64Array(RING);
  #levelCount = 0;
  #half = 1;
  // The finalized levels that set a new running minimum (strictly decreasing levels): index, level and step.
  #recordIndex = new Column();
  #recordLevel = new Column();
  #recordStep = new Column();
  // The checks within `half` of the last record, from #nearFrom on: where the onset is looked for.
  readonly #nearX = new Float64Array(5);
  readonly #nearSteps = new Float64Array(5);
  #nearFrom = -1;
  #nearTo = -1;
  #levelMax = -Infinity;
  #argMin = -1;
  #argMinX = NaN;
  #argMinStep = NaN;
  readonly #quantum = new QuantumTracker();

  constructor(mode: 'min' | 'max') {
    this.#sign = mode === 'min' ? 1 : -1;
  }

  get length(): number {
    return this.#n;
  }

  /** Adds a finite validation check. */
  push(step: number, value: number): void {
    const x = this.#sign * value;
    const at = this.#n & MASK;
    this.#steps[at] = step;
    this.#x[at] = x;
    this.#quantum.add(value);
    const n = ++this.#n;
    if (this.#argMin < 0 || x < this.#argMinX) {
      this.#argMin = n - 1;
      this.#argMinX = x;
      this.#argMinStep = step;
    }
    if (n === 12) {
      // Enough checks for a 5-wide median: every level is read again, once.
      this.#half = 2;
      this.#levelCount = 0;
      this.#recordIndex = new Column();
      this.#recordLevel = new Column();
      this.#recordStep = new Column();
      this.#levelMax = -Infinity;
    }
    while (this.#levelCount < n - this.#half) this.#finalize(this.#levelCount);
  }

  #finalize(i: number): void {
    const level = this.#levelAt(i);
    this.#levels[i & MASK] = level;
    this.#levelCount++;
    const r = this.#recordLevel;
    if (!r.length || level < r.data[r.length - 1]) {
      r.push(level);
      this.#recordIndex.push(i);
      this.#recordStep.push(this.#steps[i & MASK]);
      // Its window has arrived in full (that is what finalizes a level): keep it while the ring moves on.
      this.#nearFrom = Math.max(0, i - this.#half);
      this.#nearTo = Math.min(this.#n - 1, i + this.#half);
      for (let k = this.#nearFrom; k <= this.#nearTo; k++) {
        this.#nearX[k - this.#nearFrom] = this.#x[k & MASK];
        this.#nearSteps[k - this.#nearFrom] = this.#steps[k & MASK];
      }
    }
    if (level > this.#levelMax) this.#levelMax = level;
  }

  /** A check's value, when a query may read it: in the ring, near the last record, or the plain minimum. */
  #xAt(i: number): number {
    if (i >= this.#n - RING) return this.#x[i & MASK];
    if (i >= this.#nearFrom && i <= this.#nearTo) return this.#nearX[i - this.#nearFrom];
    return this.#argMinX;
  }

  #stepAt(i: number): number {
    if (i >= this.#n - RING) return this.#steps[i & MASK];
    if (i >= this.#nearFrom && i <= this.#nearTo) return this.#nearSteps[i - this.#nearFrom];
    return this.#argMinStep;
  }

  // The last WINDOW + 1 checks in order, for a query.
  readonly #recent = new Float64Array(WINDOW + 1);

  // The window of a level, sorted in place: no allocation per check.
  readonly #window = new Float64Array(5);

  /** The running median around check i, its window cut at the ends. */
  #levelAt(i: number): number {
    const x = this.#x;
    // The common case, once per check of a long run: a whole 5-wide window.
    if (this.#half === 2 && i >= 2 && i + 2 < this.#n) return median5(x[(i - 2) & MASK], x[(i - 1) & MASK], x[i & MASK], x[(i + 1) & MASK], x[(i + 2) & MASK]);
    const w = this.#window;
    const to = Math.min(this.#n, i + this.#half + 1);
    let c = 0;
    for (let k = Math.max(0, i - this.#half); k < to; k++) {
      const v = x[k & MASK];
      let j = c++;
      while (j > 0 && w[j - 1] > v) {
        w[j] = w[j - 1];
        j--;
      }
      w[j] = v;
    }
    return c % 2 ? w[c >> 1] : (w[(c >> 1) - 1] + w[c >> 1]) / 2;
  }

  /**
   * The verdict over the checks so far. `train` is the training series (sign as given), its first `trainSeen` points
   * read; `patience` is the analysis's patience.
   */
  judge(train: Series | null, trainSeen: number, patience: number): Verdict {
    const n = this.#n;
    const none: Verdict = {
      state: 'ok',
      severity: 'none',
      onsetIndex: -1,
      onset: null,
      worsening: null,
      noise: 0,
      flatSince: null,
      trainHeld: false,
      recent: NaN,
    };
    if (n < 3) return none;
    const half = this.#half;
    // The last checks every window below reads, in order: x[i - first] is check i.
    const first = Math.max(0, n - WINDOW - 1);
    const x = this.#recent;
    for (let i = first; i < n; i++) x[i - first] = this.#x[i & MASK];
    // Levels of the last checks, whose windows are still open.
    const tailFrom = this.#levelCount;
    const tail: number[] = [];
    for (let i = tailFrom; i < n; i++) tail.push(this.#levelAt(i));
    // Any level within the last 2 × WINDOW checks.
    const levelOf = (i: number) => (i < tailFrom ? this.#levels[i & MASK] : tail[i - tailFrom]);

    const records = this.#recordLevel.length;
    let bestIndex = records ? this.#recordIndex.data[records - 1] : -1;
    let bestLevel = records ? this.#recordLevel.data[records - 1] : Infinity;
    let levelMax = this.#levelMax;
    for (let i = tailFrom; i < n; i++) {
      const l = tail[i - tailFrom];
      if (bestIndex < 0 || l < bestLevel) {
        bestIndex = i;
        bestLevel = l;
      }
      if (l > levelMax) levelMax = l;
    }

    const quantum = this.#quantum.quantum;
    // Noise from the best on (at least NOISE_MIN second differences, at most WINDOW).
    const from = Math.max(0, n - WINDOW, Math.min(bestIndex - 1, n - 2 - NOISE_MIN));
    const sigma = Math.max(secondDifferenceNoise(x, from - first, n - first), quantum / 2);
    const k = Math.min(n, Math.max(3, Math.min(10, Math.round(n / 10))));
    // Standard errors of a level (a median of 2h+1 checks) and of the recent level (of k): medians of Gaussian noise
    // have π/2 times the variance of means.
    const levelSd = sigma * Math.sqrt(Math.PI / 2 / (2 * half + 1));
    const recentSd = sigma * Math.sqrt(Math.PI / 2 / k);
    const levelNoise = Math.hypot(levelSd, recentSd);
    const improvement = Math.max(IMPROVE_Z * levelNoise, 2 * quantum);
    const recent = median(x, n - k - first, n - first);

    // The first check whose level came within an improvement of the best: since then, nothing counted.
    const target = bestLevel + improvement;
    // Record levels fall strictly: the first within the target is where their negatives first reach -target.
    let reached = -1;
    let reachedStep = NaN;
    const lo = bisector((level: number) => -level).left(this.#recordLevel.data, -target, 0, records);
    if (lo < records) {
      reached = this.#recordIndex.data[lo];
      reachedStep = this.#recordStep.data[lo];
    } else
      for (let i = tailFrom; i < n && reached < 0; i++)
        if (tail[i - tailFrom] <= target) {
          reached = i;
          reachedStep = this.#steps[i & MASK];
        }
    const since = n - 1 - reached;

    // The onset: the plain best check when it belongs to the best stretch, else the best check next to the best level.
    let onsetIndex = this.#argMin;
    if (!(this.#argMinX <= target && onsetIndex < n - k)) {
      onsetIndex = Math.max(0, bestIndex - half);
      for (let i = onsetIndex + 1; i <= Math.min(n - 1, bestIndex + half); i++) if (this.#xAt(i) < this.#xAt(onsetIndex)) onsetIndex = i;
    }
    const onsetX = this.#xAt(onsetIndex);
    const onsetStep = this.#stepAt(onsetIndex);

    const rise = recent - bestLevel;
    // The best level is the lowest of many levels: over a long flat stretch it sits below the true level by about
    // sqrt(2 ln m) of its standard error, m the number of independent levels near the bottom. Without this, any long
    // converged run would look as if it had risen from its luckiest stretch.
    let nearBottom = 0;
    for (let i = Math.max(0, n - 2 * WINDOW); i < n; i++) if (levelOf(i) <= bestLevel + 3 * levelSd) nearBottom++;
    const m = nearBottom / (2 * half + 1);
    const selection = m >= 2 ? levelSd * Math.sqrt(2 * Math.log(m)) : 0;
    // The smallest worsening worth a word: half a point of an accuracy-like metric, else 2 % of the best level.
    const rawBest = this.#sign * bestLevel;
    const smallest = this.#sign < 0 && rawBest > 0 && rawBest <= 1 ? MIN_POINTS : RISE_MIN_RELATIVE * Math.abs(bestLevel);
    const threshold = Math.max(selection + RISE_Z * levelNoise, 2 * quantum, smallest);
    let above = 0;
    for (let i = n - k; i < n; i++) if (x[i - first] > bestLevel + threshold / 2) above++;
    // A step up after the best (an eval loss that jumps after the first evaluation and stays up) needs no trend
    // test, since the checks after it are in no order among themselves: every one of them must be above the best.
    let stepUp = true;
    for (let i = Math.max(onsetIndex + 1, n - WINDOW); i < n && stepUp; i++) stepUp = x[i - first] > bestLevel + threshold / 2;
    const sustained =
      rise > threshold &&
      above >= Math.ceil((2 * k) / 3) &&
      n - 1 - onsetIndex >= Math.max(patience, 1) &&
      (stepUp || kendallZ(x, Math.max(onsetIndex, n - WINDOW) - first, n - first) > TREND_Z);

    const noisy = n >= 8 && this.#noisy(x, first, levelOf, levelMax - bestLevel);
    // A loss up by an order of magnitude, or an accuracy-like metric that lost half its best and 20 points: the run
    // broke (a learning rate too high, a bad batch-norm state), which is not overfitting.
    const rawRecent = this.#sign * recent;
    const exploded =
      this.#sign > 0
        ? bestLevel > 0 && recent > EXPLOSION * bestLevel
        : rawBest > 0 && rawBest <= 1 && rawRecent < COLLAPSE * rawBest && rawBest - rawRecent > COLLAPSE_POINTS;
    const trainHeld = train !== null && this.#trainHeld(train, trainSeen, onsetStep, k);
    let lastIsBest = true;
    const last = x[n - 1 - first];
    for (let i = Math.max(0, n - 1 - WINDOW); i < n - 1; i++) if (x[i - first] < last) lastIsBest = false;
    lastIsBest &&= last <= this.#argMinX;

    const base = { ...none, noise: sigma, flatSince: reached >= 0 ? reachedStep : null, trainHeld, recent: this.#sign * recent };
    if (noisy) return { ...base, state: 'noisy' };
    if (exploded) return { ...base, state: 'diverged' };
    if (sustained && trainHeld) {
      const onsetValue = onsetX;
      const absolute = recent - onsetValue;
      const relative = onsetValue !== 0 ? absolute / Math.abs(onsetValue) : Infinity;
      const raw = this.#sign * onsetValue;
      const points = this.#sign < 0 && raw > 0 && raw <= 1;
      const size = points ? absolute : relative;
      const [clear, severe] = points ? [0.01, 0.05] : [0.05, 0.2];
      let grade = size < clear ? 0 : size < severe ? 1 : 2;
      // Barely beyond the noise: one grade milder.
      if (rise < 2 * threshold && grade > 0) grade--;
      return {
        ...base,
        state: 'overfitting',
        severity: (['mild', 'clear', 'severe'] as const)[grade],
        onsetIndex,
        onset: onsetStep,
        worsening: { relative, absolute },
      };
    }
    // Flat for fewer checks than Keras's patience (and a tenth of the run) is not a plateau yet; a last check that
    // is the best so far keeps the run "ok" for twice as long, since a flat top reached at the end is still its best.
    const horizon = Math.max(patience, 3, Math.ceil(n / 10));
    if (since < horizon || (lastIsBest && since < 2 * horizon)) return base;
    return { ...base, state: 'plateau' };
  }

  /**
   * Noise too large for any claim, over the recent half of the run (at least 8, at most WINDOW checks): the mean
   * distance from the level (its largest 5 % left out, so that one spike is not noise) is large against the span
   * the level curve covers, or the mean distance with spikes is large against the value itself.
   */
  #noisy(x: Float64Array, base: number, levelOf: (i: number) => number, span: number): boolean {
    const n = this.#n;
    const from = n - Math.min(WINDOW, Math.max(8, Math.ceil(n / 2)));
    const dev: number[] = [];
    let sum = 0;
    for (let i = from; i < n; i++) {
      const d = Math.abs(x[i - base] - levelOf(i));
      dev.push(d);
      sum += d;
    }
    const value = Math.abs(median(x, from - base, n - base));
    if (value > 0 && sum / dev.length > NOISY_OF_VALUE * value) return true;
    if (!(span > 0)) return false;
    dev.sort((a, b) => a - b);
    const kept = dev.length - Math.max(1, Math.floor(dev.length / 20));
    let trimmed = 0;
    for (let i = 0; i < kept; i++) trimmed += dev[i];
    return trimmed / kept > NOISY_OF_SPAN * span;
  }

  /** Whether training at the end is no worse than at `step` (each a median of nearby points), within TRAIN_HELD. */
  #trainHeld(train: Series, seen: number, step: number, k: number): boolean {
    const { steps, values } = train;
    const window = Math.min(50, Math.max(3, Math.round(seen / 10)));
    const around = (from: number, to: number) => {
      const out: number[] = [];
      for (let i = Math.max(0, from); i < Math.min(seen, to); i++) if (Number.isFinite(values[i])) out.push(this.#sign * values[i]);
      return medianInPlace(out);
    };
    const at = lowerBound(steps, step, seen);
    const before = around(at - (window >> 1), at + (window >> 1) + 1);
    const after = around(seen - Math.max(window, k), seen);
    if (!Number.isFinite(before) || !Number.isFinite(after)) return false;
    return after <= before + TRAIN_HELD * Math.abs(before);
  }
}

/**
 * The median of five numbers in six comparisons: each of the two smallest is found below three of the others and
 * dropped; the median is then the smaller of what remains unordered.
 */
function median5(a: number, b: number, c: number, d: number, e: number): number {
  let t: number;
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  if (c > d) {
    t = c;
    c = d;
    d = t;
  }
  // a < b and a < c < d: a is one of the two smallest.
  if (a > c) {
    t = b;
    b = d;
    d = t;
    c = a;
  }
  if (b > e) {
    t = b;
    b = e;
    e = t;
  }
  // b < e and b < c < d: b is the other.
  if (b > c) {
    t = e;
    e = d;
    d = t;
    c = b;
  }
  return Math.min(c, e);
}

/**
 * The Mann-Kendall trend statistic of `x[from, to)` in standard deviations: the count of later-above-earlier pairs
 * minus later-below-earlier, over its standard deviation under no trend. Sign-based, so spikes and the scale of the
 * noise do not matter; a flat stretch after a lucky low check scores about 0, a rise (gradual or a step) scores high.
 * O((to - from)^2); callers bound the stretch.
 */
export function kendallZ(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  if (n < 3) return 0;
  let s = 0;
  for (let i = from; i < to - 1; i++) {
    const xi = x[i];
    for (let j = i + 1; j < to; j++) s += x[j] > xi ? 1 : x[j] < xi ? -1 : 0;
  }
  return s / Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
}
