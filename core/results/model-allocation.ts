/**
 * The budget allocator for one model of a finished run (Robyn's `robyn_allocator` on a chosen solID), over the
 * model's channels as `model-channels.ts` reads them.
 */
import {
  allocateBudget,
  allocationToJson,
  DEFAULT_BOUNDS,
  type AllocationResult,
  type AllocatorChannel,
} from "../../engine/allocator/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Run } from "../run.ts";
import type { AllocatorSettings } from "../run-spec.ts";
import { boundsInChannelOrder, type ChannelBoundsInput } from "./channel-bounds.ts";
import { modelChannels } from "./model-channels.ts";
import { spendNameOf } from "./spend-name.ts";

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
  const { spec, dateRange, intervalType, channels } = await modelChannels(
    artifacts,
    run,
    solID,
    request.dateRange,
  );
  const settings = spec.allocator;
  const scenario = request.scenario ?? settings?.scenario ?? "max_response";
  const paid = channels.map((channel) => ({
    name: channel.name,
    spendName: spendNameOf(channel.name, spec),
  }));
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
    periods: dateRange.periods,
    intervalType,
    multiplier: request.multiplier ?? settings?.channel_constr_multiplier ?? 3,
    ...(low === undefined ? {} : { low }),
    ...(up === undefined ? {} : { up }),
    ...(totalBudget === undefined ? {} : { totalBudget }),
    ...(targetValue === undefined ? {} : { targetValue }),
  });
  return {
    solID,
    dateRange,
    intervalType,
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
