/**
 * Data preparation before training, what the replaced product did before calling Robyn (seed inventory
 * §1.4, §3.3–3.4), without its bugs: the country filter never falls back to unfiltered data, resampling
 * never falls back to un-resampled data, and no daily calendar is forced on weekly data.
 *
 * Steps, in order: keep the country's rows; put rows in date order; merge rows sharing a date; detect the
 * frequency; list missing periods (and fill them with zeros on request); resample to weeks or months,
 * dropping incomplete first and last periods; name the columns that cannot explain anything. Every step is
 * in the report (`preparation-report.ts`); every failure is an `invalid_input` `MmmError` naming the field.
 */
import { invalidInput } from "../../common/errors.ts";
import { rowCount, type Table } from "../../common/table.ts";
import { isoFromDayNumber, toIsoDate } from "./dates.ts";
import { collapseDuplicates, hasDuplicateDays } from "./collapse-duplicates.ts";
import { columnFindings } from "./column-findings.ts";
import { columnRules, resolveAggregations } from "./column-rules.ts";
import { filterCountry, findCountryColumn } from "./country-filter.ts";
import { readDatedTable, resolveDateVar, toTable, type DatedTable } from "./dated-table.ts";
import { describePreparation } from "./describe-preparation.ts";
import { fillMissingPeriods } from "./fill-missing-periods.ts";
import { detectFrequency, missingPeriodDays } from "./frequency.ts";
import type {
  Aggregation,
  ColumnRule,
  CountryFilterReport,
  DuplicateDatesReport,
  Frequency,
  MissingPeriodsReport,
  PreparationReport,
  ResampleTarget,
  ResamplingReport,
} from "./preparation-report.ts";
import { combinesRows, resample } from "./resample.ts";
import type { Weekday } from "./weekday.ts";
import { count } from "./words.ts";

export interface PrepareDataOptions {
  /** The date column (`date_var`), or `"auto"` for the one column that holds only dates. */
  dateVar: string;
  resample: ResampleTarget;
  /** The weekday weeks start on (and are dated by) when daily data is resampled to weeks. */
  weekStart: Weekday;
  /** How numeric columns are combined (default sum), for duplicate dates and resampling alike. */
  aggregations: Readonly<Record<string, Aggregation>>;
  /** Keep only this country's rows (compared case-insensitively). */
  country?: string | undefined;
  /** The column holding the country; absent: the first of `COUNTRY_COLUMN_CANDIDATES` present. */
  countryColumn?: string | undefined;
  /** Columns the run uses: findings say training will stop on them; they must not mix numbers and text. */
  protectedColumns?: readonly string[] | undefined;
  /** Media columns (spends, exposures, organic), for the "zero in every period" finding. */
  mediaColumns?: readonly string[] | undefined;
  /** `zero`: add missing periods with 0 in numeric columns; default: leave them to the model's checks. */
  fillMissing?: "zero" | "none" | undefined;
}

export interface PreparedData {
  table: Table;
  report: PreparationReport;
}

export function prepareData(table: Table, options: PrepareDataOptions): PreparedData {
  const rowsIn = rowCount(table);
  if (rowsIn === 0) throw invalidInput("data", "The data has no rows: load a table with dated rows.");
  const dateVar = resolveDateVar(table, options.dateVar);
  const aggregations = resolveAggregations(table, dateVar, options.aggregations);
  const protectedColumns = new Set(options.protectedColumns ?? []);

  const { country, ordered, sorted } = countryRowsInDateOrder(table, rowsIn, dateVar, options);
  let rules: ColumnRule[] | undefined;
  const rulesOf = () => (rules ??= columnRules(ordered, aggregations, protectedColumns));

  let dated = ordered;
  let duplicates: DuplicateDatesReport | null = null;
  if (hasDuplicateDays(dated.days)) {
    ({ dated, report: duplicates } = collapseDuplicates(dated, rulesOf()));
  }
  const frequency = detectFrequency(dated.days, dateVar);
  const gaps = missingPeriodsStep(dated, frequency.detected, dateVar, country, options);
  dated = gaps.dated;
  const beforeResampling = dated.days.length;

  let resampling: ResamplingReport | null = null;
  let resampledPeriods = beforeResampling;
  if (options.resample !== "none") {
    const to = options.resample;
    const result = resample(dated, { from: frequency, to, weekStart: options.weekStart, rules: rulesOf });
    ({ dated, report: resampling, periodsSpanned: resampledPeriods } = result);
  }

  const report: Omit<PreparationReport, "summary"> = {
    dateVar,
    rows: {
      in: rowsIn,
      droppedByCountry: country.rowsDropped,
      mergedDuplicates: duplicates?.rowsMerged ?? 0,
      addedForMissingPeriods: gaps.added,
      beforeResampling,
      resampledPeriods,
      droppedPartialPeriods: resampling?.partialPeriodsDropped.length ?? 0,
      out: dated.days.length,
    },
    firstDate: isoFromDayNumber(dated.days[0]!),
    lastDate: isoFromDayNumber(dated.days.at(-1)!),
    sorted,
    country,
    duplicates,
    frequency,
    missingPeriods: gaps.report,
    resampling,
    frequencyOut: resampling?.status === "resampled" ? resampling.requested : frequency.detected,
    columns: columnFindings(dated, {
      skip: new Set(country.column === null ? [] : [country.column]),
      protectedColumns,
      mediaColumns: new Set(options.mediaColumns ?? []),
    }),
  };
  return {
    table: toTable(dated, dateVar, table.columns.indexOf(dateVar)),
    report: { ...report, summary: describePreparation(report) },
  };
}

