// The three d3-array functions the scales use (the package ships no types of its own).
declare module 'd3-array' {
  export function ticks(start: number, stop: number, count: number): number[];
  export function tickIncrement(start: number, stop: number, count: number): number;
  export function tickStep(start: number, stop: number, count: number): number;
}
