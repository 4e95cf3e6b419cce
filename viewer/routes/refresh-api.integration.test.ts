/**
 * `POST /api/runs/:id/refresh` through the real app: the parent's own data source is read again, the refresh
 * run is checked, snapshotted and queued with its lineage, and bad requests are refused naming why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_FILES } from "../../common/run-folder.ts";
import type { RunSpec } from "../../core/run-spec.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-refresh-tests-0123456789";
let h: Harness;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
});
afterAll(async () => h.close());

async function refresh(id: string, body: unknown) {
  const response = await h.request(`/api/runs/${id}/refresh`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data: {
        runs: { id: string; status: string; refreshOf?: unknown }[];
        warnings: string[];
        field?: string;
      };
      message: string;
    },
  };
}

describe("POST /api/runs/:id/refresh", () => {
  it("queues a refresh of the run's model on its data source read again, with the lineage stored", async () => {
    const { status, body } = await refresh(h.run.id, { steps: 4, iterations: 60, trials: 2 });
    expect(status, body.message).toBe(202);
    const [child] = body.data.runs;
    expect(child!.refreshOf).toEqual({ run: h.run.id, model: h.solID });
    // The demo table runs 45 weeks past the parent's window: Robyn's "more than half new" rule does not fire.
    expect(body.data.warnings).toEqual([]);

    const stored = (await h.services.runs.getRun(child!.id))!;
    expect(stored.tag).toBe("refresh");
    const parent = h.run.spec;
    expect(stored.spec.refresh).toMatchObject({ of: { run: h.run.id, model: h.solID }, steps: 4 });
    expect(stored.spec.window_start).toBe("2016-02-01");
    expect(stored.spec.window_end).toBe("2019-01-28");
    expect(stored.spec.data).toEqual(parent.data);
    expect(stored.spec).toMatchObject({ iterations: 60, trials: 2, objective_weights: [0, 1] });
    const snapshot = await h.services.artifacts.getText(`${stored.artifactPrefix}${RUN_FILES.input}`);
    expect(snapshot!.trimEnd().split("\n")).toHaveLength(209);
    const spec = JSON.parse(
      (await h.services.artifacts.getText(`${stored.artifactPrefix}${RUN_FILES.spec}`))!,
    ) as RunSpec;
    expect(spec.refresh!.parent.decomposition["(Intercept)"]).toEqual(expect.any(Number));
    await h.services.lifecycle.cancel(child!.id, { kind: "system", id: "test" });
  });

  it("narrows the bounds by a given bounds freedom instead of steps / window length", async () => {
    const { status, body } = await refresh(h.run.id, { boundsFreedom: 0.1, iterations: 60, trials: 2 });
    expect(status, body.message).toBe(202);
    const stored = (await h.services.runs.getRun(body.data.runs[0]!.id))!;
    expect(stored.spec.refresh!.freedom).toBe(0.1);
    await h.services.lifecycle.cancel(stored.id, { kind: "system", id: "test" });
  });

  it("refuses too many steps, an unknown model and a run that has not succeeded", async () => {
    const tooMany = await refresh(h.run.id, { steps: 500 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.data.field).toBe("steps");
    expect(tooMany.body.message).toMatch(/completely new/);
    const unknown = await refresh(h.run.id, { model: "9_9_9" });
    expect(unknown.status).toBe(404);
    const running = await h.addRun({ status: "running" });
    expect((await refresh(running.id, {})).status).toBe(409);
    const tooFree = await refresh(h.run.id, { boundsFreedom: 2 });
    expect(tooFree.status).toBe(422);
    expect(tooFree.body.data.field).toBe("boundsFreedom");
    // A robyn-engine run is refreshed by the Robyn trainer, which this machine does not have.
    const robyn = await h.addRun({ spec: { ...h.run.spec, engine: "robyn" } });
    const noRobyn = await refresh(robyn.id, {});
    expect(noRobyn.status).toBe(422);
    expect(noRobyn.body.data.field).toBe("engine");
    expect(noRobyn.body.message).toMatch(/The robyn engine is not available here/);
    const notANumber = await refresh(h.run.id, { steps: "four" });
    expect(notANumber.status).toBe(422);
    expect(notANumber.body.data.field).toBe("steps");
  });
});
