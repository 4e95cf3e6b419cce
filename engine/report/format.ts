/**
 * Number formatting for the report pictures: short, with k/M/B suffixes, so that labels stay readable when the
 * picture is shown small (Slack's preview) and do not overlap.
 *
 *   formatCompact(1_234_567) → "1.23M"   formatCompact(35_000) → "35k"   formatCompact(0.0123) → "0.0123"
 *   formatPercent(0.125) → "12.5%"       formatRatio(2.345) → "2.35"
 */

const SUFFIXES = [
  { value: 1e12, suffix: "T" },
  { value: 1e9, suffix: "B" },
  { value: 1e6, suffix: "M" },
  { value: 1e3, suffix: "k" },
] as const;

/** A number with three significant digits and a k/M/B/T suffix from 1,000 on; "–" when not finite. */
export function formatCompact(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  for (const { value: unit, suffix } of SUFFIXES) {
    // 999,950 rounds to "1000k" with three digits: switch to the next unit before that happens.
    if (magnitude >= unit * (1 - 0.5 * 10 ** -significant)) {
      return `${trimZeros((value / unit).toPrecision(significant))}${suffix}`;
    }
  }
  return trimZeros(value.toPrecision(significant));
}

/** A share (0.125) as a percentage ("12.5%"); one decimal by default. */
export function formatPercent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return "–";
  return `${(share * 100).toFixed(decimals)}%`;
}

/** A signed change as a percentage ("+4.2%", "−3.0%"). */
export function formatSignedPercent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return "–";
  const text = formatPercent(Math.abs(share), decimals);
  return share < 0 ? `−${text}` : `+${text}`;
}

/** A ratio such as ROAS or CPA: two decimals below 100, compact above. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return Math.abs(value) < 100 ? value.toFixed(2) : formatCompact(value);
}

/** A model metric (NRMSE, DECOMP.RSSD, R²): four significant digits, as Robyn's subtitle. */
export function formatMetric(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return trimZeros(value.toPrecision(4));
}

/** Drops trailing zeros of a fixed or exponential rendering: "1.20" → "1.2", "35.0" → "35". */
function trimZeros(text: string): string {
  if (text.includes("e")) return String(Number(text));
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** `text` cut to `maxChars` characters with "…" (for legends and axis labels that cannot measure text). */
export function shorten(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}
