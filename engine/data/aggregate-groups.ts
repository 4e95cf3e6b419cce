/**
 * Many rows into one per group (a date holding duplicate rows, or a week or month when resampling).
 *
 * Each input row contributes one or more entries: `(row, group, days, share)`. A daily row or a duplicate
 * row is one entry with `days = 1, share = 1`; a weekly row resampled to months is split into one entry per
 * month it touches, with `days` the days it has in that month and `share = days / 7`. Per group:
 * - sum: Σ value·share (so a week's total is split between months by days, and column totals are kept);
 * - mean: Σ value·days / Σ days (a mean per day, weighted by the days each row covers);
 * - max, min: over the entries' values;
 * - most frequent (text): the value covering the most days, the first seen on a tie.
 * Missing cells are skipped and counted; a group whose cells are all missing stays missing.
 */
import type { Cell } from "../../common/table.ts";
import { isoFromDayNumber } from "./dates.ts";
import type { DatedTable } from "./dated-table.ts";
import type {
  AggregationReport,
  ColumnRule,
  SkippedMissingValues,
  TextDisagreement,
} from "./preparation-report.ts";

export interface Entry {
  row: number;
  group: number;
  days: number;
  share: number;
}

/**
 * Aggregates `source` into one row per group. `entries` are sorted by group, every group in
 * `0 … groupDays.length − 1` has at least one, and `groupDays[g]` is the day that labels group g.
 */
export function aggregateGroups(
  source: DatedTable,
  entries: readonly Entry[],
  groupDays: readonly number[],
  rules: readonly ColumnRule[],
): { dated: DatedTable; report: AggregationReport } {
  const cells: Record<string, Cell[]> = {};
  const skippedMissingValues: SkippedMissingValues[] = [];
  const textDisagreements: TextDisagreement[] = [];
  for (const rule of rules) {
    const input = source.cells[rule.column]!;
    if (rule.rule === "most_frequent") {
      const { values, disagreement } = mostFrequentByGroup(input, entries, groupDays);
      cells[rule.column] = values;
      if (disagreement) textDisagreements.push({ column: rule.column, ...disagreement });
    } else {
      const { values, skipped } = aggregateNumbers(input, entries, groupDays.length, rule.rule);
      cells[rule.column] = values;
      if (skipped.cells > 0) {
        skippedMissingValues.push({
          column: rule.column,
          cells: skipped.cells,
          periods: skipped.groups,
          firstDate: isoFromDayNumber(groupDays[skipped.firstGroup]!),
        });
      }
    }
  }
  return {
    dated: { columns: source.columns, cells, days: [...groupDays] },
    report: { columns: [...rules], skippedMissingValues, textDisagreements },
  };
}

function isMissing(cell: Cell | undefined): cell is null | undefined {
  return cell === null || cell === undefined || (typeof cell === "number" && Number.isNaN(cell));
}

function aggregateNumbers(
  input: readonly Cell[],
  entries: readonly Entry[],
  groups: number,
  rule: "sum" | "mean" | "max" | "min",
): { values: Cell[]; skipped: { cells: number; groups: number; firstGroup: number } } {
  const values: Cell[] = new Array<Cell>(groups).fill(null);
  const skipped = { cells: 0, groups: 0, firstGroup: -1 };
  let i = 0;
  while (i < entries.length) {
    const group = entries[i]!.group;
    let total = rule === "max" ? -Infinity : rule === "min" ? Infinity : 0;
    let weight = 0;
    let present = 0;
    let missing = 0;
    for (; i < entries.length && entries[i]!.group === group; i++) {
      const entry = entries[i]!;
      const cell = input[entry.row];
      if (isMissing(cell)) {
        missing++;
        continue;
      }
      // A text cell in a numeric column cannot happen: such columns get the most-frequent rule.
      const value = cell as number;
      present++;
      if (rule === "sum") total += value * entry.share;
      else if (rule === "mean") {
        total += value * entry.days;
        weight += entry.days;
      } else if (rule === "max") total = Math.max(total, value);
      else total = Math.min(total, value);
    }
    if (present > 0) values[group] = rule === "mean" ? total / weight : total;
    if (present > 0 && missing > 0) {
      skipped.cells += missing;
      skipped.groups++;
      if (skipped.firstGroup < 0) skipped.firstGroup = group;
    }
  }
  return { values, skipped };
}

function mostFrequentByGroup(
  input: readonly Cell[],
  entries: readonly Entry[],
  groupDays: readonly number[],
): { values: Cell[]; disagreement: Omit<TextDisagreement, "column"> | undefined } {
  const values: Cell[] = new Array<Cell>(groupDays.length).fill(null);
  let disagreement: Omit<TextDisagreement, "column"> | undefined;
  let i = 0;
  while (i < entries.length) {
    const group = entries[i]!.group;
    // Insertion order of the map is first-seen order, which breaks ties.
    const seen = new Map<string, { cell: Cell; days: number }>();
    for (; i < entries.length && entries[i]!.group === group; i++) {
      const entry = entries[i]!;
      const cell = input[entry.row];
      if (isMissing(cell)) continue;
      const key = `${typeof cell}:${String(cell)}`;
      const tally = seen.get(key);
      if (tally) tally.days += entry.days;
      else seen.set(key, { cell, days: entry.days });
    }
    if (seen.size === 0) continue;
    const ranked = [...seen.values()].sort((a, b) => b.days - a.days);
    values[group] = ranked[0]!.cell;
    if (seen.size > 1) {
      disagreement ??= {
        periods: 0,
        firstDate: isoFromDayNumber(groupDays[group]!),
        values: ranked.slice(0, 5).map((tally) => tally.cell),
      };
      disagreement.periods++;
    }
  }
  return { values, disagreement };
}
