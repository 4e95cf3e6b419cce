/**
 * The preparation report in sentences, for the run log and the people reading it: what was kept, merged,
 * resampled, dropped and found, with the dates and columns involved and, where something needs doing,
 * what to do.
 */
import {
  AGGREGATIONS,
  type AggregationReport,
  type ColumnFinding,
  type ColumnRule,
  type CountryFilterReport,
  type Frequency,
  type PreparationReport,
  type ResamplingReport,
} from "./preparation-report.ts";
import { weekdayLabel } from "./weekday.ts";
import { count, listNames, showValue } from "./words.ts";

const ADJECTIVE: Record<Frequency, string> = { day: "daily", week: "weekly", month: "monthly" };

export function describePreparation(report: Omit<PreparationReport, "summary">): string[] {
  const lines: string[] = [`The data has ${count(report.rows.in, "row")}, dated by "${report.dateVar}".`];
  const country = describeCountry(report.country);
  if (country) lines.push(country);
  if (report.sorted) lines.push("The rows were put in date order.");

  if (report.duplicates) {
    const { dates, rowsMerged, firstDates, aggregation } = report.duplicates;
    lines.push(
      `${count(dates, "date")} appeared on more than one row (first ${firstDates[0]}): ` +
        `${count(rowsMerged, "extra row")} ${rowsMerged === 1 ? "was" : "were"} merged, leaving one row per ` +
        `date. ${describeRules(aggregation.columns)}`,
    );
    for (const note of describeAggregationNotes(aggregation, "date", true)) lines.push(note);
  }

  const { detected, weekday } = report.frequency;
  lines.push(`The data is ${ADJECTIVE[detected]}${weekday ? ` (dated by ${weekdayLabel(weekday)}s)` : ""}.`);
  lines.push(describeMissing(report, detected));

  if (report.resampling) for (const note of describeResampling(report.resampling)) lines.push(note);

  const noun = report.frequencyOut;
  for (const finding of report.columns) lines.push(describeFinding(finding, noun));
  lines.push(
    `The prepared data has ${count(report.rows.out, noun)} from ${report.firstDate} to ${report.lastDate}.`,
  );
  return lines;
}

function describeCountry(country: CountryFilterReport): string | undefined {
  if (country.status === "not_requested") return undefined;
  if (country.status === "no_country_column") {
    return (
      `The data has no country column (looked for ${country.lookedFor.join(", ")}), so all of it is taken as ` +
      `${country.country}'s. If it holds several countries, set data.country_column.`
    );
  }
  if (country.rowsDropped === 0) {
    return `Every row has ${country.column} ${country.country}: there was nothing to filter.`;
  }
  return (
    `Kept the ${count(country.rowsKept, "row")} whose ${country.column} is ${country.country} and dropped ` +
    `${count(country.rowsDropped, "row")} of other countries (${listNames(country.otherCountries)}).`
  );
}

const RULE_WORDS: Record<ColumnRule["rule"], string> = {
  sum: "added up",
  mean: "averaged",
  max: "combined by their largest value",
  min: "combined by their smallest value",
  most_frequent: "most frequent value",
};

