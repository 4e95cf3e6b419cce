/**
 * The data table's columns in date order, as every variable role reads them: numeric columns with the same
 * checks (Robyn's `check_allneg` and variation checks), and the warnings they raise, in reading order.
 */
import type { Table } from "../../common/table.ts";
import {
  absoluteIfAllNonPositive,
  numericColumn,
  requireVariation,
  type ColumnRole,
} from "../data/column-checks.ts";
import type { ModelWindow } from "./window.ts";

export interface InputColumns {
  readonly table: Table;
  /** The table's row of each date. */
  readonly order: readonly number[];
  /** All data dates, ascending. */
  readonly dates: string[];
  readonly window: ModelWindow;
  /** Things the user should know that do not stop the run. */
  readonly warnings: string[];
  /**
   * A column as numbers in date order; a column of only negative values is used as its absolute value
   * (with a warning), and the column must vary over the data.
   */
  numeric(name: string, role: ColumnRole, nonNegative: boolean): Float64Array;
}

export function inputColumns(
  table: Table,
  order: readonly number[],
  dates: string[],
  window: ModelWindow,
  warnings: string[],
): InputColumns {
  return {
    table,
    order,
    dates,
    window,
    warnings,
    numeric(name, role, nonNegative) {
      const values = numericColumn(table, name, role, order, dates, nonNegative);
      if (absoluteIfAllNonPositive(values) && values.some((v) => v !== 0)) {
        warnings.push(`Column "${name}" had only negative values and is used as its absolute value.`);
      }
      requireVariation(values, name, role, 0, values.length, "of the data");
      return values;
    },
  };
}
