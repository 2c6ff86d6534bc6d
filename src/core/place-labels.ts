/**
 * Greedy label placement: each label tries its candidate positions in order and takes the first whose box stays
 * inside the bounds and clear of every obstacle and every label placed before it. When none is clear, it takes the
 * candidate with the least overlap, so a crowded chart still shows every label.
 */
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
  candidates: LabelCandidate[];
}

export interface PlacedLabel extends LabelCandidate {
  text: string;
  box: Box;
}

export interface PlaceOptions {
  bounds: Box;
  obstacles?: Box[];
  /** Average character width and line height in px. */
  charWidth: number;
  lineHeight: number;
}

export function labelBox({ x, y, anchor }: LabelCandidate, text: string, charWidth: number, lineHeight: number): Box {
  const w = text.length * charWidth;
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { x0, y0: y - lineHeight * 0.8, x1: x0 + w, y1: y + lineHeight * 0.2 };
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

export function placeLabels(requests: LabelRequest[], { bounds, obstacles = [], charWidth, lineHeight }: PlaceOptions): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const { text, candidates } of requests) {
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    for (const c of candidates) {
      const box = labelBox(c, text, charWidth, lineHeight);
      let cost = outside(box, bounds) * 4;
      for (const o of obstacles) cost += overlap(box, o);
      for (const p of placed) cost += overlap(box, p.box) * 2;
      if (cost < bestCost) {
        bestCost = cost;
        best = { ...c, text, box };
        if (cost === 0) break;
      }
    }
    if (best) placed.push(best);
  }
  return placed;
}
