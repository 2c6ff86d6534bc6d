/**
 * The DOM-free core of training-curves: input normalization, smoothing, scales and ticks, geometry and summaries.
 * Runs in Node, workers and browsers alike.
 */
export { normalizeSeries, firstNonFinite, finiteCount } from './series.js';
export type { Series, SeriesInput, StepValue, ColumnarSeries, InputIssue, NormalizeOptions, NormalizeResult } from './series.js';
export { seriesFromHistory, historyDict, historyMetrics } from './history.js';
export type { KerasHistory, HistorySeries } from './history.js';
export { smoothEma, clampWeight } from './smoothing.js';
export { resolveMode } from './metric-mode.js';
export type { Mode } from './metric-mode.js';
export { buildAxis, xDomain, yDomain, Extent } from './axes.js';
export type { Axis, AxisOptions, Tick, NumericScale } from './axes.js';
export { linePath, linePaths, dashOffsets, isolatedPoints, dotsPath, drawable } from './geometry.js';
export type { XY } from './geometry.js';
export { nearestIndex, unionSteps, lowerBound } from './nearest.js';
export { formatValue, formatStep, escapeXml, asText } from './format.js';
export { linearScale, logScale } from './scale.js';
export { prepareCurves } from './prepare-curves.js';
export type { CurveInput, CurveKey, PreparedCurves, PreparedLine, PreparedRun, RunInput, Divergence } from './prepare-curves.js';
export { layoutCurves } from './layout-curves.js';
export type { CurveLayout, LaidOutLine, LayoutOptions, Rect, Annotations, AnnotationKind } from './layout-curves.js';
export { placeLabels, labelBox, InkGrid } from './place-labels.js';
export type { Box, LabelCandidate, LabelRequest, PlacedLabel, PlaceOptions } from './place-labels.js';
export { describeCurves, lastFinite, bestFinite } from './summary.js';
export { warnOnce, resetWarnings } from './warn.js';
export { analyzeFit, analyzeSeries, interpolateAt, DEFAULT_PATIENCE } from './analyze-fit.js';
export type { FitAnalysis, FitOptions, FitState, StepPoint } from './analyze-fit.js';
export { earlyStopping, isImprovement } from './early-stopping.js';
export type { EarlyStoppingOptions, EarlyStoppingResult } from './early-stopping.js';
export { layoutGap, gapAreas } from './layout-gap.js';
export type { GapLayout, GapLayoutOptions, GapRunLayout } from './layout-gap.js';
export { appendPoints } from './append-points.js';
export { GrowableSeries } from './growable-series.js';
export { M4 } from './m4.js';
export { lineVertices } from './decimate.js';
export type { Mapping } from './decimate.js';
export { FitTracker } from './analyze-fit.js';
export { extendEma, emaState } from './smoothing.js';
export type { EmaState } from './smoothing.js';
export { refreshCurves, prepareLine } from './prepare-curves.js';
export { updateStats, emptyStats, seriesStats } from './series-stats.js';
export type { SeriesStats } from './series-stats.js';
export type { LineStats, DecimationCache } from './prepare-curves.js';
export { clampDomain, zoomAround, panDomain, readDomain } from './zoom.js';
export type { Domain } from './zoom.js';
export { inputDelta } from './input-delta.js';
export type { InputDelta } from './input-delta.js';
