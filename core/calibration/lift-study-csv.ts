/**
 * Lift studies written as CSV (pasted in Slack, or typed after `/mmm lift import`): one study per row,
 * with Robyn's `calibration_input` column names as the header
 * (`channel,liftStartDate,liftEndDate,liftAbs,spend,confidence,metric,calibration_scope`, the last three
 * optional), or without a header in that column order. Commas, semicolons or tabs separate the fields.
 * Every row is checked like any study (`lift-study.ts`); the first bad one is reported by its line and field.
 */
import { parse } from "csv-parse/sync";
import { MmmError, invalidInput } from "../../common/errors.ts";
import type { CalibrationStudy } from "../run-spec.ts";
import { checkLiftStudy } from "./lift-study.ts";

export const LIFT_STUDY_COLUMNS = [
  "channel",
  "liftStartDate",
  "liftEndDate",
  "liftAbs",
  "spend",
  "confidence",
  "metric",
  "calibration_scope",
] as const;

const NUMERIC = new Set(["liftAbs", "spend", "confidence"]);
const REQUIRED = 5;

/** The studies of `text`, checked; `invalid_input` (field `csv`) naming the line and the field otherwise. */
export function parseLiftStudyCsv(text: string): CalibrationStudy[] {
  const rows = readRows(text);
  if (rows.length === 0) throw invalidInput("csv", "No lift studies in the CSV: write one study per line.");
  const first = rows[0]!.map((cell) => cell.toLowerCase());
  const hasHeader = first.includes("channel");
  const columns = hasHeader ? headerColumns(rows[0]!) : [...LIFT_STUDY_COLUMNS];
  const body = hasHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw invalidInput("csv", "The CSV has a header but no studies under it.");
  return body.map((cells, i) => {
    const line = i + 1 + (hasHeader ? 1 : 0);
    if (cells.length < REQUIRED || cells.length > columns.length)
      throw invalidInput(
        "csv",
        `Line ${line} has ${cells.length} fields; write ${columns.slice(0, REQUIRED).join(", ")}` +
          ` and optionally ${columns.slice(REQUIRED).join(", ") || "nothing more"}.`,
      );
    const raw: Record<string, unknown> = {};
    cells.forEach((cell, c) => {
      const name = columns[c]!;
      if (cell === "" && c >= REQUIRED) return;
      raw[name] = NUMERIC.has(name) ? numberOf(cell) : cell;
    });
    try {
      return checkLiftStudy(raw);
    } catch (error) {
      if (!(error instanceof MmmError)) throw error;
      throw invalidInput("csv", `Line ${line}: ${error.message}`, { column: error.context.field });
    }
  });
}

function readRows(text: string): string[][] {
  try {
    return (
      parse(text.trim(), {
        delimiter: [",", ";", "\t"],
        trim: true,
        skip_empty_lines: true,
        relax_column_count: true,
      }) as string[][]
    ).filter((row) => row.some((cell) => cell !== ""));
  } catch (error) {
    throw invalidInput("csv", `The lift studies are not readable CSV: ${(error as Error).message}`);
  }
}

function headerColumns(header: string[]): string[] {
  return header.map((cell) => {
    const name = LIFT_STUDY_COLUMNS.find((c) => c.toLowerCase() === cell.toLowerCase());
    if (name === undefined)
      throw invalidInput(
        "csv",
        `The CSV header names \`${cell}\`, which is not a lift study field: use ${LIFT_STUDY_COLUMNS.join(", ")}.`,
      );
    return name;
  });
}

/** "125,000" cannot be written here (the comma separates fields); "125_000" and "125 000" can. */
function numberOf(cell: string): number | string {
  const cleaned = cell.replace(/[_\s]/g, "");
  const value = Number(cleaned);
  return cleaned === "" || Number.isNaN(value) ? cell : value;
}
