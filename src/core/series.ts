/**
 * Input normalization: every series form the elements accept becomes one {@link Series}, with steps sorted
 * and unique, and with each oddity of the input reported as an {@link InputIssue} instead of thrown.
 */

import { emptyStats, knowStats, scanPoints } from './series-stats.js';
import { count } from './format.js';
import { lowerBound } from './nearest.js';

/** One point of a step-indexed series. */
export interface StepValue {
  step: number;
  value: number | null | undefined;
}

/** A columnar series: parallel arrays of steps and values (PyTorch Lightning `metrics.csv` columns, say). */
export interface ColumnarSeries {
  steps: ArrayLike<number>;
  values: ArrayLike<number | null | undefined>;
}

/**
 * Every series form the elements accept:
 * - `ArrayLike<number>` (a plain or typed array): x is the epoch, 1..n;
 * - `Array<{step, value}>`;
 * - columnar `{steps, values}`.
 */
export type SeriesInput = ArrayLike<number | null | undefined> | ReadonlyArray<StepValue> | ColumnarSeries;

/**
 * A normalized series: ascending, unique, finite steps. `values[i]` is a finite number, `NaN` for a missing
 * value (drawn as a gap), or a non-finite number (`NaN` from the run itself is kept apart from missing values
 * through `nonFinite`).
 */
export interface Series {
  steps: Float64Array;
  values: Float64Array;
  /** 1 where the run itself produced NaN or ±Infinity (divergence), 0 otherwise. */
  nonFinite: Uint8Array;
  /** True when x came from array positions (epochs 1..n) rather than explicit steps. */
  indexed: boolean;
}

/** Why a value or point was changed or dropped. `code` is stable; `message` is for people. */
export interface InputIssue {
  code:
    | 'invalid-input'
    | 'missing-values'
    | 'string-values'
    | 'non-numeric-values'
    | 'invalid-steps'
    | 'unsorted-steps'
    | 'duplicate-steps'
    | 'length-mismatch';
  message: string;
}

/**
 * Buffers this module allocated with room after the data: a GrowableSeries may take them over instead of copying.
 * Never a caller's own arrays, which must not be written to.
 */
export const spareRoom = new WeakSet<ArrayBufferLike>();

export interface NormalizeResult {
  series: Series | null;
  issues: InputIssue[];
}

export interface NormalizeOptions {
  /** Name used in messages ("train", "validation", "history.val_loss"). */
  name?: string;
  /**
   * How to read `null` and `undefined`: as a missing value (a gap; the default), or as NaN. JSON has no NaN, so a
   * Keras history written to JSON carries `null` where the run printed `nan`.
   */
  nullAs?: 'missing' | 'nan';
  /**
   * For a plain array: whether the missing value at position `i` is read as NaN (see {@link normalizePair}, which
   * decides it); where it returns false, `nullAs` applies.
   */
  nullAsNaNAt?: (i: number) => boolean;
  /** Keep empty cells of columns and points as gaps instead of leaving them out (a column with nothing logged). */
  keepEmptyCells?: boolean;
}

const EMPTY = (indexed: boolean): Series => ({
  steps: new Float64Array(0),
  values: new Float64Array(0),
  nonFinite: new Uint8Array(0),
  indexed,
});

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function isArrayLike(input: unknown): input is ArrayLike<unknown> {
  if (typeof input !== 'object' || input === null) return false;
  // A DataView is a view without elements or a length: not a series.
  if (Array.isArray(input) || (ArrayBuffer.isView(input) && !(input instanceof DataView))) return true;
  const length = (input as { length?: unknown }).length;
  // No array is longer than 2^32 - 1: a bigger `length` is not a series (and would be allocated below).
  return typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= 2 ** 32 - 1;
}

function isColumnar(input: unknown): input is ColumnarSeries {
  // An object with a `length` of its own can still be columnar (a chart's growable series has one); arrays cannot.
  return (
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    !ArrayBuffer.isView(input) &&
    isArrayLike((input as ColumnarSeries).steps) &&
    isArrayLike((input as ColumnarSeries).values)
  );
}

/** A typed array of numbers (not of bigints, which cannot be copied into a Float64Array in bulk). */
const numberView = (a: unknown): a is Float32Array =>
  ArrayBuffer.isView(a) && !(a instanceof DataView) && !(a instanceof BigInt64Array) && !(a instanceof BigUint64Array);

