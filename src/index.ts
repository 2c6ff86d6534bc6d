/**
 * training-curves: web components that draw machine-learning training curves.
 *
 * Importing this module registers `<loss-curve>` and `<overfit-gap>` (once per page, whatever the number of copies loaded) and exports
 * the element classes and the DOM-free core.
 */
// Modules that repeat much of each other's text are imported first and side by side, so that in the standalone
// bundle they fall inside one gzip window (32 KiB) instead of 40 to 50 KiB apart: the three style modules, and the
// two layouts (0.5 KiB gzip less). None has side effects: only where they sit in the bundle changes.
import './elements/shared/chart-styles.js';
import './elements/loss-curve/loss-curve.styles.js';
import './elements/overfit-gap/overfit-gap.styles.js';
import './core/layout-curves.js';
import './core/layout-gap.js';
import { LossCurve } from './elements/loss-curve/loss-curve.js';
import { OverfitGap } from './elements/overfit-gap/overfit-gap.js';
import { define } from './elements/shared/define.js';

define('loss-curve', LossCurve);
define('overfit-gap', OverfitGap);

export { LossCurve, OverfitGap };
export type { LossCurveEventMap } from './elements/loss-curve/loss-curve.js';
export type { OverfitGapEventMap } from './elements/overfit-gap/overfit-gap.js';
export type { OverfitEventDetail, RunToggleEventDetail, ZoomEventDetail } from './elements/shared/events.js';
export * from './core/index.js';
