/**
 * The one rule for the value of a CSV cell, shared by every reader of CSV text: a user's data file
 * (`engine/data/csv.ts`, `core/warehouse/duckdb/duckdb-csv-file.ts`), a run's `input.csv` snapshot and its
 * output files (`core/results/run-outputs.ts`).
 *
 * The cell is trimmed, then, whether it was quoted or not (as R's `read.csv` also checks quoted cells):
 * - missing: empty, `NA` (what R writes), `NaN`/`nan`, `null`/`NULL`, `#N/A` (what spreadsheets and
 *   pandas write), so that a data file from any of them reads the same;
 * - a decimal number (`12`, `-0.5`, `.5`, `1e-04`) is that number; `Inf`, `inf`, `Infinity` and their
 *   negatives are infinities, so that the input checks can name them;
 * - anything else is text (`TRUE`/`FALSE` too; `csvValue` reads R's logicals in output tables as 1/0).
 */
import type { Cell } from "./table.ts";

const MISSING = new Set(["", "NA", "NaN", "nan", "null", "NULL", "#N/A"]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = new Set(["Inf", "inf", "Infinity"]);
const NEGATIVE_INFINITY = new Set(["-Inf", "-inf", "-Infinity"]);

export function parseCell(text: string): Cell {
  const trimmed = text.trim();
  if (MISSING.has(trimmed)) return null;
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (INFINITY.has(trimmed)) return Number.POSITIVE_INFINITY;
  if (NEGATIVE_INFINITY.has(trimmed)) return Number.NEGATIVE_INFINITY;
  return trimmed;
}

/**
 * A cell of a run's output table: `parseCell`'s number or text, with missing cells as NaN and R's logicals
 * as R's `as.numeric` reads them (`TRUE` → 1, `FALSE` → 0; the outputs' `top_sol` column).
 */
export function csvValue(text: string): number | string {
  const cell = parseCell(text);
  if (cell === null) return Number.NaN;
  if (cell === "TRUE") return 1;
  if (cell === "FALSE") return 0;
  return cell;
}

/** A cell as a number: `csvValue`, and NaN for text. */
export function csvNumber(text: string): number {
  const value = csvValue(text);
  return typeof value === "number" ? value : Number.NaN;
}
