import { html, nothing, type TemplateResult } from 'lit';
import type { PreparedCurves } from '../../core/prepare-curves.js';

/** One row of the tooltip. */
export interface TooltipRow {
  key: string;
  run: number;
  name: string;
  value: string;
  note: string;
}

/** The tooltip's content at a crosshair stop: a title (the step) and one row per line. */
export interface TooltipRows {
  title: string;
  items: TooltipRow[];
}

/** A legend entry of a single run's chart. */
export interface LegendEntry {
  key: string;
  run: number;
  name: string;
}

/** A 24×10 line swatch in a line's classes (its color; in forced colors its dash pattern). */
const swatch = (cls: string) =>
  html`<svg class="swatch" viewBox="0 0 24 10" aria-hidden="true"><line x1="0" x2="24" y1="5" y2="5" class="line ${cls}"></line></svg>`;

/**
 * The legend: plain entries for a single run (`<span part="legend-entry">`), toggle buttons (aria-pressed) for a
 * comparison (`<button part="legend-item">`), followed by `key` (a line-style key). Two part names, so that each is
 * one element type: a page styling the buttons (a focus ring, a pressed state) does not style plain text.
 */
export function legendTemplate(
  p: PreparedCurves,
  entries: readonly LegendEntry[],
  hidden: ReadonlySet<number>,
  toggle: (index: number) => void,
  key: unknown,
): TemplateResult {
  if (p.multi) {
    return html`<div part="legend" class="legend" role="group" aria-label="Runs">
      ${p.runs.map((r) => {
        const on = !hidden.has(r.index);
        return html`<button
          part="legend-item"
          class="legend-item run run-${r.index % 8}"
          type="button"
          aria-pressed=${on ? 'true' : 'false'}
          title=${on ? `Hide ${r.name}` : `Show ${r.name}`}
          @click=${() => toggle(r.index)}
        >
          ${swatch('validation run')}${r.name}
        </button>`;
      })}
      ${key}
    </div>`;
  }
  return html`<div part="legend" class="legend" aria-hidden="true">
    ${entries.map((e) => html`<span part="legend-entry" class="legend-item ${e.key}"> ${swatch(e.key)} ${e.name} </span>`)}
  </div>`;
}

/** The focusable chart's listeners; Lit calls them with the element as `this`. */
export interface FrameListeners {
  pointermove(event: PointerEvent): void;
  pointerdown(event: PointerEvent): void;
  pointerup(event: PointerEvent): void;
  pointerleave(): void;
  wheel(event: WheelEvent): void;
  dblclick(): void;
  keydown(event: KeyboardEvent): void;
}

/** The focusable chart area: the drawing, the message (what it shows instead of one), the tooltip and (unless there is a message) the zoom controls. */
export function frameTemplate(
  p: PreparedCurves,
  message: string | null,
  on: FrameListeners,
  chart: unknown,
  tooltip: unknown,
  controls: unknown,
): TemplateResult {
  return html`<div
    part="chart"
    class="chart"
    role="figure"
    tabindex="0"
    aria-label=${p.title}
    aria-describedby="summary"
    @pointermove=${on.pointermove}
    @pointerdown=${on.pointerdown}
    @pointerup=${on.pointerup}
    @pointercancel=${on.pointerup}
    @pointerleave=${on.pointerleave}
    @wheel=${on.wheel}
    @dblclick=${on.dblclick}
    @keydown=${on.keydown}
    @blur=${on.pointerleave}
  >
    ${chart} ${message ? html`<div part="message" class="message" role="status">${message}</div>` : nothing} ${tooltip}
    ${message ? nothing : controls}
  </div>`;
}

/** Notes about left-out data, the screen-reader summary and the live region. */
export function footerTemplate(
  p: PreparedCurves,
  message: string | null,
  summary: string,
  layoutNotices: readonly string[],
  announcement: string,
): TemplateResult {
  const notices = message ? [] : [...p.notices, ...layoutNotices];
  return html`${
    notices.length
      ? html`<ul part="notice" class="notice">
          ${notices.map((n) => html`<li>${n}</li>`)}
        </ul>`
      : nothing
  }
    <p id="summary" class="sr-only">${summary} ${message ? '' : 'Use the arrow keys to read values.'}</p>
    <div class="sr-only" role="status" aria-live="polite">${announcement}</div>`;
}

/**
 * The tooltip box: a title and one row per line, beside the crosshair at pixel `x`, on the side away from the plot's
 * middle (`plotMid`). `multi`: a comparison, whose swatches are drawn as the run's lines are.
 */
export function tooltipTemplate(rows: TooltipRows | null, x: number, width: number, plotMid: number, multi: boolean): TemplateResult {
  const style = rows ? (x > plotMid ? `right:${width - x + 10}px` : `left:${x + 10}px`) : '';
  const run = multi ? 'run' : '';
  return html`<div part="tooltip" class="tooltip" ?hidden=${!rows} style=${style} aria-hidden="true">
    ${
      rows
        ? html`<div class="step">${rows.title}</div>
          ${rows.items.map(
            (r) => html`<div class="row ${r.key} ${run} run-${r.run % 8}">
              ${swatch(`${r.key} ${run}`)}
              <span class="name">${r.name}</span> <b class="value">${r.value}</b>${r.note ? html` <span class="note">${r.note}</span>` : nothing}
            </div>`,
          )}`
        : nothing
    }
  </div>`;
}
