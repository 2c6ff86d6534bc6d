/** Comparing runs in `<loss-curve>`: one color per run, legend toggles, tooltip rows, per-run annotations. */
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { analyzeFit, formatValue, type LossCurve } from '../../src/index.js';
import efficientnet from '../../stories/data/keras-efficientnet_from_scratch.json';
import { crosshairX, mount, part, parts, rgb, settle, text, vertices, watchPage, pathData } from './helpers.js';
import { collectOverfit, num, runsOf, tooltipRows, values, type JsonHistory } from './fit-helpers.js';

const page = watchPage();

const TRAIN = [1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2];
const VALIDATION = [1, 0.85, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9];
const H = efficientnet as JsonHistory;
const B_LOSS = values(H, 'loss');
const B_VAL = values(H, 'val_loss');

const RUN_COLORS = [rgb('#2a62c9'), rgb('#b05400')];

const twoRuns = () => [
  { name: 'a', train: TRAIN, validation: VALIDATION },
  { name: 'b', history: efficientnet },
];

const mountRuns = (runs: unknown = twoRuns(), attrs: Record<string, string> = {}) => mount('loss-curve', { runs }, { attrs });

/** The path of a run's line. */
const lineOf = (el: HTMLElement, key: 'train' | 'validation', run: string) => parts(el, `${key}-line`).find((n) => n.getAttribute('data-run') === run) ?? null;

const legendButtons = (el: HTMLElement) => parts(el, 'legend-item').filter((n) => n.localName === 'button') as unknown as HTMLButtonElement[];

/** Focuses the chart part and presses keys as a keyboard user would. */
async function keys(el: HTMLElement, sequence: string): Promise<void> {
  part(el, 'chart')!.focus();
  await userEvent.keyboard(sequence);
  await settle(el);
}

