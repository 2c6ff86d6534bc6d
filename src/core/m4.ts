/**
 * M4 decimation (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014): for each
 * pixel column keep the first, minimum, maximum and last point. A polyline through those, in index order, lights
 * exactly the pixels the full polyline lights in that column, so a spike one step wide still reaches its peak,
 * while a path never has more than 4 vertices per column whatever the number of points.
 *
 * The aggregates are kept per column and can be fed point by point in step order, so a live chart pays O(new
 * points) per append; when the x domain doubles, `halve` merges column pairs in O(columns), and `fold` draws a
 * domain that is a whole number of columns wide from finer columns, each pixel column the merge of its share.
 */
export class M4 {
  /** Data indices per column; -1 where the column has no drawable point. */
  readonly first: Int32Array;
  readonly min: Int32Array;
  readonly max: Int32Array;
  readonly last: Int32Array;
  /** A point that cannot be drawn (NaN, missing, ≤ 0 on a log axis) came before the column's first drawable one. */
  readonly lead: Uint8Array;
  /** ... came after the column's last drawable one. */
  readonly trail: Uint8Array;
  /** The column holds only points that cannot be drawn. */
  readonly gap: Uint8Array;
  /**
   * Where the last {@link vertices} result starts to differ from the one before: entries before this index are
   * the same (0 when nothing was drawn before, or the aggregates were rebuilt).
   */
  changedFrom = 0;

  /** The first column changed since the last `vertices` call; `columns` when none. */
  #dirty = 0;
  /** The last drawing, and per column where its points start in it and whether a break was pending there. */
  #out: number[] = [];
  // Made by the first drawing: fine columns that are only folded never need them.
  #colStart = new Int32Array(0);
  #breakAt = new Uint8Array(0);
  /** Columns drawn by the last `vertices` call (-1: none). */
  #drawn = -1;
  /** The finer aggregate this one was last folded from. */
  #source: M4 | null = null;

  /**
   * @param columns number of columns
   * @param edge the last column only holds points exactly at the domain's end (see decimate.ts); it is drawn merged
   *   into the column before it, so the output still has at most 4 vertices per pixel column
   */
  constructor(
    readonly columns: number,
    readonly edge = false,
  ) {
    this.first = new Int32Array(columns).fill(-1);
    this.min = new Int32Array(columns).fill(-1);
    this.max = new Int32Array(columns).fill(-1);
    this.last = new Int32Array(columns).fill(-1);
    this.lead = new Uint8Array(columns);
    this.trail = new Uint8Array(columns);
    this.gap = new Uint8Array(columns);
  }

