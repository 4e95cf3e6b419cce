/**
 * The trainer prepares the data before training (`prepareForTraining`) when the spec or the data asks for
 * it, and writes what it did to `output/data_preparation.json` and the log.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TrainerEvent } from "../core/events.ts";
import { parseRunSpec } from "../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../engine/data/csv.ts";
import { nativeProphet } from "../engine/prophet/native-prophet.ts";
import type { Cell, Table } from "../common/table.ts";
import { eventSink } from "./event-sink.ts";
import { runTrainer } from "./trainer.ts";

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));

/** The demo as a two-country table: DE's weeks split over two rows each (numbers halved), plus FR rows. */
function splitTwoCountryDemo(): Table {
  const numeric = demo.columns.filter((c) => c !== "DATE" && c !== "events");
  const data: Record<string, Cell[]> = { COUNTRY: [] };
  for (const column of demo.columns) data[column] = [];
  const rows = demo.data.DATE!.length;
  for (const country of ["DE", "DE", "FR"]) {
    for (let i = 0; i < rows; i++) {
      data.COUNTRY!.push(country);
      for (const column of demo.columns) {
        const cell = demo.data[column]![i]!;
        data[column]!.push(numeric.includes(column) ? (cell as number) / (country === "DE" ? 2 : 1) : cell);
      }
    }
  }
  return { columns: ["COUNTRY", ...demo.columns], data };
}

async function train(table: Table, overrides: Record<string, unknown> = {}) {
  const outDir = mkdtempSync(join(tmpdir(), "mmm-prepare-"));
  folders.push(outDir);
  const events: TrainerEvent[] = [];
  const outcome = await runTrainer({
    settings: parseRunSpec({ ...DEMO_SPEC, iterations: 150, trials: 2, ...overrides }),
    table,
    outDir,
    workers: 1,
    events: eventSink(async (event) => void events.push(event)),
    signal: new AbortController().signal,
    prophet: nativeProphet,
  });
  return { outcome, outDir, events };
}

describe("runTrainer: data preparation", () => {
  it("filters the country and merges duplicate dates before training, and reports it", async () => {
    const { outcome, outDir } = await train(splitTwoCountryDemo());
    expect(outcome).toBe("succeeded");
    const report = JSON.parse(await readFile(join(outDir, "output", "data_preparation.json"), "utf8"));
    expect(report.rows).toMatchObject({ in: 624, droppedByCountry: 208, mergedDuplicates: 208, out: 208 });
    const log = await readFile(join(outDir, "log.txt"), "utf8");
    expect(log).toContain(
      "data preparation: Kept the 416 rows whose COUNTRY is DE and dropped 208 rows of other countries (FR).",
    );
    const summary = JSON.parse(await readFile(join(outDir, "output", "model_summary.json"), "utf8"));
    expect(summary.pareto_model_count).toBeGreaterThan(0);
  });

  it("fails before training when the country is not in the data, naming the countries there are", async () => {
    const { outcome, outDir, events } = await train(splitTwoCountryDemo(), { country: "US" });
    expect(outcome).toBe("failed");
    const status = JSON.parse(await readFile(join(outDir, "status.json"), "utf8"));
    expect(status.reason).toBe('No rows for country "US" in column COUNTRY. Countries in the data: DE, FR.');
    // The heartbeat says it is preparing; nothing is trained.
    expect(events.map((e) => e.type)).toEqual(["started", "progress", "failed"]);
    expect(events[1]).toMatchObject({ phase: "preparing", done: 0 });
  });

  it("leaves data that needs no preparation alone and writes no report", async () => {
    const { outcome, outDir } = await train(demo, { iterations: 100, trials: 2, min_candidates: 50 });
    expect(outcome).toBe("succeeded");
    expect(existsSync(join(outDir, "output", "data_preparation.json"))).toBe(false);
  });
});
