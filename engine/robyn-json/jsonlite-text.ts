/**
 * JSON text as Robyn 3.12.1 writes its model files: `jsonlite::write_json(x, pretty = TRUE, digits = 10)`.
 *
 * Numbers: jsonlite (`R_num_to_char`, digits = 10) prints a double with C's `%.*g` at
 * `ceil(min(15, max(1, log10(x)) + 10))` significant digits: 11 below 10, up to 15 from 1e5 on. For a
 * negative x, log10 is NaN and C's `fmax(1, NaN)` is 1, so negatives always get 11 digits. `%g` drops
 * trailing zeros and switches to exponent form (`1.5e-05`) below 1e-4 or at 10^digits and above.
 *
 * Our exports write every number at full precision instead (the shortest text that reads back to the same
 * double: never fewer digits than jsonlite's), so that exporting and importing a model rebuilds it bit for
 * bit; Robyn's 11 digits move a rebuilt model's coefficients by up to 1e-11 (golden B7 README, quirk 2).
 *
 * Layout (pretty = TRUE): objects one member per line indented by two spaces; arrays of scalars on one line
 * (`[0.5, 3]`); arrays holding objects one element per line; `{}` and `[]` for empty ones.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The significant digits jsonlite writes `x` with at digits = 10. */
export function jsonliteDigits(x: number): number {
  const log = Math.log10(x); // NaN for negatives, -Infinity for 0: both give 1 below, as C's fmax does
  const atLeastOne = Number.isNaN(log) ? 1 : Math.max(1, log);
  return Math.ceil(Math.min(15, atLeastOne + 10));
}

/** `x` as jsonlite writes it: C's `%.{p}g` with p = `jsonliteDigits(x)`. */
export function jsonliteNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`jsonliteNumber: ${x} is not finite (write null or leave it out)`);
  if (x === 0) return "0";
  const p = jsonliteDigits(x);
  const [mantissa, exponentText] = x.toExponential(p - 1).split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= p) {
    const sign = exponent < 0 ? "-" : "+";
    const digits = String(Math.abs(exponent)).padStart(2, "0");
    return `${stripZeros(mantissa)}e${sign}${digits}`;
  }
  return stripZeros(x.toFixed(p - 1 - exponent));
}

function stripZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** How numbers are written: as jsonlite at digits = 10, or at full precision. */
export type NumberPrecision = "jsonlite" | "full";

/** The whole document in Robyn's layout (`write_json` ends the file with a newline). */
export function writeJsonliteText(value: JsonValue, precision: NumberPrecision = "jsonlite"): string {
  const number = precision === "full" ? fullPrecision : jsonliteNumber;
  return `${render(value, "", number)}\n`;
}

function fullPrecision(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`${x} is not finite (write null or leave it out)`);
  return String(x);
}

function render(value: JsonValue, indent: string, number: (x: number) => string): string {
  if (value === null) return "null";
  if (typeof value === "number") return number(value);
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) {
      return `[${value.map((v) => render(v, inner, number)).join(", ")}]`;
    }
    return `[\n${value.map((v) => inner + render(v, inner, number)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const members = entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${render(v, inner, number)}`);
  return `{\n${members.join(",\n")}\n${indent}}`;
}
