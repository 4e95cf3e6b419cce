/**
 * One row per date. Rows sharing a date usually come from a table split by something else (campaign,
 * device, several countries): numeric columns are combined by their aggregation (default sum), text by its
 * most frequent value, and a text column that disagrees within a date is reported, because it may be the
 * dimension the table is split by (the product this one replaces summed and took the first value, silently).
 */
import { isoFromDayNumber } from "./dates.ts";
import { aggregateGroups, type Entry } from "./aggregate-groups.ts";
import type { DatedTable } from "./dated-table.ts";
import type { ColumnRule, DuplicateDatesReport } from "./preparation-report.ts";

/** Whether any day appears twice (`days` ascending). */
export function hasDuplicateDays(days: readonly number[]): boolean {
  for (let i = 1; i < days.length; i++) if (days[i] === days[i - 1]) return true;
  return false;
}

/** Merges the rows of each date of `dated` (rows in date order) with `rules`. */
export function collapseDuplicates(
  dated: DatedTable,
  rules: readonly ColumnRule[],
): { dated: DatedTable; report: DuplicateDatesReport } {
  const entries: Entry[] = [];
  const groupDays: number[] = [];
  const duplicated: number[] = [];
  dated.days.forEach((day, row) => {
    if (groupDays.at(-1) !== day) groupDays.push(day);
    else if (duplicated.at(-1) !== day) duplicated.push(day);
    entries.push({ row, group: groupDays.length - 1, days: 1, share: 1 });
  });
  const { dated: merged, report: aggregation } = aggregateGroups(dated, entries, groupDays, rules);
  return {
    dated: merged,
    report: {
      dates: duplicated.length,
      rowsMerged: dated.days.length - groupDays.length,
      firstDates: duplicated.slice(0, 20).map(isoFromDayNumber),
      aggregation,
    },
  };
}
