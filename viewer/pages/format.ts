/** Numbers, shares and times as the pages print them (en locale, UTC, no trailing noise). */

const formats = new Map<number, Intl.NumberFormat>();

/** A formatter per number of decimals, made once: `toLocaleString` builds one per call, 20× slower. */
function format(digits: number): Intl.NumberFormat {
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formats.set(digits, f);
  }
  return f;
}

/** A metric: `digits` decimals at most for small values, thousands separators for large ones. */
export function num(value: unknown, digits = 3): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return format(Math.abs(value) >= 1000 ? 0 : digits).format(value);
}

const significant = new Intl.NumberFormat("en", { maximumSignificantDigits: 3 });

/**
 * An amount (spend, response) that may be large or small: whole numbers with thousands separators from
 * 100 up, three significant digits below, so that a spend of 0.4 per period does not print as 0.
 */
export function amount(value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return Math.abs(value) >= 100 ? format(0).format(value) : significant.format(value);
}

/** A share in [0, 1] as a percentage. */
export function pct(value: unknown, digits = 1): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** An ISO time as `2026-11-26 04:30 UTC`. */
export function when(iso: string | undefined): string {
  if (!iso) return "–";
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Seconds as `42 s`, `3 min 5 s`, `1 h 2 min`. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** JSON for a `<script type="application/json">`: `<`, `>`, `&` and line separators escaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A label of a money figure with the run's currency (the spec's `currency`), when it names one. */
export function inCurrency(label: string, currency: string | undefined): string {
  return currency ? `${label} (${currency})` : label;
}
