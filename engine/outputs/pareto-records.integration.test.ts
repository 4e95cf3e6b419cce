import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { aggregatesOf } from "../model/model-record.ts";
import { parseCsv } from "../data/csv.ts";
import { nativeProphet } from "../prophet/native-prophet.ts";
import { paretoRecords } from "./pareto-records.ts";
import { trainModels } from "../pipeline/train-models.ts";

describe("paretoRecords", () => {
  it("rebuilds, one model at a time, the records whose aggregates the training result keeps", async () => {
    const settings = parseRunSpec({ ...DEMO_SPEC, iterations: 150, trials: 2, seed: 5 });
    const table = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));
    const result = await trainModels(table, settings, { workers: 1, prophet: nativeProphet });
    expect(result.paretoModels.length).toBeGreaterThan(10);
    // The result holds no window series: memory does not grow with Pareto models times rows.
    for (const model of result.paretoModels) expect(Object.keys(model.record)).not.toContain("series");

    // Rebuilt in the opposite order to the Pareto step's: a record does not depend on what was evaluated before.
    const models = [...result.paretoModels].reverse();
    const rebuilt = [...paretoRecords(result, models)];
    expect(rebuilt.map(([model]) => model)).toEqual(models);
    for (const [model, record] of rebuilt) {
      expect(aggregatesOf(record)).toStrictEqual(model.record);
      expect(record.series.ds).toHaveLength(result.input.window.length);
      expect(Object.keys(record.media)).toEqual(result.input.media.map((m) => m.name));
    }
  });
});
