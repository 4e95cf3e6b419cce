/**
 * `GET/POST /api/runs/:id/models/:model/response` through the real Hono app on a run trained with `mmm train`:
 * the API answers the same numbers as `mmm response` on the same run folder, and bad queries get 4xx errors
 * naming the argument.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseCommand } from "../../bin/commands/response.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-response-tests-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };

interface Envelope {
  status: "success" | "error";
  data: Record<string, unknown>;
  message: string | null;
}

let h: Harness;
let folder: string;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
  folder = await trainedRunFolder();
});
afterAll(async () => h.close());

function path(query = ""): string {
  return `/api/runs/${h.run.id}/models/${h.solID}/response${query}`;
}

async function get(query: string): Promise<{ status: number; body: Envelope }> {
  const response = await h.request(path(query), { headers: auth });
  return { status: response.status, body: (await response.json()) as Envelope };
}

async function post(body: unknown): Promise<{ status: number; body: Envelope }> {
  const response = await h.request(path(), {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

async function cli(...args: string[]): Promise<unknown> {
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: () => undefined };
  await responseCommand(["--run", folder, "--model", h.solID, ...args], io, {});
  return JSON.parse(out.join("\n"));
}

describe("response queries over the API", () => {
  it("answers the same numbers as mmm response, by GET and by POST", async () => {
    const byGet = await get("?metric_name=tv_S&metric_value=150000&date_range=last_4");
    expect(byGet.status).toBe(200);
    const fromCli = await cli("--metric", "tv_S", "--value", "150000", "--date-range", "last_4");
    expect(byGet.body.data).toEqual(fromCli);
    expect(byGet.body.data).toMatchObject({
      solID: h.solID,
      metric_name: "tv_S",
      usecase: "total_metric_selected_range",
      date: ["2018-12-10", "2018-12-17", "2018-12-24", "2018-12-31"],
      curve: { adstock: "geometric" },
    });
    expect(byGet.body.data.sim_mean_spend).toBe(150000 / 4);

    const dates = ["2018-09-19", "2018-10-17"];
    const byPost = await post({ metric_name: "facebook_S", metric_value: 5000, date_range: dates });
    expect(byPost.status).toBe(200);
    expect(byPost.body.data).toEqual(
      await cli("--metric", "facebook_S", "--value", "5000", "--date-range", dates.join(",")),
    );
    expect(byPost.body.data.metric_name).toBe("facebook_I");
    expect(byPost.body.data.date).toEqual([
      "2018-09-17",
      "2018-09-24",
      "2018-10-01",
      "2018-10-08",
      "2018-10-15",
    ]);
    expect(byPost.body.data.notes).toHaveLength(2);

    const history = await get("?metric_name=newsletter");
    expect(history.body.data).toEqual(await cli("--metric", "newsletter"));
    expect(history.body.data).toMatchObject({
      metric_type: "organic",
      usecase: "all_historical_vec",
      sim_mean_spend: null,
    });
  });

  it("gives the mROI at the mean spend (the summary's) and at the queried spend, and none for organic media", async () => {
    const { data } = (await get("?metric_name=tv_S&metric_value=150000&date_range=last_4")).body;
    const marginal = data.marginal as Record<"at_mean_spend" | "at_queried_spend", Record<string, number>>;
    const curve = data.curve as { coef: number; alpha: number; inflexion: number };
    const at = (spend: number, carryover: number) =>
      curve.coef / (1 + (curve.inflexion / (spend + carryover)) ** curve.alpha);
    // The slope by central differences on the curve the answer reports, at the queried spend and its carryover.
    const x = data.sim_mean_spend as number;
    const carry = data.sim_mean_carryover as number;
    const step = 1e-3 * x;
    expect(marginal.at_queried_spend!.spend).toBe(x);
    expect(marginal.at_queried_spend!.mroi).toBeCloseTo(
      (at(x + step, carry) - at(x - step, carry)) / (2 * step),
      6,
    );
    expect(marginal.at_queried_spend!.response).toBeCloseTo(data.sim_mean_response as number, 6);
    // At the historical mean it is model_summary.json's mROI of the channel.
    const summary = JSON.parse(await readFile(join(folder, "output", "model_summary.json"), "utf8")) as {
      best_model: { model_id: string; channels: { channel: string; mroi: number }[] };
    };
    expect(summary.best_model.model_id).toBe(h.solID);
    const tv = summary.best_model.channels.find((c) => c.channel === "tv_S")!;
    expect(Math.abs(marginal.at_mean_spend!.mroi! / tv.mroi - 1)).toBeLessThan(1e-9);

    const organic = (await get("?metric_name=newsletter&metric_value=1000&date_range=last")).body.data;
    expect(organic.marginal).toBeNull();
    expect(organic.notes).toContain(
      "newsletter is an organic variable: it has no spend, so marginal ROI (mROI, response per extra unit of spend) is not defined for it.",
    );
  });

  it("refuses bad queries with the argument named", async () => {
    const cases: [Promise<{ status: number; body: Envelope }>, number, string, RegExp][] = [
      [get("?metric_name=radio_S"), 422, "metric_name", /radio_S" is not a medium/],
      [get("?metric_name=tv_S&date_range=2019-06-03"), 422, "date_range", /2019-06-03, outside the periods/],
      [get("?metric_name=tv_S&date_range=2018-12-03,2019-02-04"), 422, "date_range", /2019-02-04, outside/],
      [get("?metric_name=tv_S&metric_value=-5&date_range=last"), 422, "metric_value", /zero or above/],
      [get("?metric_name=tv_S&metric_value=abc&date_range=last"), 400, "metric_value", /must be a number/],
      [get("?metric_name=tv_S&metric_value=5"), 422, "date_range", /required with metric_value/],
      [get(""), 400, "metric_name", /metric_name/],
      [
        post({ metric_name: "tv_S", metric_value: [1, 2], date_range: "last_2" }),
        422,
        "metric_value",
        /Robyn 3\.12\.1 takes one total/,
      ],
      [post({ metric_name: "tv_S", budget: 5 }), 422, "", /budget/],
      [post("{nope"), 400, "body", /not JSON: send a response query/],
    ];
    for (const [answer, status, field, message] of cases) {
      const { status: got, body } = await answer;
      expect(got, body.message ?? "").toBe(status);
      expect(body.status).toBe("error");
      if (field) expect(body.data.field).toBe(field);
      expect(body.message).toMatch(message);
    }
  });

  it("answers 404 for an unknown model or run, 409 for a run still running, 401 without a token", async () => {
    const unknownModel = await h.request(`/api/runs/${h.run.id}/models/9_9_9/response?metric_name=tv_S`, {
      headers: auth,
    });
    expect(unknownModel.status).toBe(404);
    const unknownRun = await h.request(
      `/api/runs/20261126T000000Z-de-000000/models/${h.solID}/response?metric_name=tv_S`,
      {
        headers: auth,
      },
    );
    expect(unknownRun.status).toBe(404);
    const running = await h.addRun({ status: "running" });
    const early = await h.request(`/api/runs/${running.id}/models/${h.solID}/response?metric_name=tv_S`, {
      headers: auth,
    });
    expect(early.status).toBe(409);
    expect((await h.request(path("?metric_name=tv_S"))).status).toBe(401);
  });
});