/** The country's rows in date order, its column holding the country code one way ("de ", "DE" → "DE"). */
function countryRowsInDateOrder(
  table: Table,
  rowsIn: number,
  dateVar: string,
  options: PrepareDataOptions,
): { country: CountryFilterReport; ordered: DatedTable; sorted: boolean } {
  const kept = filterCountry(table, rowsIn, options.country, options.countryColumn);
  const { dated, sorted } = readDatedTable(table, dateVar, kept.rows);
  const column = kept.report.column;
  if (column === null || column === dateVar) return { country: kept.report, ordered: dated, sorted };
  const cells = { ...dated.cells, [column]: dated.days.map(() => kept.report.country) };
  return { country: kept.report, ordered: { ...dated, cells }, sorted };
}

/**
 * Missing periods at the data's own frequency: filled with zeros on request; otherwise left to the model's
 * checks, unless resampling would combine rows across them and hide them (then an error).
 */
function missingPeriodsStep(
  dated: DatedTable,
  frequency: Frequency,
  dateVar: string,
  country: CountryFilterReport,
  options: PrepareDataOptions,
): { dated: DatedTable; report: MissingPeriodsReport; added: number } {
  const missing = missingPeriodDays(dated.days, frequency);
  const report: MissingPeriodsReport = {
    count: missing.length,
    dates: missing.slice(0, 100).map(isoFromDayNumber),
    action: missing.length === 0 ? "none" : "left_for_model_checks",
  };
  if (missing.length === 0) return { dated, report, added: 0 };
  if (options.fillMissing === "zero") {
    const countryCells =
      country.column === null ? undefined : { column: country.column, value: country.country! };
    report.action = "filled_with_zero";
    return { dated: fillMissingPeriods(dated, missing, countryCells), report, added: missing.length };
  }
  if (options.resample !== "none" && combinesRows(frequency, options.resample)) {
    throw gapsBeforeResampling(dateVar, dated.days, missing, frequency, options.resample);
  }
  return { dated, report, added: 0 };
}

function gapsBeforeResampling(
  dateVar: string,
  days: readonly number[],
  missing: readonly number[],
  from: string,
  to: string,
) {
  return invalidInput(
    "date_var",
    `${count(missing.length, from)} ${missing.length === 1 ? "is" : "are"} missing in "${dateVar}" between ` +
      `${isoFromDayNumber(days[0]!)} and ${isoFromDayNumber(days.at(-1)!)} (first missing: ` +
      `${isoFromDayNumber(missing[0]!)}): resampled to ${to}s, the ${to}s holding them would look like drops. ` +
      `Add the missing ${from}s to the data, with 0 where there was no activity.`,
    { column: dateVar, missing: missing.slice(0, 20).map(isoFromDayNumber) },
  );
}

/**
 * Whether `prepareData` changes anything the model would otherwise reject or get wrong: resampling is
 * asked for, a country filter applies (a country column is named, or a candidate column is present), rows
 * share a date, or missing periods are to be filled. An unreadable date is left to the model's checks.
 */
export function needsPreparation(table: Table, options: PrepareDataOptions): boolean {
  if (options.resample !== "none" || options.fillMissing === "zero") return true;
  if (options.countryColumn !== undefined) return true;
  if (options.country !== undefined && findCountryColumn(table.columns) !== undefined) return true;
  const dateCells = table.data[resolveDateVar(table, options.dateVar)]!;
  const seen = new Set<string>();
  for (const cell of dateCells) {
    const iso = toIsoDate(cell);
    if (iso === undefined) continue;
    if (seen.has(iso)) return true;
    seen.add(iso);
  }
  return false;
}
