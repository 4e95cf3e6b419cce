import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvNumber, readCsvColumns } from "./csv-columns.ts";

describe("readCsvColumns", () => {
  const text = "solID,nrmse,decomp.rssd,top_sol\n1_1_1,0.2,NA,TRUE\n1_2_3,0.1,Inf,FALSE\n\n2_1_1,,0.3,TRUE\n";

  it("reads only the wanted columns, as text and as numbers in R's conventions", () => {
    const csv = readCsvColumns(text, { columns: ["solID", "decomp.rssd", "top_sol", "missing"] });
    expect(csv.length).toBe(3);
    expect(csv.header).toEqual(["solID", "nrmse", "decomp.rssd", "top_sol"]);
    expect(csv.text("solID")).toEqual(["1_1_1", "1_2_3", "2_1_1"]);
    expect([...csv.numbers("decomp.rssd")]).toEqual([Number.NaN, Number.POSITIVE_INFINITY, 0.3]);
    expect([...csv.numbers("top_sol")]).toEqual([1, 0, 1]);
    expect(csv.has("missing")).toBe(false);
    expect(() => csv.text("nrmse")).toThrow(/was not read/);
  });

  it("keeps only the rows of one value, also when the value appears in other columns", () => {
    const rows = "ds,solID,x\n2016-01-04,1_1_1,5\n2016-01-11,1_1_1,6\n2016-01-04,1_1_10,7\n1_1_1,2_2_2,8\n";
    const csv = readCsvColumns(rows, { where: { column: "solID", equals: "1_1_1" } });
    expect(csv.text("x")).toEqual(["5", "6"]);
    expect(readCsvColumns(rows, { where: { column: "nope", equals: "1_1_1" } }).length).toBe(0);
    expect(readCsvColumns(rows, { where: { column: "solID", equals: "9_9_9" } }).length).toBe(0);
  });

  it("reads quoted cells with commas, doubled quotes and line breaks, and CRLF lines", () => {
    const quoted = '"rn","note"\r\n"tv_S","a, ""quoted""\nnote"\r\n"ooh_S",plain\r\n';
    const csv = readCsvColumns(quoted);
    expect(csv.text("rn")).toEqual(["tv_S", "ooh_S"]);
    expect(csv.text("note")).toEqual(['a, "quoted"\nnote', "plain"]);
  });

  it("agrees with csv-parse on any table of simple and quoted cells", () => {
    const cell = fc.oneof(
      fc.constantFrom("NA", "TRUE", "Inf", "", "1_2_3"),
      fc.double({ noNaN: true }).map(String),
      fc.string({ maxLength: 6 }).filter((s) => !s.includes("\r")),
    );
    const quote = (s: string) => (/[",\n]/.test(s) || s === "" ? `"${s.replaceAll('"', '""')}"` : s);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 })),
        (width, rows) => {
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const body = rows.map((r) => r.slice(0, width).map(quote).join(",")).join("\n");
          const csvText = `${header.join(",")}\n${body}`;
          const expected = parse(csvText, { relax_column_count: true }) as string[][];
          const got = readCsvColumns(csvText);
          const dataRows = expected.slice(1);
          for (let i = 0; i < width; i++) {
            expect(got.text(`c${i}`)).toEqual(dataRows.map((r) => r[i] ?? ""));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("converts cells like R writes them", () => {
    expect(csvNumber("-Inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(csvNumber("1e-3")).toBe(0.001);
    expect(csvNumber("abc")).toBeNaN();
  });
});
