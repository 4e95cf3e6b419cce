/**
 * The demo configuration end to end, as a user runs it: `mmm train` on Robyn's demo (5 paid channels, 1
 * organic, competitor sales, events, Prophet trend/season/holiday for DE, geometric, 2000 x 5, window
 * 2016-01-01..2018-12-31), with every output file and the pictures. Target: under 10 s wall and 1 GiB on
 * a 2-core machine (Robyn: about 12 minutes on 8 vCPUs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";
import { runMmm } from "./child-run.ts";

export interface TrainDemoResult {
  wallSeconds: number;
  trainerSeconds: number;
  peakMemoryMb: number;
  models: number;
  workers: number;
}

export async function benchTrainDemo(): Promise<TrainDemoResult> {
  const dir = mkdtempSync(join(tmpdir(), "mmm-bench-train-"));
  try {
    const specFile = join(dir, "spec.json");
    writeFileSync(specFile, JSON.stringify(DEMO_SPEC));
    const workers = availableParallelism();
    const out = join(dir, "run");
    const run = await runMmm([
      "train",
      "--spec",
      specFile,
      "--data",
      DEMO_DATA_FILE,
      "--out",
      out,
      "--workers",
      String(workers),
    ]);
    const status = JSON.parse(readFileSync(join(out, "status.json"), "utf8"));
    return {
      wallSeconds: run.wallSeconds,
      trainerSeconds: status.resources.wallSeconds,
      peakMemoryMb: run.peakMemoryMb,
      models: DEMO_SPEC.iterations * DEMO_SPEC.trials,
      workers,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
