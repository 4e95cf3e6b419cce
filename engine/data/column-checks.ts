/**
 * Validation of the raw data columns a model uses (Robyn `checks.R`; method notes §1.2). Every rule names
 * the column, the role it plays in the spec, where the problem is, and what to do about it.
 */
import type { MmmError } from "../../common/errors.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Cell, Table } from "../../common/table.ts";
import { closestNames } from "../../common/closest-names.ts";

/** The spec field a column comes from, for messages and for `context.field`. */
export type ColumnRole =
  | "dep_var"
  | "paid_media_spends"
  | "paid_media_vars"
  | "organic_vars"
  | "context_vars"
  | "factor_vars"
  | "prophet_vars";

const ROLE_LABEL: Record<ColumnRole, string> = {
  dep_var: "the dependent variable (dep_var)",
  paid_media_spends: "a paid media spend (paid_media_spends)",
  paid_media_vars: "a paid media exposure (paid_media_vars)",
  organic_vars: "an organic variable (organic_vars)",
  context_vars: "a context variable (context_vars)",
  factor_vars: "a factor variable (factor_vars)",
  prophet_vars: "a precomputed Prophet component (prophet_vars)",
};

export function describeRole(role: ColumnRole): string {
  return ROLE_LABEL[role];
}

/** Throws when a column named in the spec is not in the data, suggesting the closest existing names. */
export function requireColumn(table: Table, name: string, role: ColumnRole | "date_var"): readonly Cell[] {
  const column = table.data[name];
  if (column) return column;
  const suggestions = closestNames(name, table.columns);
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : "";
  throw invalidInput(
    role,
    `Column "${name}" named in ${role} is not in the data.${hint} The data has: ${table.columns.join(", ")}.`,
    { column: name },
  );
}

/**
 * Reads a column as numbers for the rows in `order`, with Robyn's rules: no missing values, no infinities,
 * no text; `nonNegative` forbids negative values (paid media). Returns the values in `order`.
 */
export function numericColumn(
  table: Table,
  name: string,
  role: ColumnRole,
  order: readonly number[],
  dates: readonly string[],
  nonNegative: boolean,
): Float64Array {
  const cells = requireColumn(table, name, role);
  const values = new Float64Array(order.length);
  const problems = {
    missing: [] as number[],
    infinite: [] as number[],
    text: [] as number[],
    negative: [] as number[],
  };
  order.forEach((row, i) => {
    const cell = cells[row];
    if (cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell))) {
      problems.missing.push(i);
    } else if (typeof cell === "string") {
      problems.text.push(i);
    } else if (!Number.isFinite(cell)) {
      problems.infinite.push(i);
    } else {
      if (nonNegative && cell < 0) problems.negative.push(i);
      values[i] = cell;
    }
  });
  const where = (rows: number[]) =>
    `${rows.length} ${rows.length === 1 ? "row" : "rows"} (first on ${dates[rows[0]!]})`;
  const label = `Column "${name}", ${describeRole(role)},`;
  if (problems.text.length > 0) {
    const sample = cells[order[problems.text[0]!]!];
    throw invalidInput(
      role,
      `${label} holds text where numbers are expected in ${where(problems.text)}, e.g. "${String(sample)}". ` +
        `Fix those values, or map a numeric column instead.`,
      { column: name },
    );
  }
  if (problems.missing.length > 0) {
    throw invalidInput(
      role,
      `${label} has missing values in ${where(problems.missing)}. Fill them (for media, 0 means no activity) ` +
        `or remove the column from ${role}.`,
      { column: name },
    );
  }
  if (problems.infinite.length > 0) {
    throw invalidInput(
      role,
      `${label} has infinite values in ${where(problems.infinite)}. Fix the source data: infinities usually come ` +
        `from a division by zero.`,
      { column: name },
    );
  }
  if (problems.negative.length > 0) {
    const first = values[problems.negative[0]!];
    throw invalidInput(
      role,
      `${label} has negative values in ${where(problems.negative)}, e.g. ${first}. Media spend and exposure must ` +
        `be zero or positive: correct refunds or adjustments in the source.`,
      { column: name },
    );
  }
  return values;
}

/** Robyn's `check_allneg`: a column whose values are all ≤ 0 is used as its absolute value. */
export function absoluteIfAllNonPositive(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) return false;
  for (let i = 0; i < values.length; i++) values[i] = Math.abs(values[i]!);
  return true;
}

/** Throws when a column has one value in every row of `[from, to)`. */
export function requireVariation(
  values: ArrayLike<number>,
  name: string,
  role: ColumnRole,
  from: number,
  to: number,
  scope: string,
): void {
  for (let i = from + 1; i < to; i++) if (values[i] !== values[from]) return;
  throw invalidInput(
    role,
    `Column "${name}", ${describeRole(role)}, has the same value (${values[from]}) in every row ${scope}, so it ` +
      `cannot explain anything. Remove it from ${role}${role === "dep_var" ? " or choose another column" : ""}.`,
    { column: name },
  );
}

/** A column is textual when any non-missing value is text (a factor candidate). */
export function isTextColumn(cells: readonly Cell[]): boolean {
  return cells.some((cell) => typeof cell === "string");
}

/** The error for a factor variable whose column cannot be read as categories. */
export function factorError(name: string, message: string): MmmError {
  return invalidInput("factor_vars", `Factor variable "${name}" ${message}`, { column: name });
}
