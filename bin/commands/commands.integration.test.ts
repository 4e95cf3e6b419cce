/**
 * The command line's other commands through their real paths: `mmm runs`/`mmm status` on an app data
 * folder, `mmm allocate` on a run folder written by `mmm train`, `mmm train --table` through the app, and
 * `mmm schema`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../../tests/fixtures/demo-spec.ts";
import { allocateCommand } from "./allocate.ts";
import { runsCommand, statusCommand } from "./runs.ts";
import { schemaCommand } from "./schema.ts";
import { trainCommand } from "./train.ts";
import { trainOnPlatform } from "./train-on-platform.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-commands-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

const appEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  MMM_DATA_DIR: join(dir, "app"),
  TRAINER_WORKERS: "1",
  LOG_LEVEL: "silent",
};

describe("mmm runs, mmm train --table, mmm status", () => {
  it("lists no runs on a fresh data folder, then the runs mmm train --table started", async () => {
    const empty = capture();
    await runsCommand([], empty.io, appEnv);
    expect(empty.out).toEqual(["No runs yet. Start one with `mmm train` or /mmm train in Slack."]);

    const specFile = join(dir, "table-spec.json");
    // A spec written for a file: --table names the source instead.
    const fileSpec = { ...DEMO_SPEC, data: { file: "not-read.csv" }, iterations: 150, trials: 2 };
    writeFileSync(specFile, JSON.stringify(fileSpec));
    const trained = capture();
    const code = await trainOnPlatform(
      { table: "DEMO.SIMULATED_WEEKLY", country: "DE", spec: specFile, tag: "cli-test" },
      trained.io,
      appEnv,
    );
    expect(code).toBe(0);
    // Not a terminal: one JSON line per change, the last with the viewer link.
    const lines = trained.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    const runId = lines[0]!.id as string;
    expect(lines[0]).toEqual({ id: runId, country: "DE", status: "queued" });
    expect(lines.at(-1)).toMatchObject({
      id: runId,
      status: "succeeded",
      viewerUrl: `http://localhost:8080/runs/${runId}`,
    });

    const stored = JSON.parse(
      readFileSync(join(dir, "app", "artifacts", "runs", runId, "spec.json"), "utf8"),
    );
    expect(stored.data).toEqual({ table: "DEMO.SIMULATED_WEEKLY" });

    const listed = capture();
    await runsCommand(["--country", "de", "--status", "succeeded"], listed.io, appEnv);
    expect(listed.out[1]).toMatch(new RegExp(`^${runId}\\s+DE\\s+succeeded.*cli-test$`));

    const status = capture();
    await statusCommand([runId], status.io, appEnv);
    expect(JSON.parse(status.out.join("\n"))).toMatchObject({
      id: runId,
      status: "succeeded",
      tag: "cli-test",
      viewerUrl: `http://localhost:8080/runs/${runId}`,
    });
    const inTerminal = capture();
    const written: string[] = [];
    await statusCommand(
      [runId],
      { ...inTerminal.io, terminal: { write: (t) => written.push(t), columns: 80 } },
      appEnv,
    );
    expect(inTerminal.out.join("\n")).toMatch(
      new RegExp(
        `^${runId}  DE  succeeded\n  started .+ tag cli-test\n  best model \\d+_\\d+_\\d+\n  http://localhost:8080/runs/${runId}$`,
      ),
    );
    await expect(statusCommand(["20991231T000000Z-de-000000"], capture().io, appEnv)).rejects.toThrow(
      "There is no run 20991231T000000Z-de-000000 (see mmm runs).",
    );
    await expect(runsCommand(["--status", "done"], capture().io, appEnv)).rejects.toThrow(
      '--status must be one of queued, preparing, running, succeeded, failed, cancelled, not "done".',
    );
  });
});

describe("mmm allocate", () => {
  it("writes the allocation table, JSON and picture beside a run folder's outputs", async () => {
    const specFile = join(dir, "spec.json");
    // A spec written for a file: --table names the source instead.
    const fileSpec = { ...DEMO_SPEC, data: { file: "not-read.csv" }, iterations: 150, trials: 2 };
    writeFileSync(specFile, JSON.stringify(fileSpec));
    const out = join(dir, "run");
    expect(
      await trainCommand(
        ["--spec", specFile, "--data", DEMO_DATA_FILE, "--out", out, "--workers", "1"],
        capture().io,
      ),
    ).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "output", "model_summary.json"), "utf8"));
    const model = summary.best_model.model_id as string;

    const io = capture();
    await allocateCommand(["--run", out, "--model", model, "--low", "0.7", "--high", "1.5"], io.io, {});
    expect(io.out[0]!.split(",").slice(0, 3)).toEqual(["dep_var_type", "scenario", "channels"]);
    expect(io.err[0]).toMatch(
      new RegExp(`^${model}, 2016-01-04 to 2018-12-31 \\(157 periods\\): response \\d+ → \\d+`),
    );
    for (const ext of ["csv", "json", "png"]) {
      expect(existsSync(join(out, "output", "allocator", `${model}_max_response.${ext}`))).toBe(true);
    }
    const terminal = capture();
    await allocateCommand(
      ["--run", out, "--model", model],
      { ...terminal.io, terminal: { write: () => undefined, columns: 100 } },
      {},
    );
    expect(terminal.out[0]!.split("\n")[0]).toMatch(/^channel +spend now +optimised +change +response now/);
    expect(terminal.out[0]!.split("\n").at(-1)).toMatch(/^total +[\d,]+ +[\d,]+ /);
    await expect(allocateCommand(["--run", out, "--model", "9_9_9"], capture().io, {})).rejects.toThrow(
      new RegExp(
        `^Run ${out} has no Pareto model 9_9_9\\. Best model ${model}; cluster tops .+ \\(all \\d+ in`,
      ),
    );
    await expect(
      allocateCommand(["--run", out, "--model", model, "--target-cpa", "20"], capture().io, {}),
    ).rejects.toThrow(
      "--target-cpa does not apply: this model's goal is revenue (dep_var_type), so its target is --target-roas.",
    );
    await expect(
      allocateCommand(
        ["--run", out, "--model", model, "--budget", "1", "--target-roas", "2"],
        capture().io,
        {},
      ),
    ).rejects.toThrow(
      "Give either --budget or a target (--target-roas / --target-cpa), not budget and target-roas.",
    );
  });
});

describe("mmm schema", () => {
  it("prints the RunSpec's JSON Schema", async () => {
    const io = capture();
    await schemaCommand([], io.io);
    const schema = JSON.parse(io.out.join("\n"));
    expect(schema.title).toBe("RunSpec");
    expect(schema.required).toEqual(expect.arrayContaining(["dep_var", "paid_media_spends"]));
    // A run names its market, its holiday country, or both (one of them is enough).
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["market", "country"]));
  });
});
