/**
 * `POST /api/robyn-models` through the real server (child-process trainer, SQLite, DuckDB's demo table):
 * Robyn's own B7 file becomes a one-model run whose coefficients are robyn_recreate's (exact ridge) at the
 * golden README's tolerance, and the answer says what became of each field; a file the engine cannot
 * honour is refused by field with nothing launched.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../bin/commands/serve.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { outputRecords } from "../../core/results/run-outputs.ts";
import { b7Cases, b7Path } from "../golden/b7-models.ts";

let local: LocalApp;
let app: RunningApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-robyn-import-api-");
  app = local.app;
});
afterAll(() => local.stop());

async function post(body: object): Promise<Response> {
  return fetch(`${app.url}/api/robyn-models`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("POST /api/robyn-models", () => {
  const [first] = b7Cases();
  const model = JSON.parse(readFileSync(b7Path(first!.expectation.json_file), "utf8"));

  it("rebuilds Robyn's model as a one-model run with robyn_recreate's numbers", async () => {
    const answer = await post({ model, table: DEMO_TABLE, country: "DE" });
    expect(answer.status, await answer.clone().text()).toBe(202);
    const { data } = (await answer.json()) as {
      data: { runs: { id: string }[]; robyn_solID: string; fields: { field: string; treatment: string }[] };
    };
    expect(data.robyn_solID).toBe("1_1_1");
    expect(data.fields).toContainEqual(
      expect.objectContaining({ field: "ModelsCollect.seed", treatment: "used" }),
    );
    const runId = data.runs[0]!.id;
    expect(await finalStatus(app, runId)).toBe("succeeded");
    const run = (await app.services.runs.getRun(runId))!;
    const aggregated = outputRecords(
      (await app.services.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoAggregated}`))!,
    );
    const expected = first!.expectation.recreate_exact_ridge.coefficients;
    for (const [name, value] of Object.entries(expected)) {
      const coef = aggregated.find((v) => v.rn === name)!.coef as number;
      expect(Math.abs(coef - value), name).toBeLessThanOrEqual(1e-8 * Math.abs(value));
    }
  });

  it("refuses a file the engine cannot honour by field, launching nothing", async () => {
    const before = (await app.services.runs.listRuns({ limit: 50 })).runs.length;
    const unknownAdstock = structuredClone(model);
    unknownAdstock.InputCollect.adstock = ["weibull_gamma"];
    const answer = await post({ model: unknownAdstock, table: DEMO_TABLE, country: "DE" });
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { data: { field: string } };
    expect(body.data.field).toBe("InputCollect.adstock");
    expect((await app.services.runs.listRuns({ limit: 50 })).runs).toHaveLength(before);
  });
});