  /**
   * Adds point `i` (in increasing index order within a column) to column `c`. `ok` says whether it can be drawn;
   * `values` is the array `i` indexes, for the min/max comparisons.
   */
  add(c: number, i: number, ok: boolean, values: ArrayLike<number>): void {
    if (c < this.#dirty) this.#dirty = c;
    if (!ok) {
      if (this.first[c] < 0) this.gap[c] = 1;
      else this.trail[c] = 1;
      return;
    }
    if (this.first[c] < 0) {
      this.first[c] = this.min[c] = this.max[c] = this.last[c] = i;
      this.lead[c] = this.gap[c];
      this.gap[c] = 0;
      return;
    }
    // A gap inside one column is narrower than a pixel: the column stays one connected stroke.
    this.trail[c] = 0;
    this.last[c] = i;
    const v = values[i];
    if (v < values[this.min[c]]) this.min[c] = i;
    if (v > values[this.max[c]]) this.max[c] = i;
  }

  /**
   * Adds points `from..to` of a line, in step order: what {@link add} does point by point, with the column of step s
   * being floor((X(s) - x0) / span * width) clamped to the columns (X = ln on a log x axis). The column being filled
   * lives in local variables and is written back when the next one begins, so a million points cost one tight loop,
   * not a million calls and typed-array round trips.
   */
  feed(
    steps: ArrayLike<number>,
    values: ArrayLike<number>,
    from: number,
    to: number,
    x0: number,
    span: number,
    width: number,
    logX: boolean,
    logY: boolean,
  ): void {
    const { first, min, max, last, lead, trail, gap } = this;
    const top = this.columns - 1;
    let c = -1;
    // The current column: first/min/max/last indices, the min and max values, and its flags.
    let f = -1,
      lo = -1,
      hi = -1,
      l = -1,
      vlo = 0,
      vhi = 0,
      ld = 0,
      tr = 0,
      gp = 0;
    // Steps below `below` are surely in column c (steps ascend), so most points skip the column arithmetic. The
    // bound stops a millionth of a column short of the next one, far more than any rounding of the exact formula.
    let below = -Infinity;
    for (let i = from; i < to; i++) {
      const s = steps[i];
      const v = values[i];
      if (!(s < below)) {
        // Multiplied before dividing: for whole steps and spans the one rounding step gives the exact floor, so a
        // point on a column boundary lands in the same column under every mapping that shares the boundary.
        let k = Math.floor((((logX ? Math.log(s) : s) - x0) * width) / span);
        k = k < 0 ? 0 : Math.min(k, top);
        if (k !== c) {
          if (c >= 0) {
            (first[c] = f), (min[c] = lo), (max[c] = hi), (last[c] = l), (lead[c] = ld), (trail[c] = tr), (gap[c] = gp);
          } else if (k < this.#dirty) this.#dirty = k;
          c = k;
          (f = first[c]), (lo = min[c]), (hi = max[c]), (l = last[c]), (ld = lead[c]), (tr = trail[c]), (gp = gap[c]);
          if (f >= 0) (vlo = values[lo]), (vhi = values[hi]);
          below = logX ? -Infinity : c === top ? Infinity : x0 + ((c + 1 - 1e-6) / width) * span;
        }
      }
      if (!(v - v === 0 && (!logY || v > 0) && (!logX || s > 0))) {
        if (f < 0) gp = 1;
        else tr = 1;
      } else if (f < 0) {
        f = lo = hi = l = i;
        vlo = vhi = v;
        ld = gp;
        gp = 0;
      } else {
        tr = 0;
        l = i;
        if (v < vlo) (lo = i), (vlo = v);
        if (v > vhi) (hi = i), (vhi = v);
      }
    }
    if (c >= 0) {
      (first[c] = f), (min[c] = lo), (max[c] = hi), (last[c] = l), (lead[c] = ld), (trail[c] = tr), (gap[c] = gp);
    }
  }

  /** Merges column pairs (2c, 2c+1) into c, for an x domain that doubled; the upper half becomes empty. */
  halve(values: ArrayLike<number>): void {
    this.#mergeGroups(this, 2, 0, values);
    this.#dirty = 0;
  }

  /**
   * Makes each column c of this aggregate the merge of columns [c·group, (c+1)·group) of `fine` (the last column also
   * takes any after those), which equals feeding this aggregate directly over a domain `group` fine columns per
   * column wide. Only the columns whose fine columns changed since the last fold from the same `fine` are merged
   * again, and they are marked for the next {@link vertices}.
   */
  fold(fine: M4, group: number, values: ArrayLike<number>): void {
    const from = this.#source === fine ? Math.floor(fine.#dirty / group) : 0;
    this.#source = fine;
    fine.#dirty = fine.columns;
    this.#mergeGroups(fine, group, from, values);
    if (from < this.#dirty) this.#dirty = from;
  }

  /**
   * Columns `from..` become the merges of `src`'s columns [c·group, (c+1)·group), the last one taking the rest. With
   * `src` this aggregate (halving), it works upward in place: a column's sources lie at or after it, still unwritten,
   * and column 0 already holds its first source.
   */
  #mergeGroups(src: M4, group: number, from: number, values: ArrayLike<number>): void {
    const top = this.columns - 1;
    for (let c = from; c <= top; c++) {
      let b = c * group;
      const end = c === top ? src.columns : Math.min(b + group, src.columns);
      if (src === this && b === c) b++;
      else this.#clear(c);
      for (; b < end; b++) this.#absorb(c, src, b, values);
    }
  }

  /** Column c (which holds the aggregate of earlier points) takes in column b of `src`, whose points come after. */
  #absorb(c: number, src: M4, b: number, values: ArrayLike<number>): void {
    const fb = src.first[b];
    if (fb < 0) {
      // Points that cannot be drawn after c's drawable ones trail them; with none, c stays (or becomes) a gap.
      if (src.gap[b]) {
        if (this.first[c] < 0) this.gap[c] = 1;
        else this.trail[c] = 1;
      }
      return;
    }
    if (this.first[c] < 0) {
      this.first[c] = fb;
      this.min[c] = src.min[b];
      this.max[c] = src.max[b];
      this.lead[c] = src.lead[b] | this.gap[c];
      this.gap[c] = 0;
    } else {
      if (values[src.min[b]] < values[this.min[c]]) this.min[c] = src.min[b];
      if (values[src.max[b]] > values[this.max[c]]) this.max[c] = src.max[b];
    }
    this.last[c] = src.last[b];
    this.trail[c] = src.trail[b];
  }

  #clear(c: number): void {
    this.first[c] = this.min[c] = this.max[c] = this.last[c] = -1;
    this.lead[c] = this.trail[c] = this.gap[c] = 0;
  }