describe('<loss-curve> runs', () => {
  it('draws one train-line and one validation-line per run, named by data-run', async () => {
    const el = await mountRuns();
    expect(runsOf(el, 'train-line')).toEqual(['a', 'b']);
    expect(runsOf(el, 'validation-line')).toEqual(['a', 'b']);
    expect(vertices(pathData(lineOf(el, 'train', 'a')))).toHaveLength(8);
    expect(vertices(pathData(lineOf(el, 'validation', 'a')))).toHaveLength(8);
    expect(vertices(pathData(lineOf(el, 'train', 'b')))).toHaveLength(40);
    expect(vertices(pathData(lineOf(el, 'validation', 'b')))).toHaveLength(40);
    expect(page.warnings).toEqual([]);
  });

  it('each run has its own stroke color; training and validation of a run share it', async () => {
    const el = await mountRuns();
    const stroke = (n: Element | null) => getComputedStyle(n!).stroke;
    expect(stroke(lineOf(el, 'validation', 'a'))).toBe(RUN_COLORS[0]);
    expect(stroke(lineOf(el, 'train', 'a'))).toBe(RUN_COLORS[0]);
    expect(stroke(lineOf(el, 'validation', 'b'))).toBe(RUN_COLORS[1]);
    expect(stroke(lineOf(el, 'train', 'b'))).toBe(RUN_COLORS[1]);
    // Training is dashed, validation solid.
    expect(getComputedStyle(lineOf(el, 'train', 'a')!).strokeDasharray).not.toBe('none');
    expect(getComputedStyle(lineOf(el, 'validation', 'a')!).strokeDasharray).toBe('none');
  });

  it('a dashed training line keeps its dash pattern across path segments: each segment starts it where the last left off', async () => {
    // Step-level runs: 3,000 points each, decimated to several segments per line.
    const noisy = (seed: number) => Array.from({ length: 3000 }, (_, i) => 1 / (1 + i / 300) + 0.05 * Math.sin(i * seed));
    const el = await mountRuns([
      { name: 'a', train: noisy(1.3), validation: noisy(0.7) },
      { name: 'b', train: noisy(2.1), validation: noisy(1.9) },
    ]);
    const segments = [...lineOf(el, 'train', 'a')!.querySelectorAll<SVGPathElement>(':scope > path')];
    expect(segments.length).toBeGreaterThan(2);
    expect(getComputedStyle(segments[0]).strokeDasharray).not.toBe('none');
    expect(segments[0].hasAttribute('stroke-dashoffset')).toBe(false);
    // The browser's own length of the line before each segment (a segment after the first starts with a move).
    let before = 0;
    for (const [k, segment] of segments.entries()) {
      if (k > 0) expect(parseFloat(getComputedStyle(segment).strokeDashoffset)).toBeCloseTo(before, 0);
      before += segment.getTotalLength();
    }
  });

  it('after a break inside a continuing segment, the strokes that follow start their dash pattern afresh', async () => {
    const noisy = (seed: number) => Array.from({ length: 1500 }, (_, i) => 1 / (1 + i / 300) + 0.05 * Math.sin(i * seed));
    const train: Array<number | null> = noisy(1.3);
    // A gap inside the third segment of 256 vertices.
    train.fill(null, 650, 655);
    const el = await mountRuns([
      { name: 'a', train, validation: noisy(0.7) },
      { name: 'b', train: noisy(2.1) },
    ]);
    const line = lineOf(el, 'train', 'a')!;
    const paths = [...line.querySelectorAll<SVGPathElement>(':scope > path')];
    // The third segment is two paths: its first stroke continues the line, the stroke after the gap is new.
    const split = paths.findIndex((p) => p.hasAttribute('stroke-dashoffset') && !p.getAttribute('d')!.slice(1).includes('M'));
    expect(split).toBeGreaterThan(0);
    const after = paths.find((p, k) => k > split && !p.hasAttribute('stroke-dashoffset'));
    expect(after, 'the strokes after the gap, with no offset').toBeDefined();
    expect(paths.filter((p) => p.hasAttribute('stroke-dashoffset')).every((p) => !p.getAttribute('d')!.slice(1).includes('M'))).toBe(true);
    // Read together, the paths still draw the one line.
    expect(vertices(pathData(line))).toHaveLength(1495);
    expect(page.warnings.filter((w) => !w.includes('missing'))).toEqual([]);
  });

  it('the x axis spans the longest run', async () => {
    const el = await mountRuns();
    const a = vertices(pathData(lineOf(el, 'validation', 'a')));
    const b = vertices(pathData(lineOf(el, 'validation', 'b')));
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(a[0][0]).toBeCloseTo(b[0][0], 1);
    expect(b[39][0]).toBeCloseTo(num(axis, 'x2'), 1);
    // Epoch 8 of run a is where epoch 8 of run b is.
    expect(a[7][0]).toBeCloseTo(b[7][0], 1);
  });

  it('the legend has one button per run, pressed, named by the run', async () => {
    const el = await mountRuns();
    const buttons = legendButtons(el);
    expect(buttons).toHaveLength(2);
    expect(buttons.map((b) => text(b))).toEqual([expect.stringMatching(/^a\b/), expect.stringMatching(/^b\b/)]);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    expect(getComputedStyle(buttons[1].querySelector('line')!).stroke).toBe(RUN_COLORS[1]);
  });

  it('clicking a legend button hides the run; clicking again shows it', async () => {
    const el = await mountRuns();
    await userEvent.click(legendButtons(el)[0]);
    await settle(el);
    expect(legendButtons(el).map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    expect(runsOf(el, 'train-line')).toEqual(['b']);
    expect(runsOf(el, 'validation-line')).toEqual(['b']);
    expect(parts(el, 'best-marker')).toHaveLength(1);

    legendButtons(el)[0].click();
    await settle(el);
    expect(legendButtons(el).map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    expect(runsOf(el, 'train-line')).toEqual(['a', 'b']);
    expect(runsOf(el, 'validation-line')).toEqual(['a', 'b']);
  });

  it('hiding the long run refits the x axis to the short one', async () => {
    const el = await mountRuns();
    legendButtons(el)[1].click();
    await settle(el);
    const a = vertices(pathData(lineOf(el, 'validation', 'a')));
    const axis = part(el, 'x-axis')!.querySelector('line')!;
    expect(a[7][0]).toBeCloseTo(num(axis, 'x2'), 1);
  });

  it('toggleRun by name or index, with an optional forced state', async () => {
    const el = await mountRuns();
    el.toggleRun('a');
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['b']);
    expect(legendButtons(el)[0].getAttribute('aria-pressed')).toBe('false');
    el.toggleRun('a');
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['a', 'b']);
    el.toggleRun(1, false);
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['a']);
    el.toggleRun(1, false);
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['a']);
    el.toggleRun('b', true);
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['a', 'b']);
    // Unknown runs are ignored.
    el.toggleRun('nope');
    el.toggleRun(7);
    el.toggleRun(-1);
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['a', 'b']);
  });

  it('analysis is the first visible run; analyses lists every run', async () => {
    const el = await mountRuns();
    expect(el.analyses).toHaveLength(2);
    expect(el.analyses[0]).toMatchObject({ onset: 3, best: { step: 3, value: 0.7 } });
    expect(el.analyses[1]).toMatchObject({ onset: 26, best: { step: 26, value: 3.2558 } });
    expect(el.analyses[1].gap).toEqual(analyzeFit(B_LOSS, B_VAL).gap);
    expect(el.analysis!.best!.step).toBe(3);
    el.toggleRun('a');
    await settle(el);
    expect(el.analysis!.best!.step).toBe(26);
  });

  it("per-run best markers sit on each run's best validation vertex, in the run's color", async () => {
    const el = await mountRuns();
    const markers = parts(el, 'best-marker');
    expect(markers).toHaveLength(2);
    const a = vertices(pathData(lineOf(el, 'validation', 'a')));
    const b = vertices(pathData(lineOf(el, 'validation', 'b')));
    const byStep = (step: string) => markers.find((m) => m.getAttribute('data-step') === step)!;
    expect(num(byStep('3'), 'cx')).toBeCloseTo(a[2][0], 1);
    expect(num(byStep('3'), 'cy')).toBeCloseTo(a[2][1], 1);
    expect(num(byStep('26'), 'cx')).toBeCloseTo(b[25][0], 1);
    expect(num(byStep('26'), 'cy')).toBeCloseTo(b[25][1], 1);
    expect(getComputedStyle(byStep('3')).stroke).toBe(RUN_COLORS[0]);
    expect(getComputedStyle(byStep('26')).stroke).toBe(RUN_COLORS[1]);
    // Labels name the run; run a's fits beside its marker only in its short form, which leaves the name to the color.
    const labels = parts(el, 'best-label')
      .map((n) => text(n))
      .sort();
    expect(labels).toEqual(['b: best 3.256', 'best 0.7']);
    // Two overfitting regions, one per run.
    expect(
      parts(el, 'overfit-region')
        .map((n) => n.getAttribute('data-step'))
        .sort(),
    ).toEqual(['26', '3']);
  });

  it('overfit fires once per run, naming the run', async () => {
    const seen = collectOverfit();
    try {
      await mountRuns();
      expect(seen.events.map((e) => [e.detail.run, e.detail.onset])).toEqual([
        ['a', 3],
        ['b', 26],
      ]);
    } finally {
      seen.stop();
    }
  });
});