function isPoint(p: unknown): p is StepValue {
  return typeof p === 'object' && p !== null && 'step' in p && 'value' in p;
}

/** Counters shared by the value coercion of every form. */
interface Tally {
  missing: number;
  strings: number;
  nonNumeric: number;
}

const NAN_WORDS = /^[+-]?nan$/i;
const INF_WORDS = /^([+-]?)inf(inity)?$/i;

/** An empty cell: null, undefined or a blank string (what CSV readers leave where nothing was logged). */
function isMissing(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Coerces one raw value. Returns NaN for a missing value, and marks `flag[0] = 1` when the run itself produced a
 * non-finite number. Numeric strings ("0.25", "nan", "inf", as CSV readers leave them) are parsed.
 */
function coerce(raw: unknown, tally: Tally, nullAs: 'missing' | 'nan', flag: Uint8Array): number {
  flag[0] = 0;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) flag[0] = 1;
    return raw;
  }
  if (isMissing(raw)) {
    if (nullAs === 'nan') {
      flag[0] = 1;
      return NaN;
    }
    tally.missing++;
    return NaN;
  }
  if (typeof raw === 'string') {
    tally.strings++;
    const text = raw.trim();
    if (NAN_WORDS.test(text)) {
      flag[0] = 1;
      return NaN;
    }
    const inf = INF_WORDS.exec(text);
    if (inf) {
      flag[0] = 1;
      return inf[1] === '-' ? -Infinity : Infinity;
    }
    const n = Number(text);
    if (Number.isFinite(n)) return n;
    tally.nonNumeric++;
    tally.strings--;
    return NaN;
  }
  if (typeof raw === 'bigint') return Number(raw);
  tally.nonNumeric++;
  return NaN;
}

/**
 * Normalizes any {@link SeriesInput} into a {@link Series}. Never throws: what it cannot use it drops or reads as
 * missing, and says so in `issues` (one issue per cause).
 *
 * - plain and typed arrays are epochs 1..n;
 * - in a plain array, `null`, `undefined` and blank strings are missing values (gaps) unless `nullAs: 'nan'`;
 *   {@link normalizePair} reads the ones a diverged run left at its end as NaN;
 * - in columns and points an empty cell (`null`, `undefined`, blank) means nothing was logged at that step: the point
 *   is left out and the line joins its neighbours (a column with nothing logged at all keeps its steps as gaps);
 * - numeric strings are parsed, other strings become missing values;
 * - points with a missing or non-finite step are dropped;
 * - steps are sorted (stable); of duplicate steps the last one given wins, as when a resumed run logs a step again,
 *   but a missing value never replaces a present one (a Lightning validation row and the epoch-end row after it
 *   share a step, and the second leaves the validation cell empty).
 */
export function normalizeSeries(input: unknown, options: NormalizeOptions = {}): NormalizeResult {
  try {
    return normalize(input, options);
  } catch (err) {
    // A throwing getter or proxy, or a length too large to allocate: unreadable input, reported, not thrown.
    const why = err instanceof Error ? err.message : 'unreadable';
    return { series: null, issues: [{ code: 'invalid-input', message: `${options.name ?? 'series'}: could not be read (${why}).` }] };
  }
}

/** A run's training and validation series, normalized together by {@link normalizePair}. */
export interface PairResult {
  train: Series | null;
  validation: Series | null;
  issues: InputIssue[];
}

/**
 * Normalizes the training and validation series of one run: the one reading of the data that the charts, a Keras
 * `history` and `analyzeFit` share.
 *
 * Each series is read as {@link normalizeSeries} reads it, with one rule that needs both: in a plain array (one
 * value per epoch), a `null` after the array's last number (JSON's NaN; `undefined` and blanks stay missing) is read as NaN when
 * the other series has no number at that epoch either. JSON has no NaN (a Keras history written to JSON carries
 * `null` where the run printed `nan`), and a run whose loss became NaN stays NaN to its end in every metric. Any
 * other missing value is a gap: a hole between numbers, validation missing at an epoch where training has a
 * number (validation run every few epochs), a series with no number at all, or an empty cell of points and columns.
 */
