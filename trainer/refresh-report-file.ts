/**
 * Writes `output/refresh_report.json` for a refresh run: the winner against the parent, with the parent's
 * hyperparameters re-fitted on the refresh window to split each change into new data and re-estimation.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUTPUT_FILES } from "../common/run-folder.ts";
import type { Table } from "../common/table.ts";
import type { ProphetProvider } from "../engine/model-input/model-settings.ts";
import type { ModelSummary } from "../engine/outputs/model-summary.ts";
import { fitOneModel } from "../engine/pipeline/fit-one-model.ts";
import type { TrainingResult } from "../engine/pipeline/train-models.ts";
import type { TrainSettings } from "../engine/pipeline/train-settings.ts";
import { buildRefreshReport, type RefreshReport } from "../engine/refresh/refresh-report.ts";

export async function writeRefreshReport(
  outDir: string,
  table: Table,
  settings: TrainSettings,
  result: TrainingResult,
  summary: ModelSummary,
  prophet?: ProphetProvider,
): Promise<RefreshReport | undefined> {
  const refresh = settings.refresh;
  const winner = result.paretoModels.find((m) => m.solID === summary.best_model.model_id);
  if (!refresh || !winner) return undefined;
  const { train_size: trainSize, ...values } = refresh.parent.hyperparameters;
  const hyperparameters =
    settings.ts_validation && trainSize !== undefined ? { ...values, train_size: trainSize } : values;
  const refit = fitOneModel(table, { ...settings, hyperparameters }, prophet, "parent_refit").record;
  const report = buildRefreshReport({
    refresh,
    depVarType: settings.dep_var_type,
    period: result.input.interval.type,
    window: { start: result.input.window.startDate, end: result.input.window.endDate },
    after: winner.record,
    refit,
  });
  await writeFile(join(outDir, OUTPUT_FILES.refreshReport), JSON.stringify(report, null, 2));
  return report;
}
