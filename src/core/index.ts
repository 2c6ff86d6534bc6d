/**
 * The DOM-free core of training-curves: input normalization, smoothing, the fit analysis and Keras's early stopping,
 * preparation and layout of a chart (axes, paths and placed labels for a size). Runs in Node, workers and browsers
 * alike. This is the documented API; the modules behind it (decimation, caches, label grids, running statistics)
 * are internal and may change in any release.
 */
export { normalizeSeries } from './series.js';
export type { Series, SeriesInput, StepValue, ColumnarSeries, InputIssue, NormalizeOptions, NormalizeResult } from './series.js';
export { seriesFromHistory } from './history.js';
export type { KerasHistory, HistorySeries } from './history.js';
export { smoothEma } from './smoothing.js';
export type { Mode } from './metric-mode.js';
export { analyzeFit, DEFAULT_PATIENCE } from './analyze-fit.js';
export type { FitAnalysis, FitOptions, FitState, Severity, StepPoint } from './analyze-fit.js';
export { earlyStopping, EarlyStoppingState } from './early-stopping.js';
export type { EarlyStoppingOptions, EarlyStoppingResult } from './early-stopping.js';
export { prepareCurves, CURVE_TEXTS } from './prepare-curves.js';
export type { CurveInput, CurveKey, CurveTexts, PreparedCurves, PreparedLine, PreparedRun, RunInput, Divergence } from './prepare-curves.js';
export { CurvePipeline } from './pipeline.js';
export type { StageRuns } from './pipeline.js';
export { appendPoints } from './append-points.js';
export { buildAxis } from './axes.js';
export type { Axis, AxisOptions, Tick, NumericScale } from './axes.js';
export { layoutCurves } from './layout-curves.js';
export { LayoutCache } from './layout-cache.js';
export type { CurveLayout, LaidOutLine, LayoutOptions, Rect, Annotations, AnnotationKind, ClippedMarker } from './layout-curves.js';
export type { OutliersMode } from './outliers.js';
export type { XY } from './geometry.js';
export { layoutGap } from './layout-gap.js';
export type { GapLayout, GapLayoutOptions, GapRunLayout } from './layout-gap.js';
export { formatValue, formatStep } from './format.js';
export type { Domain } from './zoom.js';
export { resetWarnings } from './warn.js';
