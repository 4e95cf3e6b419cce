/**
 * The known-truth twin as a job of the app (`core/results/twin-jobs.ts`), through the viewer's routes and
 * the REST API on the real services: the model page's button (a CSRF-checked form, full access only)
 * starts it, the API starts and reads it, a second start while it runs answers the running job, the report
 * is the one `mmm twin` computes with the same settings, and a job gone silent reads as failed and can be
 * started again. Unknown models and twins never started are 404s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twinStateFile } from "../../common/run-folder.ts";
import { modelTwin } from "../../core/results/model-twin.ts";
import { STALE_MS, type TwinJobState } from "../../core/results/twin-jobs.ts";
import { REMOTE, START, viewerHarness, type Harness } from "../support/viewer-harness.ts";

const TOKEN = "twin-job-test-token-0123456789abcdef";
let h: Harness;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
});
afterAll(async () => h.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data differs per answer
type ApiBody = { status: string; message: string; data: any };

async function api(path: string, method = "GET", body?: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await h.request(`/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

async function finished(runId: string, solID: string): Promise<TwinJobState> {
  for (let i = 0; i < 600; i++) {
    const { body } = await api(`/runs/${runId}/models/${solID}/twin`);
    if (body.data.status !== "running") return body.data as TwinJobState;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the twin did not finish in 150 s");
}

describe("the known-truth twin as a job", () => {
  it("starts over the API, answers a second start with the running job, and reports what mmm twin does", async () => {
    const path = `/runs/${h.run.id}/models/${h.solID}/twin`;
    expect((await api(path)).status).toBe(404);
    const settings = { iterations: 150, trials: 2, seed: 3 };
    const started = await api(path, "POST", settings);
    expect(started.status).toBe(202);
    expect(started.body.data).toMatchObject({
      status: "running",
      model: h.solID,
      iterations: 150,
      trials: 2,
    });
    const again = await api(path, "POST", {});
    expect(again.status).toBe(200);
    expect(again.body.message).toMatch(/already running/);
    expect(again.body.data.startedAt).toBe(started.body.data.startedAt);

    const done = await finished(h.run.id, h.solID);
    expect(done.status, done.error ?? "").toBe("succeeded");
    const direct = await modelTwin(h.services.artifacts, h.run, h.solID, { workers: 1, ...settings });
    expect(done.report).toEqual(direct);
    expect(done.report!.channels).toHaveLength(5);

    expect((await api(path, "POST", { trials: 0 })).status).toBe(422);
    expect((await api(`/runs/${h.run.id}/models/9_9_9/twin`, "POST", {})).status).toBe(404);
  }, 300_000);

  it("starts from the model page's button with the session's token, for full access only", async () => {
    const run = await h.addRun();
    const model = await (await h.request(`/runs/${run.id}/models/${h.solID}`)).text();
    expect(model).toContain(`action="/runs/${run.id}/models/${h.solID}/twin"`);
    expect(model).toContain("Run the known-truth twin");

    const noToken = await h.postForm(`/runs/${run.id}/models/${h.solID}/twin`, {}, { csrf: null });
    expect(noToken.status).toBe(403);
    const otherSite = await h.postForm(
      `/runs/${run.id}/models/${h.solID}/twin`,
      {},
      { origin: "https://evil.example" },
    );
    expect(otherSite.status).toBe(403);
    // Local mode without sign-in: only the person at this machine has full access.
    const remote = await h.postForm(`/runs/${run.id}/models/${h.solID}/twin`, {}, { remote: REMOTE });
    expect(remote.status).toBeGreaterThanOrEqual(400);
    expect(
      await h.services.artifacts.getText(`${run.artifactPrefix}${twinStateFile(h.solID)}`),
    ).toBeUndefined();

    const posted = await h.postForm(`/runs/${run.id}/models/${h.solID}/twin`, {});
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/runs/${run.id}/models/${h.solID}/twin`);
    const page = await (await h.request(posted.headers.get("location")!)).text();
    expect(page).toMatch(/Training the twin|Recovery per channel/);

    const done = await finished(run.id, h.solID);
    expect(done.status, done.error ?? "").toBe("succeeded");
    const result = await (await h.request(`/runs/${run.id}/models/${h.solID}/twin`)).text();
    const rows = [...result.matchAll(/<tr data-channel="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(done.report!.channels.map((c) => c.channel));
    expect(result).toContain(done.report!.summary[0]!.replace(/'/g, "&#39;"));
    const status = (await (await h.request(`/runs/${run.id}/models/${h.solID}/twin/status.json`)).json()) as {
      status: string;
    };
    expect(status.status).toBe("succeeded");
    expect(await (await h.request(`/runs/${run.id}/models/${h.solID}`)).text()).toContain(
      "Run the twin again",
    );
  }, 300_000);

  it("reads a job gone silent as failed, and starts it again", async () => {
    const run = await h.addRun();
    const old = new Date(Date.parse(START) - STALE_MS - 1000).toISOString();
    const lost: TwinJobState = {
      run: run.id,
      model: h.solID,
      status: "running",
      by: { kind: "local", id: "someone" },
      startedAt: old,
      updatedAt: old,
      finishedAt: null,
      iterations: 150,
      trials: 2,
      progress: { phase: "searching", done: 40, total: 300 },
      report: null,
      error: null,
    };
    await h.services.artifacts.put(
      `${run.artifactPrefix}${twinStateFile(h.solID)}`,
      JSON.stringify(lost),
      "application/json",
    );
    const read = await api(`/runs/${run.id}/models/${h.solID}/twin`);
    expect(read.body.data).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/start it again/),
    });
    const restarted = await api(`/runs/${run.id}/models/${h.solID}/twin`, "POST", {
      iterations: 150,
      trials: 2,
    });
    expect(restarted.status).toBe(202);
    const done = await finished(run.id, h.solID);
    expect(done.status, done.error ?? "").toBe("succeeded");
    expect(done).toMatchObject({ iterations: 150, trials: 2, error: null });
  }, 300_000);
});
