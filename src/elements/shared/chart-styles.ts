import { css } from 'lit';

/**
 * Theme tokens and the chart frame shared by every element. Public custom properties (`--tc-*`) are read once
 * into private ones (`--_*`) so each default lives in one place and the dark theme only swaps defaults.
 */
const lightTokens = css`
  --_train: var(--tc-train-color, #2563eb);
  --_validation: var(--tc-validation-color, #ea580c);
  --_gap: var(--tc-gap-color, #7c3aed);
  --_text: var(--tc-text-color, #1f2937);
  --_muted: var(--tc-muted-color, #6b7280);
  --_grid: var(--tc-grid-color, #e5e7eb);
  --_axis: var(--tc-axis-color, #9ca3af);
  --_background: var(--tc-background, transparent);
  --_tooltip-background: var(--tc-tooltip-background, #ffffff);
  --_tooltip-border: var(--tc-tooltip-border-color, #d1d5db);
  --_warning: var(--tc-warning-color, #b91c1c);
  --_ok: var(--tc-ok-color, #15803d);
  --_annotation: var(--tc-annotation-color, #b91c1c);
  --_best: var(--tc-best-color, #15803d);
  --_focus: var(--tc-focus-color, #2563eb);
`;

// Run colors of a comparison (d3's category10, which stays legible on light and dark backgrounds).
const runTokens = css`
  --_run-0: var(--tc-run-1-color, #1f77b4);
  --_run-1: var(--tc-run-2-color, #ff7f0e);
  --_run-2: var(--tc-run-3-color, #2ca02c);
  --_run-3: var(--tc-run-4-color, #d62728);
  --_run-4: var(--tc-run-5-color, #9467bd);
  --_run-5: var(--tc-run-6-color, #8c564b);
  --_run-6: var(--tc-run-7-color, #e377c2);
  --_run-7: var(--tc-run-8-color, #7f7f7f);
`;

const darkTokens = css`
  --_train: var(--tc-train-color, #60a5fa);
  --_validation: var(--tc-validation-color, #fb923c);
  --_gap: var(--tc-gap-color, #a78bfa);
  --_text: var(--tc-text-color, #e5e7eb);
  --_muted: var(--tc-muted-color, #9ca3af);
  --_grid: var(--tc-grid-color, #374151);
  --_axis: var(--tc-axis-color, #6b7280);
  --_tooltip-background: var(--tc-tooltip-background, #111827);
  --_tooltip-border: var(--tc-tooltip-border-color, #4b5563);
  --_warning: var(--tc-warning-color, #f87171);
  --_ok: var(--tc-ok-color, #4ade80);
  --_annotation: var(--tc-annotation-color, #f87171);
  --_best: var(--tc-best-color, #4ade80);
  --_focus: var(--tc-focus-color, #93c5fd);
`;

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
  .run-0 { --_run: var(--_run-0); }
  .run-1 { --_run: var(--_run-1); }
  .run-2 { --_run: var(--_run-2); }
  .run-3 { --_run: var(--_run-3); }
  .run-4 { --_run: var(--_run-4); }
  .run-5 { --_run: var(--_run-5); }
  .run-6 { --_run: var(--_run-6); }
  .run-7 { --_run: var(--_run-7); }
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
      --_train: CanvasText;
      --_validation: Highlight;
      --_gap: CanvasText;
      --_text: CanvasText;
      --_muted: CanvasText;
      --_grid: GrayText;
      --_axis: CanvasText;
      --_tooltip-background: Canvas;
      --_tooltip-border: CanvasText;
      --_warning: CanvasText;
      --_ok: CanvasText;
      --_annotation: Highlight;
      --_best: Highlight;
      --_focus: Highlight;
      --_background: Canvas;
    }
    .chart:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
