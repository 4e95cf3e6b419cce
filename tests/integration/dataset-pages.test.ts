/**
 * The viewer's dataset pages through the real server in local mode (`startLocalApp`: Hono on a port,
 * SQLite, the artifact folder, the child-process trainer): a file uploaded with the page's multipart form
 * opens its preview (first rows, column types, the auto-mapping with reasons, the data checks), and the
 * "New run" form, sent as the page fills it, trains a run. Bad files, a form without its token and a
 * form with mistakes are refused with the problem beside the input and the typed values kept; nothing is
 * stored or started.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfOf } from "../support/viewer-harness.ts";
import { finalStatus, startLocalApp, type LocalApp } from "../support/local-app.ts";
import { csvText, germanCsvText, weeklyRows } from "../fixtures/dataset-files.ts";

const MAX_BYTES = 256 * 1024;

let local: LocalApp;
let base: string;
let cookie: string;

beforeAll(async () => {
  local = await startLocalApp("mmm-dataset-pages-", { DATASET_MAX_BYTES: String(MAX_BYTES) });
  base = local.app.url;
  const first = await fetch(`${base}/datasets`);
  expect(first.status).toBe(200);
  cookie = first.headers.getSetCookie()[0]!.split(";")[0]!;
});
afterAll(async () => local?.stop());

function send(path: string, body: FormData | URLSearchParams): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { cookie, origin: base },
  });
}

/** The upload form as a browser sends it: the token first, then the file and the fields. */
function uploadForm(fileName: string, content: string, fields: Record<string, string> = {}, token = true) {
  const form = new FormData();
  if (token) form.set("_csrf", csrfOf(cookie));
  form.set("file", new Blob([content]), fileName);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** The values the page's "New run" form holds: inputs and the selected option of every select. */
function formFields(page: string): Record<string, string> {
  const form = /<form[^>]*data-form="new-run"[\s\S]*?<\/form>/.exec(page)![0];
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
    if (name) fields[decode(name)] = decode(/value="([^"]*)"/.exec(input[1]!)?.[1] ?? "");
  }
  for (const select of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(select[2]!);
    fields[decode(select[1]!)] = decode(selected?.[1] ?? /<option value="([^"]*)"/.exec(select[2]!)![1]!);
  }
  return fields;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("dataset pages", () => {
  it("uploads a file, previews it with mapping and checks, and trains a run from the form", async () => {
    const uploaded = await send("/datasets", uploadForm("Weekly Sales.csv", germanCsvText(weeklyRows(120))));
    expect(uploaded.status).toBe(303);
    expect(uploaded.headers.get("location")).toBe("/datasets/weekly-sales@1");

    const page = await (await fetch(`${base}/datasets/weekly-sales@1`, { headers: { cookie } })).text();
    expect(page).toContain('<dd data-fact="rows">240</dd>');
    expect(page).toContain("2021-01-04 to 2023-04-17 (column DATE)");
    expect(page).toContain("semicolon-separated, decimal comma");
    expect(page).toContain('<small class="note" data-column-type="tv_S">number</small>');
    expect(page).toContain('<small class="note" data-column-type="DATE">date</small>');
    // The auto-mapping with its reason for each column.
    expect(page).toMatch(
      /<tr data-column="tv_S"><td>tv_S<\/td><td>Paid media spend<\/td><td>\d+%<\/td><td>[^<]+<\/td>/,
    );
    // The checks of a run for the first market, DE, as the form is prefilled.
    expect(page).toContain('data-checks="ok"');
    expect(page).toContain("A run for DE with the settings below passes the checks");
    const fields = formFields(page);
    expect(fields).toMatchObject({
      country: "DE",
      "role:DATE": "date",
      "role:country": "country",
      "role:revenue": "dep_var",
      "role:tv_S": "paid_media_spend",
      "role:search_S": "paid_media_spend",
      dep_var_type: "revenue",
    });

    const started = await send(
      "/datasets/weekly-sales@1/runs",
      new URLSearchParams({
        ...fields,
        iterations: "150",
        trials: "1",
        tag: "from the viewer",
        intent: "start",
      }),
    );
    expect(started.status, await started.clone().text()).toBe(303);
    const runId = started.headers.get("location")!.replace("/runs/", "");
    expect(await finalStatus(local.app, runId, 180_000)).toBe("succeeded");
    const run = (await local.app.services.runs.getRun(runId))!;
    expect(run.spec.data).toEqual({ dataset: "weekly-sales@1", country_column: "country" });
    expect(run.spec.paid_media_spends).toEqual(["tv_S", "search_S"]);
    expect(run.tag).toBe("from the viewer");
    expect(run.createdBy.kind).toBe("local");
    expect((await fetch(`${base}/runs/${runId}`, { headers: { cookie } })).status).toBe(200);
  }, 300_000);

  it("refuses bad files beside the file input, keeps the name, and stores nothing", async () => {
    const before = await local.app.services.datasets.list();
    const binary = await send(
      "/datasets",
      uploadForm("sales.csv", "DATE,x\u0000\u0001\n", { name: "kept-name" }),
    );
    expect(binary.status).toBe(422);
    const page = await binary.text();
    expect(page).toMatch(
      /<span class="warn field-problem" role="alert" data-field="file">sales.csv holds binary data/,
    );
    expect(page).toContain('value="kept-name"');
    const noDate = await send("/datasets", uploadForm("nodate.csv", "a,b\n1,2\n"));
    expect(await noDate.text()).toContain("nodate.csv has no column of dates");
    const noToken = await send("/datasets", uploadForm("ok.csv", csvText(weeklyRows(30)), {}, false));
    expect(noToken.status).toBe(403);
    // The server answers a file over the limit before it has read the rest of the body.
    const big = await send(
      "/datasets",
      uploadForm("big.csv", csvText(weeklyRows(10_000)).slice(0, MAX_BYTES + 1000)),
    );
    expect(big.status).toBe(422);
    expect(await big.text()).toContain("DATASET_MAX_BYTES");
    expect(await local.app.services.datasets.list()).toEqual(before);
  });

  it("lists the data profile's findings among the checks", async () => {
    // Search spend that moves nothing: the profile says it does not follow the goal.
    const rows = weeklyRows(80, ["US"]).map((r, i) => ({ ...r, search_S: (i * 7919) % 13 === 0 ? 0 : 400 }));
    await send("/datasets", uploadForm("flat.csv", csvText(rows)));
    const page = await (await fetch(`${base}/datasets/flat`, { headers: { cookie } })).text();
    expect(page).toContain('data-checks="ok"');
    expect(page).toMatch(
      /<ul data-list="profile-findings"><li[^>]*data-level="(problem|warning)"[^>]*>[^<]*search_S/,
    );
  });

  it("shows a form's mistakes beside their inputs with everything as typed, and starts nothing", async () => {
    await send("/datasets", uploadForm("plain.csv", csvText(weeklyRows(60, ["US"]))));
    const page = await (await fetch(`${base}/datasets/plain`, { headers: { cookie } })).text();
    const fields = formFields(page);
    const runsBefore = (await local.app.services.runs.listRuns({ limit: 50 })).runs.length;

    const badCountry = await send(
      "/datasets/plain/runs",
      new URLSearchParams({ ...fields, country: "USA", iterations: "321", intent: "start" }),
    );
    expect(badCountry.status).toBe(422);
    const shown = await badCountry.text();
    expect(shown).toMatch(/data-field="country">&quot;USA&quot; is not a two-letter country code/);
    expect(formFields(shown)).toMatchObject({ country: "USA", iterations: "321" });

    const twoGoals = await send(
      "/datasets/plain/runs",
      new URLSearchParams({ ...fields, "role:competitor_sales": "dep_var", intent: "start" }),
    );
    expect(twoGoals.status).toBe(422);
    const again = await twoGoals.text();
    expect(again).toMatch(
      /data-field="role:competitor_sales">revenue and competitor_sales are both marked Goal/,
    );
    expect(formFields(again)["role:competitor_sales"]).toBe("dep_var");

    // "Check the data" shows the checks for the form as typed, without starting anything.
    const checked = await send(
      "/datasets/plain/runs",
      new URLSearchParams({ ...fields, window_start: "2030-01-01", intent: "check" }),
    );
    expect(checked.status).toBe(200);
    const checks = await checked.text();
    expect(checks).toContain('data-checks="problem"');
    expect(checks).toContain("2030-01-01");
    expect((await local.app.services.runs.listRuns({ limit: 50 })).runs.length).toBe(runsBefore);
  });
});
