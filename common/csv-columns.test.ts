import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvNumber } from "./csv-cell.ts";
import { CsvSyntaxError, readCsvColumns } from "./csv-columns.ts";

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
          const dataRows = expected.slice(1);
          for (const got of [readCsvColumns(csvText), readCsvColumns(csvText, { strict: true })]) {
            for (let i = 0; i < width; i++) {
              expect(got.text(`c${i}`)).toEqual(dataRows.map((r) => r[i] ?? ""));
            }
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

  it("skips blank lines before the header and reads a file without one as empty", () => {
    expect(readCsvColumns("\r\n\nDATE,x\n2016-01-04,1\n").text("x")).toEqual(["1"]);
    const empty = readCsvColumns("\n\n");
    expect([empty.header, empty.length]).toEqual([[], 0]);
  });

  it("in strict mode refuses a row without one cell per column, naming its line", () => {
    const ragged = "DATE,x,y\n2016-01-04,1,2\n\n2016-01-11,3\n";
    expect(readCsvColumns(ragged).text("y")).toEqual(["2", ""]);
    expect(() => readCsvColumns(ragged, { strict: true })).toThrow(
      new CsvSyntaxError("line 4: 2 cells where the header has 3; every row needs one cell per column."),
    );
    expect(() => readCsvColumns('DATE,x\n"2016-01-04",1,\n', { strict: true })).toThrow(/line 2: 3 cells/);
  });

  it("refuses a quote that does not open or close a cell, and a quote never closed", () => {
    expect(() => readCsvColumns('a,b\n1,"2"x\n')).toThrow(/line 2: text after the closing quote/);
    expect(() => readCsvColumns('a,b\n1,2"x\n')).toThrow(/line 2: a quote inside an unquoted cell/);
    expect(() => readCsvColumns('a,b\n1,"2\n\n')).toThrow(/line 2: a quoted cell is never closed/);
  });
});
