/**
 * The budget allocator for one model of a finished run (Robyn's `robyn_allocator` on a chosen solID):
 * each paid channel's response curve comes from the run's output files (coefficient, α, inflexion, mean
 * carryover), its current spend per period from the run's snapshot over the chosen date range.
 */
import {
  allocateBudget,
  allocationToJson,
  DEFAULT_BOUNDS,
  resolveDateRange,
  type AllocationResult,
  type AllocatorChannel,
} from "../../engine/allocator/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import type { AllocatorSettings } from "../run-spec.ts";
import { boundsInChannelOrder, type ChannelBoundsInput } from "./channel-bounds.ts";
import { runModelInput } from "./run-model-input.ts";
import { numberOf, RunOutputs } from "./run-outputs.ts";

export interface ModelAllocationRequest {
  scenario?: AllocatorSettings["scenario"];
  /** Over the whole date range; absent = the historical spend of the range. */
  totalBudget?: number;
  targetValue?: number;
  /** Multiples of today's spend: one for all channels, one per channel in the model's order, or by name. */
  low?: ChannelBoundsInput;
  up?: ChannelBoundsInput;
  multiplier?: number;
  dateRange?: AllocatorSettings["date_range"];
}

export interface ModelAllocation {
  solID: string;
  dateRange: { from: string; to: string; periods: number };
  /** One period of the data ("week"), for messages and pictures. */
  intervalType: string;
  /** Each paid channel's response curve and current spend, as the optimiser saw them. */
  channels: AllocatorChannel[];
  result: AllocationResult;
}

export async function allocateForModel(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  request: ModelAllocationRequest,
): Promise<ModelAllocation> {
  const outputs = new RunOutputs(artifacts, run);
  const model = await outputs.model(solID);
  const variables = await outputs.modelVariables(solID);
  const { spec, input } = await runModelInput(artifacts, run);
  const windowDates = input.dates.slice(input.window.start, input.window.end + 1);
  const range = resolveDateRange(request.dateRange ?? spec.allocator?.date_range ?? "all", windowDates);

  const channels: AllocatorChannel[] = input.media
    .filter((channel) => channel.paid)
    .map((channel) => {
      const row = variables.find((v) => v.rn === channel.name);
      if (!row)
        throw invalidInput(
          "solID",
          `Model ${solID} has no row for ${channel.name} in pareto_aggregated.csv.`,
        );
      const values = input.regressors[channel.regressorIndex]!.values;
      let spend = 0;
      for (let t = range.startIndex; t <= range.endIndex; t++) spend += values[input.window.start + t]!;
      return {
        name: channel.name,
        coef: numberOf(row, "coef"),
        alpha: numberOf(model, `${channel.name}_alphas`),
        inflexion: numberOf(model, `${channel.name}_inflexion`),
        carryover: numberOf(row, "mean_carryover"),
        initialSpend: spend / range.periods,
      };
    });
  const settings = spec.allocator;
  const scenario = request.scenario ?? settings?.scenario ?? "max_response";
  const paid = input.media.filter((channel) => channel.paid);
  const [defaultLow, defaultUp] = DEFAULT_BOUNDS[scenario];
  const low =
    request.low === undefined
      ? settings?.channel_constr_low
      : boundsInChannelOrder(
          request.low,
          paid,
          "channel_constr_low",
          settings?.channel_constr_low,
          defaultLow,
        );
  const up =
    request.up === undefined
      ? settings?.channel_constr_up
      : boundsInChannelOrder(request.up, paid, "channel_constr_up", settings?.channel_constr_up, defaultUp);
  const totalBudget = request.totalBudget ?? settings?.total_budget;
  const targetValue = request.targetValue ?? settings?.target_value;
  const result = allocateBudget({
    scenario,
    depVarType: spec.dep_var_type,
    channels,
    periods: range.periods,
    intervalType: input.interval.type,
    multiplier: request.multiplier ?? settings?.channel_constr_multiplier ?? 3,
    ...(low === undefined ? {} : { low }),
    ...(up === undefined ? {} : { up }),
    ...(totalBudget === undefined ? {} : { totalBudget }),
    ...(targetValue === undefined ? {} : { targetValue }),
  });
  return {
    solID,
    dateRange: { from: range.dateMin, to: range.dateMax, periods: range.periods },
    intervalType: input.interval.type,
    channels,
    result,
  };
}

/**
 * An allocation as JSON (what `mmm allocate` writes, the API answers and the model page keeps): Robyn's
 * `dt_optimOut` names with non-finite numbers encoded, beside the model, the date range and the period's name.
 */
export function modelAllocationJson(allocation: ModelAllocation) {
  return {
    solID: allocation.solID,
    dateRange: allocation.dateRange,
    intervalType: allocation.intervalType,
    ...allocationToJson(allocation.result),
  };
}
