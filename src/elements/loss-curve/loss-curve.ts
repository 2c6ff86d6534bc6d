import { html, svg, nothing, type PropertyDeclarations, type SVGTemplateResult, type TemplateResult } from 'lit';
import { fitText } from '../../core/format.js';
import { drawable } from '../../core/geometry.js';
import { LayoutCache } from '../../core/layout-cache.js';
import { AXIS_TITLE_INSET, BEST_RADIUS, CHAR_WIDTH_EM, CLIPPED_HEIGHT, CLIPPED_WIDTH, FOCUS_RADIUS } from '../../core/layout-constants.js';
import { layoutCurves, type CurveLayout } from '../../core/layout-curves.js';
import { nearestIndex, unionSteps } from '../../core/nearest.js';
import { outliersMode } from '../../core/outliers.js';
import type { PreparedCurves } from '../../core/prepare-curves.js';
import { chartStyles } from '../shared/chart-styles.js';
import { gridTemplate, plotClip, plotLine, plotSvg, xAxisTemplate, yAxisTemplate } from '../shared/axes-template.js';
import type { TooltipRow, TooltipRows } from '../shared/chart-templates.js';
import { negated } from '../shared/converters.js';
import type { TrainingChartEvents } from '../shared/events.js';
import { TrainingChart } from '../shared/training-chart.js';
import { lossCurveStyles } from './loss-curve.styles.js';

/**
 * A line's path segments; each `<path>` inherits the stroke of the `<g>` part around it. A segment that continues
 * the line starts its dash pattern where the last one left it; since an offset applies to every stroke of a path,
 * the strokes after a break in such a segment (which start their pattern afresh) are a path of their own.
 */
const segments = (paths: readonly string[], offsets: readonly number[]) =>
  paths.map((d, k) => {
    const cut = offsets[k] ? d.indexOf('M', 1) : -1;
    return cut < 0
      ? svg`<path d=${d} stroke-dashoffset=${offsets[k] || nothing}></path>`
      : svg`<path d=${d.slice(0, cut)} stroke-dashoffset=${offsets[k]}></path><path d=${d.slice(cut)}></path>`;
  });

/** Hatching angle of each run color's overfitting region: neighbours in the palette cross each other. */
const HATCH_ANGLES = [45, 135, 75, 15, 105, 165, 60, 120];

/** A triangle with its tip on the plot's edge at (x, y), pointing out: up (`dir` 1) or down (-1). */
const edgeTriangle = (x: number, y: number, dir: number) => {
  const r = (v: number) => Math.round(v * 100) / 100;
  const [half, h] = [CLIPPED_WIDTH / 2, CLIPPED_HEIGHT * dir];
  return `M${r(x - half)},${r(y + h)}L${r(x + half)},${r(y + h)}L${r(x)},${r(y)}Z`;
};

