/**
 * An allocation of a fitted demo model with Robyn's demo allocator settings (method notes §5.6: for max_response
 * low 0.7, up 1.2 for TV and 1.5 for the rest; target_efficiency with its defaults), built from the model record: per paid channel its coefficient, alpha,
 * inflexion and mean window carryover, and as initial spend the mean immediate input over the window
 * (mean adstocked − mean carryover, the model column's mean).
 */
import {
  allocateBudget,
  type AllocatorChannel,
  type AllocatorRequest,
} from "../../engine/allocator/allocate.ts";
import type { ModelRecord } from "../../engine/model/model-record.ts";

export function demoAllocationRequest(
  record: ModelRecord,
  scenario: AllocatorRequest["scenario"] = "max_response",
): AllocatorRequest {
  const channels: AllocatorChannel[] = record.variables
    .filter((v) => v.spend_share !== null)
    .map((v) => ({
      name: v.rn,
      coef: record.coefficients[v.rn]!,
      alpha: record.hyperparameters[`${v.rn}_alphas`]!,
      inflexion: record.inflexion[v.rn]!,
      carryover: v.mean_carryover!,
      initialSpend: v.mean_spend_adstocked! - v.mean_carryover!,
    }));
  return {
    scenario,
    depVarType: "revenue",
    channels,
    ...(scenario === "max_response"
      ? { low: 0.7, up: channels.map((c) => (c.name === "tv_S" ? 1.2 : 1.5)) }
      : {}),
    periods: record.series.ds.length,
    intervalType: "week",
  };
}

export function demoAllocation(record: ModelRecord, scenario: AllocatorRequest["scenario"] = "max_response") {
  const request = demoAllocationRequest(record, scenario);
  return {
    request,
    result: allocateBudget(request),
    curves: Object.fromEntries(request.channels.map((c) => [c.name, c])),
  };
}
