/**
 * Where a key moves the crosshair among `n` stops: arrows by one (with Shift by a tenth of the stops), PageUp and
 * PageDown by a tenth, Home and End to the ends. Returns null for keys the crosshair does not handle, and `-1`
 * for Escape (hide it).
 */
export function crosshairKey(key: string, shift: boolean, index: number, n: number): number | null {
  if (n <= 0) return null;
  const page = Math.max(1, Math.round(n / 10));
  const from = index < 0 ? -1 : index;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return from < 0 ? 0 : Math.min(n - 1, from + (shift ? page : 1));
    case 'ArrowLeft':
    case 'ArrowDown':
      return from < 0 ? n - 1 : Math.max(0, from - (shift ? page : 1));
    case 'PageUp':
      return from < 0 ? 0 : Math.min(n - 1, from + page);
    case 'PageDown':
      return from < 0 ? n - 1 : Math.max(0, from - page);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    case 'Escape':
      return -1;
    default:
      return null;
  }
}
