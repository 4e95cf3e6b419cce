/**
 * The allocator's result as a table: CSV like Robyn's `<solID>_<scenario>_reallocated.csv` (one row per channel,
 * Robyn's `dt_optimOut` column names, run totals repeated on every row as Robyn does), and a JSON-ready object.
 *
 * JSON cannot hold NaN or infinities: like the golden fixtures, NaN (R's NaN/NA) becomes null and ±Infinity the
 * strings "Inf" / "-Inf". In the CSV, NaN is an empty cell and infinities are written Inf / -Inf.
 */
import type { AllocationResult, AllocationRow, AllocationTotals } from "./allocate.ts";

/** Per-channel columns, in Robyn's `dt_optimOut` order. */
export const ROW_COLUMNS = [
  "channels",
  "constr_low",
  "constr_low_abs",
  "constr_up",
  "constr_up_abs",
  "unconstr_mult",
  "constr_low_unb",
  "constr_low_unb_abs",
  "constr_up_unb",
  "constr_up_unb_abs",
  "initSpendUnit",
  "initSpendShare",
  "initResponseUnit",
  "initResponseMargUnit",
  "initRoiUnit",
  "initCpaUnit",
  "optmSpendUnit",
  "optmSpendUnitDelta",
  "optmSpendShareUnit",
  "optmResponseUnit",
  "optmResponseMargUnit",
  "optmRoiUnit",
  "optmCpaUnit",
  "optmResponseUnitLift",
  "optmSpendUnitUnbound",
  "optmSpendUnitDeltaUnbound",
  "optmSpendShareUnitUnbound",
  "optmResponseUnitUnbound",
  "optmResponseMargUnitUnbound",
  "optmRoiUnitUnbound",
  "optmCpaUnitUnbound",
  "optmResponseUnitLiftUnbound",
] as const satisfies readonly (keyof AllocationRow)[];

/** Run totals repeated on every CSV row. */
export const TOTAL_COLUMNS = [
  "periods",
  "total_budget_unit",
  "initSpendUnitTotal",
  "initResponseUnitTotal",
  "optmSpendUnitTotal",
  "optmResponseUnitTotal",
  "optmResponseUnitTotalLift",
  "optmSpendUnitTotalUnbound",
  "optmResponseUnitTotalUnbound",
  "optmResponseUnitTotalLiftUnbound",
] as const satisfies readonly (keyof AllocationTotals)[];

export function allocationTableCsv(result: AllocationResult): string {
  const header = ["dep_var_type", "scenario", ...ROW_COLUMNS, "excluded", ...TOTAL_COLUMNS];
  const lines = [header.join(",")];
  for (const row of result.rows) {
    const cells = [
      result.depVarType,
      result.scenario,
      ...ROW_COLUMNS.map((column) => csvCell(row[column])),
      row.excluded ?? "",
      ...TOTAL_COLUMNS.map((column) => csvCell(result.totals[column])),
    ];
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

export type JsonNumber = number | null | "Inf" | "-Inf";
export type JsonValue = JsonNumber | string | boolean | JsonValue[] | { [key: string]: JsonValue };

/** The whole result with non-finite numbers encoded for JSON (see the file comment). */
export function allocationToJson(result: AllocationResult): { [key: string]: JsonValue } {
  return encode(result) as { [key: string]: JsonValue };
}

function encode(value: unknown): JsonValue {
  if (typeof value === "number") return jsonNumber(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Array.from(value as ArrayLike<unknown>, (item) => encode(item));
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined) out[key] = encode(item);
  }
  return out;
}

function jsonNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return "Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return value;
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (!Number.isFinite(value)) return value > 0 ? "Inf" : "-Inf";
    return String(value);
  }
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
