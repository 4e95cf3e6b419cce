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
