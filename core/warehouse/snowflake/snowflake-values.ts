/**
 * Snowflake values and types to `Table` cells and `ColumnType`s, following the conversion rules in
 * `port.ts`. The SDK (`snowflake-sdk`, row mode `array`) gives NUMBER and FLOAT as numbers, TEXT as
 * strings, BOOLEAN as booleans, DATE and TIMESTAMP_* as `Date` objects (a DATE at midnight UTC, a
 * TIMESTAMP_NTZ at its wall-clock time read as UTC), TIME as an object with its own text, and VARIANT,
 * OBJECT and ARRAY as parsed JSON.
 */
import type { Cell } from "../../../common/table.ts";
import { isoDay, primitiveCell } from "../cell-values.ts";
import type { ColumnType } from "../port.ts";

/** What a result column says about itself (the SDK's `Column`, reduced to what is used here). */
export interface SnowflakeColumnMeta {
  getName(): string;
  getType(): string;
  getPrecision(): number;
  getScale(): number;
  isNullable(): boolean;
}

/**
 * The kind of a Snowflake type, from a result column's type (`fixed`, `real`, `text`, `date`,
 * `timestamp_ntz`, …) or an `INFORMATION_SCHEMA.COLUMNS.DATA_TYPE` (`NUMBER`, `FLOAT`, `TEXT`, …).
 */
export function columnTypeOfSnowflake(typeName: string): ColumnType {
  const name = typeName.trim().toUpperCase();
  if (
    /^(FIXED|REAL|NUMBER|DECIMAL|NUMERIC|INT|INTEGER|BIGINT|SMALLINT|TINYINT|BYTEINT|FLOAT|FLOAT4|FLOAT8|DOUBLE|DOUBLE PRECISION)\b/.test(
      name,
    )
  ) {
    return "number";
  }
  if (/^(DATE|DATETIME|TIMESTAMP)/.test(name)) return "date";
  if (name === "BOOLEAN") return "boolean";
  return "string";
}

/** The type as Snowflake spells it in DDL, for display: `NUMBER(38,0)`, `FLOAT`, `TIMESTAMP_NTZ(9)`. */
export function warehouseTypeOf(column: SnowflakeColumnMeta): string {
  const type = column.getType().toLowerCase();
  switch (type) {
    case "fixed":
      return `NUMBER(${column.getPrecision()},${column.getScale()})`;
    case "real":
      return "FLOAT";
    case "text":
      return "VARCHAR";
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz":
    case "time":
      return `${type.toUpperCase()}(${column.getScale()})`;
    default:
      return type.toUpperCase();
  }
}

/** The declared type from `INFORMATION_SCHEMA.COLUMNS`, e.g. `NUMBER(38,0)` or `VARCHAR(16777216)`. */
export function declaredType(
  dataType: string,
  precision: number | null,
  scale: number | null,
  length: number | null,
): string {
  const name = dataType.toUpperCase();
  if (name === "NUMBER" && precision !== null) return `NUMBER(${precision},${scale ?? 0})`;
  if (name === "TEXT") return length !== null ? `VARCHAR(${length})` : "VARCHAR";
  return name;
}

export function toCell(value: unknown): Cell {
  const primitive = primitiveCell(value);
  if (primitive !== undefined) return primitive;
  if (value instanceof Date) return isoDay(value);
  if (Buffer.isBuffer(value)) return value.toString("hex");
  // TIME values are objects with their own text; VARIANT, OBJECT and ARRAY values are parsed JSON.
  if (!Array.isArray(value) && (value as object).toString !== Object.prototype.toString) return String(value);
  return JSON.stringify(value);
}