export function normalizePair(train: unknown, validation: unknown, names: { train?: string; validation?: string } = {}): PairResult {
  const trainName = names.train ?? 'train';
  const validationName = names.validation ?? 'validation';
  const t = normalizeSeries(train, { name: trainName });
  const v = normalizeSeries(validation, { name: validationName });
  const tr = readEndAsNaN(train, t, v.series, trainName);
  const va = readEndAsNaN(validation, v, t.series, validationName);
  return { train: tr.series, validation: va.series, issues: [...tr.issues, ...va.issues] };
}

/** Whether a series holds a finite value at `step`. */
function finiteAt(s: Series | null, step: number): boolean {
  if (!s) return false;
  const i = lowerBound(s.steps, step);
  return i < s.steps.length && s.steps[i] === step && Number.isFinite(s.values[i]);
}

/** Reads a plain array again when some of its missing values are NaN under {@link normalizePair}'s rule. */
function readEndAsNaN(input: unknown, r: NormalizeResult, other: Series | null, name: string): NormalizeResult {
  const s = r.series;
  // Only plain arrays hold epochs by position (a handed-back series is columnar and carries its own flags).
  if (!s?.indexed || !isArrayLike(input) || isColumnar(input)) return r;
  let last = s.values.length - 1;
  while (last >= 0 && !Number.isFinite(s.values[last])) last--;
  if (last < 0) return r;
  const raw = input as ArrayLike<unknown>;
  const nanAt = (i: number) => i > last && !finiteAt(other, i + 1);
  let any = false;
  try {
    // Only null: JSON writes NaN as null; undefined never comes from a log, so it stays a missing value.
    for (let i = last + 1; i < s.values.length && !any; i++) any = raw[i] === null && nanAt(i);
  } catch {
    return r;
  }
  return any ? normalizeSeries(input, { name, nullAsNaNAt: nanAt }) : r;
}

