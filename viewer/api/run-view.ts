/** A run as the REST API shows it: the stored run without internals (execution handle, Slack message). */
import type { Run } from "../../core/run.ts";
import type { RunViewData } from "./api-schemas.ts";

export function runView(run: Run, baseUrl: string, options: { spec?: boolean } = {}): RunViewData {
  return {
    id: run.id,
    ...(run.groupId !== undefined ? { groupId: run.groupId } : {}),
    country: run.country,
    status: run.status,
    ...(run.tag !== undefined ? { tag: run.tag } : {}),
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    ...(run.progress !== undefined ? { progress: run.progress } : {}),
    ...(run.failure !== undefined ? { failure: run.failure } : {}),
    ...(run.summary !== undefined ? { summary: run.summary } : {}),
    ...(options.spec ? { spec: run.spec as unknown as Record<string, unknown> } : {}),
    ...(run.spec.refresh ? { refreshOf: run.spec.refresh.of } : {}),
    viewerUrl: `${baseUrl}/runs/${encodeURIComponent(run.id)}`,
  };
}
