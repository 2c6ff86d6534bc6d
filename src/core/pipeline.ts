/**
 * Preparation in stages, each memoized on its own inputs, so that a chart pays for what an input change changes:
 *
 *     data (train, validation, history, runs, metric)       O(points)
 *       ├─ smoothing (smoothing)                            O(points)
 *       └─ analysis (mode, patience, minDelta, startFrom, baseline)   O(validation points)
 *            └─ texts (label, xLabel, yLabel, logX, logY: titles, notes, summary)   O(lines)
 *
 * A stage runs when one of its inputs or a stage it reads re-ran. The data stage is the only one that makes a new
 * `PreparedCurves`: every other change updates the one the chart holds, so points appended to it (`appendPoints`)
 * stay through option changes.
 */
import {
  analyzeRunsInChunks,
  CURVE_TEXTS,
  fitOptionsOf,
  metricOf,
  readData,
  setTexts,
  smoothingOf,
  smoothLines,
  type CurveInput,
  type CurveTexts,
  type PreparedCurves,
} from './prepare-curves.js';
import { readInChunks } from './series.js';

/** How many times each stage ran: what an input change cost. */
export interface StageRuns {
  data: number;
  smoothing: number;
  analysis: number;
  texts: number;
}

/** The inputs each stage reads, in the form it compares them (by identity, as Lit compares properties). */
function keys(input: CurveInput) {
  const metric = metricOf(input);
  const fit = fitOptionsOf(input, metric);
  return {
    data: [input.train, input.validation, input.history, input.runs, metric],
    smoothing: [smoothingOf(input)],
    analysis: [fit.mode, fit.patience, fit.minDelta, fit.startFrom, fit.baseline],
    // Log axes change the notes (values a log axis cannot place) and what the layout draws.
    axes: [!!input.logX, !!input.logY],
    texts: [input.label ?? null, input.xLabel ?? null, input.yLabel ?? null],
  };
}

type Keys = ReturnType<typeof keys>;

function same(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * A chart's preparation across input changes.
 *
 * @example
 * const pipeline = new CurvePipeline();
 * let p = pipeline.update({ history, patience: 5 });
 * p = pipeline.update({ history, patience: 3 }); // the same object: only the analysis and the texts ran again
 */
export class CurvePipeline {
  /** Stage runs so far. */
  readonly runs: StageRuns = { data: 0, smoothing: 0, analysis: 0, texts: 0 };
  readonly #texts: CurveTexts;
  #prepared: PreparedCurves | null = null;
  #keys: Keys | null = null;

  /** `texts` gives the default title and y label (a chart of the curves by default). */
  constructor(texts: CurveTexts = CURVE_TEXTS) {
    this.#texts = texts;
  }

  /** The data last prepared, or null before the first `update`. */
  get prepared(): PreparedCurves | null {
    return this.#prepared;
  }

  /** Makes the next `update` read the data again, as when arrays were changed in place. */
  invalidate(): void {
    this.#keys = null;
  }

  /**
   * Prepares `input`, re-running the stages whose inputs changed since the last call. Returns the same object as
   * before unless the data stage ran; its `version` is bumped when anything the layout draws changed (data,
   * smoothing, analysis, log axes), and not for texts alone.
   */
  update(input: CurveInput): PreparedCurves {
    const stages = this.#stages(input, Infinity);
    let r = stages.next();
    while (!r.done) r = stages.next();
    return r.value;
  }

  /** Whether `update(input)` would read the data again (the data stage's inputs changed, or nothing was read yet). */
  readsData(input: CurveInput): boolean {
    return !this.#prepared || !this.#keys || !same(keys(input).data, this.#keys.data);
  }

  /**
   * {@link update} in slices of about `chunk` points, for data too large to prepare in one task: a generator that
   * yields between slices and returns what `update(input)` returns. `train` and `validation` given as Float64Arrays
   * are read ahead in chunks and validation is analyzed in chunks; other forms and the smoothing run in one go.
   * Meant for new data (the data stage runs): the pipeline keeps the result only when the generator ends, and one
   * dropped half-way (new data came) leaves it as it was. Without new data the later stages update the prepared data
   * in place as they run, as `update` would.
   */
  updateInChunks(input: CurveInput, chunk: number): Generator<void, PreparedCurves> {
    return this.#stages(input, chunk);
  }

  *#stages(input: CurveInput, chunk: number): Generator<void, PreparedCurves> {
    const next = keys(input);
    const last = this.#keys;
    let p = this.#prepared;
    const data = !p || !last || !same(next.data, last.data);
    if (data || !p) {
      if (chunk < Infinity) for (const series of [input.train, input.validation]) yield* readInChunks(series, chunk);
      p = readData(input, p ? p.version + 1 : 0);
      this.runs.data++;
    }
    const smoothing = data || !same(next.smoothing, last!.smoothing);
    if (smoothing) {
      smoothLines(p, next.smoothing[0]);
      this.runs.smoothing++;
    }
    const analysis = data || !same(next.analysis, last!.analysis);
    if (analysis) {
      yield* analyzeRunsInChunks(p, fitOptionsOf(input, p.metric), chunk);
      this.runs.analysis++;
    }
    const axes = data || !same(next.axes, last!.axes);
    if (analysis || axes || !same(next.texts, last!.texts)) {
      setTexts(p, input, this.#texts);
      this.runs.texts++;
    }
    if (!data && (smoothing || analysis || axes)) p.version++;
    this.#prepared = p;
    this.#keys = next;
    return p;
  }
}
