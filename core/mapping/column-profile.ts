/**
 * What a column's values look like, in one pass: the facts the mapping rules check (non-negative,
 * whole numbers, dates, few distinct text values, constant) and the examples their reasons quote.
 */
import type { Cell } from "../../common/table.ts";

export interface ColumnProfile {
  /** `number` or `text` when every non-missing cell is of that kind; `date` when 95% of the texts are dates. */
  readonly kind: "empty" | "number" | "text" | "date" | "mixed";
  readonly rows: number;
  readonly missing: number;
  /** Distinct non-missing values, counted up to `DISTINCT_CAP` + 1. */
  readonly distinct: number;
  /** Up to five distinct values in order of first appearance, for reasons. */
  readonly examples: readonly Cell[];
  /** The single value of a constant column (every non-missing cell equal). */
  readonly constant?: Cell;
  // Numbers only:
  readonly min?: number;
  readonly max?: number;
  readonly negatives: number;
  /** Row of the first negative value, for messages. */
  readonly firstNegativeRow?: number;
  /** Share of numbers that are whole numbers. */
  readonly wholeShare: number;
  /** Every number is 0 or 1 (and both occur). */
  readonly binary: boolean;
  // Dates only:
  readonly firstDate?: string;
  readonly lastDate?: string;
  /** Median days between consecutive distinct dates. */
  readonly stepDays?: number;
}

export const DISTINCT_CAP = 1000;

const ISO_DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The ISO day (`YYYY-MM-DD`) a text holds, or undefined when it is not a valid date. */
export function parseDate(text: string): string | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** All facts in a single pass over the values (longer than 60 lines for that reason: one loop, many counters). */
export function profileColumn(values: readonly Cell[]): ColumnProfile {
  let missing = 0;
  let numbers = 0;
  let texts = 0;
  let dates = 0;
  let whole = 0;
  let negatives = 0;
  let firstNegativeRow: number | undefined;
  let min = Infinity;
  let max = -Infinity;
  let zeroOrOne = 0;
  const seen = new Set<Cell>();
  const examples: Cell[] = [];
  const days: string[] = [];
  values.forEach((value, row) => {
    if (value === null || (typeof value === "string" && value.trim() === "")) {
      missing += 1;
      return;
    }
    if (seen.size <= DISTINCT_CAP && !seen.has(value)) {
      seen.add(value);
      if (examples.length < 5) examples.push(value);
    }
    if (typeof value === "number") {
      numbers += 1;
      if (Number.isInteger(value)) whole += 1;
      if (value === 0 || value === 1) zeroOrOne += 1;
      if (value < 0) {
        negatives += 1;
        firstNegativeRow ??= row;
      }
      if (value < min) min = value;
      if (value > max) max = value;
      return;
    }
    texts += 1;
    const day = parseDate(value);
    if (day !== undefined) {
      dates += 1;
      days.push(day);
    }
  });
  const present = values.length - missing;
  // A stray header or "n/a" among hundreds of dates should not hide the date column.
  const mostlyDates = dates > 0 && dates >= 0.95 * present;
  const kind =
    present === 0
      ? "empty"
      : numbers === present
        ? "number"
        : texts === present
          ? mostlyDates
            ? "date"
            : "text"
          : "mixed";
  return {
    kind,
    rows: values.length,
    missing,
    distinct: seen.size,
    examples,
    constant: seen.size === 1 ? examples[0] : undefined,
    min: numbers > 0 ? min : undefined,
    max: numbers > 0 ? max : undefined,
    negatives,
    firstNegativeRow,
    wholeShare: numbers > 0 ? whole / numbers : 0,
    binary: numbers > 0 && zeroOrOne === numbers && seen.has(0) && seen.has(1),
    ...(kind === "date" ? dateFacts(days) : {}),
  };
}

function dateFacts(days: string[]): Pick<ColumnProfile, "firstDate" | "lastDate" | "stepDays"> {
  const sorted = [...new Set(days)].sort();
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    gaps.push((Date.parse(sorted[i]!) - Date.parse(sorted[i - 1]!)) / 86_400_000);
  }
  gaps.sort((a, b) => a - b);
  return {
    firstDate: sorted[0],
    lastDate: sorted.at(-1),
    stepDays: gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : undefined,
  };
}

/** "one row a week", "one row a day", … for a median step in days. */
export function cadenceText(stepDays: number | undefined): string {
  if (stepDays === undefined) return "";
  if (stepDays === 1) return "daily";
  if (stepDays === 7) return "weekly";
  if (stepDays >= 28 && stepDays <= 31) return "monthly";
  return `every ${stepDays} days`;
}
