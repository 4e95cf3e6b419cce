/**
 * A batch settings file: one run per row (a market, or another configuration), as the replaced product
 * started groups of runs from an uploaded CSV. Two forms:
 *
 * - CSV: a header of RunSpec field names (`market`, `country`, `dep_var`, `paid_media_spends`, …) plus the
 *   data source (`table`, `sql`, `dataset` or `preparation`, and `market_column`) and `tag`. Lists are
 *   separated by `;` or `|` (`|` in a semicolon-separated file), a `[…]`/`{…}` cell is JSON, an empty
 *   cell leaves the field out.
 * - JSON: `[spec, …]`, or `{ "defaults": {…}, "runs": [{…}, …] }` where every run is laid over the defaults.
 *
 * Every row is checked as a RunSpec before anything launches; the error lists each bad row and column.
 */
import { parse } from "csv-parse/sync";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { parseRunSpec, type RunSpecInput } from "../run-spec.ts";

export const MAX_BATCH_ROWS = 200;

/** One row of the file, ready to start. */
export interface BatchRow {
  /** 1-based, as a person counts the rows below the header (or the runs of a JSON list). */
  readonly row: number;
  readonly spec: RunSpecInput;
  readonly tag?: string;
}

/** A problem of one row, named by the column (CSV) or field (JSON) a person would fix. */
export interface BatchProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

const LISTS = new Set([
  "paid_media_spends",
  "paid_media_vars",
  "paid_media_signs",
  "organic_vars",
  "organic_signs",
  "context_vars",
  "context_signs",
  "factor_vars",
  "prophet_vars",
  "objective_weights",
]);
const NUMBERS = new Set([
  "iterations",
  "trials",
  "seed",
  "min_candidates",
  "calibration_constraint",
  "objective_weights",
]);
const BOOLEANS = new Set(["ts_validation", "intercept", "rssd_zero_penalty", "add_penalty_factor"]);
const SOURCES = ["table", "sql", "dataset", "preparation"] as const;

/** True when the file looks like batch settings rather than data: run settings by name, per row. */
export function looksLikeBatchSettings(fileName: string, text: string): boolean {
  const name = fileName.toLowerCase();
  if (name.endsWith(".json")) {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) || (typeof value === "object" && value !== null && "runs" in value);
    } catch {
      return false;
    }
  }
  if (!name.endsWith(".csv")) return false;
  const header = (text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "")
    .split(/[,;\t]/)
    .map((c) => c.trim());
  return header.includes("dep_var") && (header.includes("market") || header.includes("country"));
}

/** The rows of a batch file, each checked as a RunSpec; one `invalid_input` listing every bad row. */
export function parseBatchSettings(fileName: string, text: string): BatchRow[] {
  const rows = fileName.toLowerCase().endsWith(".json") ? jsonRows(text) : csvRows(text);
  if (rows.length === 0) throw invalidInput("file", `${fileName} holds no runs: write one run per row.`);
  if (rows.length > MAX_BATCH_ROWS) {
    throw invalidInput(
      "file",
      `${fileName} holds ${rows.length} runs; a batch starts at most ${MAX_BATCH_ROWS}.`,
    );
  }
  const problems: BatchProblem[] = [];
  for (const { row, spec } of rows) {
    try {
      parseRunSpec(spec);
    } catch (error) {
      if (!(error instanceof MmmError)) throw error;
      const listed = (error.context.problems as { field?: string; message: string }[] | undefined) ?? [
        { field: error.field, message: error.message },
      ];
      for (const p of listed) problems.push({ row, column: columnOf(p.field), message: p.message });
    }
  }
  if (problems.length > 0) throw batchProblems(problems);
  return rows;
}

