/** The columns a query asks for (`QueryOptions.columns`), checked against the source's columns. */
import { invalidInput } from "../../common/errors.ts";
import { matchColumnName } from "./country-column.ts";
import { unknownColumns } from "./warehouse-errors.ts";

/**
 * The requested columns' exact names, in the requested order (all when none are requested). Names are
 * matched as `matchColumnName` does; unknown ones and an empty request are `invalid_input` on `data.columns`.
 */
export function requestedColumns(
  columns: readonly string[],
  wanted: readonly string[] | undefined,
  label: string,
): string[] {
  if (wanted === undefined) return [...columns];
  const found = wanted.map((w) => matchColumnName(columns, w.trim()));
  const missing = wanted.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) throw unknownColumns(missing, columns, label);
  if (found.length === 0) throw invalidInput("data.columns", "No columns were chosen: choose at least one.");
  return found as string[];
}
