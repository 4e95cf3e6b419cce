import { describe, expect, it } from "vitest";
import { dayNumber } from "./dates.ts";
import { aggregateGroups, type Entry } from "./aggregate-groups.ts";
import type { DatedTable } from "./dated-table.ts";
import type { ColumnRule } from "./preparation-report.ts";

const rule = (column: string, name: ColumnRule["rule"]): ColumnRule => ({
  column,
  kind: name === "most_frequent" ? "text" : "number",
  rule: name,
  fromSettings: false,
});

// Five rows in two groups: rows 0–2 → group 0 (2024-01-01), rows 3–4 → group 1 (2024-01-08).
const source: DatedTable = Object.freeze({
  columns: ["x", "tag"],
  cells: { x: [1, 2, null, 10, 20], tag: ["a", "b", "b", null, null] },
  days: [0, 0, 0, 7, 7].map((d) => dayNumber("2024-01-01") + d),
});
const rowEntries: Entry[] = [0, 1, 2, 3, 4].map((row) => ({
  row,
  group: row < 3 ? 0 : 1,
  days: 1,
  share: 1,
}));
const groupDays = [dayNumber("2024-01-01"), dayNumber("2024-01-08")];

function aggregate(name: ColumnRule["rule"], entries = rowEntries) {
  return aggregateGroups(source, entries, groupDays, [rule(name === "most_frequent" ? "tag" : "x", name)]);
}

describe("aggregateGroups", () => {
  it("sums, averages, and takes the largest and smallest value, skipping missing cells", () => {
    expect(aggregate("sum").dated.cells.x).toEqual([3, 30]);
    expect(aggregate("mean").dated.cells.x).toEqual([1.5, 15]);
    expect(aggregate("max").dated.cells.x).toEqual([2, 20]);
    expect(aggregate("min").dated.cells.x).toEqual([1, 10]);
    expect(aggregate("sum").dated.days).toEqual(groupDays);
  });

  it("reports the missing cells it skipped, by column and first period", () => {
    expect(aggregate("sum").report.skippedMissingValues).toEqual([
      { column: "x", cells: 1, periods: 1, firstDate: "2024-01-01" },
    ]);
  });

  it("takes text's most frequent value, leaves an all-missing group missing, and reports disagreement", () => {
    const { dated, report } = aggregate("most_frequent");
    expect(dated.cells.tag).toEqual(["b", null]);
    expect(report.textDisagreements).toEqual([
      { column: "tag", periods: 1, firstDate: "2024-01-01", values: ["b", "a"] },
    ]);
  });

  it("breaks a tie by the value seen first", () => {
    const tie = rowEntries.slice(0, 2).concat(rowEntries.slice(3));
    expect(aggregate("most_frequent", tie).dated.cells.tag).toEqual(["a", null]);
  });

  it("weights by share for sums and by days for means (a week split 3 + 4 days between two months)", () => {
    const week: DatedTable = { columns: ["x"], cells: { x: [70, 140] }, days: [0, 7] };
    const entries: Entry[] = [
      { row: 0, group: 0, days: 3, share: 3 / 7 },
      { row: 0, group: 1, days: 4, share: 4 / 7 },
      { row: 1, group: 1, days: 7, share: 1 },
    ];
    const sum = aggregateGroups(week, entries, [0, 3], [rule("x", "sum")]).dated.cells.x as number[];
    expect(sum[0]).toBeCloseTo(30, 12); // 70 × 3/7
    expect(sum[1]).toBeCloseTo(180, 12); // 70 × 4/7 + 140
    const mean = aggregateGroups(week, entries, [0, 3], [rule("x", "mean")]).dated.cells.x as number[];
    expect(mean[0]).toBe(70);
    expect(mean[1]).toBeCloseTo((70 * 4 + 140 * 7) / 11, 12);
  });
});
