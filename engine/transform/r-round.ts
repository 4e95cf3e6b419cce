/**
 * R's numeric conventions that Robyn's results depend on.
 */

/** R's `round(x)` to an integer: halves go to the even neighbour (IEC 60559), e.g. 10.5 → 10, 11.5 → 12. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * R's `quantile(1:n, p)` (type 7) for the integer sequence 1..n, computed as R does
 * (`(1 - h) * x[lo] + h * x[hi]`) so that the rounding of the result matches bit for bit.
 */
export function quantileOfSequence(n: number, p: number): number {
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const h = index - lo;
  return h > 0 ? (1 - h) * lo + h * (lo + 1) : lo;
}
