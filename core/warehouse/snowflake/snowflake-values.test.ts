import { describe, expect, it } from "vitest";
import { columnTypeOfSnowflake, declaredType, toCell, warehouseTypeOf } from "./snowflake-values.ts";

describe("Snowflake values", () => {
  it("converts values to cells as the port says", () => {
    expect(toCell(new Date(Date.UTC(2015, 10, 23)))).toBe("2015-11-23");
    expect(toCell(new Date("2015-11-23T23:30:00Z"))).toBe("2015-11-23");
    expect(toCell(8125009)).toBe(8125009);
    expect(toCell(Number.NaN)).toBeNull();
    expect(toCell(true)).toBe(1);
    expect(toCell(null)).toBeNull();
    expect(toCell({ a: 1 })).toBe('{"a":1}');
    expect(toCell([1, 2])).toBe("[1,2]");
  });

  it("classifies result and catalog types", () => {
    expect(["fixed", "real", "NUMBER", "FLOAT"].map(columnTypeOfSnowflake)).toEqual([
      "number",
      "number",
      "number",
      "number",
    ]);
    expect(["date", "timestamp_ntz", "TIMESTAMP_TZ"].map(columnTypeOfSnowflake)).toEqual([
      "date",
      "date",
      "date",
    ]);
    expect(["boolean", "text", "VARIANT"].map(columnTypeOfSnowflake)).toEqual([
      "boolean",
      "string",
      "string",
    ]);
    const column = {
      getName: () => "X",
      getType: () => "fixed",
      getPrecision: () => 18,
      getScale: () => 2,
      isNullable: () => true,
    };
    expect(warehouseTypeOf(column)).toBe("NUMBER(18,2)");
    expect(declaredType("TEXT", null, null, 16)).toBe("VARCHAR(16)");
  });
});
