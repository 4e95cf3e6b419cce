/**
 * The one-pager of any Pareto model, drawn on demand: the trainer draws only the cluster tops and the
 * recommended model (Robyn's `select_model = "clusters"`). The model is fitted again from the run's
 * `input.csv` with its hyperparameters and λ from `pareto_hyperparameters.csv` (the evaluation is
 * deterministic, so a native run's model comes back with the same numbers), then drawn by the same
 * renderer with the same context as the trainer's (cluster, bootstrap intervals, health, reason), and
 * stored where the trainer would have put it, so the next request reads the file.
 */
import { OUTPUT_FILES, RUN_FILES, onePagerFile } from "../../common/run-folder.ts";
import { invalidInput, isMmmError } from "../../common/errors.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import { fitOneModel } from "../../engine/pipeline/fit-one-model.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { renderOnePager } from "../../engine/report/onepager.ts";
import type { ChannelInterval } from "../../engine/report/onepager-context.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { deriveRunTrust } from "./run-health.ts";
import { numberOf, outputRecords, RunOutputs, type OutputRecord } from "./run-outputs.ts";

/** The hyperparameters a model's row carries, as `fitOneModel` reads them (Robyn's `dt_hyper_fixed`). */
const HYPERPARAMETER = /_(alphas|gammas|thetas|shapes|scales|penalty)$|^lambda$|^train_size$/;

/** The stored one-pager of `solID`, drawn and stored first when the trainer did not draw it. */
export async function modelOnePager(artifacts: ArtifactStore, run: Run, solID: string): Promise<Buffer> {
  const path = `${run.artifactPrefix}${onePagerFile(solID)}`;
  const stored = await artifacts.get(path);
  if (stored) return stored;
  const picture = await drawModelOnePager(artifacts, run, solID);
  await artifacts.put(path, picture, "image/png");
  return picture;
}

export async function drawModelOnePager(artifacts: ArtifactStore, run: Run, solID: string): Promise<Buffer> {
  const outputs = new RunOutputs(artifacts, run);
  const [row, summary] = await Promise.all([outputs.model(solID), outputs.summary()]);
  const inputText = await artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`);
  if (!inputText || !summary) {
    throw invalidInput(
      "solID",
      `Run ${run.id} has no input.csv or model summary, so model ${solID} cannot be drawn.`,
    );
  }
  const raw = parseCsv(inputText, "The run's input.csv");
  const table = prepareForTraining(raw, run.spec)?.table ?? raw;
  const hyperparameters = Object.fromEntries(
    Object.entries(row).filter(
      (entry): entry is [string, number] =>
        HYPERPARAMETER.test(entry[0]) && typeof entry[1] === "number" && Number.isFinite(entry[1]),
    ),
  );
  const { record, input } = fitOneModel(table, { ...run.spec, hyperparameters }, nativeProphet, solID);
  const cluster = numberOf(row, "cluster");
  const size = (await outputs.paretoModels()).filter((m) => m.cluster === cluster).length;
  const health = await deriveRunTrust(artifacts, run, solID).then(
    (trust) => trust.health,
    (error: unknown) => {
      if (isMmmError(error)) return undefined;
      throw error;
    },
  );
  return renderOnePager(record, {
    depVarType: input.depVarType,
    adstock: input.adstock,
    dataRows: input.dates.length,
    bootstrap: await clusterIntervals(artifacts, run, cluster),
    clusterLabel: `cluster ${cluster} of ${summary.clusters.k} (${size} models)`,
    depVarName: input.depVarName,
    ...(run.spec.currency ? { currency: run.spec.currency } : {}),
    intervalType: input.interval.type,
    engine: summary.engine,
    version: summary.engine_version,
    ...(summary.recommended?.model_id === solID ? { recommendation: summary.recommended.reason } : {}),
    ...(health ? { health } : {}),
  });
}

/** Robyn's in-cluster bootstrap intervals of the model's cluster (`pareto_clusters_ci.csv`). */
async function clusterIntervals(
  artifacts: ArtifactStore,
  run: Run,
  cluster: number,
): Promise<Record<string, ChannelInterval>> {
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoClustersCi}`);
  const rows: OutputRecord[] = text ? outputRecords(text) : [];
  return Object.fromEntries(
    rows
      .filter((r) => numberOf(r, "cluster") === cluster && Number.isFinite(numberOf(r, "ci_up")))
      .map((r) => [
        String(r.rn),
        { boot_mean: numberOf(r, "boot_mean"), ci_low: numberOf(r, "ci_low"), ci_up: numberOf(r, "ci_up") },
      ]),
  );
}