function normalize(input: unknown, options: NormalizeOptions): NormalizeResult {
  const name = options.name ?? 'series';
  const nullAs = options.nullAs ?? 'missing';
  const nullAsNaNAt = options.nullAsNaNAt;
  const issues: InputIssue[] = [];
  if (input === undefined || input === null) return { series: null, issues };

  let rawSteps: ArrayLike<unknown> | null = null;
  // A Series handed back (say, a chart's current data): its flags tell a NaN the run produced from a missing value.
  const flags = isColumnar(input) && ArrayBuffer.isView((input as Partial<Series>).nonFinite) ? (input as Series).nonFinite : null;
  let rawValues: ArrayLike<unknown>;
  let n: number;
  let indexed = false;

  if (isColumnar(input)) {
    rawSteps = input.steps;
    rawValues = input.values;
    // A handed-back Series of epochs stays a series of epochs.
    indexed = flags !== null && (input as Series).indexed === true;
    n = Math.min(rawSteps.length, rawValues.length);
    if (rawSteps.length !== rawValues.length) {
      issues.push({
        code: 'length-mismatch',
        message: `${name}: steps has ${rawSteps.length} entries but values has ${rawValues.length}; using the first ${n}.`,
      });
    }
  } else if (isArrayLike(input)) {
    n = input.length;
    const first = firstDefined(input);
    if (first !== undefined && isPoint(first)) {
      const points = input as ArrayLike<unknown>;
      const steps = new Array<unknown>(n);
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        const p = points[i];
        if (isPoint(p)) {
          steps[i] = p.step;
          values[i] = p.value;
        } else {
          steps[i] = undefined; // not a point: dropped below as an invalid step
        }
      }
      rawSteps = steps;
      rawValues = values;
    } else {
      indexed = true;
      rawValues = input;
    }
  } else {
    issues.push({
      code: 'invalid-input',
      message: `${name}: expected an array of numbers, an array of {step, value} points or {steps, values}; got ${describe(input)}.`,
    });
    return { series: null, issues };
  }

  // Float64Arrays of finite ascending steps are used in place, with no copy: a million-point chart then costs one
  // scan and a flag array, not three fresh arrays. The chart reads them again only when they are reassigned (or
  // requestUpdate() is called), which the element documents.
  if (!flags && rawValues instanceof Float64Array && rawSteps instanceof Float64Array && rawSteps.length === n && rawValues.length === n && n > 0) {
    const series = takeReadAhead(rawValues, rawSteps) ?? inPlace(rawSteps, rawValues, indexed);
    if (series) return { series, issues };
  }

  // A Float64Array of values (epochs 1..n) is used in place too. Its steps are the epochs, shared by every series
  // of about that length (train and validation of one run hold the same epochs), as are all-zero flags: a pair of
  // finite 10M-point arrays then costs one steps array and one flag array, not two copies of everything with room to
  // grow. A live chart's first append copies the series into growable buffers (it never writes to these).
  if (!flags && indexed && rawValues instanceof Float64Array && n > 0) {
    const series = takeReadAhead(rawValues, null) ?? inPlace(epochSteps(n), rawValues, true);
    if (series) return { series, issues };
  }

  const tally: Tally = { missing: 0, strings: 0, nonNumeric: 0 };
  const stats = emptyStats();
  const flag = new Uint8Array(1);
  // Room to grow: a live chart's first appends then fill it instead of copying the whole series.
  const capacity = n + Math.min(Math.max(16, n >> 2), 1 << 20);
  const steps = new Float64Array(capacity);
  const values = new Float64Array(capacity);
  const nonFinite = new Uint8Array(capacity);
  spareRoom.add(steps.buffer);
  let kept = 0;
  let badSteps = 0;
  let notLogged = 0;
  let sorted = true;
  // The common case, numbers with finite ascending steps (typed arrays, model.fit output, CSV columns): copy in
  // bulk, then check in one tight loop over our own Float64Arrays; the first value that is anything else hands over
  // to the general loop below at that index.
  let start = 0;
  if (!flags) {
    const typed = numberView(rawValues) && (rawSteps === null || numberView(rawSteps));
    if (typed) {
      // The first n of each: columns of unequal length use their common prefix.
      values.set((rawValues as Float32Array).subarray(0, n));
      if (rawSteps) steps.set((rawSteps as Float32Array).subarray(0, n));
      else for (let i = 0; i < n; i++) steps[i] = i + 1;
    }
    start = typed ? scanPoints(steps, values, nonFinite, 0, n, stats, true) : copyNumbers(rawSteps, rawValues, steps, values, nonFinite, n);
    kept = start;
  }
  for (let i = start; i < n; i++) {
    let step: number;
    if (rawSteps === null) step = i + 1;
    else {
      const s = rawSteps[i];
      step = typeof s === 'number' ? s : typeof s === 'bigint' || (typeof s === 'string' && s.trim() !== '') ? Number(s) : NaN;
      if (!Number.isFinite(step)) {
        badSteps++;
        continue;
      }
    }
    const raw = rawValues[i];
    // In columns and points an empty cell means the metric was not logged at that step (a Lightning metrics.csv
    // leaves validation empty on training rows): the point is left out and the line joins its neighbours.
    if (rawSteps !== null && !flags && !options.keepEmptyCells && isMissing(raw)) {
      notLogged++;
      continue;
    }
    values[kept] = coerce(raw, tally, rawSteps === null && nullAsNaNAt && raw === null && nullAsNaNAt(i) ? 'nan' : nullAs, flag);
    nonFinite[kept] = flags && Number.isNaN(values[kept]) ? flags[i] : flag[0];
    // An unflagged NaN in a handed-back Series is a gap: coerce() counted nothing for it.
    if (flags && Number.isNaN(values[kept]) && !flags[i]) tally.missing++;
    if (kept > 0 && step < steps[kept - 1]) sorted = false;
    steps[kept++] = step;
  }

  if (tally.missing) {
    issues.push({ code: 'missing-values', message: `${name}: ${count(tally.missing, 'missing value')} (null or undefined), drawn as gaps.` });
  }
  if (tally.strings) {
    issues.push({ code: 'string-values', message: `${name}: ${count(tally.strings, 'value')} given as strings, read as numbers.` });
  }
  if (tally.nonNumeric) {
    issues.push({
      code: 'non-numeric-values',
      message: `${name}: ${count(tally.nonNumeric, 'value')} not ${tally.nonNumeric === 1 ? 'a number' : 'numbers'}, drawn as gaps.`,
    });
  }
  if (badSteps) {
    issues.push({ code: 'invalid-steps', message: `${name}: ${count(badSteps, 'point')} without a finite step, left out.` });
  }

  // A column with nothing logged at all keeps its steps as gaps, so the chart can say the series has no values.
  if (kept === 0 && notLogged > 0) return normalize(input, { ...options, keepEmptyCells: true });

  let series: Series = {
    steps: steps.subarray(0, kept),
    values: values.subarray(0, kept),
    nonFinite: nonFinite.subarray(0, kept),
    indexed,
  };
  if (kept === 0) return { series: EMPTY(indexed), issues };
  // The bulk scan read every point: its statistics hold for the series as it is.
  if (stats.n === n && kept === n) knowStats(series, stats);
  if (!sorted) {
    issues.push({ code: 'unsorted-steps', message: `${name}: steps were not in order; sorted.` });
    series = sortByStep(series);
  }
  const { series: unique, dropped } = dropDuplicateSteps(series);
  if (dropped) {
    issues.push({
      code: 'duplicate-steps',
      message: `${name}: ${count(dropped, 'repeated step')}; the last value given for each step is used (a missing one does not replace a value).`,
    });
  }
  return { series: unique, issues };
}

