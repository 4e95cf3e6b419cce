/**
 * Batch runs through the real server (`startApp`: Hono on a port, SQLite, the child-process launcher and
 * trainer) and the command line: a CSV of run settings (one geo market per row) starts a group of runs
 * under one batch id whose status the API shows; a bad row (settings or data) launches nothing and the
 * error names its row and column; `mmm batch FILE.json` does the same from a terminal.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startApp } from "../../bin/commands/serve.ts";
import { GEO_SPEC, geoWeeklyCsv } from "../fixtures/geo-weekly.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-batch-runs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = "batch-runs-test-token-0123456789abcdef";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an envelope whose data differs per route
type ApiBody = { status: string; message: string; data: any };

const HEADER =
  "market,country,dataset,date_var,dep_var,dep_var_type,paid_media_spends,context_vars,prophet_vars,iterations,trials,min_candidates,tag";
const mapping = `time,conversions,conversion,Channel0_spend;Channel1_spend;Channel2_spend,competitor_sales_control,trend;season;holiday`;
const row = (market: string, iterations = "60") =>
  `${market},US,geo,${mapping},${iterations},1,10,batch ${market}`;

describe("batch runs", () => {
  it("starts a CSV batch through the API after checking every row, and shows its status", async () => {
    const app = await startApp(
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MMM_DATA_DIR: join(dir, "api-data"),
        PORT: "0",
        LOG_LEVEL: "silent",
        TRAINER_WORKERS: "1",
        MMM_API_TOKENS: TOKEN,
      },
      { demo: false },
    );
    const api = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${app.url}/api${path}`, {
        ...init,
        headers: { authorization: `Bearer ${TOKEN}`, ...init.headers },
      });
      return { status: response.status, body: (await response.json()) as ApiBody };
    };
    const post = (path: string, body: unknown) =>
      api(path, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    try {
      const form = new FormData();
      form.set("file", new Blob([geoWeeklyCsv()]), "geo.csv");
      form.set("name", "geo");
      expect((await api("/datasets", { method: "POST", body: form })).status).toBe(201);

      const badSetting = await post("/batches", {
        csv: [HEADER, row("Geo0"), row("Geo1", "many")].join("\n"),
      });
      expect(badSetting.status).toBe(422);
      expect(badSetting.body.message).toMatch(/row 2, column iterations: must be a number, not "many"/);
      const badData = await post("/batches", { csv: [HEADER, row("Geo0"), row("Geo9")].join("\n") });
      expect(badData.status).toBe(422);
      expect(badData.body.message).toMatch(/row 2, column market: .*Geo9/);
      expect((await api("/runs")).body.data.runs).toEqual([]);

      const started = await post("/batches", { csv: [HEADER, row("Geo0"), row("Geo1")].join("\n") });
      expect(started.status).toBe(202);
      const batchId = started.body.data.batchId as string;
      expect(batchId).toMatch(/^b-/);
      expect(started.body.data.runs.map((r: { country: string }) => r.country).sort()).toEqual([
        "Geo0",
        "Geo1",
      ]);
      expect(started.body.data.runs.every((r: { groupId: string }) => r.groupId === batchId)).toBe(true);

      const deadline = Date.now() + 200_000;
      let status: ApiBody["data"];
      for (;;) {
        status = (await api(`/batches/${batchId}`)).body.data;
        if (["succeeded", "failed", "partly_failed"].includes(status.state) || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect({ state: status.state, succeeded: status.counts.succeeded, total: status.total }).toEqual({
        state: "succeeded",
        succeeded: 2,
        total: 2,
      });
      expect(status.runs.map((r: { tag: string }) => r.tag).sort()).toEqual(["batch Geo0", "batch Geo1"]);
      expect((await api(`/batches/b-00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  }, 300_000);

  it("mmm batch starts a JSON batch and waits for it", async () => {
    const env = {
      ...process.env,
      MMM_DATA_DIR: join(dir, "cli-data"),
      LOG_LEVEL: "silent",
      TRAINER_WORKERS: "1",
      MMM_DEMO_ON_START: "false",
    };
    const cli = join(import.meta.dirname, "../../bin/mmm.js");
    const mmm = (...args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
        child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    writeFileSync(join(dir, "geo.csv"), geoWeeklyCsv());
    expect((await mmm("datasets", "add", join(dir, "geo.csv"), "--name", "geo")).code).toBe(0);
    const defaults = { ...GEO_SPEC, data: { dataset: "geo" }, country: "US" };
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ defaults, runs: [{ market: "Geo2" }, { trials: 0 }] }),
    );
    const bad = await mmm("batch", join(dir, "bad.json"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/row 2, column trials/);

    writeFileSync(join(dir, "batch.json"), JSON.stringify({ defaults, runs: [{ market: "Geo2" }] }));
    const ran = await mmm("batch", join(dir, "batch.json"));
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const last = JSON.parse(ran.stdout.trim().split("\n").at(-1)!) as { state: string; total: number };
    expect(last).toMatchObject({ state: "succeeded", total: 1 });
  }, 300_000);
});
