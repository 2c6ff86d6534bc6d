import { css } from 'lit';

export const lossCurveStyles = css`
  /* Bevel joins: never past the stroke's half width (a miter would overshoot a spike's peak), and a dense decimated
     line rasterizes in well under the time of round joins. */
  .line {
    fill: none;
    stroke-width: var(--_line-width);
    stroke-linejoin: bevel;
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
  /* A point outside the y range: a triangle on the plot's edge in its line's color, outlined to stand off the line. */
  .clipped-marker {
    fill: var(--_validation);
    stroke: var(--_surface);
    stroke-width: 1px;
  }
  .clipped-marker.train {
    fill: var(--_train);
  }
  .clipped-marker.run {
    fill: var(--_run);
  }
  line.divergence {
    stroke: var(--_annotation);
    stroke-width: 1.5px;
    stroke-dasharray: 4 3;
  }
  /* Comparing runs: one color per run; validation solid, training dashed. */
  .line.run,
  .legend .line.key {
    stroke: var(--_run, var(--_muted));
  }
  .line.train.run,
  .line.key.train {
    stroke-dasharray: 5 3;
    stroke-width: calc(var(--_line-width) * 0.75);
  }
  .legend-item.run .line,
  .row.run .line {
    stroke: var(--_run);
  }
  .multi .markers.run,
  .dot.run {
    fill: var(--_run);
  }
  /* The overfitting region: a tint whose strength follows the severity (data-severity, set by the layout); mild is a
     caution in amber, clear and severe the alarm in the annotation color. Without a severity it is drawn as clear. */
  .overfit-region:not(.run) {
    fill: var(--_annotation);
    fill-opacity: var(--_region-clear);
  }
  .overfit-region:not(.run)[data-severity='mild'] {
    fill: var(--_caution);
    fill-opacity: var(--_region-mild);
  }
  .overfit-region:not(.run)[data-severity='severe'] {
    fill-opacity: var(--_region-severe);
    stroke: var(--_annotation);
    stroke-width: 1.5px;
  }
  /* Compared runs: each region is hatched in its run's color at its own angle (the fill is the run's pattern), so
     overlapping regions show both runs' hatching instead of a blend of their tints. */
  .overfit-hatch line {
    stroke: var(--_run);
    stroke-width: 1.5px;
    stroke-opacity: 0.7;
  }
  .overfit-region.run {
    fill-opacity: 0.75;
  }
  .overfit-region.run[data-severity='mild'] {
    fill-opacity: 0.45;
  }
  .overfit-region.run[data-severity='severe'] {
    fill-opacity: 1;
  }
  .stop-line {
    stroke: var(--_muted);
    stroke-width: 1.5px;
    stroke-dasharray: 2 3;
  }
  .stop-line.run {
    stroke: var(--_run);
  }
  .best-marker {
    fill: none;
    stroke: var(--_best);
    stroke-width: 2px;
  }
  .best-marker.run {
    stroke: var(--_run);
  }
  /* A halo in the background color under each label: the text keeps its contrast over curves, grid and hatching. */
  .annotation-label {
    font-size: 0.92em;
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
    stroke-linejoin: round;
    fill: var(--_text);
  }
  .annotation-label.best {
    fill: var(--_best);
  }
  .annotation-label.overfit,
  .annotation-label.divergence {
    fill: var(--_annotation);
    font-weight: 600;
  }
  /* Text color, not muted: muted gray is 4.8:1 on white but under 4.5:1 over the overfitting region. */
  .annotation-label.stop {
    fill: var(--_text);
  }
  .annotation-label.run {
    fill: var(--_run);
  }
  @media (forced-colors: active) {
    /* Colors collapse to a few system colors: tell validation from training by its dash too, and runs apart by each
       run's dash pattern (training in GrayText, thinner). The legend swatches carry the same classes. */
    .line.validation:not(.run) {
      stroke-dasharray: 6 3;
    }
    .line.run,
    .line.train.run {
      stroke-dasharray: var(--_run-dash);
    }
    .line.train.run {
      stroke: GrayText;
    }
    .legend .line.key {
      stroke: CanvasText;
      stroke-dasharray: none;
    }
    .legend .line.key.train {
      stroke: GrayText;
    }
    .overfit-region:not(.run) {
      fill: Highlight;
    }
  }
`;
