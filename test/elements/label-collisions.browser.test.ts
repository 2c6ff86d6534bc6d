/**
 * On every real training log in stories/data, at full width and in small charts, raw and smoothed, no annotation
 * label as the browser renders it (its text's bounding box) touches another label, a curve or a marker (best, dots,
 * stop and divergence lines, clipped-point triangles).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, dotCenters, mount, parts } from './helpers.js';
import { labelBoxes, num, type Box } from './fit-helpers.js';
import { segmentMeetsBox } from '../path-data.js';

const files = import.meta.glob<{ default: Record<string, unknown> }>('../../stories/data/*.json', { eager: true });

afterEach(cleanup);

type Pt = { x: number; y: number };

/** The straight strokes of a path's `d` (M and L commands): a move starts a new stroke, so it joins nothing. */
function strokes(d: string): Array<[Pt, Pt]> {
  const out: Array<[Pt, Pt]> = [];
  let last: Pt | null = null;
  for (const m of d.matchAll(/([ML])\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g)) {
    const p = { x: Number(m[2]), y: Number(m[3]) };
    if (m[1] === 'L' && last) out.push([last, p]);
    last = p;
  }
  return out;
}

/** Whether the segment a-b passes through the box. */
const meets = (a: Pt, b: Pt, box: Box) => segmentMeetsBox(a, b, { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height });

const grow = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d, width: b.width + 2 * d, height: b.height + 2 * d });
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every collision of a rendered label with another label, a curve (raw ones too) or a marker, as text. */
function collisions(el: HTMLElement): { labels: string[]; found: string[] } {
  const labels = labelBoxes(el);
  const found: string[] = [];
  const curves = ['train-line', 'validation-line', 'train-raw-line', 'validation-raw-line'].flatMap((name) =>
    parts(el, name).flatMap((g) => [...g.querySelectorAll('path')].flatMap((p) => strokes(p.getAttribute('d') ?? '').map((s) => ({ name, s })))),
  );
  const circles = [
    // The best marker: radius 5 and a 2 px stroke.
    ...parts(el, 'best-marker').map((c) => ({ name: 'best-marker', x: num(c, 'cx'), y: num(c, 'cy'), r: 6 })),
    ...['train-markers', 'validation-markers'].flatMap((name) =>
      parts(el, name).flatMap((m) => dotCenters(m.getAttribute('d')).map(([x, y]) => ({ name, x, y, r: 2.5 }))),
    ),
  ];
  const lines = ['stop-line', 'divergence-marker'].flatMap((name) =>
    parts(el, name).map((n) => ({ name, x: num(n.localName === 'line' ? n : n.querySelector('line'), 'x1') })),
  );
  for (const [i, b] of labels.entries()) {
    for (const other of labels.slice(i + 1)) if (overlaps(b, other)) found.push(`${b.text} / ${other.text}`);
    // Curves are 2 px wide: half of it on each side of the path.
    const inked = grow(b, 1);
    const hit = curves.find(({ s }) => meets(s[0], s[1], inked));
    if (hit) found.push(`${b.text} / ${hit.name} at ${hit.s[0].x.toFixed(1)},${hit.s[0].y.toFixed(1)}`);
    for (const c of circles) {
      const dx = Math.max(b.x - c.x, 0, c.x - b.x - b.width);
      const dy = Math.max(b.y - c.y, 0, c.y - b.y - b.height);
      if (Math.hypot(dx, dy) < c.r) found.push(`${b.text} / ${c.name} at ${c.x.toFixed(1)},${c.y.toFixed(1)}`);
    }
    for (const m of parts(el, 'clipped-marker')) {
      const c = (m as unknown as SVGGraphicsElement).getBBox();
      if (overlaps(b, { x: c.x, y: c.y, width: c.width, height: c.height })) found.push(`${b.text} / clipped-marker at ${c.x.toFixed(1)}`);
    }
    // Stop and divergence lines are 1.5 px wide.
    for (const l of lines) if (l.x + 0.75 > b.x && l.x - 0.75 < b.x + b.width) found.push(`${b.text} / ${l.name} at ${l.x.toFixed(1)}`);
  }
  return { labels: labels.map((b) => b.text), found };
}

const SIZES = [
  { width: 800, height: 400 },
  { width: 320, height: 200 },
  { width: 240, height: 160 },
];

describe('<loss-curve> annotation labels collide with nothing on the real logs', () => {
  let shown = 0;
  for (const [path, mod] of Object.entries(files)) {
    const name = path.split('/').pop()!;
    const data = mod.default as { train?: unknown; validation?: unknown };
    const props = 'train' in data ? { train: data.train, validation: data.validation } : { history: data };
    for (const { width, height } of SIZES) {
      for (const smoothing of [0, 0.6]) {
        it(`${name} at ${width}×${height}${smoothing ? ', smoothed' : ''}`, async () => {
          const el = await mount('loss-curve', props, { width, height, attrs: smoothing ? { smoothing: String(smoothing) } : {} });
          const { labels, found } = collisions(el);
          expect(found, labels.join(' | ')).toEqual([]);
          shown += labels.length;
        });
      }
    }
  }

  it('labels most marks (the checks above are not vacuous)', () => {
    expect(shown).toBeGreaterThan(60);
  });

  it('the check sees a label moved onto a curve, onto the best marker and onto another label', async () => {
    const mod = Object.entries(files).find(([path]) => path.endsWith('keras-efficientnet_from_scratch.json'))![1];
    const el = await mount('loss-curve', { history: mod.default });
    const [a, b] = parts(el, 'annotation-label');
    const marker = parts(el, 'best-marker')[0];
    a.setAttribute('x', marker.getAttribute('cx')!);
    a.setAttribute('y', marker.getAttribute('cy')!);
    const found = collisions(el).found.join('\n');
    expect(found).toMatch(/best-marker/);
    expect(found).toMatch(/validation-line/);
    b.setAttribute('x', a.getAttribute('x')!);
    b.setAttribute('y', a.getAttribute('y')!);
    b.setAttribute('text-anchor', a.getAttribute('text-anchor')!);
    expect(collisions(el).found.some((f) => f.startsWith(`${a.textContent} / ${b.textContent}`))).toBe(true);
  });

  it('two and five compared runs, at every size', async () => {
    const entries = Object.entries(files).map(([path, mod]) => {
      const data = mod.default as { train?: unknown; validation?: unknown };
      const name = path
        .split('/')
        .pop()!
        .replace(/\.json$/, '');
      return 'train' in data ? { name, train: data.train, validation: data.validation } : { name, history: data };
    });
    for (const runs of [entries.slice(0, 2), entries.slice(2, 7)]) {
      for (const { width, height } of SIZES) {
        const el = await mount('loss-curve', { runs }, { width, height });
        const { labels, found } = collisions(el);
        expect(found, `${runs.length} runs at ${width}×${height}: ${labels.join(' | ')}`).toEqual([]);
        cleanup();
      }
    }
  });
});
