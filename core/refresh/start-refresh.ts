/**
 * Refresh through the app (`POST /api/runs/:id/refresh`, the "Refresh with new data" buttons): the parent
 * run's own data source (table or SQL, same mapping and preparation) is read again as it is now, the refresh
 * spec is derived from the parent's model, and the refresh run starts like any run (checked, snapshotted,
 * queued). Its spec carries `refresh.of`, so the run store keeps the lineage with the run.
 */
import { invalidInput } from "../../common/errors.ts";
import type { RefreshOptions } from "../../engine/refresh/refresh-spec.ts";
import type { ArtifactStore } from "../artifacts/port.ts";
import type { RunLifecycle, StartedRuns } from "../lifecycle/run-lifecycle.ts";
import type { Actor, Run } from "../run.ts";
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
  const started = await services.lifecycle.start({ spec, actor, tag: "refresh" });
  return { ...started, warnings };
}

function bestModelOf(parent: Run): string {
  const best = (parent.summary as { best_model?: { model_id?: unknown } } | undefined)?.best_model?.model_id;
  if (typeof best !== "string")
    throw invalidInput("model", `Run ${parent.id} has no best model on record: name the model to refresh.`);
  return best;
}
