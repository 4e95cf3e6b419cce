/**
 * The run's CSV outputs as tables, with Robyn's file names and column names (method notes §5.6), so that
 * both engines write the same files. Pure: rows of cells; `csv.ts` turns them into text.
 *
 * - `all_models.csv`: every candidate (Robyn's `all_hyperparameters.csv`, plus fronts and error score);
 * - `pareto_hyperparameters.csv`: the selected Pareto models, with cluster and `top_sol`;
 * - `pareto_aggregated.csv`: one row per Pareto model and variable (Robyn's `xDecompAgg`);
 * - `pareto_media_transform_matrix.csv`: adstocked input and decomposed response per medium and week;
 * - `pareto_alldecomp_matrix.csv`: every regressor's contribution per week (these two per model: `ModelMatrix`);
 * - `pareto_clusters.csv`, `pareto_clusters_ci.csv`: cluster membership and bootstrapped ROI/CPA intervals.
 */
import type { ModelAggregates, ModelRecord, VariableRecord } from "../model/model-record.ts";
import { seriesLines } from "./csv.ts";
import { COLUMN, inflationColumn, inflexionColumn } from "../search/candidate-evaluator.ts";
import { SearchSpace } from "../search/search-space.ts";
import { iterationOf, solIdOf } from "../search/candidates.ts";
import type { ParetoModel, TrainingResult } from "../pipeline/train-models.ts";

export type CellValue = number | string | boolean | null;

export interface OutputTable {
  columns: string[];
  /** Rows in order; produced lazily for `all_models.csv` (one per candidate), read as often as needed. */
  rows: Iterable<CellValue[]>;
}

const METRIC_COLUMNS = [
  ["rsq_train", COLUMN.rsqTrain],
  ["rsq_val", COLUMN.rsqVal],
  ["rsq_test", COLUMN.rsqTest],
  ["nrmse_train", COLUMN.nrmseTrain],
  ["nrmse_val", COLUMN.nrmseVal],
  ["nrmse_test", COLUMN.nrmseTest],
  ["nrmse", COLUMN.nrmse],
  ["decomp.rssd", COLUMN.decompRssd],
  ["mape", COLUMN.mape],
] as const;

/** Columns of `all_models.csv` and `pareto_hyperparameters.csv` for a run's media (pareto adds cluster, top_sol). */
export function hyperparameterColumns(
  hyperparameterNames: readonly string[],
  media: readonly string[],
): string[] {
  return [
    "solID",
    "trial",
    "iterNG",
    "iterPar",
    "iterations",
    ...hyperparameterNames.filter((name) => name !== "lambda"),
    "lambda",
    "lambda_hp",
    "lambda_max",
    "lambda_min_ratio",
    ...media.flatMap((m) => [`${m}_inflexion`, `${m}_inflation`]),
    ...METRIC_COLUMNS.map(([name]) => name),
    "pos",
    "coef0",
    "intercept_dropped",
    "mape.qt10",
    "robynPareto",
    "error_score",
  ];
}

/** The search space of a run, and the positions in it of the hyperparameters a candidate row lists. */
interface CandidateLayout {
  space: SearchSpace;
  /** Every hyperparameter but lambda, which has columns of its own. */
  listed: number[];
}

function candidateLayout(result: TrainingResult): CandidateLayout {
  const space = new SearchSpace(result.input, result.setup.space);
  const listed = space.names.flatMap((name, i) => (name === "lambda" ? [] : [i]));
  return { space, listed };
}

