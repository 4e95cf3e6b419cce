/**
 * The contract the Robyn trainer (`r/run_all.R`) must keep with the native trainer, exported from the
 * native code itself into fixtures that the R tests read (`bash r/tests/run.sh`):
 *
 * - `r/tests/testthat/fixtures/native-contract.json`: the column lists of every CSV the native trainer
 *   writes for the demo model (read from a real small native run), the allocator table's columns, the
 *   fields of `status.json` per state and of `model_summary.json`, and the name order of
 *   `compareNames` (hyperparameter columns are sorted with it);
 * - `r/tests/testthat/fixtures/event-contract.json`: a trainer event signed with `signEvent`, and the
 *   JSON Schema of `TrainerEventSchema`, which the R tests check their events against;
 * - `r/tests/testthat/fixtures/refresh-contract.json`: the name of a refresh's parent-model file, and a
 *   native refresh report (a parent fitted on 170 demo weeks, refit and refreshed model on all 208) that
 *   the R trainer's report must rebuild word for word from the same figures.
 *
 * Each test rewrites its fixture when the native side changed, and then fails: commit the new fixture
 * and run the R tests, which show what the R trainer must change.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { TrainerEventSchema, type TrainerEvent } from "../../core/events.ts";
import { APP_DERIVED_SUMMARY_FIELDS } from "../../core/lifecycle/completion-trust.ts";
import { parseRunSpec } from "../../core/run-spec.ts";
import { runToken, signEvent } from "../../core/trainer-auth.ts";
import { ROW_COLUMNS, TOTAL_COLUMNS } from "../../engine/allocator/allocation-table.ts";
import { compareNames } from "../../engine/model/hyperparameters.ts";
import { PARETO_CALIBRATION_COLUMNS } from "../../engine/outputs/calibration-table.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { eventSink } from "../../trainer/event-sink.ts";
import { runTrainer } from "../../trainer/trainer.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import { aggregatesOf } from "../../engine/model/model-record.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import type { TrainSettings } from "../../engine/pipeline/train-settings.ts";
import { buildRefreshReport } from "../../engine/refresh/refresh-report.ts";
import { deriveRefreshSettings } from "../../engine/refresh/refresh-spec.ts";
import {
  DEMO_DATA_FILE,
  DEMO_HYPERPARAMETERS,
  DEMO_MODEL_SETTINGS,
  DEMO_SPEC,
} from "../fixtures/demo-spec.ts";

const FIXTURES = join(import.meta.dirname, "../../r/tests/testthat/fixtures");
const GENERATED_BY = "tests/infra/r-trainer-contract.test.ts";

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes the fixture (formatted as `npm run lint` expects) when it differs; returns what was there before. */
async function refreshFixture(name: string, value: unknown): Promise<{ before: string; after: string }> {
  const path = join(FIXTURES, name);
  const options = (await resolveConfig(path)) ?? {};
  const after = await format(JSON.stringify(value), { ...options, filepath: path });
  const before = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (before !== after) writeFileSync(path, after);
  return { before, after };
}

async function nativeRun(overrides: Record<string, unknown>) {
  const outDir = mkdtempSync(join(tmpdir(), "mmm-contract-"));
  folders.push(outDir);
  let runningStatus: Record<string, unknown> | undefined;
  const events: TrainerEvent[] = [];
  const outcome = await runTrainer({
    settings: parseRunSpec({ ...DEMO_SPEC, iterations: 150, trials: 2, min_candidates: 20, ...overrides }),
    table: parseCsv(readFileSync(DEMO_DATA_FILE, "utf8")),
    outDir,
    workers: 1,
    events: eventSink(async (event) => {
      if (event.type === "started") {
        runningStatus = JSON.parse(await readFile(join(outDir, "status.json"), "utf8"));
      }
      events.push(event);
    }),
    signal: new AbortController().signal,
    prophet: nativeProphet,
  });
  const status = JSON.parse(readFileSync(join(outDir, "status.json"), "utf8")) as Record<string, unknown>;
  return { outcome, outDir, status, runningStatus: runningStatus!, events };
}

