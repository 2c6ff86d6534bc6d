import { css } from 'lit';

export const lossCurveStyles = css`
  .line {
    fill: none;
    stroke-width: var(--_line-width);
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .line.train {
    stroke: var(--_train);
  }
  .line.validation {
    stroke: var(--_validation);
  }
  .line.raw {
    stroke-opacity: 0.25;
    stroke-width: 1px;
  }
  .markers.train,
  .dot.train {
    fill: var(--_train);
  }
  .markers.validation,
  .dot.validation {
    fill: var(--_validation);
  }
  .dot {
    stroke: var(--_tooltip-background);
    stroke-width: 1.5px;
  }
  .divergence line {
    stroke: var(--_annotation);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  .divergence text {
    fill: var(--_annotation);
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
  @media (forced-colors: active) {
    /* Colors collapse to a few system colors: tell validation from training by its dash too. */
    .line.validation {
      stroke-dasharray: 6 3;
    }
  }
`;
