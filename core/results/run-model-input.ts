/**
 * A finished run's data as the model saw it: its spec and `input.csv` snapshot prepared again with the same
 * rules (for the allocator's spends and the response queries' series).
 */
import { parseCsv } from "../../engine/prepare/csv.ts";
import { buildModelInput, type ModelInput } from "../../engine/prepare/model-input.ts";
import { nativeProphet } from "../../engine/prepare/native-prophet.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import { invalidInput } from "../errors.ts";
import type { Run } from "../run.ts";
import { parseRunSpec, type RunSpec } from "../run-spec.ts";

export async function runModelInput(
  artifacts: ArtifactStore,
  run: Run,
): Promise<{ spec: RunSpec; input: ModelInput }> {
  const specText = await artifacts.getText(`${run.artifactPrefix}spec.json`);
  const inputText = await artifacts.getText(`${run.artifactPrefix}input.csv`);
  if (!specText || !inputText)
    throw invalidInput("runId", `Run ${run.id} has no spec.json or input.csv, so its data are unknown.`);
  const spec = parseRunSpec(JSON.parse(specText));
  return { spec, input: buildModelInput(parseCsv(inputText, "The run's input.csv"), spec, nativeProphet) };
}
