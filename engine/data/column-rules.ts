/**
 * How each column is combined when several rows become one (duplicate dates, resampling): numbers by their
 * aggregation from the settings (default sum), text by its most frequent value. A rule that cannot be
 * honoured is an error, never a silent fallback (the product this one replaces fell back to sum for
 * aggregations it did not know, and took the first value of text).
 */
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import { closestNames } from "../../common/closest-names.ts";
import { isoFromDayNumber } from "./dates.ts";
import { matchColumnName } from "./country-filter.ts";
import type { DatedTable } from "./dated-table.ts";
import { AGGREGATIONS, type Aggregation, type ColumnKind, type ColumnRule } from "./preparation-report.ts";
import { listNames } from "./words.ts";

/**
 * The `aggregations` setting keyed by the columns' exact names. An unknown column, the date column or an
 * unknown aggregation is an error naming `aggregations.<column>`.
 */
export function resolveAggregations(
  table: Table,
  dateVar: string,
  aggregations: Readonly<Record<string, string>>,
): Map<string, Aggregation> {
  const resolved = new Map<string, Aggregation>();
  for (const [name, rule] of Object.entries(aggregations)) {
    const field = `aggregations.${name}`;
    const column = matchColumnName(table.columns, name);
    if (column === undefined) {
      const similar = closestNames(name, table.columns);
      const hint = similar.length > 0 ? ` Did you mean ${similar.map((s) => `"${s}"`).join(" or ")}?` : "";
      throw invalidInput(
        field,
        `aggregations names column "${name}", which is not in the data.${hint} The data has: ` +
          `${listNames(table.columns, 40)}.`,
        { column: name },
      );
    }
    if (column === dateVar) {
      throw invalidInput(
        field,
        `aggregations names the date column "${column}": dates are not aggregated. Remove it from aggregations.`,
        { column },
      );
    }
    if (!AGGREGATIONS.includes(rule as Aggregation)) {
      throw invalidInput(
        field,
        `aggregations has "${rule}" for column "${column}": use sum, mean, max or min.`,
        { column },
      );
    }
    resolved.set(column, rule as Aggregation);
  }
  return resolved;
}

function isMissing(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell));
}

/** Number, text or empty; `mixed` when a column holds both numbers and text. */
export function columnKind(cells: readonly Cell[]): ColumnKind | "mixed" {
  let numbers = false;
  let text = false;
  for (const cell of cells) {
    if (isMissing(cell)) continue;
    if (typeof cell === "number") numbers = true;
    else text = true;
    if (numbers && text) return "mixed";
  }
  return text ? "text" : numbers ? "number" : "empty";
}

/**
 * The rule of every column of `dated`. A text column given a numeric aggregation is an error; so is a column
 * the run uses (`protectedColumns`) that mixes numbers and text, because its rows cannot be added up. An
 * unused mixed column is combined like text.
 */
export function columnRules(
  dated: DatedTable,
  aggregations: ReadonlyMap<string, Aggregation>,
  protectedColumns: ReadonlySet<string>,
): ColumnRule[] {
  return dated.columns.map((column) => {
    const cells = dated.cells[column]!;
    const kind = columnKind(cells);
    const setting = aggregations.get(column);
    if (kind === "mixed" && protectedColumns.has(column)) {
      const row = cells.findIndex((cell) => typeof cell === "string");
      throw invalidInput(
        column,
        `Column "${column}" holds numbers and text (e.g. "${String(cells[row])}" on ` +
          `${isoFromDayNumber(dated.days[row]!)}), so its rows cannot be combined. Make every value a number ` +
          `in the source (0 for no activity).`,
        { column },
      );
    }
    if (kind === "text" || kind === "mixed") {
      if (setting !== undefined) {
        const sample = cells.find((cell) => typeof cell === "string");
        throw invalidInput(
          `aggregations.${column}`,
          `aggregations has "${setting}" for column "${column}", which holds text (e.g. "${String(sample)}"): ` +
            `text columns take their most frequent value. Remove "${column}" from aggregations, or make the ` +
            `column numeric.`,
          { column },
        );
      }
      return { column, kind: "text", rule: "most_frequent", fromSettings: false };
    }
    return { column, kind, rule: setting ?? "sum", fromSettings: setting !== undefined };
  });
}
