import { pointer } from 'd3-selection';

/**
 * The x of a pointer or wheel event in the chart's SVG coordinates (the layout's pixels). d3 maps the event's client
 * position through the SVG's screen matrix, so a chart inside CSS transforms (a scaled slide, a rotated or zoomed
 * view, nested) reads the step under the pointer; `chart` is the frame that holds the SVG.
 */
export function plotX(event: MouseEvent, chart: Element): number {
  const svg = chart.querySelector(':scope > svg');
  return pointer(event, svg ?? chart)[0];
}