describe('<loss-curve> runs: keyboard tooltip', () => {
  it('ArrowRight on the focused chart lists a row for every line of every visible run', async () => {
    const el = await mountRuns();
    await keys(el, '{ArrowRight}');
    const tip = tooltipRows(el)!;
    expect(tip).not.toBeNull();
    expect(tip.title).toBe('Epoch 1');
    expect(tip.rows.map((r) => [r.name, r.value])).toEqual([
      ['a training', formatValue(TRAIN[0])],
      ['a validation', formatValue(VALIDATION[0])],
      ['b training', formatValue(B_LOSS[0])],
      ['b validation', formatValue(B_VAL[0])],
    ]);
    expect(tip.rows[0].classes).toContain('run-0');
    expect(tip.rows[3].classes).toContain('run-1');
  });

  it("each row's swatch is drawn as its line: the run's color, training dashed", async () => {
    const el = await mountRuns();
    await keys(el, '{ArrowRight}');
    const swatches = [...part(el, 'tooltip')!.querySelectorAll<SVGLineElement>('.row line')];
    expect(swatches).toHaveLength(4);
    const lines = [lineOf(el, 'train', 'a'), lineOf(el, 'validation', 'a'), lineOf(el, 'train', 'b'), lineOf(el, 'validation', 'b')];
    for (const [k, swatch] of swatches.entries()) {
      expect(getComputedStyle(swatch).stroke).toBe(getComputedStyle(lines[k]!).stroke);
      expect(getComputedStyle(swatch).strokeDasharray).toBe(getComputedStyle(lines[k]!).strokeDasharray);
    }
  });

  it('rows of a hidden run are left out', async () => {
    const el = await mountRuns();
    el.toggleRun('b');
    await settle(el);
    await keys(el, '{ArrowRight}{ArrowRight}');
    const tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 2');
    expect(tip.rows.map((r) => r.name)).toEqual(['a training', 'a validation']);
    el.toggleRun('b');
    el.toggleRun('a');
    await settle(el);
    await keys(el, '{ArrowRight}');
    expect(tooltipRows(el)!.rows.map((r) => r.name)).toEqual(['b training', 'b validation']);
  });

  it('past the end of the shorter run, its rows say which epoch they show', async () => {
    const el = await mountRuns();
    await keys(el, '{End}');
    const tip = tooltipRows(el)!;
    expect(tip.title).toBe('Epoch 40');
    expect(tip.rows.find((r) => r.name === 'a validation')).toMatchObject({ value: '0.9', note: '(at epoch 8)' });
    expect(tip.rows.find((r) => r.name === 'b validation')).toMatchObject({ value: formatValue(B_VAL[39]), note: '' });
  });

  it('with the long run hidden, End keeps the crosshair on the plot', async () => {
    // The x axis fits the visible run (epochs 1-8); the crosshair should not stop at epochs only the hidden run has.
    const el = await mountRuns();
    el.toggleRun('b');
    await settle(el);
    await keys(el, '{End}');
    const right = num(part(el, 'x-axis')!.querySelector('line'), 'x2');
    expect(crosshairX(el)).not.toBeNull();
    expect(crosshairX(el)!).toBeLessThanOrEqual(right + 0.5);
    expect(tooltipRows(el)!.title).toBe('Epoch 8');
  });
});

