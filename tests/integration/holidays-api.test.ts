/**
 * The spec's own holidays through the real server (POST /api/runs, child-process trainer, SQLite): a
 * crafted event in `dt_holidays` is the holiday component of the trained model, in its week and nowhere
 * else; a bad row is refused with 422 naming it, before anything is launched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../bin/commands/serve.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { readCsvColumns } from "../../common/csv-columns.ts";
import { OUTPUT_FILES } from "../../common/run-folder.ts";
import { DEMO_HYPERPARAMETERS, DEMO_TABLE } from "../../core/lifecycle/demo-run.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";

/** The middle of each of Robyn's demo ranges and a fixed penalty: one model, trained in seconds. */
const FIXED = {
  ...Object.fromEntries(
    Object.entries(DEMO_HYPERPARAMETERS).map(([name, [lo, hi]]) => [name, (lo + hi) / 2]),
  ),
  lambda: 12_345,
};

let local: LocalApp;
let app: RunningApp;
beforeAll(async () => {
  local = await startLocalApp("mmm-holidays-api-");
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

describe("dt_holidays through the API", () => {
  it("a crafted event alone is the model's holiday component, in its own week", async () => {
    const answer = await postRun({
      ...DEMO_SPEC,
      data: { table: DEMO_TABLE },
      hyperparameters: FIXED,
      dt_holidays: [{ ds: "2017-08-09", holiday: "product launch" }],
      country_holidays: false,
    });
    expect(answer.status, await answer.clone().text()).toBe(202);
    const { data } = (await answer.json()) as { data: { runs: { id: string }[] } };
    const runId = data.runs[0]!.id;
    expect(await finalStatus(app, runId)).toBe("succeeded");
    const run = (await app.services.runs.getRun(runId))!;
    expect(run.spec.dt_holidays).toEqual([{ ds: "2017-08-09", holiday: "product launch" }]);
    const decomposition = readCsvColumns(
      (await app.services.artifacts.getText(`${run.artifactPrefix}${OUTPUT_FILES.paretoAllDecomp}`))!,
    );
    const holiday = decomposition.numbers("holiday");
    const ds = decomposition.text("ds");
    const weeks = ds.filter((_, i) => holiday[i] !== 0);
    expect(weeks).toEqual(["2017-08-07"]);
  });

  it("refuses a bad row with 422 naming it, and launches nothing", async () => {
    const before = (await app.services.runs.listRuns({ limit: 50 })).runs.length;
    const answer = await postRun({
      ...DEMO_SPEC,
      data: { table: DEMO_TABLE },
      hyperparameters: FIXED,
      dt_holidays: [{ ds: "09/08/2017", holiday: "product launch" }],
    });
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { message: string }).message).toContain("dt_holidays[0].ds");
    expect((await app.services.runs.listRuns({ limit: 50 })).runs.length).toBe(before);
  });
});
