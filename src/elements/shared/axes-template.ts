import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { Axis } from '../../core/axes.js';
import type { Rect } from '../../core/layout-curves.js';

/** The pieces of a laid-out chart that the axes need. */
export interface AxesFrame {
  plot: Rect;
  x: Axis;
  y: Axis;
}

const TICK = 5;

/** Grid lines at every tick (minor log ticks fainter), as part `grid`. */
export function gridTemplate({ plot, x, y }: AxesFrame): SVGTemplateResult {
  const right = plot.left + plot.width;
  return svg`<g part="grid" class="grid" aria-hidden="true">
    ${x.ticks.map((t) => plotLine(t.pos, plot, t.label ? '' : 'minor'))}
    ${y.ticks.map((t) => svg`<line class=${t.label ? '' : 'minor'} x1=${plot.left} x2=${right} y1=${t.pos} y2=${t.pos}></line>`)}
  </g>`;
}

/** The x axis along the plot's bottom edge, with tick labels and the axis label, as part `x-axis`. */
export function xAxisTemplate({ plot, x }: AxesFrame, label: string): SVGTemplateResult {
  const y0 = plot.top + plot.height;
  return svg`<g part="x-axis" class="axis x-axis" aria-hidden="true">
    <line x1=${plot.left} x2=${plot.left + plot.width} y1=${y0} y2=${y0}></line>
    ${x.ticks.map((t) =>
      t.label
        ? svg`<line x1=${t.pos} x2=${t.pos} y1=${y0} y2=${y0 + TICK}></line>
          <text x=${t.pos} y=${y0 + TICK + 2} dy="0.71em" text-anchor="middle">${t.label}</text>`
        : nothing,
    )}
    <text class="axis-label" x=${plot.left + plot.width / 2} y=${y0 + TICK + 2} dy="2.1em" text-anchor="middle">${label}</text>
  </g>`;
}

/** The y axis along the plot's left edge, with tick labels and the rotated axis label, as part `y-axis`. */
export function yAxisTemplate({ plot, y }: AxesFrame, label: string): SVGTemplateResult {
  const x0 = plot.left;
  const mid = plot.top + plot.height / 2;
  return svg`<g part="y-axis" class="axis y-axis" aria-hidden="true">
    ${plotLine(x0, plot)}
    ${y.ticks.map((t) =>
      t.label
        ? svg`<line x1=${x0 - TICK} x2=${x0} y1=${t.pos} y2=${t.pos}></line>
          <text x=${x0 - TICK - 3} y=${t.pos} dy="0.32em" text-anchor="end">${t.label}</text>`
        : nothing,
    )}
    <text class="axis-label" transform=${`translate(0,${mid}) rotate(-90)`} dy="1em" text-anchor="middle">${label}</text>
  </g>`;
}

/** A vertical line across the plot at pixel `x`: a grid line, a marker or the crosshair. */
export const plotLine = (x: number, plot: Rect, cls = '', part?: string, step?: number | null): SVGTemplateResult =>
  svg`<line part=${part ?? nothing} class=${cls} x1=${x} x2=${x} y1=${plot.top} y2=${plot.top + plot.height} data-step=${step ?? nothing}></line>`;

/**
 * The chart's SVG (part `svg`), sized to the layout, with its title. Curves go inside `plotClip`, which keeps them
 * inside the plot.
 */
export function plotSvg({ width, height }: { width: number; height: number }, title: string, cls: string, body: unknown): TemplateResult {
  return html`<svg part="svg" class=${cls} width=${width} height=${height} viewBox="0 0 ${width} ${height}" aria-hidden="true">
    <title>${title}</title>
    ${body}
  </svg>`;
}

/** Slack around the plot for the line width: a curve along the plot's edge is drawn whole. */
const CLIP_SLACK = 4;

/**
 * Keeps `body` inside the plot (and a few pixels of slack): a nested `<svg>` viewport, which hides its overflow, in
 * the same coordinates as the chart. Not a `clip-path="url(#id)"`: Chromium's style cache keeps a removed element's
 * shadow root alive through such a reference (a detached `<overfit-gap>` stayed in memory), and ids would have to be
 * unique per shadow root besides.
 */
export function plotClip(plot: Rect, cls: string, body: unknown): SVGTemplateResult {
  const x = plot.left - CLIP_SLACK;
  const y = plot.top - CLIP_SLACK;
  const w = plot.width + 2 * CLIP_SLACK;
  const h = plot.height + 2 * CLIP_SLACK;
  return svg`<svg class="plot-clip ${cls}" x=${x} y=${y} width=${w} height=${h} viewBox="${x} ${y} ${w} ${h}" overflow="hidden">${body}</svg>`;
}
