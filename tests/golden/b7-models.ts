/**
 * The three models of the golden B7 set (`b7_robyn_json/`): Robyn's own `RobynModel-<solID>.json`, what
 * `robyn_recreate` gave back from it (`expectations.json`), and the B3 configuration the model came from.
 * B7 is one public set (models i_01, ii_01, iii_09), so it is read from this repository's fixtures even when
 * `MMM_GOLDEN_DIR` points the other suites at another model set.
 */
import { readFileSync } from "node:fs";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import type { JsonValue } from "../../engine/robyn-json/jsonlite-text.ts";
import { buildRobynModelJson } from "../../engine/robyn-json/robyn-model-json.ts";
import type { B3_FILES } from "./b3-configurations.ts";
import {
  demoTable,
  goldenSettings,
  goldenTable,
  type GoldenConfiguration,
  type GoldenModel,
} from "./b3-configurations.ts";
import { join } from "node:path";

export interface B7Result {
  metrics: Record<string, number | null>;
  coefficients: Record<string, number>;
  intercept_dropped: boolean;
  depVarHat: number[];
}

export interface B7Expectation {
  json_file: string;
  model_id: string;
  solID: string;
  config: "i" | "ii" | "iii";
  source: { file: (typeof B3_FILES)[number]; model_id: string };
  hyperparameters: Record<string, number>;
  lambda: number;
  ts_validation: boolean;
  train_size: number;
  recreate: B7Result & { variables: Record<string, (number | string | null)[]> };
  recreate_exact_ridge: B7Result;
}

export interface B7Case {
  expectation: B7Expectation;
  /** Robyn's file as text, exactly as Robyn wrote it. */
  text: string;
  json: { [key: string]: JsonValue };
  golden: GoldenConfiguration;
  model: GoldenModel;
}

const FIXTURES = join(import.meta.dirname, "fixtures");

/** A file of the B7 set (`RobynModel-1_1_1.json`, …) or of the public fixtures it relies on. */
export function b7Path(file: string): string {
  return join(FIXTURES, file.startsWith("dt_") || file.startsWith("b3_") ? file : `b7_robyn_json/${file}`);
}

const read = (file: string): unknown => JSON.parse(readFileSync(b7Path(file), "utf8"));

export function b7Cases(): B7Case[] {
  const { models } = read("expectations.json") as { models: B7Expectation[] };
  return models.map((expectation) => {
    const text = readFileSync(b7Path(expectation.json_file), "utf8");
    const golden = read(expectation.source.file) as GoldenConfiguration;
    const model = golden.models.find((m) => m.model_id === expectation.source.model_id)!;
    return { expectation, text, json: JSON.parse(text) as B7Case["json"], golden, model };
  });
}

/** Our export of the B7 model, fitted from B3's full-precision hyperparameters (as Robyn's file was). */
export function exportB7Model(c: B7Case): { [key: string]: JsonValue } {
  const { expectation: e, golden } = c;
  const settings = {
    ...goldenSettings(golden),
    ts_validation: e.ts_validation,
    calibration_input: [],
    hyperparameters: { ...e.hyperparameters, lambda: e.lambda, train_size: e.train_size },
  };
  const fit = fitOneModel(goldenTable(golden), settings, undefined, e.solID);
  const { record } = fit;
  const ranges = (golden as unknown as { hyperparameter_ranges: Record<string, [number, number]> })
    .hyperparameter_ranges;
  return buildRobynModelJson(
    fit.input,
    demoTable(),
    {
      settings,
      ranges,
      hyperFixed: true,
      seed: 123,
      iterations: 1,
      trials: 1,
      paretoFronts: 1,
      calibrationConstraint: 0.1,
      convergence: [],
      trainedAt: new Date(),
      exportedAt: new Date(),
      outputsMinutes: 0.01,
      folder: "runs/test/",
      writer: "test",
    },
    {
      solID: record.solID,
      hyperparameters: record.hyperparameters,
      metrics: record,
      variables: record.variables,
    },
  );
}
