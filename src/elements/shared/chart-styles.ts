import { css, unsafeCSS } from 'lit';

/**
 * Theme tokens and the chart frame shared by every element. Public custom properties (`--tc-*`) are read once
 * into private ones (`--_*`) so each default lives in one place and the dark theme only swaps defaults.
 */
// Each theme token: private name (`--_train`), public property (`--tc-train-color` unless given), light default,
// dark default (none: the light one stays), and the system color it takes in forced-colors mode.
const TOKENS: Array<[string, string, string, string, string]> = [
  ['train', '', '#2563eb', '#60a5fa', 'CanvasText'],
  ['validation', '', '#ea580c', '#fb923c', 'Highlight'],
  ['gap', '', '#7c3aed', '#a78bfa', 'CanvasText'],
  ['text', '', '#1f2937', '#e5e7eb', 'CanvasText'],
  ['muted', '', '#6b7280', '#9ca3af', 'CanvasText'],
  ['grid', '', '#e5e7eb', '#374151', 'GrayText'],
  ['axis', '', '#9ca3af', '#6b7280', 'CanvasText'],
  ['background', 'background', 'transparent', '', 'Canvas'],
  ['tooltip-background', 'tooltip-background', '#ffffff', '#111827', 'Canvas'],
  ['tooltip-border', '', '#d1d5db', '#4b5563', 'CanvasText'],
  ['warning', '', '#b91c1c', '#f87171', 'CanvasText'],
  ['ok', '', '#15803d', '#4ade80', 'CanvasText'],
  ['annotation', '', '#b91c1c', '#f87171', 'Highlight'],
  ['best', '', '#15803d', '#4ade80', 'Highlight'],
  ['focus', '', '#2563eb', '#93c5fd', 'Highlight'],
];
/** The declarations of one column of TOKENS: 2 light, 3 dark (read from the public properties), 4 forced colors. */
const tokens = (column: 2 | 3 | 4) =>
  unsafeCSS(
    TOKENS.filter((t) => t[column])
      .map(([name, pub, ...values]) => `--_${name}:${column < 4 ? `var(--tc-${pub || `${name}-color`},${values[column - 2]})` : values[2]};`)
      .join(''),
  );
const lightTokens = tokens(2);

// Run colors of a comparison (d3's category10, which stays legible on light and dark backgrounds).
const RUN_COLORS = ['1f77b4', 'ff7f0e', '2ca02c', 'd62728', '9467bd', '8c564b', 'e377c2', '7f7f7f'];
const runTokens = unsafeCSS(RUN_COLORS.map((c, i) => `--_run-${i}:var(--tc-run-${i + 1}-color,#${c});`).join(''));
// .run-0 … .run-7 pick their run's color.
const runClasses = unsafeCSS(RUN_COLORS.map((_, i) => `.run-${i}{--_run:var(--_run-${i})}`).join(''));

const darkTokens = tokens(3);

export const chartStyles = css`
  :host {
    ${lightTokens}
    ${runTokens}
    --_line-width: var(--tc-line-width, 2px);
    --_font: var(--tc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--tc-font-size, 12px);
    display: block;
    position: relative;
    height: 300px;
    min-height: 120px;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    height: 100%;
    width: 100%;
  }
  .chart {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    outline: none;
    border-radius: 4px;
  }
  .chart:focus-visible {
    box-shadow: 0 0 0 2px var(--_focus);
  }
  .chart {
    /* Vertical page scrolling stays the browser's; horizontal drags and pinches zoom the chart. */
    touch-action: pan-y;
  }
  .zoom-brush {
    position: absolute;
    top: 0;
    bottom: 0;
    background: var(--_focus);
    opacity: 0.15;
    pointer-events: none;
  }
  .zoom-reset {
    position: absolute;
    top: 2px;
    right: 2px;
    font: inherit;
    font-size: 0.9em;
    color: var(--_text);
    background: var(--_tooltip-background);
    border: 1px solid var(--_tooltip-border);
    border-radius: 4px;
    padding: 1px 6px;
    cursor: pointer;
  }
  .zoom-reset:focus-visible {
    outline: 2px solid var(--_focus);
  }
  svg.plot {
    position: absolute;
    inset: 0;
    display: block;
    overflow: visible;
    font-family: var(--_font);
    font-size: var(--_font-size);
    user-select: none;
    -webkit-user-select: none;
  }
  .grid line {
    stroke: var(--_grid);
    shape-rendering: crispEdges;
  }
  .grid line.minor {
    stroke-opacity: 0.5;
  }
  .axis line,
  .axis path {
    stroke: var(--_axis);
    shape-rendering: crispEdges;
  }
  .axis text {
    fill: var(--_muted);
  }
  .axis .axis-label {
    fill: var(--_text);
  }
  .crosshair line {
    stroke: var(--_muted);
    stroke-dasharray: 3 3;
  }
  .tooltip {
    position: absolute;
    top: 0;
    pointer-events: none;
    background: var(--_tooltip-background);
    color: var(--_text);
    border: 1px solid var(--_tooltip-border);
    border-radius: 4px;
    padding: 4px 8px;
    white-space: nowrap;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
    z-index: 1;
    line-height: 1.5;
    font-variant-numeric: tabular-nums;
  }
  .tooltip[hidden] {
    display: none;
  }
  .tooltip .step {
    font-weight: 600;
  }
  .tooltip .note {
    color: var(--_muted);
  }
  .tooltip .row {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .message {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    text-align: center;
    padding: 1em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .notice {
    color: var(--_warning);
    font-size: 0.9em;
    margin: 2px 0 0;
    padding: 0;
    list-style: none;
    overflow-wrap: anywhere;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    align-items: center;
    min-height: 1.5em;
    padding: 0 0 4px;
  }
  .legend-item {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--_text);
  }
  .swatch {
    width: 24px;
    height: 10px;
    flex: none;
  }
  ${runClasses}
  button.legend-item {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 1px 6px;
    cursor: pointer;
  }
  button.legend-item:hover {
    border-color: var(--_grid);
  }
  button.legend-item:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  button.legend-item[aria-pressed='false'] {
    opacity: 0.45;
    text-decoration: line-through;
  }
  .legend-key {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    .run {
      --_run: CanvasText;
    }
    button.legend-item[aria-pressed='false'] {
      color: GrayText;
    }
    :host {
      ${tokens(4)}
    }
    .chart:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
