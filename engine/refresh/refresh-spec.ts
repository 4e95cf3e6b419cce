/**
 * The settings of a refresh run from its parent (Robyn `robyn_refresh`; method notes §5.9): the parent's
 * settings with the window moved forward by `steps`, every hyperparameter bounded around the parent model's
 * value, Robyn's refresh budget and objective weights (NRMSE weighted 0: the refresh looks for the model
 * closest to the parent's story), and the `refresh` block the refresh objective and report compare against.
 */
import type { Table } from "../../common/table.ts";
import { readDatedRows } from "../data/date-column.ts";
import type { ModelInput } from "../model-input/model-input.ts";
import type { TrainSettings } from "../pipeline/train-settings.ts";
import { marginalReturns, paidChannelCurves } from "../response/marginal-returns.ts";
import { SearchSpace } from "../search/search-space.ts";
import { refreshBounds, refreshFreedom, type HyperparameterRange } from "./refresh-bounds.ts";
import type { ParentChannel, RefreshSettings } from "./refresh-settings.ts";
import { refreshWindow } from "./refresh-window.ts";
import { restatedHistory } from "./restated-history.ts";

/** Robyn's `refresh_iters` and `refresh_trials` defaults. */
export const REFRESH_DEFAULTS = { steps: 4, iterations: 1000, trials: 3 } as const;

export interface ParentRun<S extends TrainSettings> {
  run: string;
  settings: S;
  /** The parent's model input (its data snapshot prepared with its settings). */
  input: ModelInput;
  /** The parent's data as the model saw it (after any preparation), for the restated-history check. */
  table: Table;
  model: {
    solID: string;
    /** Its `resultHypParam` row: hyperparameters, `lambda` (absolute), `lambda_max`, `<medium>_inflexion`. */
    parameters: Readonly<Record<string, unknown>>;
    /** Its `xDecompAgg` rows (`rn`, `coef`, `xDecompPerc`, `roi_total`, `effect_share`, …). */
    variables: readonly Readonly<Record<string, unknown>>[];
    /** Its ROI/CPA interval by the recommendation's rule, by channel. */
    intervals: ReadonlyMap<string, { low: number; up: number }>;
  };
}

export interface RefreshOptions {
  steps: number;
  iterations: number;
  trials: number;
  /** Robyn's `bounds_freedom`; default steps / window length. */
  boundsFreedom?: number;
}

export function deriveRefreshSettings<S extends TrainSettings>(
  parent: ParentRun<S>,
  table: Table,
  options: RefreshOptions,
): { settings: S & { refresh: RefreshSettings }; warnings: string[] } {
  const { input, settings, model } = parent;
  const { dates, interval } = readDatedRows(table, input.dateVar);
  const window = refreshWindow(
    dates,
    interval,
    { startDate: input.window.startDate, endDate: input.window.endDate, length: input.window.length },
    options.steps,
  );
  const freedom = refreshFreedom(options.steps, window.length, options.boundsFreedom);
  const values = numbersOf(model.parameters);
  const space = new SearchSpace(input, {
    hyperparameters: settings.hyperparameters,
    preset: settings.hyperparameter_preset,
    tsValidation: settings.ts_validation,
    addPenaltyFactor: settings.add_penalty_factor ?? false,
  });
  const hyperparameters = refreshBounds({
    ranges: parentRanges(space),
    values,
    lambdaMax: values.lambda_max ?? input.lambdaMax,
    lambdaMinRatio: input.lambdaMinRatio,
    freedom,
    tsValidation: settings.ts_validation,
  });
  const restated = restatedHistory(parent.table, table, input.dateVar, modelColumns(settings));
  const warnings = [
    ...window.warnings,
    ...restated.map(
      (r) =>
        `Restated history: ${r.column} changed in ${r.periods} ${interval.type}(s) the parent model was trained on ` +
        `(${r.first_date} to ${r.last_date}); the refresh uses the new values.`,
    ),
  ];
  const refresh: RefreshSettings = {
    of: { run: parent.run, model: model.solID },
    steps: options.steps,
    freedom,
    added_start: window.addedStart,
    parent: {
      window_start: input.window.startDate,
      window_end: input.window.endDate,
      window_rows: input.window.length,
      hyperparameters: Object.fromEntries(
        space.names.filter((name) => values[name] !== undefined).map((name) => [name, values[name]!]),
      ),
      decomposition: Object.fromEntries(
        model.variables
          .filter((v) => typeof v.xDecompPerc === "number" && Number.isFinite(v.xDecompPerc))
          .map((v) => [String(v.rn), v.xDecompPerc as number]),
      ),
      channels: parentChannels(model),
    },
    restated,
  };
  return {
    settings: {
      ...settings,
      window_start: window.startDate,
      window_end: window.endDate,
      hyperparameters,
      iterations: options.iterations,
      trials: options.trials,
      objective_weights: settings.calibration_input.length > 0 ? [0, 1, 1] : [0, 1],
      refresh,
    },
    warnings,
  };
}

/** The parent's search ranges (Robyn's `hyper_updated`): searched `[lo, hi]`, or a fixed value. */
function parentRanges(space: SearchSpace): Record<string, HyperparameterRange> {
  const ranges: Record<string, HyperparameterRange> = { ...space.fixed };
  for (const { name, lo, hi } of space.dimensions) ranges[name] = [lo, hi];
  return ranges;
}

function parentChannels(model: ParentRun<TrainSettings>["model"]): ParentChannel[] {
  const mroi = new Map(
    marginalReturns(paidChannelCurves(model.variables, model.parameters)).map((r) => [r.channel, r.mroi]),
  );
  const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
  return model.variables
    .filter((v) => number(v.mean_spend) !== null)
    .map((v) => {
      const channel = String(v.rn);
      return {
        channel,
        roi_total: number(v.roi_total),
        cpa_total: number(v.cpa_total),
        effect_share: number(v.effect_share),
        spend_share: number(v.spend_share),
        mean_spend: number(v.mean_spend),
        mroi: number(mroi.get(channel)),
        interval: model.intervals.get(channel) ?? null,
      };
    });
}

function numbersOf(row: Readonly<Record<string, unknown>>): Record<string, number> {
  const numbers: Record<string, number> = {};
  for (const [name, value] of Object.entries(row))
    if (typeof value === "number" && Number.isFinite(value)) numbers[name] = value;
  return numbers;
}

/** Every data column the model reads. */
function modelColumns(settings: TrainSettings): string[] {
  return [
    ...new Set([
      settings.dep_var,
      ...settings.paid_media_spends,
      ...(settings.paid_media_vars ?? []),
      ...settings.organic_vars,
      ...settings.context_vars,
    ]),
  ];
}
