import { LitElement, html, svg, nothing, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  prepareCurves,
  layoutCurves,
  nearestIndex,
  formatStep,
  formatValue,
  warnOnce,
  type CurveLayout,
  type PreparedCurves,
  type PreparedLine,
  type SeriesInput,
  type KerasHistory,
} from '../../core/index.js';
import { SizeController } from '../shared/size-controller.js';
import { chartStyles } from '../shared/chart-styles.js';
import { gridTemplate, xAxisTemplate, yAxisTemplate } from '../shared/axes-template.js';
import { crosshairKey } from '../shared/crosshair-keys.js';
import { lossCurveStyles } from './loss-curve.styles.js';

const TAG = 'loss-curve';

/** Properties whose change means the data must be normalized again. */
const DATA_PROPS = ['train', 'validation', 'history', 'metric', 'xLabel', 'yLabel', 'label', 'logX', 'logY', 'smoothing', 'mode'] as const;

/**
 * Training and validation curves of one metric, with axes, legend, tooltip, smoothing and log scales.
 *
 * Set the data as JS properties (`train`, `validation`, or a Keras `history`); each series may be a plain or typed
 * array (x is the epoch, 1..n), an array of `{step, value}` points, or columnar `{steps, values}`. Arrays are
 * compared by identity: after changing an array in place, assign a new one (or call `requestUpdate()`).
 *
 * Bad input never throws: what cannot be drawn is left out with one console warning per cause, and a short note
 * inside the element says what was left out.
 *
 * @tag loss-curve
 * @summary Training vs validation curves of one metric.
 *
 * @csspart base - The element's layout box (legend, chart, notes).
 * @csspart legend - The legend above the chart.
 * @csspart legend-item - One legend entry.
 * @csspart chart - The focusable chart area that holds the SVG and the tooltip.
 * @csspart svg - The chart's SVG.
 * @csspart grid - The grid lines.
 * @csspart x-axis - The x axis: line, ticks, tick labels and axis label.
 * @csspart y-axis - The y axis: line, ticks, tick labels and axis label.
 * @csspart train-line - The training curve (smoothed when `smoothing` > 0).
 * @csspart validation-line - The validation curve (smoothed when `smoothing` > 0).
 * @csspart train-raw-line - The raw training curve, drawn faint under the smoothed one.
 * @csspart validation-raw-line - The raw validation curve, drawn faint under the smoothed one.
 * @csspart train-markers - Dots for training points no line segment draws (a single point, or one between gaps).
 * @csspart validation-markers - Dots on the validation points when there are few, and on isolated points.
 * @csspart divergence-marker - The marker where a value first became NaN or infinite.
 * @csspart crosshair - The vertical crosshair line and its dots.
 * @csspart tooltip - The tooltip with the step and the values at the crosshair.
 * @csspart message - The message shown instead of the chart when there is nothing to draw.
 * @csspart notice - The note under the chart about data that was left out.
 *
 * @cssprop [--tc-train-color=#2563eb] - Training curve color (dark theme #60a5fa).
 * @cssprop [--tc-validation-color=#ea580c] - Validation curve color (dark theme #fb923c).
 * @cssprop [--tc-line-width=2px] - Width of the curves.
 * @cssprop [--tc-font-family=system-ui, sans-serif] - Font of all text.
 * @cssprop [--tc-font-size=12px] - Font size of all text.
 * @cssprop [--tc-text-color=#1f2937] - Text color (dark theme #e5e7eb).
 * @cssprop [--tc-muted-color=#6b7280] - Tick label and message color (dark theme #9ca3af).
 * @cssprop [--tc-grid-color=#e5e7eb] - Grid line color (dark theme #374151).
 * @cssprop [--tc-axis-color=#9ca3af] - Axis line and tick color (dark theme #6b7280).
 * @cssprop [--tc-background=transparent] - Background of the element.
 * @cssprop [--tc-tooltip-background=#ffffff] - Tooltip background (dark theme #111827).
 * @cssprop [--tc-tooltip-border-color=#d1d5db] - Tooltip border (dark theme #4b5563).
 * @cssprop [--tc-warning-color=#b91c1c] - Color of notes about left-out data (dark theme #f87171).
 * @cssprop [--tc-annotation-color=#b91c1c] - Divergence and overfitting annotations (dark theme #f87171).
 * @cssprop [--tc-focus-color=#2563eb] - Focus ring of the chart (dark theme #93c5fd).
 */
