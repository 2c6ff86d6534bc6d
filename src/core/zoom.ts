/**
 * X-range zoom arithmetic, in the axis's own space (logarithmic on a log axis), clamped to the data's full range.
 * A range that covers the full one is `null`: not zoomed.
 */
export type Domain = [number, number];

const toSpace = (v: number, log: boolean) => (log ? Math.log(v) : v);
const fromSpace = (v: number, log: boolean) => (log ? Math.exp(v) : v);

/** Narrowest zoom, as a fraction of the full range: far below a pixel of any chart, far above float noise. */
const MIN_FRACTION = 1e-7;

/** Clamps a range into `full`; null when it covers `full` (or is not a usable range). */
export function clampDomain(d: Domain, full: Domain, log = false): Domain | null {
  const f0 = toSpace(full[0], log);
  const f1 = toSpace(full[1], log);
  let a = toSpace(Math.min(d[0], d[1]), log);
  let b = toSpace(Math.max(d[0], d[1]), log);
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(f1 > f0)) return null;
  const min = (f1 - f0) * MIN_FRACTION;
  if (b - a < min) {
    const mid = (a + b) / 2;
    a = mid - min / 2;
    b = mid + min / 2;
  }
  if (b - a >= f1 - f0) return null;
  if (a < f0) [a, b] = [f0, b + (f0 - a)];
  if (b > f1) [a, b] = [a - (b - f1), f1];
  // An end on the full range's is that end exactly: exp(log(x)) can fall short of x, and the last step out of reach.
  return [a <= f0 ? full[0] : fromSpace(a, log), b >= f1 ? full[1] : fromSpace(b, log)];
}

/** A zoom range set from code, in either order; null unless it is two different finite numbers. */
export function readDomain(value: unknown): Domain | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [a, b] = value.map(Number);
  return Number.isFinite(a) && Number.isFinite(b) && a !== b ? [Math.min(a, b), Math.max(a, b)] : null;
}

/** Zooms `current` (or `full` when not zoomed) by `factor` (< 1 zooms in) around `center`. */
export function zoomAround(current: Domain | null, full: Domain, center: number, factor: number, log = false): Domain | null {
  const [d0, d1] = current ?? full;
  const c = toSpace(center, log);
  const a = toSpace(d0, log);
  const b = toSpace(d1, log);
  return clampDomain([fromSpace(c - (c - a) * factor, log), fromSpace(c + (b - c) * factor, log)], full, log);
}

/** Pans a zoomed range by `fraction` of its width (positive: right). */
export function panDomain(current: Domain | null, full: Domain, fraction: number, log = false): Domain | null {
  if (!current) return null;
  const a = toSpace(current[0], log);
  const b = toSpace(current[1], log);
  const shift = (b - a) * fraction;
  return clampDomain([fromSpace(a + shift, log), fromSpace(b + shift, log)], full, log);
}
