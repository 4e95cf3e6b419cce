/**
 * The pictures of a finished run, by their path in the run folder (`common/run-folder.ts`): a one-pager
 * per cluster-top model (Robyn's `select_model = "clusters"`, each with its own health checks) and for
 * the recommended model (with its reason), and the Pareto front of all candidates.
 */
import { COLUMN } from "../search/candidate-evaluator.ts";
import { candidateColumn, candidateIterations } from "../search/candidates.ts";
import type { ModelSummary } from "../outputs/model-summary.ts";
import { paretoRecords } from "../outputs/pareto-records.ts";
import type { TrainingResult } from "../pipeline/train-models.ts";
import type { TrainSettings } from "../pipeline/train-settings.ts";
import { healthInputFromTraining } from "../health/health-input-from-training.ts";
import { runHealthChecks } from "../health/run-health-checks.ts";
import { renderOnePager } from "./onepager.ts";
import { renderParetoFront } from "./pareto-front.ts";
import { onePagerFile, OUTPUT_FILES } from "../../common/run-folder.ts";

export async function renderRunPictures(
  result: TrainingResult,
  summary: ModelSummary,
  settings: TrainSettings,
): Promise<Record<string, Buffer>> {
  const { input, candidates, pareto, paretoModels, clusters } = result;
  const pictures: Record<string, Buffer> = {};
  const recommended = summary.recommended ?? undefined;
  // One full record at a time: each model drawn is re-evaluated, drawn, and its series let go.
  for (const [model, record] of paretoRecords(
    result,
    paretoModels.filter((m) => m.topSol || m.solID === recommended?.model_id),
  )) {
    const size = paretoModels.filter((m) => m.cluster === model.cluster).length;
    const bootstrap = Object.fromEntries(
      clusters.intervals
        .filter((interval) => interval.cluster === model.cluster && Number.isFinite(interval.ci_up))
        .map((interval) => [
          interval.channel,
          { boot_mean: interval.boot_mean, ci_low: interval.ci_low, ci_up: interval.ci_up },
        ]),
    );
    pictures[onePagerFile(model.solID)] = await renderOnePager(record, {
      depVarType: input.depVarType,
      adstock: input.adstock,
      dataRows: input.dates.length,
      bootstrap,
      clusterLabel: `cluster ${model.cluster} of ${clusters.k} (${size} models)`,
      depVarName: input.depVarName,
      ...(settings.currency ? { currency: settings.currency } : {}),
      intervalType: input.interval.type,
      engine: summary.engine,
      version: summary.engine_version,
      ...(model.solID === recommended?.model_id ? { recommendation: recommended.reason } : {}),
      health: runHealthChecks(healthInputFromTraining(result, settings, model)),
    });
  }
  pictures[OUTPUT_FILES.paretoFront] = await renderParetoFront(
    {
      nrmse: candidateColumn(candidates, COLUMN.nrmse),
      decompRssd: candidateColumn(candidates, COLUMN.decompRssd),
      front: pareto.robynPareto,
      iteration: candidateIterations(candidates),
    },
    {
      iterationLabel: candidates.trials > 1 ? "Iteration (in each trial)" : "Iteration",
      title: `Pareto front: ${candidates.count.toLocaleString("en")} candidate models`,
      subtitle: `${paretoModels.length} models in ${pareto.paretoFronts} fronts, ${clusters.k} clusters`,
      selectedFronts: pareto.paretoFronts,
    },
  );
  return pictures;
}
