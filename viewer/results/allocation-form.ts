/**
 * The model page's allocator form: its fields as `allocateForModel` takes them, and what the page shows again
 * when the allocator refuses (the values as typed and the problem under its input, in the form's words).
 *
 * Fields: `scenario`, `budget`, `target`, `dateRange`, the bounds for every channel `low` / `up`, and per channel
 * `low:<spend column>` / `up:<spend column>`, which win over the shared ones.
 */
import { invalidInput } from "../../common/errors.ts";
import { formBounds, type ChannelBoundsInput } from "../../core/results/channel-bounds.ts";
import type { ModelAllocationRequest } from "../../core/results/model-allocation.ts";
import type { AllocationProblem } from "../../core/results/allocation-problem.ts";

export interface AllocationFormState {
  /** The fields as typed, by name. */
  readonly values: Readonly<Record<string, string>>;
  readonly problem?: AllocationProblem;
}

/** The form's values as text (file inputs and repeated fields are ignored). */
export function formValues(form: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) if (typeof value === "string") values[key] = value.trim();
  return values;
}

/** The request; a field that is not a number is refused with the argument it feeds (see `allocation-problem.ts`). */
export function allocationFormRequest(
  values: Readonly<Record<string, string>>,
  channels: readonly string[],
): ModelAllocationRequest {
  const number = (key: string, argument: string, what: string): number | undefined => {
    const text = values[key] ?? "";
    if (text === "") return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0)
      throw invalidInput(argument, `${what} must be a number of at least 0, not ${text}.`);
    return value;
  };
  const bounds = (side: "low" | "up"): ChannelBoundsInput | undefined => {
    const argument = side === "low" ? "channel_constr_low" : "channel_constr_up";
    const word = side === "low" ? "The lowest spend" : "The highest spend";
    const shared = number(side, argument, word);
    const own = Object.fromEntries(
      channels.flatMap((channel) => {
        const value = number(`${side}:${channel}`, `${argument}.${channel}`, `${word} of ${channel}`);
        return value === undefined ? [] : [[channel, value] as const];
      }),
    );
    return formBounds(shared, own, channels);
  };
  const scenario = values.scenario === "target_efficiency" ? "target_efficiency" : "max_response";
  const budget = number("budget", "total_budget", "The total budget");
  const target = number("target", "target_value", "The target");
  const low = bounds("low");
  const up = bounds("up");
  const range = values.dateRange ?? "";
  return {
    scenario,
    ...(budget !== undefined ? { totalBudget: budget } : {}),
    ...(target !== undefined && scenario === "target_efficiency" ? { targetValue: target } : {}),
    ...(low !== undefined ? { low } : {}),
    ...(up !== undefined ? { up } : {}),
    ...(range ? { dateRange: range.includes(":") ? (range.split(":", 2) as [string, string]) : range } : {}),
  };
}