function candidateRow(result: TrainingResult, layout: CandidateLayout, index: number): CellValue[] {
  const { candidates, input, pareto, errorScore } = result;
  const { space, listed } = layout;
  const at = index * candidates.width;
  const unit = candidates.units;
  const offset = index * candidates.dimension;
  const row = candidates.rows;
  return [
    solIdOf(candidates, index),
    candidates.trial[index]!,
    candidates.iterNG[index]!,
    candidates.iterPar[index]!,
    iterationOf(candidates, index),
    ...listed.map((i) => space.valueOf(i, unit, offset)),
    row[at + COLUMN.lambda]!,
    space.lambdaShareOf(unit, offset),
    input.lambdaMax,
    input.lambdaMinRatio,
    ...input.media.flatMap((_, m) => [row[at + inflexionColumn(m)]!, row[at + inflationColumn(m)]!]),
    ...METRIC_COLUMNS.map(([, column]) => row[at + column]!),
    row[at + COLUMN.pos] === 1,
    row[at + COLUMN.coef0] === 1,
    row[at + COLUMN.interceptDropped] === 1,
    pareto.mapeQt10[index]!,
    pareto.robynPareto[index] ?? null,
    errorScore[index]!,
  ];
}

export function allModelsTable(result: TrainingResult): OutputTable {
  const layout = candidateLayout(result);
  const columns = hyperparameterColumns(
    layout.space.names,
    result.input.media.map((m) => m.name),
  );
  const rows = function* (): Generator<CellValue[]> {
    for (let i = 0; i < result.candidates.count; i++) yield candidateRow(result, layout, i);
  };
  return { columns, rows: { [Symbol.iterator]: rows } };
}

export function paretoHyperparametersTable(result: TrainingResult): OutputTable {
  const layout = candidateLayout(result);
  const columns = [
    ...hyperparameterColumns(
      layout.space.names,
      result.input.media.map((m) => m.name),
    ),
    "cluster",
    "top_sol",
  ];
  const rows = result.paretoModels.map((model) => [
    ...candidateRow(result, layout, model.index),
    model.cluster,
    model.topSol,
  ]);
  return { columns, rows };
}

const VARIABLE_COLUMNS: (keyof VariableRecord)[] = [
  "rn",
  "coef",
  "xDecompAgg",
  "xDecompPerc",
  "xDecompMeanNon0",
  "xDecompMeanNon0Perc",
];
/** Robyn's refresh ("RF") variants equal the window values for an initial model. */
const REFRESH_COLUMNS = [
  "xDecompAggRF",
  "xDecompPercRF",
  "xDecompMeanNon0RF",
  "xDecompMeanNon0PercRF",
] as const;

export const PARETO_AGGREGATED_COLUMNS = [
  ...VARIABLE_COLUMNS,
  ...REFRESH_COLUMNS,
  "pos",
  "spend_share",
  "spend_share_refresh",
  "mean_spend",
  "total_spend",
  "mean_exposure",
  "mean_exposure_refresh",
  "effect_share",
  "effect_share_refresh",
  "train_size",
  ...METRIC_COLUMNS.map(([name]) => name),
  "lambda",
  "solID",
  "trial",
  "iterNG",
  "iterPar",
  "iterations",
  "robynPareto",
  "mean_response",
  "mean_spend_adstocked",
  "mean_carryover",
  "roi_mean",
  "roi_total",
  "cpa_mean",
  "cpa_total",
  "cluster",
  "top_sol",
  "boot_mean",
  "boot_se",
  "ci_low",
  "ci_up",
  "carryover_pct",
];

export function paretoAggregatedTable(result: TrainingResult): OutputTable {
  const { candidates } = result;
  const rows = result.paretoModels.flatMap((model) => {
    const { record } = model;
    return record.variables.map((v) => {
      const interval = result.clusters.intervals.find(
        (ci) => ci.cluster === model.cluster && ci.channel === v.rn,
      );
      return [
        ...VARIABLE_COLUMNS.map((name) => v[name] as CellValue),
        v.xDecompAgg,
        v.xDecompPerc,
        v.xDecompMeanNon0,
        v.xDecompMeanNon0Perc,
        v.pos,
        v.spend_share,
        v.spend_share,
        v.mean_spend,
        v.total_spend,
        v.mean_exposure,
        v.mean_exposure,
        v.effect_share,
        v.effect_share,
        record.train_size,
        ...metricValues(record),
        record.lambda,
        model.solID,
        candidates.trial[model.index]!,
        candidates.iterNG[model.index]!,
        candidates.iterPar[model.index]!,
        iterationOf(candidates, model.index),
        model.front,
        v.mean_response,
        v.mean_spend_adstocked,
        v.mean_carryover,
        v.roi_mean,
        v.roi_total,
        v.cpa_mean,
        v.cpa_total,
        model.cluster,
        model.topSol,
        interval?.boot_mean ?? null,
        interval?.boot_se ?? null,
        interval?.ci_low ?? null,
        interval?.ci_up ?? null,
        v.carryover_pct,
      ];
    });
  });
  return { columns: [...PARETO_AGGREGATED_COLUMNS], rows };
}

