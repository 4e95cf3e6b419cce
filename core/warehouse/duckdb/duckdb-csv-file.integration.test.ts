import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isMmmError, type MmmError } from "../../../common/errors.ts";
import { parseCsv } from "../../../engine/data/csv.ts";
import { DEMO_DATA_FILE } from "../../../tests/fixtures/demo-spec.ts";
import { goldenPath } from "../../../tests/golden/fixtures.ts";
import { tableToCsv } from "../../lifecycle/table-csv.ts";
import { readCsvFile } from "./duckdb-csv-file.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-csv-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const roomy = { maxRows: 1_000_000, maxBytes: 512 * 1024 * 1024 };

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<MmmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isMmmError(error)) throw new Error(`expected an MmmError, got ${String(error)}`);
  return error;
}

describe("readCsvFile", () => {
  it("reads the demo and holiday files exactly as parseCsv does", async () => {
    for (const path of [DEMO_DATA_FILE, goldenPath("dt_prophet_holidays_DE.csv")]) {
      const expected = parseCsv(readFileSync(path, "utf8"), `The data file ${path}`);
      expect(await readCsvFile(path, roomy)).toEqual(expected);
    }
  });

  it.each([
    ["missing values", "DATE,tv_S,x,y\n2016-01-04,1.5,NA,\n2016-01-11, 2 ,NaN,null\n"],
    ["a byte-order mark and CRLF lines", "\ufeffDATE,a\r\n2016-01-04,1\r\n2016-01-11,-2e3\r\n"],
    ["blank lines", "DATE,a\n2016-01-04,1\n\n2016-01-11,2\n\n"],
    ["quotes, commas and line breaks in cells", 'DATE,"a,b",c\n2016-01-04,"x ""y""\nz",""\n'],
    ["infinities and text", "DATE,a,b\n2016-01-04,Inf,DE\n2016-01-11,-Inf, FR \n"],
    ["padded header names", " DATE , a \n2016-01-04,1\n"],
    ["no line end at the end", "DATE,a\n2016-01-04,1"],
    ["a header only", "DATE,a\n"],
  ])("reads %s as parseCsv does", async (_name, text) => {
    const path = file("case.csv", text);
    expect(await readCsvFile(path, roomy)).toEqual(parseCsv(text, `The data file ${path}`));
  });

  it("reads back a run's snapshot (input.csv) cell for cell, as the trainer does", async () => {
    const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));
    const table = {
      columns: [...demo.columns, "note"],
      data: {
        ...demo.data,
        note: demo.data.DATE!.map((_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? 'a "b", c' : 0.1 + 0.2)),
      },
    };
    const path = file("input.csv", tableToCsv(table));
    expect(await readCsvFile(path, roomy)).toEqual(table);
  });

  it("stops at the row limit with an error naming the file, the limit and what to do", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2016-01-04,${i}`).join("\n");
    const path = file("rows.csv", `DATE,a\n${rows}\n`);
    const error = await failure(readCsvFile(path, { ...roomy, maxRows: 4999 }));
    expect(error.field).toBe("data.file");
    expect(error.message).toContain(`The data file ${path} has more than 4,999 rows`);
    expect(error.message).toContain("WAREHOUSE_MAX_ROWS");
    expect(error.context).toMatchObject({ limit: "rows", maxRows: 4999 });
    // Exactly at the limit is allowed.
    expect((await readCsvFile(path, { ...roomy, maxRows: 5000 })).data.a).toHaveLength(5000);
  });

  it("stops at the byte limit, counted as the warehouse counts it", async () => {
    const path = file("bytes.csv", `DATE,a\n${"2016-01-04,1\n".repeat(100)}`);
    // 100 rows of a 10-byte date and an 8-byte number: 1,800 bytes.
    expect(await readCsvFile(path, { ...roomy, maxBytes: 1800 })).toBeDefined();
    const error = await failure(readCsvFile(path, { ...roomy, maxBytes: 1799 }));
    expect(error.message).toContain("holds more than 1.8 KB of data");
    expect(error.message).toContain("WAREHOUSE_MAX_BYTES");
    expect(error.context).toMatchObject({ field: "data.file", limit: "bytes" });
  });

  it("refuses one value larger than the byte limit inside DuckDB", async () => {
    const path = file("cell.csv", `DATE,note\n2016-01-04,${"x".repeat(5000)}\n`);
    const error = await failure(readCsvFile(path, { ...roomy, maxBytes: 4000 }));
    expect(error.context).toMatchObject({ limit: "bytes" });
  });

  it("says plainly what is wrong with a file it cannot read", async () => {
    const missing = await failure(readCsvFile(join(dir, "nope.csv"), { ...roomy, field: "data" }));
    expect(missing.message).toBe(`Cannot read the data file ${join(dir, "nope.csv")}: no such file.`);
    expect(missing.field).toBe("data");
    expect((await failure(readCsvFile(dir, roomy))).message).toContain("it is not a file");
    expect((await failure(readCsvFile(file("empty.csv", ""), roomy))).message).toContain("is empty");
    expect((await failure(readCsvFile(file("dup.csv", "a,a\n1,2\n"), roomy))).message).toContain(
      'two columns named "a"',
    );
    const ragged = await failure(readCsvFile(file("ragged.csv", "DATE,a\n2016-01-04,1,3\n"), roomy));
    expect(ragged.message).toContain("is not a readable CSV file");
  });

  it("stops reading when the signal aborts", async () => {
    const rows = "2016-01-04,1,2,3,4,5\n".repeat(400_000);
    const path = file("long.csv", `DATE,a,b,c,d,e\n${rows}`);
    const controller = new AbortController();
    const reason = new Error("cancelled");
    const reading = readCsvFile(path, { ...roomy, maxRows: 10_000_000, signal: controller.signal });
    await expect(readCsvFile(path, { ...roomy, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    // While DuckDB streams the file: an interrupted stream may end as if complete, and must not pass
    // for the whole file.
    setTimeout(() => controller.abort(reason), 150);
    await expect(reading).rejects.toBe(reason);
  });
});
