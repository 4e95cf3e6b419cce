/**
 * Datasets through the real server (`startApp`: Hono on a port, SQLite, the local artifact folder, the
 * child-process launcher and `mmm trainer`): a CSV, a Parquet file and an XLSX workbook are uploaded over
 * multipart, listed, shown with a preview and the auto-mapping, trained on through `POST /api/runs` with
 * `data: {dataset}`, and the run opens in the viewer. Bad and oversized uploads are refused, the
 * oversized one while it is still streaming in, and nothing is stored.
 */
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../bin/commands/serve.ts";
import type { RunStatus } from "../../core/run.ts";
import { csvText, germanCsvText, weeklyRows, writeParquet, writeXlsx } from "../fixtures/dataset-files.ts";
import { DatasetDetailData, DatasetListData } from "../../viewer/api/dataset-schemas.ts";
import { sendChunkedBody } from "./chunked-request.ts";

const TOKEN = "datasets-test-token-0123456789abcdef";
const MAX_BYTES = 2 * 1024 * 1024;

let dir: string;
let app: RunningApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mmm-datasets-api-"));
  app = await startApp(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MMM_DATA_DIR: join(dir, "data"),
      PORT: "0",
      LOG_LEVEL: "silent",
      TRAINER_WORKERS: "1",
      MMM_API_TOKENS: TOKEN,
      DATASET_MAX_BYTES: String(MAX_BYTES),
    },
    { demo: false },
  );
});
afterAll(async () => {
  await app?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The API's envelope, read loosely: each test looks at the fields it checks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an envelope whose data differs per route
type ApiBody = { status: string; message: string; data: any };

const auth = { authorization: `Bearer ${TOKEN}` };

async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${app.url}/api${path}`, { ...init, headers: { ...auth, ...init.headers } });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

async function upload(fileName: string, body: Buffer | string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new Blob([typeof body === "string" ? body : new Uint8Array(body)]), fileName);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return api("/datasets", { method: "POST", body: form });
}

async function waitFor(runId: string, statuses: RunStatus[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(`/runs/${runId}`);
    if (statuses.includes(body.data.status)) return body.data;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${body.data.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("datasets over the API", () => {
  it("uploads CSV, Parquet and XLSX, lists them, shows a preview and trains on each", async () => {
    const rows = weeklyRows(120);
    await writeParquet(rows, join(dir, "w.parquet"), join(dir, "w.csv"));
    await writeXlsx(rows, join(dir, "w.xlsx"));
    const csv = await upload("Weekly Sales.csv", germanCsvText(rows));
    expect(csv.status).toBe(201);
    expect(csv.body.data).toMatchObject({
      name: "weekly-sales",
      version: 1,
      ref: "weekly-sales@1",
      rows: 240,
    });
    expect(csv.body.message).toMatch(/240 rows, 6 columns, 2021-01-04 to 2023-04-17/);
    const parquet = await upload("w.parquet", await readFile(join(dir, "w.parquet")), {
      name: "sales-parquet",
    });
    expect(parquet.status).toBe(201);
    const xlsx = await upload("w.xlsx", await readFile(join(dir, "w.xlsx")), {
      name: "sales-xlsx",
      sheet: "Data",
    });
    expect(xlsx.status).toBe(201);
    expect(xlsx.body.data).toMatchObject({ format: "xlsx", sheet: "Data" });

    const list = await api("/datasets");
    expect(list.body.data.datasets.map((d: { ref: string }) => d.ref)).toEqual([
      "sales-parquet@1",
      "sales-xlsx@1",
      "weekly-sales@1",
    ]);
    expect(DatasetListData.strict().safeParse(list.body.data).success).toBe(true);
    const shown = await api("/datasets/weekly-sales");
    expect(shown.status).toBe(200);
    // The answers are what the OpenAPI document says they are.
    expect(DatasetDetailData.parse(shown.body.data)).toEqual(shown.body.data);
    expect(shown.body.data.preview.columns).toEqual([
      "DATE",
      "country",
      "revenue",
      "tv_S",
      "search_S",
      "competitor_sales",
    ]);
    expect(shown.body.data.preview.rows).toHaveLength(20);
    expect(shown.body.data.preview.mapping.spec).toMatchObject({
      date_var: "DATE",
      paid_media_spends: ["tv_S", "search_S"],
    });

    for (const name of ["weekly-sales", "sales-parquet", "sales-xlsx@1"]) {
      const started = await api("/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          country: "DE",
          data: { dataset: name },
          dep_var: "revenue",
          dep_var_type: "revenue",
          paid_media_spends: ["tv_S", "search_S"],
          context_vars: ["competitor_sales"],
          iterations: 60,
          trials: 1,
          min_candidates: 10,
        }),
      });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const run = started.body.data.runs[0];
      const done = await waitFor(run.id, ["succeeded", "failed"]);
      expect(done.status, JSON.stringify(done.failure)).toBe("succeeded");
      const full = await api(`/runs/${run.id}`);
      expect(full.body.data.spec.data.dataset).toBe(`${name.split("@")[0]}@1`);
      const page = await fetch(`${app.url}/runs/${run.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(run.id);
    }
  }, 300_000);

  it("refuses a bad file naming the problem, and an unknown dataset in a run", async () => {
    const before = await api("/datasets");
    const duplicate = await upload("dup.csv", "date,tv_S,tv_S\n2024-01-01,1,2\n");
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.message).toMatch(/two columns named "tv_S"/);
    const empty = await upload("empty.csv", "");
    expect(empty.body.message).toMatch(/empty/);
    expect((await api("/datasets")).body.data).toEqual(before.body.data);
    const run = await api("/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        country: "DE",
        data: { dataset: "no-such-data" },
        dep_var: "revenue",
        dep_var_type: "revenue",
        paid_media_spends: ["tv_S"],
      }),
    });
    expect(run.status).toBe(404);
    expect(run.body.message).toMatch(/no dataset no-such-data/);
  });

  it("refuses a file over DATASET_MAX_BYTES, and a larger body while it still streams in", async () => {
    const big = csvText(weeklyRows(40_000));
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    const refused = await upload("big.csv", big.slice(0, MAX_BYTES + 1000));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/DATASET_MAX_BYTES/);
    const port = Number(new URL(app.url).port);
    const answer = await sendChunkedBody(
      port,
      {
        path: "/api/datasets",
        headers: { "content-type": "multipart/form-data; boundary=x", ...auth },
      },
      64 * 1024 * 1024,
    );
    expect(answer.status).toBe(413);
    expect(answer.sentEverything).toBe(false);
    expect(answer.bytesSentBeforeAnswer).toBeLessThan(MAX_BYTES + 16 * 1024 * 1024);
    expect((await api("/datasets")).body.data.datasets.map((d: { name: string }) => d.name)).not.toContain(
      "big",
    );
  });

  it("refuses a multipart upload with neither a token nor this site's origin, and deletes only for admins", async () => {
    const form = new FormData();
    form.set("file", new Blob([csvText(weeklyRows(20))]), "x.csv");
    const anonymous = await fetch(`${app.url}/api/datasets`, { method: "POST", body: form });
    expect(anonymous.status).toBe(403);
    const stored = await upload("to-delete.csv", csvText(weeklyRows(20)));
    expect(stored.status).toBe(201);
    const deleted = await api("/datasets/to-delete", {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(deleted.status).toBe(200);
    expect((await api("/datasets/to-delete")).status).toBe(404);
  });
});
