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

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * R's `signif(x, digits)` (R's `fprec`): scale by a power of ten so that `digits` digits are left of the
 * point, round half to even (C's `nearbyint`), scale back.
 */
export function signif(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const sign = x < 0 ? -1 : 1;
  const magnitude = Math.abs(x);
  const exponent = digits - 1 - Math.floor(Math.log10(magnitude));
  if (Math.abs(exponent) > 22) return Number(x.toPrecision(digits));
  if (exponent > 0) {
    const scale = POWERS_OF_TEN[exponent]!;
    return (sign * roundHalfEven(magnitude * scale)) / scale;
  }
  const scale = POWERS_OF_TEN[-exponent]!;
  return sign * roundHalfEven(magnitude / scale) * scale;
}

/**
 * A number as R's `as.character` writes it (up to 15 significant digits): fixed notation unless scientific
 * notation is narrower (R's `scipen = 0` rule), e.g. 0.01 → "0.01", 0.0001 → "1e-04", 1.2e-05 → "1.2e-05",
 * 100000 → "1e+05", 123000 → "123000"; NaN → "NA" (as R's NA), ±Inf → "Inf"/"-Inf".
 */
export function formatR(x: number): string {
  if (Number.isNaN(x)) return "NA";
  if (x === Infinity) return "Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return "0";
  const [mantissa, exponentText] = Math.abs(x).toExponential(14).split("e") as [string, string];
  const digits = mantissa.replace(".", "").replace(/0+$/, "") || "0";
  const exponent = Number(exponentText);
  const sign = x < 0 ? "-" : "";
  const significant = digits.length;
  const decimals = Math.max(0, significant - 1 - exponent);
  const fixedWidth = Math.max(1, exponent + 1) + (decimals > 0 ? decimals + 1 : 0);
  const scientificWidth = (significant > 1 ? significant + 1 : 1) + (Math.abs(exponent) >= 100 ? 5 : 4);
  if (fixedWidth <= scientificWidth) return sign + Math.abs(x).toFixed(decimals);
  const scientificMantissa = significant > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponentDigits = String(Math.abs(exponent)).padStart(2, "0");
  return `${sign}${scientificMantissa}e${exponent < 0 ? "-" : "+"}${exponentDigits}`;
}
