import { svg, nothing, type PropertyDeclarations, type SVGTemplateResult, type TemplateResult } from 'lit';
import { interpolateAt } from '../../core/analyze-fit.js';
import { LayoutCache } from '../../core/layout-cache.js';
import { AXIS_TITLE_INSET, CHAR_WIDTH_EM, FOCUS_RADIUS, SPARKLINE_HEIGHT_EM, SPARKLINE_MIN_HEIGHT, SPARKLINE_WIDTH } from '../../core/layout-constants.js';
import { layoutGap, type GapLayout } from '../../core/layout-gap.js';
import { lowerBound, nearestIndex, unionSteps } from '../../core/nearest.js';
import type { CurveTexts, PreparedCurves } from '../../core/prepare-curves.js';
import { chartStyles } from '../shared/chart-styles.js';
import { gridTemplate, plotClip, plotLine, plotSvg, xAxisTemplate, yAxisTemplate } from '../shared/axes-template.js';
import type { TooltipRow, TooltipRows } from '../shared/chart-templates.js';
import { optionalNumber } from '../shared/converters.js';
import type { TrainingChartEvents } from '../shared/events.js';
import { TrainingChart } from '../shared/training-chart.js';
import { overfitGapStyles } from './overfit-gap.styles.js';
import { badgesTemplate, latestGap } from './gap-badge.js';

/** The gap chart's default title ("Loss generalization gap") and y label ("loss gap (val − train)"). */
const GAP_TEXTS: CurveTexts = {
  title: (metric) => `${metric.charAt(0).toUpperCase()}${metric.slice(1)} generalization gap`,
  yLabel: (metric, mode) => `${metric} gap (${mode === 'min' ? 'val − train' : 'train − val'})`,
};

