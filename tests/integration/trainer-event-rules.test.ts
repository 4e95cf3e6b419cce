/**
 * What a run's event token alone cannot do, through the real event routes: declare the run completed while
 * its outputs are not stored or out of sequence, or report shards of a run that is finished, not sharded,
 * or has no such shard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../core/run.ts";
import { viewerHarness, type Harness } from "../support/viewer-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness();
});
afterAll(async () => h.close());

const at = () => new Date().toISOString();
const completed = (seq: number) => ({ type: "completed", seq, at: at(), summary: {} });
const started = (seq: number) => ({ type: "started", seq, at: at() });

async function runningWithoutOutputs(overrides: Partial<Run> = {}): Promise<Run> {
  const run = await h.addRun({ status: "running", lastEventSeq: 1, ...overrides });
  await h.services.artifacts.delete(`${run.artifactPrefix}output/`);
  await h.services.artifacts.delete(`${run.artifactPrefix}status.json`);
  return run;
}

describe("completed events", () => {
  it("are refused while the run's outputs are not in the artifact store", async () => {
    const run = await runningWithoutOutputs();
    const answer = await h.postEvent(run.id, completed(2));
    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain("outputs");
    expect((await h.services.runs.getRun(run.id))!.status).toBe("running");
  });

  it("are refused when they do not follow the last event", async () => {
    const run = await h.addRun({ status: "running", lastEventSeq: 1 });
    expect((await h.postEvent(run.id, completed(50))).status).toBe(409);
    const after = (await h.services.runs.getRun(run.id))!;
    expect(after.status).toBe("running");
    expect(after.lastEventSeq).toBe(1);
  });

  it("complete the run when they follow the last event and the outputs are stored", async () => {
    const run = await h.addRun({ status: "running", lastEventSeq: 1 });
    expect((await h.postEvent(run.id, completed(2))).status).toBe(200);
    expect((await h.services.runs.getRun(run.id))!.status).toBe("succeeded");
  });
});

describe("shard events", () => {
  const sharded = { launcher: "child-process", id: "exec-1", tasks: 2, stage: "shards" as const };

  it("are refused for a run that is not sharded, or no longer in its shard stage", async () => {
    const plain = await runningWithoutOutputs({ execution: { launcher: "child-process", id: "exec-0" } });
    expect((await h.postEvent(plain.id, started(1), "0")).status).toBe(409);
    const merging = await runningWithoutOutputs({ execution: { ...sharded, stage: "merge" } });
    expect((await h.postEvent(merging.id, started(1), "0")).status).toBe(409);
  });

  it("are refused for a finished run", async () => {
    const done = await h.addRun({ status: "failed", execution: sharded });
    expect((await h.postEvent(done.id, started(1), "0")).status).toBe(409);
  });

  it("are refused for a shard the run does not have, and taken for one it has", async () => {
    const run = await runningWithoutOutputs({ status: "preparing", lastEventSeq: 0, execution: sharded });
    for (const index of ["2", "99999", "-1", "1e0", "0x1"])
      expect((await h.postEvent(run.id, started(1), index)).status, index).toBe(400);
    expect((await h.postEvent(run.id, started(1), "1")).status).toBe(200);
    expect((await h.services.runs.getRun(run.id))!.status).toBe("running");
  });
});
