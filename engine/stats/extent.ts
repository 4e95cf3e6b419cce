/**
 * The largest or smallest of a start value and any number of lists, without spreading the lists into
 * `Math.max` / `Math.min`: a spread puts every element on the stack, and a column a few hundred thousand
 * long overflows it (RangeError). Same answers as `Math.max(start, ...a, ...b)`: NaN when any value is
 * NaN, `start` when the lists are empty.
 */
export function maxOf(start: number, ...lists: Iterable<number>[]): number {
  let result = start;
  for (const list of lists) {
    for (const value of list) {
      if (Number.isNaN(value)) return NaN;
      if (value > result) result = value;
    }
  }
  return result;
}

/** The smallest of `start` and the lists' values; see `maxOf`. */
export function minOf(start: number, ...lists: Iterable<number>[]): number {
  let result = start;
  for (const list of lists) {
    for (const value of list) {
      if (Number.isNaN(value)) return NaN;
      if (value < result) result = value;
    }
  }
  return result;
}
