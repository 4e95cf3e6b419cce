/**
 * Test support: a real run (Robyn's demo data and settings; by default 150 iterations × 2 trials) trained
 * once with `mmm train`, the way users train, and kept in the system's temporary folder for the viewer's
 * tests, browser tests and benchmark. The folder's name carries a hash of the spec and of the trainer's
 * output code, so a change to either trains again. Parallel test workers may both train the first time;
 * the first to finish wins the rename, the other's copy is dropped.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoRunRequest } from "../../core/lifecycle/demo-run.ts";

const REPO = join(import.meta.dirname, "..", "..");
export const DEMO_CSV = join(REPO, "core", "warehouse", "demo-data", "simulated_weekly.csv");
const OUTPUT_CODE = [
  "trainer/trainer.ts",
  "engine/outputs/output-tables.ts",
  "engine/outputs/model-summary.ts",
  "engine/select/recommend.ts",
  "engine/response/marginal-returns.ts",
  // The health checks write into model_summary.json.
  ...readdirSync(join(REPO, "engine", "health"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => join("engine", "health", file)),
];

/** `extra`: spec fields laid over the demo's (e.g. `calibration_input` for a calibrated run). */
export function demoSpec(
  iterations = 150,
  trials = 2,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...demoRunRequest().spec, iterations, trials, ...extra };
}

/**
 * The folder of a trained run (`spec.json`, `input.csv`, `output/…`), training it when needed:
 * `iterations` × `trials` candidates (the benchmark asks for 2000 × 5 = 10,000), with `extra` spec fields.
 */
export async function trainedRunFolder(
  iterations = 150,
  trials = 2,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const spec = demoSpec(iterations, trials, extra);
  const hash = createHash("sha256")
    .update(JSON.stringify(spec))
    .update(OUTPUT_CODE.map((file) => String(statSync(join(REPO, file)).mtimeMs)).join(","))
    .digest("hex")
    .slice(0, 12);
  const folder = join(tmpdir(), `mmm-viewer-fixture-${hash}`);
  if (existsSync(join(folder, "output", "model_summary.json"))) return folder;
  const work = `${folder}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  await mkdir(work, { recursive: true });
  const specFile = join(work, "spec.json");
  await writeFile(specFile, JSON.stringify(spec));
  await run(process.execPath, [
    join(REPO, "bin", "mmm.js"),
    "train",
    "--spec",
    specFile,
    "--data",
    DEMO_CSV,
    "--out",
    work,
    "--workers",
    "2",
  ]);
  try {
    await rename(work, folder);
  } catch {
    await rm(work, { recursive: true, force: true });
  }
  return folder;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`mmm train exited with ${code}: ${err}`)),
    );
  });
}
