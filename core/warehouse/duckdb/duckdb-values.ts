/**
 * DuckDB values and types to `Table` cells and `ColumnType`s, following the conversion rules in
 * `port.ts`: dates and timestamps to ISO date strings (UTC day), DECIMAL and wide integers to numbers,
 * booleans to 1/0, NaN and infinities to null, everything else to its text.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Cell } from "../../../common/table.ts";
import { isoDay, primitiveCell } from "../cell-values.ts";
import type { ColumnType } from "../port.ts";

const NUMBER_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BIGNUM,
]);

const DATE_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

export function columnTypeOf(typeId: DuckDBTypeId): ColumnType {
  if (NUMBER_TYPES.has(typeId)) return "number";
  if (DATE_TYPES.has(typeId)) return "date";
  if (typeId === DuckDBTypeId.BOOLEAN) return "boolean";
  return "string";
}

/** The same classification from a type name as `information_schema.columns.data_type` spells it. */
export function columnTypeOfName(typeName: string): ColumnType {
  const name = typeName.trim().toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|INT\d*|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC|BIGNUM|VARINT)\b/.test(
      name,
    )
  ) {
    return "number";
  }
  if (/^(DATE|TIMESTAMP)/.test(name)) return "date";
  if (name === "BOOLEAN") return "boolean";
  return "string";
}

export function toCell(value: DuckDBValue): Cell {
  const primitive = primitiveCell(value);
  if (primitive !== undefined) return primitive;
  if (value instanceof DuckDBDateValue) return value.isFinite ? value.toString() : null;
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) {
    return value.isFinite ? isoDayOfMillis(value.micros / 1000n) : null;
  }
  if (value instanceof DuckDBTimestampSecondsValue)
    return value.isFinite ? isoDayOfMillis(value.seconds * 1000n) : null;
  if (value instanceof DuckDBTimestampMillisecondsValue)
    return value.isFinite ? isoDayOfMillis(value.millis) : null;
  if (value instanceof DuckDBTimestampNanosecondsValue) {
    return value.isFinite ? isoDayOfMillis(value.nanos / 1_000_000n) : null;
  }
  return String(value);
}

/** The UTC calendar day of an epoch time in milliseconds. */
function isoDayOfMillis(millis: bigint): string | null {
  return isoDay(new Date(Number(millis)));
}
