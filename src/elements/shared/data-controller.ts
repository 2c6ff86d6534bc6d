import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { appendPoints as appendPointsTo } from '../../core/append-points.js';
import { inputDelta } from '../../core/input-delta.js';
import { CurvePipeline } from '../../core/pipeline.js';
import { prepareCurves, type CurveInput, type CurveTexts, type PreparedCurves } from '../../core/prepare-curves.js';
import { warnOnce } from '../../core/warn.js';
import { redraw } from './redraw.js';

/** Properties whose change means the data must be prepared again: each is the `prepareCurves` option of its name. */
const DATA_PROPS = [
  'train',
  'validation',
  'history',
  'runs',
  'metric',
  'xLabel',
  'yLabel',
  'label',
  'logX',
  'logY',
  'smoothing',
  'mode',
  'patience',
  'minDelta',
  'startFrom',
  'baseline',
] as const satisfies ReadonlyArray<keyof CurveInput>;

type DataProp = (typeof DATA_PROPS)[number];

/** A chart whose data the controller prepares: the data properties (an element may lack some, e.g. `logY`). */
export type DataHost = ReactiveControllerHost & {
  readonly hasUpdated: boolean;
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
} & { [K in DataProp]?: unknown };

/** What the controller asks of its chart. */
export interface DataHooks {
  /** The tag, for warnings. */
  tag(): string;
  /** The chart's default title and y label, when `label` and `yLabel` are unset. */
  texts?: CurveTexts;
  /** The runs hidden in the legend, by index, and a way to change them when new data renumbers the runs. */
  hidden(): ReadonlySet<number>;
  setHidden(hidden: ReadonlySet<number>): void;
  /** Called after a render that drew new data or appended points (to fire `overfit`). */
  drawn(): void;
}

/** Points in `train` and `validation` (arrays, or `{steps, values}`), for the choice of a chunked preparation. */
function pointsOf(value: unknown): number {
  if (value == null || typeof value !== 'object') return 0;
  const v = (value as { values?: unknown }).values;
  const length = (ArrayBuffer.isView(v) || Array.isArray(v) ? v : value) as { length?: unknown };
  return typeof length.length === 'number' ? length.length : 0;
}

/** The next task: a yield to the event loop that, unlike setTimeout, is not clamped to 4 ms when repeated. */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** A bare `requestUpdate()` (empty `changed`) means "the data changed in place": prepare it again. */
const newData = (changed: PropertyValues) => changed.size === 0 || DATA_PROPS.some((p) => changed.has(p));

/**
 * The chart's data, as a Lit reactive controller: prepares it when a data property changes (reusing the prepared
 * data when a new array only extends the old one), appends live points, and batches the renders of many appends
 * into one per animation frame. Points appended while new data awaits preparation are queued and appended after it.
 */
export class DataController implements ReactiveController {
  /**
   * Data with more points than this (train and validation together) is prepared in chunks of {@link chunkPoints},
   * with a yield to the page between chunks, while the chart says what it is reading; the chart is drawn once, at the
   * end, the same as a preparation in one go would draw it. Static so that tests can lower them.
   */
  static chunkThreshold = 2_000_000;
  static chunkPoints = 200_000;

  /** The prepared data the chart draws. */
  prepared: PreparedCurves;
  readonly #host: DataHost;
  readonly #hooks: DataHooks;
  /** Run names by index at the last preparation, to keep hidden runs hidden across new data. */
  #hiddenNames: string[] = [];
  /** Whether points were appended since the data was last assigned (they exist only in `prepared`, which the pipeline keeps). */
  #live = false;
  /** The data properties' values when the data was last prepared: a difference means new data awaits the next update. */
  #preparedFrom: unknown[] = [];
  /** Appends made while new data awaited preparation, applied right after it. */
  #queued: Array<[unknown, unknown, string | number]> = [];
  /** New data or appended points since the last render: the render after them calls `drawn`. */
  #changed = false;
  /** The pending animation frame of coalesced appends. */
  #frame = 0;
  /** An append was drawn in the current frame: later ones wait for the next. */
  #renderedThisFrame = false;
  /** Appends wait for the next frame. */
  #appendPending = false;
  /** The chunked preparation under way (see {@link DataController.chunkThreshold}): a new one or a disconnect ends it. */
  #job: object | null = null;
  /** A chunked preparation was stopped by a disconnect: the data is prepared again when the chart is connected. */
  #resume = false;

  /** Preparation in stages: an option change re-runs only what depends on it (a label change, only the texts). */
  readonly #pipeline: CurvePipeline;

