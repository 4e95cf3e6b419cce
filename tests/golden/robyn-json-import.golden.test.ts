/**
 * B7 import: `mmm import-robyn` on Robyn's own files rebuilds each model as a one-model run folder, checked
 * against what `robyn_recreate` gave back from the same file (`expectations.json`).
 *
 * - Against `recreate_exact_ridge` (Robyn's recreation with the exact ridge optimum): coefficients, metrics
 *   and fitted values at 1e-8 relative, the level the golden README sets for an exact solver. Config (iii)
 *   takes Robyn's Prophet columns (`--prophet precomputed`), so only the file and the engine are tested.
 * - Against `recreate` (Robyn's glmnet): the README's glmnet-vs-exact levels.
 * - Config (iii) with our own Prophet and Robyn's DE holiday table (`--holidays`): NRMSE within 5% of Robyn's.
 * - Round trip: our export of a model, imported again, reproduces our own numbers to 1e-12.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import type { Table } from "../../common/table.ts";
import { outputRecords, type OutputRecord } from "../../core/results/run-outputs.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { toCsv } from "../../engine/outputs/csv.ts";
import { writeJsonliteText } from "../../engine/robyn-json/jsonlite-text.ts";
import { buildRobynModelJson } from "../../engine/robyn-json/robyn-model-json.ts";
import { main } from "../../bin/cli.ts";
import { goldenSettings, goldenTable } from "./b3-configurations.ts";
import { b7Cases, b7Path, exportB7Model, type B7Case, type B7Result } from "./b7-models.ts";
import { assertClose, assertSeriesClose, maxAbs, type Tolerance } from "./tolerance.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-robyn-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const METRICS = [
  "rsq_train",
  "rsq_val",
  "rsq_test",
  "nrmse_train",
  "nrmse_val",
  "nrmse_test",
  "nrmse",
  "decomp.rssd",
];

interface Rebuilt {
  report: { robyn_solID: string; fields: { field: string; treatment: string }[]; warnings: string[] };
  metrics: Record<string, number | null>;
  coefficients: Record<string, number>;
  depVarHat: number[];
  hyperparameters: OutputRecord;
}

async function importRun(name: string, args: string[]): Promise<Rebuilt> {
  const out = join(dir, name);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(["import-robyn", ...args, "--out", out], {
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
  });
  expect(code, stderr.join("\n")).toBe(0);
  const read = (file: string) => outputRecords(readFileSync(join(out, file), "utf8"));
  const [row] = read(OUTPUT_FILES.paretoHyperparameters);
  const metrics = Object.fromEntries(
    METRICS.map((m) => [m, Number.isNaN(row![m]) ? null : (row![m] as number)]),
  );
  const coefficients = Object.fromEntries(
    read(OUTPUT_FILES.paretoAggregated).map((v) => [String(v.rn), v.coef as number]),
  );
  const depVarHat = read(OUTPUT_FILES.paretoAllDecomp).map((r) => r.depVarHat as number);
  const report = JSON.parse(stdout.join("")) as Rebuilt["report"];
  expect(JSON.parse(readFileSync(join(out, OUTPUT_FILES.robynImport), "utf8"))).toEqual(report);
  return { report, metrics, coefficients, depVarHat, hyperparameters: row! };
}

function expectModel(
  rebuilt: Rebuilt,
  expected: B7Result,
  tol: { coef: Tolerance; metric: Tolerance; fitted: number },
) {
  for (const [name, value] of Object.entries(expected.coefficients))
    assertClose(rebuilt.coefficients[name]!, value, { abs: 1e-9, ...tol.coef }, `coef ${name}`);
  for (const name of METRICS) {
    const value = expected.metrics[name];
    if (value === null || value === undefined) expect(rebuilt.metrics[name], name).toBeNull();
    else assertClose(rebuilt.metrics[name]!, value, tol.metric, name);
  }
  assertSeriesClose(
    rebuilt.depVarHat,
    expected.depVarHat,
    { abs: tol.fitted * maxAbs(expected.depVarHat) },
    "depVarHat",
  );
}

const EXACT = { coef: { rel: 1e-8 }, metric: { rel: 1e-8 }, fitted: 1e-8 };
/** Golden README: glmnet (thresh 1e-7) against the exact optimum with the intercept kept. */
const GLMNET = { coef: { rel: 4e-2 }, metric: { rel: 1.7e-3 }, fitted: 6.5e-4 };

