/**
 * `POST /api/runs/:id/models/:model/allocate` through the real Hono app on a run trained with `mmm train`: the
 * API answers the numbers `mmm allocate` writes for the same request, takes per-channel bounds by name, says
 * which bounds bind, and refuses bad requests with the argument named.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateCommand } from "../../bin/commands/allocate.ts";
import { trainedRunFolder } from "../../tests/support/trained-run.ts";
import { viewerHarness, type Harness } from "../../tests/support/viewer-harness.ts";

const TOKEN = "env-token-for-the-allocate-tests-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };

interface Envelope {
  status: "success" | "error";
  data: Record<string, unknown> & {
    rows: Record<string, number | string | null>[];
    bindingBounds: { channel: string; side: string; binds: boolean; responseGainUnit: number }[];
  };
  message: string | null;
}

let h: Harness;
let folder: string;
beforeAll(async () => {
  h = await viewerHarness({ MMM_API_TOKENS: TOKEN });
  // A copy: `mmm allocate` writes beside the run's outputs, and the trained folder is shared by other tests.
  folder = await mkdtemp(join(tmpdir(), "mmm-allocate-api-"));
  await cp(await trainedRunFolder(), folder, { recursive: true });
});
afterAll(async () => {
  await h.close();
  await rm(folder, { recursive: true, force: true });
});

async function post(body: unknown, runId = h.run.id): Promise<{ status: number; body: Envelope }> {
  const response = await h.request(`/api/runs/${runId}/models/${h.solID}/allocate`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

async function cli(...args: string[]): Promise<{ json: unknown; err: string[] }> {
  const err: string[] = [];
  const io = { stdout: () => undefined, stderr: (t: string) => err.push(t) };
  await allocateCommand(["--run", folder, "--model", h.solID, ...args], io, {});
  const scenario = args.includes("--target-roas") ? "target_efficiency" : "max_response";
  const file = join(folder, "output", "allocator", `${h.solID}_${scenario}.json`);
  return { json: JSON.parse(await readFile(file, "utf8")), err };
}

describe("the allocator over the API", () => {
  it("answers what mmm allocate writes, with per-channel bounds by name and the bounds that bind", async () => {
    const bounds = { channel_constr_low: 0.7, channel_constr_up: { tv_S: 1.2, facebook_S: 1.1 } };
    const api = await post({ ...bounds, date_range: "last_26" });
    expect(api.status, api.body.message ?? "").toBe(200);
    const fromCli = await cli("--low", "0.7", "--high", "tv_S=1.2,facebook_S=1.1", "--date-range", "last_26");
    expect(api.body.data).toEqual(fromCli.json);

    const rows = Object.fromEntries(api.body.data.rows.map((r) => [r.channels, r]));
    // facebook_S is named by its spend column; the allocator's row is its modelled column.
    expect(rows.facebook_I!.constr_up).toBe(1.1);
    expect(rows.tv_S!.constr_up).toBe(1.2);
    expect(rows.ooh_S!.constr_up).toBe(2); // not named: the default
    expect(rows.ooh_S!.constr_low).toBe(0.7);
    expect(api.body.data.dateRange).toEqual({ from: "2018-07-09", to: "2018-12-31", periods: 26 });

    const binding = api.body.data.bindingBounds.filter((b) => b.binds);
    expect(binding.length).toBeGreaterThan(0);
    for (const b of binding) {
      expect(b.responseGainUnit).toBeGreaterThan(0);
      expect(fromCli.err.join("\n")).toContain(`relaxing the ${b.side} bound of ${b.channel}`);
    }
  });

  it("runs target_efficiency with a target", async () => {
    const api = await post({ scenario: "target_efficiency", target_value: 2.5, date_range: "last_13" });
    expect(api.status, api.body.message ?? "").toBe(200);
    expect(api.body.data).toMatchObject({
      scenario: "target_efficiency",
      target: { metric: "roas", value: 2.5, isDefault: false },
    });
    const totals = api.body.data.totals as Record<string, number>;
    expect(totals.optmResponseUnitTotal! / totals.optmSpendUnitTotal!).toBeCloseTo(2.5, 9);
  });

  it("refuses bad requests with the argument named", async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{ channel_constr_up: { radio_S: 1.5 } }, 422, "channel_constr_up.radio_S", /not a paid channel/],
      [{ channel_constr_low: { tv_S: 2 }, channel_constr_up: 1.5 }, 422, "channel_constr_up", /tv_S.*below/],
      [{ channel_constr_low: -1 }, 422, "channel_constr_low", /greater than or equal to 0|>=0/],
      [{ total_budget: 1e12 }, 422, "channel_constr_up", /raise channel_constr_up/],
      [{ date_range: "last_9999" }, 422, "date_range", /asks for 9999 periods/],
      [{ date_range: ["2018-01-01", "2019-06-03"] }, 422, "date_range", /2019-06-03/],
      [{ scenario: "target_efficiency", target_value: 1000 }, 422, "target_value", /best reachable/],
      [{ budget: 5 }, 422, "", /budget/],
      ["{nope", 400, "body", /not JSON: send an allocation request/],
    ];
    for (const [body, status, field, message] of cases) {
      const { status: got, body: answer } = await post(body);
      expect(got, `${JSON.stringify(body)}: ${answer.message}`).toBe(status);
      expect(answer.status).toBe("error");
      if (field) expect(answer.data.field).toBe(field);
      expect(answer.message).toMatch(message);
    }
  });

  it("answers 404 for an unknown model, 409 for a run still running", async () => {
    const unknown = await h.request(`/api/runs/${h.run.id}/models/9_9_9/allocate`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{}",
    });
    expect(unknown.status).toBe(404);
    const running = await h.addRun({ status: "running" });
    expect((await post({}, running.id)).status).toBe(409);
  });
});
