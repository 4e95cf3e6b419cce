import { describe, expect, it } from "vitest";
import { csvNumber, csvValue, parseCell } from "./csv-cell.ts";
import { readCsvColumns } from "./csv-columns.ts";

describe("the one rule for CSV cells", () => {
  it("reads empty cells, NA and the other spellings of missing as missing, quoted or not", () => {
    const csv = readCsvColumns('x\n\n""\nNA\n"NA"\n NA \nNaN\nnan\nnull\nNULL\n#N/A\n', {
      strict: true,
    });
    // The blank line is skipped; every other row is a missing cell.
    expect(csv.length).toBe(9);
    expect(csv.text("x").map(parseCell)).toEqual(Array(9).fill(null));
    expect(csv.text("x").map(csvValue)).toEqual(Array(9).fill(Number.NaN));
  });

  it("reads numbers and infinities as numbers, quoted or not, and keeps text as trimmed text", () => {
    const csv = readCsvColumns(
      'x\n12\n"-0.5"\n.5\n1e-04\nInf\n"-Inf"\nInfinity\n -inf\n tv_S \n"a, ""b"""\n',
    );
    expect(csv.text("x").map(parseCell)).toEqual([
      12,
      -0.5,
      0.5,
      0.0001,
      Infinity,
      -Infinity,
      Infinity,
      -Infinity,
      "tv_S",
      'a, "b"',
    ]);
  });

  it("keeps R's logicals as text in data and reads them as 1/0 in output tables", () => {
    expect(["TRUE", "FALSE"].map(parseCell)).toEqual(["TRUE", "FALSE"]);
    expect(["TRUE", "FALSE", "true"].map(csvValue)).toEqual([1, 0, "true"]);
    expect(["TRUE", "abc", "", "0x10", "1_000"].map(csvNumber)).toEqual([1, NaN, NaN, NaN, NaN]);
  });
});
