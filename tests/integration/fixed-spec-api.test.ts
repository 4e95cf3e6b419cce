/**
 * A fully fixed spec through the real server (POST /api/runs, child-process trainer, SQLite): one model,
 * whatever the budget says, with no min_candidates rule; a single `lambda` is the absolute ridge penalty
 * in the API as in `mmm fit`, and the outputs report Robyn's share λ_hp beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../bin/commands/serve.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { readCsvColumns } from "../../common/csv-columns.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { DEMO_HYPERPARAMETERS, DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";

const ABSOLUTE_LAMBDA = 12_345;

/** The middle of each of Robyn's demo ranges: every hyperparameter one number. */
const FIXED = Object.fromEntries(
  Object.entries(DEMO_HYPERPARAMETERS).map(([name, [lo, hi]]) => [name, (lo + hi) / 2]),
);

let local: LocalApp;
let app: RunningApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-fixed-spec-");
  app = local.app;
});
afterAll(() => local.stop());

async function postRun(spec: object): Promise<Response> {
  return fetch(`${app.url}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(spec),
  });
}

describe("a fully fixed spec through the API", () => {
  it("trains exactly one model with the absolute lambda, whatever iterations and trials say", async () => {
    const answer = await postRun({
      ...DEMO_SPEC,
      data: { table: DEMO_TABLE },
      hyperparameters: { ...FIXED, lambda: ABSOLUTE_LAMBDA },
      iterations: 2000,
      trials: 5,
      // Robyn's default; a search of one model could never meet it, and a fixed spec needs none.
      min_candidates: 100,
    });
    expect(answer.status, await answer.clone().text()).toBe(202);
    const { data } = (await answer.json()) as { data: { runs: { id: string }[] } };
    const runId = data.runs[0]!.id;
    expect(await finalStatus(app, runId)).toBe("succeeded");

    const run = (await app.services.runs.getRun(runId))!;
    expect(run.spec).toMatchObject({ iterations: 1, trials: 1 });
    expect(run.summary?.warnings).toContain(
      "Every hyperparameter is fixed, so one model is fitted (as Robyn does): iterations and trials do not apply.",
    );
    const allModels = readCsvColumns(
      (await app.services.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.allModels}`))!,
    );
    expect(allModels.length).toBe(1);
    const cell = (name: string) => allModels.numbers(name)[0]!;
    expect(cell("lambda")).toBe(ABSOLUTE_LAMBDA);
    const lambdaMax = cell("lambda_max");
    const lambdaMin = lambdaMax * cell("lambda_min_ratio");
    expect(cell("lambda_hp")).toBeCloseTo((ABSOLUTE_LAMBDA - lambdaMin) / (lambdaMax - lambdaMin), 12);
    expect(cell("facebook_I_alphas")).toBe(FIXED.facebook_I_alphas);
  });

  it("refuses a lambda range outside Robyn's share interval, naming the field", async () => {
    const before = (await app.services.runs.listRuns({ limit: 50 })).runs.length;
    const answer = await postRun({
      ...DEMO_SPEC,
      data: { table: DEMO_TABLE },
      hyperparameters: { ...DEMO_HYPERPARAMETERS, lambda: [0, 5000] },
      iterations: 200,
      trials: 3,
    });
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { message: string };
    expect(body.message).toContain("hyperparameters.lambda is [0, 5000]");
    expect(body.message).toContain("give one number");
    expect((await app.services.runs.listRuns({ limit: 50 })).runs).toHaveLength(before);
  });
});
