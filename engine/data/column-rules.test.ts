import { describe, expect, it } from "vitest";
import { tableFromRows } from "../../common/table.ts";
import { columnKind, columnRules, resolveAggregations } from "./column-rules.ts";
import type { DatedTable } from "./dated-table.ts";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";

describe("columnKind", () => {
  it("tells numbers, text, empty and mixed columns apart, ignoring missing cells", () => {
    expect(columnKind([1, null, Number.NaN, 2])).toBe("number");
    expect(columnKind(["a", null])).toBe("text");
    expect(columnKind([null, Number.NaN])).toBe("empty");
    expect(columnKind([1, "n/a"])).toBe("mixed");
  });
});

describe("resolveAggregations", () => {
  const table = tableFromRows(["DATE", "tv_S", "price"], [["2024-01-01", 1, 2]]);

  it("keys the setting by the columns' exact names", () => {
    expect(resolveAggregations(table, "DATE", { PRICE: "mean" })).toEqual(new Map([["price", "mean"]]));
  });

  it("rejects unknown columns with a suggestion, the date column and unknown rules", () => {
    const unknown = expectInvalidInput(
      () => resolveAggregations(table, "DATE", { tv_s_x: "sum" }),
      "aggregations.tv_s_x",
    );
    expect(unknown.message).toBe(
      'aggregations names column "tv_s_x", which is not in the data. Did you mean "tv_S"? The data has: DATE, tv_S, price.',
    );
    expectInvalidInput(() => resolveAggregations(table, "DATE", { DATE: "max" }), "aggregations.DATE");
    expectInvalidInput(() => resolveAggregations(table, "DATE", { tv_S: "first" }), "aggregations.tv_S");
  });
});

describe("columnRules", () => {
  const dated: DatedTable = Object.freeze({
    columns: ["tv_S", "price", "events", "notes", "empty"],
    cells: {
      tv_S: [1, 2],
      price: [3, 4],
      events: ["na", "sale"],
      notes: [7, "see mail"],
      empty: [null, null],
    },
    days: [19723, 19724],
  });

  it("sums numbers by default, applies the settings, and takes text's most frequent value", () => {
    expect(columnRules(dated, new Map([["price", "mean"]]), new Set())).toEqual([
      { column: "tv_S", kind: "number", rule: "sum", fromSettings: false },
      { column: "price", kind: "number", rule: "mean", fromSettings: true },
      { column: "events", kind: "text", rule: "most_frequent", fromSettings: false },
      { column: "notes", kind: "text", rule: "most_frequent", fromSettings: false },
      { column: "empty", kind: "empty", rule: "sum", fromSettings: false },
    ]);
  });

  it("refuses a numeric aggregation for text", () => {
    const error = expectInvalidInput(
      () => columnRules(dated, new Map([["events", "sum"]]), new Set()),
      "aggregations.events",
    );
    expect(error.message).toMatch(
      /^aggregations has "sum" for column "events", which holds text \(e\.g\. "na"\)/,
    );
  });

  it("refuses a column the run uses that mixes numbers and text, naming the date", () => {
    const error = expectInvalidInput(() => columnRules(dated, new Map(), new Set(["notes"])), "notes");
    expect(error.message).toBe(
      'Column "notes" holds numbers and text (e.g. "see mail" on 2024-01-02), so its rows cannot be combined. ' +
        "Make every value a number in the source (0 for no activity).",
    );
  });
});
