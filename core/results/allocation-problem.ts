/**
 * An allocator refusal in the words of the allocator's forms (the viewer's model page and the Slack modal): which
 * input it is about (the per-channel bound of one channel when it names one) and its message with Robyn's
 * argument names (`channel_constr_up`, `total_budget`, …) replaced by the inputs' names. The engine and the API
 * keep Robyn's names, which is what API users and Robyn users type.
 */
import { isMmmError } from "../../common/errors.ts";
import type { RunSpec } from "../run-spec.ts";
import { spendNameOf } from "./spend-name.ts";

export type AllocationInput = "model" | "scenario" | "budget" | "target" | "low" | "up" | "dateRange";

export interface AllocationProblem {
  input: AllocationInput;
  /** For a bound: the channel it is about, by its spend column (the name the forms show). */
  channel?: string;
  message: string;
}

/** The form's input for each of Robyn's arguments, and how the message calls it. */
const INPUTS: Record<string, { input: AllocationInput; words: string }> = {
  channel_constr_low: { input: "low", words: "the lowest spend" },
  channel_constr_up: { input: "up", words: "the highest spend" },
  total_budget: { input: "budget", words: "the total budget" },
  target_value: { input: "target", words: "the target" },
  date_range: { input: "dateRange", words: "the date range" },
  scenario: { input: "scenario", words: "the goal" },
  solID: { input: "model", words: "the model" },
};

/** The refusal as a form problem; undefined when the error is not about the request (then it is not shown inline). */
export function allocationProblem(
  error: unknown,
  spec: Pick<RunSpec, "paid_media_spends" | "paid_media_vars">,
): AllocationProblem | undefined {
  if (!isMmmError(error) || error.code !== "invalid_input") return undefined;
  const [argument = "", fieldChannel] = (error.field ?? "").split(".", 2);
  const target = INPUTS[argument];
  if (!target) return undefined;
  const named = fieldChannel ?? (error.context.channel as string | undefined);
  const channel = named === undefined ? undefined : spendNameOf(named, spec);
  let message = error.message;
  for (const [name, { words }] of Object.entries(INPUTS)) message = message.replaceAll(name, words);
  // "raise the highest spend (for example to 1.9)": the bounds are multiples of today's spend.
  message = message.replace(/(the (?:lowest|highest) spend \(for example to [\d.]+)\)/g, "$1× today's)");
  return { input: target.input, ...(channel ? { channel } : {}), message: capitalise(message) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