/** Series read ahead in chunks ({@link readInChunks}), by their values array: each is used once. */
const readAhead = new WeakMap<Float64Array, { steps: Float64Array | null; series: Series }>();

function takeReadAhead(values: Float64Array, steps: Float64Array | null): Series | null {
  const entry = readAhead.get(values);
  if (!entry || entry.steps !== steps || entry.series.values.length !== values.length) return null;
  readAhead.delete(values);
  return entry.series;
}

/**
 * Reads a Float64Array of values (epochs 1..n), or `{steps, values}` Float64Arrays, as the next
 * {@link normalizeSeries} of the same arrays will read them in place, `chunk` points at a time, yielding between
 * chunks: a 10M-point series is then read without one long task. That normalizeSeries uses the result (once), so
 * the series, its flags and its statistics are the ones a reading in one go gives. Other forms, and steps that are not
 * finite and ascending (which normalizeSeries copies and sorts), are left to normalizeSeries.
 */
export function* readInChunks(input: unknown, chunk: number): Generator<void, void> {
  let steps: Float64Array | null = null;
  let values: unknown = input;
  if (isColumnar(input)) {
    if (ArrayBuffer.isView((input as Partial<Series>).nonFinite) || !(input.steps instanceof Float64Array)) return;
    steps = input.steps;
    values = input.values;
  }
  if (!(values instanceof Float64Array) || !values.length || (steps && steps.length !== values.length)) return;
  const n = values.length;
  // Epochs 1..n: the shared ones, else filled chunk by chunk (a 10M fill is a long task of its own) and then shared.
  const sharedEpochs = steps ? null : sharedView(shared.epochs, n, 8);
  const fill = !steps && !sharedEpochs;
  const stepsOf = steps ?? (sharedEpochs ? new Float64Array(sharedEpochs, 0, n) : new Float64Array(n));
  // Its own flags, not the shared zeros (other charts may read those between chunks); a page is only paid for
  // where a flag is written.
  const flags = new Uint8Array(n);
  const st = emptyStats();
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    if (fill) for (let i = from; i < to; i++) stepsOf[i] = i + 1;
    if (scanPoints(stepsOf, values, flags, from, to, st, true) < to) return;
    if (to < n) yield;
  }
  if (fill && !sharedView(shared.epochs, n, 8)) shared.epochs = new WeakRef(stepsOf.buffer as ArrayBuffer);
  const series: Series = { steps: stepsOf, values, nonFinite: st.firstFlagged >= 0 ? flags : sharedZeros(n), indexed: !steps };
  knowStats(series, st);
  readAhead.set(values, { steps, series });
}

/**
 * A series over the caller's Float64Arrays, when its steps are finite and ascending (else null: the caller copies).
 * Its flags are the shared all-zero array when every value is finite (the common case), else its own.
 */
function inPlace(steps: Float64Array, values: Float64Array, indexed: boolean): Series | null {
  const n = values.length;
  const zeros = sharedZeros(n);
  const st = emptyStats();
  // A fresh scan writes a 1 into the flags at each non-finite value; the shared zeros are restored right after.
  const end = scanPoints(steps, values, zeros, 0, n, st, true);
  // A scan that stopped at a step out of order leaves its statistics unwritten: clear what it read.
  if (end < n) {
    zeros.fill(0, 0, end);
    return null;
  }
  let nonFinite = zeros;
  if (st.firstFlagged >= 0) {
    nonFinite = zeros.slice();
    zeros.fill(0, st.firstFlagged);
  }
  const series = { steps, values, nonFinite, indexed };
  knowStats(series, st);
  return series;
}

/**
 * Arrays shared by series of about the same length, held weakly (kept only while some series still uses them) and
 * read-only by contract: series steps and flags are never written to (a growable series copies them first).
 */
