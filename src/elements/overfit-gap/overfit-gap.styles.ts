import { css } from 'lit';

export const overfitGapStyles = css`
  :host([compact]) {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 4px;
    height: auto;
    min-height: 0;
    vertical-align: middle;
  }
  .gap {
    --_series: var(--_gap);
  }
  .gap.run {
    --_series: var(--_run);
  }
  .gap-line {
    fill: none;
    stroke: var(--_series, var(--_gap));
    stroke-width: var(--_line-width);
    stroke-linejoin: bevel;
  }
  .gap-area {
    fill: var(--_series, var(--_gap));
    stroke: none;
  }
  .gap-area.steady {
    fill-opacity: 0.12;
  }
  .gap-area.growing {
    fill-opacity: 0.35;
  }
  .zero-line {
    stroke: var(--_text);
    stroke-opacity: 0.6;
    shape-rendering: crispEdges;
  }
  .threshold rect {
    fill: var(--_ok);
    fill-opacity: 0.08;
  }
  .threshold line,
  .threshold-line {
    stroke: var(--_warning);
    stroke-dasharray: 4 3;
  }
  .threshold-label {
    fill: var(--_warning);
    font-size: 0.92em;
  }
  line.divergence {
    stroke: var(--_annotation);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  .onset line {
    stroke: var(--_annotation);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  .onset circle,
  .onset-dot {
    fill: var(--_annotation);
  }
  .onset.run line {
    stroke: var(--_run);
  }
  .onset.run circle {
    fill: var(--_run);
  }
  .annotation-label.run {
    fill: var(--_run);
  }
  .annotation-label {
    fill: var(--_annotation);
    font-weight: 600;
    font-size: 0.92em;
    paint-order: stroke;
    stroke: var(--_tooltip-background);
    stroke-width: 3px;
  }
  .dot {
    fill: var(--_gap);
    stroke: var(--_tooltip-background);
    stroke-width: 1.5px;
  }
  .dot.run {
    fill: var(--_run);
  }
  .legend .line.gap,
  .row .line.gap {
    stroke: var(--_gap);
    stroke-width: 2px;
  }
  .legend-item.run .line,
  .row.run .line {
    stroke: var(--_run);
    stroke-width: 2px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 6px;
    border: 1px solid var(--_grid);
    border-radius: 4px;
    line-height: 1.2;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .sparkline {
    display: block;
    width: var(--tc-sparkline-width, 80px);
    overflow: visible;
  }
  .badge .value {
    min-width: 5.6em;
    text-align: right;
  }
  .badge.over .value {
    color: var(--_warning);
    font-weight: 600;
  }
  .badge .state {
    padding: 0 6px;
    border-radius: 999px;
    font-size: 0.85em;
    color: var(--_ok);
    border: 1px solid currentColor;
  }
  .badge.state-overfitting .state,
  .badge.state-diverged .state {
    color: var(--_warning);
  }
  .badge.state-plateau .state {
    color: var(--_muted);
  }
  .run-name {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .gap-area.growing {
      fill: Highlight;
    }
    .gap-line {
      stroke: CanvasText;
    }
  }
`;
