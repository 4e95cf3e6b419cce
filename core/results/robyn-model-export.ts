/**
 * One model of a finished run as Robyn's `RobynModel-<solID>.json` (`robyn_write` 3.12.1's format), for
 * `mmm export-robyn`, the viewer's download and the API. The numbers come from the run's output files
 * (the same for both engines), the data and the settings from its snapshot and spec.
 */
import { parseCsv } from "../../engine/data/csv.ts";
import { writeJsonliteText } from "../../engine/robyn-json/jsonlite-text.ts";
import { buildRobynModelJson, type ExportedModelNumbers } from "../../engine/robyn-json/robyn-model-json.ts";
import { SearchSpace } from "../../engine/search/search-space.ts";
import { OUTPUT_FILES, RUN_FILES } from "../../common/run-folder.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { MmmError } from "../../common/errors.ts";
import { runModelInput } from "./run-model-input.ts";
import { RunOutputs, type OutputRecord } from "./run-outputs.ts";

const METRICS = [
  "rsq_train",
  "rsq_val",
  "rsq_test",
  "nrmse_train",
  "nrmse_val",
  "nrmse_test",
  "nrmse",
  "decomp.rssd",
  "mape",
] as const;

/** The file's text: Robyn's layout, numbers at full precision (see `jsonlite-text.ts`). */
export async function robynModelJson(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  now: Date = new Date(),
): Promise<string> {
  const outputs = new RunOutputs(artifacts, run);
  const row = await outputs.model(solID);
  const variables = await outputs.modelVariables(solID);
  const paretoModels = await outputs.paretoModels();
  const summary = await outputs.summary();
  if (!summary)
    throw new MmmError("not_found", `Run ${run.id} has no ${OUTPUT_FILES.modelSummary}.`, {
      context: { field: "runId" },
    });
  const { spec, input } = await runModelInput(artifacts, run);
  const table = parseCsv(
    (await artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`))!,
    "The run's input.csv",
  );
  const space = new SearchSpace(input, {
    hyperparameters: spec.hyperparameters,
    preset: spec.hyperparameter_preset,
    tsValidation: spec.ts_validation,
  });
  const ranges = (await importedRanges(artifacts, run)) ?? searchRanges(space);

  const hyperparameters: Record<string, number> = {};
  for (const name of [...space.names]) {
    const value = row[name];
    if (typeof value === "number" && Number.isFinite(value)) hyperparameters[name] = value;
  }
  const metrics = Object.fromEntries(
    METRICS.map((m) => [m, numberOrNull(row, m)]),
  ) as ExportedModelNumbers["metrics"];
  const cluster = numberOrNull(row, "cluster");
  const model: ExportedModelNumbers = {
    solID,
    hyperparameters,
    metrics,
    variables: variables.map((v) => ({
      rn: String(v.rn),
      coef: numberOrNull(v, "coef") ?? Number.NaN,
      xDecompPerc: numberOrNull(v, "xDecompPerc") ?? Number.NaN,
      xDecompAgg: numberOrNull(v, "xDecompAgg") ?? Number.NaN,
      boot_mean: numberOrNull(v, "boot_mean"),
      ci_low: numberOrNull(v, "ci_low"),
      ci_up: numberOrNull(v, "ci_up"),
    })),
    ...(cluster !== null && space.dimension > 0
      ? {
          cluster: {
            cluster,
            size: paretoModels.filter((m) => m.cluster === cluster).length,
            count: new Set(paretoModels.map((m) => m.cluster)).size,
          },
        }
      : {}),
  };
  const timings = summary.timings_seconds ?? {};
  const searchSeconds = (timings.search ?? 0) + (timings.prepare ?? 0);
  const document = buildRobynModelJson(
    input,
    table,
    {
      settings: spec,
      ranges,
      hyperFixed: space.dimension === 0,
      seed: spec.seed,
      iterations: space.dimension === 0 ? 1 : spec.iterations,
      trials: space.dimension === 0 ? 1 : spec.trials,
      paretoFronts: summary.pareto_fronts,
      calibrationConstraint: spec.calibration_constraint,
      convergence: space.dimension === 0 ? [] : summary.convergence.map((c) => c.message),
      trainedAt: new Date(summary.created_at),
      exportedAt: now,
      ...(space.dimension === 0 ? {} : { runMinutes: searchSeconds / 60 }),
      outputsMinutes: Math.max(0, (timings.total ?? searchSeconds) - searchSeconds) / 60,
      folder: run.artifactPrefix || `${run.id}/`,
      writer: `MMM Trainer ${summary.engine ?? "native"}`,
    },
    model,
  );
  return writeJsonliteText(document, "full");
}

/** The run's search ranges as Robyn's `InputCollect.hyperparameters` (media and train_size). */
function searchRanges(space: SearchSpace): Record<string, number | [number, number]> {
  const ranges: Record<string, number | [number, number]> = {};
  for (const name of space.names) {
    if (name === "lambda") continue;
    const searched = space.dimensions.find((d) => d.name === name);
    ranges[name] = searched ? [searched.lo, searched.hi] : space.fixed[name]!;
  }
  return ranges;
}

/** A run rebuilt from a Robyn file keeps that file's search ranges (`mmm import-robyn`'s report). */
async function importedRanges(
  artifacts: ArtifactStore,
  run: Run,
): Promise<Record<string, [number, number]> | undefined> {
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.robynImport}`);
  if (!text) return undefined;
  const ranges = (JSON.parse(text) as { ranges?: Record<string, [number, number]> }).ranges;
  return ranges && Object.keys(ranges).length > 0 ? ranges : undefined;
}

function numberOrNull(record: OutputRecord, key: string): number | null {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
