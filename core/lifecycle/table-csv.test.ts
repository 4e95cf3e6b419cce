import { describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/data/csv.ts";
import { tableToCsv } from "./table-csv.ts";

describe("tableToCsv", () => {
  it("writes a snapshot the trainer reads back cell for cell (missing as NA, infinities, quoted text)", () => {
    const table = {
      columns: ["DATE", "revenue", "events"],
      data: {
        DATE: ["2016-01-04", "2016-01-11"],
        revenue: [0.1 + 0.2, null],
        events: ["sale, spring", Number.POSITIVE_INFINITY],
      },
    };
    const text = tableToCsv(table);
    expect(text).toBe(
      'DATE,revenue,events\n2016-01-04,0.30000000000000004,"sale, spring"\n2016-01-11,NA,Inf\n',
    );
    expect(parseCsv(text)).toEqual(table);
  });
});