/** "Numbers were added up (a, b), averaged (c); text columns took their most frequent value (d)." */
export function describeRules(rules: readonly ColumnRule[]): string {
  const numeric = AGGREGATIONS.map((rule) => ({
    rule,
    columns: rules.filter((r) => r.rule === rule).map((r) => r.column),
  }))
    .filter(({ columns }) => columns.length > 0)
    .map(({ rule, columns }) => `${RULE_WORDS[rule]} (${listNames(columns)})`);
  const text = rules.filter((r) => r.rule === "most_frequent").map((r) => r.column);
  const parts: string[] = [];
  if (numeric.length > 0) parts.push(`Numbers were ${numeric.join(", ")}`);
  if (text.length > 0) parts.push(`text columns took their most frequent value (${listNames(text)})`);
  if (parts.length === 0) return "";
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function describeAggregationNotes(
  aggregation: AggregationReport,
  noun: string,
  duplicates: boolean,
): string[] {
  const lines = aggregation.skippedMissingValues.map(
    (skipped) =>
      `Column "${skipped.column}" has ${count(skipped.cells, "missing value")} in ` +
      `${count(skipped.periods, noun)} (first ${skipped.firstDate}): ` +
      `${skipped.periods === 1 ? "it was" : "they were"} combined from the values present.`,
  );
  for (const disagreement of aggregation.textDisagreements) {
    const values = disagreement.values.map(showValue).join(", ");
    lines.push(
      `Column "${disagreement.column}" had different values within ${count(disagreement.periods, noun)} ` +
        `(first ${disagreement.firstDate}: ${values}); the most frequent value was kept.` +
        (duplicates
          ? ` If the table is split by "${disagreement.column}" (several countries or segments), the rows were ` +
            `added up across them: set data.country_column to "${disagreement.column}", or filter the data, to ` +
            `train one of them.`
          : ""),
    );
  }
  return lines;
}

function describeMissing(report: Omit<PreparationReport, "summary">, noun: Frequency): string {
  const { count: missing, dates, action } = report.missingPeriods;
  const span = `between the first and the last date`;
  if (missing === 0) return `No ${noun} is missing ${span}.`;
  const shown = `${listNames(dates, 5)}`;
  if (action === "filled_with_zero") {
    return (
      `${count(missing, noun)} ${missing === 1 ? "was" : "were"} missing ${span} (${shown}); ` +
      `${missing === 1 ? "it was" : "they were"} added with 0 in every numeric column.`
    );
  }
  return (
    `${count(missing, noun)} ${missing === 1 ? "is" : "are"} missing ${span} (${shown}): the model needs one row ` +
    `per ${noun}, so training will stop unless they are added to the data (with 0 where there was no activity).`
  );
}

function describeResampling(resampling: ResamplingReport): string[] {
  const { requested: to, from } = resampling;
  if (resampling.status === "unchanged") {
    const day = resampling.weekStart ? ` (dated by ${weekdayLabel(resampling.weekStart)}s)` : "";
    return [`The data is already ${ADJECTIVE[from]}${day}, so it was not resampled.`];
  }
  const labels =
    to === "week"
      ? `weeks starting on ${weekdayLabel(resampling.weekStart!)}, each dated by its ${weekdayLabel(resampling.weekStart!)}`
      : `months, each dated by its 1st`;
  const lines = [
    `Resampled the ${ADJECTIVE[from]} data to ${labels}: ${count(resampling.periods, to)}. ` +
      describeRules(resampling.aggregation?.columns ?? []),
  ];
  if (from === "week") {
    lines.push(
      `Each weekly row was taken to cover its date and the 6 days after it; ` +
        `${count(resampling.weeksSplitAcrossMonths, "week")} spanning two months ${resampling.weeksSplitAcrossMonths === 1 ? "was" : "were"} split between them by days.`,
    );
  }
  const partial = resampling.partialPeriodsDropped;
  if (partial.length > 0) {
    const which = partial
      .map((p) => `the incomplete ${p.position} ${to} ${p.start} (${p.days} of ${p.fullDays} days)`)
      .join(" and ");
    lines.push(`Dropped ${which}, so that a partial ${to} does not look like a drop in sales.`);
  }
  if (resampling.aggregation) {
    for (const note of describeAggregationNotes(resampling.aggregation, to, false)) lines.push(note);
  }
  return lines;
}

function describeFinding(finding: ColumnFinding, noun: Frequency): string {
  const consequence = finding.usedByModel
    ? " The run uses it, so training will stop: remove it from the model, or fix the data."
    : " It is not used by this run.";
  if (finding.finding === "all_missing")
    return `Column "${finding.column}" has no values at all.${consequence}`;
  if (finding.finding === "all_zero" && finding.mediaLike) {
    return (
      `Media column "${finding.column}" is zero in every ${noun}: the channel had no activity in this data, ` +
      `so its effect cannot be measured.${consequence}`
    );
  }
  return (
    `Column "${finding.column}" has the same value (${showValue(finding.value)}) in every ${noun}, so it cannot ` +
    `explain anything.${consequence}`
  );
}
