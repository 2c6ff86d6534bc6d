import { LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { FitAnalysis } from '../../core/analyze-fit.js';
import type { KerasHistory } from '../../core/history.js';
import { CURVE_TEXTS, type CurveTexts, type PreparedCurves, type RunInput } from '../../core/prepare-curves.js';
import type { SeriesInput } from '../../core/series.js';
import { warnOnce } from '../../core/warn.js';
import { readDomain, type Domain } from '../../core/zoom.js';
import { FormatCache, type ChartFormats } from './chart-formats.js';
import { footerTemplate, frameTemplate, legendTemplate, tooltipTemplate, type FrameListeners, type LegendEntry, type TooltipRows } from './chart-templates.js';
import { optionalNumber } from './converters.js';
import { CrosshairController } from './crosshair-controller.js';
import { DataController } from './data-controller.js';
import { OnsetWatch, fire } from './events.js';
import { plotX } from './plot-pointer.js';
import { SizeController } from './size-controller.js';
import { SyncController, linesExtent } from './sync-controller.js';
import { ZoomController, type PlotFrame } from './zoom-controller.js';

/**
 * What `<loss-curve>` and `<overfit-gap>` share: the data properties, the fit analysis and its `overfit` event,
 * size tracking, run toggling, the keyboard crosshair, messages, notes and the screen-reader summary. Subclasses
 * lay out and draw the chart; controllers do the rest (data, zoom, crosshair, size, sync).
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
    maxStep: { attribute: 'max-step', converter: optionalNumber },
    xLabel: { attribute: 'x-label' },
    yLabel: { attribute: 'y-label' },
    logX: { attribute: 'log-x', type: Boolean, reflect: true },
    xFormat: { attribute: 'x-format' },
    yFormat: { attribute: 'y-format' },
    curve: {},
    hiddenRuns: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
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

  /**
   * The planned length of the run (the last epoch or step): the unzoomed x axis spans at least to it, so that a live
   * chart does not rescale with every epoch (as `model.fit(epochs=...)` knows from the start). Data beyond it widens
   * the axis as usual; charts of a `sync` group share it. Null (default): the axis fits the data.
   */
  maxStep: number | null = null;

  /** X axis label. Default: `epoch` for array or history input, `step` for step-indexed input. */
  xLabel: string | null = null;

  /** Y axis label. Default: the metric name (`<loss-curve>`), "<metric> gap" (`<overfit-gap>`). */
  yLabel: string | null = null;

  /** Logarithmic x axis (attribute `log-x`, present means on). Steps ≤ 0 are left out with a note. */
  logX = false;

  /**
   * How x values are written: the x axis's tick labels, and the step in the tooltip and in keyboard announcements. A
   * [d3-format](https://d3js.org/d3-format) specifier (attribute `x-format`), such as `~s` (20k, 1.5M) or `,` (20,000),
   * or, as a property, a function from a number to its text. Unset: the default labels (SI from 10,000 up on the
   * axis; whole steps with thousands separators in the tooltip). An invalid specifier falls back to the default with
   * one console warning; a function that throws or returns nothing leaves that label in the default format.
   * @default null
   */
  xFormat: string | ((value: number) => string) | null = null;

  /**
   * How y values are written: the y axis's tick labels and the tooltip's values (in `<overfit-gap>`, the gap, its
   * badge value and the tooltip's training and validation values). A d3-format specifier (attribute `y-format`),
   * such as `.0%` (0.4 as "40%"), `.2e` or `~s`, or, as a property, a function from a number to its text. Unset:
   * the default labels, and values to 4 significant digits in the tooltip. An invalid specifier falls back to the
   * default with one console warning. NaN and ±∞ are always written NaN, ∞ and −∞.
   * @default null
   */
  yFormat: string | ((value: number) => string) | null = null;

  /**
   * How lines are drawn between their points: `linear` (straight segments), `step` (d3's `curveStepAfter`: a logged
   * value holds until the next one) or `monotone` (d3's `curveMonotoneX`: smooth, without overshooting the values).
   * Every curve passes through every drawn point, so decimated data keeps each pixel column's extremes. Unset:
   * `linear` in `<loss-curve>`; in `<overfit-gap>`, steps where validation is sparse (see its description), else
   * `linear`. An unknown name falls back to that default with one console warning.
   * @default null
   */
  curve: 'linear' | 'step' | 'monotone' | null = null;

  /** Runs toggled off in the legend, by index. */
  protected hiddenRuns: ReadonlySet<number> = new Set();
  /** Text for screen readers after a keyboard move. */
  protected announcement = '';

  /** The tag, for warnings. */
  protected abstract get tag(): string;

  protected readonly data = new DataController(this, {
    tag: () => this.tag,
    texts: this.defaultTexts,
    hidden: () => this.hiddenRuns,
    setHidden: (hidden) => {
      this.hiddenRuns = hidden;
    },
    drawn: () => this.#onsets.check(this, this.prepared),
  });
  protected readonly size: SizeController = new SizeController(this, (): Element | null => this.renderRoot?.querySelector?.('.chart') ?? null);
  /** The chart's `sync` group: layout options, zoom and crosshair shared with the charts in it. */
  protected readonly syncing = new SyncController(this, { extent: () => this.#withPlanned(this.syncExtent()), showStep: (step) => this.pointing.follow(step) });
  protected readonly zooming = new ZoomController(this, {
    frame: () => this.pointerFrame(),
    full: () => this.dataDomain(),
    log: () => this.prepared.logX,
    crosshairX: () => {
      const step = this.pointing.step;
      return Number.isNaN(step) ? undefined : this.pointerFrame()?.scale(step);
    },
    announce: (text) => {
      this.announcement = text;
    },
  });
  protected readonly pointing = new CrosshairController(this, {
    steps: () => this.crosshairSteps(),
    frame: () => this.pointerFrame(),
    share: (step) => this.syncing.crosshair(step),
  });
  readonly #onsets = new OnsetWatch();
  readonly #formats = new FormatCache();

  /** The default title and y label, when `label` and `yLabel` are unset (read once, when the chart is created). */
  protected get defaultTexts(): CurveTexts {
    return CURVE_TEXTS;
  }

  /** `xFormat`, `yFormat` and `curve` as read (invalid ones warned about and replaced by the defaults). */
  protected get formats(): ChartFormats {
    return this.#formats.get(this.xFormat, this.yFormat, this.curve, this.tag);
  }

  /** What the chart shows instead of a drawing, or null when it draws; subclasses add their own reasons. */
  protected message(): string | null {
    return this.prepared.message;
  }

  /** The prepared data the chart draws. */
  protected get prepared(): PreparedCurves {
    return this.data.prepared;
  }

  /** Index into `crosshairSteps()` where the crosshair is, or -1. */
  protected get crosshair(): number {
    return this.pointing.index;
  }

  /** Lays out the chart for the current size; called from `willUpdate` when `layoutKey()` changed. */
  protected abstract layoutChart(): void;

  /**
   * What the layout depends on. A render whose key is unchanged (a crosshair move, a tooltip, a focus ring) keeps
   * the layout it has; subclasses add their own options.
   */
  protected layoutKey(): unknown[] {
    const p = this.prepared;
    return [
      ...this.syncing.key(),
      p,
      p.version,
      this.size.width,
      this.size.height,
      this.hiddenRuns,
      this.xDomain,
      this.xFormat,
      this.yFormat,
      this.curve,
      this.maxStep,
    ];
  }

  #lastLayoutKey: unknown[] = [];

  #relayout(): void {
    const key = this.layoutKey();
    if (key.length === this.#lastLayoutKey.length && key.every((k, i) => k === this.#lastLayoutKey[i])) return;
    this.#lastLayoutKey = key;
    this.layoutChart();
    if (!this.xDomain) this.zooming.unzoomed = (this.pointerFrame()?.scale.domain() as Domain | undefined) ?? null;
  }

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

  /**
   * Shows or hides a run of a comparison by name or index, as the legend buttons do (toggles it without `visible`).
   * Fires `run-toggle` when the run was shown and is now hidden, or the other way round.
   */
  toggleRun(run: string | number, visible?: boolean): void {
    const index = typeof run === 'number' ? run : this.prepared.runs.findIndex((r) => r.name === run);
    const target = this.prepared.runs[index];
    if (!target) return;
    const shown = !this.hiddenRuns.has(index);
    const show = visible ?? !shown;
    if (show === shown) return;
    const hidden = new Set(this.hiddenRuns);
    if (show) hidden.delete(index);
    else hidden.add(index);
    this.hiddenRuns = hidden;
    fire(this, 'run-toggle', { run: target.name, index, visible: show });
  }

  /**
   * Appends points during live training, in O(appended points): `train` and `validation` take any series form
   * (plain arrays continue the epochs after the last one); `run` names the run of a comparison (name or index;
   * default the first). Many appends within one frame are drawn once, at the next animation frame. The fit
   * analysis updates too, and `overfit` fires when the onset appears, moves or goes away. Assigning `train`,
   * `validation`, `history` or `runs` replaces all data, appended points included; points appended right after such
   * an assignment (before the chart has drawn it) are appended to the new data. A batch that cannot be read is left
   * out with a console warning and a note under the chart.
   *
   * Named `appendPoints` because `append` is the DOM method that adds child nodes.
   *
   * @example
   * chart.appendPoints({ steps: [1200, 1300], values: [0.41, 0.40] }, { steps: [1300], values: [0.52] });
   */
  appendPoints(train?: SeriesInput | null, validation?: SeriesInput | null, run: string | number = 0): void {
    this.data.append(train, validation, run);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('xDomain') && this.xDomain != null) {
      // From code, either order is a range; anything else shows all the data.
      const d = readDomain(this.xDomain);
      if (!d) warnOnce(this.tag, 'xDomain: expected [from, to], two different finite steps; showing all the data.');
      if (!d || d[0] !== this.xDomain[0] || d[1] !== this.xDomain[1]) this.xDomain = d;
    }
    // A new size reads the font size with it; a theme or a bare request (styles changed?) reads it again.
    if (changed.size === 0 || changed.has('theme')) this.size.fontSize = 0;
    try {
      const newData = this.data.update(changed);
      this.#relayout();
      this.pointing.keep(newData);
    } catch (error) {
      // Unreachable for any input we know of; kept so that a bug of ours never breaks the host page.
      this.data.fail('This data could not be drawn.');
      this.#lastLayoutKey = [];
      this.layoutChart();
      warnOnce(this.tag, `could not draw the data: ${(error as Error)?.message ?? error}`);
    }
  }

  /**
   * The host's font size in px, which sizes margins, label rows and text fits. Read with each new size, on a theme
   * change and on a bare `requestUpdate()`, and kept otherwise: reading computed style while other charts on the page
   * have pending DOM writes makes the browser recalculate their style on the spot, which on a page of charts appended
   * every round cost more than the chart's layout itself.
   */
  protected fontSize(): number {
    return this.size.fontSize || this.size.readFontSize();
  }

  /** The chart area's listeners: pointer and wheel (zoom and crosshair), double-click (reset), keys. */
  readonly #listeners: FrameListeners = {
    pointermove: (event) => {
      const frame = this.pointerFrame();
      if (!frame) return;
      const px = Math.min(frame.x1, Math.max(frame.x0, plotX(event, event.currentTarget as Element)));
      if (!this.zooming.pointerMove(event, px)) this.pointing.pointAt(px);
    },
    pointerdown: (event) => {
      const frame = this.pointerFrame();
      if (!frame) return;
      this.zooming.pointerDown(event, frame);
      this.#listeners.pointermove(event);
    },
    pointerup: (event) => this.zooming.pointerUp(event),
    pointerleave: () => this.pointing.hide(),
    wheel: (event) => this.zooming.wheel(event),
    dblclick: () => this.zooming.reset(),
    keydown: (event) => {
      if (event.target !== event.currentTarget) return;
      if (this.zooming.key(event)) {
        event.preventDefault();
        return;
      }
      const next = this.pointing.key(event);
      if (next === null) return;
      event.preventDefault();
      if (next < 0) {
        this.announcement = '';
        this.zooming.zoomTo(null);
      } else {
        const rows = this.tooltipRows(next);
        this.announcement = `${rows.title}: ${rows.items.map((r) => `${r.name} ${r.value}`).join(', ')}`;
      }
    },
  };

  /**
   * The element's whole body: legend, the focusable chart with its tooltip (beside the crosshair, on the side away
   * from the plot's middle), notes and the screen-reader text. `frame` is null before layout.
   */
  protected renderBody(
    entries: readonly LegendEntry[],
    chart: unknown,
    frame: { x: (step: number) => number; width: number; mid: number } | null,
  ): TemplateResult {
    const p = this.prepared;
    const message = this.message();
    const rows = frame && this.crosshair >= 0 ? this.tooltipRows(this.crosshair) : null;
    const x = rows && frame ? frame.x(this.crosshairSteps()[this.crosshair]) : 0;
    const tooltip = frame ? tooltipTemplate(rows, x, frame.width, frame.mid, p.multi) : null;
    return html`<div part="base" class="base">
      ${legendTemplate(p, entries, this.hiddenRuns, (i) => this.toggleRun(i), this.renderLegendKey())}
      ${frameTemplate(p, message, this.#listeners, chart, tooltip, this.zooming.render())}
      ${footerTemplate(p, message, this.describe(p), this.layoutNotices(), this.announcement)}
    </div>`;
  }

  /** Extra legend content after the run buttons (the line-style key). */
  protected renderLegendKey(): unknown {
    return null;
  }

  /** Notes about the current layout (the y range), shown after the data's notes. */
  protected layoutNotices(): string[] {
    return [];
  }

  /** The steps the crosshair stops at (every step of every line by default). */
  protected crosshairSteps(): ArrayLike<number> {
    return this.prepared.steps;
  }

  /** Tooltip rows at a crosshair stop; subclasses choose what they show. */
  protected abstract tooltipRows(index: number): TooltipRows;

  /** The x scale and plot bounds of the current layout, for pointer positions and zoom; null before layout. */
  protected abstract pointerFrame(): PlotFrame | null;

  /**
   * The full x range: the visible data's, and the whole axis the chart shows unzoomed (a live chart's runs past the
   * data). Zooming stays inside it, and zooming out returns to it.
   */
  protected dataDomain(): Domain | null {
    let [lo, hi] = linesExtent(this.prepared, this.hiddenRuns) ?? [Infinity, -Infinity];
    const group = this.#withPlanned(this.syncing.xExtent);
    if (group) [lo, hi] = [Math.min(lo, group[0]), Math.max(hi, group[1])];
    const shown = this.prepared.live && this.zooming.unzoomed;
    if (shown && hi > lo) [lo, hi] = [Math.min(lo, shown[0]), Math.max(hi, shown[1])];
    return hi > lo ? [lo, hi] : null;
  }

  /**
   * The layout's options from the `sync` group (the plot's left edge, the group's x range), with `maxStep` in the x
   * range the unzoomed axis covers.
   */
  protected xLayoutOptions(): { minLeft: number; xExtent: Domain | null } {
    const { minLeft, xExtent } = this.syncing.layoutOptions();
    return { minLeft, xExtent: this.#withPlanned(xExtent) };
  }

  /** `extent` widened to `maxStep` when it is set (a finite number; positive on a log x axis). */
  #withPlanned(extent: Domain | null): Domain | null {
    const m = this.maxStep;
    if (m === null || !Number.isFinite(m) || (this.logX && m <= 0)) return extent;
    return extent ? [Math.min(extent[0], m), Math.max(extent[1], m)] : [m, m];
  }

  /** The x range of the chart's own data, which it shares with its `sync` group. */
  protected syncExtent(): Domain | null {
    return linesExtent(this.prepared, this.hiddenRuns);
  }
}
