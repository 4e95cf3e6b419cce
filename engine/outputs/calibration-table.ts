/**
 * `pareto_calibration.csv`: every lift study read against every Pareto model, with the columns Robyn 3.12.1
 * writes (`robyn_csv` writes `OutputCollect$resultCalibration`: `lift_calibration`'s `liftCollect` with
 * `liftMedia` renamed `rn`, the model's metric columns, `iterations`, then `cluster` and `top_sol`).
 * Written only for a calibrated run, as Robyn does.
 */
import type { TrainingResult } from "../pipeline/train-models.ts";
import { iterationOf } from "../search/candidates.ts";
import { SearchSpace } from "../search/search-space.ts";
import type { OutputTable } from "./output-tables.ts";

export const PARETO_CALIBRATION_COLUMNS = [
  "rn",
  "liftStart",
  "liftEnd",
  "liftAbs",
  "decompStart",
  "decompEnd",
  "decompAbsScaled",
  "decompAbsTotalScaled",
  "calibrated_pct",
  "mape_lift",
  "rsq_train",
  "rsq_val",
  "rsq_test",
  "nrmse_train",
  "nrmse_val",
  "nrmse_test",
  "nrmse",
  "decomp.rssd",
  "mape",
  "lambda",
  "lambda_hp",
  "lambda_max",
  "lambda_min_ratio",
  "solID",
  "trial",
  "iterNG",
  "iterPar",
  "iterations",
  "cluster",
  "top_sol",
] as const;

/** The table, or undefined when the run has no lift studies (Robyn writes no file then). */
export function paretoCalibrationTable(result: TrainingResult): OutputTable | undefined {
  if (result.setup.studies.length === 0) return undefined;
  const { candidates, input } = result;
  const space = new SearchSpace(input, result.setup.space);
  const lambdaIndex = space.names.indexOf("lambda");
  const rows = result.paretoModels.flatMap((model) => {
    const { record, index } = model;
    const lambdaHp = space.valueOf(lambdaIndex, candidates.units, index * candidates.dimension);
    return model.calibration.map(({ study, predicted, predictedTotal, error }) => [
      study.channels,
      study.liftStartDate,
      study.liftEndDate,
      study.liftAbs,
      input.dates[study.firstRow]!,
      input.dates[study.lastRow]!,
      predicted,
      predictedTotal,
      predicted / predictedTotal,
      error,
      record.rsq_train,
      record.rsq_val,
      record.rsq_test,
      record.nrmse_train,
      record.nrmse_val,
      record.nrmse_test,
      record.nrmse,
      record["decomp.rssd"],
      record.mape,
      record.lambda,
      lambdaHp,
      input.lambdaMax,
      input.lambdaMinRatio,
      model.solID,
      candidates.trial[index]!,
      candidates.iterNG[index]!,
      candidates.iterPar[index]!,
      iterationOf(candidates, index),
      model.cluster,
      model.topSol,
    ]);
  });
  return { columns: [...PARETO_CALIBRATION_COLUMNS], rows };
}
