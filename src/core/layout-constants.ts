/**
 * The numbers a chart's layout is made of, each with its reason, in one place: margins, tick density, marker and
 * label sizes. Lengths ending in `_EM` are multiples of the tick labels' font size (they scale with it); the others
 * are CSS pixels. The layouts (layout-curves.ts, layout-gap.ts), label placement and the elements read them from here.
 */

// Text metrics: the layout reserves room for text without measuring it.

/** Average advance of a tick-label character (digits, `.`, `k`, `−`) in system UI fonts, in em: room for labels. */
export const CHAR_WIDTH_EM = 0.62;
/** A label's line height, in em: the spacing of label rows and the height of a label's box. */
export const LINE_HEIGHT_EM = 1.2;
/** How far a label's box reaches above its baseline (the ascent) and below it, as fractions of the line height. */
export const LABEL_ASCENT = 0.8;
export const LABEL_DESCENT = 0.2;

// Margins around the plot, for the axes' tick labels and titles.

/** Above the plot: half a y tick label, which is centered on the top tick. */
export const MARGIN_TOP_EM = 0.75;
/** Below the plot: the tick marks, the x tick labels and the x axis title under them (see axes-template.ts). */
export const MARGIN_BOTTOM_EM = 3.4;
/** Right of the plot: half of the last x tick label, which is centered on the plot's right edge. */
export const MARGIN_RIGHT_EM = 1.5;
/** Left of the plot, besides the widest y tick label: the tick marks and the rotated y axis title. */
export const MARGIN_LEFT_EM = 2.4;
/** The smallest plot, px: a chart squeezed to nothing still has axes to read and a range to scale into. */
export const MIN_PLOT = 10;
/** A sparkline's (`<overfit-gap compact>`) margin, px: half its line's width and the dots' radius fit inside. */
export const SPARKLINE_PAD = 2;
/** A sparkline's smallest plot, px. */
export const SPARKLINE_MIN_PLOT = 4;
/** A sparkline's height: at least this many px, else this many em, so it sits in a line of text. */
export const SPARKLINE_MIN_HEIGHT = 12;
export const SPARKLINE_HEIGHT_EM = 1.6;
/** A sparkline's width when its container does not give one, px. */
export const SPARKLINE_WIDTH = 80;

// Axes.

/** Pixels per y tick, and per x tick (x labels are wider than tall): about 5 of each on a 400 × 200 plot. */
export const Y_TICK_SPACING = 40;
export const X_TICK_SPACING = 80;
/** At least this many ticks on an axis, so that even a small chart shows a range. */
export const MIN_TICKS = 2;
/**
 * A value outside the y range (an outlier left out) is drawn at most this many plot heights past the plot's edge: far
 * enough that the segment is all but vertical inside the plot, near enough that no reader of the geometry (label
 * placement included) works across millions of pixels.
 */
export const Y_OVERSHOOT_PLOTS = 8;
/** Slack when testing whether a pixel is inside the plot, px: scaled positions on the edges round either way. */
export const EDGE_SLACK = 0.5;

// Decimation.

/**
 * Lines with more than this many points per pixel column are decimated (each column's first, lowest, highest and
 * last point, see m4.ts); up to it every point is drawn: decimation would save little, and M4 is exact anyway.
 */
export const POINTS_PER_COLUMN = 4;

// Markers.

/** Validation points get dots while there are at most this many, and at least this many px apart: few enough to read. */
export const MARKER_MAX = 60;
export const MARKER_SPACING = 10;
/** Radius of a validation dot (and of an isolated point's), px. */
export const DOT_RADIUS = 2.5;
/** Radius of a gap chart's dots on a stepped gap's validation checks, px, and a sparkline's. */
export const GAP_DOT_RADIUS = 3;
export const SPARKLINE_DOT_RADIUS = 1.5;
/** Radius of the best-epoch marker, px: larger than the dots, so it reads as one point picked out. */
export const BEST_RADIUS = 5;
/** Radius of the crosshair's dots and the gap chart's onset dot, px. */
export const FOCUS_RADIUS = 4;
/** Radius of a sparkline's onset dot, px. */
export const SPARKLINE_FOCUS_RADIUS = 2.5;
/** A clipped marker: a triangle this many px wide and tall, its tip on the plot's edge at the point's x. */
export const CLIPPED_WIDTH = 8;
export const CLIPPED_HEIGHT = 7;

// Labels placed on the plot (see place-labels.ts).

/** Clearance between a label and the ink, markers and labels around it, px: half a curve's width, plus rounding. */
export const LABEL_PAD = 1.5;
/** A label beside a vertical mark (a stop or divergence line, the onset) starts this many px from it. */
export const LABEL_OFFSET = 4;
/** Plot area in px² per label when comparing runs: 15 labels in an 800 × 400 chart, 8 in a 600 × 300 one. */
export const LABEL_AREA = 16000;
/** At least this many labels on a crowded comparison, whatever its size. */
export const MIN_LABELS = 2;
/** Labels use their short texts on plots narrower than this many characters or lower than this many lines. */
export const COMPACT_CHARS = 48;
export const COMPACT_LINES = 8;
/** Label rows: the first baseline this many em below the plot's top, the last this many above its bottom. */
export const ROWS_TOP_EM = 1.1;
export const ROWS_BOTTOM_EM = 0.5;
/** Rows every this many em: half a line, so a label finds a free row between two others. */
export const ROW_STEP_EM = 0.65;
/** The gap chart's onset and divergence labels: this many rows, a line and a bit apart, from the top. */
export const GAP_LABEL_ROWS = 6;
export const GAP_ROW_STEP_EM = 1.3;
/**
 * The best marker's label: this many px from the marker's center, nearest first. 11 clears the marker (its radius,
 * its stroke) and the label's clearance; 32 is about two lines away, past which a label no longer reads as its mark's.
 */
export const BEST_LABEL_DISTANCES = [11, 20, 32];
/** A label below a mark drops its baseline by this many em more (its ascent); beside it, by this (its x-height). */
export const BELOW_BASELINE_EM = 0.8;
export const BESIDE_BASELINE_EM = 0.35;
/** A label starting or ending just past a marker's center (near the plot's edge) is this many px off it. */
export const BEST_LABEL_SHIFT = 6;
/** Labels keep this far from a line's last point, px, where the eye reads the final value. */
export const LINE_END_CLEARANCE = 7;
/** Labels keep this far from the best marker's center, px: its radius and stroke. */
export const BEST_CLEARANCE = BEST_RADIUS + 1;
/** The cell of the raster labels are tested against the curves on, px: about a curve's width, so that covering it counts. */
export const INK_CELL = 3;
/** Labels keep this far from a stop or divergence line on each side, px: the line's stroke. */
export const MARK_LINE_CLEARANCE = 1;
/** A rotated y axis title is fitted to the chart's height, centered on the plot, less this many px (2 at each end). */
export const AXIS_TITLE_INSET = 4;
