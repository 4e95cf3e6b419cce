/**
 * The command line over the app's own stores: `mmm datasets add` and `list`, `mmm train --dataset` (the
 * app's path: checks, snapshot, launcher, trainer events), and `mmm import` of a folder trained with
 * `mmm train --out`, which the viewer then opens like any run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startApp } from "../../bin/commands/serve.ts";
import { germanCsvText, weeklyRows, csvText } from "../fixtures/dataset-files.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-datasets-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(import.meta.dirname, "../../bin/mmm.js");
const env = {
  ...process.env,
  MMM_DATA_DIR: join(dir, "data"),
  LOG_LEVEL: "silent",
  TRAINER_WORKERS: "1",
  MMM_DEMO_ON_START: "false",
};

function mmm(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const SPEC = {
  dep_var: "revenue",
  dep_var_type: "revenue",
  paid_media_spends: ["tv_S", "search_S"],
  context_vars: ["competitor_sales"],
  iterations: 60,
  trials: 1,
  min_candidates: 10,
};

describe("mmm datasets, train --dataset, import", () => {
  it("adds and lists datasets, and trains on one by name", async () => {
    writeFileSync(join(dir, "Umsatz.csv"), germanCsvText(weeklyRows(120)));
    const added = await mmm("datasets", "add", join(dir, "Umsatz.csv"), "--name", "umsatz");
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(/^umsatz@1: 240 rows, 6 columns, DATE from 2021-01-04 to 2023-04-17/);
    expect(added.stdout).toMatch(/semicolon-separated, decimal comma/);
    const bad = await mmm("datasets", "add", join(dir, "missing.csv"));
    expect(bad.code).toBe(2);
    const listed = await mmm("datasets", "list");
    expect(listed.stdout).toMatch(/umsatz@1\s+240\s+6\s+2021-01-04\.\.2023-04-17/);

    writeFileSync(join(dir, "spec.json"), JSON.stringify(SPEC));
    const trained = await mmm(
      "train",
      "--dataset",
      "umsatz",
      "--country",
      "FR",
      "--spec",
      join(dir, "spec.json"),
    );
    expect(trained.stderr).toBe("");
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/FR {2}succeeded/);
  }, 240_000);

  it("imports a folder trained with mmm train --out, and the viewer opens it", async () => {
    writeFileSync(join(dir, "de.csv"), csvText(weeklyRows(120, ["DE"])));
    writeFileSync(join(dir, "de-spec.json"), JSON.stringify({ ...SPEC, country: "DE" }));
    const out = join(dir, "run-out");
    const trained = await mmm(
      "train",
      "--spec",
      join(dir, "de-spec.json"),
      "--data",
      join(dir, "de.csv"),
      "--out",
      out,
      "--workers",
      "1",
    );
    expect(trained.code).toBe(0);
    const notARun = await mmm("import", dir);
    expect(notARun.code).toBe(2);
    expect(notARun.stderr).toMatch(/not a trained run folder/);
    const imported = await mmm("import", out, "--tag", "from-cli");
    expect(imported.stderr).toBe("");
    const id = /^(\S+) {2}DE {2}imported/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();

    const app = await startApp({ ...env, PORT: "0" }, { demo: false });
    try {
      const run = await app.services.runs.getRun(id!);
      expect(run).toMatchObject({ status: "succeeded", country: "DE", tag: "from-cli" });
      const page = await fetch(`${app.url}/runs/${id}`);
      expect(page.status).toBe(200);
      const best = (run!.summary as { best_model: { model_id: string } }).best_model.model_id;
      const model = await fetch(`${app.url}/runs/${id}/models/${best}`);
      expect(model.status).toBe(200);
    } finally {
      await app.stop();
    }
  }, 240_000);
});