function file(c: B7Case): string {
  return b7Path(c.expectation.json_file);
}

/** The demo data with Robyn's own Prophet columns and `events` effect (from B3's dt_mod). */
function writeTable(name: string, table: Table): string {
  const path = join(dir, name);
  const rows = table.data[table.columns[0]!]!.map((_, i) =>
    table.columns.map((c) => table.data[c]![i] ?? null),
  );
  writeFileSync(path, toCsv({ columns: [...table.columns], rows }));
  return path;
}

const cases = b7Cases();
const data = b7Path("dt_simulated_weekly.csv");

describe.each(cases.map((c) => [c.expectation.solID, c] as const))("B7 import of %s", (solID, c) => {
  const prophet = c.expectation.config === "iii";
  const args = prophet
    ? [file(c), "--data", writeTable(`${solID}.csv`, goldenTable(c.golden)), "--prophet", "precomputed"]
    : [file(c), "--data", data, "--country", "DE"];

  it("rebuilds robyn_recreate's model: exact-ridge variant at 1e-8, glmnet at the README's level", async () => {
    const rebuilt = await importRun(solID, args);
    expect(rebuilt.report.robyn_solID).toBe(solID);
    // The file's absolute lambda reaches the ridge fit to the last bit.
    const { hyper_values } = c.json.ExportedModel as { hyper_values: { lambda: number[] } };
    expect(rebuilt.hyperparameters.lambda).toBe(hyper_values.lambda[0]);
    expectModel(rebuilt, c.expectation.recreate_exact_ridge, EXACT);
    if (!c.expectation.recreate.intercept_dropped) expectModel(rebuilt, c.expectation.recreate, GLMNET);
    const treatments = new Map(rebuilt.report.fields.map((f) => [f.field, f.treatment]));
    expect(treatments.get("ExportedModel.hyper_values")).toBe("used");
    expect(treatments.get("InputCollect.custom_params")).toBe("ignored");
  });
});

describe("B7 import, other data sources", () => {
  const [first, , third] = cases;

  it("uses the file's Extras.raw_data when no data file is given", async () => {
    const rebuilt = await importRun("raw-data", [file(first!), "--country", "DE"]);
    expectModel(rebuilt, first!.expectation.recreate_exact_ridge, EXACT);
  });

  it("recomputes Prophet natively with Robyn's holiday table: NRMSE within 5% of Robyn's", async () => {
    const rebuilt = await importRun("native-prophet", [
      file(third!),
      "--data",
      data,
      "--holidays",
      b7Path("dt_prophet_holidays_DE.csv"),
    ]);
    const robyn = third!.expectation.recreate_exact_ridge.metrics;
    expect(rebuilt.metrics.nrmse! / robyn.nrmse!).toBeLessThanOrEqual(1.05);
    expect(rebuilt.metrics.nrmse_train! / robyn.nrmse_train!).toBeLessThanOrEqual(1.05);
    expect(rebuilt.metrics.nrmse_train! / robyn.nrmse_train!).toBeGreaterThanOrEqual(0.95);
    expect(rebuilt.report.warnings.join(" ")).toMatch(/recomputed with the native decomposition/);
  });
});

