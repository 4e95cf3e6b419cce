/**
 * `mmm train --data` on a generated 200 MB CSV file, as a process: seconds and peak resident memory
 * (VmHWM, sampled every 25 ms) until it stops at a load limit, or until training starts (its first event)
 * when the limits are raised above the file. Before the streaming reader, the file was read and parsed
 * whole: 58 s and 1.9 GB before training started (3.5 MB/s), with no limit applied.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeBigCsv } from "../fixtures/big-csv.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";

export interface BigDataFileRow {
  name: string;
  seconds: number;
  peakMib: number;
  megabytesPerSecond: number;
  outcome: string;
}

const cli = join(import.meta.dirname, "../../bin/mmm.js");

export async function benchBigDataFile(): Promise<BigDataFileRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "mmm-bench-big-"));
  try {
    const data = join(dir, "big.csv");
    const spec = join(dir, "spec.json");
    writeFileSync(spec, JSON.stringify({ ...DEMO_SPEC, iterations: 200, trials: 1 }));
    await writeBigCsv(data, 200);
    const megabytes = statSync(data).size / 2 ** 20;
    const raised = { WAREHOUSE_MAX_ROWS: "100000000", WAREHOUSE_MAX_BYTES: String(2 ** 40) };
    const runs: [string, Record<string, string>][] = [
      ["default limits (100,000 rows, 64 MB)", {}],
      ["limits raised above the file (read whole)", { ...raised, DUCKDB_MEMORY_LIMIT: "4GB" }],
    ];
    const rows: BigDataFileRow[] = [];
    for (const [name, env] of runs) {
      const run = await trainUntilStartOrExit([spec, data, join(dir, "out")], env);
      rows.push({ name, ...run, megabytesPerSecond: megabytes / run.seconds });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function trainUntilStartOrExit(
  [spec, data, out]: string[],
  env: Record<string, string>,
): Promise<Omit<BigDataFileRow, "name" | "megabytesPerSecond">> {
  const child = spawn(
    process.execPath,
    [cli, "train", "--spec", spec!, "--data", data!, "--out", out!, "--workers", "1"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  const started = performance.now();
  let peakMib = 0;
  let stderr = "";
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakMib = Math.max(peakMib, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // The process has just exited: the last sample stands.
    }
  };
  const timer = setInterval(sample, 25);
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const done = (outcome: string) => {
      sample();
      clearInterval(timer);
      resolve({ seconds: (performance.now() - started) / 1000, peakMib, outcome });
      child.kill("SIGKILL");
    };
    child.stdout.once("data", () => done("training started"));
    child.on("exit", () =>
      done(
        stderr
          .split("\n")
          .find((l) => l.startsWith("error:"))
          ?.slice(0, 90) ?? "exited",
      ),
    );
  });
}
