/**
 * `POST /api/runs/:id/models/:model/scenario` through the real Hono app on a run trained with `mmm train`: the API
 * answers what `mmm scenario` prints for the same plan, explicit plans work, and bad plans get 4xx errors naming
 * the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioCommand } from "../../bin/commands/scenario.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-scenario-tests-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };

interface Envelope {
  status: "success" | "error";
  data: Record<string, unknown> & {
    solIDs: string[];
    forecast: { media: { medium: string; fromPlan: number[] }[]; totalResponse: number };
    range: { method: string; total: { value: number; low: number; high: number } };
  };
  message: string | null;
}

let h: Harness;
let folder: string;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
  folder = await trainedRunFolder();
});
afterAll(async () => h.close());

async function post(body: unknown): Promise<{ status: number; body: Envelope }> {
  const response = await h.request(`/api/runs/${h.run.id}/models/${h.solID}/scenario`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

describe("forward scenarios over the API", () => {
  it("answers what mmm scenario prints, on the model and the others given", async () => {
    const summary = JSON.parse(
      (await h.services.artifacts.getText(`${h.run.artifactPrefix}output/model_summary.json`))!,
    ) as { pareto_models: { model_id: string }[] };
    const other = summary.pareto_models.map((m) => m.model_id).find((id) => id !== h.solID)!;
    const api = await post({ plan: { periods: 6, multiplier: { tv_S: 2 } }, models: [other] });
    expect(api.status, api.body.message ?? "").toBe(200);
    expect(api.body.data.solIDs).toEqual([h.solID, other]);
    expect(api.body.data.range.method).toBe("given_models");
    const out: string[] = [];
    await scenarioCommand(
      ["--run", folder, "--model", `${h.solID},${other}`, "--last", "6", "--multiplier", "tv_S=2"],
      { stdout: (t) => out.push(t), stderr: () => undefined },
      {},
    );
    const fromCli = JSON.parse(out.join("\n")) as Record<string, unknown>;
    // The run ids differ (the API's run is a copy in the app's store); every number is the same.
    expect({ ...api.body.data, runId: "" }).toEqual({ ...fromCli, runId: "" });
  });

  it("takes an explicit plan: spending nothing adds nothing", async () => {
    const api = await post({
      plan: { dates: ["2019-11-18", "2019-11-25"], spend: { tv_S: [0, 0], ooh_S: [0, 0] } },
    });
    expect(api.status, api.body.message ?? "").toBe(200);
    for (const medium of api.body.data.forecast.media.filter((m) => m.medium !== "newsletter"))
      expect(medium.fromPlan).toEqual([0, 0]);
  });

  it("refuses bad plans with the field named", async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{ plan: { dates: ["2019-11-04"], spend: {} } }, 422, "dates", /not after the data's last period/],
      [{ plan: { dates: ["2019-11-18"], spend: { radio_S: [1] } } }, 422, "spend.radio_S", /not a medium/],
      [{ plan: { dates: ["2019-11-18"], spend: { tv_S: [1, 2] } } }, 422, "spend.tv_S", /2 values/],
      [{ plan: { periods: 0 } }, 422, "plan.periods", /too small|>=1/],
      [{ plan: { periods: 4 }, models: ["9_9_9"] }, 404, "", /no Pareto model 9_9_9/],
      ["{nope", 400, "body", /not JSON: send a spend plan/],
    ];
    for (const [body, status, field, message] of cases) {
      const { status: got, body: answer } = await post(body);
      expect(got, `${JSON.stringify(body)}: ${answer.message}`).toBe(status);
      if (field) expect(answer.data.field).toBe(field);
      expect(answer.message).toMatch(message);
    }
  });
});

describe("saved scenarios over the API", () => {
  const base = () => `/api/runs/${h.run.id}/models/${h.solID}/scenarios`;
  async function call(method: string, path: string, body?: unknown) {
    const response = await h.request(path, {
      method,
      headers: { ...auth, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Envelope };
  }

  it("saves, lists, reads with the same answer, and deletes a named scenario", async () => {
    const plan = { periods: 6, multiplier: { tv_S: 2 } };
    const name = "TV ×2 (6 weeks)";
    const path = `${base()}/${encodeURIComponent(name)}`;
    const saved = await call("PUT", path, { plan });
    expect(saved.status, saved.body.message ?? "").toBe(200);
    const direct = await post({ plan });
    expect(saved.body.data.report).toEqual(direct.body.data);
    expect(saved.body.data.scenario).toMatchObject({ name, solID: h.solID, plan, by: { kind: "api" } });

    const listed = await call("GET", base());
    expect((listed.body.data.scenarios as { name: string }[]).map((s) => s.name)).toEqual([name]);
    const read = await call("GET", path);
    expect(read.body.data.report).toEqual(direct.body.data);

    const deleted = await call("DELETE", path, {});
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.name).toBe(name);
    const gone = await call("GET", path);
    expect(gone.status).toBe(404);
    expect(gone.body.data.field).toBe("name");
    expect((await call("GET", base())).body.data.scenarios).toEqual([]);
  });

  it("stores nothing for a plan that cannot be answered or a bad name", async () => {
    const bad = await call("PUT", `${base()}/late`, { plan: { dates: ["2019-11-04"], spend: {} } });
    expect(bad.status).toBe(422);
    expect(bad.body.data.field).toBe("dates");
    const badName = await call("PUT", `${base()}/${encodeURIComponent("a/b")}`, { plan: { periods: 2 } });
    expect(badName.status).toBe(422);
    expect(badName.body.data.field).toBe("name");
    const spaced = await call("PUT", `${base()}/${encodeURIComponent(" x")}`, { plan: { periods: 2 } });
    expect(spaced.status).toBe(422);
    expect(spaced.body.data.field).toBe("name");
    expect((await call("GET", base())).body.data.scenarios).toEqual([]);
  });
});
