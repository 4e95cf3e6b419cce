/**
 * The conversion rules of `port.ts` that do not depend on the warehouse: JavaScript primitives and dates
 * to `Table` cells. Each adapter's `toCell` tries these first, then handles its driver's own value types.
 */
import type { Cell } from "../../common/table.ts";

/**
 * A primitive as a cell: null and undefined to null, a number as it is (NaN and infinities to null), a
 * bigint to a number, a boolean to 1 or 0, a string as it is. Undefined when `value` is none of these.
 */
export function primitiveCell(value: unknown): Cell | undefined {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return Number(value);
    case "boolean":
      return value ? 1 : 0;
    case "string":
      return value;
  }
  return undefined;
}

/** The UTC calendar day of a date, `YYYY-MM-DD`, or null when it has none or lies outside years 0–9999. */
export function isoDay(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}