export class LossCurve extends LitElement {
  static override styles = [chartStyles, lossCurveStyles];

  /** Training series: plain or typed array (epochs 1..n), `{step, value}[]`, or `{steps, values}`. */
  @property({ attribute: false }) train: SeriesInput | null | undefined = undefined;

  /** Validation series, in any form `train` accepts. Steps need not match the training steps. */
  @property({ attribute: false }) validation: SeriesInput | null | undefined = undefined;

  /**
   * A Keras `history.history` dict (or the `History` object). Used when `train` and `validation` are unset: the
   * chart plots `history[metric]` and `history["val_" + metric]`. `null` values in it are read as NaN (JSON has no
   * NaN, so a history saved as JSON carries null where Keras printed nan).
   */
  @property({ attribute: false }) history: KerasHistory | null | undefined = undefined;

  /** The metric to plot from `history`, and the default y label. */
  @property() metric = 'loss';

  /** X axis label. Default: `epoch` for array or history input, `step` for step-indexed input. */
  @property({ attribute: 'x-label' }) xLabel: string | null = null;

  /** Y axis label. Default: the metric name. */
  @property({ attribute: 'y-label' }) yLabel: string | null = null;

  /** Logarithmic y axis. Values ≤ 0 cannot be placed on it: they are left out with a note. */
  @property({ attribute: 'log-y', type: Boolean, reflect: true }) logY = false;

  /** Logarithmic x axis. Steps ≤ 0 are left out with a note. */
  @property({ attribute: 'log-x', type: Boolean, reflect: true }) logX = false;

  /**
   * TensorBoard smoothing weight, 0 to below 1 (debiased exponential moving average). Above 0 the smoothed curves
   * are drawn over faint raw ones. Default 0.
   */
  @property({ type: Number }) smoothing = 0;

  /** The chart's accessible title. Default: "<Metric> curves". */
  @property() label: string | null = null;

  /** Which direction is better: `min`, `max`, or `auto` (max for accuracy-like metric names). Default `auto`. */
  @property() mode: 'auto' | 'min' | 'max' = 'auto';

  /** Color theme: `auto` follows `prefers-color-scheme`; `light` or `dark` force one. */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Index into the chart's steps where the crosshair is, or -1. */
  @state() private crosshair = -1;
  /** Text for screen readers after a keyboard move. */
  @state() private announcement = '';

  private prepared: PreparedCurves = prepareCurves({});
  private layout: CurveLayout | null = null;
  private readonly size = new SizeController(this, () => this.renderRoot?.querySelector?.('.chart'));

  /** A text summary of the chart: metric, length, final values, best validation value and where. */
  get summary(): string {
    return this.prepared.summary;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    try {
      if (DATA_PROPS.some((p) => changed.has(p)) || !this.hasUpdated) {
        this.prepared = prepareCurves({
          train: this.train,
          validation: this.validation,
          history: this.history,
          metric: this.metric,
          xLabel: this.xLabel,
          yLabel: this.yLabel,
          label: this.label,
          logX: this.logX,
          logY: this.logY,
          smoothing: Number(this.smoothing),
          mode: this.mode,
        });
        for (const issue of this.prepared.issues) warnOnce(TAG, issue.message);
        if (this.crosshair >= this.prepared.steps.length) this.crosshair = -1;
      }
      this.layout =
        this.size.width > 0 && this.size.height > 0 && !this.prepared.message
          ? layoutCurves(this.prepared, { width: this.size.width, height: this.size.height, fontSize: this.fontSize() })
          : null;
    } catch (error) {
      // Unreachable for any input we know of; kept so that a bug of ours never breaks the host page.
      this.layout = null;
      this.prepared = { ...prepareCurves({}), message: 'This data could not be drawn.' };
      warnOnce(TAG, `could not draw the data: ${(error as Error)?.message ?? error}`);
    }
  }

