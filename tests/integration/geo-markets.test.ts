/**
 * A Meridian-style geo file (markets Geo0…, no country codes) trains one run per market with the holidays
 * of a given country: through the real server (`startApp`: Hono on a port, SQLite, the child-process
 * launcher and trainer) and through the command line (`mmm datasets add`, `mmm train --market`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startApp } from "../../bin/commands/serve.ts";
import { GEO_SPEC, geoWeeklyCsv } from "../fixtures/geo-weekly.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-geo-markets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = "geo-markets-test-token-0123456789abcdef";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an envelope whose data differs per route
type ApiBody = { status: string; message: string; data: any };

describe("geo markets", () => {
  it("trains each geo market with US holidays through the API, and refuses holidays without a country", async () => {
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
    const json = (body: unknown) => ({
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    try {
      const form = new FormData();
      form.set("file", new Blob([geoWeeklyCsv()]), "geo_all_channels.csv");
      form.set("name", "geo");
      expect((await api("/datasets", { method: "POST", body: form })).status).toBe(201);

      const noCountry = await api(
        "/runs",
        json({ ...GEO_SPEC, data: { dataset: "geo" }, markets: ["Geo0"] }),
      );
      expect(noCountry.status).toBe(422);
      expect(noCountry.body.message).toMatch(/country.*holidays apply/);

      const started = await api(
        "/runs",
        json({ ...GEO_SPEC, data: { dataset: "geo" }, markets: ["Geo0", "Geo1"], country: "us" }),
      );
      expect(started.status).toBe(202);
      const ids = (started.body.data.runs as { id: string; country: string }[]).map((r) => r.id);
      expect(started.body.data.runs.map((r: { country: string }) => r.country)).toEqual(["Geo0", "Geo1"]);
      for (const id of ids) {
        const deadline = Date.now() + 150_000;
        let run: ApiBody["data"];
        for (;;) {
          run = (await api(`/runs/${id}`)).body.data;
          if (["succeeded", "failed", "cancelled"].includes(run.status) || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        expect({ status: run.status, failure: run.failure }).toEqual({
          status: "succeeded",
          failure: undefined,
        });
        expect(run.spec).toMatchObject({
          market: run.country,
          country: "US",
          prophet_vars: GEO_SPEC.prophet_vars,
        });
        // The trainer's own summary says which market it modelled and whose holidays it used.
        expect(run.summary).toMatchObject({ market: run.country, country: "US" });
      }
      const listed = await api("/runs?country=Geo1");
      expect(listed.body.data.runs.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
      const best = await fetch(`${app.url}/countries/Geo0/best`);
      expect(best.status).toBe(200);
      expect(await best.text()).toContain(`href="/runs/${ids[0]}"`);
    } finally {
      await app.stop();
    }
  }, 300_000);

  it("trains a geo market with US holidays from the command line", async () => {
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
    writeFileSync(join(dir, "geo-spec.json"), JSON.stringify(GEO_SPEC));
    expect((await mmm("datasets", "add", join(dir, "geo.csv"), "--name", "geo")).code).toBe(0);
    const trained = await mmm(
      "train",
      "--dataset",
      "geo",
      "--market",
      "Geo2",
      "--country",
      "US",
      "--spec",
      join(dir, "geo-spec.json"),
    );
    expect(trained.stderr).toBe("");
    expect(trained.code).toBe(0);
    const last = JSON.parse(trained.stdout.trim().split("\n").at(-1)!) as {
      id: string;
      country: string;
      status: string;
    };
    expect(last).toMatchObject({ country: "Geo2", status: "succeeded" });
    expect(last.id).toMatch(/-geo2-/);
  }, 300_000);
});