const keysOf = (value: unknown) => Object.keys(value as Record<string, unknown>);

describe("the Robyn trainer's contract with the native trainer", () => {
  it("exports the native files' columns, status fields and summary fields", async () => {
    const succeeded = await nativeRun({});
    expect(succeeded.outcome).toBe("succeeded");
    const failed = await nativeRun({ min_candidates: 10_000 });
    expect(failed.outcome).toBe("failed");

    const output = join(succeeded.outDir, "output");
    const files: Record<string, string[]> = {};
    for (const file of readdirSync(output)
      .filter((f) => f.endsWith(".csv"))
      .sort()) {
      files[file] = [...parseCsv(readFileSync(join(output, file), "utf8")).columns];
    }
    const summary = JSON.parse(readFileSync(join(output, "model_summary.json"), "utf8"));
    const spec = parseRunSpec(DEMO_SPEC);
    const fixture = {
      generated_by: GENERATED_BY,
      demo: {
        spec: { ...DEMO_SPEC, engine: "robyn", iterations: 150, trials: 2, min_candidates: 20 },
        adstock: spec.adstock,
        dep_var_type: spec.dep_var_type,
        paid_media_vars: spec.paid_media_vars,
        organic_vars: spec.organic_vars,
        regressors: files["pareto_alldecomp_matrix.csv"]!.slice(2, -5),
      },
      files,
      // Written by calibrated runs only (the demo is not): Robyn's resultCalibration columns.
      calibration_columns: [...PARETO_CALIBRATION_COLUMNS],
      allocator_columns: ["dep_var_type", "scenario", ...ROW_COLUMNS, "excluded", ...TOTAL_COLUMNS],
      status: {
        running: keysOf(succeeded.runningStatus),
        succeeded: keysOf(succeeded.status),
        failed: keysOf(failed.status),
        resources: keysOf(succeeded.status.resources),
      },
      model_summary: {
        // The app adds these to a Robyn run's summary after the run (`core/lifecycle/completion-trust.ts`);
        // `recommended` it derives from the Pareto files when it reads them (core/results/derived-recommendation.ts).
        top: keysOf(summary).filter(
          (key) => key !== "recommended" && !(APP_DERIVED_SUMMARY_FIELDS as readonly string[]).includes(key),
        ),
        app_derived: APP_DERIVED_SUMMARY_FIELDS,
        pareto_model: keysOf(summary.pareto_models[0]),
        best_model: keysOf(summary.best_model),
        channel: keysOf(summary.best_model.channels[0]),
        clusters: keysOf(summary.clusters),
        top_model: keysOf(summary.clusters.top_models[0]),
        interval: keysOf(summary.clusters.intervals[0]),
        convergence: keysOf(summary.convergence[0]),
        input_metadata: keysOf(summary.input_metadata),
      },
      event_types: succeeded.events.map((e) => e.type).filter((t, i, all) => all.indexOf(t) === i),
      name_order: [
        "tv_S_thetas",
        "TV_S_alphas",
        "facebook_I_alphas",
        "a1",
        "a_1",
        "a-b",
        "a_b",
        "A_b",
        "ab",
        "Ab",
        "aB",
        "ab_",
        "x.y",
        "x y",
        "x10",
        "x2",
        "newsletter_gammas",
        "search_clicks_P_thetas",
        "search_S_alphas",
      ].sort(compareNames),
    };
    const { before, after } = await refreshFixture("native-contract.json", fixture);
    expect(before, "native-contract.json was out of date and has been rewritten: commit it").toBe(after);
  });

  it("exports a signed event and the event schema", async () => {
    const runId = "20261126T043012Z-de-7f3a9c";
    const token = runToken("a-test-secret-that-is-long-enough-for-mmm", runId);
    const timestamp = 1_800_000_000;
    const body = JSON.stringify({
      type: "failed",
      reason: "Spalte „Köln – ü“ fehlt\nnext line",
      seq: 3,
      at: "2026-11-26T04:30:13.000Z",
    });
    expect(TrainerEventSchema.safeParse(JSON.parse(body)).success).toBe(true);
    const fixture = {
      generated_by: GENERATED_BY,
      run_id: runId,
      token,
      timestamp,
      body,
      signature: signEvent(token, timestamp, body),
      event_schema: z.toJSONSchema(TrainerEventSchema, { io: "input" }),
    };
    const { before, after } = await refreshFixture("event-contract.json", fixture);
    expect(before, "event-contract.json was out of date and has been rewritten: commit it").toBe(after);
  });

  it("exports the refresh parent file's name and a native refresh report", async () => {
    const demo = parseCsv(readFileSync(DEMO_DATA_FILE, "utf8"), "demo");
    const old = {
      columns: demo.columns,
      data: Object.fromEntries(demo.columns.map((c) => [c, demo.data[c]!.slice(0, 170)])),
    };
    const settings: TrainSettings = {
      ...DEMO_MODEL_SETTINGS,
      hyperparameters: DEMO_HYPERPARAMETERS,
      hyperparameter_preset: "robyn_recommended",
      iterations: 10,
      trials: 1,
      seed: 1,
      ts_validation: false,
      calibration_input: [],
      pareto_fronts: "auto",
      min_candidates: 1,
      calibration_constraint: 0.1,
    };
    const middle = Object.fromEntries(
      Object.entries(DEMO_HYPERPARAMETERS).map(([name, [lo, hi]]) => [name, (lo + hi) / 2]),
    );
    const parent = fitOneModel(old, { ...settings, hyperparameters: { ...middle, lambda: 1e5 } });
    const parameters: Record<string, number> = {
      ...parent.record.hyperparameters,
      lambda: parent.record.lambda,
    };
    for (const [medium, value] of Object.entries(parent.record.inflexion))
      parameters[`${medium}_inflexion`] = value;
    const { settings: refreshed } = deriveRefreshSettings(
      {
        run: "20261101T060000Z-de-000001",
        settings,
        input: parent.input,
        table: old,
        model: {
          solID: parent.record.solID,
          parameters,
          variables: parent.record.variables as unknown as Record<string, unknown>[],
          // One interval the new value leaves, one it stays in.
          intervals: new Map([
            ["tv_S", { low: 0, up: 1e-9 }],
            ["ooh_S", { low: -1e9, up: 1e9 }],
          ]),
        },
      },
      demo,
      { steps: 8, iterations: 10, trials: 1 },
    );
    const refit = fitOneModel(demo, {
      ...refreshed,
      hyperparameters: refreshed.refresh.parent.hyperparameters,
    });
    const after = fitOneModel(demo, {
      ...refreshed,
      hyperparameters: { ...refreshed.refresh.parent.hyperparameters, tv_S_thetas: 0.7, ooh_S_alphas: 2.5 },
    });
    const refresh = {
      ...refreshed.refresh,
      restated: [{ column: "revenue", periods: 2, first_date: "2018-01-01", last_date: "2018-01-08" }],
    };
    const report = buildRefreshReport({
      refresh,
      depVarType: "revenue",
      period: "week",
      window: { start: refreshed.window_start!, end: refreshed.window_end! },
      after: aggregatesOf(after.record),
      refit: aggregatesOf(refit.record),
    });
    const fixture = {
      generated_by: GENERATED_BY,
      run_files: { refreshParentModel: RUN_FILES.refreshParentModel },
      refresh_report: {
        refresh,
        dep_var_type: "revenue",
        period: "week",
        report: JSON.parse(JSON.stringify(report)),
      },
    };
    const { before, after: written } = await refreshFixture("refresh-contract.json", fixture);
    expect(before, "refresh-contract.json was out of date and has been rewritten: commit it").toBe(written);
  });
});
