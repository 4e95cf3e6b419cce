/**
 * Forward scenarios saved per model (issue "Decisions", item 3): a named plan is checked by computing its
 * answer before it is stored, so a stored plan always answers; reading one computes its answer again from the
 * run's outputs (which never change), and several read together can be set side by side.
 */
import type { ArtifactStore } from "../artifacts/port.ts";
import type { Actor, Run } from "../run.ts";
import type { RunStore, SavedScenario } from "../run-store/port.ts";
import { assertScenarioDraft, scenarioNotFound } from "../run-store/saved-scenario.ts";
import { scenarioForRun, type ScenarioReport, type ScenarioRequest } from "./model-scenario.ts";

export interface ScenarioWithReport {
  scenario: SavedScenario;
  report: ScenarioReport;
}

export async function saveModelScenario(
  stores: { runs: RunStore; artifacts: ArtifactStore },
  run: Run,
  draft: { solID: string; name: string; plan: ScenarioRequest["plan"]; by: Actor },
): Promise<ScenarioWithReport> {
  const full = { runId: run.id, ...draft };
  // The name first: a bad name should not cost a forecast.
  assertScenarioDraft(full);
  const report = await scenarioForRun(stores.artifacts, run, { solIDs: [draft.solID], plan: draft.plan });
  const scenario = await stores.runs.saveScenario(full);
  return { scenario, report };
}

export async function savedModelScenario(
  stores: { runs: RunStore; artifacts: ArtifactStore },
  run: Run,
  solID: string,
  name: string,
): Promise<ScenarioWithReport> {
  const scenario = await stores.runs.getScenario(run.id, solID, name);
  if (scenario === undefined) throw scenarioNotFound(run.id, solID, name);
  const report = await scenarioForRun(stores.artifacts, run, { solIDs: [solID], plan: scenario.plan });
  return { scenario, report };
}
