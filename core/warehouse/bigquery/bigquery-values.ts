/**
 * BigQuery values and types to `Table` cells and `ColumnType`s, following the conversion rules in
 * `port.ts`. The client (`@google-cloud/bigquery`, its rows merged with the result's schema) gives INT64
 * and FLOAT64 as numbers, NUMERIC and BIGNUMERIC as `Big` decimals, BOOL as booleans, STRING as strings,
 * BYTES as Buffers, DATE, DATETIME, TIME, TIMESTAMP and GEOGRAPHY as objects holding their text in
 * `value` (a TIMESTAMP in UTC, ISO 8601), STRUCT as objects and REPEATED fields as arrays.
 */
import { BigQueryDate, BigQueryDatetime, BigQueryTimestamp } from "@google-cloud/bigquery";
import type { Cell } from "../../../common/table.ts";
import { isoDay, primitiveCell } from "../cell-values.ts";
import type { ColumnType } from "../port.ts";

/** What a schema field says about itself (the REST API's `TableFieldSchema`, reduced to what is used). */
export interface BigQueryField {
  readonly name?: string | null;
  readonly type?: string | null;
  readonly mode?: string | null;
}

/** The kind of a BigQuery type, legacy (`INTEGER`, `FLOAT`, `RECORD`) or standard (`INT64`, `STRUCT`). */
export function columnTypeOfBigQuery(field: BigQueryField): ColumnType {
  if (field.mode === "REPEATED") return "string";
  const name = (field.type ?? "").toUpperCase();
  if (/^(INTEGER|INT64|FLOAT|FLOAT64|NUMERIC|BIGNUMERIC|DECIMAL|BIGDECIMAL)$/.test(name)) return "number";
  if (/^(DATE|DATETIME|TIMESTAMP)$/.test(name)) return "date";
  if (name === "BOOLEAN" || name === "BOOL") return "boolean";
  return "string";
}

const STANDARD_NAMES: Record<string, string> = {
  INTEGER: "INT64",
  FLOAT: "FLOAT64",
  BOOLEAN: "BOOL",
  RECORD: "STRUCT",
};

/** The type as GoogleSQL spells it, for display: `INT64`, `FLOAT64`, `ARRAY<STRING>`. */
export function warehouseTypeOf(field: BigQueryField): string {
  const type = (field.type ?? "").toUpperCase();
  const name = STANDARD_NAMES[type] ?? type;
  return field.mode === "REPEATED" ? `ARRAY<${name}>` : name;
}

/** Whether a column may hold missing values (`REQUIRED` columns cannot; arrays are never null). */
export function nullableOf(field: BigQueryField): boolean {
  return field.mode !== "REQUIRED" && field.mode !== "REPEATED";
}

export function toCell(value: unknown): Cell {
  const primitive = primitiveCell(value);
  if (primitive !== undefined) return primitive;
  if (value instanceof Date) return isoDay(value);
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (Array.isArray(value)) return JSON.stringify(value);
  if (value instanceof BigQueryDate || value instanceof BigQueryDatetime) return value.value.slice(0, 10);
  if (value instanceof BigQueryTimestamp) return isoDay(new Date(value.value));
  const object = value as { value?: unknown; constructor?: { name?: string } };
  // TIME and GEOGRAPHY wrappers hold their text in `value`.
  if (typeof object.value === "string") return object.value;
  // NUMERIC and BIGNUMERIC arrive as `Big` decimals (big.js), whose text is exact.
  if (object.constructor?.name === "Big") return primitiveCell(Number(String(value))) ?? null;
  return JSON.stringify(value);
}
