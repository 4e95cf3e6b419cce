/**
 * The allocator's view of one model of a finished run: each paid channel's response curve from the run's output
 * files (coefficient, α, inflexion, mean carryover) and its spend per period today, the mean over a date range of
 * the run's snapshot. Shared by the one-model allocator and the cross-market budget split.
 */
import { resolveDateRange, type AllocatorChannel, type DateRange } from "../../engine/allocator/index.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput } from "../../common/errors.ts";
import type { Run } from "../run.ts";
import type { RunSpec } from "../run-spec.ts";
import { runModelInput } from "./run-model-input.ts";
import { numberOf, RunOutputs } from "./run-outputs.ts";

export interface ModelChannels {
  spec: RunSpec;
  /** The date range today's spend is the mean of. */
  dateRange: { from: string; to: string; periods: number };
  /** One period of the data ("week"). */
  intervalType: string;
  /** In the model's paid-media order, named by the modelled column (Robyn's `paid_media_selected`). */
  channels: AllocatorChannel[];
}

/** `dateRange` absent: the run's allocator setting, else the whole window (Robyn's default). */
export async function modelChannels(
  artifacts: ArtifactStore,
  run: Run,
  solID: string,
  dateRange?: DateRange,
): Promise<ModelChannels> {
  const outputs = new RunOutputs(artifacts, run);
  const model = await outputs.model(solID);
  const variables = await outputs.modelVariables(solID);
  const { spec, input } = await runModelInput(artifacts, run);
  const windowDates = input.dates.slice(input.window.start, input.window.end + 1);
  const range = resolveDateRange(dateRange ?? spec.allocator?.date_range ?? "all", windowDates);
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
  return {
    spec,
    dateRange: { from: range.dateMin, to: range.dateMax, periods: range.periods },
    intervalType: input.interval.type,
    channels,
  };
}