/** One error for every problem found, each as "row N, column C: what is wrong". */
export function batchProblems(problems: readonly BatchProblem[]): MmmError {
  const text = problems
    .slice(0, 20)
    .map((p) => `row ${p.row}, column ${p.column}: ${p.message}`)
    .join("; ");
  const more = problems.length > 20 ? `; and ${problems.length - 20} more` : "";
  return new MmmError("invalid_input", `The batch was not started: ${text}${more}.`, {
    context: { field: `row ${problems[0]!.row}, column ${problems[0]!.column}`, problems },
  });
}

/** The column a person edits for a spec field: the source columns for `data.*`, else the top field. */
function columnOf(field: string | undefined): string {
  if (field === undefined || field === "") return "(row)";
  if (field === "data.country_column") return "market_column";
  if (field.startsWith("data")) return "table/sql/dataset/preparation";
  return field.split(/[.[]/, 1)[0]!;
}

function jsonRows(text: string): BatchRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidInput("file", `The batch file is not valid JSON: ${(error as Error).message}.`);
  }
  const shaped = Array.isArray(value) ? { defaults: {}, runs: value } : value;
  if (typeof shaped !== "object" || shaped === null || !Array.isArray((shaped as { runs?: unknown }).runs)) {
    throw invalidInput(
      "file",
      'A JSON batch is a list of run settings, or { "defaults": {…}, "runs": [ … ] }.',
    );
  }
  const { defaults = {}, runs } = shaped as { defaults?: Record<string, unknown>; runs: unknown[] };
  return runs.map((run, i) => {
    if (typeof run !== "object" || run === null || Array.isArray(run)) {
      throw invalidInput("file", `Run ${i + 1} of the batch is not an object of run settings.`);
    }
    const { tag, ...spec } = { ...defaults, ...(run as Record<string, unknown>) };
    return { row: i + 1, spec: spec as RunSpecInput, ...(typeof tag === "string" && tag ? { tag } : {}) };
  });
}

function csvRows(text: string): BatchRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((c) => c.trim()),
      delimiter: delimiterOf(text),
      skip_empty_lines: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw invalidInput("file", `The batch file is not readable CSV: ${(error as Error).message}.`);
  }
  const problems: BatchProblem[] = [];
  const rows = records.map((record, i) => {
    const row = i + 1;
    const spec: Record<string, unknown> = {};
    const data: Record<string, string> = {};
    let tag: string | undefined;
    for (const [column, cell] of Object.entries(record)) {
      if (cell === "") continue;
      if ((SOURCES as readonly string[]).includes(column)) data[column] = cell;
      else if (column === "market_column") data.country_column = cell;
      else if (column === "tag") tag = cell;
      else {
        try {
          spec[column] = cellValue(column, cell);
        } catch (error) {
          problems.push({ row, column, message: (error as Error).message });
        }
      }
    }
    if (Object.keys(data).length > 0) spec.data = data;
    return { row, spec: spec as RunSpecInput, ...(tag ? { tag } : {}) };
  });
  if (problems.length > 0) throw batchProblems(problems);
  return rows;
}

/** The header's separator: a comma, else a tab or semicolon (lists then take `|`). */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return header.includes(",") ? "," : header.includes("\t") ? "\t" : ";";
}

function cellValue(column: string, cell: string): unknown {
  if (cell.startsWith("[") || cell.startsWith("{")) {
    try {
      return JSON.parse(cell) as unknown;
    } catch {
      throw new Error(`"${cell}" starts like JSON but is not valid JSON`);
    }
  }
  if (LISTS.has(column)) {
    const items = cell
      .split(/[;|]/)
      .map((item) => item.trim())
      .filter(Boolean);
    return NUMBERS.has(column) ? items.map(numberOf) : items;
  }
  if (NUMBERS.has(column)) return numberOf(cell);
  if (BOOLEANS.has(column)) {
    if (/^(true|yes|1)$/i.test(cell)) return true;
    if (/^(false|no|0)$/i.test(cell)) return false;
    throw new Error(`must be true or false, not "${cell}"`);
  }
  return cell;
}

function numberOf(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`must be a number, not "${text}"`);
  return value;
}
