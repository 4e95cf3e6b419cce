import { describe, expect, it } from "vitest";
import { expectInvalidInput } from "../../tests/support/expect-mmm-error.ts";
import { parseCsv } from "./csv.ts";

describe("parseCsv", () => {
  it("reads quoted cells, missing cells and padded names into a table", () => {
    const table = parseCsv('\uFEFF DATE ,"tv_S",note\r\n2016-01-04,"1,5",\r\n2016-01-11,NA,"a ""b"""\r\n');
    expect(table).toEqual({
      columns: ["DATE", "tv_S", "note"],
      data: { DATE: ["2016-01-04", "2016-01-11"], tv_S: ["1,5", null], note: [null, 'a "b"'] },
    });
  });

  it("names the line of a row with a cell too many or too few, and of a broken quote", () => {
    const ragged = expectInvalidInput(
      () => parseCsv("DATE,x\n2016-01-04,1\n2016-01-11\n", "The file"),
      "data",
    );
    expect(ragged.message).toBe(
      "The file is not a readable CSV file: line 3: 1 cell where the header has 2; every row needs one cell per column.",
    );
    expect(expectInvalidInput(() => parseCsv('DATE,x\n2016-01-04,"1\n'), "data").message).toMatch(
      /line 2: a quoted cell is never closed/,
    );
    expect(expectInvalidInput(() => parseCsv("\n"), "data").message).toMatch(/is empty: it needs a header/);
  });
});
