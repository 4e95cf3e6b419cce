/** The allocate body (Robyn's argument names) as `allocateForModel` takes it. */
import type { z } from "zod";
import type { ModelAllocationRequest } from "../../core/results/model-allocation.ts";
import type { AllocateBody } from "./allocate-schemas.ts";

export function allocationRequestFromBody(body: z.output<typeof AllocateBody>): ModelAllocationRequest {
  const optional = <K extends keyof ModelAllocationRequest>(key: K, value: ModelAllocationRequest[K]) =>
    value === undefined ? {} : { [key]: value };
  return {
    ...optional("scenario", body.scenario),
    ...optional("totalBudget", body.total_budget),
    ...optional("targetValue", body.target_value),
    ...optional("low", body.channel_constr_low),
    ...optional("up", body.channel_constr_up),
    ...optional("multiplier", body.channel_constr_multiplier),
    ...optional("dateRange", body.date_range),
  };
}
