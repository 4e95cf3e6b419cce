import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";

describe("toCsv", () => {
  it("writes R's conventions: NA, Inf, TRUE/FALSE, full precision", () => {
    const text = toCsv({
      columns: ["a", "b", "c", "d"],
      rows: [
        [0.1 + 0.2, null, true, Number.NEGATIVE_INFINITY],
        [Number.NaN, Infinity, false, 5e-324],
      ],
    });
    expect(text).toBe("a,b,c,d\n0.30000000000000004,NA,TRUE,-Inf\nNA,Inf,FALSE,5e-324\n");
  });

  it("quotes text with commas, quotes and line breaks so a CSV reader gets it back", () => {
    const rows = [["plain", 'say "hi"', "a,b", "two\nlines"]];
    const text = toCsv({ columns: ["w", "x", "y", "z"], rows });
    expect(parse(text, { columns: true })).toEqual([
      { w: "plain", x: 'say "hi"', y: "a,b", z: "two\nlines" },
    ]);
  });
});
