import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toCsv } from "../engine/outputs/csv.ts";
import type { CellValue, OutputTable } from "../engine/outputs/output-tables.ts";
import { CsvFile, writeCsvFile } from "./csv-file.ts";

describe("CsvFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "mmm-csv-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the bytes of toCsv, across many chunks and written in several calls", async () => {
    // About 2.4 MB: the file is written in several chunks of about a megabyte.
    const rows: CellValue[][] = Array.from({ length: 40_000 }, (_, i) => [
      `2021-${i}`,
      Math.sin(i) * 1e6,
      i % 7 === 0 ? null : i / 3,
      i % 2 === 0,
      i % 11 === 0 ? Number.NaN : -Infinity,
      i % 13 === 0 ? 'say "hi", twice' : "plain",
    ]);
    const columns = ["ds", "x", "y", "flag", "z", "note"];
    const path = join(dir, "many.csv");
    const file = await CsvFile.create(path, columns);
    try {
      await file.write(rows.slice(0, 12_345));
      await file.write(rows.slice(12_345));
    } finally {
      await file.close();
    }
    const expected = toCsv({ columns, rows });
    expect(expected.length).toBeGreaterThan(2_000_000);
    expect(readFileSync(path, "utf8")).toBe(expected);
  });

  it("appends bytes made elsewhere after the lines buffered before them", async () => {
    const path = join(dir, "bytes.csv");
    const file = await CsvFile.create(path, ["a", "b"]);
    try {
      await file.write([[1, "x"]]);
      await file.writeBytes(new TextEncoder().encode("2,é\n3,z\n"));
      await file.write([[4, null]]);
    } finally {
      await file.close();
    }
    expect(readFileSync(path, "utf8")).toBe("a,b\n1,x\n2,é\n3,z\n4,NA\n");
  });

  it("writes a header alone for a table without rows, and reads lazy rows once", async () => {
    const path = join(dir, "empty.csv");
    await writeCsvFile(path, { columns: ["a", "b"], rows: [] });
    expect(readFileSync(path, "utf8")).toBe("a,b\n");
    const lazy: OutputTable = {
      columns: ["i"],
      rows: {
        *[Symbol.iterator]() {
          for (let i = 0; i < 3; i++) yield [i];
        },
      },
    };
    await writeCsvFile(join(dir, "lazy.csv"), lazy);
    expect(readFileSync(join(dir, "lazy.csv"), "utf8")).toBe("i\n0\n1\n2\n");
  });
});
