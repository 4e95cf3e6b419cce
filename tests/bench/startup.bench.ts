/**
 * Start-up, as a user meets it: `mmm --help`, one `mmm fit` of Robyn's demo (each range's midpoint, lambda
 * 20000) and `mmm start` on a fresh data folder until its first page answers, each a child process timed
 * from spawn to exit (or to the page), median of several runs, beside `node -e 0` timed in the same run.
 * bin/mmm.js runs the compiled dist/ when the build is current, else the TypeScript through tsx; the rows
 * say which. Targets: --help <= 0.3 s, one fit <= 0.6 s, first page <= 3 s.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_DATA_FILE, DEMO_SPEC } from "../fixtures/demo-spec.ts";

const CLI = join(import.meta.dirname, "../../bin/mmm.js");
const BUILD = join(import.meta.dirname, "../../dist/bin/mmm.js");

export interface StartupResult {
  compiled: boolean;
  nodeSeconds: number;
  helpSeconds: number;
  fitSeconds: number;
  firstPageSeconds: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time of `node <args>` run to its end, after one unmeasured run (disk cache). */
function timeProcess(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
    if (i > 0) samples.push((performance.now() - started) / 1000);
  }
  return median(samples);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** `mmm start` on a fresh data folder: seconds from spawn until GET / answers 200; then the app is stopped. */
async function timeFirstPage(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "mmm-bench-start-"));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "start"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", MMM_DATA_DIR: dataDir, LOG_LEVEL: "error" },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mmm start exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return (performance.now() - started) / 1000;
      if (performance.now() - started > 60_000) throw new Error("mmm start gave no page within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchStartup(runs = 10, pageRuns = 3): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), "mmm-bench-startup-"));
  try {
    const midpoints = Object.fromEntries(
      Object.entries(DEMO_SPEC.hyperparameters).map(([name, range]) => [
        name,
        Array.isArray(range) ? (range[0]! + range[1]!) / 2 : range,
      ]),
    );
    const specFile = join(dir, "spec.json");
    writeFileSync(
      specFile,
      JSON.stringify({ ...DEMO_SPEC, hyperparameters: { ...midpoints, lambda: 20000 } }),
    );
    const pages: number[] = [];
    for (let i = 0; i < pageRuns; i++) pages.push(await timeFirstPage());
    return {
      compiled: existsSync(BUILD),
      nodeSeconds: timeProcess(["-e", "0"], runs),
      helpSeconds: timeProcess([CLI, "--help"], runs),
      fitSeconds: timeProcess([CLI, "fit", "--spec", specFile, "--data", DEMO_DATA_FILE], runs),
      firstPageSeconds: median(pages),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startupRows(r: StartupResult): [string, string][] {
  const row = (seconds: number, target: number) =>
    `${seconds.toFixed(3)} s (target <= ${target} s) = ${(seconds / r.nodeSeconds).toFixed(1)}x node -e 0`;
  return [
    [
      "runs",
      r.compiled ? "dist/ present (bin/mmm.js runs it when current)" : "no dist/: TypeScript through tsx",
    ],
    ["node -e 0 (baseline of this section)", `${r.nodeSeconds.toFixed(3)} s`],
    ["mmm --help", row(r.helpSeconds, 0.3)],
    ["mmm fit, Robyn's demo, one model", row(r.fitSeconds, 0.6)],
    ["mmm start to first page (fresh data folder)", row(r.firstPageSeconds, 3)],
  ];
}
