import { css, unsafeCSS } from 'lit';

/**
 * Theme tokens and the chart frame shared by every element. Public custom properties (`--tc-*`) are read once
 * into private ones (`--_*`) so each default lives in one place and the dark theme only swaps defaults.
 */
// Each theme token: private name (`--_train`), public property (`--tc-train-color` unless given; `-` for a private
// value with no public property), light default, dark default (none: the light one stays), and the value it takes in
// forced-colors mode.
// Contrast (WCAG 2.x) against the default backgrounds, white and the dark theme's #111827: text and labels at least
// 4.5:1, curves and markers at least 3:1, also over the strongest overfitting region (see loss-curve.styles.ts),
// which is why the light validation orange and best green are a shade darker than the dark theme's are light.
const TOKENS: Array<[string, string, string, string, string]> = [
  ['train', '', '#2563eb', '#60a5fa', 'CanvasText'],
  ['validation', '', '#c2410c', '#fb923c', 'Highlight'],
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
  ['caution', '', '#b45309', '#fbbf24', 'Highlight'],
  ['annotation', '', '#b91c1c', '#f87171', 'Highlight'],
  ['best', '', '#166534', '#4ade80', 'Highlight'],
  ['focus', '', '#2563eb', '#93c5fd', 'Highlight'],
  // Fill opacity of the overfitting region by severity: the region over the background measures about 1.2:1 (mild,
  // in the caution color) and 1.3:1 and 1.4:1 (clear, severe, in the annotation color) in either theme.
  ['region-mild', '-', '0.14', '0.1', '0.12'],
  ['region-clear', '-', '0.16', '0.19', '0.2'],
  ['region-severe', '-', '0.19', '0.215', '0.3'],
];
/** The declarations of one column of TOKENS: 2 light, 3 dark (read from the public properties), 4 forced colors. */
const tokens = (column: 2 | 3 | 4) =>
  unsafeCSS(
    TOKENS.filter((t) => t[column])
      .map(([name, pub, ...values]) => {
        const value = values[column - 2];
        return `--_${name}:${column < 4 && pub !== '-' ? `var(--tc-${pub || `${name}-color`},${value})` : value};`;
      })
      .join(''),
  );
const lightTokens = tokens(2);

// Run colors of a comparison: d3's category10 hues (with teal for brown), at 5:1 or more on white (light) and 6.4:1
// or more on #111827 (dark), so that a run's line and its label text read on either background.
const RUN_COLORS = [
  ['#2a62c9', '#6aa4ff'],
  ['#b05400', '#ff8a3d'],
  ['#2a7d2e', '#5cc764'],
  ['#cc1f3f', '#ff6b80'],
  ['#8040c0', '#c08aff'],
  ['#007a86', '#2cc3c3'],
  ['#b02e9a', '#ef7fe0'],
  ['#656565', '#a8a8a8'],
];
const runTokens = (theme: 0 | 1) => unsafeCSS(RUN_COLORS.map((c, i) => `--_run-${i}:var(--tc-run-${i + 1}-color,${c[theme]});`).join(''));
// .run-0 … .run-7 pick their run's color.
const runClasses = unsafeCSS(RUN_COLORS.map((_, i) => `.run-${i}{--_run:var(--_run-${i})}`).join(''));
// In forced colors every run is drawn in CanvasText: each run's dash pattern tells them apart instead (dashes leave
// room for the round caps of a 2px line).
const RUN_DASHES = ['none', '10 5', '1 5', '10 5 1 5', '18 6', '4 5', '10 5 1 5 1 5', '18 5 4 5'];
const runDashes = unsafeCSS(RUN_DASHES.map((d, i) => `.run-${i}{--_run-dash:${d}}`).join(''));

const darkTokens = unsafeCSS(`${tokens(3)}${runTokens(1)}`);

export const chartStyles = css`
  :host {
    ${lightTokens}
    ${runTokens(0)}
    /* What is behind the chart: the halo around annotation labels. */
    --_surface: var(--tc-background, var(--_tooltip-background));
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
    /* Vertical page scrolling stays the browser's; horizontal drags and pinches zoom the chart. */
    touch-action: pan-y;
  }
  .chart:focus-visible {
    box-shadow: 0 0 0 2px var(--_focus);
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
    flex: none;
    gap: 4px 16px;
    align-items: center;
    min-height: 1.5em;
    padding: 0 0 4px;
  }
  /* Many runs: the legend scrolls past two rows of buttons (each 1.5em and 4px of padding and border, 4px apart) or a
     quarter of the height, whichever is more, and the plot keeps the rest. Tabbing to a run's button scrolls it into
     view. The line-style key comes first, so that it stays in sight. */
  .legend[role='group'] {
    line-height: 1.5em;
    max-height: max(3em + 12px, 25%);
    overflow-y: auto;
    overscroll-behavior: contain;
    scrollbar-width: thin;
  }
  .legend[role='group'] > .legend-key {
    order: -1;
    padding: 2px 0;
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
    ${runDashes}
    button.legend-item[aria-pressed='false'] {
      color: GrayText;
    }
    /* Also over a theme attribute's tokens. */
    :host,
    :host([theme]) {
      ${tokens(4)}
      --_surface: Canvas;
    }
    .chart:focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