const shared = { epochs: null as WeakRef<ArrayBuffer> | null, zeros: null as WeakRef<ArrayBuffer> | null };

/** A view of the shared buffer when it is at least n long and at most twice that (a small chart never keeps a much
 * larger one's buffer alive), else null. */
function sharedView(ref: WeakRef<ArrayBuffer> | null, n: number, bytes: number): ArrayBuffer | null {
  const buffer = ref?.deref();
  const length = buffer ? buffer.byteLength / bytes : 0;
  return buffer && length >= n && length <= 2 * n ? buffer : null;
}

/** Steps 1..n (epochs), shared: train and validation of one run hold the same epochs. */
function epochSteps(n: number): Float64Array {
  const buffer = sharedView(shared.epochs, n, 8);
  if (buffer) return new Float64Array(buffer, 0, n);
  const steps = new Float64Array(n);
  for (let i = 0; i < n; i++) steps[i] = i + 1;
  shared.epochs = new WeakRef(steps.buffer);
  return steps;
}

/** n zero flags, shared: the flags of every series without a non-finite value. */
function sharedZeros(n: number): Uint8Array {
  const buffer = sharedView(shared.zeros, n, 1);
  if (buffer) return new Uint8Array(buffer, 0, n);
  const zeros = new Uint8Array(n);
  shared.zeros = new WeakRef(zeros.buffer);
  return zeros;
}

/** Copies plain numbers with finite ascending steps; returns the first index that is anything else. */
function copyNumbers(
  rawSteps: ArrayLike<unknown> | null,
  rawValues: ArrayLike<unknown>,
  steps: Float64Array,
  values: Float64Array,
  nonFinite: Uint8Array,
  n: number,
): number {
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = rawValues[i];
    const s = rawSteps === null ? i + 1 : rawSteps[i];
    if (typeof v !== 'number' || typeof s !== 'number' || !(s - s === 0) || s < last) return i;
    steps[i] = last = s;
    values[i] = v;
    nonFinite[i] = v - v === 0 ? 0 : 1;
  }
  return n;
}

function firstDefined(input: ArrayLike<unknown>): unknown {
  for (let i = 0; i < input.length; i++) if (input[i] !== undefined && input[i] !== null) return input[i];
  return undefined;
}

/** Stable sort of a series by step. */
function sortByStep(s: Series): Series {
  const order = Array.from(s.steps.keys()).sort((a, b) => s.steps[a] - s.steps[b] || a - b);
  return {
    steps: Float64Array.from(order, (i) => s.steps[i]),
    values: Float64Array.from(order, (i) => s.values[i]),
    nonFinite: Uint8Array.from(order, (i) => s.nonFinite[i]),
    indexed: s.indexed,
  };
}

/**
 * Keeps one point of each run of equal steps (the input is sorted): the last one that has a value (a number, or a
 * NaN or ±Infinity of the run), else the last one.
 */
function dropDuplicateSteps(s: Series): { series: Series; dropped: number } {
  const n = s.steps.length;
  let dropped = 0;
  for (let i = 1; i < n; i++) if (s.steps[i] === s.steps[i - 1]) dropped++;
  if (!dropped) return { series: s, dropped };
  const steps = new Float64Array(n - dropped);
  const values = new Float64Array(n - dropped);
  const nonFinite = new Uint8Array(n - dropped);
  let k = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && s.steps[end] === s.steps[start]) end++;
    let pick = end - 1;
    while (pick > start && Number.isNaN(s.values[pick]) && !s.nonFinite[pick]) pick--;
    if (Number.isNaN(s.values[pick]) && !s.nonFinite[pick]) pick = end - 1;
    steps[k] = s.steps[pick];
    values[k] = s.values[pick];
    nonFinite[k++] = s.nonFinite[pick];
    start = end;
  }
  return { series: { steps, values, nonFinite, indexed: s.indexed }, dropped };
}

/** Index of the first value the run produced as NaN or ±Infinity, or -1. */
export function firstNonFinite(s: Series): number {
  for (let i = 0; i < s.nonFinite.length; i++) if (s.nonFinite[i]) return i;
  return -1;
}

/** Number of finite values. */
export function finiteCount(s: Series): number {
  let c = 0;
  for (let i = 0; i < s.values.length; i++) if (Number.isFinite(s.values[i])) c++;
  return c;
}
