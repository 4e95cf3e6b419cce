/**
 * A finished run's data as the model saw it: its spec and `input.csv` snapshot prepared again with the same
 * rules (for the allocator's spends and the response queries' series).
 */
import { parseCsv } from "../../engine/data/csv.ts";
import { buildModelInput, type ModelInput } from "../../engine/model-input/model-input.ts";
import { nativeProphet } from "../../engine/prophet/native-prophet.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput } from "../../common/errors.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import type { Run } from "../run.ts";
import { parseRunSpec, type RunSpec } from "../run-spec.ts";

export async function runModelInput(
  artifacts: ArtifactStore,
  run: Run,
): Promise<{ spec: RunSpec; input: ModelInput }> {
  const specText = await artifacts.getText(`${run.artifactPrefix}${RUN_FILES.spec}`);
  const inputText = await artifacts.getText(`${run.artifactPrefix}${RUN_FILES.input}`);
  if (!specText || !inputText)
    throw invalidInput("runId", `Run ${run.id} has no spec.json or input.csv, so its data are unknown.`);
  const spec = parseRunSpec(JSON.parse(specText));
  return { spec, input: buildModelInput(parseCsv(inputText, "The run's input.csv"), spec, nativeProphet) };
}
