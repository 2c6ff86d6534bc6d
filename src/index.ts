/**
 * training-curves: web components that draw machine-learning training curves.
 *
 * Importing this module registers `<loss-curve>` (once per page, whatever the number of copies loaded) and exports
 * the element classes and the DOM-free core.
 */
import { LossCurve } from './elements/loss-curve/loss-curve.js';
import { define } from './elements/shared/define.js';

define('loss-curve', LossCurve);

export { LossCurve };
export * from './core/index.js';