/**
 * The generalization gap over time: validation minus training (training minus validation for accuracy-like
 * metrics), so that positive means the model does better on data it trained on. A zero line, an optional
 * threshold band, the area between the gap and zero (in the gap color where positive, neutral where validation does
 * better), and the overfitting onset from `analyzeFit`, marked where the gap is positive. Sparse validation (at
 * least 10 training points per validation check) is drawn as dots joined by steps. With `compact`, a badge the size
 * of a table cell: a sparkline, the latest gap and the state, in a fixed layout that lines up down a table.
 *
 * Takes the same data as `<loss-curve>` (`train`, `validation`, `history` + `metric`, `runs`) and the same
 * analysis options (`mode`, `patience`, `min-delta`, `start-from`, `baseline`). Training is interpolated at the
 * validation steps when they differ.
 *
 * @tag overfit-gap
 * @summary The generalization gap (validation − training) over time, or a compact badge.
 *
 * @csspart base - The element's layout box.
 * @csspart legend - The legend (run toggles when comparing runs).
 * @csspart legend-item - With `runs`, a run's `<button>` in the legend: it shows or hides the run (`aria-pressed`).
 * @csspart legend-entry - Without `runs`, a `<span>` in the legend naming a line, with its swatch.
 * @csspart chart - The focusable chart area.
 * @csspart svg - The chart's SVG (the sparkline in compact form).
 * @csspart grid - The grid lines.
 * @csspart x-axis - The x axis.
 * @csspart y-axis - The y axis.
 * @csspart gap-line - The gap of a run over time.
 * @csspart gap-area - The area between the gap and zero; where the gap is negative it also has part `gap-area-negative`.
 * @csspart gap-area-negative - The area where the gap is negative (validation does better): neutral, muted.
 * @csspart gap-markers - Dots on the validation checks when validation is sparse and the gap is drawn as steps.
 * @csspart zero-line - The line at gap 0.
 * @csspart threshold - A `<g>` around the threshold's band and line (in the compact form, around its line).
 * @csspart threshold-band - The band from 0 to `threshold` (not in the compact form).
 * @csspart threshold-line - The line at `threshold`.
 * @csspart threshold-label - The threshold's label.
 * @csspart annotation-label - The overfitting onset's and divergence's labels; each also has `overfit-label` or `divergence-label`.
 * @csspart overfit-marker - A `<g>` at the overfitting onset: the `overfit-line` across the plot (not in the compact form) and the `overfit-dot` on the gap; `data-step` gives the onset.
 * @csspart overfit-line - The vertical line at the overfitting onset.
 * @csspart overfit-dot - The dot on the gap at the overfitting onset.
 * @csspart divergence-marker - The line where training or validation first became NaN or infinite.
 * @csspart crosshair - The crosshair line and its dots.
 * @csspart zoom-brush - The selection drawn while dragging across the plot to zoom.
 * @csspart zoom-reset - The "Reset zoom" button shown while zoomed.
 * @csspart tooltip - The tooltip: step, gap and both values.
 * @csspart message - The message shown when there is nothing to draw.
 * @csspart badge-message - The compact form's mark ("—") when there is nothing to draw; the message is its label.
 * @csspart notice - The note about left-out data.
 * @csspart badge - The compact form's box.
 * @csspart sparkline - The compact form's sparkline SVG.
 * @csspart value - The compact form's latest gap.
 * @csspart state - The compact form's state pill: ok, plateau, noisy, overfitting, diverged, or "high gap" (a run that is otherwise ok with its latest gap above `threshold`).
 *
 * @cssprop [--tc-gap-color=#7c3aed] - Gap line and positive area (dark theme #a78bfa).
 * @cssprop [--tc-ok-color=#15803d] - The "ok" state of the badge, the threshold band (dark theme #4ade80).
 * @cssprop [--tc-caution-color=#b45309] - The badge's mild "overfitting" and "high gap" states (dark theme #fbbf24).
 * @cssprop [--tc-warning-color=#b91c1c] - The badge's clear or severe "overfitting" and "diverged" states, the threshold line, notes (dark theme #f87171).
 * @cssprop [--tc-annotation-color=#b91c1c] - The overfitting onset's marker and label (dark theme #f87171).
 * @cssprop [--tc-sparkline-width=80px] - Width of the compact form's sparkline.
 * @cssprop [--tc-line-width=2px] - Width of the gap line.
 * @cssprop [--tc-font-family=system-ui, sans-serif] - Font of all text.
 * @cssprop [--tc-font-size=12px] - Font size of all text.
 * @cssprop [--tc-text-color=#1f2937] - Text color (dark theme #e5e7eb).
 * @cssprop [--tc-muted-color=#6b7280] - Tick labels, messages, the negative gap area, the "plateau"/"noisy" states (dark theme #9ca3af).
 * @cssprop [--tc-grid-color=#e5e7eb] - Grid lines (dark theme #374151).
 * @cssprop [--tc-axis-color=#9ca3af] - Axis lines and ticks (dark theme #6b7280).
 * @cssprop [--tc-background=transparent] - Element background.
 * @cssprop [--tc-tooltip-background=#ffffff] - Tooltip background (dark theme #111827).
 * @cssprop [--tc-tooltip-border-color=#d1d5db] - Tooltip border (dark theme #4b5563).
 * @cssprop [--tc-focus-color=#2563eb] - Focus ring (dark theme #93c5fd).
 * @cssprop [--tc-run-1-color=#1f77b4] - First run of a comparison; `--tc-run-2-color` ... `--tc-run-8-color` as in `<loss-curve>`.
 *
 * @fires zoom - When the user zooms or resets the x range (drag, wheel, pinch, keys, double-click); `detail.xDomain` is the new range or null.
 * @fires overfit - When a run's overfitting onset appears, moves or goes away (`detail.onset` null); `detail` is the run's `analyzeFit` result (with `run` when comparing runs).
 * @fires run-toggle - When a run of a comparison is shown or hidden (its legend button, or `toggleRun`); `detail` is `{run, index, visible}`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below only adds listener signatures
export class OverfitGap extends TrainingChart {
  static override styles = [chartStyles, overfitGapStyles];

  static override properties: PropertyDeclarations = {
    threshold: { converter: optionalNumber },
    compact: { type: Boolean, reflect: true },
  };

  /** Gap above which the model counts as overfitting: draws a band from 0 to it and flags the badge's value. */
  threshold: number | null = null;

  /** The compact badge form, for tables and dashboards: sparkline, latest gap and state. */
  compact = false;

  #layout: GapLayout | null = null;
  /** What this chart's layouts keep between drawings (the gap's aggregates): one per element. */
  readonly #layoutCache = new LayoutCache();
  #steps: Float64Array = new Float64Array(0);

  protected get tag(): string {
    return 'overfit-gap';
  }

  protected override get defaultTexts(): CurveTexts {
    return GAP_TEXTS;
  }

  /** The data's message, else why there is no gap to draw (no training value at any validation step, say). */
  protected override message(): string | null {
    const p = this.prepared;
    if (p.message || p.runs.some((r) => r.analysis.gap.values.some(Number.isFinite))) return p.message;
    const both = p.runs.some((r) => r.lines.some((l) => l.key === 'train' && l.count) && r.lines.some((l) => l.key === 'validation' && l.count));
    return both ? 'No validation step has a training value to compare with.' : 'The gap needs both training and validation values.';
  }

  protected override layoutKey(): unknown[] {
    return [...super.layoutKey(), this.threshold, this.compact];
  }

  protected layoutChart(): void {
    const runs = this.prepared.runs.filter((r) => !this.hiddenRuns.has(r.index));
    const zoom = this.compact ? null : this.xDomain;
    this.#steps = unionSteps(runs.map((r) => r.analysis.gap.steps));
    if (zoom) this.#steps = this.#steps.filter((s) => s >= zoom[0] && s <= zoom[1]);
    const { width, height } = this.size;
    const compact = this.compact;
    const w = compact ? this.#sparklineWidth() : width;
    const h = compact ? Math.max(SPARKLINE_MIN_HEIGHT, this.fontSize() * SPARKLINE_HEIGHT_EM) : height;
    const sync = compact ? null : this.xLayoutOptions();
    const f = this.formats;
    this.#layout =
      w > 0 && h > 0 && !this.message()
        ? layoutGap(
            this.prepared,
            {
              width: w,
              height: h,
              fontSize: this.fontSize(),
              threshold: this.threshold,
              hidden: this.hiddenRuns,
              compact,
              xDomain: zoom,
              xFormat: f.xTicks,
              yFormat: f.yTicks,
              curve: f.curve,
              ...sync,
            },
            this.#layoutCache,
          )
        : null;
    this.syncing.publishLeft(compact ? 0 : this.#layout?.leftNeed);
  }

  /** The gap's steps: what this chart shares with its `sync` group (none as a badge). */
  protected override syncExtent(): [number, number] | null {
    if (this.compact) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of this.prepared.runs) {
      const steps = r.analysis.gap.steps;
      if (this.hiddenRuns.has(r.index) || !steps.length) continue;
      const first = this.prepared.logX ? steps[lowerBound(steps, Number.MIN_VALUE)] : steps[0];
      if (first !== undefined) [lo, hi] = [Math.min(lo, first), Math.max(hi, steps[steps.length - 1])];
    }
    return hi >= lo ? [lo, hi] : null;
  }

  #sparklineWidth(): number {
    const px = parseFloat(getComputedStyle(this).getPropertyValue('--tc-sparkline-width'));
    return Number.isFinite(px) && px > 0 ? px : SPARKLINE_WIDTH;
  }

  protected override crosshairSteps(): ArrayLike<number> {
    return this.#steps;
  }

  protected override render(): TemplateResult {
    const p = this.prepared;
    if (this.compact)
      return badgesTemplate(p, this.#layout, { hidden: this.hiddenRuns, message: this.message(), formats: this.formats, threshold: this.threshold });
    const l = this.#layout;
    const entries = this.message() ? [] : p.runs.map((r) => ({ key: 'gap', run: r.index, name: p.multi ? r.name : 'generalization gap' }));
    return this.renderBody(
      entries,
      l ? this.#renderChart(p, l) : nothing,
      l && { x: (step) => l.x.scale(step), width: l.width, mid: l.plot.left + l.plot.width / 2 },
    );
  }

  /** The analysis in words, then the latest gap of each run. */
  protected override describe(p: PreparedCurves): string {
    const message = this.message();
    if (message) return `${p.title}. ${message}`;
    const { step: formatStep, value: formatValue } = this.formats;
    return [
      `${p.title}.`,
      ...p.runs.map((r) => {
        const latest = latestGap(r);
        const gap = latest ? ` Latest gap ${formatValue(latest.value)} at ${r.analysis.unit} ${formatStep(latest.step)}.` : '';
        return `${p.multi ? `${r.name}: ` : ''}${r.analysis.summary}${gap}`;
      }),
    ].join(' ');
  }

  #renderChart(p: PreparedCurves, layout: GapLayout): TemplateResult {
    const { plot } = layout;
    const runClass = (run: number) => (p.multi ? `run run-${run % 8}` : '');
    const x1 = plot.left + plot.width;
    return plotSvg(
      layout,
      p.title,
      'plot',
      svg`
      ${gridTemplate(layout)}
      ${
        layout.threshold
          ? svg`<g part="threshold" class="threshold" data-value=${layout.threshold.value}>
            <rect part="threshold-band" class="threshold-band" x=${plot.left} width=${plot.width} y=${Math.min(layout.threshold.y0, layout.threshold.y1)} height=${Math.abs(layout.threshold.y1 - layout.threshold.y0)}></rect>
            <line part="threshold-line" class="threshold-line" x1=${plot.left} x2=${x1} y1=${layout.threshold.y1} y2=${layout.threshold.y1}></line>
          </g>`
          : nothing
      }
      ${xAxisTemplate(layout, p.xLabel)} ${yAxisTemplate(layout, this.#fittedYLabel(p, layout))}
      <line part="zero-line" class="zero-line" x1=${plot.left} x2=${x1} y1=${layout.zeroY} y2=${layout.zeroY}></line>
      ${plotClip(
        plot,
        'gaps',
        layout.runs.map(
          (r) => svg`<g class="gap ${runClass(r.run)}" data-run=${p.runs[r.run]?.name ?? ''}>
            <path part="gap-area gap-area-negative" class="gap-area negative" d=${r.negativeArea}></path>
            <path part="gap-area" class="gap-area positive" d=${r.positiveArea}></path>
            <path part="gap-line" class="gap-line" d=${r.path}></path>
            ${r.dots ? svg`<path part="gap-markers" class="gap-markers" d=${r.dots}></path>` : nothing}
          </g>`,
        ),
      )}
      ${layout.runs.map((r) => (r.onset ? this.#renderOnset(r.onset, layout, runClass(r.run)) : nothing))}
      ${layout.divergences.map((d) => plotLine(d.x, plot, `divergence ${runClass(d.run)}`, 'divergence-marker', d.step))}
      ${layout.labels.map((l) =>
        l.kind === 'threshold'
          ? svg`<text part="threshold-label" class="threshold-label" x=${l.x} y=${l.y} text-anchor=${l.anchor}>${l.text}</text>`
          : svg`<text part="annotation-label ${l.kind === 'onset' ? 'overfit' : l.kind}-label" class="annotation-label ${runClass(l.run)}" x=${l.x} y=${l.y} text-anchor=${l.anchor}>${l.text}</text>`,
      )}
      ${this.#renderCrosshair(layout, runClass)}`,
    );
  }

  /**
   * The y label as drawn: the default one ("loss gap (val − train)") loses the metric's name, then its reading, when it
   * would run past the top or bottom of the chart (a long metric name such as `sparse_categorical_accuracy`, a low
   * chart). A `y-label` of the page's own is drawn as given.
   */
  #fittedYLabel(p: PreparedCurves, layout: GapLayout): string {
    if (this.yLabel != null) return p.yLabel;
    const mid = layout.plot.top + layout.plot.height / 2;
    const room = 2 * Math.min(mid, layout.height - mid) - AXIS_TITLE_INSET;
    const reading = `gap (${p.mode === 'min' ? 'val − train' : 'train − val'})`;
    // Measured once per text, room and font size, not on every render (a crosshair move renders): a measure reads
    // the computed style, which makes the browser recalculate styles.
    const key = `${p.yLabel}\n${reading}\n${room}\n${this.fontSize()}`;
    if (this.#yLabelFit.key !== key) {
      this.#yLabelFit = { key, text: [p.yLabel, reading].find((t) => this.#textWidth(t) <= room) ?? 'gap' };
    }
    return this.#yLabelFit.text;
  }

  #yLabelFit = { key: '', text: '' };

  static #measure: CanvasRenderingContext2D | null | undefined;

  /** A text's width in px in the chart's font (estimated where a canvas cannot measure it). */
  #textWidth(text: string): number {
    OverfitGap.#measure ??= document.createElement('canvas').getContext('2d');
    const ctx = OverfitGap.#measure;
    const style = getComputedStyle(this);
    if (!ctx) return text.length * this.fontSize() * CHAR_WIDTH_EM;
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    return ctx.measureText(text).width;
  }

  #renderOnset(pt: { x: number; y: number; step: number }, layout: GapLayout, cls: string): SVGTemplateResult {
    const { plot } = layout;
    return svg`<g part="overfit-marker" class="overfit-marker ${cls}" data-step=${pt.step}>
      ${plotLine(pt.x, plot, 'overfit-line', 'overfit-line')}
      <circle part="overfit-dot" class="overfit-dot" cx=${pt.x} cy=${pt.y} r=${FOCUS_RADIUS}></circle>
    </g>`;
  }

  #renderCrosshair(layout: GapLayout, runClass: (run: number) => string): unknown {
    if (this.crosshair < 0) return nothing;
    const step = this.#steps[this.crosshair];
    const x = layout.x.scale(step);
    if (!Number.isFinite(x)) return nothing;
    return svg`<g part="crosshair" class="crosshair">
      ${plotLine(x, layout.plot)}
      ${layout.runs.map((r) => {
        const gap = this.prepared.runs[r.run].analysis.gap;
        // NaN where the run has no finite gap at this step.
        const j = lowerBound(gap.steps, step);
        const y = gap.steps[j] === step ? layout.y.scale(gap.values[j]) : NaN;
        return Number.isFinite(y) ? svg`<circle class="dot ${runClass(r.run)}" cx=${x} cy=${y} r=${FOCUS_RADIUS}></circle>` : nothing;
      })}
    </g>`;
  }

  protected tooltipRows(index: number): TooltipRows {
    const p = this.prepared;
    const step = this.#steps[index];
    const unit = p.indexed ? 'Epoch' : 'Step';
    const { step: formatStep, value: formatValue } = this.formats;
    const items = p.runs
      .filter((r) => !this.hiddenRuns.has(r.index))
      .map((r): TooltipRow => {
        const { steps, values } = r.analysis.gap;
        const j = nearestIndex(steps, step);
        const name = p.multi ? `${r.name} gap` : 'gap';
        // A compared run without a single gap (no validation, say) keeps its row, with no value and nothing to note:
        // there is no step to write "at epoch …" for.
        if (j < 0) return { key: 'gap', run: r.index, name, value: '—', note: '' };
        const v = p.lines.find((l) => l.run === r.index && l.key === 'validation');
        const t = p.lines.find((l) => l.run === r.index && l.key === 'train');
        const at = steps[j];
        const notes: string[] = [];
        if (v) notes.push(`val ${formatValue(v.series.values[nearestIndex(v.series.steps, at)])}`);
        if (t) notes.push(`train ${formatValue(interpolateAt(t.series.steps, t.series.values, at))}`);
        if (at !== step) notes.push(`at ${unit.toLowerCase()} ${formatStep(at)}`);
        return {
          key: 'gap',
          run: r.index,
          name,
          value: formatValue(values[j]),
          note: notes.length ? `(${notes.join(', ')})` : '',
        };
      });
    return { title: `${unit} ${formatStep(step)}`, items };
  }

  protected pointerFrame() {
    const l = this.#layout;
    return l && !this.compact ? { scale: l.x.scale, x0: l.plot.left, x1: l.plot.left + l.plot.width } : null;
  }
}

/** The events `<overfit-gap>` fires (`overfit`, `zoom`, `run-toggle`), with those of every element. */
export interface OverfitGapEventMap extends HTMLElementEventMap, TrainingChartEvents {}

type Listener<K extends keyof OverfitGapEventMap> = (this: OverfitGap, event: OverfitGapEventMap[K]) => unknown;

// Typed listeners for the element's own events: overloads merged into the class's type, with no code of their own.
export interface OverfitGap {
  addEventListener<K extends keyof OverfitGapEventMap>(type: K, listener: Listener<K>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OverfitGapEventMap>(type: K, listener: Listener<K>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'overfit-gap': OverfitGap;
  }
}
