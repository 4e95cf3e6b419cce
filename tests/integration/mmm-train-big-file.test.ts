/**
 * `mmm train` given a data file far over the load limits (about 150 MB): it fails with the limit error
 * before any training instead of reading the file whole, and SIGTERM while it reads stops it at once.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBigCsv } from "../fixtures/big-csv.ts";
import { DEMO_SPEC } from "../fixtures/demo-spec.ts";

const dir = mkdtempSync(join(tmpdir(), "mmm-train-big-"));
const bigFile = join(dir, "big.csv");
const specFile = join(dir, "spec.json");
const cli = join(import.meta.dirname, "../../bin/mmm.js");
beforeAll(async () => {
  writeFileSync(specFile, JSON.stringify({ ...DEMO_SPEC, iterations: 200, trials: 1 }));
  await writeBigCsv(bigFile, 150);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function train(out: string, env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [cli, "train", "--spec", specFile, "--data", bigFile, "--out", join(dir, out), "--workers", "1"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // "close": the process has exited and its output has been read to the end.
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return { child, exit, closed, stderr: () => stderr, stdout: () => stdout };
}

describe("mmm train with a data file over the limits", () => {
  it("fails with the row limit before any training", async () => {
    const run = train("over-limit");
    expect(await run.exit).toBe(2);
    await run.closed;
    expect(run.stderr()).toContain(`error: The data file ${bigFile} has more than 100,000 rows`);
    expect(run.stderr()).toContain("WAREHOUSE_MAX_ROWS");
    expect(run.stdout()).toBe("");
    expect(existsSync(join(dir, "over-limit", "status.json"))).toBe(false);
  }, 60_000);

  it("stops within two seconds when SIGTERM comes while the file is read", async () => {
    // Limits raised so that the whole file is read: the read is what SIGTERM must interrupt.
    const run = train("cancelled", {
      WAREHOUSE_MAX_ROWS: "100000000",
      WAREHOUSE_MAX_BYTES: String(2 ** 40),
      DUCKDB_MEMORY_LIMIT: "4GB",
    });
    await new Promise<void>((resolve) => {
      const check = () =>
        run.stderr().includes("reading the data file") ? resolve() : setTimeout(check, 20);
      check();
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run.child.exitCode).toBeNull();
    const sent = performance.now();
    run.child.kill("SIGTERM");
    const code = await run.exit;
    const seconds = (performance.now() - sent) / 1000;
    console.log(`stopped ${seconds.toFixed(2)} s after SIGTERM while reading`);
    expect(seconds).toBeLessThan(2);
    expect(code).toBe(130);
    await run.closed;
    expect(run.stderr() + run.stdout()).toContain("cancelled: stopped while reading the data file");
    expect(existsSync(join(dir, "cancelled", "status.json"))).toBe(false);
  }, 60_000);
});
