/**
 * The spec of a run that refreshes a finished run's model with new data (the CLI's `mmm refresh` and the
 * app's `POST /api/runs/:id/refresh`): the parent's spec, data snapshot and outputs are read from its
 * artifacts, both tables are prepared with the parent's rules, and the engine derives the refresh settings.
 * The result is validated as any RunSpec, so nothing is launched on a spec the trainer would refuse.
 *
 * A run trained with the robyn engine is refreshed with the robyn engine: the R trainer hands Robyn's own
 * `robyn_refresh` the parent model's Robyn JSON (`startRefresh` writes it) with the steps, iterations,
 * trials and bounds freedom derived here, which Robyn 3.12.1 takes as arguments; Robyn moves the window and
 * narrows the bounds by the same formulas (method notes §5.9), so the spec shows what Robyn will do.
 */
import type { Table } from "../../common/table.ts";
import { MmmError, invalidInput } from "../../common/errors.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import { parseCsv } from "../../engine/data/csv.ts";
import { prepareForTraining } from "../../engine/data/prepare-for-training.ts";
import { buildModelInput } from "../../engine/model-input/model-input.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import {
  deriveRefreshSettings,
  REFRESH_DEFAULTS,
  type RefreshOptions,
} from "../../engine/refresh/refresh-spec.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { derivedChannelIntervals } from "../results/derived-recommendation.ts";
import { RunOutputs } from "../results/run-outputs.ts";
import type { Run } from "../run.ts";
import { parseRunSpec, type RunSpec } from "../run-spec.ts";

export async function refreshRunSpec(
  artifacts: ArtifactStore,
  parent: Run,
  solID: string,
  data: Table,
  options: Partial<RefreshOptions> = {},
): Promise<{ spec: RunSpec; warnings: string[] }> {
  if (parent.status !== "succeeded")
    throw new MmmError(
      "conflict",
      `Run ${parent.id} is ${parent.status}: only a finished run's model can be refreshed.`,
      {
        context: { field: "runId" },
      },
    );
  const outputs = new RunOutputs(artifacts, parent);
  const [parameters, variables, paretoModels, aggregated] = await Promise.all([
    outputs.model(solID),
    outputs.modelVariables(solID),
    outputs.paretoModels(),
    outputs.aggregated(),
  ]);
  const specText = await artifacts.getText(`${parent.artifactPrefix}${RUN_FILES.spec}`);
  const inputText = await artifacts.getText(`${parent.artifactPrefix}${RUN_FILES.input}`);
  if (!specText || !inputText)
    throw invalidInput(
      "runId",
      `Run ${parent.id} has no spec.json or input.csv, so its model cannot be refreshed.`,
    );
  const settings = parseRunSpec(JSON.parse(specText));
  const raw = parseCsv(inputText, "The run's input.csv");
  const parentTable = prepareForTraining(raw, settings)?.table ?? raw;
  const table = prepareForTraining(data, settings)?.table ?? data;
  // The parent model's own per-channel intervals (the recommendation's rule, whose coverage of the truth is
  // measured), not its cluster's bootstrap interval, which covered the truth far less often.
  const intervals = new Map<string, { low: number; up: number }>();
  const conversion = settings.dep_var_type === "conversion";
  for (const channel of derivedChannelIntervals(paretoModels, aggregated, settings, solID) ?? []) {
    const low = conversion ? channel.cpa_low : channel.roi_low;
    const up = conversion ? channel.cpa_high : channel.roi_high;
    if (typeof low === "number" && typeof up === "number") intervals.set(channel.channel, { low, up });
  }
  const { settings: refreshed, warnings } = deriveRefreshSettings(
    {
      run: parent.id,
      settings,
      input: buildModelInput(parentTable, settings, nativeProphet),
      table: parentTable,
      model: { solID, parameters, variables, intervals },
    },
    table,
    {
      steps: options.steps ?? REFRESH_DEFAULTS.steps,
      iterations: options.iterations ?? REFRESH_DEFAULTS.iterations,
      trials: options.trials ?? REFRESH_DEFAULTS.trials,
      ...(options.boundsFreedom === undefined ? {} : { boundsFreedom: options.boundsFreedom }),
    },
  );
  return { spec: parseRunSpec(refreshed), warnings };
}
