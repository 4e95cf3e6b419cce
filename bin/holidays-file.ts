/**
 * `--holidays FILE` of `mmm fit`, `mmm train` and `mmm import-robyn`: a CSV in Robyn's `dt_holidays`
 * shape (ds, holiday, country, year) whose rows for the run's country become the spec's `dt_holidays`,
 * so the run folder's spec.json carries them (core/prophet-settings.ts says why).
 */
import { readFile } from "node:fs/promises";
import { invalidInput } from "../common/errors.ts";
import { parseRunSpec, type RunSpec } from "../core/run-spec.ts";
import { parseCsv } from "../engine/data/csv.ts";
import type { HolidayRow } from "../engine/model-input/model-settings.ts";
import { readJsonFile } from "./read-json-file.ts";
import { holidayRowsFromTable, holidaysOfCountry } from "../engine/prophet/holidays-table.ts";

/** The file's rows for `country`; refused when it has none, or cannot be read. */
export async function readHolidaysFile(path: string, country: string): Promise<HolidayRow[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw invalidInput("holidays", `Cannot read ${path}: ${(error as Error).message}.`);
  }
  const rows = holidaysOfCountry(holidayRowsFromTable(parseCsv(text, "The holidays file")), country);
  if (rows.length === 0)
    throw invalidInput("holidays", `The holidays file ${path} has no rows for country ${country}.`);
  return rows;
}

/**
 * The spec of `--spec` with the rows of `--holidays` as its `dt_holidays`, validated together (so a file
 * that contradicts the spec is refused with the field named). A spec with its own dt_holidays and a
 * file too is refused: two sources for one table would leave the reader guessing which won.
 */
export async function readSpecWithHolidays(
  specPath: string,
  holidaysPath: string | undefined,
): Promise<RunSpec> {
  const raw = await readJsonFile(specPath, "spec");
  if (holidaysPath === undefined) return parseRunSpec(raw);
  const fields = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  // The rows kept are the run country's; without a valid country the spec's own error says so.
  const country =
    typeof fields.country === "string" ? fields.country.toUpperCase() : parseRunSpec(raw).country;
  if (fields.dt_holidays !== undefined)
    throw invalidInput(
      "holidays",
      "The spec has dt_holidays and --holidays names a file too: give the holidays one way.",
    );
  return parseRunSpec({ ...fields, dt_holidays: await readHolidaysFile(holidaysPath, country) });
}
