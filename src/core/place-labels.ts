/**
 * Greedy label placement. Labels are placed in priority order (highest first; ties in request order): each tries its
 * candidate positions in order and takes the first whose box stays inside the bounds and clear of every obstacle,
 * every inked cell and every label placed before it, then its short text likewise, then its shortest. When none fits
 * anywhere, the label is dropped (`crowded: 'drop'`) or takes the candidate with the least overlap (`crowded:
 * 'overlap'`, the default, so that a crowded chart still shows every label).
 */
import { INK_CELL, LABEL_ASCENT, LABEL_DESCENT, LABEL_OFFSET } from './layout-constants.js';
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelCandidate {
  /** Anchor point of the text. */
  x: number;
  /** Baseline of the text. */
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface LabelRequest {
  text: string;
  /** A shorter text, tried at every candidate when `text` fits at none. */
  short?: string;
  /** A shorter text still, tried at every candidate when `short` fits at none either. */
  shortest?: string;
  /** Labels with a higher priority are placed first and dropped last. Default 0. */
  priority?: number;
  candidates: LabelCandidate[];
}

export interface PlacedLabel extends LabelCandidate {
  text: string;
  box: Box;
  /** The index of the request this label places. */
  request: number;
}

export interface PlaceOptions {
  bounds: Box;
  obstacles?: Box[];
  /** Pixels already inked (the curves), which labels should not cover either. */
  ink?: InkGrid;
  /**
   * The drawn curves (null breaks a line), when `ink` is not given: rasterized into a grid focused on the
   * candidates' boxes, so the parts of the curves no label could cover are not rasterized at all.
   */
  curves?: ReadonlyArray<ReadonlyArray<{ x: number; y: number } | null>>;
  /** Average character width and line height in px. */
  charWidth: number;
  lineHeight: number;
  /** What a label that fits nowhere does: take its least-bad candidate (`overlap`, the default) or go (`drop`). */
  crowded?: 'overlap' | 'drop';
  /** Place at most this many labels, the highest priorities first. Default: no limit. */
  max?: number;
  /** Clearance in px kept between a label and ink, obstacles and other labels. Default 0. */
  pad?: number;
}

/**
 * Candidates beside a vertical mark: right of `left` (start-anchored) at each of `ys`, then left of `right`
 * (end-anchored), `LABEL_OFFSET` px away.
 */
export function besideMark(left: number, right: number, ys: readonly number[]): LabelCandidate[] {
  return [
    ...ys.map((y) => ({ x: left + LABEL_OFFSET, y, anchor: 'start' as const })),
    ...ys.map((y) => ({ x: right - LABEL_OFFSET, y, anchor: 'end' as const })),
  ];
}

export function labelBox({ x, y, anchor }: LabelCandidate, text: string, charWidth: number, lineHeight: number): Box {
  const w = text.length * charWidth;
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { x0, y0: y - lineHeight * LABEL_ASCENT, x1: x0 + w, y1: y + lineHeight * LABEL_DESCENT };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

function outside(a: Box, bounds: Box): number {
  const area = (a.x1 - a.x0) * (a.y1 - a.y0);
  return area - overlap(a, bounds);
}

/**
 * A coarse raster of the drawn curves (one cell per `cell` px), so that a label's cost of covering them is a count
 * of cells under its box: O(box area) per candidate however many vertices the curves have.
 */
export class InkGrid {
  readonly #cols: number;
  readonly #rows: number;
  readonly #cells: Uint8Array;
  readonly #bounds: Box;
  readonly #cell: number;

  /** Per grid column, the first and last row any focus box covers (lo > hi: none); null without a focus. */
  #focus: { lo: Int32Array; hi: Int32Array } | null = null;

  constructor(bounds: Box, cell = INK_CELL) {
    this.#bounds = bounds;
    this.#cell = cell;
    this.#cols = Math.max(1, Math.ceil((bounds.x1 - bounds.x0) / cell));
    this.#rows = Math.max(1, Math.ceil((bounds.y1 - bounds.y0) / cell));
    this.#cells = new Uint8Array(this.#cols * this.#rows);
  }

  /**
   * Only the cells under these boxes will be read (the boxes of every label candidate): polylines added afterwards
   * skip their segments that cannot reach them, so a dense curve far from any label costs a bounds check, not a walk.
   * `cost` stays exact for boxes inside the focus.
   */
  focus(boxes: ReadonlyArray<Box>): void {
    const lo = new Int32Array(this.#cols).fill(this.#rows);
    const hi = new Int32Array(this.#cols).fill(-1);
    for (const b of boxes) {
      const [c0, c1, r0, r1] = this.#span(b);
      for (let c = c0; c <= c1; c++) {
        if (r0 < lo[c]) lo[c] = r0;
        if (r1 > hi[c]) hi[c] = r1;
      }
    }
    this.#focus = { lo, hi };
  }

  /** Whether a segment between these cell coordinates can touch a focused cell. */
  #reaches(c0: number, r0: number, c1: number, r1: number): boolean {
    if (!this.#focus) return true;
    const { lo, hi } = this.#focus;
    const from = Math.max(0, Math.floor(Math.min(c0, c1)));
    const to = Math.min(this.#cols - 1, Math.floor(Math.max(c0, c1)));
    const top = Math.floor(Math.min(r0, r1));
    const bottom = Math.floor(Math.max(r0, r1));
    for (let c = from; c <= to; c++) if (lo[c] <= bottom && hi[c] >= top) return true;
    return false;
  }

  /** The grid columns and rows a box covers, clipped to the grid. */
  #span(b: Box): [number, number, number, number] {
    const { x0, y0 } = this.#bounds;
    const cell = this.#cell;
    return [
      Math.max(0, Math.floor((b.x0 - x0) / cell)),
      Math.min(this.#cols - 1, Math.floor((b.x1 - x0) / cell)),
      Math.max(0, Math.floor((b.y0 - y0) / cell)),
      Math.min(this.#rows - 1, Math.floor((b.y1 - y0) / cell)),
    ];
  }

  /**
   * Marks the cells a polyline crosses; null breaks it. Each segment is sampled every half cell, in cell units, in
   * one loop: a decimated million-point line still has thousands of tall segments.
   */
  addPolyline(points: ReadonlyArray<{ x: number; y: number } | null>): void {
    const cols = this.#cols;
    const rows = this.#rows;
    const cells = this.#cells;
    const cell = this.#cell;
    const { x0: bx, y0: by } = this.#bounds;
    let pc = NaN;
    let pr = NaN;
    for (const p of points) {
      if (!p) {
        pc = NaN;
        continue;
      }
      const c1 = (p.x - bx) / cell;
      const r1 = (p.y - by) / cell;
      // A point after a break (NaN) is marked alone.
      const c0 = pc === pc ? pc : c1;
      const r0 = pc === pc ? pr : r1;
      pc = c1;
      pr = r1;
      if (!this.#reaches(c0, r0, c1, r1)) continue;
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(c1 - c0), Math.abs(r1 - r0)) * 2));
      const c = Math.floor(c0);
      if (c === Math.floor(c0 + ((c1 - c0) * steps) / steps)) {
        // Inside one grid column, as most strokes of a decimated line are (a pixel column's min-max): the samples,
        // at most half a cell apart, mark every row between the two ends, so mark those rows directly.
        if (c < 0 || c >= cols) continue;
        const ra = Math.floor(r0);
        const rb = Math.floor(r0 + ((r1 - r0) * steps) / steps);
        const end = Math.min(rows - 1, Math.max(ra, rb));
        for (let r = Math.max(0, Math.min(ra, rb)); r <= end; r++) cells[r * cols + c] = 1;
        continue;
      }
      for (let k = 0; k <= steps; k++) {
        const c = Math.floor(c0 + ((c1 - c0) * k) / steps);
        const r = Math.floor(r0 + ((r1 - r0) * k) / steps);
        if (c >= 0 && c < cols && r >= 0 && r < rows) cells[r * cols + c] = 1;
      }
    }
  }

  /** Inked area under a box, in px². */
  cost(b: Box): number {
    const [c0, c1, r0, r1] = this.#span(b);
    let n = 0;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) n += this.#cells[r * this.#cols + c];
    return n * this.#cell * this.#cell;
  }
}

const grow = (b: Box, d: number): Box => (d ? { x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d } : b);

/**
 * Places labels (see the module doc). The result is in request order; `request` says which request each label
 * places, since dropped ones leave gaps. With `crowded: 'overlap'` and no `max`, every request gets a label.
 */
export function placeLabels(
  requests: LabelRequest[],
  { bounds, obstacles = [], ink, curves, charWidth, lineHeight, crowded = 'overlap', max = Infinity, pad = 0 }: PlaceOptions,
): PlacedLabel[] {
  // Each request's texts (the full one, then the shorter ones that differ) with their candidate boxes.
  const options = requests.map(({ text, short, shortest, candidates }) =>
    [text, short, shortest]
      .filter((t, i, all): t is string => t !== undefined && all.indexOf(t) === i)
      .map((t) => ({ text: t, boxes: candidates.map((c) => labelBox(c, t, charWidth, lineHeight)) })),
  );
  if (!ink && curves && requests.length) {
    ink = new InkGrid(bounds);
    ink.focus(options.flatMap((o) => o.flatMap((t) => t.boxes.map((b) => grow(b, pad)))));
    for (const curve of curves) ink.addPolyline(curve);
  }
  const order = requests.map((_, i) => i).sort((a, b) => (requests[b].priority ?? 0) - (requests[a].priority ?? 0) || a - b);
  const placed: PlacedLabel[] = [];
  for (const r of order) {
    if (placed.length >= max) break;
    const { candidates } = requests[r];
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    search: for (const { text, boxes } of options[r]) {
      for (const [k, c] of candidates.entries()) {
        const box = boxes[k];
        const clear = grow(box, pad);
        let cost = outside(box, bounds) * 4;
        for (const o of obstacles) cost += overlap(clear, o);
        if (ink) cost += ink.cost(clear);
        for (const p of placed) cost += overlap(clear, p.box) * 2;
        if (cost < bestCost) {
          bestCost = cost;
          best = { ...c, text, box, request: r };
          if (cost === 0) break search;
        }
      }
    }
    if (best && (bestCost === 0 || crowded === 'overlap')) placed.push(best);
  }
  return placed.sort((a, b) => a.request - b.request);
}