  /**
   * The kept point indices in drawing order, -1 where the line breaks (a point that cannot be drawn lies between
   * two kept points of different columns). `values` is needed to fold an `edge` column.
   *
   * Only the columns changed since the last call are drawn again (a live append touches the last one or two), and
   * `changedFrom` tells the caller how much of its own drawing of the last result still holds.
   */
  vertices(values?: ArrayLike<number>): number[] {
    const fold = this.edge && this.columns >= 2 && values;
    // Drawn columns: with an edge column, it is folded into the one before it (c) for drawing, then restored.
    const n = fold ? this.columns - 1 : this.columns;
    const c = n - 1;
    const { first, min, max, last, lead, trail, gap } = this;
    const saved = fold ? [first[c], min[c], max[c], last[c], lead[c], trail[c], gap[c]] : null;
    if (fold) this.#absorb(c, this, n, values);
    // The folded column changes with the edge column after it.
    const from = this.#drawn !== n ? 0 : this.#dirty >= this.columns ? n : Math.min(this.#dirty, fold ? c : n);
    const out = this.#emit(from, n);
    this.changedFrom = this.#colStart[from];
    this.#dirty = this.columns;
    this.#drawn = n;
    if (saved) [first[c], min[c], max[c], last[c], lead[c], trail[c], gap[c]] = saved;
    return out;
  }

  /** Draws columns `from..columns-1` after the kept drawing of the columns before them; returns a copy. */
  #emit(from: number, columns: number): number[] {
    const out = this.#out;
    if (!this.#colStart.length) {
      this.#colStart = new Int32Array(this.columns + 1);
      this.#breakAt = new Uint8Array(this.columns + 1);
    }
    // Column 0 starts at 0 with no break pending, before any drawing too (the arrays start zeroed).
    out.length = this.#colStart[from];
    let pendingBreak = this.#breakAt[from] === 1;
    for (let c = from; c < columns; c++) {
      this.#colStart[c] = out.length;
      this.#breakAt[c] = pendingBreak ? 1 : 0;
      const f = this.first[c];
      if (f < 0) {
        if (this.gap[c]) pendingBreak = true;
        continue;
      }
      if ((pendingBreak || this.lead[c]) && out.length && out[out.length - 1] !== -1) out.push(-1);
      const lo = Math.min(this.min[c], this.max[c]);
      const hi = Math.max(this.min[c], this.max[c]);
      out.push(f);
      if (lo !== f) out.push(lo);
      if (hi !== lo && hi !== f) out.push(hi);
      const l = this.last[c];
      if (l !== hi && l !== lo && l !== f) out.push(l);
      pendingBreak = this.trail[c] === 1;
    }
    this.#colStart[columns] = out.length;
    this.#breakAt[columns] = pendingBreak ? 1 : 0;
    return out.slice();
  }
}
