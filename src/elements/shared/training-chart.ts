import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  appendPoints as appendPointsTo,
  inputDelta,
  prepareCurves,
  nearestIndex,
  formatStep,
  formatValue,
  warnOnce,
  type FitAnalysis,
  type PreparedCurves,
  type SeriesInput,
  type KerasHistory,
  type RunInput,
  type CurveInput,
  type Domain,
  type NumericScale,
  clampDomain,
  panDomain,
  readDomain,
  zoomAround,
} from '../../core/index.js';
import { SizeController } from './size-controller.js';
import { crosshairKey } from './crosshair-keys.js';
import { SyncController, linesExtent } from './sync-controller.js';

/** Reads a boolean attribute that defaults to true: absent or any value but false/off/none/0 is true. */
export const defaultTrue = {
  fromAttribute: (value: string | null) => value === null || !/^(false|off|none|no|0)$/i.test(value.trim()),
  toAttribute: (value: boolean) => (value ? null : 'false'),
};

/** Reads a number attribute; anything that is not a finite number is null (the default applies). */
export const optionalNumber = {
  fromAttribute: (value: string | null) => {
    if (value === null || value.trim() === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  },
  toAttribute: (value: number | null) => (value === null ? null : String(value)),
};

/** Detail of the `zoom` event: the new x range, or null when reset to all the data. */
export interface ZoomEventDetail {
  xDomain: [number, number] | null;
}

/** Detail of the `overfit` event: the run's fit analysis, with the run's name when comparing runs. */
export type OverfitEventDetail = FitAnalysis & { run?: string };

/** One row of the tooltip. */
export interface TooltipRow {
  key: string;
  run: number;
  name: string;
  value: string;
  note: string;
}

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

/**
 * What `<loss-curve>` and `<overfit-gap>` share: the data properties, the fit analysis and its `overfit` event,
 * size tracking, run toggling, the keyboard crosshair, messages, notes and the screen-reader summary. Subclasses
 * lay out and draw the chart.
 */
export abstract class TrainingChart extends LitElement {
  // Reactive properties, declared here rather than with decorators: the decorator helpers weigh more in the bundle.
  static override properties: PropertyDeclarations = {
    train: { attribute: false },
    validation: { attribute: false },
    history: { attribute: false },
    runs: { attribute: false },
    metric: {},
    label: {},
    mode: {},
    patience: { type: Number, converter: optionalNumber },
    minDelta: { attribute: 'min-delta', converter: optionalNumber },
    startFrom: { attribute: 'start-from', converter: optionalNumber },
    baseline: { converter: optionalNumber },
    theme: { reflect: true },
    xDomain: { attribute: false },
    sync: {},
    xLabel: { attribute: 'x-label' },
    yLabel: { attribute: 'y-label' },
    logX: { attribute: 'log-x', type: Boolean, reflect: true },
    hiddenRuns: { state: true, attribute: false },
    crosshair: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    brush: { state: true, attribute: false },
  };

  /**
   * Training series: plain or typed array (epochs 1..n), `{step, value}[]`, or `{steps, values}`.
   * @default undefined
   */
  declare train: SeriesInput | null | undefined;

  /**
   * Validation series, in any form `train` accepts. Steps need not match the training steps.
   * @default undefined
   */
  declare validation: SeriesInput | null | undefined;

  /**
   * A Keras `history.history` dict (or the `History` object). Used when `train` and `validation` are unset: the
   * chart plots `history[metric]` and `history["val_" + metric]`. `null` values in it are read as NaN (JSON has no
   * NaN, so a history saved as JSON carries null where Keras printed nan).
   * @default undefined
   */
  declare history: KerasHistory | null | undefined;

  /**
   * Runs to compare, each `{name, train, validation}` or `{name, history}`: one color per run, a legend that
   * toggles runs, and per-run annotations. When set, `train`, `validation` and `history` are ignored.
   * @default undefined
   */
  declare runs: RunInput[] | null | undefined;

  /** The metric to plot from `history`, and the default y label. */
  metric = 'loss';

  /** The chart's accessible title. Default: "<Metric> curves" (`<loss-curve>`) or "<Metric> generalization gap". */
  label: string | null = null;

  /** Which direction is better: `min`, `max`, or `auto` (max for accuracy-like metric names). Default `auto`. */
  mode: 'auto' | 'min' | 'max' = 'auto';

  /**
   * Validation checks without improvement before an onset is called and EarlyStopping would stop. Default 5:
   * Keras's 0 flags the first wiggle of a noisy validation curve, Lightning's 3 still trips on typical noise.
   */
  patience: number | null = null;

  /** Minimum change that counts as an improvement (Keras `min_delta`). Default 0. */
  minDelta: number | null = null;

  /** Validation checks to skip before monitoring (Keras `start_from_epoch`). Default 0. */
  startFrom: number | null = null;

  /** Keras `baseline`: the value validation must beat before the wait counter resets. Default none. */
  baseline: number | null = null;

  /** Color theme: `auto` follows `prefers-color-scheme`; `light` or `dark` force one. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /**
   * The x range shown, `[from, to]` in steps (epochs), or null for all the data. Users change it by dragging across
   * the plot, the wheel, pinching, or the keys + / − / Alt+arrows (double-click, Escape or 0 resets), and each change
   * fires `zoom`; set it to zoom from code, for example to keep several charts in step. Either order is read as a
   * range; anything but two different finite numbers shows all the data (with a console warning).
   */
  xDomain: [number, number] | null = null;

  /**
   * Charts on the page with the same `sync` value (`<loss-curve>` and `<overfit-gap>` alike) share the x range (the
   * union of their data's), the plot's left edge, the zoom and the crosshair's step: stacked at the same width, they
   * put a step at the same x pixel, and zooming or hovering one shows the same in the others. Empty or null: none.
   */
  sync: string | null = null;

  /** X axis label. Default: `epoch` for array or history input, `step` for step-indexed input. */
  xLabel: string | null = null;

  /** Y axis label. Default: the metric name (`<loss-curve>`), "<metric> gap" (`<overfit-gap>`). */
  yLabel: string | null = null;

  /** Logarithmic x axis. Steps ≤ 0 are left out with a note. */
  logX = false;

  // Read by the shared data preparation; `<loss-curve>` exposes them as properties.
  logY = false;
  smoothing = 0;

  /** Runs toggled off in the legend, by index. */
  protected hiddenRuns: ReadonlySet<number> = new Set();
  /** Index into `crosshairSteps()` where the crosshair is, or -1. */
  protected crosshair = -1;
  /** The step the crosshair is on: what it keeps when zoom, hidden runs or data change the list of stops. */
  #crosshairStep = NaN;
  /** Text for screen readers after a keyboard move. */
  protected announcement = '';
  /** Pixel range of the zoom selection while dragging, or null. */
  protected brush: [number, number] | null = null;
  #drag: { pointer: number; start: number } | null = null;
  #touches = new Map<number, number>();
  #pinch: { distance: number; domain: Domain | null; center: number } | null = null;

  protected prepared: PreparedCurves = prepareCurves({});
  protected readonly size: SizeController = new SizeController(this, (): Element | null => this.renderRoot?.querySelector?.('.chart') ?? null);
  /** The chart's `sync` group: layout options, zoom and crosshair shared with the charts in it. */
  protected readonly syncing = new SyncController(this, { extent: () => this.syncExtent(), showStep: (step) => this.#followCrosshair(step) });
  /** Last onset seen per run name, to fire `overfit` once per change. */
  #onsets = new Map<string, number | null>();
  /** Run names by index at the last preparation, to keep hidden runs hidden across new data. */
  #hiddenNames: string[] = [];
  /** Whether points were appended since the data was last assigned (they exist only in `prepared`). */
  #live = false;
  /** The data properties' values when the data was last prepared: a difference means new data awaits the next update. */
  #preparedFrom: unknown[] = [];
  /** Appends made while new data awaited preparation, applied right after it. */
  #queued: Array<[unknown, unknown, string | number]> = [];
  /**
   * Points were appended since the last render. A plain field, not `#appended`: `requestUpdate('appended')` makes
   * Lit compare it by name.
   */
  private appended = false;
  /** The pending animation frame of coalesced appends. */
  #frame = 0;
  /** An append was drawn in the current frame: later ones wait for the next. */
  #renderedThisFrame = false;
  /** Appends wait for the next frame. */
  #appendPending = false;

  /** The tag, for warnings. */
  protected abstract get tag(): string;

  /** Lays out the chart for the current size; called from `willUpdate` when `layoutKey()` changed. */
  protected abstract layoutChart(): void;

  /**
   * What the layout depends on. A render whose key is unchanged (a crosshair move, a tooltip, a focus ring) keeps
   * the layout it has; subclasses add their own options.
   */
  protected layoutKey(): unknown[] {
    const p = this.prepared;
    return [...this.syncing.key(), p, p.version, this.size.width, this.size.height, this.hiddenRuns, this.xDomain];
  }

  #lastLayoutKey: unknown[] = [];

  #relayout(): void {
    const key = this.layoutKey();
    if (key.length === this.#lastLayoutKey.length && key.every((k, i) => k === this.#lastLayoutKey[i])) return;
    this.#lastLayoutKey = key;
    this.layoutChart();
    if (!this.xDomain) this.#unzoomed = (this.pointerFrame()?.scale.domain() as Domain | undefined) ?? null;
  }

  /** The x range the chart showed when last unzoomed (a live chart's axis runs past its data): what zooming starts from. */
  #unzoomed: Domain | null = null;

  /** The current fit analysis: of the chart's data, or of the first visible run when comparing runs; null if none. */
  get analysis(): FitAnalysis | null {
    const runs = this.prepared.runs.filter((r) => !this.hiddenRuns.has(r.index));
    return (runs[0] ?? this.prepared.runs[0])?.analysis ?? null;
  }

  /** The fit analysis of every run, in order (one entry without `runs`). */
  get analyses(): FitAnalysis[] {
    return this.prepared.runs.map((r) => r.analysis);
  }

  /** The text summary of the chart given to screen readers (with the fit analysis in words). */
  get summary(): string {
    return this.describe(this.prepared);
  }

  /** The summary for the prepared data; subclasses describe their chart. */
  protected describe(p: PreparedCurves): string {
    return p.summary;
  }

  /** Shows or hides a run of a comparison by name or index, as the legend buttons do. */
  toggleRun(run: string | number, visible?: boolean): void {
    const index = typeof run === 'number' ? run : this.prepared.runs.findIndex((r) => r.name === run);
    if (index < 0 || index >= this.prepared.runs.length) return;
    const hidden = new Set(this.hiddenRuns);
    const show = visible ?? hidden.has(index);
    if (show) hidden.delete(index);
    else hidden.add(index);
    this.hiddenRuns = hidden;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('xDomain') && this.xDomain != null) {
      // From code, either order is a range; anything else shows all the data.
      const d = readDomain(this.xDomain);
      if (!d) warnOnce(this.tag, 'xDomain: expected [from, to], two different finite steps; showing all the data.');
      if (!d || d[0] !== this.xDomain[0] || d[1] !== this.xDomain[1]) this.xDomain = d;
    }
    try {
      // A bare requestUpdate() (empty `changed`) means "the data changed in place": prepare it again.
      if (DATA_PROPS.some((p) => changed.has(p)) || !this.hasUpdated || changed.size === 0) {
        this.#prepare(changed);
        this.#preparedFrom = DATA_PROPS.map((key) => this[key]);
      }
      // Points appended while new data waited for this update belong after that data.
      for (const [train, validation, run] of this.#queued.splice(0)) {
        this.#append(train, validation, run);
        this.#live = true;
      }
      this.#relayout();
      this.#keepCrosshair(DATA_PROPS.some((p) => changed.has(p)) || changed.size === 0);
    } catch (error) {
      // Unreachable for any input we know of; kept so that a bug of ours never breaks the host page.
      this.prepared = { ...prepareCurves({}), message: 'This data could not be drawn.' };
      this.#lastLayoutKey = [];
      this.layoutChart();
      warnOnce(this.tag, `could not draw the data: ${(error as Error)?.message ?? error}`);
    }
  }

  /**
   * When only `train`/`validation` changed and each new series holds the points the chart already has (a new array
   * object with the same numbers, or with new points after them), keeps the prepared data and appends the new
   * points: O(n) comparison instead of preparing everything again. Returns whether it handled the change.
   */
  #reuse(changed: PropertyValues<this>): boolean {
    const keys = [...changed.keys()];
    if (!this.hasUpdated || this.#live || this.runs || !keys.length || !keys.every((k) => k === 'train' || k === 'validation')) return false;
    const run = this.prepared.runs[0];
    if (!run || this.prepared.multi) return false;
    const tails: Record<string, unknown> = {};
    for (const key of keys as Array<'train' | 'validation'>) {
      const line = run.lines.find((l) => l.key === key);
      const input = this[key];
      if (!line || input == null) return false;
      const delta = inputDelta(line.series, input);
      if (delta.kind === 'other') return false;
      if (delta.kind === 'extends') tails[key] = delta.tail;
    }
    if (tails.train || tails.validation) {
      this.#append(tails.train, tails.validation, 0);
    }
    return true;
  }

  #prepare(changed: PropertyValues<this>): void {
    if (this.#reuse(changed)) return;
    // Appended points live only in the prepared data: when only options changed, keep them by preparing from it.
    const replaced = changed.has('train') || changed.has('validation') || changed.has('history') || changed.has('runs') || changed.size === 0;
    if (replaced) this.#live = false;
    const current = this.#live ? this.#currentData() : null;
    // The data properties are prepareCurves's options, by the same names.
    const input: Record<string, unknown> = {};
    for (const key of DATA_PROPS) input[key] = this[key];
    if (current) {
      input.train = input.validation = input.history = undefined;
      input.runs = current;
    }
    input.smoothing = Number(this.smoothing);
    this.prepared = prepareCurves(input as CurveInput);
    if (current && !this.runs) this.prepared.multi = false;
    this.adjustPrepared(this.prepared);
    this.#warn(this.prepared.issues);

    if (changed.has('runs') && this.hiddenRuns.size) {
      // New data for the same runs (a live dashboard reassigning `runs`) keeps the runs the user hid.
      const names = new Set([...this.hiddenRuns].map((i) => this.#hiddenNames[i]));
      this.hiddenRuns = new Set(this.prepared.runs.filter((r) => names.has(r.name)).map((r) => r.index));
    }
    this.#hiddenNames = this.prepared.runs.map((r) => r.name);
  }

  #moveCrosshair(index: number): void {
    this.crosshair = index;
    const steps = this.crosshairSteps();
    this.#crosshairStep = index >= 0 && index < steps.length ? steps[index] : NaN;
    this.syncing.crosshair(this.#crosshairStep);
  }

  /** Shows the crosshair at the stop nearest a step another chart of the `sync` group shows, or hides it. */
  #followCrosshair(step: number): void {
    const steps = this.crosshairSteps();
    const inside = steps.length > 0 && step >= steps[0] && step <= steps[steps.length - 1];
    this.crosshair = inside ? nearestIndex(steps, step) : -1;
    this.#crosshairStep = inside ? steps[this.crosshair] : NaN;
  }

  /** The x range of the chart's own data, which it shares with its `sync` group. */
  protected syncExtent(): Domain | null {
    return linesExtent(this.prepared, this.hiddenRuns);
  }

  /**
   * Puts the crosshair back on its step after the stops changed, only while it is shown: after a zoom or a toggled
   * run, on the nearest stop; after new data, only if its step is still there (else it goes away).
   */
  #keepCrosshair(newData: boolean): void {
    if (this.crosshair < 0) return;
    const steps = this.crosshairSteps();
    let index = steps.length ? nearestIndex(steps, this.#crosshairStep) : -1;
    if (newData && index >= 0 && steps[index] !== this.#crosshairStep) index = -1;
    if (index !== this.crosshair) this.crosshair = index;
    if (index < 0) this.#crosshairStep = NaN;
  }

  /** The current data of every run (including appended points), as runs input. */
  #currentData(): RunInput[] {
    return this.prepared.runs.map((r) => {
      const line = (key: string) => r.lines.find((l) => l.key === key)?.series ?? null;
      return { name: r.name, train: line('train'), validation: line('validation') };
    });
  }

  /**
   * One console warning per cause: keyed by code and series (the message up to its first colon, such as
   * "appendPoints train", else its first word), since counts in the text change as data arrive.
   */
  #warn(issues: ReadonlyArray<{ code: string; message: string }>): void {
    for (const { code, message } of issues) warnOnce(this.tag, message, `${code}:${message.includes(':') ? message.split(':')[0] : message.split(' ')[0]}`);
  }

  /**
   * Appends points during live training, in O(appended points): `train` and `validation` take any series form
   * (plain arrays continue the epochs after the last one); `run` names the run of a comparison (name or index;
   * default the first). Many appends within one frame are drawn once, at the next animation frame. The fit
   * analysis updates too, and `overfit` fires when the onset appears or moves. Assigning `train`, `validation`,
   * `history` or `runs` replaces all data, appended points included; points appended right after such an assignment
   * (before the chart has drawn it) are appended to the new data. A batch that cannot be read is left out with a
   * console warning and a note under the chart.
   *
   * Named `appendPoints` because `append` is the DOM method that adds child nodes.
   *
   * @example
   * chart.appendPoints({ steps: [1200, 1300], values: [0.41, 0.40] }, { steps: [1300], values: [0.52] });
   */
  appendPoints(train?: SeriesInput | null, validation?: SeriesInput | null, run: string | number = 0): void {
    // Data assigned in this task is prepared at the next update: the points wait for it, to be appended after it.
    if (DATA_PROPS.some((key, i) => !Object.is(this[key], this.#preparedFrom[i]))) {
      this.#queued.push([train, validation, run]);
      this.requestUpdate('appended');
      return;
    }
    this.#append(train, validation, run);
    this.#live = true;
    this.#scheduleAppendRender();
  }

  /** Appends to the prepared data and warns about what was left out; the caller schedules the render. */
  #append(train: unknown, validation: unknown, run: string | number): void {
    try {
      const issues = appendPointsTo(this.prepared, run, train, validation);
      this.adjustPrepared(this.prepared);
      this.#warn(issues);
      this.#warn(this.prepared.issues);
      this.appended = true;
    } catch (error) {
      warnOnce(this.tag, `could not append the points: ${(error as Error)?.message ?? error}`);
    }
  }

  /**
   * Draws appended points: the first append of a frame at once (in this task's microtasks, so its points are painted
   * in the current frame), later ones of the same frame together at the next animation frame. A burst of appends
   * thus costs at most one render per frame, and a lone append is painted without a frame of delay.
   */
  #scheduleAppendRender(): void {
    if (typeof requestAnimationFrame !== 'function') {
      this.requestUpdate('appended');
      return;
    }
    if (!this.#renderedThisFrame) {
      this.#renderedThisFrame = true;
      this.requestUpdate('appended');
    } else this.#appendPending = true;
    if (this.#frame === 0) this.#frame = requestAnimationFrame(this.#onFrame);
  }

  #onFrame = (): void => {
    this.#frame = 0;
    this.#renderedThisFrame = false;
    if (!this.#appendPending) return;
    this.#appendPending = false;
    this.#renderedThisFrame = true;
    this.requestUpdate('appended');
    this.#frame = requestAnimationFrame(this.#onFrame);
  };

  /** A hook for subclasses to adjust the prepared data (titles, say). */
  protected adjustPrepared(_prepared: PreparedCurves): void {}

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (DATA_PROPS.some((p) => changed.has(p)) || this.appended || changed.size === 0) this.#fireOverfit();
    this.appended = false;
    // Every render draws all the data there is: appends waiting for the next frame are drawn already.
    this.#appendPending = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#frame) cancelAnimationFrame(this.#frame);
    // A pending append is drawn when the element is connected again.
    if (this.#appendPending) this.requestUpdate('appended');
    this.#frame = 0;
    this.#appendPending = false;
    this.#renderedThisFrame = false;
  }

  /** Fires `overfit` for each run whose onset appeared or moved since the last data change. */
  #fireOverfit(): void {
    const seen = new Set<string>();
    for (const run of this.prepared.runs) {
      const key = `${run.index}:${run.name}`;
      seen.add(key);
      const onset = run.analysis.onset;
      const before = this.#onsets.get(key) ?? null;
      this.#onsets.set(key, onset);
      if (onset === null || onset === before) continue;
      const detail: OverfitEventDetail = this.prepared.multi ? { ...run.analysis, run: run.name } : run.analysis;
      this.dispatchEvent(new CustomEvent<OverfitEventDetail>('overfit', { detail, bubbles: true, composed: true }));
    }
    for (const key of [...this.#onsets.keys()]) if (!seen.has(key)) this.#onsets.delete(key);
  }

  /** + / = zoom in and − zoom out around the crosshair, Alt+arrows pan, 0 resets. Returns whether it handled the key. */
  #zoomKey(event: KeyboardEvent): boolean {
    const frame = this.pointerFrame();
    const full = this.dataDomain();
    if (!frame || !full) return false;
    const steps = this.crosshairSteps();
    const at = this.crosshair >= 0 && this.crosshair < steps.length ? frame.scale(steps[this.crosshair]) : undefined;
    const announce = () => {
      const d = this.xDomain;
      // Whole steps unless the range is narrower than a few.
      const at = (v: number) => formatStep(d && d[1] - d[0] >= 10 ? Math.round(v) : v);
      this.announcement = d ? `Zoomed to ${at(d[0])} – ${at(d[1])}` : 'Zoom reset';
    };
    switch (event.key) {
      case '+':
      case '=':
        this.#zoomBy(0.5, at);
        break;
      case '-':
      case '_':
        this.#zoomBy(2, at);
        break;
      case '0':
        this.zoomTo(null);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (!event.altKey) return false;
        this.zoomTo(panDomain(this.xDomain, full, event.key === 'ArrowLeft' ? -0.25 : 0.25, this.prepared.logX));
        break;
      default:
        return false;
    }
    announce();
    return true;
  }

  /** The zoom selection while dragging, and the reset button while zoomed. */
  protected renderZoomControls(): unknown {
    const b = this.brush;
    return html`${b ? html`<div part="zoom-brush" class="zoom-brush" style="left:${Math.min(b[0], b[1])}px;width:${Math.abs(b[1] - b[0])}px"></div>` : nothing}
    ${
      this.xDomain
        ? html`<button part="zoom-reset" class="zoom-reset" type="button" @click=${this.#resetZoom} @dblclick=${(e: Event) => e.stopPropagation()}>
          Reset zoom
        </button>`
        : nothing
    }`;
  }

  protected fontSize(): number {
    const px = parseFloat(getComputedStyle(this).fontSize);
    return Number.isFinite(px) && px > 0 ? px : 12;
  }

  /** The legend: plain entries for a single run, toggle buttons (aria-pressed) for a comparison. */
  protected renderLegend(entries: Array<{ key: string; run: number; name: string }>): TemplateResult {
    const p = this.prepared;
    if (p.multi) {
      return html`<div part="legend" class="legend" role="group" aria-label="Runs">
        ${p.runs.map((r) => {
          const on = !this.hiddenRuns.has(r.index);
          return html`<button
            part="legend-item"
            class="legend-item run run-${r.index % 8}"
            type="button"
            aria-pressed=${on ? 'true' : 'false'}
            title=${on ? `Hide ${r.name}` : `Show ${r.name}`}
            @click=${() => this.toggleRun(r.index)}
          >
            <svg class="swatch" viewBox="0 0 24 10" aria-hidden="true"><line x1="0" x2="24" y1="5" y2="5" class="line validation run"></line></svg>${r.name}
          </button>`;
        })}
        ${this.renderLegendKey()}
      </div>`;
    }
    return html`<div part="legend" class="legend" aria-hidden="true">
      ${entries.map(
        (e) => html`<span part="legend-item" class="legend-item ${e.key}">
          <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line ${e.key}"></line></svg>
          ${e.name}
        </span>`,
      )}
    </div>`;
  }

  /** Extra legend content after the run buttons (the line-style key). */
  protected renderLegendKey(): unknown {
    return nothing;
  }

  /**
   * The focusable chart area with the subclass's drawing, the message, and the tooltip. Lit calls the listeners
   * with the element as `this`.
   */
  #renderFrame(chart: unknown, tooltip: unknown): TemplateResult {
    const p = this.prepared;
    return html`<div
      part="chart"
      class="chart"
      role="figure"
      tabindex="0"
      aria-label=${p.title}
      aria-describedby="summary"
      @pointermove=${this.#onPointerMove}
      @pointerdown=${this.#onPointerDown}
      @pointerup=${this.#onPointerUp}
      @pointercancel=${this.#onPointerUp}
      @pointerleave=${this.#hideCrosshair}
      @wheel=${this.#onWheel}
      @dblclick=${this.#resetZoom}
      @keydown=${this.#onKeyDown}
      @blur=${this.#hideCrosshair}
    >
      ${chart} ${p.message ? html`<div part="message" class="message" role="status">${p.message}</div>` : nothing} ${tooltip}
      ${p.message ? nothing : this.renderZoomControls()}
    </div>`;
  }

  /**
   * The element's whole body: legend, the focusable chart with its tooltip (beside the crosshair, on the side away
   * from the plot's middle), notes and the screen-reader text. `frame` is null before layout.
   */
  protected renderBody(
    entries: Array<{ key: string; run: number; name: string }>,
    chart: unknown,
    frame: { x: (step: number) => number; width: number; mid: number } | null,
  ): TemplateResult {
    const rows = frame && this.crosshair >= 0 ? this.tooltipRows(this.crosshair) : null;
    const x = rows && frame ? frame.x(this.crosshairSteps()[this.crosshair]) : 0;
    return html`<div part="base" class="base">
      ${this.renderLegend(entries)} ${this.#renderFrame(chart, frame ? this.#renderTooltip(rows, x, frame.width, frame.mid) : nothing)}
      ${this.#renderFooter()}
    </div>`;
  }

  /** Notes about left-out data, the screen-reader summary and the live region. */
  #renderFooter(): TemplateResult {
    const p = this.prepared;
    const summary = this.describe(p);
    const notices = p.message ? [] : [...p.notices, ...this.layoutNotices()];
    return html`${
      notices.length
        ? html`<ul part="notice" class="notice">
            ${notices.map((n) => html`<li>${n}</li>`)}
          </ul>`
        : nothing
    }
      <p id="summary" class="sr-only">${summary} ${p.message ? '' : 'Use the arrow keys to read values.'}</p>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  /** The tooltip box: a title and one row per line, placed beside the crosshair at pixel `x`. */
  #renderTooltip(rows: { title: string; items: TooltipRow[] } | null, x: number, width: number, plotMid: number): TemplateResult {
    const style = rows ? (x > plotMid ? `right:${width - x + 10}px` : `left:${x + 10}px`) : '';
    // A comparison's swatches are drawn as the run's lines are (its color; in forced colors its dash pattern).
    const multi = this.prepared.multi ? 'run' : '';
    return html`<div part="tooltip" class="tooltip" ?hidden=${!rows} style=${style} aria-hidden="true">
      ${
        rows
          ? html`<div class="step">${rows.title}</div>
            ${rows.items.map(
              (r) => html`<div class="row ${r.key} ${multi} run-${r.run % 8}">
                <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line ${r.key} ${multi}"></line></svg>
                <span class="name">${r.name}</span> <b class="value">${r.value}</b>${r.note ? html` <span class="note">${r.note}</span>` : nothing}
              </div>`,
            )}`
          : nothing
      }
    </div>`;
  }

  /** Tooltip content at a crosshair stop: each visible line's value at its nearest step. */
  protected curveRows(index: number): { title: string; items: TooltipRow[] } {
    const p = this.prepared;
    const step = this.crosshairSteps()[index];
    const unit = p.indexed ? 'Epoch' : 'Step';
    const items = p.lines
      .filter((l) => !this.hiddenRuns.has(l.run))
      .map((l) => {
        const j = nearestIndex(l.series.steps, step);
        const at = l.series.steps[j];
        const raw = l.series.values[j];
        const shown = l.smoothed ? l.smoothed[j] : raw;
        const value = Number.isNaN(raw) && !l.series.nonFinite[j] ? '—' : formatValue(shown);
        const notes: string[] = [];
        if (l.smoothed && Number.isFinite(raw)) notes.push(`raw ${formatValue(raw)}`);
        const off = this.outsideNote(raw);
        if (off) notes.push(off);
        if (at !== step) notes.push(`at ${unit.toLowerCase()} ${formatStep(at)}`);
        return { key: l.key, run: l.run, name: l.name, value, note: notes.length ? `(${notes.join(', ')})` : '' };
      });
    return { title: `${unit} ${formatStep(step)}`, items };
  }

  /** Notes about the current layout (the y range), shown after the data's notes. */
  protected layoutNotices(): string[] {
    return [];
  }

  /** A tooltip note for a value the chart draws outside its y range ("above the y range"); '' when it is inside. */
  protected outsideNote(_value: number): string {
    return '';
  }

  /** The steps the crosshair stops at (every step of every line by default). */
  protected crosshairSteps(): ArrayLike<number> {
    return this.prepared.steps;
  }

  /** Tooltip rows at a crosshair stop; subclasses choose what they show. */
  protected abstract tooltipRows(index: number): { title: string; items: TooltipRow[] };

  /** The x scale and plot bounds of the current layout, for pointer positions and zoom; null before layout. */
  protected abstract pointerFrame(): { scale: NumericScale; x0: number; x1: number } | null;

  /**
   * The full x range: the visible data's, and the whole axis the chart shows unzoomed (a live chart's runs past the
   * data). Zooming stays inside it, and zooming out returns to it.
   */
  protected dataDomain(): Domain | null {
    let [lo, hi] = linesExtent(this.prepared, this.hiddenRuns) ?? [Infinity, -Infinity];
    const group = this.syncing.xExtent;
    if (group) [lo, hi] = [Math.min(lo, group[0]), Math.max(hi, group[1])];
    const shown = this.prepared.live && this.#unzoomed;
    if (shown && hi > lo) [lo, hi] = [Math.min(lo, shown[0]), Math.max(hi, shown[1])];
    return hi > lo ? [lo, hi] : null;
  }

  /** Sets the zoom from a user action and fires `zoom` when it changed. */
  protected zoomTo(domain: Domain | null): void {
    const same = domain === this.xDomain || (!!domain && !!this.xDomain && domain[0] === this.xDomain[0] && domain[1] === this.xDomain[1]);
    if (same) return;
    this.xDomain = domain;
    this.dispatchEvent(new CustomEvent<ZoomEventDetail>('zoom', { detail: { xDomain: domain }, bubbles: true, composed: true }));
  }

  /** Zooms by `factor` (< 1 in) around the step at pixel `px`, or around the middle. */
  #zoomBy(factor: number, px?: number): void {
    const frame = this.pointerFrame();
    const full = this.dataDomain();
    if (!frame || !full) return;
    const center = frame.scale.invert(px ?? (frame.x0 + frame.x1) / 2);
    this.zoomTo(zoomAround(this.xDomain ?? this.#unzoomed, full, center, factor, this.prepared.logX));
  }

  #localX(event: PointerEvent | WheelEvent | MouseEvent): number {
    return event.clientX - (event.currentTarget as HTMLElement).getBoundingClientRect().left;
  }

  #onPointerDown(event: PointerEvent): void {
    const frame = this.pointerFrame();
    if (!frame) return;
    const px = this.#localX(event);
    if (event.pointerType === 'touch') {
      this.#touches.set(event.pointerId, event.clientX);
      if (this.#touches.size === 2) {
        const [a, b] = [...this.#touches.values()];
        const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
        this.#pinch = { distance: Math.abs(a - b) || 1, domain: this.xDomain ?? this.#unzoomed, center: frame.scale.invert((a + b) / 2 - box.left) };
        this.#drag = null;
        this.brush = null;
      }
    } else if (event.button === 0 && px >= frame.x0 && px <= frame.x1) {
      this.#drag = { pointer: event.pointerId, start: px };
      try {
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
      } catch {
        // A synthetic event's pointer is not active and cannot be captured; the drag works without capture.
      }
    }
    this.#onPointerMove(event);
  }

  #onPointerMove(event: PointerEvent): void {
    const frame = this.pointerFrame();
    if (!frame) return;
    const px = Math.min(frame.x1, Math.max(frame.x0, this.#localX(event)));
    if (this.#pinch && this.#touches.has(event.pointerId)) {
      this.#touches.set(event.pointerId, event.clientX);
      const [a, b] = [...this.#touches.values()];
      const full = this.dataDomain();
      if (full) this.zoomTo(zoomAround(this.#pinch.domain, full, this.#pinch.center, this.#pinch.distance / (Math.abs(a - b) || 1), this.prepared.logX));
      return;
    }
    if (this.#drag?.pointer === event.pointerId && Math.abs(px - this.#drag.start) >= 3) this.brush = [this.#drag.start, px];
    const steps = this.crosshairSteps();
    if (!steps.length) return;
    const index = nearestIndex(steps, frame.scale.invert(px));
    if (index !== this.crosshair) this.#moveCrosshair(index);
  }

  #onPointerUp(event: PointerEvent): void {
    this.#touches.delete(event.pointerId);
    if (this.#touches.size < 2) this.#pinch = null;
    const frame = this.pointerFrame();
    const brush = this.brush;
    this.#drag = null;
    this.brush = null;
    if (!frame || !brush || Math.abs(brush[1] - brush[0]) < 5) return;
    const full = this.dataDomain();
    if (full) this.zoomTo(clampDomain([frame.scale.invert(brush[0]), frame.scale.invert(brush[1])], full, this.prepared.logX));
  }

  #onWheel(event: WheelEvent): void {
    const frame = this.pointerFrame();
    if (!frame || !this.dataDomain()) return;
    const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    const delta = horizontal ? event.deltaX : event.deltaY;
    if (!delta) return;
    event.preventDefault();
    // Lines are 16px or more per wheel notch; pixels from a trackpad. exp() keeps in-then-out symmetric.
    const scale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    if (horizontal || event.shiftKey) {
      const full = this.dataDomain()!;
      this.zoomTo(panDomain(this.xDomain, full, (delta * scale) / Math.max(1, frame.x1 - frame.x0), this.prepared.logX));
    } else this.#zoomBy(Math.exp(delta * scale * 0.002), this.#localX(event));
  }

  #resetZoom(): void {
    this.zoomTo(null);
  }

  #hideCrosshair(): void {
    this.crosshair = -1;
    this.syncing.crosshair(NaN);
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.target !== event.currentTarget) return;
    if (this.#zoomKey(event)) {
      event.preventDefault();
      return;
    }
    const next = crosshairKey(event.key, event.shiftKey, this.crosshair, this.crosshairSteps().length);
    if (next === null) return;
    event.preventDefault();
    this.#moveCrosshair(next);
    if (next < 0) {
      this.announcement = '';
      this.zoomTo(null);
    } else {
      const rows = this.tooltipRows(next);
      this.announcement = `${rows.title}: ${rows.items.map((r) => `${r.name} ${r.value}`).join(', ')}`;
    }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    overfit: CustomEvent<OverfitEventDetail>;
    zoom: CustomEvent<ZoomEventDetail>;
  }
}
