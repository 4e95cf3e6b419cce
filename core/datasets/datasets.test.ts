/**
 * Datasets end to end on the real stores (a local artifact folder, SQLite) and DuckDB: each format read
 * into a snapshot with what it holds, one market read back for a run, and every kind of bad file refused
 * with a clear error and nothing stored.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLocalFolderArtifactStore } from "../artifacts/local/local-folder.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Actor } from "../run.ts";
import { openSqliteRunStore, type SqliteRunStore } from "../run-store/sqlite/sqlite.ts";
import {
  csvText,
  germanCsvText,
  weeklyRows,
  writeParquet,
  writeXlsx,
} from "../../tests/fixtures/dataset-files.ts";
import { expectMmmError } from "../../tests/support/expect-mmm-error.ts";
import { makeRun } from "../../tests/contract/run-fixtures.ts";
import { Datasets } from "./datasets.ts";
import type { DatasetLimits } from "./snapshot-upload.ts";

const ANA: Actor = { kind: "api", id: "t-1", name: "Ana" };
const LIMITS: DatasetLimits = { maxBytes: 10 * 1024 * 1024, maxRows: 10_000, maxColumns: 50 };

let dir: string;
let runs: SqliteRunStore;
let artifacts: ArtifactStore;
let datasets: Datasets;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-datasets-"));
  runs = await openSqliteRunStore({ path: ":memory:" });
  artifacts = await openLocalFolderArtifactStore({ root: join(dir, "artifacts") });
  datasets = make(LIMITS);
});
afterEach(async () => {
  await runs.close();
  await rm(dir, { recursive: true, force: true });
});

function make(limits: DatasetLimits): Datasets {
  return new Datasets({ runs, artifacts, limits, bounds: { threads: 1, memoryLimit: "256MB" } });
}

async function upload(
  fileName: string,
  body: string | Buffer,
  options: { name?: string; sheet?: string } = {},
) {
  const path = join(dir, fileName);
  await writeFile(path, body);
  return datasets.add(
    { path, fileName, bytes: (await stat(path)).size, ...(options.sheet ? { sheet: options.sheet } : {}) },
    { actor: ANA, ...(options.name ? { name: options.name } : {}) },
  );
}

describe("datasets", () => {
  it("reads a CSV into a versioned snapshot with its columns, rows, date range and hash", async () => {
    const first = await upload("Weekly Sales.csv", csvText(weeklyRows()));
    expect(first).toMatchObject({
      name: "weekly-sales",
      version: 1,
      format: "csv",
      rows: 240,
      dateColumn: "DATE",
      dateRange: { start: "2021-01-04", end: "2023-04-17" },
      uploadedBy: ANA,
    });
    expect(first.columns).toEqual([
      { name: "DATE", type: "date" },
      { name: "country", type: "string" },
      { name: "revenue", type: "number" },
      { name: "tv_S", type: "number" },
      { name: "search_S", type: "number" },
      { name: "competitor_sales", type: "number" },
    ]);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await artifacts.exists(first.key)).toBe(true);
    const second = await upload("Weekly Sales.csv", csvText(weeklyRows(100)));
    expect(second.version).toBe(2);
    expect((await datasets.get("weekly-sales@1")).rows).toBe(240);
    expect((await datasets.get("weekly-sales")).rows).toBe(200);
  });

  it("reads semicolons, decimal commas, a BOM, quoted text and dates written 31.01.2024", async () => {
    const dataset = await upload("umsatz.csv", germanCsvText(weeklyRows(60)), { name: "de-sales" });
    expect(dataset.columns.map((c) => c.type)).toEqual([
      "date",
      "string",
      "number",
      "number",
      "number",
      "number",
    ]);
    expect(dataset.columns[0]!.name).toBe("DATE");
    expect(dataset.notes.join(" ")).toMatch(/semicolon-separated, decimal comma/);
    const rows = await datasets.rowsFor("de-sales", "fr", undefined, { maxRows: 1000, maxBytes: 1 << 20 });
    expect(rows.countryColumn).toBe("country");
    expect(rows.table.data.DATE![0]).toBe("2021-01-04");
    expect(rows.table.data.tv_S![0]).toBe(weeklyRows(60).find((r) => r.country === "FR")!.tv_S);
    expect(rows.table.data.country!.every((c) => c === "FR")).toBe(true);
  });

  it("reads Parquet and the chosen sheet of an XLSX workbook", async () => {
    await writeParquet(weeklyRows(), join(dir, "w.parquet"), join(dir, "w.csv"));
    const parquet = await datasets.add(
      {
        path: join(dir, "w.parquet"),
        fileName: "w.parquet",
        bytes: (await stat(join(dir, "w.parquet"))).size,
      },
      { actor: ANA },
    );
    expect(parquet).toMatchObject({ format: "parquet", rows: 240, dateRange: { start: "2021-01-04" } });
    await writeXlsx(weeklyRows(), join(dir, "book.xlsx"));
    const xlsx = await datasets.add(
      {
        path: join(dir, "book.xlsx"),
        fileName: "book.xlsx",
        bytes: (await stat(join(dir, "book.xlsx"))).size,
        sheet: "Data",
      },
      { actor: ANA },
    );
    expect(xlsx).toMatchObject({ format: "xlsx", sheet: "Data", rows: 240, dateColumn: "DATE" });
    expect(xlsx.columns.find((c) => c.name === "revenue")?.type).toBe("number");
    await expectMmmError(
      datasets.add(
        { path: join(dir, "book.xlsx"), fileName: "book.xlsx", bytes: 10, sheet: "Nope" },
        { actor: ANA },
      ),
      "invalid_input",
      "sheet",
    );
  });

  it("refuses bad files with the problem named, storing nothing", async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ["empty.csv", "", /empty/],
      ["binary.csv", Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 0, 9]), /binary/],
      ["data.json", "{}", /\.csv .*\.parquet .*\.xlsx/],
      ["old.xls", "x", /Save the old \.xls workbook/],
      ["dup.csv", "date,tv_S,tv_S\n2024-01-01,1,2\n", /two columns named "tv_S"/],
      ["nodate.csv", "week,revenue\nw1,10\nw2,11\n", /no column of dates/],
      ["header-only.csv", "date,revenue\n", /no rows|no column of dates/],
      ["fake.parquet", "date,revenue\n2024-01-01,1\n", /not a Parquet file/],
      ["fake.xlsx", "date,revenue\n2024-01-01,1\n", /not an XLSX workbook/],
    ];
    for (const [fileName, body, message] of cases) {
      const error = await expectMmmError(upload(fileName, body), "invalid_input", "file");
      expect(error.message, fileName).toMatch(message);
    }
    expect(await datasets.list()).toEqual([]);
    expect(await artifacts.list("datasets/")).toEqual([]);
  });

  it("refuses files over the row, column and byte limits", async () => {
    datasets = make({ maxBytes: 1_000_000, maxRows: 100, maxColumns: 6 });
    const tooManyRows = await expectMmmError(
      upload("rows.csv", csvText(weeklyRows(60))),
      "invalid_input",
      "file",
    );
    expect(tooManyRows.context).toMatchObject({ limit: "rows", maxRows: 100 });
    const wide = `date,${Array.from({ length: 7 }, (_, i) => `c${i}`).join(",")}\n2024-01-01,1,2,3,4,5,6,7\n`;
    expect((await expectMmmError(upload("wide.csv", wide), "invalid_input", "file")).context.limit).toBe(
      "columns",
    );
    datasets = make({ maxBytes: 1000, maxRows: 100, maxColumns: 50 });
    expect(
      (await expectMmmError(upload("big.csv", csvText(weeklyRows(40))), "invalid_input", "file")).context
        .limit,
    ).toBe("bytes");
    expect(await artifacts.list("datasets/")).toEqual([]);
  });

  it("names the markets present when a run asks for one the dataset does not have", async () => {
    await upload("sales.csv", csvText(weeklyRows(20)));
    const error = await expectMmmError(
      datasets.rowsFor("sales", "US", undefined, { maxRows: 1000, maxBytes: 1 << 20 }),
      "invalid_input",
    );
    expect(error.message).toMatch(/DE, FR/);
    await expectMmmError(
      datasets.rowsFor("nope", "DE", undefined, { maxRows: 10, maxBytes: 10 }),
      "not_found",
    );
    await expectMmmError(
      datasets.rowsFor("sales@7", "DE", undefined, { maxRows: 10, maxBytes: 10 }),
      "not_found",
    );
  });

  it("lists a version's markets, and none when it has no market column", async () => {
    const sales = await upload("sales.csv", csvText(weeklyRows(20, ["fr", " DE", "AT"])));
    expect(await datasets.markets(sales)).toEqual({ column: "country", markets: ["AT", "DE", "fr"] });
    const one = await upload("one.csv", "date,revenue,tv_S\n2024-01-01,1,2\n2024-01-08,3,4\n");
    expect(await datasets.markets(one)).toEqual({ markets: [] });
  });

  it("deletes a dataset and its snapshots, but not while a run that has not ended reads it", async () => {
    const stored = await upload("sales.csv", csvText(weeklyRows(20)));
    const run = makeRun();
    await runs.createRun({ ...run, spec: { ...run.spec, data: { dataset: "sales@1" } } });
    await expectMmmError(datasets.delete("sales"), "conflict", "name");
    await runs.transition(run.id, "cancelled");
    expect((await datasets.delete("sales")).map((d) => d.version)).toEqual([1]);
    expect(await artifacts.exists(stored.key)).toBe(false);
    await expectMmmError(datasets.delete("sales"), "not_found", "name");
  });
});
