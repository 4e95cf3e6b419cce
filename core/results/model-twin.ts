/**
 * `mmm twin`: can this setup identify my channels? A twin of the run's data (`engine/simulate/twin-data.ts`)
 * takes one model as the truth: the goal over the window becomes that model's fitted values plus its own
 * residuals resampled in blocks, lift studies (if any) read the twin's truth instead of the real
 * experiment. The same spec is trained on it (native engine), and the recommended model's ROI (CPA) per
 * paid channel is compared with the truth: its error, and whether its interval covered the truth.
 */
import { invalidInput } from "../../common/errors.ts";
import { RUN_FILES, OUTPUT_FILES } from "../../common/run-folder.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import { buildModelSummary } from "../../engine/outputs/model-summary.ts";
import { trainModels, type TrainProgress } from "../../engine/pipeline/train-models.ts";
import { quantileType7 } from "../../engine/select/pareto.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import { twinTable } from "../../engine/simulate/twin-data.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import { parseRunSpec, type RunSpec } from "../run-spec.ts";
import { outputRecords, RunOutputs, type OutputRecord } from "./run-outputs.ts";
import { finiteOrNull } from "../../common/finite.ts";

export interface TwinOptions {
  iterations?: number;
  trials?: number;
  seed?: number;
  workers: number;
  /** The twin's training, as it goes (the viewer's twin page shows it). */
  onProgress?: (progress: TrainProgress) => void;
}

export interface TwinChannel {
  channel: string;
  truth: number | null;
  recovered: number | null;
  /** |recovered − truth| / truth. */
  error: number | null;
  low: number | null;
  high: number | null;
  covered: boolean | null;
  /** Robyn's own pick (lowest error score) on the twin, for comparison. */
  robyn_pick: number | null;
}

export interface TwinReport {
  run: string;
  truth_model: string;
  metric: "roi" | "cpa";
  iterations: number;
  trials: number;
  seed: number;
  recommended_model: string | null;
  calibrated: boolean;
  channels: TwinChannel[];
  median_error: number | null;
  coverage: number | null;
  summary: string[];
}

export async function modelTwin(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  options: TwinOptions,
): Promise<TwinReport> {
  const outputs = new RunOutputs(artifacts, run);
  const [variables, decomposition, inputText] = await Promise.all([
    outputs.modelVariables(solID),
    outputs.decomposition(solID),
    artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`),
  ]);
  if (!inputText || !decomposition?.has("depVarHat"))
    throw invalidInput(
      "run",
      `Run ${run.id} has no input.csv or no decomposition of model ${solID}, so no twin can be made of it.`,
    );
  const seed = options.seed ?? run.spec.seed;
  const settings = parseRunSpec({
    ...run.spec,
    engine: "native",
    seed,
    iterations: options.iterations ?? run.spec.iterations,
    trials: options.trials ?? run.spec.trials,
    calibration_input: await twinStudies(artifacts, run, solID),
  });
  const raw = parseCsv(inputText, "The run's input.csv");
  const table = prepareForTraining(raw, settings)?.table ?? raw;
  const twin = twinTable({
    table,
    dateVar: settings.date_var,
    depVar: settings.dep_var,
    window: {
      dates: decomposition.text("ds").map((ds) => ds.slice(0, 10)),
      fitted: decomposition.numbers("depVarHat"),
      actual: decomposition.numbers("dep_var"),
    },
    seed,
  });
  const result = await trainModels(twin, settings, {
    workers: options.workers,
    prophet: nativeProphet,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const summary = buildModelSummary(result, settings, "twin", new Date());
  return twinReport(run.id, solID, settings, variables, summary, seed);
}

/**
 * The run's lift studies with each measured lift replaced by what the truth model predicts for it: a
 * perfect experiment in the twin (the study's confidence still weighs it).
 */
async function twinStudies(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
): Promise<RunSpec["calibration_input"]> {
  const studies = run.spec.calibration_input;
  if (studies.length === 0) return [];
  const text = await artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoCalibration}`);
  const rows = text ? outputRecords(text).filter((row) => row.solID === solID) : [];
  if (rows.length !== studies.length)
    throw invalidInput(
      "run",
      `Run ${run.id} has lift studies but its pareto_calibration.csv does not read all ${studies.length} of them against model ${solID}.`,
    );
  return studies.map((study, i) => ({ ...study, liftAbs: Number(rows[i]!.decompAbsScaled) }));
}

function twinReport(
  runId: string,
  solID: string,
  settings: RunSpec,
  truthVariables: readonly OutputRecord[],
  summary: ReturnType<typeof buildModelSummary>,
  seed: number,
): TwinReport {
  const conversion = settings.dep_var_type === "conversion";
  const metric = conversion ? "cpa" : "roi";
  const recommended = summary.recommended;
  const robyn = new Map(
    summary.best_model.channels.map((c) => [c.channel, conversion ? c.cpa_total : c.roi_total]),
  );
  const channels: TwinChannel[] = truthVariables
    .filter((v) => Number.isFinite(v.spend_share))
    .map((v) => {
      const channel = String(v.rn);
      const truth = finiteOrNull(v[conversion ? "cpa_total" : "roi_total"]);
      const found = recommended?.channels.find((c) => c.channel === channel);
      const recovered = finiteOrNull(conversion ? found?.cpa : found?.roi);
      const low = finiteOrNull(conversion ? found?.cpa_low : found?.roi_low);
      const high = finiteOrNull(conversion ? found?.cpa_high : found?.roi_high);
      return {
        channel,
        truth,
        recovered,
        error:
          truth !== null && recovered !== null && truth !== 0
            ? Math.abs(recovered - truth) / Math.abs(truth)
            : null,
        low,
        high,
        covered: truth !== null && low !== null && high !== null ? truth >= low && truth <= high : null,
        robyn_pick: finiteOrNull(robyn.get(channel)),
      };
    });
  const errors = channels.flatMap((c) => (c.error === null ? [] : [c.error]));
  const covered = channels.flatMap((c) => (c.covered === null ? [] : [c.covered]));
  const report: TwinReport = {
    run: runId,
    truth_model: solID,
    metric,
    iterations: settings.iterations,
    trials: settings.trials,
    seed,
    recommended_model: recommended?.model_id ?? null,
    calibrated: settings.calibration_input.length > 0,
    channels,
    median_error: errors.length > 0 ? quantileType7(Float64Array.from(errors), 0.5) : null,
    coverage: covered.length > 0 ? covered.filter(Boolean).length / covered.length : null,
    summary: [],
  };
  report.summary = twinSentences(report);
  return report;
}

/** What the twin says, for a marketer. */
function twinSentences(report: TwinReport): string[] {
  const name = report.metric === "roi" ? "ROI" : "CPA";
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const lines = [
    `Twin of ${report.run} with model ${report.truth_model} as the truth, trained ${report.iterations} x ${report.trials}: the recommended model ${report.recommended_model ?? "(none)"} ` +
      (report.median_error === null
        ? `has no ${name} to compare.`
        : `misses the true ${name} by a median ${pct(report.median_error)} per channel.`),
  ];
  if (report.coverage !== null)
    lines.push(`Its intervals hold the truth for ${pct(report.coverage)} of the channels.`);
  const poor = report.channels.filter((c) => c.error !== null && c.error > 0.3).map((c) => c.channel);
  lines.push(
    poor.length === 0
      ? `Every channel is recovered within 30%: this setup can identify them.`
      : `Not identified by this setup (off by more than 30%): ${poor.join(", ")}. ` +
          (report.calibrated
            ? "More or longer lift studies on them would help."
            : "Lift studies on them would help most."),
  );
  return lines;
}
