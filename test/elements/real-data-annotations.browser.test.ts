/**
 * On every real training log in stories/data, the annotations drawn by <loss-curve> are exactly where analyzeFit puts
 * them: best marker, overfitting region, early-stop line and divergence marker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeFit, seriesFromHistory } from '../../src/index.js';
import { cleanup, mount, parts } from './helpers.js';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../../stories/data/*.json', { eager: true });

afterEach(cleanup);

const stepOf = (el: HTMLElement, name: string) => parts(el, name).map((p) => Number(p.getAttribute('data-step')));

describe('<loss-curve> annotations on the real logs agree with analyzeFit', () => {
  for (const [path, mod] of Object.entries(files)) {
    const name = path.split('/').pop()!;
    it(name, async () => {
      const data = mod.default as { train?: unknown; validation?: unknown };
      const lightning = 'train' in data;
      const props = lightning ? { train: data.train, validation: data.validation } : { history: data };
      const el = await mount('loss-curve', props, { width: 800 });
      const fit = lightning
        ? analyzeFit(data.train, data.validation)
        : (() => {
            const h = seriesFromHistory(data, 'loss');
            return analyzeFit(h.train, h.validation);
          })();
      expect(stepOf(el, 'best-marker')).toEqual(fit.best ? [fit.best.step] : []);
      expect(stepOf(el, 'overfit-region')).toEqual(fit.onset !== null ? [fit.onset] : []);
      expect(stepOf(el, 'stop-line')).toEqual(fit.stopStep !== null ? [fit.stopStep] : []);
      expect(stepOf(el, 'divergence-marker')).toEqual(fit.diverged !== null ? [fit.diverged] : []);
      expect((el as unknown as { analysis: unknown }).analysis).toEqual(fit);
    });
  }
});
