/**
 * Refreshing a robyn-engine run through the app: the refresh stays on the robyn engine (Robyn's own
 * `robyn_refresh` in the R trainer), and the parent model goes into the new run's folder as Robyn's JSON
 * before the run is queued. Robyn is not installed here, so the launcher's robyn check is stepped around:
 * the parent's data source is read as for a native run, and the start request is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_FILES } from "../../common/run-folder.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";
import type { RunLifecycle, RunRequest } from "../lifecycle/run-lifecycle.ts";
import type { Run } from "../run.ts";
import { startRefresh } from "./start-refresh.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const actor = { kind: "system", id: "test" } as const;

/** A succeeded run of the robyn engine: the harness's run folder, its spec saying robyn. */
async function robynParent(): Promise<Run> {
  const spec = { ...h.run.spec, engine: "robyn" as const };
  const run = await h.addRun({ spec });
  await h.services.artifacts.put(
    `${run.artifactPrefix}${RUN_FILES.spec}`,
    JSON.stringify(spec),
    "application/json",
  );
  return run;
}

function recordingLifecycle(started: RunRequest[]): RunLifecycle {
  return {
    check: (request: RunRequest) =>
      h.services.lifecycle.check({ ...request, spec: { ...request.spec, engine: "native" } }),
    start: async (request: RunRequest) => {
      started.push(request);
      return { groupId: "g-test", runs: [{ id: "run-refresh" } as Run], repeated: false };
    },
  } as unknown as RunLifecycle;
}

describe("startRefresh of a robyn-engine run", () => {
  it("starts a robyn refresh with the parent model's Robyn JSON beside its spec", async () => {
    const parent = await robynParent();
    const started: RunRequest[] = [];
    await startRefresh(
      { lifecycle: recordingLifecycle(started), artifacts: h.services.artifacts },
      parent,
      { model: h.solID, steps: 4, iterations: 60, trials: 2, boundsFreedom: 0.05 },
      actor,
    );
    const [request] = started;
    expect(request!.spec).toMatchObject({
      engine: "robyn",
      iterations: 60,
      trials: 2,
      window_start: "2016-02-01",
      window_end: "2019-01-28",
      refresh: { of: { run: parent.id, model: h.solID }, steps: 4, freedom: 0.05 },
    });
    const json = JSON.parse(request!.files![RUN_FILES.refreshParentModel]!) as {
      ExportedModel: { select_model: unknown; hyper_values: Record<string, unknown> };
      InputCollect: { window_start: unknown; window_end: unknown };
    };
    // robyn_write's format: the model Robyn recreates, on the parent's own window.
    expect(json.ExportedModel.select_model).toEqual([h.solID]);
    expect(json.InputCollect.window_start).toEqual(["2016-01-04"]);
    expect(Object.keys(json.ExportedModel.hyper_values)).toContain("tv_S_thetas");
  });

  it("writes the files of a start request into the run's folder before it is queued", async () => {
    const { runs } = await h.services.lifecycle.start({
      spec: { ...h.run.spec, iterations: 60, trials: 2 },
      actor,
      files: { [RUN_FILES.refreshParentModel]: '{"ExportedModel":{}}' },
    });
    const text = await h.services.artifacts.getText(
      `${runs[0]!.artifactPrefix}${RUN_FILES.refreshParentModel}`,
    );
    expect(text).toBe('{"ExportedModel":{}}');
    await h.services.lifecycle.cancel(runs[0]!.id, actor);
  });
});
