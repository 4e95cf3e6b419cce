/**
 * The scale case: three years of daily data with 30 paid channels (`scale-data.ts`), 2000 × 5, trained
 * with `mmm train` in a child process. Targets (issue 12): at most 20 s on a quiet 2-core machine and at
 * most 1 GiB peak memory (Cloud Run's default task); and Robyn's demo at 10000 × 5 under 10 s end to end.
 * Peak memory is the child's own maxRSS, reported also as a multiple of an idle `mmm` process (`--help`,
 * measured in the same run: node, the TypeScript loader and the CLI's imports).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";
import { runMmm, type ChildRun } from "./child-run.ts";
import { SCALE_CHANNELS, SCALE_DAYS, scaleCsv, scaleSpec } from "./scale-data.ts";

export interface TrainScaleResult {
  idle: ChildRun;
  scale: ChildRun;
  demo10k: ChildRun;
  workers: number;
}

export async function benchTrainScale(): Promise<TrainScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), "mmm-bench-scale-"));
  try {
    const workers = availableParallelism();
    const train = (name: string, spec: object, dataFile: string) => {
      const specFile = join(dir, `${name}.json`);
      writeFileSync(specFile, JSON.stringify(spec));
      const out = join(dir, name);
      return runMmm([
        "train",
        "--spec",
        specFile,
        "--data",
        dataFile,
        "--out",
        out,
        "--workers",
        `${workers}`,
      ]);
    };
    const scaleData = join(dir, "scale.csv");
    writeFileSync(scaleData, scaleCsv());
    const idle = await runMmm(["--help"]);
    const scale = await train("scale", scaleSpec(2000, 5), scaleData);
    const demo10k = await train("demo10k", { ...DEMO_SPEC, iterations: 10_000 }, DEMO_DATA_FILE);
    return { idle, scale, demo10k, workers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function trainScaleRows(r: TrainScaleResult, baselineSeconds: number): [string, string][] {
  const units = (seconds: number) =>
    `${Math.round(seconds / baselineSeconds).toLocaleString("en")} baseline units`;
  const memory = (run: ChildRun) =>
    `${run.peakMemoryMb.toFixed(0)} MiB (target ≤ 1024 MiB) = ${(run.peakMemoryMb / r.idle.peakMemoryMb).toFixed(1)}x an idle mmm`;
  const scaleName = `daily ${SCALE_DAYS} days x ${SCALE_CHANNELS} channels, 2000 x 5`;
  return [
    ["idle mmm (--help) peak memory, the memory baseline", `${r.idle.peakMemoryMb.toFixed(0)} MiB`],
    [
      `${scaleName}: wall`,
      `${r.scale.wallSeconds.toFixed(2)} s (target ≤ 20 s quiet) = ${units(r.scale.wallSeconds)}, ${r.workers} worker(s)`,
    ],
    [`${scaleName}: peak memory`, memory(r.scale)],
    [
      "demo 10000 x 5: wall",
      `${r.demo10k.wallSeconds.toFixed(2)} s (target < 10 s) = ${units(r.demo10k.wallSeconds)}`,
    ],
    ["demo 10000 x 5: peak memory", memory(r.demo10k)],
  ];
}
