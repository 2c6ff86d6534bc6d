/**
 * A {@link Series} that grows in place for live appends: typed buffers with doubling capacity, so appending k points
 * costs O(k) amortized and the views (`steps`, `values`, `nonFinite`) are re-sliced, never copied.
 */
import { spareRoom, type Series } from './series.js';
import { knowStats, seriesStats } from './series-stats.js';

export class GrowableSeries implements Series {
  steps: Float64Array;
  values: Float64Array;
  nonFinite: Uint8Array;
  indexed: boolean;
  #stepBuf: Float64Array;
  #valueBuf: Float64Array;
  #flagBuf: Uint8Array;
  #n: number;

  constructor(from: Series) {
    const stats = seriesStats(from);
    this.#n = from.steps.length;
    this.indexed = from.indexed;
    if (hasSpareRoom(from)) {
      // Taken once: a second series built from the same one must copy, not share.
      spareRoom.delete(from.steps.buffer);
      // normalizeSeries leaves room after the data: take its buffers as they are, with no copy.
      this.#stepBuf = new Float64Array(from.steps.buffer, 0, from.steps.buffer.byteLength / 8);
      this.#valueBuf = new Float64Array(from.values.buffer, 0, from.values.buffer.byteLength / 8);
      this.#flagBuf = new Uint8Array(from.nonFinite.buffer, 0, from.nonFinite.buffer.byteLength);
    } else {
      // Room for a quarter more: a live chart's first appends fill it instead of doubling at once.
      const cap = this.#n + Math.max(16, this.#n >> 2);
      this.#stepBuf = new Float64Array(cap);
      this.#valueBuf = new Float64Array(cap);
      this.#flagBuf = new Uint8Array(cap);
      this.#stepBuf.set(from.steps);
      this.#valueBuf.set(from.values);
      // A new array is all zeros: copy the flags only if there are any, and leave its pages untouched otherwise.
      if (stats.firstFlagged >= 0) this.#flagBuf.set(from.nonFinite);
    }
    this.steps = this.#stepBuf.subarray(0, this.#n);
    this.values = this.#valueBuf.subarray(0, this.#n);
    this.nonFinite = this.#flagBuf.subarray(0, this.#n);
    // Same points, same statistics: a copy carried over (and folded forward from here on), never recomputed; the
    // series it came from keeps its own.
    knowStats(this, { ...stats });
  }

  get length(): number {
    return this.#n;
  }

  /**
   * Appends a normalized batch. Steps after the last one are appended in O(batch); an indexed batch (plain array)
   * continues after the last step (epoch). Returns false, changing nothing, when a batch step is not after the last
   * step: the caller must then rebuild the series.
   */
  append(batch: Series): boolean {
    const k = batch.steps.length;
    if (k === 0) return true;
    const offset = batch.indexed && this.#n ? this.#stepBuf[this.#n - 1] : 0;
    const firstStep = batch.steps[0] + offset;
    if (this.#n && firstStep <= this.#stepBuf[this.#n - 1]) return false;
    this.#reserve(this.#n + k);
    for (let i = 0; i < k; i++) this.#stepBuf[this.#n + i] = batch.steps[i] + offset;
    this.#valueBuf.set(batch.values, this.#n);
    this.#flagBuf.set(batch.nonFinite, this.#n);
    this.#n += k;
    this.indexed = this.indexed && batch.indexed;
    this.steps = this.#stepBuf.subarray(0, this.#n);
    this.values = this.#valueBuf.subarray(0, this.#n);
    this.nonFinite = this.#flagBuf.subarray(0, this.#n);
    return true;
  }

  #reserve(size: number): void {
    if (size <= this.#stepBuf.length) return;
    const cap = Math.max(size, this.#stepBuf.length * 2);
    const grow = <T extends Float64Array | Uint8Array>(buf: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(buf.subarray(0, this.#n));
      return next;
    };
    this.#stepBuf = grow(this.#stepBuf, (n) => new Float64Array(n));
    this.#valueBuf = grow(this.#valueBuf, (n) => new Float64Array(n));
    this.#flagBuf = grow(this.#flagBuf, (n) => new Uint8Array(n));
  }
}

/**
 * Whether a series' arrays are views at the start of buffers normalizeSeries allocated with room after the data,
 * the same room in each.
 */
function hasSpareRoom(s: Series): boolean {
  if (!spareRoom.has(s.steps.buffer)) return false;
  const n = s.steps.length;
  const cap = s.steps.buffer.byteLength / 8;
  return (
    cap > n &&
    s.steps.byteOffset === 0 &&
    s.values.byteOffset === 0 &&
    s.nonFinite.byteOffset === 0 &&
    s.values.buffer.byteLength / 8 === cap &&
    s.nonFinite.buffer.byteLength === cap &&
    s.steps.buffer !== s.values.buffer
  );
}
