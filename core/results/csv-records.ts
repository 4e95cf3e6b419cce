/**
 * Reads the run's CSV outputs (R conventions, see `engine/outputs/csv.ts`) into records: NA → null,
 * Inf/-Inf → infinities, TRUE/FALSE → booleans, numbers → numbers, everything else stays text.
 */
import { parse } from "csv-parse/sync";

export type CsvValue = number | string | boolean | null;
export type CsvRecord = Record<string, CsvValue>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function value(text: string): CsvValue {
  if (text === "NA" || text === "") return null;
  if (text === "TRUE") return true;
  if (text === "FALSE") return false;
  if (text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return NUMBER.test(text) ? Number(text) : text;
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, value(v)])));
}

export function numberOf(record: CsvRecord, key: string): number {
  const v = record[key];
  return typeof v === "number" ? v : Number.NaN;
}
