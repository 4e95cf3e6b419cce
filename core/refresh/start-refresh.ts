/**
 * Refresh through the app (`POST /api/runs/:id/refresh`, the "Refresh with new data" buttons): the parent
 * run's own data source (table or SQL, same mapping and preparation) is read again as it is now, the refresh
 * spec is derived from the parent's model, and the refresh run starts like any run (checked, snapshotted,
 * queued). Its spec carries `refresh.of`, so the run store keeps the lineage with the run. A robyn-engine
 * parent is refreshed by the Robyn trainer with Robyn's own `robyn_refresh`, which reads the parent model as
 * Robyn's JSON: written into the new run's folder (`RUN_FILES.refreshParentModel`) before it is queued.
 */
import { invalidInput } from "../../common/errors.ts";
import { RUN_FILES } from "../../common/run-folder.ts";
import type { RefreshOptions } from "../../engine/refresh/refresh-spec.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { RunLifecycle, StartedRuns } from "../lifecycle/run-lifecycle.ts";
import type { Actor, Run } from "../run.ts";
import type { RunSpec } from "../run-spec.ts";
import { robynModelJson } from "../results/robyn-model-export.ts";
import { refreshRunSpec } from "./refresh-run-spec.ts";

export interface RefreshRequest extends Partial<RefreshOptions> {
  /** The parent's model to refresh (a solID); default its best model. */
  model?: string | undefined;
}

export async function startRefresh(
  services: { lifecycle: RunLifecycle; artifacts: ArtifactStore },
  parent: Run,
  request: RefreshRequest,
  actor: Actor,
): Promise<StartedRuns & { warnings: string[] }> {
  if (!parent.spec.data || "file" in parent.spec.data)
    throw invalidInput(
      "runId",
      `Run ${parent.id} was trained from a file, not a warehouse table or query, so the app cannot read its new data: ` +
        `refresh it with mmm refresh --run … --data FILE.csv.`,
    );
  const model = request.model ?? bestModelOf(parent);
  // The parent's source and mapping, read as it is today (all checks of a new run apply).
  const [checked] = await services.lifecycle.check({ spec: parent.spec, actor });
  const { spec, warnings } = await refreshRunSpec(services.artifacts, parent, model, checked!.table, request);
  if (spec.engine !== "robyn") {
    const started = await services.lifecycle.start({ spec, actor, tag: "refresh" });
    return { ...started, warnings };
  }
  const parentModel = await robynModelJson(services.artifacts, parent, model);
  const started = await services.lifecycle.start({
    spec,
    actor,
    tag: "refresh",
    files: { [RUN_FILES.refreshParentModel]: parentModel },
  });
  return { ...started, warnings: [...warnings, ...robynRefreshNotes(spec)] };
}

function bestModelOf(parent: Run): string {
  const best = (parent.summary as { best_model?: { model_id?: unknown } } | undefined)?.best_model?.model_id;
  if (typeof best !== "string")
    throw invalidInput("model", `Run ${parent.id} has no best model on record: name the model to refresh.`);
  return best;
}

/** What Robyn's `robyn_refresh` does differently from the native refresh, said before it runs. */
function robynRefreshNotes(spec: RunSpec): string[] {
  if (!spec.refresh || spec.refresh.restated.length === 0) return [];
  return [
    "Robyn's robyn_refresh re-fits the parent model on the restated history before refreshing, so its " +
      "DECOMP.RSSD compares with that re-fit, not with the parent's decomposition as trained.",
  ];
}
