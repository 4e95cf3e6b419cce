import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { demoSpec } from "../../tests/support/trained-run.ts";
import { REMOTE, viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-api-tests-0123456789";

interface Envelope<T = Record<string, unknown>> {
  status: "success" | "error";
  timestamp: string;
  data: T;
  message: string | null;
}

let h: Harness;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: `${TOKEN}, second-token-abcdefghijklmnopqrstuv` });
});
afterAll(async () => h.close());

const auth = { authorization: `Bearer ${TOKEN}` };

async function api<T = Record<string, unknown>>(
  path: string,
  init: RequestInit & { remote?: string } = {},
): Promise<{ status: number; body: Envelope<T> }> {
  const response = await h.request(`/api${path}`, {
    ...init,
    headers: {
      ...auth,
      ...(init.method === "POST" ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  expect(response.headers.get("content-type")).toContain("application/json");
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

function quickSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...demoSpec(20, 1), data: { table: DEMO_TABLE }, ...overrides };
}

describe("REST API authentication", () => {
  it("refuses a call without a token even on loopback once tokens are configured, and a wrong token", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token" },
      { authorization: "Basic abc" },
    ];
    for (const headers of attempts) {
      const response = await h.request("/api/runs", { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      const body = (await response.json()) as Envelope;
      expect(body).toMatchObject({ status: "error", data: { code: "unauthorized", field: "authorization" } });
    }
  });

  it("accepts every token of MMM_API_TOKENS, from any address", async () => {
    expect((await api("/runs", { remote: REMOTE })).status).toBe(200);
    const second = await h.request("/api/runs", {
      headers: { authorization: "Bearer second-token-abcdefghijklmnopqrstuv" },
      remote: REMOTE,
    });
    expect(second.status).toBe(200);
  });

  it("accepts a token issued by an admin until it is revoked", async () => {
    const issued = await h.postForm("/admin/tokens", { label: "Looker export" });
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const token = /value="(mmm_[\w-]+)"/.exec(await issued.text())![1]!;
    const stored = (await h.services.runs.listApiTokens())[0]!;
    expect(stored).toMatchObject({ label: "Looker export", by: { id: "local" } });
    expect(stored.hash).not.toContain(token);
    const ok = await h.request("/api/runs", {
      headers: { authorization: `Bearer ${token}` },
      remote: REMOTE,
    });
    expect(ok.status).toBe(200);
    expect((await h.postForm(`/admin/tokens/${stored.id}/revoke`, {})).status).toBe(303);
    const refused = await h.request("/api/runs", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Envelope).message).toContain("revoked");
  });

  it("serves the OpenAPI document without a token", async () => {
    const response = await h.request("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});

describe("GET /api/runs", () => {
  it("lists runs in the envelope, newest first, with filters", async () => {
    const { status, body } = await api<{
      runs: { id: string; viewerUrl: string }[];
      nextCursor: string | null;
    }>("/runs?country=de&status=succeeded,failed&limit=10");
    expect(status).toBe(200);
    expect(body.status).toBe("success");
    expect(Date.parse(body.timestamp)).toBeGreaterThan(0);
    expect(body.message).toBeNull();
    expect(body.data.runs.map((r) => r.id)).toContain(h.run.id);
    expect(body.data.runs[0]!.viewerUrl).toMatch(/^http:\/\/localhost\/runs\//);
  });

  it("names the query parameter that is not valid (400)", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["status=done", "status"],
      ["country=-DE", "country"],
      ["since=yesterday", "since"],
      ["cursor=garbage", "cursor"],
    ]) {
      const { status, body } = await api(`/runs?${query}`);
      expect(status, query).toBe(400);
      expect(body.data.field, query).toBe(field);
      expect(body.message, query).toContain(field);
    }
  });
});

describe("GET /api/runs/:id and its models", () => {
  it("answers a run with its status, progress, summary and spec", async () => {
    const { status, body } = await api<{
      id: string;
      status: string;
      summary: { best_model: unknown };
      spec: { country: string };
    }>(`/runs/${h.run.id}`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id: h.run.id, status: "succeeded", spec: { country: "DE" } });
    expect(body.data.summary.best_model).toBeDefined();
  });

  it("answers 404 for an unknown run", async () => {
    for (const path of ["/runs/20261126T000000Z-de-000000", "/runs/nope/models", "/runs/nope/cancel"]) {
      const { status, body } = await api(path, path.endsWith("cancel") ? { method: "POST" } : {});
      expect(status, path).toBe(404);
      expect(body).toMatchObject({ status: "error", data: { code: "not_found", field: "id" } });
    }
  });

  it("lists the Pareto models of a succeeded run, and 409 before it has succeeded", async () => {
    const { body } = await api<{
      bestModel: string;
      recommended: { model_id: string; channels: { channel: string; roi_low: number; roi_high: number }[] };
      models: { model_id: string; viewerUrl: string }[];
    }>(`/runs/${h.run.id}/models`);
    expect(body.data.bestModel).toBe(h.solID);
    expect(body.data.models.map((m) => m.model_id)).toContain(body.data.recommended.model_id);
    expect(body.data.recommended.channels.length).toBeGreaterThan(0);
    for (const c of body.data.recommended.channels) expect(c.roi_low).toBeLessThanOrEqual(c.roi_high);
    expect(body.data.models.map((m) => m.model_id)).toContain(h.solID);
    const running = await h.addRun({ status: "running" });
    const { status, body: refused } = await api(`/runs/${running.id}/models`);
    expect(status).toBe(409);
    expect(refused.message).toContain("is running");
  });
});

describe("POST /api/runs and cancel", () => {
  it("refuses a body that is not JSON (400) and a spec that is not valid, naming the field (422)", async () => {
    const notJson = await api("/runs", {
      method: "POST",
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.data.field).toBe("body");
    const { dep_var: _goal, ...noGoal } = quickSpec();
    const missing = await api("/runs", {
      method: "POST",
      body: JSON.stringify(noGoal),
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.data.field).toBe("dep_var");
    const badCountries = await api("/runs", {
      method: "POST",
      body: JSON.stringify({ ...quickSpec(), countries: ["Germany"] }),
      headers: { "content-type": "application/json" },
    });
    expect(badCountries.status).toBe(422);
    expect(badCountries.body.data.field).toBe("countries[0]");
    const badKey = await api("/runs", {
      method: "POST",
      body: JSON.stringify(quickSpec()),
      headers: { "content-type": "application/json", "idempotency-key": "é" },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.data.field).toBe("Idempotency-Key");
  });

  it("refuses a misspelled spec key, naming it with the field meant, and starts nothing", async () => {
    const before = await api<{ runs: unknown[] }>("/runs");
    const typo = await api("/runs", {
      method: "POST",
      body: JSON.stringify({ ...quickSpec(), organic_var: ["newsletter"] }),
      headers: { "content-type": "application/json" },
    });
    expect(typo.status).toBe(422);
    expect(typo.body.data.field).toBe("organic_var");
    expect(typo.body.message).toContain('organic_var is not a spec field: did you mean "organic_vars"?');
    const after = await api<{ runs: unknown[] }>("/runs");
    expect(after.body.data.runs).toHaveLength(before.body.data.runs.length);
  });

  it("starts a run through the lifecycle, repeats nothing for the same Idempotency-Key, and cancels it", async () => {
    const init = {
      method: "POST",
      body: JSON.stringify(quickSpec({ iterations: 50_000, trials: 5 })),
      headers: { "content-type": "application/json", "idempotency-key": "order-42" },
    };
    const first = await api<{
      groupId: string;
      repeated: boolean;
      runs: { id: string; status: string; createdBy: { kind: string } }[];
    }>("/runs", init);
    expect(first.status).toBe(202);
    expect(first.body.data.repeated).toBe(false);
    expect(first.body.data.runs).toHaveLength(1);
    expect(first.body.data.runs[0]!.createdBy.kind).toBe("api");
    const again = await api<{ groupId: string; repeated: boolean; runs: { id: string }[] }>("/runs", init);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ groupId: first.body.data.groupId, repeated: true });
    expect(again.body.data.runs.map((r) => r.id)).toEqual([first.body.data.runs[0]!.id]);
    const id = first.body.data.runs[0]!.id;
    const cancelled = await api<{ status: string }>(`/runs/${id}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe("cancelled");
    const twice = await api(`/runs/${id}/cancel`, { method: "POST" });
    expect(twice.status).toBe(409);
    expect(twice.body.data.code).toBe("conflict");
  });

  it("starts from a saved mapping with overrides, and names the mapping when none is saved", async () => {
    const none = await api("/runs", {
      method: "POST",
      body: JSON.stringify({ table: DEMO_TABLE, country: "FR", mapping: "saved" }),
      headers: { "content-type": "application/json" },
    });
    expect(none.status).toBe(422);
    expect(none.body.data.field).toBe("mapping");
    const spec = demoSpec();
    const roles: Record<string, string> = {
      DATE: "date",
      revenue: "dep_var",
      competitor_sales_B: "context",
      events: "factor",
      newsletter: "organic",
    };
    for (const s of spec.paid_media_spends as string[]) roles[s] = "paid_media_spend";
    roles.facebook_I = "paid_media_var";
    roles.search_clicks_P = "paid_media_var";
    await h.services.runs.saveMapping({
      table: DEMO_TABLE,
      mapping: {
        table: DEMO_TABLE,
        roles,
        pairs: { facebook_I: "facebook_S", search_clicks_P: "search_S" },
        dep_var_type: "revenue",
      },
      by: { kind: "slack", id: "U0ALICE" },
      at: "2026-11-26T05:00:00Z",
    });
    const started = await api<{ runs: { id: string }[] }>("/runs", {
      method: "POST",
      body: JSON.stringify({
        table: DEMO_TABLE,
        country: "de",
        mapping: "saved",
        overrides: { iterations: 50_000, trials: 5, prophet_vars: ["trend"] },
      }),
      headers: { "content-type": "application/json" },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await h.services.runs.getRun(started.body.data.runs[0]!.id);
    expect(run!.spec).toMatchObject({
      dep_var: "revenue",
      iterations: 50_000,
      paid_media_vars: expect.arrayContaining(["facebook_I"]),
      data: { table: DEMO_TABLE },
    });
    await h.services.lifecycle.cancel(run!.id, { kind: "system", id: "test" });
    const badBody = await api("/runs", {
      method: "POST",
      body: JSON.stringify({ table: DEMO_TABLE, mapping: "mine" }),
      headers: { "content-type": "application/json" },
    });
    expect(badBody.status).toBe(422);
    expect(badBody.body.data.field).toBe("mapping");
  });
});

describe("countries", () => {
  it("answers the current pick and the history of a country", async () => {
    await h.services.runs.pickBest({
      country: "DE",
      runId: h.run.id,
      solID: h.solID,
      note: "api test",
      by: { kind: "slack", id: "U0ALICE" },
      at: "2026-11-26T05:00:00Z",
    });
    const { status, body } = await api<{ country: string; current: { solID: string }; history: unknown[] }>(
      "/countries/de/best",
    );
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ country: "DE", current: { solID: h.solID, note: "api test" } });
    expect(body.data.history).toHaveLength(1);
    const none = await api<{ current: null }>("/countries/GB/best");
    expect(none.body.data.current).toBeNull();
  });

  it("answers what is known about a country", async () => {
    const { body } = await api<{
      latestSucceededRun: { id: string };
      inputMetadata: { dep_var: string };
      best: { solID: string };
    }>("/metadata/DE");
    expect(body.data.inputMetadata.dep_var).toBe("revenue");
    expect(body.data.best.solID).toBe(h.solID);
  });

  it("names a market that cannot be one (400)", async () => {
    for (const path of ["/countries/-DE/best", "/metadata/a%3Bb"]) {
      const { status, body } = await api(path);
      expect(status, path).toBe(400);
      expect(body.data.field).toBe("cc");
    }
  });

  it("answers 404 in the envelope for an unknown API route", async () => {
    const { status, body } = await api("/nothing/here");
    expect(status).toBe(404);
    expect(body.status).toBe("error");
  });
});
