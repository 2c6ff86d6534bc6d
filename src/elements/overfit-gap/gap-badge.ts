/**
 * `<overfit-gap>`'s compact form, the badge the size of a table cell: a sparkline of the gap, its latest value and
 * the state as a pill whose color agrees with the number.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { FitAnalysis } from '../../core/analyze-fit.js';
import { SPARKLINE_FOCUS_RADIUS } from '../../core/layout-constants.js';
import { formatGap, type GapLayout } from '../../core/layout-gap.js';
import type { PreparedCurves, PreparedRun } from '../../core/prepare-curves.js';
import type { ChartFormats } from '../shared/chart-formats.js';

const STATE_TEXT = { ok: 'ok', plateau: 'plateau', overfitting: 'overfitting', noisy: 'noisy', diverged: 'diverged' } as const;

/**
 * The badge's pill: its text and its color, which agree with the number beside it. Green only for a run that is
 * fine: a latest gap above `threshold` is never an "ok" pill. Overfitting is amber while mild, red once clear.
 */
function pill(a: FitAnalysis, over: boolean): { text: string; tone: 'ok' | 'neutral' | 'caution' | 'alarm' } {
  switch (a.state) {
    case 'ok':
      return over ? { text: 'high gap', tone: 'caution' } : { text: 'ok', tone: 'ok' };
    case 'plateau':
    case 'noisy':
      return { text: STATE_TEXT[a.state], tone: over ? 'caution' : 'neutral' };
    case 'overfitting':
      return { text: 'overfitting', tone: a.severity === 'clear' || a.severity === 'severe' ? 'alarm' : 'caution' };
    default:
      return { text: STATE_TEXT[a.state], tone: 'alarm' };
  }
}

/** A run's last finite gap and its step, or null. */
export function latestGap(r: PreparedRun): { step: number; value: number } | null {
  const { steps, values } = r.analysis.gap;
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return { step: steps[i], value: values[i] };
  return null;
}

/** What the badges read besides the prepared data and the layout: the chart's state. */
export interface BadgeOptions {
  /** Runs toggled off in the legend. */
  hidden: ReadonlySet<number>;
  /** The chart's message in place of the data, or null. */
  message: string | null;
  formats: ChartFormats;
  threshold: number | null;
}

/** The compact form of `<overfit-gap>`: one badge per visible run (a sparkline, the latest gap and the state). */
export function badgesTemplate(p: PreparedCurves, layout: GapLayout | null, { hidden, message, formats, threshold }: BadgeOptions): TemplateResult {
  const runs = p.runs.filter((r) => !hidden.has(r.index));
  if (message || !layout || !runs.length) {
    return html`<span part="badge" class="badge empty" role="img" aria-label=${message ?? p.title}>
        <span part="badge-message" class="badge-message">${message ? '—' : ''}</span>
      </span>`;
  }
  const { step: formatStep, value: formatValue } = formats;
  return html`${runs.map((r) => {
    const lr = layout.runs.find((x) => x.run === r.index)!;
    const latest = latestGap(r);
    const over = latest !== null && threshold !== null && latest.value > threshold;
    const state = r.analysis.state;
    const { text, tone } = pill(r.analysis, over);
    // The badge's value is signed by default (+0.120); a y-format of the page's own writes it as given.
    const value = latest ? (formats.yTicks !== null ? formatValue(latest.value) : formatGap(latest.value)) : '—';
    const label = `${p.multi ? `${r.name}: ` : ''}${p.metric} gap ${latest ? value : 'unknown'}, ${text}${over ? ', above the threshold' : ''}. ${r.analysis.summary}`;
    const title = latest
      ? `Latest gap ${formatValue(latest.value)} at ${r.analysis.unit} ${formatStep(latest.step)}. ${r.analysis.summary}`
      : r.analysis.summary;
    return html`<span part="badge" class="badge state-${state} tone-${tone} ${over ? 'over' : ''}" role="img" aria-label=${label} title=${title}>
        ${p.multi ? html`<span class="run-name">${r.name}</span>` : nothing}
        <svg part="svg sparkline" class="sparkline" width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}" aria-hidden="true">
          <line part="zero-line" class="zero-line" x1="0" x2=${layout.width} y1=${layout.zeroY} y2=${layout.zeroY}></line>
          ${
            layout.threshold
              ? svg`<g part="threshold" class="threshold" data-value=${layout.threshold.value}>
                <line part="threshold-line" class="threshold-line" x1="0" x2=${layout.width} y1=${layout.threshold.y1} y2=${layout.threshold.y1}></line>
              </g>`
              : nothing
          }
          <path part="gap-area gap-area-negative" class="gap-area negative" d=${lr.negativeArea}></path>
          <path part="gap-area" class="gap-area positive" d=${lr.positiveArea}></path>
          <path part="gap-line" class="gap-line" d=${lr.path}></path>
          ${
            lr.onset
              ? svg`<g part="overfit-marker" class="overfit-marker" data-step=${lr.onset.step}>
                <circle part="overfit-dot" class="overfit-dot" cx=${lr.onset.x} cy=${lr.onset.y} r=${SPARKLINE_FOCUS_RADIUS}></circle>
              </g>`
              : nothing
          }
        </svg>
        <span part="value" class="value">${value}</span>
        <span part="state" class="state">${text}</span>
      </span>`;
  })}`;
}
