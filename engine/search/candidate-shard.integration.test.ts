import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunSpec } from "../../core/run-spec.ts";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { parseCsv } from "../data/csv.ts";
import { nativeProphet } from "../prophet/native-prophet.ts";
import { mergeShards, parseShard, serializeShard, trialsOfTask } from "./candidate-shard.ts";
import { toCsv } from "../outputs/csv.ts";
import { allModelsTable } from "../outputs/output-tables.ts";
import { prepareTraining } from "../pipeline/prepare-training.ts";
import { searchCandidates, trainModels } from "../pipeline/train-models.ts";

describe("sharded search", () => {
  const settings = parseRunSpec({ ...DEMO_SPEC, iterations: 120, trials: 5, seed: 11 });
  const table = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"));

  it("splits trials over tasks without overlap", () => {
    expect([0, 1, 2].map((i) => trialsOfTask(5, i, 3))).toEqual([[1, 4], [2, 5], [3]]);
  });

  it("gives the same all_models.csv from 3 shards as from one unsharded search", async () => {
    const options = { workers: 1, prophet: nativeProphet };
    const whole = await trainModels(table, settings, options);
    const { setup } = prepareTraining(table, settings, nativeProphet);
    const files = await Promise.all(
      [0, 1, 2].map(async (task) =>
        serializeShard(
          await searchCandidates(setup, settings, { ...options, trialNumbers: trialsOfTask(5, task, 3) }),
        ),
      ),
    );
    const merged = mergeShards(files.map(parseShard), settings.trials);
    expect(Buffer.from(merged.rows.buffer).equals(Buffer.from(whole.candidates.rows.buffer))).toBe(true);
    const fromShards = await trainModels(table, settings, { ...options, candidates: merged });
    expect(toCsv(allModelsTable(fromShards))).toBe(toCsv(allModelsTable(whole)));
    expect(fromShards.paretoModels.map((m) => m.solID)).toEqual(whole.paretoModels.map((m) => m.solID));
  });

  it("refuses an incomplete or overlapping set of shards", async () => {
    const { setup } = prepareTraining(table, settings, nativeProphet);
    const one = await searchCandidates(
      setup,
      { ...settings, iterations: 30 },
      { workers: 1, trialNumbers: [1] },
    );
    expect(() => mergeShards([one], 2)).toThrow("The shards lack trial(s) 2.");
    expect(() => mergeShards([one, one], 1)).toThrow("Trial 1 appears in two shards.");
  });
});
