import { BigQuery } from "@google-cloud/bigquery";
import { describe, expect, it } from "vitest";
import { columnTypeOfBigQuery, nullableOf, toCell, warehouseTypeOf } from "./bigquery-values.ts";

describe("BigQuery values", () => {
  it("converts the client's values to cells as port.ts says", () => {
    expect(toCell(42)).toBe(42);
    expect(toCell(true)).toBe(1);
    expect(toCell(null)).toBeNull();
    expect(toCell(BigQuery.date("2015-11-23"))).toBe("2015-11-23");
    expect(toCell(BigQuery.datetime("2015-11-23T23:30:00"))).toBe("2015-11-23");
    // A timestamp keeps its UTC calendar day.
    expect(toCell(BigQuery.timestamp("2015-11-23T23:30:00Z"))).toBe("2015-11-23");
    expect(toCell(BigQuery.time("12:30:00"))).toBe("12:30:00");
    expect(toCell(Buffer.from([1, 255]))).toBe("01ff");
    expect(toCell(["a", "b"])).toBe('["a","b"]');
  });

  it("reads NUMERIC decimals as numbers", () => {
    const [row] = BigQuery.mergeSchemaWithRows_(
      { fields: [{ name: "N", type: "NUMERIC" }] },
      [{ f: [{ v: "8125009.25" }] }],
      { wrapIntegers: false },
    ) as Record<string, unknown>[];
    expect(toCell(row!.N)).toBe(8125009.25);
  });

  it("names kinds and types, legacy or standard", () => {
    expect(
      ["INTEGER", "INT64", "FLOAT", "NUMERIC", "BIGNUMERIC"].map((type) => columnTypeOfBigQuery({ type })),
    ).toEqual(["number", "number", "number", "number", "number"]);
    expect(columnTypeOfBigQuery({ type: "TIMESTAMP" })).toBe("date");
    expect(columnTypeOfBigQuery({ type: "BOOL" })).toBe("boolean");
    expect(columnTypeOfBigQuery({ type: "INTEGER", mode: "REPEATED" })).toBe("string");
    expect(warehouseTypeOf({ type: "INTEGER" })).toBe("INT64");
    expect(warehouseTypeOf({ type: "RECORD", mode: "REPEATED" })).toBe("ARRAY<STRUCT>");
    expect([nullableOf({ mode: "REQUIRED" }), nullableOf({ mode: "NULLABLE" }), nullableOf({})]).toEqual([
      false,
      true,
      true,
    ]);
  });
});