function metricValues(record: ModelAggregates): CellValue[] {
  return [
    record.rsq_train,
    record.rsq_val,
    record.rsq_test,
    record.nrmse_train,
    record.nrmse_val,
    record.nrmse_test,
    record.nrmse,
    record["decomp.rssd"],
    record.mape,
  ];
}

/**
 * A per-model matrix (`pareto_media_transform_matrix.csv`, `pareto_alldecomp_matrix.csv`): one block of
 * rows per Pareto model from its full record, so it is written model by model (see `pareto-records.ts`)
 * instead of holding every model's series at once. The rows come as CSV lines straight from the series:
 * these matrices are millions of cells, and a row of cells per line would double the cost of formatting.
 */
export interface ModelMatrix {
  columns: string[];
  /** The model's rows as CSV lines, without line breaks. */
  lines(model: MatrixModel, record: ModelRecord): string[];
}

/** What a matrix row says of its model besides the series. */
export type MatrixModel = Pick<ParetoModel, "solID" | "cluster" | "topSol">;

export function mediaTransformMatrix(result: Pick<TrainingResult, "input">): ModelMatrix {
  const media = result.input.media.map((m) => m.name);
  return {
    columns: ["ds", ...media, "type", "solID", "cluster", "top_sol"],
    lines: (model, record) => {
      const { ds } = record.series;
      const block = (type: string, key: "adstocked" | "response") =>
        seriesLines(
          [ds, ...media.map((m) => record.media[m]![key])],
          [type, model.solID, model.cluster, model.topSol],
        );
      return [...block("adstockedMedia", "adstocked"), ...block("decompMedia", "response")];
    },
  };
}

export function allDecompMatrix(result: Pick<TrainingResult, "input">): ModelMatrix {
  const regressors = result.input.regressors.map((r) => r.name);
  return {
    columns: ["ds", "dep_var", ...regressors, "intercept", "depVarHat", "solID", "cluster", "top_sol"],
    lines: (model, record) => {
      const { ds, dep_var, depVarHat, intercept, contributions } = record.series;
      return seriesLines(
        [ds, dep_var, ...regressors.map((name) => contributions[name]!), intercept, depVarHat],
        [model.solID, model.cluster, model.topSol],
      );
    },
  };
}

export function clustersTable(result: TrainingResult): OutputTable {
  const paid = result.input.media.filter((m) => m.paid).map((m) => m.name);
  const metric = result.input.depVarType === "revenue" ? "roi_total" : "cpa_total";
  const rows = result.paretoModels.map((model) => [
    model.solID,
    model.cluster,
    model.topSol,
    model.errorScore,
    model.record.nrmse,
    model.record["decomp.rssd"],
    model.record.mape,
    ...paid.map((name) => model.record.variables.find((v) => v.rn === name)?.[metric] ?? null),
  ]);
  return {
    columns: [
      "solID",
      "cluster",
      "top_sol",
      "error_score",
      "nrmse",
      "decomp.rssd",
      "mape",
      ...paid.map((p) => `${p}_${metric}`),
    ],
    rows,
  };
}

export function clusterIntervalsTable(result: TrainingResult): OutputTable {
  return {
    columns: ["cluster", "rn", "n", "boot_mean", "boot_se", "ci_low", "ci_up"],
    rows: result.clusters.intervals.map((i) => [
      i.cluster,
      i.channel,
      i.n,
      i.boot_mean,
      i.boot_se,
      i.ci_low,
      i.ci_up,
    ]),
  };
}
