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
  .gap-area.positive {
    fill-opacity: 0.25;
  }
  /* Validation doing better than training (Dropout, an epoch-averaged training loss) is no alarm: neutral. */
  .gap-area.negative {
    fill: var(--_muted);
    fill-opacity: 0.18;
  }
  .gap-markers {
    fill: var(--_series, var(--_gap));
    stroke: var(--_tooltip-background);
    stroke-width: 1px;
  }
  .zero-line {
    stroke: var(--_text);
    stroke-opacity: 0.6;
    shape-rendering: crispEdges;
  }
  .threshold-band {
    fill: var(--_ok);
    fill-opacity: 0.08;
  }
  .threshold-line {
    stroke: var(--_warning);
    stroke-dasharray: 4 3;
  }
  .threshold-label {
    fill: var(--_warning);
    font-size: 0.92em;
  }
  line.divergence,
  .overfit-line {
    stroke: var(--_annotation);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  .overfit-dot {
    fill: var(--_annotation);
  }
  .overfit-marker.run .overfit-line {
    stroke: var(--_run);
  }
  .overfit-marker.run .overfit-dot {
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
  /* Fixed widths, so that badges in a table line up and are all as wide: "+999.999" and "overfitting" fit. */
  .badge .value {
    box-sizing: border-box;
    width: 4.9em;
    text-align: right;
  }
  /* A badge with nothing to show ("—") is as wide as the others: sparkline, value and pill, their two gaps, the
     padding and border. */
  .badge.empty {
    box-sizing: border-box;
    min-width: calc(var(--tc-sparkline-width, 80px) + 4.9em + 7.6em * 0.85 + 26px);
    justify-content: center;
    color: var(--_muted);
  }
  .badge .state {
    box-sizing: border-box;
    width: 7.6em;
    text-align: center;
    padding: 0 4px;
    border-radius: 999px;
    font-size: 0.85em;
    color: var(--_tone);
    border: 1px solid currentColor;
  }
  .badge.tone-ok {
    --_tone: var(--_ok);
  }
  .badge.tone-neutral {
    --_tone: var(--_muted);
  }
  .badge.tone-caution {
    --_tone: var(--_caution);
  }
  .badge.tone-alarm {
    --_tone: var(--_warning);
  }
  /* A gap above the threshold: the number in the pill's color, so both say the same. */
  .badge.over .value {
    color: var(--_tone);
    font-weight: 600;
  }
  .run-name {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .gap-area.positive {
      fill: Highlight;
    }
    .gap-area.negative {
      fill: GrayText;
    }
    .gap-line {
      stroke: CanvasText;
    }
    /* Compared runs are told apart by their dash pattern, as in <loss-curve>; their legend swatches match. */
    .gap.run .gap-line {
      stroke-dasharray: var(--_run-dash, none);
    }
  }
`;