/**
 * Training and validation curves of one metric, with axes, legend, tooltip, smoothing and log scales.
 *
 * Set the data as JS properties (`train`, `validation`, or a Keras `history`); each series may be a plain or typed
 * array (x is the epoch, 1..n), an array of `{step, value}` points, or columnar `{steps, values}`. Arrays are
 * compared by identity: after changing an array in place, assign a new one (or call `requestUpdate()`).
 *
 * The fit analysis (`analyzeFit`, on raw values) marks the best epoch, the overfitting onset and region, where
 * Keras's EarlyStopping would have stopped, and where values became NaN; `analysis` holds it and `overfit` fires
 * when an onset appears, moves or goes away. With `runs`, several runs are overlaid in one color each (validation solid,
 * training dashed) and the legend toggles them.
 *
 * Bad input never throws: what cannot be drawn is left out with one console warning per cause, and a short note
 * inside the element says what was left out.
 *
 * @tag loss-curve
 * @summary Training vs validation curves of one metric.
 *
 * @csspart base - The element's layout box (legend, chart, notes).
 * @csspart legend - The legend above the chart.
 * @csspart legend-item - With `runs`, a run's `<button>` in the legend: it shows or hides the run (`aria-pressed`).
 * @csspart legend-entry - Without `runs`, a `<span>` in the legend naming a line, with its swatch.
 * @csspart chart - The focusable chart area that holds the SVG and the tooltip.
 * @csspart svg - The chart's SVG.
 * @csspart grid - The grid lines.
 * @csspart x-axis - The x axis: line, ticks, tick labels and axis label.
 * @csspart y-axis - The y axis: line, ticks, tick labels and axis label.
 * @csspart train-line - The training curve (smoothed when `smoothing` > 0): a `<g>` of `<path>` segments side by side, which inherit its stroke styles (each segment after the first sets `stroke-dashoffset`, so dashes run on across segments).
 * @csspart validation-line - The validation curve (smoothed when `smoothing` > 0), a `<g>` of path segments likewise.
 * @csspart train-raw-line - The raw training curve, drawn faint under the smoothed one (a `<g>` of path segments).
 * @csspart validation-raw-line - The raw validation curve, drawn faint under the smoothed one (a `<g>` of path segments).
 * @csspart train-markers - Dots for training points no line segment draws (a single point, or one between gaps).
 * @csspart validation-markers - Dots on the validation points when there are few, and on isolated points.
 * @csspart divergence-marker - The line where a value first became NaN or infinite.
 * @csspart best-marker - The dot on the best validation point (Keras's improvement rule; see `analyzeFit`).
 * @csspart overfit-region - The shaded region from the overfitting onset to the end of the run; `data-severity` (`mild`, `clear` or `severe`) sets its strength.
 * @csspart stop-line - The line where Keras's EarlyStopping, with these options, would have stopped training.
 * @csspart annotation-label - Every annotation's text label; each also has `best-label`, `overfit-label`, `stop-label` or `divergence-label`.
 * @csspart clipped-marker - A triangle on the plot's top or bottom edge, pointing out, at the x of a point the y range leaves out (see `outliers`); `data-step` and `data-value` give the point (the farthest out of those in its pixel column).
 * @csspart crosshair - The vertical crosshair line and its dots.
 * @csspart zoom-brush - The selection drawn while dragging across the plot to zoom.
 * @csspart zoom-reset - The "Reset zoom" button shown while zoomed.
 * @csspart tooltip - The tooltip with the step and the values at the crosshair.
 * @csspart message - The message shown instead of the chart when there is nothing to draw.
 * @csspart notice - The note under the chart about data that was left out.
 *
 * @cssprop [--tc-train-color=#2563eb] - Training curve color (dark theme #60a5fa).
 * @cssprop [--tc-validation-color=#c2410c] - Validation curve color (dark theme #fb923c).
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
 * @cssprop [--tc-best-color=#166534] - Best-epoch marker and label (dark theme #4ade80).
 * @cssprop [--tc-caution-color=#b45309] - The overfitting region when the overfitting is mild (dark theme #fbbf24).
 * @cssprop [--tc-run-1-color=#2a62c9] - Color of the first run of a comparison: its lines, labels and hatched overfitting region; runs past the eighth reuse the colors (dark theme #6aa4ff).
 * @cssprop [--tc-run-2-color=#b05400] - Color of the second run (dark theme #ff8a3d).
 * @cssprop [--tc-run-3-color=#2a7d2e] - Color of the third run (dark theme #5cc764).
 * @cssprop [--tc-run-4-color=#cc1f3f] - Color of the fourth run (dark theme #ff6b80).
 * @cssprop [--tc-run-5-color=#8040c0] - Color of the fifth run (dark theme #c08aff).
 * @cssprop [--tc-run-6-color=#007a86] - Color of the sixth run (dark theme #2cc3c3).
 * @cssprop [--tc-run-7-color=#b02e9a] - Color of the seventh run (dark theme #ef7fe0).
 * @cssprop [--tc-run-8-color=#656565] - Color of the eighth run (dark theme #a8a8a8).
 *
 * @fires zoom - When the user zooms or resets the x range (drag, wheel, pinch, keys, double-click); `detail.xDomain` is the new range or null.
 * @fires overfit - When a run's overfitting onset appears, moves or goes away (`detail.onset` null), also during live training; `detail` is the run's `analyzeFit` result (with `run`, the run's name, when comparing runs).
 * @fires run-toggle - When a run of a comparison is shown or hidden (its legend button, or `toggleRun`); `detail` is `{run, index, visible}`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below only adds listener signatures
export class LossCurve extends TrainingChart {
  static override styles = [chartStyles, lossCurveStyles];

  static override properties: PropertyDeclarations = {
    logY: { attribute: 'log-y', type: Boolean, reflect: true },
    smoothing: { type: Number },
    annotations: { attribute: 'no-annotations', converter: negated, reflect: true },
    outliers: {},
  };

  /** Logarithmic y axis (attribute `log-y`, present means on). Values ≤ 0 cannot be placed on it: they are left out with a note. */
  logY = false;

  /**
   * TensorBoard smoothing weight, 0 to below 1 (debiased exponential moving average). Above 0 the smoothed curves
   * are drawn over faint raw ones. The fit annotations stay on the raw values. Default 0.
   */
  smoothing = 0;

  /**
   * Fit annotations: best-epoch marker, overfitting region, early-stopping line and divergence marker. On by
   * default; the boolean attribute `no-annotations` turns them off.
   */
  annotations = true;

  /**
   * How the y range treats outliers, the few points that would stretch it many times over what the rest of the run
   * needs (a spike, a huge first epoch). The rule reads each line's story: the range of its running median of 5
   * points, which follows a descent, however steep, but not a spike or a lone first epoch.
   *
   * - `auto` (default): leaves out the points more than half the story's span beyond it, on a side (top or bottom)
   *   whose farthest point lies more than 3 spans beyond the story and where they are few (at most 5% of the
   *   points). A normal loss decaying from its first epoch keeps its whole descent in view.
   * - `clip`: leaves out every point more than half the story's span beyond it, however few or near.
   * - `show`: fits every value.
   *
   * A point left out is marked on the plot's edge at its x (`clipped-marker`), the tooltip there gives its value, and
   * a note under the chart counts them. Lines need 20 points before any point of theirs is left out; the best-epoch
   * marker is always in range. With a zoomed x range the rule reads the points inside it.
   */
  outliers: 'auto' | 'show' | 'clip' = 'auto';

  #layout: CurveLayout | null = null;
  /** What this chart's layouts keep between drawings (aggregates, path memos, the live domain): one per element. */
  readonly #layoutCache = new LayoutCache();

  protected get tag(): string {
    return 'loss-curve';
  }

  protected override layoutKey(): unknown[] {
    return [...super.layoutKey(), this.annotations, this.outliers];
  }

  protected layoutChart(): void {
    const { width, height } = this.size;
    const f = this.formats;
    this.#layout =
      width > 0 && height > 0 && !this.prepared.message
        ? layoutCurves(
            this.prepared,
            {
              width,
              height,
              fontSize: this.fontSize(),
              hidden: this.hiddenRuns,
              annotations: this.annotations,
              xDomain: this.xDomain,
              outliers: outliersMode(this.outliers),
              xFormat: f.xTicks,
              yFormat: f.yTicks,
              curve: f.curve,
              ...this.xLayoutOptions(),
            },
            this.#layoutCache,
          )
        : null;
    this.syncing.publishLeft(this.#layout?.leftNeed);
  }

  protected override render(): TemplateResult {
    const p = this.prepared;
    const l = this.#layout;
    return this.renderBody(
      p.lines,
      l ? this.#renderChart(p, l) : nothing,
      l && { x: (step) => l.x.scale(step), width: l.width, mid: l.plot.left + l.plot.width / 2 },
    );
  }

  /** The summary, followed by the fit analysis in words when annotations are on. */
  protected override describe(p: PreparedCurves): string {
    if (p.message || !this.annotations) return p.summary;
    const fits = p.runs.map((r) => (p.multi ? `${r.name}: ${r.analysis.summary}` : r.analysis.summary));
    return [p.summary, ...fits].join(' ');
  }

  protected override renderLegendKey(): unknown {
    return html`<span class="legend-key" aria-hidden="true">
      <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line key validation"></line></svg>validation
      <svg class="swatch" viewBox="0 0 24 10"><line x1="0" x2="24" y1="5" y2="5" class="line key train"></line></svg>training
    </span>`;
  }

  /** The y label cut to the height beside the plot (the full text stays in the chart's summary and legend). */
  #fittedYLabel(label: string, layout: CurveLayout): string {
    const mid = layout.plot.top + layout.plot.height / 2;
    return fitText(label, 2 * Math.min(mid, layout.height - mid) - AXIS_TITLE_INSET, this.fontSize() * CHAR_WIDTH_EM);
  }

  #renderChart(p: PreparedCurves, layout: CurveLayout): TemplateResult {
    const runClass = (run: number) => (p.multi ? `run run-${run % 8}` : '');
    return plotSvg(
      layout,
      p.title,
      `plot ${p.multi ? 'multi' : ''}`,
      svg`
      ${gridTemplate(layout)} ${this.annotations ? this.#renderRegions(layout, runClass) : nothing}
      ${xAxisTemplate(layout, p.xLabel)} ${yAxisTemplate(layout, this.#fittedYLabel(p.yLabel, layout))}
      ${plotClip(
        layout.plot,
        'lines',
        svg`
        ${layout.lines.map((l) =>
          l.rawPaths !== null
            ? svg`<g part="${l.key}-raw-line" class="line raw ${l.key} ${runClass(l.run)}">${segments(l.rawPaths, l.rawDashOffsets!)}</g>`
            : nothing,
        )}
        ${layout.lines.map(
          (
            l,
          ) => svg`<g part="${l.key}-line" class="line ${l.key} ${runClass(l.run)}" data-run=${p.runs[l.run]?.name ?? ''}>${segments(l.paths, l.dashOffsets)}</g>
            ${l.dotCount ? svg`<path part="${l.key}-markers" class="markers ${l.key} ${runClass(l.run)}" d=${l.dots}></path>` : nothing}`,
        )}
      `,
      )}
      ${layout.clipped.map(
        (m) => svg`<path part="clipped-marker" class="clipped-marker ${m.key} ${runClass(m.run)}" d=${edgeTriangle(m.x, m.y, m.side === 'above' ? 1 : -1)}
          data-step=${m.step} data-value=${m.value}></path>`,
      )}
      ${this.annotations ? this.#renderAnnotations(layout, runClass) : nothing} ${this.#renderCrosshair(p, layout, runClass)}`,
    );
  }

  /** Overfitting regions, under the lines. */
  #renderRegions(layout: CurveLayout, runClass: (run: number) => string): SVGTemplateResult {
    const { plot, annotations } = layout;
    const multi = this.prepared.multi;
    // Compared runs: each region is filled with its run's hatching (a pattern per run color, at its own angle).
    const hatches = multi
      ? [...new Set(annotations.regions.map((r) => r.run % 8))].map(
          (k) => svg`<pattern id="overfit-hatch-${k}" class="overfit-hatch run run-${k}" patternUnits="userSpaceOnUse" width="6" height="6"
            patternTransform="rotate(${HATCH_ANGLES[k]})"><line x1="3" y1="-1" x2="3" y2="7"></line></pattern>`,
        )
      : [];
    return svg`${hatches.length ? svg`<defs>${hatches}</defs>` : nothing}${annotations.regions.map(
      (
        r,
      ) => svg`<rect part="overfit-region" class="overfit-region ${runClass(r.run)}" fill=${multi ? `url(#overfit-hatch-${r.run % 8})` : nothing} x=${r.x0} y=${plot.top}
        width=${Math.max(1, r.x1 - r.x0)} height=${plot.height} data-step=${r.onset} data-severity=${r.severity}></rect>`,
    )}`;
  }

  /** Stop lines, divergence markers, best markers and every annotation label, over the lines. */
  #renderAnnotations(layout: CurveLayout, runClass: (run: number) => string): SVGTemplateResult {
    const { plot, annotations: a } = layout;
    return svg`<g class="annotations">
      ${a.stops.map((s) => plotLine(s.x, plot, `stop-line ${runClass(s.run)}`, 'stop-line', s.step))}
      ${a.divergences.map((d) => plotLine(d.x, plot, `divergence ${runClass(d.run)}`, 'divergence-marker', d.step))}
      ${a.best.map((b) => svg`<circle part="best-marker" class="best-marker ${runClass(b.run)}" cx=${b.x} cy=${b.y} r=${BEST_RADIUS} data-step=${b.step}></circle>`)}
      ${a.labels.map(
        (l) => svg`<text part="annotation-label ${l.kind}-label" class="annotation-label ${l.kind} ${runClass(l.run)}" x=${l.x} y=${l.y}
          text-anchor=${l.anchor}>${l.text}</text>`,
      )}
    </g>`;
  }

  #renderCrosshair(p: PreparedCurves, layout: CurveLayout, runClass: (run: number) => string): unknown {
    if (this.crosshair < 0) return nothing;
    const step = this.crosshairSteps()[this.crosshair];
    const x = layout.x.scale(step);
    if (!Number.isFinite(x)) return nothing;
    const dots = layout.lines.map((l) => {
      const line = p.lines.find((pl) => pl.run === l.run && pl.key === l.key)!;
      const j = nearestIndex(line.series.steps, step);
      if (j < 0) return nothing;
      const s = line.series.steps[j];
      const v = (line.smoothed ?? line.series.values)[j];
      if (!drawable(v, p.logY) || !drawable(s, p.logX)) return nothing;
      // A value outside the y range sits on the plot's edge, over its clipped marker.
      const cy = Math.min(layout.plot.top + layout.plot.height, Math.max(layout.plot.top, layout.y.scale(v)));
      return svg`<circle class="dot ${l.key} ${runClass(l.run)}" cx=${layout.x.scale(s)} cy=${cy} r=${FOCUS_RADIUS}></circle>`;
    });
    return svg`<g part="crosshair" class="crosshair">
      ${plotLine(x, layout.plot)} ${dots}
    </g>`;
  }

  #stops: { of: PreparedCurves; version: number; hidden: ReadonlySet<number>; zoom: unknown; steps: Float64Array } | null = null;

  /**
   * Where the crosshair stops: every step of the visible runs' lines inside the zoom, and on a log x axis only
   * where a point can be drawn (step > 0). Cached until the data, its version, the hidden runs or the zoom change.
   */
  protected override crosshairSteps(): ArrayLike<number> {
    const p = this.prepared;
    const c = this.#stops;
    const zoom = this.xDomain;
    if (c && c.of === p && c.version === p.version && c.hidden === this.hiddenRuns && c.zoom === zoom) return c.steps;
    let steps = this.hiddenRuns.size ? unionSteps(p.lines.filter((l) => !this.hiddenRuns.has(l.run)).map((l) => l.series.steps)) : p.steps;
    if (p.logX) steps = steps.filter((s) => s > 0);
    if (zoom) steps = steps.filter((s) => s >= zoom[0] && s <= zoom[1]);
    this.#stops = { of: p, version: p.version, hidden: this.hiddenRuns, zoom, steps };
    return steps;
  }

  /** Tooltip content at a crosshair stop: each visible line's value at its nearest step. */
  protected tooltipRows(index: number): TooltipRows {
    const p = this.prepared;
    const step = this.crosshairSteps()[index];
    const unit = p.indexed ? 'Epoch' : 'Step';
    const { step: formatStep, value: formatValue } = this.formats;
    const items = p.lines
      .filter((l) => !this.hiddenRuns.has(l.run))
      .map((l): TooltipRow => {
        const j = nearestIndex(l.series.steps, step);
        const at = l.series.steps[j];
        const raw = l.series.values[j];
        const shown = l.smoothed ? l.smoothed[j] : raw;
        const value = Number.isNaN(raw) && !l.series.nonFinite[j] ? '—' : formatValue(shown);
        const notes: string[] = [];
        if (l.smoothed && Number.isFinite(raw)) notes.push(`raw ${formatValue(raw)}`);
        const off = this.#outsideNote(raw);
        if (off) notes.push(off);
        if (at !== step) notes.push(`at ${unit.toLowerCase()} ${formatStep(at)}`);
        return { key: l.key, run: l.run, name: l.name, value, note: notes.length ? `(${notes.join(', ')})` : '' };
      });
    return { title: `${unit} ${formatStep(step)}`, items };
  }

  protected override layoutNotices(): string[] {
    return this.#layout?.notes ?? [];
  }

  /** A tooltip note for a value the chart draws outside its y range ("above the y range"); '' when it is inside. */
  #outsideNote(value: number): string {
    const l = this.#layout;
    if (!l || !drawable(value, this.prepared.logY)) return '';
    const [d0, d1] = l.y.scale.domain();
    return value > d1 ? 'above the y range' : value < d0 ? 'below the y range' : '';
  }

  protected pointerFrame() {
    const l = this.#layout;
    return l && { scale: l.x.scale, x0: l.plot.left, x1: l.plot.left + l.plot.width };
  }
}

/** The events `<loss-curve>` fires (`overfit`, `zoom`, `run-toggle`), with those of every element. */
export interface LossCurveEventMap extends HTMLElementEventMap, TrainingChartEvents {}

type Listener<K extends keyof LossCurveEventMap> = (this: LossCurve, event: LossCurveEventMap[K]) => unknown;

// Typed listeners for the element's own events: overloads merged into the class's type, with no code of their own.
export interface LossCurve {
  addEventListener<K extends keyof LossCurveEventMap>(type: K, listener: Listener<K>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LossCurveEventMap>(type: K, listener: Listener<K>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'loss-curve': LossCurve;
  }
}
