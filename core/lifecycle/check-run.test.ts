/** The pre-launch check prepares the data as the trainer will (country, duplicate dates, resampling). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/data/csv.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { isMmmError } from "../../common/errors.ts";
import { parseRunSpec } from "../run-spec.ts";
import type { Warehouse } from "../warehouse/port.ts";
import { checkRun, type CheckRunContext } from "./check-run.ts";
import { tableToCsv } from "./table-csv.ts";

const folder = mkdtempSync(join(tmpdir(), "mmm-check-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const context: CheckRunContext = {
  warehouse: {} as Warehouse, // a CSV file source never reaches the warehouse
  actor: { kind: "cli", id: "test" },
  limits: { maxRows: 100_000, maxBytes: 50_000_000 },
  robynAvailable: async () => ({ ok: true }),
};

/** The demo with every week split over two rows (numbers halved), as a CSV file. */
function splitDemoFile(): string {
  const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));
  const numeric = new Set(demo.columns.filter((c) => c !== "DATE" && c !== "events"));
  const data = Object.fromEntries(
    demo.columns.map((c) => {
      const cells = demo.data[c]!;
      const half = numeric.has(c) ? cells.map((v) => (v as number) / 2) : cells;
      return [c, [...half, ...half]];
    }),
  );
  const file = join(folder, "split.csv");
  writeFileSync(file, tableToCsv({ columns: demo.columns, data }));
  return file;
}

describe("checkRun", () => {
  it("accepts a table whose dates repeat, because the trainer will merge them", async () => {
    const spec = parseRunSpec({ ...DEMO_SPEC, data: { file: splitDemoFile() } });
    const checked = await checkRun(spec, context);
    expect(checked.dataSummary).toMatchObject({ rows: 208, interval: "week" });
  });

  it("checks the resampled table: weekly events vanish in months, which the check reports", async () => {
    const spec = parseRunSpec({ ...DEMO_SPEC, data: { file: DEMO_DATA_FILE }, resample: "month" });
    const error = await checkRun(spec, context).catch((e: unknown) => e);
    expect(isMmmError(error) && error.field).toBe("factor_vars");
    expect((error as Error).message).toMatch(/^Factor variable "events" has only one level \("na"\)/);
  });
});
