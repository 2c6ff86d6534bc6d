/**
 * training-curves: web components that draw machine-learning training curves.
 *
 * Importing this module registers `<loss-curve>` and `<overfit-gap>` (once per page, whatever the number of copies loaded) and exports
 * the element classes and the DOM-free core.
 */
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
