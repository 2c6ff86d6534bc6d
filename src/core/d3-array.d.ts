// The d3-array functions the core uses (the package ships no types of its own).
declare module 'd3-array' {
  export function ticks(start: number, stop: number, count: number): number[];
  export function tickIncrement(start: number, stop: number, count: number): number;
  export function tickStep(start: number, stop: number, count: number): number;
  /** Rearranges `array` in place so that `array[k]` is the k-th smallest and everything before it is no larger. */
  export function quickselect<T extends { [i: number]: number; length: number }>(array: T, k: number, left?: number, right?: number): T;
}