describe('<loss-curve> runs: live updates', () => {
  it('a run hidden in the legend stays hidden when new data for the same runs arrive', async () => {
    const el = await mountRuns();
    legendButtons(el)[0].click();
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['b']);
    // The next epoch of run a arrives: same runs, new arrays.
    el.runs = [
      { name: 'a', train: [...TRAIN, 0.18], validation: [...VALIDATION, 0.95] },
      { name: 'b', history: efficientnet },
    ];
    await settle(el);
    expect(legendButtons(el)[0].getAttribute('aria-pressed')).toBe('false');
    expect(runsOf(el, 'validation-line')).toEqual(['b']);
  });

  it('a different set of runs shows every run', async () => {
    const el = await mountRuns();
    el.toggleRun('a');
    await settle(el);
    el.runs = [
      { name: 'c', train: TRAIN, validation: VALIDATION },
      { name: 'd', train: TRAIN, validation: VALIDATION },
    ];
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['c', 'd']);
    expect(legendButtons(el).map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
  });
});

describe('<loss-curve> runs: names', () => {
  const HOSTILE = '<img src=x onerror=alert(1)>';

  it('a hostile run name renders as text everywhere', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    const el = (await mountRuns([
      { name: HOSTILE, train: TRAIN, validation: VALIDATION },
      { name: 'b', history: efficientnet },
    ])) as LossCurve;
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(alert).not.toHaveBeenCalled();
    expect(text(legendButtons(el)[0])).toContain(HOSTILE);
    expect(runsOf(el, 'validation-line')[0]).toBe(HOSTILE);
    // Annotation labels are plain text (in this 600 px chart the run's own labels fit only in their short forms).
    for (const n of parts(el, 'annotation-label')) expect(n.children).toHaveLength(0);
    el.toggleRun(HOSTILE);
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['b']);
    el.toggleRun(HOSTILE);
    await settle(el);
    await keys(el, '{ArrowRight}');
    expect(tooltipRows(el)!.rows[0].name).toBe(`${HOSTILE} training`);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
  });

  it('runs without a name get "run N"', async () => {
    const el = await mountRuns([
      { train: TRAIN, validation: VALIDATION },
      { name: '  ', history: efficientnet },
    ]);
    expect(runsOf(el, 'validation-line')).toEqual(['run 1', 'run 2']);
    el.toggleRun('run 2');
    await settle(el);
    expect(runsOf(el, 'validation-line')).toEqual(['run 1']);
  });
});