  constructor(host: DataHost, hooks: DataHooks) {
    this.#host = host;
    this.#hooks = hooks;
    this.#pipeline = new CurvePipeline(hooks.texts);
    this.prepared = prepareCurves({}, hooks.texts);
    host.addController(this);
  }

  /**
   * Brings the prepared data up to date with the properties, in the host's `willUpdate`: prepares new data, then
   * appends the points queued for it. Returns whether the data was replaced (not only appended to).
   */
  update(changed: PropertyValues): boolean {
    const replaced = newData(changed);
    if (this.#job && !replaced) return false;
    if (replaced || !this.#host.hasUpdated) {
      this.#prepare(changed);
      this.#preparedFrom = DATA_PROPS.map((key) => this.#host[key]);
      // Data being read in chunks is drawn (and `overfit` fired) when it is read.
      this.#changed = !this.#job;
    }
    // Points appended while new data waited for this update belong after that data (once it is read).
    if (this.#job) return replaced;
    for (const [train, validation, run] of this.#queued.splice(0)) {
      this.#append(train, validation, run);
      this.#live = true;
    }
    return replaced;
  }

  /** Replaces the prepared data with a message, after a failure of ours. */
  fail(message: string): void {
    this.prepared = { ...prepareCurves({}, this.#hooks.texts), message };
  }

  /** Appends points (see the element's `appendPoints`) and schedules their render. */
  append(train: unknown, validation: unknown, run: string | number): void {
    // Data assigned in this task is prepared at the next update, data being read in chunks when it is read: the
    // points wait for it, to be appended after it.
    if (this.#job || DATA_PROPS.some((key, i) => !Object.is(this.#host[key], this.#preparedFrom[i]))) {
      this.#queued.push([train, validation, run]);
      redraw(this.#host, 'appended');
      return;
    }
    this.#append(train, validation, run);
    this.#live = true;
    this.#scheduleRender();
  }

  hostUpdated(): void {
    if (this.#changed) this.#hooks.drawn();
    this.#changed = false;
    // Every render draws all the data there is: appends waiting for the next frame are drawn already.
    this.#appendPending = false;
  }

  hostConnected(): void {
    // A bare update prepares the data again (the pipeline kept nothing of the stopped preparation).
    if (this.#resume) this.#host.requestUpdate();
    this.#resume = false;
  }

  hostDisconnected(): void {
    if (this.#job) {
      this.#job = null;
      this.#resume = true;
    }
    if (this.#frame) cancelAnimationFrame(this.#frame);
    // A pending append is drawn when the element is connected again.
    if (this.#appendPending) redraw(this.#host, 'appended');
    this.#frame = 0;
    this.#appendPending = false;
    this.#renderedThisFrame = false;
  }

  /**
   * When only `train`/`validation` changed and each new series holds the points the chart already has (a new array
   * object with the same numbers, or with new points after them), keeps the prepared data and appends the new
   * points: O(n) comparison instead of preparing everything again. Returns whether it handled the change.
   */
  #reuse(changed: PropertyValues): boolean {
    const keys = [...changed.keys()];
    if (!this.#host.hasUpdated || this.#live || this.#host.runs || !keys.length || !keys.every((k) => k === 'train' || k === 'validation')) return false;
    const run = this.prepared.runs[0];
    if (!run || this.prepared.multi) return false;
    const tails: Record<string, unknown> = {};
    for (const key of keys as Array<'train' | 'validation'>) {
      const line = run.lines.find((l) => l.key === key);
      const input = this.#host[key];
      if (!line || input == null) return false;
      const delta = inputDelta(line.series, input);
      if (delta.kind === 'other') return false;
      if (delta.kind === 'extends') tails[key] = delta.tail;
    }
    if (tails.train || tails.validation) this.#append(tails.train, tails.validation, 0);
    return true;
  }

  #prepare(changed: PropertyValues): void {
    // New data (or options) replaces a preparation under way: it is never finished.
    const stopped = this.#job !== null;
    this.#job = null;
    if (!stopped && this.#reuse(changed)) return;
    // A bare requestUpdate() means arrays changed in place: the data stage must read them again.
    if (changed.size === 0 || stopped) this.#pipeline.invalidate();
    // The data properties are the pipeline's options, by the same names. It re-runs only the stages whose inputs
    // changed and keeps the prepared object (with any appended points) unless the data itself changed.
    const input: Record<string, unknown> = {};
    for (const key of DATA_PROPS) input[key] = this.#host[key];
    input.smoothing = Number(this.#host.smoothing ?? 0);
    input.logY = !!this.#host.logY;
    // Only new data is read in chunks: an option change on large data re-runs its stages in one go.
    const points = pointsOf(input.train) + pointsOf(input.validation);
    if (points > DataController.chunkThreshold && this.#pipeline.readsData(input as CurveInput)) {
      this.#prepareInChunks(input as CurveInput, points, changed);
      return;
    }
    this.#take(this.#pipeline.update(input as CurveInput), changed);
  }

  /**
   * Prepares large data in chunks, a task each: meanwhile the chart says what it is reading (its message, a status)
   * and appends wait; at the end it draws the data once and fires `overfit` once. Ends unfinished when new data
   * comes or the chart is disconnected.
   */
  #prepareInChunks(input: CurveInput, points: number, changed: PropertyValues): void {
    const job = {};
    this.#job = job;
    this.prepared = { ...prepareCurves({}, this.#hooks.texts), message: `Reading ${points.toLocaleString('en-US')} points…` };
    const stages = this.#pipeline.updateInChunks(input, DataController.chunkPoints);
    const run = async () => {
      try {
        for (;;) {
          await nextTask();
          if (this.#job !== job) return;
          const r = stages.next();
          if (!r.done) continue;
          this.#job = null;
          this.#take(r.value, changed);
          this.#changed = true;
          redraw(this.#host, 'prepared');
          return;
        }
      } catch (error) {
        if (this.#job !== job) return;
        this.#job = null;
        warnOnce(this.#hooks.tag(), `could not read the data: ${(error as Error)?.message ?? error}`);
        this.fail('This data could not be drawn.');
        redraw(this.#host, 'prepared');
      }
    };
    void run();
  }

  /** Takes the pipeline's result: warnings, and the runs the user hid kept hidden across new data. */
  #take(next: PreparedCurves, changed: PropertyValues): void {
    const before = this.prepared;
    this.prepared = next;
    if (this.prepared !== before) this.#live = false;
    this.#warn(this.prepared.issues);

    const hidden = this.#hooks.hidden();
    if (changed.has('runs') && hidden.size) {
      // New data for the same runs (a live dashboard reassigning `runs`) keeps the runs the user hid.
      const names = new Set([...hidden].map((i) => this.#hiddenNames[i]));
      this.#hooks.setHidden(new Set(this.prepared.runs.filter((r) => names.has(r.name)).map((r) => r.index)));
    }
    this.#hiddenNames = this.prepared.runs.map((r) => r.name);
  }

  /**
   * One console warning per cause: keyed by code and series (the message up to its first colon, such as
   * "appendPoints train", else its first word), since counts in the text change as data arrive.
   */
  #warn(issues: ReadonlyArray<{ code: string; message: string }>): void {
    for (const { code, message } of issues)
      warnOnce(this.#hooks.tag(), message, `${code}:${message.includes(':') ? message.split(':')[0] : message.split(' ')[0]}`);
  }

  /** Appends to the prepared data and warns about what was left out; the caller schedules the render. */
  #append(train: unknown, validation: unknown, run: string | number): void {
    try {
      const issues = appendPointsTo(this.prepared, run, train, validation);
      this.#warn(issues);
      this.#warn(this.prepared.issues);
      this.#changed = true;
    } catch (error) {
      warnOnce(this.#hooks.tag(), `could not append the points: ${(error as Error)?.message ?? error}`);
    }
  }

  /**
   * Draws appended points: the first append of a frame at once (in this task's microtasks, so its points are painted
   * in the current frame), later ones of the same frame together at the next animation frame. A burst of appends
   * thus costs at most one render per frame, and a lone append is painted without a frame of delay.
   */
  #scheduleRender(): void {
    if (typeof requestAnimationFrame !== 'function') {
      redraw(this.#host, 'appended');
      return;
    }
    if (!this.#renderedThisFrame) {
      this.#renderedThisFrame = true;
      redraw(this.#host, 'appended');
    } else this.#appendPending = true;
    if (this.#frame === 0) this.#frame = requestAnimationFrame(this.#onFrame);
  }

  #onFrame = (): void => {
    this.#frame = 0;
    this.#renderedThisFrame = false;
    if (!this.#appendPending) return;
    this.#appendPending = false;
    this.#renderedThisFrame = true;
    redraw(this.#host, 'appended');
    this.#frame = requestAnimationFrame(this.#onFrame);
  };
}