  private fontSize(): number {
    const px = parseFloat(getComputedStyle(this).fontSize);
    return Number.isFinite(px) && px > 0 ? px : 12;
  }

  protected override render(): TemplateResult {
    const p = this.prepared;
    return html`<div part="base" class="base">
      ${this.renderLegend(p)}
      <div
        part="chart"
        class="chart"
        role="figure"
        tabindex="0"
        aria-label=${p.title}
        aria-describedby="summary"
        @pointermove=${this.onPointerMove}
        @pointerdown=${this.onPointerMove}
        @pointerleave=${this.onPointerLeave}
        @keydown=${this.onKeyDown}
        @blur=${this.onPointerLeave}
      >
        ${this.layout ? this.renderChart(p, this.layout) : nothing}
        ${p.message ? html`<div part="message" class="message" role="status">${p.message}</div>` : nothing}
        ${this.layout ? this.renderTooltip(p, this.layout) : nothing}
      </div>
      ${p.notices.length && !p.message
        ? html`<ul part="notice" class="notice">
            ${p.notices.map((n) => html`<li>${n}</li>`)}
          </ul>`
        : nothing}
      <p id="summary" class="sr-only">${p.summary} ${p.message ? '' : 'Use the arrow keys to read values.'}</p>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderLegend(p: PreparedCurves): TemplateResult {
    return html`<div part="legend" class="legend" aria-hidden="true">
      ${p.lines.map(
        (l) => html`<span part="legend-item" class="legend-item ${l.key}">
          <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line ${l.key}"></line></svg>
          ${l.name}
        </span>`,
      )}
    </div>`;
  }

  private renderChart(p: PreparedCurves, layout: CurveLayout): TemplateResult {
    const { plot } = layout;
    return html`<svg
      part="svg"
      class="plot"
      width=${layout.width}
      height=${layout.height}
      viewBox="0 0 ${layout.width} ${layout.height}"
      aria-hidden="true"
    >
      <title>${p.title}</title>
      <defs>
        <clipPath id="plot-clip">
          <rect x=${plot.left - 4} y=${plot.top - 4} width=${plot.width + 8} height=${plot.height + 8}></rect>
        </clipPath>
      </defs>
      ${gridTemplate(layout)} ${xAxisTemplate(layout, p.xLabel)} ${yAxisTemplate(layout, p.yLabel)}
      <g class="lines" clip-path="url(#plot-clip)">
        ${layout.lines.map((l) =>
          l.rawPath !== null ? svg`<path part="${l.key}-raw-line" class="line raw ${l.key}" d=${l.rawPath}></path>` : nothing,
        )}
        ${layout.lines.map(
          (l) => svg`<path part="${l.key}-line" class="line ${l.key}" d=${l.path} data-points=${p.lines.find((x) => x.key === l.key)!.count}></path>
            ${l.dotCount ? svg`<path part="${l.key}-markers" class="markers ${l.key}" d=${l.dots}></path>` : nothing}`,
        )}
      </g>
      ${layout.divergence ? this.renderDivergence(layout) : nothing} ${this.renderCrosshair(p, layout)}
    </svg>`;
  }

  private renderDivergence(layout: CurveLayout): SVGTemplateResult {
    const { plot } = layout;
    const d = layout.divergence!;
    const anchorEnd = d.x > plot.left + plot.width * 0.7;
    return svg`<g part="divergence-marker" class="divergence">
      <line x1=${d.x} x2=${d.x} y1=${plot.top} y2=${plot.top + plot.height}></line>
      <text x=${anchorEnd ? d.x - 4 : d.x + 4} y=${plot.top} dy="1em" text-anchor=${anchorEnd ? 'end' : 'start'}>${d.label}</text>
    </g>`;
  }

  private renderCrosshair(p: PreparedCurves, layout: CurveLayout): unknown {
    if (this.crosshair < 0) return nothing;
    const step = p.steps[this.crosshair];
    const x = layout.x.scale(step);
    if (!Number.isFinite(x)) return nothing;
    const dots = layout.lines.map((l, i) => {
      const j = nearestIndex(p.lines[i].series.steps, step);
      const pt = j >= 0 ? l.points[j] : null;
      return pt ? svg`<circle class="dot ${l.key}" cx=${pt.x} cy=${pt.y} r="4"></circle>` : nothing;
    });
    return svg`<g part="crosshair" class="crosshair">
      <line x1=${x} x2=${x} y1=${layout.plot.top} y2=${layout.plot.top + layout.plot.height}></line>
      ${dots}
    </g>`;
  }

  private renderTooltip(p: PreparedCurves, layout: CurveLayout): TemplateResult {
    const rows = this.crosshair >= 0 ? this.tooltipRows(p, this.crosshair) : null;
    let style = '';
    if (rows) {
      const x = layout.x.scale(p.steps[this.crosshair]);
      const right = x > layout.plot.left + layout.plot.width / 2;
      style = right ? `right:${layout.width - x + 10}px` : `left:${x + 10}px`;
    }
    return html`<div part="tooltip" class="tooltip" ?hidden=${!rows} style=${style} aria-hidden="true">
      ${rows
        ? html`<div class="step">${rows.title}</div>
            ${rows.items.map(
              (r) => html`<div class="row ${r.key}">
                <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line ${r.key}"></line></svg>
                <span class="name">${r.name}</span> <b class="value">${r.value}</b>${r.note ? html` <span class="note">${r.note}</span>` : nothing}
              </div>`,
            )}`
        : nothing}
    </div>`;
  }

  /** Tooltip content at a crosshair stop: each line's value at its nearest step. */
  private tooltipRows(p: PreparedCurves, index: number) {
    const step = p.steps[index];
    const unit = p.indexed ? 'Epoch' : 'Step';
    const items = p.lines.map((l: PreparedLine) => {
      const j = nearestIndex(l.series.steps, step);
      const at = l.series.steps[j];
      const raw = l.series.values[j];
      const shown = l.smoothed ? l.smoothed[j] : raw;
      const value = Number.isNaN(raw) && !l.series.nonFinite[j] ? '—' : formatValue(shown);
      const notes: string[] = [];
      if (l.smoothed && Number.isFinite(raw)) notes.push(`raw ${formatValue(raw)}`);
      if (at !== step) notes.push(`at ${unit.toLowerCase()} ${formatStep(at)}`);
      return { key: l.key, name: l.name, value, note: notes.length ? `(${notes.join(', ')})` : '' };
    });
    return { title: `${unit} ${formatStep(step)}`, items };
  }

  private onPointerMove = (event: PointerEvent): void => {
    const layout = this.layout;
    if (!layout || !this.prepared.steps.length) return;
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const px = event.clientX - box.left;
    const { plot } = layout;
    const clamped = Math.min(plot.left + plot.width, Math.max(plot.left, px));
    const index = nearestIndex(this.prepared.steps, layout.x.scale.invert(clamped));
    if (index !== this.crosshair) this.crosshair = index;
  };

  private onPointerLeave = (): void => {
    this.crosshair = -1;
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const n = this.prepared.steps.length;
    const next = crosshairKey(event.key, event.shiftKey, this.crosshair, n);
    if (next === null) return;
    event.preventDefault();
    this.crosshair = next;
    if (next >= 0) {
      const rows = this.tooltipRows(this.prepared, next);
      this.announcement = `${rows.title}: ${rows.items.map((r) => `${r.name} ${r.value}`).join(', ')}`;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-curve': LossCurve;
  }
}
