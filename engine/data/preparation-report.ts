/**
 * What data preparation did, for the person who reads `output/data_preparation.json` and the run log: every
 * step in structured form, and `summary`, the same facts in sentences a marketer understands.
 *
 * The row counts add up: `in − droppedByCountry − mergedDuplicates + addedForMissingPeriods =
 * beforeResampling`, and `resampledPeriods − droppedPartialPeriods = out` (without resampling,
 * `resampledPeriods = beforeResampling` and nothing is dropped).
 */
import type { Cell } from "../../common/table.ts";
import type { Weekday } from "./weekday.ts";

/** How a numeric column is combined when rows are merged or resampled (the RunSpec's `aggregations`). */
export const AGGREGATIONS = ["sum", "mean", "max", "min"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export type Frequency = "day" | "week" | "month";
export type ResampleTarget = "none" | "week" | "month";

/** What a column holds, among the rows being prepared. */
export type ColumnKind = "number" | "text" | "empty";

/** How one column is combined when several rows become one. */
export interface ColumnRule {
  column: string;
  kind: ColumnKind;
  /** A numeric aggregation, or `most_frequent` for text. */
  rule: Aggregation | "most_frequent";
  /** True when the rule comes from `aggregations`, false when it is the default (sum, or most frequent). */
  fromSettings: boolean;
}

/** Missing numeric cells that an aggregation skipped (the period is aggregated from the values present). */
export interface SkippedMissingValues {
  column: string;
  cells: number;
  /** Output periods (or dates) aggregated from fewer values than they had rows. */
  periods: number;
  /** The first such period (or date). */
  firstDate: string;
}

/** A text column whose values differed within a merged date or a resampled period. */
export interface TextDisagreement {
  column: string;
  periods: number;
  firstDate: string;
  /** The values seen in the first such period, most frequent first (at most 5). */
  values: Cell[];
}

export interface AggregationReport {
  columns: ColumnRule[];
  skippedMissingValues: SkippedMissingValues[];
  textDisagreements: TextDisagreement[];
}

export interface CountryFilterReport {
  /**
   * `filtered`: rows of other countries were dropped (or there were none); `no_country_column`: a country
   * was given but the data has no country column, so the data is taken as that country's; `not_requested`:
   * no country was given.
   */
  status: "filtered" | "no_country_column" | "not_requested";
  column: string | null;
  country: string | null;
  rowsKept: number;
  rowsDropped: number;
  /** The other countries whose rows were dropped (at most 60). */
  otherCountries: string[];
  /** The column names looked for when none was named. */
  lookedFor: string[];
}

export interface DuplicateDatesReport {
  /** Dates that appeared on more than one row. */
  dates: number;
  /** Rows merged away (rows before − dates after). */
  rowsMerged: number;
  /** The first duplicated dates (at most 20). */
  firstDates: string[];
  aggregation: AggregationReport;
}

export interface FrequencyReport {
  detected: Frequency;
  /** Weekly data: the weekday every date falls on. */
  weekday: Weekday | null;
}

export interface MissingPeriodsReport {
  count: number;
  /** The missing period starts (at most 100). */
  dates: string[];
  /** `filled_with_zero` (`fillMissing: "zero"`) or `left_for_model_checks` (which reject gaps). */
  action: "none" | "filled_with_zero" | "left_for_model_checks";
}

export interface PartialPeriod {
  /** The period's label (its first day). */
  start: string;
  /** Days of the period the data covers, and the days of a full period. */
  days: number;
  fullDays: number;
  position: "first" | "last";
}

export interface ResamplingReport {
  requested: "week" | "month";
  from: Frequency;
  /** `resampled`, or `unchanged` when the data already has the requested frequency. */
  status: "resampled" | "unchanged";
  /** Weekly output: the weekday that starts (and labels) each week. */
  weekStart: Weekday | null;
  /** Complete periods kept. */
  periods: number;
  partialPeriodsDropped: PartialPeriod[];
  /** Weekly → monthly: weeks whose days fall in two months and were split between them by days. */
  weeksSplitAcrossMonths: number;
  aggregation: AggregationReport | null;
}

/** A column that cannot explain anything as it is: missing, zero or one value throughout. */
export interface ColumnFinding {
  column: string;
  finding: "all_missing" | "all_zero" | "constant";
  /** The single value (null for `all_missing`). */
  value: Cell;
  /** Named as media (`mediaColumns`) or named like media (spend, impressions, clicks, `_S`, `_I`, `_P`). */
  mediaLike: boolean;
  /** Listed in `protectedColumns`: the run uses it, so the model checks will stop on it. */
  usedByModel: boolean;
}

export interface RowCounts {
  in: number;
  droppedByCountry: number;
  mergedDuplicates: number;
  addedForMissingPeriods: number;
  beforeResampling: number;
  /** Periods the resampled data spans, complete or not (`beforeResampling` without resampling). */
  resampledPeriods: number;
  droppedPartialPeriods: number;
  out: number;
}

export interface PreparationReport {
  dateVar: string;
  rows: RowCounts;
  /** First and last date of the prepared data. */
  firstDate: string;
  lastDate: string;
  /** True when the rows were not in date order. */
  sorted: boolean;
  country: CountryFilterReport;
  duplicates: DuplicateDatesReport | null;
  frequency: FrequencyReport;
  missingPeriods: MissingPeriodsReport;
  resampling: ResamplingReport | null;
  /** The final frequency of the prepared data. */
  frequencyOut: Frequency;
  columns: ColumnFinding[];
  /** Every step above in sentences, in order. */
  summary: string[];
}