describe.each(cases.map((c) => [c.expectation.solID, c] as const))("round trip of %s", (solID, c) => {
  it("export then import reproduces our own model to 1e-12", async () => {
    const path = join(dir, `RobynModel-${solID}-ours.json`);
    writeFileSync(path, writeJsonliteText(exportB7Model(c), "full"));
    const table = goldenTable(c.golden);
    const prophet = c.expectation.config === "iii";
    const dataFile = prophet ? writeTable(`${solID}-round.csv`, table) : data;
    const rebuilt = await importRun(`round-${solID}`, [
      path,
      "--data",
      dataFile,
      ...(prophet ? ["--prophet", "precomputed"] : ["--country", "DE"]),
    ]);
    const e = c.expectation;
    const { record } = fitOneModel(table, {
      ...goldenSettings(c.golden),
      ts_validation: e.ts_validation,
      calibration_input: [],
      hyperparameters: { ...e.hyperparameters, lambda: e.lambda, train_size: e.train_size },
    });
    const ours: B7Result = {
      metrics: record as unknown as Record<string, number | null>,
      coefficients: record.coefficients,
      intercept_dropped: record.intercept_dropped,
      depVarHat: record.series.depVarHat,
    };
    const tight = { coef: { rel: 1e-12 }, metric: { rel: 1e-12 }, fitted: 1e-12 };
    expectModel(rebuilt, ours, tight);
  });
});

describe("round trip with penalty factors", () => {
  it("carries add_penalty_factor and every <column>_penalty, and rebuilds the model to 1e-12", async () => {
    const c = cases[0]!;
    const e = c.expectation;
    const table = goldenTable(c.golden);
    const penalties = Object.fromEntries(
      c.golden.all_ind_vars.map((name, j) => [`${name}_penalty`, [0.2, 1, 0.6, 0.9, 0.4, 0.75, 0.5][j % 7]!]),
    );
    const settings = {
      ...goldenSettings(c.golden),
      ts_validation: e.ts_validation,
      add_penalty_factor: true,
      calibration_input: [],
      hyperparameters: { ...e.hyperparameters, ...penalties, lambda: e.lambda, train_size: e.train_size },
    };
    const fit = fitOneModel(table, settings, undefined, e.solID);
    const { record } = fit;
    const document = buildRobynModelJson(
      fit.input,
      table,
      {
        settings,
        ranges: {},
        hyperFixed: true,
        seed: 123,
        iterations: 1,
        trials: 1,
        paretoFronts: 1,
        calibrationConstraint: 0.1,
        convergence: [],
        trainedAt: new Date(),
        exportedAt: new Date(),
        outputsMinutes: 0,
        folder: "runs/test/",
        writer: "test",
      },
      {
        solID: e.solID,
        hyperparameters: record.hyperparameters,
        metrics: record,
        variables: record.variables,
      },
    );
    const exported = document.ExportedModel as { hyper_values: Record<string, number[]> };
    expect((document.ModelsCollect as Record<string, unknown>).add_penalty_factor).toEqual([true]);
    expect(exported.hyper_values.tv_S_penalty).toEqual([penalties.tv_S_penalty]);
    const path = join(dir, "RobynModel-penalty.json");
    writeFileSync(path, writeJsonliteText(document, "full"));
    const rebuilt = await importRun("round-penalty", [path, "--data", data, "--country", "DE"]);
    expect(rebuilt.hyperparameters.tv_S_penalty).toBe(penalties.tv_S_penalty);
    const ours: B7Result = {
      metrics: record as unknown as Record<string, number | null>,
      coefficients: record.coefficients,
      intercept_dropped: record.intercept_dropped,
      depVarHat: record.series.depVarHat,
    };
    expectModel(rebuilt, ours, { coef: { rel: 1e-12 }, metric: { rel: 1e-12 }, fitted: 1e-12 });
    // Penalty factors change the model: the rebuild is not the unpenalised one.
    const unpenalised = e.recreate_exact_ridge.coefficients.tv_S!;
    expect(Math.abs(rebuilt.coefficients.tv_S! - unpenalised) / unpenalised).toBeGreaterThan(1e-3);
  });
});
